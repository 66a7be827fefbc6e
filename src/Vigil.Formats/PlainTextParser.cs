namespace Vigil.Formats;

/// <summary>Plain text (.txt): the decoded file verbatim after optional front matter; the title is a short first line.</summary>
internal sealed class PlainTextParser : IDocumentParser
{
    /// <summary>A first line longer than this is prose, not a title.</summary>
    internal const int MaxTitleLength = 120;

    public string Format => "txt";

    public ParseOutcome Parse(ReadOnlyMemory<byte> content, string fileName, ParseLimits limits, CancellationToken cancellationToken)
    {
        var read = TextFile.Read(content.Span, limits);
        if (read.Error is not null)
        {
            return ParseOutcome.Fail(read.Error);
        }

        var (matter, encoding) = (read.FrontMatter!, read.EncodingName!);
        return ParseOutcome.Ok(new ParsedDocument
        {
            Format = Format,
            Text = matter.Body,
            Title = matter.Title ?? FirstShortLine(matter.Body),
            Date = matter.Date,
            Source = matter.Source,
            Encoding = encoding,
            Metadata = matter.Metadata,
            Warnings = matter.Warnings,
        });
    }

    private static string? FirstShortLine(string text)
    {
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan(range).Trim();
            if (!line.IsEmpty)
            {
                return line.Length <= MaxTitleLength ? line.ToString() : null;
            }
        }

        return null;
    }
}
