using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Core.Documents;
using Vigil.Core.Output;
using Vigil.Core.Terms;
using Vigil.Core.Tifa;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary><c>/api/tifa</c>: the formulation (提法) tracker — dictionary, timeline and diff (<c>vigil tifa list|timeline|diff</c>).</summary>
public static class TifaApi
{
    public static RouteGroupBuilder MapTifaApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tifa").WithTags("tifa").RequireAuthorization(Policies.Read);
        group.MapGet("/formulations", List).WithName("TifaList").WithSummary("The formulations of the dictionary, optionally of one domain (vigil tifa list)");
        group.MapGet("/timeline/{id}", Timeline).WithName("TifaTimeline").WithSummary("One formulation over all documents, per doc, year or source (vigil tifa timeline)");
        group.MapGet("/diff", Diff).WithName("TifaDiff")
            .WithSummary("What appeared, disappeared, rose and fell from a to b (two documents, or a-source and b-source), with candidates (vigil tifa diff)");
        return group;
    }

    public static Results<Ok<PagedList>, ProblemHttpResult> List(string? domain, int? page, int? pageSize)
    {
        var (paging, problem) = Paging.From(page, pageSize, 200);
        if (problem is not null)
        {
            return problem;
        }

        var wanted = DocumentsApi.Blank(domain)?.ToLowerInvariant();
        if (wanted is not null && !FormulationDictionary.DomainIds.Contains(wanted, StringComparer.Ordinal))
        {
            return Problems.BadRequest($"unknown domain '{domain}'; known: {string.Join(", ", FormulationDictionary.DomainIds)}.");
        }

        var entries = FormulationDictionary.BuiltIn.Formulations.Where(f => wanted is null || f.Domains.Contains(wanted, StringComparer.Ordinal));
        return TypedResults.Ok(paging.Of(entries, JsonShapes.Formulation));
    }

    public static Results<Ok<PagedList>, ProblemHttpResult> Timeline(WebWorkspace workspace, string id, string? by, int? page, int? pageSize)
    {
        var (paging, problem) = Paging.From(page, pageSize, 1000);
        if (problem is not null)
        {
            return problem;
        }

        if (by is not (null or "doc" or "year" or "source"))
        {
            return Problems.BadRequest($"by must be doc, year or source (got '{by}').");
        }

        var dictionary = FormulationDictionary.BuiltIn;
        if (dictionary.Find(id) is not { } formulation)
        {
            var close = dictionary.CloseIds(id);
            return Problems.NotFound($"unknown formulation '{id}'" + (close.Count > 0 ? $"; close ids: {string.Join(", ", close)}" : "") + "; GET /api/tifa/formulations lists all.");
        }

        var grouping = Enum.Parse<CountGrouping>(by ?? "doc", ignoreCase: true);
        var rows = workspace.Formulations.Timeline(workspace.Store, workspace.Store.List().ToList(), formulation, grouping);
        return TypedResults.Ok(paging.Of(rows, JsonShapes.TimelineRow));
    }

    public static Results<Ok<object>, ProblemHttpResult> Diff(WebWorkspace workspace, string? a, string? b,
        [FromQuery(Name = "a-source")] string? aSource, [FromQuery(Name = "b-source")] string? bSource,
        [FromQuery(Name = "min-freq")] int? minFreq, int? top)
    {
        var (docA, docB, srcA, srcB) = (DocumentsApi.Blank(a), DocumentsApi.Blank(b), DocumentsApi.Blank(aSource), DocumentsApi.Blank(bSource));
        if (DocumentSelection.CheckDiffArguments(docA, docB, srcA, srcB) is { } argumentError)
        {
            return Problems.BadRequest(argumentError);
        }

        if (minFreq is < 1 or > 1_000_000 || top is < 0 or > 100_000)
        {
            return Problems.BadRequest("min-freq takes 1 to 1000000 and top 0 (all) to 100000.");
        }

        var sides = DocumentSelection.DiffSides(workspace.Store, docA, docB, srcA, srcB);
        if (sides.Error is not null)
        {
            return Problems.BadRequest(sides.Error);
        }

        var diff = workspace.Formulations.Diff(TrackedDocument.LoadAll(workspace.Store, sides.A!), TrackedDocument.LoadAll(workspace.Store, sides.B!),
            new FormulationDiffOptions { MinFrequency = minFreq ?? 3, Top = top ?? 30 });
        return TypedResults.Ok(JsonShapes.FormulationDiff(diff, srcA, srcB));
    }
}
