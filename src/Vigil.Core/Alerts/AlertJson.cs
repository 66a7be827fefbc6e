using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Core.Alerts;

/// <summary>
/// The JSON shape of an alert: what <c>vigil alerts --json</c> lists, what a JSON Lines file gets one line of and what
/// a webhook receives (docs/alerts.md). Fields in a fixed order; times in UTC ISO 8601.
/// </summary>
public static class AlertJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonObject ToJson(Alert alert, bool includeDeliveries = true)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var json = new JsonObject
        {
            ["id"] = alert.Id,
            ["indicator"] = alert.Indicator,
            ["state"] = AlertNames.Of(alert.State),
            ["severity"] = AlertNames.Of(alert.Severity),
            ["detector"] = alert.Detector,
            ["first"] = alert.FirstPeriod,
            ["last"] = alert.LastPeriod,
            ["first_at"] = Time(alert.FirstAt),
            ["last_at"] = Time(alert.LastAt),
            ["points"] = alert.Points,
            ["peak"] = alert.PeakPeriod,
            ["value"] = alert.Value,
            ["baseline"] = alert.Baseline,
            ["score"] = alert.Score,
            ["explanation"] = alert.Explanation,
            ["evidence"] = new JsonObject
            {
                ["documents"] = new JsonArray([.. alert.Documents.Select(d => (JsonNode)new JsonObject
                {
                    ["id"] = d.Id,
                    ["title"] = d.Title,
                    ["date"] = d.Date,
                    ["contribution"] = d.Contribution,
                    ["spans"] = new JsonArray([.. d.Spans.Select(s => (JsonNode)new JsonObject { ["start"] = s.Start, ["end"] = s.End, ["text"] = s.Text })]),
                })]),
                ["events"] = new JsonArray([.. alert.Events.Select(e => (JsonNode?)JsonValue.Create(e))]),
            },
            ["raised_at"] = Time(alert.RaisedAt),
            ["history"] = new JsonArray([.. alert.History.Select(h => (JsonNode)new JsonObject
            {
                ["state"] = AlertNames.Of(h.State),
                ["by"] = h.By,
                ["at"] = Time(h.At),
                ["note"] = h.Note,
            })]),
        };
        if (includeDeliveries)
        {
            json["deliveries"] = new JsonArray([.. alert.Deliveries.Select(d => (JsonNode)new JsonObject
            {
                ["channel"] = d.Channel,
                ["target"] = d.Target,
                ["at"] = Time(d.At),
                ["ok"] = d.Succeeded,
                ["attempts"] = d.Attempts,
                ["status"] = d.Status,
                ["error"] = d.Error,
            })]);
        }

        return json;
    }

    /// <summary>One line of JSON (what a JSON Lines file and a webhook get; deliveries left out).</summary>
    public static string Payload(Alert alert) => ToJson(alert, includeDeliveries: false).ToJsonString(Options);
}
