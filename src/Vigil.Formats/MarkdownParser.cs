namespace Vigil.Formats;

/// <summary>Markdown (.md, .markdown): the decoded file verbatim (markup kept) after optional front matter.</summary>
internal sealed class MarkdownParser : IDocumentParser
{
    public string Format => "md";

    public ParseOutcome Parse(ReadOnlyMemory<byte> content, string fileName, ParseLimits limits, CancellationToken cancellationToken) =>
        TextFile.Parse(content.Span, limits, Format, FirstHeading);

    /// <summary>The text of the first level-one ATX heading ("# Title"), ignoring fenced code blocks.</summary>
    internal static string? FirstHeading(string text)
    {
        string? fence = null;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan(range).TrimEnd();
            var indent = line.Length - line.TrimStart(' ').Length;
            if (indent > 3)
            {
                continue; // indented code
            }

            var body = line.TrimStart(' ');
            if (body.StartsWith("```") || body.StartsWith("~~~"))
            {
                var marker = body[..3].ToString();
                fence = fence is null ? marker : fence == marker ? null : fence;
                continue;
            }

            if (fence is not null || body.Length < 2 || body[0] != '#' || (body[1] != ' ' && body[1] != '\t'))
            {
                continue;
            }

            var heading = body[2..].Trim();
            var closing = heading.TrimEnd('#');
            // A closing sequence of #s counts only when preceded by a space ("# Title ##").
            if (closing.Length < heading.Length && (closing.IsEmpty || closing[^1] == ' ' || closing[^1] == '\t'))
            {
                heading = closing.TrimEnd();
            }

            if (!heading.IsEmpty)
            {
                return heading.ToString();
            }
        }

        return null;
    }
}
