using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Core.Documents;
using Vigil.Core.Output;
using Vigil.Core.Search;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary><c>/api/search</c>: ranked full-text search with highlighted snippets (<c>vigil search</c>), a page at a time.</summary>
public static class SearchApi
{
    /// <summary>Deepest result reachable by paging (as <c>vigil search --limit</c>).</summary>
    public const int MaxDepth = 10_000;

    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/search").WithTags("search").RequireAuthorization(Policies.Read);
        group.MapGet("/", Search).WithName("Search")
            .WithSummary("Ranked search (BM25); filters lang, source, from, to, domain; each hit's marks index its snippet_text");
        return group;
    }

    public static async Task<Results<Ok<object>, ProblemHttpResult>> Search(WebWorkspace workspace, SearchCatalogue catalogue, string? q, string? lang, string? source, string? from, string? to,
        string? domain, string? taxonomy, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        // A search is CPU work from start to end: running more at once than there are cores only interleaves them
        // (every one finishes later) and keeps more of their garbage alive. The rest wait their turn, first come first served.
        await workspace.SearchSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return SearchNow(workspace, catalogue, q, lang, source, from, to, domain, taxonomy, page, pageSize);
        }
        finally
        {
            workspace.SearchSlots.Release();
        }
    }

    private static Results<Ok<object>, ProblemHttpResult> SearchNow(WebWorkspace workspace, SearchCatalogue catalogue, string? q, string? lang, string? source, string? from, string? to,
        string? domain, string? taxonomy, int? page, int? pageSize)
    {
        var (paging, problem) = Paging.From(page, pageSize, 10);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(q))
        {
            return Problems.BadRequest("give a query in q: words, \"phrases\", Chinese terms; AND OR NOT, parentheses, title:...");
        }

        foreach (var (name, value) in new[] { ("from", from), ("to", to) })
        {
            if (!string.IsNullOrWhiteSpace(value) && !PartialDate.TryParse(value, out _))
            {
                return Problems.BadRequest($"{name} '{value}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD.");
            }
        }

        if (paging.Skip + paging.PageSize > MaxDepth)
        {
            return Problems.BadRequest($"results beyond the first {MaxDepth} are not served; narrow the query or the filters.");
        }

        var request = new SearchRequest
        {
            Query = q,
            Language = DocumentsApi.Blank(lang),
            Source = DocumentsApi.Blank(source),
            From = DocumentsApi.Blank(from),
            To = DocumentsApi.Blank(to),
            Limit = paging.Skip + paging.PageSize,
        };
        try
        {
            var infoOf = catalogue.At(workspace.Index.Generation());
            if (DocumentsApi.Blank(domain) is { } domainId)
            {
                var (load, classifier) = workspace.Taxonomy(DocumentsApi.Blank(taxonomy));
                if (classifier is null)
                {
                    return Problems.BadRequest(string.Join(" ", load.Errors));
                }

                if (load.Taxonomy!.Find(domainId) is null)
                {
                    return Problems.BadRequest($"unknown domain '{domainId}' in taxonomy {load.Taxonomy.Version}; GET /api/taxonomy lists them.");
                }

                var filtered = DomainSearch.Search(workspace.Index, request, classifier, domainId, workspace.Store.GetContent, infoOf);
                return TypedResults.Ok<object>(new
                {
                    items = filtered.Hits.Skip(paging.Skip).Select(JsonShapes.SearchHit),
                    page = paging.Page,
                    page_size = paging.PageSize,
                    total = filtered.Total,
                    total_exact = filtered.Exact,
                    examined = filtered.Examined,
                });
            }

            // The pages before this one are ranked but get no snippets.
            var result = workspace.Index.Search(request with { Skip = paging.Skip }, workspace.Store.GetContent, infoOf);
            return TypedResults.Ok<object>(new
            {
                items = result.Hits.Select(JsonShapes.SearchHit),
                page = paging.Page,
                page_size = paging.PageSize,
                total = result.Total,
                total_exact = true,
                examined = (int?)null,
            });
        }
        catch (SearchQueryException ex)
        {
            return Problems.BadRequest(ex.Message);
        }
    }
}
