using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Core.Documents;
using Vigil.Core.Output;
using Vigil.Core.Terms;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary><c>/api/count</c> and <c>/api/kwic</c>: exact counts and keyword in context (<c>vigil count</c>, <c>vigil kwic</c>).</summary>
public static class TermsApi
{
    public static RouteGroupBuilder MapTermsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("terms").RequireAuthorization(Policies.Read);
        group.MapGet("/count", Count).WithName("Count").WithSummary("Counts and rates of terms (repeat term=), per doc, source, year or corpus (vigil count)");
        group.MapGet("/kwic", Kwic).WithName("Kwic").WithSummary("Every occurrence of a term with its context from the original text (vigil kwic)");
        return group;
    }

    public static Results<Ok<PagedList>, ProblemHttpResult> Count(WebWorkspace workspace, string[]? term, string[]? doc, string? by, bool? stem, bool? nonzero,
        int? page, int? pageSize)
    {
        var (paging, problem) = Paging.From(page, pageSize, 100);
        if (problem is not null)
        {
            return problem;
        }

        var terms = (term ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (terms.Count == 0)
        {
            return Problems.BadRequest("give at least one term (term=...; repeat it for more).");
        }

        if (!Enum.TryParse<CountGrouping>(by ?? "doc", ignoreCase: true, out var grouping) || int.TryParse(by, out _))
        {
            return Problems.BadRequest($"by must be doc, source, year or corpus (got '{by}').");
        }

        var (set, error) = TermSet.TryCompile(terms, new TermOptions { Stem = stem ?? false });
        if (set is null)
        {
            return Problems.BadRequest(error!);
        }

        var docs = DocumentSelection.Select(workspace.Store, doc);
        if (docs.Documents is null)
        {
            return Problems.BadRequest(docs.Error!);
        }

        var rows = CorpusCounter.Count(workspace.Store, docs.Documents, set, grouping, includeZeros: !(nonzero ?? false));
        return TypedResults.Ok(paging.Of(rows, r => JsonShapes.CountRow(r, grouping)));
    }

    public static Results<Ok<PagedList>, ProblemHttpResult> Kwic(WebWorkspace workspace, string? term, string[]? doc, int? width, bool? stem, int? page, int? pageSize)
    {
        var (paging, problem) = Paging.From(page, pageSize, 100);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(term))
        {
            return Problems.BadRequest("give a term (term=...).");
        }

        if (width is < 1 or > 10_000)
        {
            return Problems.BadRequest("width takes 1 to 10000.");
        }

        var (set, error) = TermSet.TryCompile([term], new TermOptions { Stem = stem ?? false });
        if (set is null)
        {
            return Problems.BadRequest(error!);
        }

        var docs = DocumentSelection.Select(workspace.Store, doc);
        if (docs.Documents is null)
        {
            return Problems.BadRequest(docs.Error!);
        }

        var lines = Concordance.Lines(workspace.Store, docs.Documents, set, width ?? 40, 0);
        return TypedResults.Ok(paging.Of(lines, l => JsonShapes.ConcordanceLine(l.Document, l.Line)));
    }
}
