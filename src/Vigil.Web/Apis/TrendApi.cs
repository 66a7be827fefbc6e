using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Core.Documents;
using Vigil.Core.Output;
using Vigil.Core.Terms;
using Vigil.Core.Trends;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary><c>/api/trend</c>: term rates, domain shares or the securitisation index per document, source, year or month (<c>vigil trend</c>).</summary>
public static class TrendApi
{
    public static RouteGroupBuilder MapTrendApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/trend").WithTags("trend").RequireAuthorization(Policies.Read);
        group.MapGet("/", Trend).WithName("Trend")
            .WithSummary("Exactly one of: term= (repeatable), domain=ID, index=securitization; by doc|source|year|month (vigil trend)");
        return group;
    }

    public static Results<Ok<PagedList>, ProblemHttpResult> Trend(WebWorkspace workspace, string[]? term, string? domain, string? index, string? by,
        string[]? doc, bool? stem, string? taxonomy, int? page, int? pageSize)
    {
        var (paging, problem) = Paging.From(page, pageSize, 1000);
        if (problem is not null)
        {
            return problem;
        }

        var terms = (term ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        var domainId = DocumentsApi.Blank(domain);
        var indexName = DocumentsApi.Blank(index);
        if ((terms.Count > 0 ? 1 : 0) + (domainId is not null ? 1 : 0) + (indexName is not null ? 1 : 0) != 1)
        {
            return Problems.BadRequest("give terms (term=...), or domain=ID, or index=securitization (exactly one of them).");
        }

        if (indexName is not (null or "securitization" or "securitisation"))
        {
            return Problems.BadRequest($"index must be securitization (got '{indexName}').");
        }

        if (by is not (null or "doc" or "source" or "year" or "month"))
        {
            return Problems.BadRequest($"by must be doc, source, year or month (got '{by}').");
        }

        var docs = DocumentSelection.Select(workspace.Store, doc);
        if (docs.Documents is null)
        {
            return Problems.BadRequest(docs.Error!);
        }

        var grouping = Enum.Parse<TrendGrouping>(by ?? "doc", ignoreCase: true);
        IReadOnlyList<TrendRow> rows;
        if (terms.Count > 0)
        {
            var (set, error) = TermSet.TryCompile(terms, new TermOptions { Stem = stem ?? false });
            if (set is null)
            {
                return Problems.BadRequest(error!);
            }

            rows = TrendCalculator.Terms(workspace.Store, docs.Documents, set, grouping);
        }
        else
        {
            var (load, classifier) = workspace.Taxonomy(DocumentsApi.Blank(taxonomy));
            if (classifier is null)
            {
                return Problems.BadRequest(string.Join(" ", load.Errors));
            }

            if (domainId is not null && load.Taxonomy!.Find(domainId) is null)
            {
                return Problems.BadRequest($"unknown domain '{domainId}' in taxonomy {load.Taxonomy.Version}; GET /api/taxonomy lists them.");
            }

            rows = domainId is not null
                ? TrendCalculator.Domain(workspace.Store, docs.Documents, classifier, domainId, grouping)
                : TrendCalculator.Securitization(workspace.Store, docs.Documents, classifier, grouping);
        }

        return TypedResults.Ok(paging.Of(rows, JsonShapes.TrendRow));
    }
}
