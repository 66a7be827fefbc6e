using Vigil.Core.Documents;

namespace Vigil.Core.Search;

/// <summary>A search request; the query syntax is documented in the README.</summary>
public sealed record SearchRequest
{
    public required string Query { get; init; }

    /// <summary>Language filter: en, zh-Hans, zh-Hant, zh (either script), mixed, other.</summary>
    public string? Language { get; init; }

    public string? Source { get; init; }

    /// <summary>Earliest date (inclusive) as YYYY[-MM[-DD]]; documents without a date are excluded by a date filter.</summary>
    public string? From { get; init; }

    /// <summary>Latest date (inclusive) as YYYY[-MM[-DD]].</summary>
    public string? To { get; init; }

    /// <summary>How many of the best hits to rank (the depth of the answer, skipped hits included).</summary>
    public int Limit { get; init; } = 10;

    /// <summary>
    /// How many of the ranked hits to leave out of <see cref="SearchResult.Hits"/> (the pages before the one asked for):
    /// they are ranked and looked up, so the page is the same slice as before, but no text is read for them and no
    /// snippet is built.
    /// </summary>
    public int Skip { get; init; }
}

/// <summary>One ranked hit.</summary>
/// <param name="Snippet">Original text around the best passage, HTML-escaped, matched words in &lt;mark&gt;.</param>
/// <param name="SnippetText">The same passage as plain text.</param>
/// <param name="Marks">Matched spans within <paramref name="SnippetText"/> as [start, end) pairs.</param>
public sealed record SearchHit(string Doc, string Path, string? Title, double Score, string Snippet, string SnippetText,
    IReadOnlyList<int[]> Marks, string? Date, string? Source, string Language);

/// <summary>Hits and the total number of matching documents.</summary>
public sealed record SearchResult(int Total, IReadOnlyList<SearchHit> Hits);

/// <summary>A query the user must fix; the message says what is wrong in one line.</summary>
public sealed class SearchQueryException(string message) : Exception(message);

/// <summary>The full-text index over stored documents. Implementations are thread-safe.</summary>
public interface ISearchIndex : IDisposable
{
    /// <summary>Adds or replaces a document (visible after <see cref="Commit"/>).</summary>
    void Upsert(AnalyzedDocument document);

    /// <summary>Makes all upserts durable and visible.</summary>
    void Commit();

    /// <summary>Removes everything (before a rebuild).</summary>
    void Clear();

    /// <summary>Documents in the committed index.</summary>
    int Count();

    /// <summary>Runs a query; <paramref name="contentOf"/> supplies texts for snippets.</summary>
    /// <exception cref="SearchQueryException">The query is malformed.</exception>
    SearchResult Search(SearchRequest request, Func<string, DocumentContent?> contentOf, Func<string, DocumentInfo?> infoOf);
}
