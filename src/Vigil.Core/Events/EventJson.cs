using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Core.Documents;

namespace Vigil.Core.Events;

/// <summary>
/// The JSON form of an event (snake_case keys, every key always present so shapes are stable): what the store keeps,
/// what <c>vigil events show/list --json</c> and the JSON Lines export write. Field names are listed in docs/events.md.
/// </summary>
public static class EventJson
{
    /// <summary>The fields an event has, in the order they are written.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        "id", "type", "date", "date_precision", "end_date", "body", "targets", "countries", "domains", "quantities", "provenance",
        "confidence", "status", "notes", "summary", "summary_zh", "source_url", "programs", "issues", "raw", "edited", "created_at", "updated_at",
    ];

    private static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>The event as a JSON object.</summary>
    public static JsonObject ToJson(LedgerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var o = new JsonObject();
        foreach (var field in Fields)
        {
            o[field] = Field(e, field);
        }

        return o;
    }

    /// <summary>One field of the event as JSON (null for an absent value).</summary>
    public static JsonNode? Field(LedgerEvent e, string field) => field switch
    {
        "id" => e.Id,
        "type" => e.Type,
        "date" => e.Date.Text,
        "date_precision" => e.Date.Precision,
        "end_date" => e.EndDate.Text,
        "body" => e.Body,
        "targets" => new JsonArray(e.Targets.Select(t => (JsonNode)Target(t)).ToArray()),
        "countries" => Strings(e.Countries),
        "domains" => Strings(e.Domains),
        "quantities" => new JsonObject(e.Quantities.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => KeyValuePair.Create(q.Key, (JsonNode?)JsonValue.Create(q.Value)))),
        "provenance" => new JsonArray(e.Provenance.Select(p => (JsonNode)Provenance(p)).ToArray()),
        "confidence" => JsonValue.Create(e.Confidence),
        "status" => EventStatuses.Name(e.Status),
        "notes" => e.Notes,
        "summary" => e.Summary,
        "summary_zh" => e.SummaryZh,
        "source_url" => e.SourceUrl,
        "programs" => Strings(e.Programs),
        "issues" => Strings(e.Issues),
        "raw" => new JsonObject(e.Raw.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => KeyValuePair.Create(r.Key, (JsonNode?)JsonValue.Create(r.Value)))),
        "edited" => Strings(e.Edited),
        "created_at" => e.CreatedAt,
        "updated_at" => e.UpdatedAt,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not an event field"),
    };

    /// <summary>The event as one line of JSON.</summary>
    public static string Serialize(LedgerEvent e) => ToJson(e).ToJsonString(Compact);

    /// <summary>A JSON node as compact text (null → "null").</summary>
    public static string Text(JsonNode? node) => node?.ToJsonString(Compact) ?? "null";

    /// <summary>Reads an event written by <see cref="Serialize"/>. Throws <see cref="FormatException"/> naming the field when it is malformed.</summary>
    public static LedgerEvent Deserialize(string json)
    {
        var o = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("an event must be a JSON object.");
        return new LedgerEvent
        {
            Id = Str(o, "id") ?? throw new FormatException("event without id."),
            Type = Str(o, "type") ?? throw new FormatException("event without type."),
            Date = Date(o, "date"),
            EndDate = Date(o, "end_date"),
            Body = Str(o, "body"),
            Targets = (o["targets"] as JsonArray ?? []).Select(t => ReadTarget((JsonObject)t!)).ToList(),
            Countries = StrList(o, "countries"),
            Domains = StrList(o, "domains"),
            Quantities = new SortedDictionary<string, double>(
                (o["quantities"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<double>()), StringComparer.Ordinal),
            Provenance = (o["provenance"] as JsonArray ?? []).Select(p => ReadProvenance((JsonObject)p!)).ToList(),
            Confidence = o["confidence"]?.GetValue<double>() ?? 1,
            Status = EventStatuses.TryParse(Str(o, "status"), out var status) ? status : throw new FormatException($"event {Str(o, "id")}: unknown status."),
            Notes = Str(o, "notes"),
            Summary = Str(o, "summary"),
            SummaryZh = Str(o, "summary_zh"),
            SourceUrl = Str(o, "source_url"),
            Programs = StrList(o, "programs"),
            Issues = StrList(o, "issues"),
            Raw = new SortedDictionary<string, string>(
                (o["raw"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>()), StringComparer.Ordinal),
            Edited = StrList(o, "edited"),
            CreatedAt = Str(o, "created_at"),
            UpdatedAt = Str(o, "updated_at"),
        };
    }

    /// <summary>A target as JSON.</summary>
    public static JsonObject Target(EventTarget t) => new()
    {
        ["name_en"] = t.NameEn,
        ["name_zh"] = t.NameZh,
        ["aliases"] = Strings(t.Aliases),
        ["kind"] = t.Kind,
        ["country"] = t.Country,
        ["position"] = t.Position,
        ["position_zh"] = t.PositionZh,
        ["wikidata_id"] = t.WikidataId,
        ["address"] = t.Address,
    };

    /// <summary>A provenance entry as JSON (keys of the other kind are null).</summary>
    public static JsonObject Provenance(EventProvenance p) => new()
    {
        ["kind"] = p.Kind,
        ["document"] = p.Document,
        ["start"] = p.Start,
        ["end"] = p.End,
        ["quote"] = p.Quote,
        ["file"] = p.File,
        ["row"] = p.Row,
        ["source_url"] = p.SourceUrl,
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static string? Str(JsonObject o, string key) => o[key] is JsonValue v ? v.GetValue<string>() : null;

    private static List<string> StrList(JsonObject o, string key) => (o[key] as JsonArray ?? []).Select(v => v!.GetValue<string>()).ToList();

    private static EventDate Date(JsonObject o, string key)
    {
        var text = Str(o, key);
        if (text is null)
        {
            return EventDate.Unknown;
        }

        return PartialDate.TryParse(text, out var d) ? new EventDate(d) : throw new FormatException($"{key} '{text}' is not a date.");
    }

    private static EventTarget ReadTarget(JsonObject o) => new()
    {
        NameEn = Str(o, "name_en"),
        NameZh = Str(o, "name_zh"),
        Aliases = StrList(o, "aliases"),
        Kind = Str(o, "kind"),
        Country = Str(o, "country"),
        Position = Str(o, "position"),
        PositionZh = Str(o, "position_zh"),
        WikidataId = Str(o, "wikidata_id"),
        Address = Str(o, "address"),
    };

    private static EventProvenance ReadProvenance(JsonObject o) => new()
    {
        Kind = Str(o, "kind") ?? throw new FormatException("provenance without kind."),
        Document = Str(o, "document"),
        Start = o["start"]?.GetValue<int>(),
        End = o["end"]?.GetValue<int>(),
        Quote = Str(o, "quote"),
        File = Str(o, "file"),
        Row = o["row"]?.GetValue<int>(),
        SourceUrl = Str(o, "source_url"),
    };

    /// <summary>A number as the invariant shortest round-trip text.</summary>
    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
