using Vigil.Core.Analysis;
using Vigil.Core.Documents;
using Vigil.Core.Storage;
using Vigil.Core.Text;

namespace Vigil.Core.Tifa;

/// <summary>
/// A document as the formulation tracker reads it: its folded normalised text (lower case, simplified script,
/// same offsets as the normalised text) and the bases rates are measured against.
/// </summary>
public sealed record TrackedDocument
{
    public required string Id { get; init; }

    public string Path { get; init; } = "";

    public string? Title { get; init; }

    /// <summary>YYYY, YYYY-MM or YYYY-MM-DD, or null.</summary>
    public string? Date { get; init; }

    public string? Source { get; init; }

    /// <summary>The normalised text (what phrases are shown from).</summary>
    public required string Normalized { get; init; }

    /// <summary>The normalised text, folded (<see cref="MatchFolding.Fold(string)"/>): what is counted. Same offsets as <see cref="Normalized"/>.</summary>
    public required string Folded { get; init; }

    /// <summary>Han characters (the basis of Chinese rates).</summary>
    public long Han { get; init; }

    /// <summary>Alphabetic words (the basis of English rates).</summary>
    public long Words { get; init; }

    /// <summary>A document from raw text (normalised, folded and measured here).</summary>
    public static TrackedDocument FromText(string id, string text, string? date = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromNormalized(id, TextNormalizer.Default.Normalize(text).Text, date, source);
    }

    /// <summary>A document from already normalised text.</summary>
    public static TrackedDocument FromNormalized(string id, string normalized, string? date = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var (words, han) = StatisticsStep.Count(normalized);
        return new TrackedDocument { Id = id, Path = id, Date = date, Source = source, Normalized = normalized, Folded = MatchFolding.Fold(normalized), Han = han, Words = words };
    }

    /// <summary>A stored document (a document whose text is missing reads as empty).</summary>
    public static TrackedDocument Load(IDocumentStore store, DocumentInfo info)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(info);
        var content = store.GetContent(info.Id);
        var normalized = content?.Normalized.Text ?? "";
        var (words, han) = StatisticsStep.Count(normalized);
        return new TrackedDocument
        {
            Id = info.Id,
            Path = info.Path,
            Title = info.Title,
            Date = info.Date,
            Source = info.Source,
            Normalized = normalized,
            Folded = MatchFolding.Fold(normalized),
            Han = han,
            Words = words,
        };
    }

    /// <summary>Stored documents, read in parallel; the result is in the order given.</summary>
    public static IReadOnlyList<TrackedDocument> LoadAll(IDocumentStore store, IReadOnlyList<DocumentInfo> documents)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(documents);
        var tracked = new TrackedDocument[documents.Count];
        Parallel.For(0, documents.Count, i => tracked[i] = Load(store, documents[i]));
        return tracked;
    }
}
