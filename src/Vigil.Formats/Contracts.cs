namespace Vigil.Formats;

/// <summary>Limits that bound the work one hostile file can cause. Over-limit files are reported, never fatal.</summary>
public sealed record ParseLimits
{
    /// <summary>Largest file read at all (default 200 MB).</summary>
    public long MaxFileBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>Most PDF pages read; a longer PDF is rejected with a message naming the limit (default 5,000).</summary>
    public int MaxPdfPages { get; init; } = 5_000;

    /// <summary>Largest total uncompressed size of a DOCX (zip) package (default 512 MB): zip bombs stop here.</summary>
    public long MaxDecompressedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Forces a text encoding (web name, e.g. "gb18030", "big5", "utf-8") instead of detecting one.</summary>
    public string? ForcedEncoding { get; init; }
}

/// <summary>Text and metadata extracted from one file.</summary>
public sealed class ParsedDocument
{
    /// <summary>"txt", "md", "html", "pdf" or "docx".</summary>
    public required string Format { get; init; }

    /// <summary>
    /// The extracted text. For text formats it is the decoded file (after any front matter) verbatim;
    /// for HTML, PDF and DOCX it is the main text with blocks separated by a blank line ("\n\n") and,
    /// inside a PDF block, lines separated by "\n".
    /// </summary>
    public required string Text { get; init; }

    /// <summary>First heading, HTML title, PDF/DOCX info title; null when there is none.</summary>
    public string? Title { get; init; }

    /// <summary>Publication date from front matter only, as YYYY, YYYY-MM or YYYY-MM-DD; never from file times.</summary>
    public string? Date { get; init; }

    /// <summary>Source name from front matter, if any.</summary>
    public string? Source { get; init; }

    /// <summary>Encoding the bytes were decoded with ("utf-8", "utf-16le", "gb18030", "big5"...), null for binary formats.</summary>
    public string? Encoding { get; init; }

    /// <summary>Offsets into <see cref="Text"/> where each PDF page starts (empty for other formats).</summary>
    public IReadOnlyList<int> PageStarts { get; init; } = [];

    /// <summary>Other metadata found in the file (e.g. "author", "pdf-created", "html-published"), never used as the date.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Problems that did not stop extraction (e.g. "page 7 has no text layer").</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>Either a parsed document or a one-line reason the file could not be read.</summary>
public sealed record ParseOutcome(ParsedDocument? Document, string? Error)
{
    public static ParseOutcome Ok(ParsedDocument document) => new(document, null);
    public static ParseOutcome Fail(string error) => new(null, error);
    public bool Succeeded => Document is not null;
}

/// <summary>Reads one format. Implementations never throw for bad input: they return <see cref="ParseOutcome.Fail"/>.</summary>
public interface IDocumentParser
{
    /// <summary>The format id this parser produces ("pdf", "html", ...).</summary>
    string Format { get; }

    ParseOutcome Parse(ReadOnlyMemory<byte> content, string fileName, ParseLimits limits, CancellationToken cancellationToken);
}
