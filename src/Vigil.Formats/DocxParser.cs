using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Vigil.Formats;

/// <summary>
/// Word documents (.docx) through the Open XML SDK: one block per non-empty body paragraph, tables included, in
/// document order. The zip is inspected before opening so that a zip bomb is refused without being expanded.
/// </summary>
internal sealed class DocxParser : IDocumentParser
{
    private const string MainPartPath = "word/document.xml";

    /// <summary>An entry both this compressed and this large is a bomb, whatever the total limit says.</summary>
    private const long MaxRatio = 200;

    private const long RatioCheckFloor = 10L * 1024 * 1024;

    public string Format => "docx";

    public ParseOutcome Parse(ReadOnlyMemory<byte> content, string fileName, ParseLimits limits, CancellationToken cancellationToken)
    {
        if (content.IsEmpty)
        {
            return ParseOutcome.Fail("empty file");
        }

        var bytes = content.ToArray();
        var inspection = Inspect(bytes, limits);
        if (inspection is not null)
        {
            return ParseOutcome.Fail(inspection);
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            return Read(document, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ParseOutcome.Fail($"not a readable Word document: {ShortReason.Of(ex)}; re-save it from Word as .docx");
        }
    }

    /// <summary>Checks the zip's central directory: is it a zip, is it Word, and how big would it expand? Null when fine.</summary>
    internal static string? Inspect(byte[] bytes, ParseLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            long total = 0;
            var hasMainPart = false;
            foreach (var entry in zip.Entries)
            {
                hasMainPart |= string.Equals(entry.FullName, MainPartPath, StringComparison.OrdinalIgnoreCase);
                total += entry.Length;
                var ratio = entry.Length / Math.Max(1, entry.CompressedLength);
                if (entry.Length > RatioCheckFloor && ratio > MaxRatio)
                {
                    return string.Create(
                        CultureInfo.InvariantCulture,
                        $"zip bomb suspected: entry '{entry.FullName}' expands {ratio}:1 to {Megabytes(entry.Length)} MB; refused (--max-decompressed-mb limits DOCX expansion)");
                }
            }

            if (total > limits.MaxDecompressedBytes)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"DOCX expands to {Megabytes(total)} MB, over the limit of {Megabytes(limits.MaxDecompressedBytes)} MB; raise it with --max-decompressed-mb");
            }

            return hasMainPart ? null : "not a Word document: the zip has no word/document.xml";
        }
        catch (InvalidDataException ex)
        {
            return $"not a DOCX (not a valid zip archive: {ShortReason.Of(ex)})";
        }
    }

    private ParseOutcome Read(WordprocessingDocument document, CancellationToken cancellationToken)
    {
        var main = document.MainDocumentPart;
        var body = main?.Document?.Body;
        if (main is null || body is null)
        {
            return ParseOutcome.Fail("not a Word document: it has no main document body");
        }

        var headingStyles = TitleStyleIds(main);
        var blocks = new List<string>();
        string? headingTitle = null;
        foreach (var paragraph in body.Descendants<Paragraph>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (paragraph.Ancestors<AlternateContentFallback>().Any())
            {
                continue; // the same content is also in the mc:Choice branch
            }

            var text = ParagraphText(paragraph);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            blocks.Add(text);
            var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
            if (headingTitle is null && style is not null && headingStyles.Contains(style))
            {
                headingTitle = text.Trim();
            }
        }

        if (blocks.Count == 0)
        {
            return ParseOutcome.Fail("no text found in the Word document");
        }

        var properties = document.PackageProperties;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(properties.Creator))
        {
            metadata["author"] = properties.Creator.Trim();
        }

        if (properties.Created is { } created)
        {
            metadata["docx-created"] = created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return ParseOutcome.Ok(new ParsedDocument
        {
            Format = Format,
            Text = string.Join("\n\n", blocks),
            Title = string.IsNullOrWhiteSpace(properties.Title) ? headingTitle : properties.Title.Trim(),
            Metadata = metadata,
        });
    }

    /// <summary>w:t text, w:tab as a tab, w:br and w:cr as a line break; nested paragraphs (text boxes) are their own blocks.</summary>
    internal static string ParagraphText(Paragraph paragraph)
    {
        var text = new StringBuilder();
        var stack = new Stack<OpenXmlElement>();
        for (var child = paragraph.LastChild; child is not null; child = child.PreviousSibling())
        {
            stack.Push(child);
        }

        while (stack.Count > 0)
        {
            var element = stack.Pop();
            switch (element)
            {
                case Paragraph or AlternateContentFallback:
                    continue;
                case Text t:
                    text.Append(t.Text);
                    continue;
                case TabChar or PositionalTab:
                    text.Append('\t');
                    continue;
                case Break or CarriageReturn:
                    text.Append('\n');
                    continue;
                case NoBreakHyphen:
                    text.Append('-');
                    continue;
            }

            for (var child = element.LastChild; child is not null; child = child.PreviousSibling())
            {
                stack.Push(child);
            }
        }

        return text.ToString();
    }

    /// <summary>Style ids whose style is Title or Heading 1 (ids are localised in non-English Word, names are not).</summary>
    private static HashSet<string> TitleStyleIds(MainDocumentPart main)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Title", "Heading1" };
        var styles = main.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [];
        foreach (var style in styles)
        {
            var name = style.StyleName?.Val?.Value;
            if (style.StyleId?.Value is { } id && name is not null
                && (name.Equals("Title", StringComparison.OrdinalIgnoreCase) || name.Equals("heading 1", StringComparison.OrdinalIgnoreCase)))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString(bytes < 10 * 1024 * 1024 ? "0.#" : "0", CultureInfo.InvariantCulture);
}
