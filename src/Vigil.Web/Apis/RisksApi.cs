using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Core.Domains;
using Vigil.Core.Risks;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary>
/// <c>/api/risks</c>: the domain risk register (<c>vigil risks list|show|add|assess|heatmap</c>; docs/risks.md). Adding
/// and assessing need the analyst role; the assessment history records the signed-in user as who rated it.
/// </summary>
public static class RisksApi
{
    public static RouteGroupBuilder MapRisksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/risks").WithTags("risks").RequireAuthorization(Policies.Read);
        group.MapGet("/", List).WithName("ListRisks").WithSummary("The register by domain then id, each risk with its rating and trend arrow (vigil risks list)");
        group.MapGet("/heatmap", HeatMap).WithName("RiskHeatmap")
            .WithSummary("Risks counted on the 5 × 5 likelihood × impact grid, with every risk and its cell (vigil risks heatmap --json)");
        group.MapGet("/{id}", Get).WithName("GetRisk").WithSummary("One risk with its assessment history (vigil risks show)");
        group.MapPost("/", Add).RequireAuthorization(Policies.Analyst).WithName("AddRisk")
            .WithSummary("Add a risk with its first assessment: JSON {id, domain, title, description, owner, likelihood, impact, indicators, review_date, note} (vigil risks add)");
        group.MapPost("/{id}/assess", Assess).RequireAuthorization(Policies.Analyst).WithName("AssessRisk")
            .WithSummary("Record a new assessment: JSON {likelihood, impact, note} (vigil risks assess)");
        return group;
    }

    public static Results<Ok<PagedList>, ProblemHttpResult> List(WarningWorkspace warning, WebWorkspace workspace, string? domain, int? page, int? pageSize)
    {
        var (paging, problem) = Paging.From(page, pageSize);
        if (problem is not null)
        {
            return problem;
        }

        var (risks, domainProblem) = Risks(warning, workspace, domain);
        if (domainProblem is not null)
        {
            return domainProblem;
        }

        var alerts = warning.Store.ListAlerts();
        var now = warning.Time.GetUtcNow();
        return TypedResults.Ok(paging.Of(risks!, r => RiskJson.ToJson(r, alerts, now)));
    }

    public static Results<Ok<JsonObject>, ProblemHttpResult> HeatMap(WarningWorkspace warning, WebWorkspace workspace, string? domain)
    {
        var (risks, problem) = Risks(warning, workspace, domain);
        return problem ?? (Results<Ok<JsonObject>, ProblemHttpResult>)TypedResults.Ok(RiskJson.HeatMap(risks!, DocumentsApi.Blank(domain)));
    }

    public static Results<Ok<JsonObject>, ProblemHttpResult> Get(WarningWorkspace warning, string id) =>
        warning.Store.GetRisk(id) is { } risk
            ? TypedResults.Ok(RiskJson.ToJson(risk, warning.Store.ListAlerts(), warning.Time.GetUtcNow()))
            : NotFound(id);

    public static async Task<Results<Created<JsonObject>, ProblemHttpResult>> Add(WarningWorkspace warning, WebWorkspace workspace, HttpRequest request,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (body, problem) = await WarningRequests.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (Register(warning, workspace) is not { } register)
        {
            return TaxonomyProblem(workspace);
        }

        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in new[] { "id", "domain", "title", "description", "owner", "review_date", "note" })
        {
            var (value, fieldProblem) = WarningRequests.Text(body, field);
            if (fieldProblem is not null)
            {
                return fieldProblem;
            }

            texts[field] = value;
        }

        var (likelihood, impact, scoreProblem) = Scores(body);
        if (scoreProblem is not null)
        {
            return scoreProblem;
        }

        var indicators = new List<string>();
        if (body!["indicators"] is JsonArray list)
        {
            foreach (var item in list)
            {
                if (item is not JsonValue v || !v.TryGetValue<string>(out var text))
                {
                    return Problems.Field("indicators", "field indicators must be a list of indicator ids.");
                }

                indicators.Add(text);
            }
        }
        else if (body["indicators"] is not null)
        {
            return Problems.Field("indicators", "field indicators must be a list of indicator ids.");
        }

        var (risk, errors) = register.Add(new RiskInput(texts["id"] ?? "", texts["domain"] ?? "", texts["title"] ?? "", texts["description"], texts["owner"],
            likelihood, impact, indicators, texts["review_date"], WarningRequests.Who(user), texts["note"]));
        if (risk is null)
        {
            return Errors(errors);
        }

        return TypedResults.Created($"/api/risks/{Uri.EscapeDataString(risk.Id)}", RiskJson.ToJson(risk, warning.Store.ListAlerts(), warning.Time.GetUtcNow()));
    }

    public static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Assess(WarningWorkspace warning, WebWorkspace workspace, string id, HttpRequest request,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (body, problem) = await WarningRequests.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (warning.Store.GetRisk(id) is null)
        {
            return NotFound(id);
        }

        if (Register(warning, workspace) is not { } register)
        {
            return TaxonomyProblem(workspace);
        }

        var (likelihood, impact, scoreProblem) = Scores(body);
        if (scoreProblem is not null)
        {
            return scoreProblem;
        }

        var (note, noteProblem) = WarningRequests.Text(body, "note");
        if (noteProblem is not null)
        {
            return noteProblem;
        }

        var (risk, errors) = register.Assess(id, likelihood, impact, WarningRequests.Who(user), note);
        return risk is null ? Errors(errors) : TypedResults.Ok(RiskJson.ToJson(risk, warning.Store.ListAlerts(), warning.Time.GetUtcNow()));
    }

    private static (IReadOnlyList<Risk>? Risks, ProblemHttpResult? Problem) Risks(WarningWorkspace warning, WebWorkspace workspace, string? domain)
    {
        var wanted = DocumentsApi.Blank(domain);
        if (wanted is not null && workspace.Taxonomy(null).Load.Taxonomy is { } taxonomy && taxonomy.Find(wanted) is null)
        {
            return (null, Problems.Field("domain", $"domain '{wanted}' is not a taxonomy domain; allowed: {string.Join(", ", taxonomy.Domains.Select(d => d.Id))}."));
        }

        return ([.. warning.Store.ListRisks().Where(r => wanted is null || r.Domain == wanted)], null);
    }

    private static RiskRegister? Register(WarningWorkspace warning, WebWorkspace workspace) =>
        workspace.Taxonomy(null).Load.Taxonomy is Taxonomy taxonomy
            ? new RiskRegister(warning.Store, taxonomy, i => warning.Store.GetIndicator(i) is not null, warning.Time)
            : null;

    private static ProblemHttpResult TaxonomyProblem(WebWorkspace workspace) =>
        Problems.Status(StatusCodes.Status409Conflict, "The taxonomy cannot be loaded", string.Join(" ", workspace.Taxonomy(null).Load.Errors));

    /// <summary>Every validation error of the register, all at once; <c>field</c> names the first, <c>errors</c> lists them all.</summary>
    private static ProblemHttpResult Errors(IReadOnlyList<string> errors)
    {
        static string FieldOf(string error)
        {
            var word = error.Split(' ', 2)[0];
            return error.StartsWith("review date", StringComparison.Ordinal) ? "review_date"
                : error.StartsWith("no risk", StringComparison.Ordinal) ? "id"
                : word is "id" or "domain" or "title" or "description" or "owner" or "note" or "by" or "likelihood" or "impact" ? word
                : error.StartsWith("indicator", StringComparison.Ordinal) ? "indicators" : "";
        }

        return TypedResults.Problem(detail: string.Join("; ", errors).Replace("'vigil indicators list' shows the ids", "GET /api/indicators lists them", StringComparison.Ordinal) + ".",
            statusCode: StatusCodes.Status400BadRequest, title: "The request cannot be used as it is",
            extensions: new Dictionary<string, object?>
            {
                ["field"] = FieldOf(errors[0]),
                ["errors"] = errors.Select(e => new Dictionary<string, string> { ["field"] = FieldOf(e), ["message"] = e }).ToList(),
            });
    }

    private static ProblemHttpResult NotFound(string id) => Problems.NotFound($"no risk '{id}'; GET /api/risks lists the ids.");

    /// <summary>The likelihood and impact of a posted assessment (each 1 to 5), or the problem naming the field.</summary>
    private static (int Likelihood, int Impact, ProblemHttpResult? Problem) Scores(JsonNode? body)
    {
        var (likelihood, likelihoodProblem) = WarningRequests.Integer(body, "likelihood", "1, 2, 3, 4, 5 (1 rare … 5 almost certain)");
        if (likelihoodProblem is not null)
        {
            return (0, 0, likelihoodProblem);
        }

        var (impact, impactProblem) = WarningRequests.Integer(body, "impact", "1, 2, 3, 4, 5 (1 minor … 5 severe)");
        return (likelihood, impact, impactProblem);
    }
}
