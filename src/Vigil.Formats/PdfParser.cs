using System.Globalization;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace Vigil.Formats;

/// <summary>
/// PDF through PdfPig: words, then blocks (Docstrum), then reading order, page by page. Lines inside a block are
/// joined by "\n", blocks and pages by "\n\n"; <see cref="ParsedDocument.PageStarts"/> records where each page starts.
/// </summary>
internal sealed class PdfParser : IDocumentParser
{
    internal const string NoTextLayerError = "no text layer (scanned images?); OCR is not supported";

    public string Format => "pdf";

    public ParseOutcome Parse(ReadOnlyMemory<byte> content, string fileName, ParseLimits limits, CancellationToken cancellationToken)
    {
        if (content.IsEmpty)
        {
            return ParseOutcome.Fail("empty file");
        }

        var span = content.Span;
        // Readers accept the header anywhere in the first kilobyte; some generators put junk before it.
        if (span[..Math.Min(span.Length, 1024)].IndexOf("%PDF-"u8) < 0)
        {
            return ParseOutcome.Fail("not a PDF (no %PDF- header)");
        }

        // PdfPig's lenient parser recovers objects from a cut-off file and would silently return part of it;
        // a file without its end-of-file marker was cut short in transfer, so say so instead.
        if (span[Math.Max(0, span.Length - 2048)..].IndexOf("%%EOF"u8) < 0)
        {
            return ParseOutcome.Fail("corrupt PDF: truncated (no %%EOF marker at the end); download the file again");
        }

        PdfDocument document;
        try
        {
            document = PdfDocument.Open(content.ToArray(), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException)
        {
            return ParseOutcome.Fail("encrypted PDF; decrypt it first");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ParseOutcome.Fail($"corrupt PDF: {ShortReason.Of(ex)}");
        }

        using (document)
        {
            try
            {
                return Read(document, limits, cancellationToken);
            }
            catch (PdfDocumentEncryptedException)
            {
                return ParseOutcome.Fail("encrypted PDF; decrypt it first");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return ParseOutcome.Fail($"corrupt PDF: {ShortReason.Of(ex)}");
            }
        }
    }

    private ParseOutcome Read(PdfDocument document, ParseLimits limits, CancellationToken cancellationToken)
    {
        var pageCount = document.NumberOfPages;
        if (pageCount > limits.MaxPdfPages)
        {
            return ParseOutcome.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"PDF has {pageCount} pages, over the limit of {limits.MaxPdfPages}; raise it with --max-pdf-pages"));
        }

        if (pageCount == 0)
        {
            return ParseOutcome.Fail("PDF has no pages");
        }

        var text = new StringBuilder();
        var pageStarts = new List<int>(pageCount);
        var warnings = new List<string>();
        for (var number = 1; number <= pageCount; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string pageText;
            try
            {
                pageText = PageText(document.GetPage(number), number, warnings);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not PdfDocumentEncryptedException)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"page {number} could not be read: {ShortReason.Of(ex)}"));
                pageText = string.Empty;
            }

            if (pageText.Length == 0)
            {
                pageStarts.Add(text.Length);
                continue;
            }

            if (text.Length > 0)
            {
                text.Append("\n\n");
            }

            pageStarts.Add(text.Length);
            text.Append(pageText);
        }

        if (text.Length == 0)
        {
            return ParseOutcome.Fail(NoTextLayerError);
        }

        var info = document.Information;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(info.Author))
        {
            metadata["author"] = info.Author.Trim();
        }

        if (CreationDate(info) is { } created)
        {
            metadata["pdf-created"] = created;
        }

        return ParseOutcome.Ok(new ParsedDocument
        {
            Format = Format,
            Text = text.ToString(),
            Title = string.IsNullOrWhiteSpace(info.Title) ? null : info.Title.Trim(),
            PageStarts = pageStarts,
            Metadata = metadata,
            Warnings = warnings,
        });
    }

    private static string PageText(Page page, int number, List<string> warnings)
    {
        var letters = page.Letters;
        if (letters.Count == 0 || letters.All(l => string.IsNullOrWhiteSpace(l.Value)))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"page {number} has no text layer"));
            return string.Empty;
        }

        IReadOnlyList<Word> words;
        try
        {
            words = NearestNeighbourWordExtractor.Instance.GetWords(letters).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"page {number}: word extraction failed ({ShortReason.Of(ex)}); used raw page text"));
            return page.Text.Trim();
        }

        try
        {
            var blocks = DocstrumBoundingBoxes.Instance.GetBlocks(words);
            var ordered = UnsupervisedReadingOrderDetector.Instance.Get(blocks);
            var rendered = ordered
                .Select(block => string.Join('\n', block.TextLines.Select(line => PdfLineAssembler.Join(line.Words.Select(w => w.Text))).Where(l => l.Length > 0)))
                .Where(block => block.Length > 0);
            return string.Join("\n\n", rendered);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"page {number}: layout analysis failed ({ShortReason.Of(ex)}); used top-to-bottom line order"));
            return string.Join('\n', LinesByBaseline(words));
        }
    }

    /// <summary>The fallback order: words grouped into lines by baseline, top to bottom, left to right.</summary>
    private static IEnumerable<string> LinesByBaseline(IReadOnlyList<Word> words) =>
        words
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(g => g.Key)
            .Select(g => PdfLineAssembler.Join(g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)))
            .Where(l => l.Length > 0);

    private static string? CreationDate(UglyToad.PdfPig.Content.DocumentInformation info)
    {
        try
        {
            var created = info.GetCreatedDateTimeOffset();
            return created?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return null; // a malformed CreationDate is common and harmless: it is only metadata
        }
    }
}
