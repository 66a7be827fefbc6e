namespace Vigil.Formats;

/// <summary>Plain text (.txt): the decoded file verbatim after optional front matter; the title is a short first line.</summary>
internal sealed class PlainTextParser : IDocumentParser
{
    /// <summary>A first line longer than this is prose, not a title.</summary>
    internal const int MaxTitleLength = 120;

    public string Format => "txt";

    public ParseOutcome Parse(ReadOnlyMemory<byte> content, string fileName, ParseLimits limits, CancellationToken cancellationToken) =>
        TextFile.Parse(content.Span, limits, Format, FirstShortLine);

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
