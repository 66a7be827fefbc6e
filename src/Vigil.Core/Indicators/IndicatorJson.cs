using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Core.Indicators;

/// <summary>
/// The JSON form of an indicator definition: what the data directory stores, what <c>vigil indicators show --json</c>
/// prints and what an export file holds (docs/indicators.md). Reading checks every field and names the wrong one.
/// </summary>
public static class IndicatorJson
{
    /// <summary>Compact, readable Chinese (no \u escapes).</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>The definition as a JSON object, fields in a fixed order.</summary>
    public static JsonObject ToJson(IndicatorDefinition indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var source = new JsonObject { ["kind"] = indicator.Source.Kind };
        switch (indicator.Source)
        {
            case TermSource t:
                source["terms"] = Strings(t.Terms);
                source["rate"] = t.Rate;
                source["stem"] = t.Stem;
                break;
            case FormulationSource f:
                source["formulation"] = f.Formulation;
                source["zh"] = Strings(f.Zh);
                source["en"] = Strings(f.En);
                source["near"] = Strings(f.Near);
                source["rate"] = f.Rate;
                break;
            case DomainSource d:
                source["domain"] = d.Domain;
                source["taxonomy"] = d.Taxonomy;
                break;
            case IndexSource i:
                source["index"] = i.Index;
                source["taxonomy"] = i.Taxonomy;
                break;
            case EventSource e:
                source["type"] = e.Type;
                source["country"] = e.Country;
                source["bloc"] = e.Bloc;
                source["confirmed_only"] = e.ConfirmedOnly;
                break;
            case CsvSource c:
                source["file"] = c.File;
                source["sha256"] = c.Sha256;
                break;
        }

        if (indicator.Source is not CsvSource and not EventSource)
        {
            source["sources"] = Strings(indicator.Source.Sources);
        }

        var parameters = new JsonObject();
        foreach (var (key, value) in indicator.Detector.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            parameters[key] = value;
        }

        return new JsonObject
        {
            ["id"] = indicator.Id,
            ["name"] = indicator.Name,
            ["period"] = PeriodNames.Of(indicator.Period),
            ["source"] = source,
            ["detector"] = new JsonObject { ["name"] = indicator.Detector.Name, ["params"] = parameters },
            ["thresholds"] = indicator.Thresholds is { } th
                ? new JsonObject { ["medium"] = th.Medium, ["high"] = th.High, ["critical"] = th.Critical }
                : null,
        };
    }

    public static string Serialize(IndicatorDefinition indicator) => ToJson(indicator).ToJsonString(Options);

    /// <summary>
    /// The definition with the number of its alerts in each state and, for an imported series, its stored rows
    /// (<c>vigil indicators show --json</c>).
    /// </summary>
    public static JsonObject WithAlerts(IndicatorDefinition indicator, IEnumerable<Alerts.Alert> alerts, int? rows)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var own = alerts.Where(a => a.Indicator == indicator.Id).ToList();
        var counts = new JsonObject();
        foreach (var state in Enum.GetValues<Alerts.AlertState>())
        {
            counts[Alerts.AlertNames.Of(state)] = own.Count(a => a.State == state);
        }

        var json = ToJson(indicator);
        json["alerts"] = counts;
        json["rows"] = rows;
        return json;
    }

    /// <summary>The JSON of a computed series, each point with its documents and contributors (<c>vigil indicators series --json</c>).</summary>
    public static JsonObject Series(IndicatorSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new JsonObject
        {
            ["indicator"] = series.Indicator.Id,
            ["name"] = series.Indicator.Name,
            ["period"] = PeriodNames.Of(series.Indicator.Period),
            ["unit"] = series.Unit,
            ["undated"] = series.Undated,
            ["imprecise"] = series.Imprecise,
            ["notes"] = new JsonArray([.. series.Notes.Select(n => (JsonNode?)JsonValue.Create(n))]),
            ["points"] = new JsonArray([.. series.Points.Select(p => (JsonNode)new JsonObject
            {
                ["period"] = p.Period,
                ["start"] = p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["value"] = p.Value,
                ["count"] = p.Count,
                ["basis"] = p.Basis,
                ["documents"] = p.Documents,
                ["doc_ids"] = new JsonArray([.. p.DocumentIds.Select(d => (JsonNode?)JsonValue.Create(d))]),
                ["event_ids"] = new JsonArray([.. p.EventIds.Select(d => (JsonNode?)JsonValue.Create(d))]),
                ["top"] = new JsonArray([.. p.Top.Select(d => (JsonNode)new JsonObject
                {
                    ["id"] = d.Id,
                    ["title"] = d.Title,
                    ["date"] = d.Date,
                    ["contribution"] = d.Contribution,
                    ["spans"] = new JsonArray([.. d.Spans.Select(s => (JsonNode)new JsonObject { ["start"] = s.Start, ["end"] = s.End, ["text"] = s.Text })]),
                })]),
            })]),
        };
    }

    /// <summary>Reads a definition; on failure, the error names <paramref name="where"/> and the field.</summary>
    public static (IndicatorDefinition? Indicator, string? Error) FromJson(JsonNode? node, string where)
    {
        try
        {
            return (Read(node, where), null);
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }
    }

    public static (IndicatorDefinition? Indicator, string? Error) Deserialize(string json, string where)
    {
        try
        {
            return FromJson(JsonNode.Parse(json), where);
        }
        catch (JsonException ex)
        {
            return (null, $"{where}: not valid JSON ({ex.Message})");
        }
    }

    private static IndicatorDefinition Read(JsonNode? node, string where)
    {
        if (node is not JsonObject o)
        {
            throw new FormatException($"{where}: an indicator must be a JSON object");
        }

        var id = Text(o, "id", where, required: true)!;
        where = $"{where} (indicator '{id}')";
        if (!IndicatorDefinition.IsValidId(id))
        {
            throw new FormatException($"{where}: field id must be letters, digits, '-', '_' or '.', starting with a letter or digit, at most {IndicatorDefinition.MaxIdLength} characters");
        }

        var name = Text(o, "name", where, required: true)!;
        if (!PeriodNames.TryParse(Text(o, "period", where, required: true), out var period))
        {
            throw new FormatException($"{where}: field period must be day, week, month or year");
        }

        if (o["source"] is not JsonObject s)
        {
            throw new FormatException($"{where}: field source must be an object with a kind");
        }

        var kind = Text(s, "kind", where + " source", required: true);
        var sw = where + " source";
        IndicatorSource source = kind switch
        {
            "terms" => new TermSource(List(s, "terms", sw, nonEmpty: true), Bool(s, "rate", sw), Bool(s, "stem", sw)),
            "formulation" => new FormulationSource(Text(s, "formulation", sw, required: true)!, List(s, "zh", sw, nonEmpty: false),
                List(s, "en", sw, nonEmpty: false), List(s, "near", sw, nonEmpty: false), Bool(s, "rate", sw)),
            "domain" => new DomainSource(Text(s, "domain", sw, required: true)!, Text(s, "taxonomy", sw, required: true)!),
            "index" => new IndexSource(Text(s, "index", sw, required: true)!, Text(s, "taxonomy", sw, required: true)!),
            "events" => new EventSource(Text(s, "type", sw, required: false), Text(s, "country", sw, required: false), Text(s, "bloc", sw, required: false))
            {
                ConfirmedOnly = Bool(s, "confirmed_only", sw),
            },
            "csv" => new CsvSource(Text(s, "file", sw, required: true)!, Text(s, "sha256", sw, required: true)!),
            _ => throw new FormatException($"{where}: field source.kind must be terms, formulation, domain, index, events or csv (got '{kind}')"),
        };
        if (source is FormulationSource { Zh.Count: 0, En.Count: 0 })
        {
            throw new FormatException($"{where}: a formulation source needs at least one form in source.zh or source.en");
        }

        if (source is IndexSource { Index: not "securitization" })
        {
            throw new FormatException($"{where}: field source.index must be securitization");
        }

        if (source is not CsvSource and not EventSource && s.ContainsKey("sources"))
        {
            source = source with { Sources = List(s, "sources", sw, nonEmpty: false) };
        }

        var detector = DetectorSpec.Default;
        if (o["detector"] is JsonObject d)
        {
            var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (d["params"] is JsonObject p)
            {
                foreach (var (key, value) in p)
                {
                    parameters[key] = value is JsonValue v && v.TryGetValue<string>(out var x) && x.Length > 0
                        ? x
                        : throw new FormatException($"{where}: field detector.params.{key} must be a non-empty string");
                }
            }
            else if (d["params"] is not null)
            {
                throw new FormatException($"{where}: field detector.params must be an object of strings");
            }

            detector = new DetectorSpec(Text(d, "name", where + " detector", required: true)!, parameters);
        }
        else if (o["detector"] is not null)
        {
            throw new FormatException($"{where}: field detector must be an object with a name");
        }

        SeverityThresholds? thresholds = null;
        if (o["thresholds"] is JsonObject t)
        {
            thresholds = new SeverityThresholds(Number(t, "medium", where), Number(t, "high", where), Number(t, "critical", where));
            if (Thresholds.Check(thresholds) is { } problem)
            {
                throw new FormatException($"{where}: {problem}");
            }
        }
        else if (o["thresholds"] is not null)
        {
            throw new FormatException($"{where}: field thresholds must be an object (medium, high, critical) or null");
        }

        return new IndicatorDefinition { Id = id, Name = name, Period = period, Source = source, Detector = detector, Thresholds = thresholds };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static string? Text(JsonObject o, string field, string where, bool required)
    {
        var node = o[field];
        if (node is null)
        {
            return required ? throw new FormatException($"{where}: field {field} is missing") : null;
        }

        if (node is JsonValue v && v.TryGetValue<string>(out var text) && (!required || !string.IsNullOrWhiteSpace(text)))
        {
            return text;
        }

        throw new FormatException($"{where}: field {field} must be a {(required ? "non-empty " : "")}string");
    }

    private static bool Bool(JsonObject o, string field, string where)
    {
        var node = o[field];
        if (node is null)
        {
            return false;
        }

        return node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw new FormatException($"{where}: field {field} must be true or false");
    }

    private static double? Number(JsonObject o, string field, string where)
    {
        var node = o[field];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue v && v.TryGetValue<double>(out var x) && double.IsFinite(x)
            ? x
            : throw new FormatException($"{where}: field thresholds.{field} must be a number or null");
    }

    private static List<string> List(JsonObject o, string field, string where, bool nonEmpty)
    {
        var node = o[field];
        if (node is null && !nonEmpty)
        {
            return [];
        }

        if (node is JsonArray a)
        {
            var list = new List<string>(a.Count);
            foreach (var item in a)
            {
                list.Add(item is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)
                    ? text
                    : throw new FormatException($"{where}: field {field} must hold non-empty strings only"));
            }

            if (list.Count > 0 || !nonEmpty)
            {
                return list;
            }
        }

        throw new FormatException($"{where}: field {field} must be a {(nonEmpty ? "non-empty " : "")}list of strings");
    }
}

/// <summary>Checks on severity thresholds.</summary>
public static class Thresholds
{
    /// <summary>Null when the levels rise with severity (medium &lt; high &lt; critical, where given); else what is wrong.</summary>
    public static string? Check(SeverityThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var given = new (string Name, double? Value)[] { ("medium", thresholds.Medium), ("high", thresholds.High), ("critical", thresholds.Critical) }
            .Where(x => x.Value is not null).ToList();
        if (given.Count == 0)
        {
            return "severity thresholds need at least one of medium, high, critical";
        }

        for (var i = 1; i < given.Count; i++)
        {
            if (given[i].Value <= given[i - 1].Value)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"threshold {given[i].Name} ({given[i].Value}) must be above {given[i - 1].Name} ({given[i - 1].Value})");
            }
        }

        return null;
    }
}
