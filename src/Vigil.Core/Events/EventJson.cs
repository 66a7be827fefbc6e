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

    /// <summary>The event as one line of JSON (the same text as <see cref="ToJson"/>, written directly: imports write it per row).</summary>
    public static string Serialize(LedgerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("id", e.Id);
            w.WriteString("type", e.Type);
            WriteOrNull(w, "date", e.Date.Text);
            w.WriteString("date_precision", e.Date.Precision);
            WriteOrNull(w, "end_date", e.EndDate.Text);
            WriteOrNull(w, "body", e.Body);
            w.WriteStartArray("targets");
            foreach (var t in e.Targets)
            {
                w.WriteStartObject();
                WriteOrNull(w, "name_en", t.NameEn);
                WriteOrNull(w, "name_zh", t.NameZh);
                WriteStrings(w, "aliases", t.Aliases);
                WriteOrNull(w, "kind", t.Kind);
                WriteOrNull(w, "country", t.Country);
                WriteOrNull(w, "position", t.Position);
                WriteOrNull(w, "position_zh", t.PositionZh);
                WriteOrNull(w, "wikidata_id", t.WikidataId);
                WriteOrNull(w, "address", t.Address);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteStrings(w, "countries", e.Countries);
            WriteStrings(w, "domains", e.Domains);
            w.WriteStartObject("quantities");
            foreach (var (name, value) in e.Quantities.OrderBy(q => q.Key, StringComparer.Ordinal))
            {
                w.WriteNumber(name, value);
            }

            w.WriteEndObject();
            w.WriteStartArray("provenance");
            foreach (var p in e.Provenance)
            {
                w.WriteStartObject();
                w.WriteString("kind", p.Kind);
                WriteOrNull(w, "document", p.Document);
                WriteOrNull(w, "start", p.Start);
                WriteOrNull(w, "end", p.End);
                WriteOrNull(w, "quote", p.Quote);
                WriteOrNull(w, "file", p.File);
                WriteOrNull(w, "row", p.Row);
                WriteOrNull(w, "source_url", p.SourceUrl);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("confidence", e.Confidence);
            w.WriteString("status", EventStatuses.Name(e.Status));
            WriteOrNull(w, "notes", e.Notes);
            WriteOrNull(w, "summary", e.Summary);
            WriteOrNull(w, "summary_zh", e.SummaryZh);
            WriteOrNull(w, "source_url", e.SourceUrl);
            WriteStrings(w, "programs", e.Programs);
            WriteStrings(w, "issues", e.Issues);
            w.WriteStartObject("raw");
            foreach (var (name, value) in e.Raw.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
            WriteStrings(w, "edited", e.Edited);
            WriteOrNull(w, "created_at", e.CreatedAt);
            WriteOrNull(w, "updated_at", e.UpdatedAt);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteOrNull(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    /// <summary>A JSON node as compact text (null → "null").</summary>
    public static string Text(JsonNode? node) => node?.ToJsonString(Compact) ?? "null";

    /// <summary>Reads an event written by <see cref="Serialize"/>. Throws <see cref="FormatException"/> naming the field when it is malformed.</summary>
    public static LedgerEvent Deserialize(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var o = doc.RootElement;
        if (o.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("an event must be a JSON object.");
        }

        return new LedgerEvent
        {
            Id = Str(o, "id") ?? throw new FormatException("event without id."),
            Type = Str(o, "type") ?? throw new FormatException("event without type."),
            Date = Date(o, "date"),
            EndDate = Date(o, "end_date"),
            Body = Str(o, "body"),
            Targets = Array(o, "targets").Select(ReadTarget).ToList(),
            Countries = StrList(o, "countries"),
            Domains = StrList(o, "domains"),
            Quantities = new SortedDictionary<string, double>(Object(o, "quantities").ToDictionary(p => p.Name, p => p.Value.GetDouble()), StringComparer.Ordinal),
            Provenance = Array(o, "provenance").Select(ReadProvenance).ToList(),
            Confidence = o.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : 1,
            Status = EventStatuses.TryParse(Str(o, "status"), out var status) ? status : throw new FormatException($"event {Str(o, "id")}: unknown status."),
            Notes = Str(o, "notes"),
            Summary = Str(o, "summary"),
            SummaryZh = Str(o, "summary_zh"),
            SourceUrl = Str(o, "source_url"),
            Programs = StrList(o, "programs"),
            Issues = StrList(o, "issues"),
            Raw = new SortedDictionary<string, string>(Object(o, "raw").ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""), StringComparer.Ordinal),
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

    private static string? Str(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static IEnumerable<JsonElement> Array(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    private static IEnumerable<JsonProperty> Object(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Object ? v.EnumerateObject() : [];

    private static List<string> StrList(JsonElement o, string key) => Array(o, key).Select(v => v.GetString() ?? "").ToList();

    private static EventDate Date(JsonElement o, string key)
    {
        var text = Str(o, key);
        if (text is null)
        {
            return EventDate.Unknown;
        }

        return PartialDate.TryParse(text, out var d) ? new EventDate(d) : throw new FormatException($"{key} '{text}' is not a date.");
    }

    private static EventTarget ReadTarget(JsonElement o) => new()
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

    private static EventProvenance ReadProvenance(JsonElement o) => new()
    {
        Kind = Str(o, "kind") ?? throw new FormatException("provenance without kind."),
        Document = Str(o, "document"),
        Start = Int(o, "start"),
        End = Int(o, "end"),
        Quote = Str(o, "quote"),
        File = Str(o, "file"),
        Row = Int(o, "row"),
        SourceUrl = Str(o, "source_url"),
    };

    /// <summary>A number as the invariant shortest round-trip text.</summary>
    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
