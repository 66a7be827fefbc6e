using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Core.Detection;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary>
/// <c>POST /api/detect</c>: one detector over a posted series (<c>vigil detect --json</c>; docs/detectors.md), and
/// <c>GET /api/detectors</c>: the detectors with their parameters and defaults.
/// </summary>
public static class DetectApi
{
    /// <summary>Most JSON points read from one request (the body limit bounds CSV the same way).</summary>
    public const int MaxPoints = 100_000;

    public static IEndpointRouteBuilder MapDetectApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("detect").RequireAuthorization(Policies.Read);
        group.MapPost("/detect", Detect).WithName("Detect")
            .WithSummary("Find unusual points in a series: a text/csv body (timestamp,value; detector and param=k=v in the query) or JSON {points:[{timestamp,value}], detector, params} (vigil detect --json)");
        group.MapGet("/detectors", Detectors).WithName("ListDetectors").WithSummary("The detectors with their parameters, defaults and allowed ranges");
        return app;
    }

    public static Results<Ok<PagedList>, ProblemHttpResult> Detectors(int? page, int? pageSize)
    {
        var (paging, problem) = Paging.From(page, pageSize);
        return problem ?? (Results<Ok<PagedList>, ProblemHttpResult>)TypedResults.Ok(paging.Of(DetectionReport.Detectors(), d => d!));
    }

    public static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Detect(HttpRequest request, [FromQuery] string? detector, [FromQuery] string[]? param, CancellationToken cancellationToken)
    {
        var type = request.ContentType ?? "";
        string name;
        Dictionary<string, string> parameters;
        SeriesFile file;
        if (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            var (body, problem) = await WarningRequests.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            var (given, nameProblem) = WarningRequests.Text(body, "detector");
            if (nameProblem is not null)
            {
                return nameProblem;
            }

            name = given?.Trim() is { Length: > 0 } n ? n : AutoSelector.Name;
            parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (body!["params"] is JsonObject ps)
            {
                foreach (var (key, value) in ps)
                {
                    // Numbers are accepted as they are written; the registry checks the range.
                    var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s
                        : value is JsonValue d && d.TryGetValue<double>(out var x) ? x.ToString("R", CultureInfo.InvariantCulture)
                        : null;
                    if (text is null)
                    {
                        return Problems.Field($"params.{key}", $"field params.{key} must be a string or a number.");
                    }

                    parameters[key] = text;
                }
            }
            else if (body["params"] is not null)
            {
                return Problems.Field("params", "field params must be an object of NAME: VALUE.");
            }

            if (body["points"] is not JsonArray rows)
            {
                return Problems.Field("points", "field points must be a list of {timestamp, value}.");
            }

            if (rows.Count > MaxPoints)
            {
                return Problems.Field("points", $"field points has {rows.Count:N0} points; at most {MaxPoints:N0} are allowed.");
            }

            file = Points(rows);
        }
        else if (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            name = detector?.Trim() is { Length: > 0 } n ? n : AutoSelector.Name;
            if (DetectorRegistry.ParsePairs(param ?? [], out var pairError) is not { } pairs)
            {
                return Problems.Field("param", pairError!.Replace("--param", "param", StringComparison.Ordinal) + ".");
            }

            parameters = pairs;
            using var reader = new StreamReader(request.Body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            file = TimeSeriesCsv.Read(new StringReader(text));
        }
        else
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Send CSV or JSON",
                "send the series as text/csv (timestamp,value lines) or as application/json {points:[{timestamp,value}], detector, params}.");
        }

        // Check the name and parameters before looking at the data, so a typo is reported as such.
        var check = DetectorRegistry.Create(name, parameters, new DetectorContext { Sample = [], SeriesLength = 100 });
        if (check.Error is not null)
        {
            return Problems.Field(parameters.Count > 0 && DetectorRegistry.Names.Contains(name, StringComparer.OrdinalIgnoreCase) ? "params" : "detector", check.Error + ".");
        }

        if (file.Points.Count == 0)
        {
            var first = file.Problems.Count > 0 ? $" (row {file.Problems[0].Row}: {file.Problems[0].Message})" : "";
            return Problems.Field("points", $"no data rows to analyse (expected timestamp,value lines){first}.");
        }

        var (creation, results) = DetectionReport.Run(name, parameters, file.Points);
        return results is null
            ? Problems.Field("detector", creation.Error + ".")
            : TypedResults.Ok(DetectionReport.ToJson(creation, file.Points, results, file.Problems));
    }

    /// <summary>JSON points as the CSV reader would take them: each bad point named by its position (row = index + 1) and skipped.</summary>
    private static SeriesFile Points(JsonArray rows)
    {
        var points = new List<SeriesPoint>(rows.Count);
        var problems = new List<SeriesRowProblem>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = i + 1;
            if (rows[i] is not JsonObject o)
            {
                problems.Add(new SeriesRowProblem(row, $"points[{i}] is not an object {{timestamp, value}}"));
                continue;
            }

            if (o["timestamp"] is not JsonValue t || !t.TryGetValue<string>(out var stamp) || !TimeSeriesCsv.TryParseTimestamp(stamp, out var timestamp))
            {
                problems.Add(new SeriesRowProblem(row, $"points[{i}].timestamp is not an ISO 8601 date or date-time (e.g. 2014-04-10T16:15:00Z)"));
                continue;
            }

            if (o["value"] is not JsonValue v || !v.TryGetValue<double>(out var value) || !double.IsFinite(value))
            {
                problems.Add(new SeriesRowProblem(row, $"points[{i}].value is not a finite number"));
                continue;
            }

            if (points.Count > 0 && timestamp < points[^1].Timestamp)
            {
                problems.Add(new SeriesRowProblem(row, $"points[{i}].timestamp {TimeSeriesCsv.Format(timestamp)} is earlier than the previous point's ({TimeSeriesCsv.Format(points[^1].Timestamp)}); points must be in time order"));
                continue;
            }

            points.Add(new SeriesPoint(timestamp, value));
        }

        return new SeriesFile(points, problems);
    }
}
