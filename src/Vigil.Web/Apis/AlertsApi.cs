using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Core.Alerts;
using Vigil.Storage.Sqlite;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary>
/// <c>/api/alerts</c>: the alert inbox (<c>vigil alerts</c>, <c>alerts show|ack|resolve</c>, <c>alerts budget</c>) and
/// <c>POST /api/watch</c> (<c>vigil watch</c>); docs/alerts.md. Acknowledging, resolving and running the watch need the
/// analyst role, and the history records the signed-in user as who did it.
/// </summary>
public static class AlertsApi
{
    private static readonly string[] States = ["open", "new", "acknowledged", "resolved", "suppressed", "all"];

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alerts").WithTags("alerts").RequireAuthorization(Policies.Read);
        group.MapGet("/", List).WithName("ListAlerts")
            .WithSummary("Alerts, newest first: state=open (default: not resolved)|new|acknowledged|resolved|suppressed|all, severity, indicator (vigil alerts)");
        group.MapGet("/{id:long}", Get).WithName("GetAlert").WithSummary("One alert with its explanation, evidence, history and deliveries (vigil alerts show)");
        group.MapPost("/{id:long}/ack", Acknowledge).RequireAuthorization(Policies.Analyst).WithName("AcknowledgeAlert")
            .WithSummary("Acknowledge an alert (new or suppressed → acknowledged); optional JSON {note} (vigil alerts ack)");
        group.MapPost("/{id:long}/resolve", Resolve).RequireAuthorization(Policies.Analyst).WithName("ResolveAlert")
            .WithSummary("Resolve an alert; optional JSON {note} (vigil alerts resolve)");
        group.MapGet("/budget", Budget).WithName("GetAlertBudget").WithSummary("The most alerts raised per UTC day for each severity (vigil alerts budget)");
        app.MapPost("/api/watch", Watch).WithTags("alerts").RequireAuthorization(Policies.Analyst).WithName("Watch")
            .WithSummary("Run the watch now over every indicator (or JSON {indicators:[…]}); the report of vigil watch --json");
        return app;
    }

    public static Results<Ok<PagedList>, ProblemHttpResult> List(WarningWorkspace warning, string? state, string? severity, string? indicator, int? page, int? pageSize)
    {
        var (paging, problem) = Paging.From(page, pageSize);
        if (problem is not null)
        {
            return problem;
        }

        var wanted = DocumentsApi.Blank(state)?.ToLowerInvariant() ?? "open";
        if (!States.Contains(wanted, StringComparer.Ordinal))
        {
            return Problems.Field("state", $"state must be one of {string.Join(", ", States)} (got '{state}').");
        }

        AlertSeverity? level = null;
        if (DocumentsApi.Blank(severity) is { } s)
        {
            if (!AlertNames.TryParseSeverity(s, out var parsed))
            {
                return Problems.Field("severity", $"severity must be one of low, medium, high, critical (got '{severity}').");
            }

            level = parsed;
        }

        var only = DocumentsApi.Blank(indicator);
        var alerts = warning.Store.ListAlerts()
            .Where(a => wanted switch { "all" => true, "open" => a.IsOpen, _ => AlertNames.Of(a.State) == wanted })
            .Where(a => level is null || a.Severity == level)
            .Where(a => only is null || a.Indicator == only)

            // Newest first: ids rise in the order the watch raised the alerts.
            .OrderByDescending(a => a.Id);
        return TypedResults.Ok(paging.Of(alerts, a => AlertJson.ToJson(a)));
    }

    public static Results<Ok<JsonObject>, ProblemHttpResult> Get(WarningWorkspace warning, long id) =>
        warning.Store.GetAlert(id) is { } alert ? TypedResults.Ok(AlertJson.ToJson(alert)) : NotFound(id);

    public static Task<Results<Ok<JsonObject>, ProblemHttpResult>> Acknowledge(WarningWorkspace warning, long id, HttpRequest request, ClaimsPrincipal user,
        CancellationToken cancellationToken) => Change(warning, id, request, user, AlertActions.Acknowledge, cancellationToken);

    public static Task<Results<Ok<JsonObject>, ProblemHttpResult>> Resolve(WarningWorkspace warning, long id, HttpRequest request, ClaimsPrincipal user,
        CancellationToken cancellationToken) => Change(warning, id, request, user, AlertActions.Resolve, cancellationToken);

    public static Results<Ok<JsonObject>, ProblemHttpResult> Budget(WebWorkspace workspace)
    {
        var (config, error) = WarningConfig.Load(workspace.DataDirectory);

        // Only the budget: the delivery targets (a webhook URL may carry a secret) are not for every viewer.
        return config is null
            ? Problems.Status(StatusCodes.Status409Conflict, "warning.json cannot be read", error!)
            : TypedResults.Ok(new JsonObject { ["budget"] = config.ToJson()["budget"]!.DeepClone() });
    }

    public static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Watch(WarningWorkspace warning, HttpRequest request, CancellationToken cancellationToken)
    {
        List<string>? only = null;
        if (request.ContentLength is > 0 || request.ContentType is not null)
        {
            var (body, problem) = await WarningRequests.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            if (body!["indicators"] is JsonArray ids)
            {
                only = [];
                foreach (var id in ids)
                {
                    if (id is not JsonValue v || !v.TryGetValue<string>(out var text))
                    {
                        return Problems.Field("indicators", "field indicators must be a list of indicator ids.");
                    }

                    only.Add(text);
                }

                only = [.. only.Distinct(StringComparer.Ordinal)];
                var unknown = only.Where(i => warning.Store.GetIndicator(i) is null).ToList();
                if (unknown.Count > 0)
                {
                    return Problems.Field("indicators", $"no indicator {string.Join(", ", unknown.Select(u => $"'{u}'"))}; GET /api/indicators lists the ids.");
                }
            }
            else if (body["indicators"] is not null)
            {
                return Problems.Field("indicators", "field indicators must be a list of indicator ids.");
            }
        }

        var (report, error) = await warning.WatchAsync(only, cancellationToken).ConfigureAwait(false);
        return report is null
            ? Problems.Status(StatusCodes.Status409Conflict, "warning.json cannot be read", error!)
            : TypedResults.Ok(WatchRun.ToJson(report));
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Change(WarningWorkspace warning, long id, HttpRequest request, ClaimsPrincipal user,
        Func<IAlertStore, long, string, string?, TimeProvider, (Alert? Alert, string? Error)> change, CancellationToken cancellationToken)
    {
        string? note = null;
        if (request.ContentLength is > 0 || request.ContentType is not null)
        {
            var (body, problem) = await WarningRequests.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            (note, problem) = WarningRequests.Text(body, "note");
            if (problem is not null)
            {
                return problem;
            }

            if (note is { Length: > 4000 })
            {
                return Problems.Field("note", $"field note has {note.Length} characters; at most 4000 are allowed.");
            }
        }

        if (warning.Store.GetAlert(id) is null)
        {
            return NotFound(id);
        }

        // Not while a watch runs (here or a CLI's): it plans from the alerts it read and would write back an alert's old state.
        (Alert? Alert, string? Error) changed;
        await warning.WatchLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var held = warning.Store.LockChanges(cancellationToken: cancellationToken);
            changed = change(warning.Store, id, WarningRequests.Who(user), note, warning.Time);
        }
        catch (WarningStoreBusyException ex)
        {
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "The alerts are being changed elsewhere", ex.Message);
        }
        finally
        {
            warning.WatchLock.Release();
        }

        var (alert, error) = changed;
        return alert is null
            ? WarningRequests.Conflict("state", error!.Replace("'vigil alerts --state all' lists them", "GET /api/alerts?state=all lists them", StringComparison.Ordinal) + ".")
            : TypedResults.Ok(AlertJson.ToJson(alert));
    }

    private static ProblemHttpResult NotFound(long id) => Problems.NotFound($"no alert {id}; GET /api/alerts?state=all lists them.");
}
