using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Core.Alerts;
using Vigil.Core.Domains;
using Vigil.Core.Events;
using Vigil.Core.Geo;
using Vigil.Core.Terms;
using Vigil.Core.Tifa;

namespace Vigil.Core.Indicators;

/// <summary>A new indicator read from a request, or the field that is wrong and why.</summary>
/// <param name="Field">The JSON path of the wrong field (<c>source.terms</c>, <c>detector.params.window</c> …), for the caller to name.</param>
public sealed record IndicatorRequestResult(IndicatorDefinition? Indicator, IReadOnlyList<ImportedPoint>? Points, string? Field, string? Error);

/// <summary>
/// Reads an indicator posted as JSON (<c>POST /api/indicators</c>) with the checks <c>vigil indicators add</c> makes. The
/// body is the definition shape of <see cref="IndicatorJson"/>, made easier to write by hand: the detector may be left out
/// (<c>auto</c>); a formulation source may give only its id or form (the forms are copied from the built-in dictionary,
/// as the CLI does); a domain or index source may leave out its taxonomy (the latest); an events source's country may be
/// a name; and a csv source carries its rows as CSV text in <c>source.csv</c> (read as <see cref="ImportedSeries"/>
/// reads a file, every bad line named) with an optional <c>source.file</c> name kept for the record.
/// </summary>
public static class IndicatorRequest
{
    /// <summary>The name a posted series is recorded under when the request gives none.</summary>
    public const string DefaultCsvName = "posted.csv";

    /// <param name="taxonomy">The data directory's taxonomy (latest version, its file applied), or null when it cannot be loaded.</param>
    /// <param name="eventTypes">The event types a <c>type</c> must fall within.</param>
    public static IndicatorRequestResult Read(JsonNode? body, Taxonomy? taxonomy, EventTypeCatalog eventTypes)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        if (body is not JsonObject original)
        {
            return Fail("", "the body must be a JSON object: {\"id\",\"name\",\"period\",\"source\":{\"kind\",…},\"detector\":{\"name\",\"params\"}}");
        }

        // Work on a copy: the defaults filled in below must not change the caller's node.
        var o = (JsonObject)original.DeepClone();
        o["detector"] ??= new JsonObject { ["name"] = DetectorSpec.Auto };
        if (o["name"] is JsonValue n && n.TryGetValue<string>(out var name) && name.Trim().Length is 0 or > 200)
        {
            return Fail("name", "field name must be a readable name of 1 to 200 characters");
        }

        IReadOnlyList<ImportedPoint>? points = null;
        if (o["source"] is JsonObject s)
        {
            var kind = s["kind"] is JsonValue k && k.TryGetValue<string>(out var text) ? text : null;
            switch (kind)
            {
                case "formulation" when s["zh"] is null && s["en"] is null:
                    if (s["formulation"] is not JsonValue fv || !fv.TryGetValue<string>(out var wanted) || string.IsNullOrWhiteSpace(wanted))
                    {
                        return Fail("source.formulation", "field source.formulation must be a formulation id or form ('vigil tifa list' shows them)");
                    }

                    if (FormulationDictionary.BuiltIn.Find(wanted) is not { } found)
                    {
                        var close = FormulationDictionary.BuiltIn.CloseIds(wanted);
                        return Fail("source.formulation", $"no formulation '{wanted}' in the dictionary{(close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : "")}");
                    }

                    s["formulation"] = found.Id;
                    s["zh"] = Strings(found.Zh);
                    s["en"] = Strings(found.En);
                    s["near"] = Strings(found.Near);
                    break;
                case "domain" or "index" when s["taxonomy"] is null:
                    if (taxonomy?.Version is not { } version)
                    {
                        return Fail("source.taxonomy", "the data directory's taxonomy cannot be loaded; fix taxonomy.vtax or give source.taxonomy");
                    }

                    s["taxonomy"] = version;
                    break;
                case "csv":
                    if (s["csv"] is not JsonValue cv || !cv.TryGetValue<string>(out var csv))
                    {
                        return Fail("source.csv", "field source.csv must hold the series as CSV text (timestamp,value lines)");
                    }

                    var file = s["file"] is JsonValue f && f.TryGetValue<string>(out var given) && !string.IsNullOrWhiteSpace(given) ? given.Trim() : DefaultCsvName;
                    if (file.Length > 200)
                    {
                        return Fail("source.file", "field source.file may have at most 200 characters");
                    }

                    if (!PeriodNames.TryParse(o["period"] is JsonValue pv && pv.TryGetValue<string>(out var p) ? p : null, out var period))
                    {
                        return Fail("period", "field period must be day, week, month or year");
                    }

                    var bytes = Encoding.UTF8.GetBytes(csv);
                    if (bytes.Length > ImportedSeries.MaxBytes)
                    {
                        return Fail("source.csv", $"field source.csv has {bytes.Length:N0} bytes; at most {ImportedSeries.MaxBytes:N0} are allowed");
                    }

                    var read = ImportedSeries.Parse(bytes, "source.csv", period);
                    if (read.Errors.Count > 0)
                    {
                        return Fail("source.csv", string.Join("; ", read.Errors));
                    }

                    if (read.Points.Count == 0)
                    {
                        return Fail("source.csv", "field source.csv has no rows (timestamp,value lines)");
                    }

                    s.Remove("csv");
                    s["file"] = file;
                    s["sha256"] = read.Sha256;
                    points = read.Points;
                    break;
            }
        }

        var (indicator, error) = IndicatorJson.FromJson(o, "body");
        if (indicator is null)
        {
            return Fail(FieldOf(error!), error!);
        }

        if (DetectorEvaluator.Check(indicator.Detector) is { } detectorProblem)
        {
            return Fail("detector", $"field detector: {detectorProblem}");
        }

        switch (indicator.Source)
        {
            case TermSource t when TermSet.TryCompile(t.Terms, new TermOptions { Stem = t.Stem }).Error is { } termError:
                return Fail("source.terms", $"field source.terms: {termError}");
            case DomainSource d when taxonomy is not null && d.Taxonomy == taxonomy.Version && taxonomy.Find(d.Domain) is null:
                return Fail("source.domain", $"field source.domain: '{d.Domain}' is not in taxonomy {taxonomy.Version}; allowed: {string.Join(", ", taxonomy.Domains.Select(x => x.Id))}");
            case EventSource e:
                var type = e.Type?.Trim().ToLowerInvariant();
                if (type is not null && !eventTypes.Types.Any(x => EventTypeCatalog.IsWithin(x.Id, type)))
                {
                    return Fail("source.type", $"field source.type: '{e.Type}' is not an event type; known: {string.Join(", ", eventTypes.Types.Select(x => x.Id))}");
                }

                string? code = null;
                if (e.Country is not null && (code = Gazetteer.BuiltIn.Country(e.Country)?.Code ?? Gazetteer.BuiltIn.Match(e.Country)?.Code) is null)
                {
                    return Fail("source.country", $"field source.country: '{e.Country}' is not a country the gazetteer knows (give an ISO code or a name)");
                }

                string? bloc = null;
                if (e.Bloc is not null && (bloc = Gazetteer.BuiltIn.Bloc(e.Bloc)?.Id) is null)
                {
                    return Fail("source.bloc", $"field source.bloc: '{e.Bloc}' is not a bloc; known: {string.Join(", ", Gazetteer.BuiltIn.Blocs.Select(b => b.Id))}");
                }

                indicator = indicator with { Source = e with { Type = type, Country = code, Bloc = bloc } };
                break;
        }

        return new IndicatorRequestResult(indicator, points, null, null);
    }

    /// <summary>"body (indicator 'x'): field source.terms must …" → "source.terms".</summary>
    private static string FieldOf(string error)
    {
        var at = error.IndexOf("field ", StringComparison.Ordinal);
        if (at < 0)
        {
            return "";
        }

        var rest = error[(at + 6)..];
        var end = rest.IndexOf(' ', StringComparison.Ordinal);
        var field = end < 0 ? rest : rest[..end];
        var prefix = error[..at].Contains(" source", StringComparison.Ordinal) && !field.StartsWith("source", StringComparison.Ordinal) ? "source." : "";
        return prefix + field;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static IndicatorRequestResult Fail(string field, string error) => new(null, null, field, error);
}
