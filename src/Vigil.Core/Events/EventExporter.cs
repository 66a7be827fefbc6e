using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;

namespace Vigil.Core.Events;

/// <summary>An entity in the FollowTheMoney model: id, schema, multi-valued properties (values with an optional language).</summary>
public sealed record FtmEntity(string Id, string Schema, IReadOnlyList<(string Property, IReadOnlyList<(string Value, string? Lang)> Values)> Properties)
{
    /// <summary>The values of a property (empty when absent).</summary>
    public IReadOnlyList<string> Values(string property) =>
        Properties.Where(p => p.Property == property).SelectMany(p => p.Values.Select(v => v.Value)).ToList();
}

/// <summary>
/// Writes events as CSV, JSON Lines, FollowTheMoney entities (JSON Lines) or FtM statements (CSV). Every writer
/// streams: one event at a time, in the order given. See docs/events.md for the columns and the FtM mapping.
/// </summary>
public static class EventExporter
{
    /// <summary>The export formats.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["csv", "jsonl", "ftm", "ftm-statements"];

    /// <summary>The columns of the CSV export.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "id", "type", "type_label", "status", "date", "date_precision", "end_date", "body", "target_names", "target_names_zh",
        "target_kinds", "target_countries", "countries", "domains", "quantities", "programs", "source_url", "summary",
        "summary_zh", "confidence", "notes", "issues", "provenance", "created_at", "updated_at",
    ];

    /// <summary>The columns of FtM statement files (followthemoney.statement CSV_COLUMNS).</summary>
    public static IReadOnlyList<string> StatementColumns { get; } =
    [
        "canonical_id", "entity_id", "prop", "prop_type", "schema", "value", "dataset", "origin", "lang", "original_value",
        "external", "first_seen", "last_seen", "id",
    ];

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Dictionary<string, string> PropTypes = new(StringComparer.Ordinal)
    {
        ["id"] = "id", ["name"] = "name", ["alias"] = "name", ["country"] = "country", ["position"] = "string",
        ["wikidataId"] = "identifier", ["topics"] = "topic", ["address"] = "address", ["entity"] = "entity",
        ["authority"] = "string", ["startDate"] = "date", ["endDate"] = "date", ["date"] = "date", ["program"] = "string",
        ["summary"] = "text", ["description"] = "text", ["sourceUrl"] = "url", ["recordId"] = "string",
        ["involved"] = "entity", ["organizer"] = "entity", ["notes"] = "text", ["keywords"] = "string",
    };

    /// <summary>Writes a CSV file: a header, then one row per event (several targets joined by "; ").</summary>
    /// <remarks>Text that a spreadsheet would run as a formula (starting with = + - @) is prefixed with ' (CSV injection).</remarks>
    public static int WriteCsv(IEnumerable<LedgerEvent> events, TextWriter output, EventTypeCatalog types)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(types);
        using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\n" }, leaveOpen: true);
        csv.WriteHeader(CsvColumns.ToArray());
        var count = 0;
        foreach (var e in events)
        {
            csv.WriteRecord(
            [
                e.Id, e.Type, types.Find(e.Type)?.LabelEn ?? "", EventStatuses.Name(e.Status), e.Date.Text ?? "", e.Date.Precision,
                e.EndDate.Text ?? "", e.Body ?? "",
                Join(e.Targets.Select(t => t.NameEn ?? "")), Join(e.Targets.Select(t => t.NameZh ?? "")),
                Join(e.Targets.Select(t => t.Kind ?? "")), Join(e.Targets.Select(t => t.Country ?? "")),
                Join(e.Countries), Join(e.Domains),
                Join(e.Quantities.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => q.Key + "=" + q.Value.ToString("R", CultureInfo.InvariantCulture))),
                Join(e.Programs), e.SourceUrl ?? "", e.Summary ?? "", e.SummaryZh ?? "",
                e.Confidence.ToString("R", CultureInfo.InvariantCulture), e.Notes ?? "", Join(e.Issues), Join(e.Provenance.Select(Origin)),
                e.CreatedAt ?? "", e.UpdatedAt ?? "",
            ]);
            count++;
        }

        csv.Flush();
        return count;
    }

    /// <summary>Writes one JSON object per line (the form of <see cref="EventJson"/>).</summary>
    public static int WriteJsonLines(IEnumerable<LedgerEvent> events, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(output);
        var count = 0;
        foreach (var e in events)
        {
            output.Write(EventJson.Serialize(e));
            output.Write('\n');
            count++;
        }

        output.Flush();
        return count;
    }

    /// <summary>Writes FtM entities as JSON lines: per event its targets, then a Sanction per target or one Event.</summary>
    /// <remarks>A target of several events is written once per event, with the same id (entity fragments, which FtM tools merge).</remarks>
    public static int WriteFtm(IEnumerable<LedgerEvent> events, TextWriter output, EventTypeCatalog types, string dataset)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(output);
        var count = 0;
        foreach (var e in events)
        {
            foreach (var entity in ToFtm(e, types))
            {
                var properties = new Dictionary<string, string[]>(StringComparer.Ordinal);
                foreach (var (property, values) in entity.Properties)
                {
                    properties[property] = values.Select(v => v.Value).ToArray();
                }

                output.Write(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["id"] = entity.Id,
                    ["schema"] = entity.Schema,
                    ["properties"] = properties,
                    ["datasets"] = new[] { dataset },
                }, Compact));
                output.Write('\n');
                count++;
            }
        }

        output.Flush();
        return count;
    }

    /// <summary>Writes FtM statements (CSV, the columns of followthemoney's statement files): one per property value, plus the id statement.</summary>
    public static int WriteFtmStatements(IEnumerable<LedgerEvent> events, TextWriter output, EventTypeCatalog types, string dataset)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(output);
        using var csv = CsvWriter.Create(output, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        csv.WriteHeader(StatementColumns.ToArray());
        var count = 0;
        foreach (var e in events)
        {
            var origin = string.Join(" ", e.Provenance.Select(Origin));
            foreach (var entity in ToFtm(e, types))
            {
                void Write(string prop, string value, string? lang)
                {
                    var key = lang is null ? $"{dataset}.{entity.Id}.{prop}.{value}" : $"{dataset}.{entity.Id}.{prop}.{value}@{lang}";
                    csv.WriteRecord(
                    [
                        entity.Id, entity.Id, prop, PropTypes.GetValueOrDefault(prop, "string"), entity.Schema, value, dataset, origin,
                        lang ?? "", "", "f", e.CreatedAt ?? "", e.UpdatedAt ?? e.CreatedAt ?? "",
                        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(key))),
                    ]);
                    count++;
                }

                Write("id", entity.Id, null);
                foreach (var (property, values) in entity.Properties)
                {
                    foreach (var (value, lang) in values)
                    {
                        Write(property, value, lang);
                    }
                }
            }
        }

        csv.Flush();
        return count;
    }

    /// <summary>
    /// The FtM entities of one event: each target (Person, Organization, Company, or LegalEntity for a state or an
    /// unknown kind), then a Sanction per target when the type exports as Sanction, else one Event (with the body as
    /// an Organization, its organizer).
    /// </summary>
    public static IReadOnlyList<FtmEntity> ToFtm(LedgerEvent e, EventTypeCatalog types)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(types);
        var entities = new List<FtmEntity>();
        var recordIds = e.Provenance.Select(Origin).ToList();
        var description = string.Create(CultureInfo.InvariantCulture,
            $"Vigil event {e.Id} ({e.Type}); review status {EventStatuses.Name(e.Status)}; confidence {e.Confidence:0.##}");
        var topic = Topic(e.Type);
        var sanction = types.FtmSchemaOf(e.Type) == "Sanction";
        var targetIds = new List<string>();
        foreach (var t in e.Targets)
        {
            var schema = t.Kind switch
            {
                "person" => "Person",
                "organization" => "Organization",
                "company" => "Company",
                _ => "LegalEntity",
            };
            var id = "vigil-" + Hash("entity", schema, EventIdentity.NormalizeName(t.NameEn ?? t.NameZh ?? ""), t.Country ?? "");
            targetIds.Add(id);
            var p = new Props();
            p.Add("name", t.NameEn);
            p.Add("name", t.NameZh, "zho");
            p.AddAll("alias", t.Aliases);
            p.Add("country", t.Country?.ToLowerInvariant());
            if (schema == "Person")
            {
                p.Add("position", t.Position);
                p.Add("position", t.PositionZh);
            }
            else
            {
                p.Add("summary", t.Position);
                p.Add("summary", t.PositionZh, "zho");
            }

            p.Add("wikidataId", t.WikidataId);
            p.Add("address", t.Address);
            if (sanction && topic is not null)
            {
                p.Add("topics", topic);
            }

            p.Add("sourceUrl", e.SourceUrl);
            entities.Add(new FtmEntity(id, schema, p.List));
        }

        if (sanction && targetIds.Count > 0)
        {
            for (var i = 0; i < targetIds.Count; i++)
            {
                var p = new Props();
                p.Add("entity", targetIds[i]);
                p.Add("authority", e.Body);
                p.Add("startDate", e.Date.Text);
                p.Add("endDate", e.EndDate.Text);
                p.AddAll("program", e.Programs);
                p.Add("summary", e.Summary);
                p.Add("summary", e.SummaryZh, "zho");
                p.Add("sourceUrl", e.SourceUrl);
                p.AddAll("recordId", recordIds);
                p.Add("description", description);
                entities.Add(new FtmEntity($"vigil-sanction-{e.Id}" + (targetIds.Count > 1 ? "-" + (i + 1).ToString(CultureInfo.InvariantCulture) : ""), "Sanction", p.List));
            }

            return entities;
        }

        var ev = new Props();
        var label = types.Find(e.Type)?.LabelEn ?? e.Type;
        var names = e.Targets.Select(t => t.DisplayName).Where(n => n.Length > 0).ToList();
        ev.Add("name", names.Count > 0 ? $"{label}: {string.Join(", ", names)}" : e.Summary is { } s ? $"{label}: {s}" : label);
        ev.Add("summary", e.Summary);
        ev.Add("summary", e.SummaryZh, "zho");
        ev.Add("date", e.Date.Text);
        ev.Add("endDate", e.EndDate.Text);
        ev.AddAll("involved", targetIds);
        ev.AddAll("country", e.Countries.Select(c => c.ToLowerInvariant()));
        ev.Add("sourceUrl", e.SourceUrl);
        ev.AddAll("recordId", recordIds);
        ev.Add("keywords", e.Type);
        ev.Add("notes", e.Notes);
        ev.Add("description", description);
        if (e.Body is { } body)
        {
            var organizer = "vigil-" + Hash("body", EventIdentity.NormalizeName(body));
            var bp = new Props();
            bp.Add("name", body);
            entities.Add(new FtmEntity(organizer, "Organization", bp.List));
            ev.Add("organizer", organizer);
        }

        entities.Add(new FtmEntity($"vigil-event-{e.Id}", "Event", ev.List));
        return entities;
    }

    /// <summary>The FtM topic of a sanction-like type: sanction.counter, export.control or sanction; null for other types.</summary>
    public static string? Topic(string type) =>
        EventTypeCatalog.IsWithin(type, "sanction.counter") ? "sanction.counter"
        : EventTypeCatalog.IsWithin(type, "export-control") ? "export.control"
        : EventTypeCatalog.IsWithin(type, "sanction") ? "sanction"
        : null;

    /// <summary>A provenance entry as one token: <c>FILE#row=N</c> or <c>doc:ID#START-END</c>.</summary>
    public static string Origin(EventProvenance p) => p.Kind == "document"
        ? string.Create(CultureInfo.InvariantCulture, $"doc:{p.Document}#{p.Start}-{p.End}")
        : string.Create(CultureInfo.InvariantCulture, $"{p.File}#row={p.Row}");

    private static string Join(IEnumerable<string> values) => string.Join("; ", values);

    private static string Hash(params string[] parts)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    private sealed class Props
    {
        public List<(string Property, IReadOnlyList<(string Value, string? Lang)> Values)> List { get; } = [];

        public void Add(string property, string? value, string? lang = null)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            var index = List.FindIndex(p => p.Property == property);
            if (index < 0)
            {
                List.Add((property, new List<(string, string?)> { (value, lang) }));
            }
            else if (!List[index].Values.Any(v => v.Value == value))
            {
                ((List<(string, string?)>)List[index].Values).Add((value, lang));
            }
        }

        public void AddAll(string property, IEnumerable<string> values)
        {
            foreach (var value in values)
            {
                Add(property, value);
            }
        }
    }
}
