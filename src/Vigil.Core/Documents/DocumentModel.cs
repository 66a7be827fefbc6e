using Vigil.Core.Text;

namespace Vigil.Core.Documents;

/// <summary>A paragraph of the normalised text and its language.</summary>
public sealed record ParagraphInfo(int Start, int End, string Language);

/// <summary>A language's share of a document's text (by characters of the paragraphs in it).</summary>
public sealed record LanguageShare(string Language, double Share);

/// <summary>Catalogue entry of one stored document (everything but its text).</summary>
public sealed record DocumentInfo
{
    /// <summary>Stable id: the first 16 hex digits of the SHA-256 of the file's bytes.</summary>
    public required string Id { get; init; }

    /// <summary>SHA-256 of the file's bytes (hex): the same content is one document.</summary>
    public required string Sha256 { get; init; }

    public string? Title { get; init; }

    /// <summary>YYYY, YYYY-MM or YYYY-MM-DD, or null when the date is not known.</summary>
    public string? Date { get; init; }

    /// <summary>Where the date came from: "option" (--date) or "front-matter"; null without a date.</summary>
    public string? DateSource { get; init; }

    public string? Source { get; init; }

    /// <summary>txt, md, html, pdf or docx.</summary>
    public required string Format { get; init; }

    public string? Encoding { get; init; }

    /// <summary>en, zh-Hans, zh-Hant, mixed, other or none.</summary>
    public required string Language { get; init; }

    public IReadOnlyList<LanguageShare> Languages { get; init; } = [];

    /// <summary>Unicode characters (scalar values) in the original text.</summary>
    public int Chars { get; init; }

    /// <summary>Alphabetic words in the normalised text (runs of non-CJK letters and digits).</summary>
    public int Words { get; init; }

    /// <summary>Han characters in the normalised text.</summary>
    public int Han { get; init; }

    /// <summary>Size of the file in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>Every path the content was seen at, first-seen first.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>The first path the content was seen at.</summary>
    public string Path => Paths.Count > 0 ? Paths[0] : "";

    /// <summary>UTC time of ingestion (ISO 8601).</summary>
    public string? IngestedAt { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>A document's texts: the original verbatim, the normalised view and how they relate.</summary>
public sealed class DocumentContent
{
    public DocumentContent(string original, NormalizedText normalized, IReadOnlyList<ParagraphInfo> paragraphs, IReadOnlyList<int> pageStarts)
    {
        Original = original;
        Normalized = normalized;
        Paragraphs = paragraphs;
        PageStarts = pageStarts;
    }

    /// <summary>The extracted text exactly as read.</summary>
    public string Original { get; }

    public NormalizedText Normalized { get; }

    public IReadOnlyList<ParagraphInfo> Paragraphs { get; }

    /// <summary>Original-text offsets where PDF pages start (empty for other formats).</summary>
    public IReadOnlyList<int> PageStarts { get; }

    /// <summary>The 1-based page holding original offset <paramref name="originalOffset"/>, or null without pages.</summary>
    public int? PageAt(int originalOffset)
    {
        if (PageStarts.Count == 0)
        {
            return null;
        }

        var page = 0;
        while (page + 1 < PageStarts.Count && PageStarts[page + 1] <= originalOffset)
        {
            page++;
        }

        return page + 1;
    }
}

/// <summary>A document ready to store: its catalogue entry and its texts.</summary>
public sealed record AnalyzedDocument(DocumentInfo Info, DocumentContent Content);
