using System.Globalization;

namespace Vigil.Formats;

/// <summary>
/// The entry point of the format layer: picks the parser for a file (see <see cref="FormatDetector"/>) and runs it.
/// Never throws for bad input; every problem comes back as <see cref="ParseOutcome.Fail"/> with a one-line reason.
/// Thread-safe: parsers hold no state.
/// </summary>
public sealed class ParserRegistry
{
    private readonly Dictionary<string, IDocumentParser> _parsers;

    /// <summary>A registry with the built-in parsers for txt, md, html, pdf and docx.</summary>
    public ParserRegistry()
    {
        IDocumentParser[] parsers = [new PlainTextParser(), new MarkdownParser(), new HtmlParser(), new PdfParser(), new DocxParser()];
        _parsers = parsers.ToDictionary(p => p.Format, StringComparer.Ordinal);
    }

    /// <summary>The format ids this registry can read.</summary>
    public IReadOnlyCollection<string> Formats => _parsers.Keys;

    /// <summary>True when the file name's extension names a supported format (case-insensitive).</summary>
    public static bool IsSupportedExtension(string fileNameOrExtension) => FormatDetector.IsSupportedExtension(fileNameOrExtension);

    /// <summary>Parses one file's bytes; <paramref name="fileName"/> is used for its extension and in messages only.</summary>
    public ParseOutcome Parse(ReadOnlyMemory<byte> content, string fileName, ParseLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(limits);
        if (content.Length > limits.MaxFileBytes)
        {
            return ParseOutcome.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"file is {content.Length / (1024 * 1024)} MB, over the size limit of {limits.MaxFileBytes / (1024 * 1024)} MB; raise it with --max-file-mb"));
        }

        if (content.IsEmpty)
        {
            return ParseOutcome.Fail("empty file");
        }

        var format = FormatDetector.Detect(content.Span, fileName);
        if (format is null)
        {
            var extension = Path.GetExtension(fileName);
            return ParseOutcome.Fail($"unsupported format: binary content ({(extension.Length == 0 ? "no extension" : extension)})");
        }

        try
        {
            return _parsers[format].Parse(content, fileName, limits, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Parsers turn expected problems into results; this is the net for library bugs, so one hostile
            // file can never take the whole ingest down.
            return ParseOutcome.Fail($"{format} parser failed unexpectedly: {ShortReason.Of(ex)}");
        }
    }
}
