using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Core.Alerts;

namespace Vigil.Core.Risks;

/// <summary>The JSON of the risk register (<c>vigil risks … --json</c> and <c>/api/risks</c>; docs/risks.md).</summary>
public static class RiskJson
{
    /// <summary>A risk with its rating, trend (from <paramref name="alerts"/> at <paramref name="now"/>) and assessment history.</summary>
    public static JsonObject ToJson(Risk r, IReadOnlyList<Alert> alerts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(r);
        var trend = RiskRegister.TrendOf(r, alerts, now);
        return new JsonObject
        {
            ["id"] = r.Id,
            ["domain"] = r.Domain,
            ["title"] = r.Title,
            ["description"] = r.Description,
            ["owner"] = r.Owner,
            ["likelihood"] = r.Likelihood,
            ["impact"] = r.Impact,
            ["score"] = r.Score,
            ["rating"] = r.Rating,
            ["trend"] = trend.ToString().ToLowerInvariant(),
            ["arrow"] = RiskRegister.Arrow(trend),
            ["indicators"] = new JsonArray([.. r.Indicators.Select(i => (JsonNode?)JsonValue.Create(i))]),
            ["review_date"] = r.ReviewDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["review_due"] = r.ReviewDate is { } d && d < DateOnly.FromDateTime(now.UtcDateTime),
            ["created_at"] = AlertJson.Time(r.CreatedAt),
            ["history"] = new JsonArray([.. r.History.Select(a => (JsonNode)new JsonObject
            {
                ["by"] = a.By,
                ["at"] = AlertJson.Time(a.At),
                ["likelihood"] = a.Likelihood,
                ["impact"] = a.Impact,
                ["note"] = a.Note,
            })]),
        };
    }

    /// <summary>
    /// The heat map of <c>vigil risks heatmap --json</c>: rows from likelihood 5 down to 1, each with the counts for impact
    /// 1 to 5, and every risk with its cell (and its domain, title, score and rating, for a page to list a cell's risks).
    /// </summary>
    public static JsonObject HeatMap(IReadOnlyList<Risk> risks, string? domain)
    {
        ArgumentNullException.ThrowIfNull(risks);
        var cells = RiskRegister.HeatMap(risks);
        return new JsonObject
        {
            ["domain"] = domain,
            ["total"] = risks.Count,
            ["rows"] = new JsonArray([.. Enumerable.Range(1, 5).Reverse().Select(l => (JsonNode)new JsonObject
            {
                ["likelihood"] = l,
                ["impact"] = new JsonArray([.. Enumerable.Range(1, 5).Select(i => (JsonNode?)JsonValue.Create(cells[l - 1, i - 1]))]),
            })]),
            ["risks"] = new JsonArray([.. risks.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id, ["likelihood"] = r.Likelihood, ["impact"] = r.Impact, ["domain"] = r.Domain, ["title"] = r.Title, ["score"] = r.Score, ["rating"] = r.Rating,
            })]),
        };
    }
}
