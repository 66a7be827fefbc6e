using Vigil.Core.Documents;
using Vigil.Core.Domains;

namespace Vigil.Core.Search;

/// <summary>Hits of a search restricted to a security domain.</summary>
/// <param name="Total">Matching documents assigned the domain among those examined.</param>
/// <param name="Exact">True when every document matching the query was examined, so <paramref name="Total"/> is the exact count; false when it is a lower bound.</param>
/// <param name="Examined">Ranked matches classified.</param>
public sealed record DomainSearchResult(int Total, bool Exact, int Examined, IReadOnlyList<SearchHit> Hits);

/// <summary>
/// Search with a domain filter (the index holds no domains: they depend on the taxonomy, which a user can
/// change without re-indexing). The query runs as usual; its best <c>maxExamined</c> matches are classified
/// and those assigned the domain kept, in rank order. The result says whether that covered every match.
/// </summary>
public static class DomainSearch
{
    /// <summary>Ranked matches classified at most, by default.</summary>
    public const int DefaultMaxExamined = 500;

    /// <summary>Runs <paramref name="request"/> and keeps the hits whose document is assigned <paramref name="domainId"/>.</summary>
    /// <exception cref="SearchQueryException">The query is malformed.</exception>
    public static DomainSearchResult Search(ISearchIndex index, SearchRequest request, DomainClassifier classifier, string domainId,
        Func<string, DocumentContent?> contentOf, Func<string, DocumentInfo?> infoOf, int maxExamined = DefaultMaxExamined)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(contentOf);
        // Every candidate is classified, so none is skipped here; a page is cut from the kept ones by the caller.
        var candidates = index.Search(request with { Limit = Math.Max(1, maxExamined), Skip = 0 }, contentOf, infoOf);
        var kept = new List<SearchHit>();
        foreach (var hit in candidates.Hits)
        {
            if (contentOf(hit.Doc) is { } content && classifier.ClassifyDocument(content).AssignedIds.Contains(domainId, StringComparer.Ordinal))
            {
                kept.Add(hit);
            }
        }

        var exact = candidates.Total <= candidates.Hits.Count;
        return new DomainSearchResult(kept.Count, exact, candidates.Hits.Count, kept.Take(Math.Max(0, request.Limit)).ToList());
    }
}
