using Vigil.Core.Analysis;
using Vigil.Core.Documents;
using Vigil.Formats;

namespace Vigil.Core.Ingestion;

/// <summary>A document read and analysed without storing it, or why it could not be.</summary>
public sealed record ReadDocument(DocumentContent? Content, string? Error);

/// <summary>
/// Reads and analyses one file's bytes the way ingest does (same parsers, same analysis pipeline), without
/// storing anything: what <c>vigil classify</c> and the web API's classify work on.
/// </summary>
public static class DocumentReader
{
    /// <summary>Parses <paramref name="bytes"/> (format from <paramref name="fileName"/> and the content) and analyses the text.</summary>
    public static ReadDocument Read(ReadOnlyMemory<byte> bytes, string fileName, ParseLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var outcome = new ParserRegistry().Parse(bytes, fileName, limits ?? new ParseLimits(), cancellationToken);
        if (outcome.Document is not { } parsed)
        {
            return new ReadDocument(null, outcome.Error ?? "could not be read");
        }

        var content = AnalysisPipeline.Default.Content(parsed.Text, parsed.PageStarts);
        return content.Normalized.Text.Length == 0 ? new ReadDocument(null, "no text found") : new ReadDocument(content, null);
    }
}
