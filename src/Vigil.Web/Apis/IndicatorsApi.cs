using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Core.Indicators;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary>
/// <c>/api/indicators</c>: the indicators watched for unusual change (<c>vigil indicators list|show|series|add|remove</c>;
/// docs/indicators.md). Adding and removing need the analyst role.
/// </summary>
public static class IndicatorsApi
{
    public static RouteGroupBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/indicators").WithTags("indicators").RequireAuthorization(Policies.Read);
        group.MapGet("/", List).WithName("ListIndicators").WithSummary("The indicator definitions, by id (vigil indicators list)");
        group.MapGet("/{id}", Get).WithName("GetIndicator").WithSummary("One definition with its alerts counted by state (vigil indicators show)");
        group.MapGet("/{id}/series", Series).WithName("GetIndicatorSeries")
            .WithSummary("The indicator's series computed from the data directory, each point with its documents and top contributors (vigil indicators series)");
        group.MapPost("/", Add).RequireAuthorization(Policies.Analyst).WithName("AddIndicator")
            .WithSummary("Define an indicator: the definition JSON of 'indicators show'; a csv source carries its rows as CSV text in source.csv (vigil indicators add)");
        group.MapDelete("/{id}", Remove).RequireAuthorization(Policies.Analyst).WithName("RemoveIndicator")
            .WithSummary("Remove an indicator; its alerts stay as history (vigil indicators remove)");
        return group;
    }

    public static Results<Ok<PagedList>, ProblemHttpResult> List(WarningWorkspace warning, int? page, int? pageSize)
    {
        var (paging, problem) = Paging.From(page, pageSize);
        return problem ?? (Results<Ok<PagedList>, ProblemHttpResult>)TypedResults.Ok(paging.Of(warning.Store.ListIndicators(), i => IndicatorJson.ToJson(i)));
    }

    public static Results<Ok<JsonObject>, ProblemHttpResult> Get(WarningWorkspace warning, string id)
    {
        if (warning.Store.GetIndicator(id) is not { } indicator)
        {
            return NotFound(id);
        }

        var rows = indicator.Source is CsvSource ? warning.Store.ImportedPoints(indicator.Id).Count : (int?)null;
        return TypedResults.Ok(IndicatorJson.WithAlerts(indicator, warning.Store.ListAlerts(), rows));
    }

    public static Results<Ok<JsonObject>, ProblemHttpResult> Series(WarningWorkspace warning, string id, CancellationToken cancellationToken)
    {
        if (warning.Store.GetIndicator(id) is not { } indicator)
        {
            return NotFound(id);
        }

        var result = warning.Series(indicator, cancellationToken);
        return result.Series is { } series
            ? TypedResults.Ok(IndicatorJson.Series(series))
            : Problems.Status(StatusCodes.Status409Conflict, "The series cannot be computed", result.Error!);
    }

    public static async Task<Results<Created<JsonObject>, ProblemHttpResult>> Add(WarningWorkspace warning, WebWorkspace workspace, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, bodyProblem) = await WarningRequests.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var (types, typesError) = warning.EventTypes();
        if (types is null)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "The event types cannot be loaded", typesError!);
        }

        var read = IndicatorRequest.Read(body, workspace.Taxonomy(null).Load.Taxonomy, types);
        if (read.Indicator is not { } indicator)
        {
            return Problems.Field(read.Field!, read.Error!);
        }

        if (!warning.Store.AddIndicator(indicator, read.Points))
        {
            return WarningRequests.Conflict("id", $"indicator '{indicator.Id}' exists; remove it first (DELETE /api/indicators/{indicator.Id}) to redefine it.");
        }

        return TypedResults.Created($"/api/indicators/{Uri.EscapeDataString(indicator.Id)}", IndicatorJson.ToJson(indicator));
    }

    public static Results<Ok<JsonObject>, ProblemHttpResult> Remove(WarningWorkspace warning, string id)
    {
        if (!warning.Store.RemoveIndicator(id))
        {
            return NotFound(id);
        }

        var linked = warning.Store.ListRisks().Where(r => r.Indicators.Contains(id, StringComparer.Ordinal)).Select(r => (JsonNode?)JsonValue.Create(r.Id));
        return TypedResults.Ok(new JsonObject { ["removed"] = id, ["risks_still_linked"] = new JsonArray([.. linked]) });
    }

    private static ProblemHttpResult NotFound(string id) =>
        Problems.NotFound($"no indicator '{id}'; GET /api/indicators lists the ids.");
}

/// <summary>Request bodies and field-naming problem details shared by the early-warning API groups.</summary>
internal static class WarningRequests
{
    /// <summary>Reads a JSON body; a problem (400) naming what is wrong when it is not JSON.</summary>
    public static async Task<(JsonNode? Body, ProblemHttpResult? Problem)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Send JSON", "send the body as application/json."));
        }

        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return node is JsonObject ? (node, null) : (null, Problems.Field("", "the body must be a JSON object."));
        }
        catch (JsonException ex)
        {
            return (null, Problems.Field("", $"the body is not valid JSON ({ex.Message})."));
        }
    }

    public static ProblemHttpResult Conflict(string field, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict",
            extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>Who did it: the signed-in user's name (an API key's name, or "local" in local mode).</summary>
    public static string Who(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : "analyst";

    /// <summary>An optional string field of a JSON body; a problem when it is there but not a string.</summary>
    public static (string? Value, ProblemHttpResult? Problem) Text(JsonNode? body, string field)
    {
        var node = body?[field];
        if (node is null)
        {
            return (null, null);
        }

        return node is JsonValue v && v.TryGetValue<string>(out var text) ? (text, null) : (null, Problems.Field(field, $"field {field} must be a string."));
    }

    /// <summary>A required whole-number field of a JSON body.</summary>
    public static (int Value, ProblemHttpResult? Problem) Integer(JsonNode? body, string field, string allowed)
    {
        var node = body?[field];
        if (node is JsonValue v && v.TryGetValue<int>(out var n))
        {
            return (n, null);
        }

        if (node is JsonValue d && d.TryGetValue<double>(out var x) && x == Math.Floor(x) && x is >= int.MinValue and <= int.MaxValue)
        {
            return ((int)x, null);
        }

        return (0, Problems.Field(field, $"field {field} {(node is null ? "is missing" : "must be a whole number")}; allowed: {allowed}."));
    }
}
