using System.Text.Json.Nodes;

namespace Vigil.Core.Detection;

/// <summary>
/// One detector run over a whole series and its JSON, as <c>vigil detect --json</c> writes it and <c>POST /api/detect</c>
/// answers (docs/detectors.md), plus the list of detectors with their parameters.
/// </summary>
public static class DetectionReport
{
    /// <summary>
    /// Builds the detector over <paramref name="points"/> (the whole series is known, so <c>auto</c> may look at all of it:
    /// a choice about the kind of data, not about anomalies) and judges every point. Null results when the name or a
    /// parameter is unusable (<see cref="DetectorCreation.Error"/> says what to fix).
    /// </summary>
    public static (DetectorCreation Creation, DetectorResult[]? Results) Run(string name, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<SeriesPoint> points)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(points);
        var creation = DetectorRegistry.Create(name, parameters, new DetectorContext { SeriesLength = points.Count, Sample = points });
        return creation.Detector is { } detector ? (creation, DetectorRun.Run(detector, points)) : (creation, null);
    }

    /// <summary>
    /// <c>{"detector","anomalies":[{"timestamp","value","score","explanation","baseline","spread","statistic"}],"parameters",
    /// "auto","points","scored","problems":[{"row","message"}]}</c>.
    /// </summary>
    public static JsonObject ToJson(DetectorCreation creation, IReadOnlyList<SeriesPoint> points, IReadOnlyList<DetectorResult> results, IReadOnlyList<SeriesRowProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(creation);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(problems);
        var parameters = new JsonObject();
        foreach (var (key, value) in creation.Parameters)
        {
            parameters[key] = value;
        }

        return new JsonObject
        {
            ["detector"] = creation.Detector?.Name,
            ["anomalies"] = new JsonArray([.. results.Where(r => r.IsAnomaly).Select(a => (JsonNode)new JsonObject
            {
                ["timestamp"] = TimeSeriesCsv.Format(a.Timestamp),
                ["value"] = a.Value,
                ["score"] = Math.Round(a.Score, 6),
                ["explanation"] = a.Explanation,
                ["baseline"] = Finite(a.Baseline),
                ["spread"] = Finite(a.Spread),
                ["statistic"] = Finite(a.Statistic),
            })]),
            ["parameters"] = parameters,
            ["auto"] = creation.Choice is null ? null : new JsonObject { ["reason"] = creation.Choice.Reason },
            ["points"] = points.Count,
            ["scored"] = results.Count(r => r.Ready),
            ["problems"] = new JsonArray([.. problems.Select(p => (JsonNode)new JsonObject { ["row"] = p.Row, ["message"] = p.Message })]),
        };
    }

    /// <summary>Every detector with its summary and parameters (name, kind, default, allowed range, meaning), then <c>auto</c>.</summary>
    public static JsonArray Detectors()
    {
        var list = new JsonArray([.. DetectorRegistry.Definitions.Select(d => (JsonNode)new JsonObject
        {
            ["name"] = d.Name,
            ["summary"] = d.Summary,
            ["parameters"] = new JsonArray([.. d.Parameters.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name,
                ["kind"] = p.Kind.ToString().ToLowerInvariant(),
                ["default"] = p.Default,
                ["range"] = p.Range,
                ["choices"] = new JsonArray([.. p.Choices.Select(c => (JsonNode?)JsonValue.Create(c))]),
                ["description"] = p.Description,
            })]),
        })]);
        list.Add(new JsonObject
        {
            ["name"] = AutoSelector.Name,
            ["summary"] = "Chooses a detector and its defaults from the kind of series (counts, seasonal, level) — see docs/detectors.md",
            ["parameters"] = new JsonArray(),
        });
        return list;
    }

    private static double? Finite(double x) => double.IsFinite(x) ? Math.Round(x, 6) : null;
}
