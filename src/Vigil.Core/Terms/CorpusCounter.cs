using Vigil.Core.Documents;
using Vigil.Core.Storage;
using Vigil.Core.Text;

namespace Vigil.Core.Terms;

/// <summary>How count rows are grouped.</summary>
public enum CountGrouping
{
    /// <summary>One row per document and term.</summary>
    Doc,

    /// <summary>One row per source and term ("(none)" for documents without a source).</summary>
    Source,

    /// <summary>One row per year and term ("(undated)" for documents without a date).</summary>
    Year,

    /// <summary>One row per term over all selected documents.</summary>
    Corpus,
}

/// <summary>A count of one term in one document or group.</summary>
/// <param name="Key">The document id, source, year, or "all".</param>
/// <param name="Doc">The document id (per-document rows only).</param>
/// <param name="Path">The document's first path (per-document rows only).</param>
/// <param name="Per10K">Count per 10,000 Han characters (Chinese terms) or words (other terms) of the group's text.</param>
/// <param name="Basis">The Han characters or words the rate is measured against.</param>
/// <param name="Documents">Documents in the group.</param>
public sealed record CountRow(string Key, string? Doc, string? Path, string Term, long Count, double Per10K, long Basis, int Documents);

/// <summary>Counts terms over stored documents, in parallel, with results in a stable order.</summary>
public static class CorpusCounter
{
    public const string NoSource = "(none)";
    public const string Undated = "(undated)";

    public static IReadOnlyList<CountRow> Count(IDocumentStore store, IReadOnlyList<DocumentInfo> documents, TermSet terms, CountGrouping by,
        bool includeZeros = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var perDocument = new long[documents.Count][];
        Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var content = store.GetContent(documents[i].Id);
            perDocument[i] = content is null ? new long[terms.Terms.Count] : TermCounter.CountFolded(terms, MatchFolding.Fold(content.Normalized.Text));
        });

        var rows = new List<CountRow>();
        if (by == CountGrouping.Doc)
        {
            for (var i = 0; i < documents.Count; i++)
            {
                var d = documents[i];
                for (var t = 0; t < terms.Terms.Count; t++)
                {
                    var count = perDocument[i][t];
                    if (count == 0 && !includeZeros)
                    {
                        continue;
                    }

                    var chinese = terms.IsChinese(t);
                    rows.Add(new CountRow(d.Id, d.Id, d.Path, terms.Terms[t], count, TermCounter.Per10K(count, chinese, d.Words, d.Han), chinese ? d.Han : d.Words, 1));
                }
            }

            return rows;
        }

        var groups = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < documents.Count; i++)
        {
            var key = by switch
            {
                CountGrouping.Source => documents[i].Source ?? NoSource,
                CountGrouping.Year => documents[i].Date is { Length: >= 4 } date ? date[..4] : Undated,
                _ => "all",
            };
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
            }

            members.Add(i);
        }

        foreach (var (key, members) in groups)
        {
            long words = members.Sum(i => (long)documents[i].Words), han = members.Sum(i => (long)documents[i].Han);
            for (var t = 0; t < terms.Terms.Count; t++)
            {
                var count = members.Sum(i => perDocument[i][t]);
                if (count == 0 && !includeZeros)
                {
                    continue;
                }

                var chinese = terms.IsChinese(t);
                rows.Add(new CountRow(key, null, null, terms.Terms[t], count, TermCounter.Per10K(count, chinese, words, han), chinese ? han : words, members.Count));
            }
        }

        return rows;
    }
}
