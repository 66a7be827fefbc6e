using System.Text;

namespace Vigil.Formats;

/// <summary>
/// Caps element nesting before the HTML reaches the parser. AngleSharp's tree construction is quadratic in
/// nesting depth (100,000 unclosed divs take half a minute), so tags that would open deeper than the cap are
/// removed, together with their end tags; the text inside them is kept. Real pages nest a few dozen levels.
/// </summary>
internal static class HtmlNestingLimiter
{
    public const int MaxDepth = 512;

    // Void elements never nest; elements whose end tag is optional close their siblings, so they do not nest either.
    private static readonly HashSet<string> NonNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup",
        "rb", "rt", "rp", "html", "head", "body",
    };

    // Their content is text up to the matching end tag, so a "<div" inside a script is not a tag.
    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    /// <summary>Returns the HTML with over-deep tags removed, or the same instance when nothing was too deep.</summary>
    public static string Limit(string html, int maxDepth, out bool flattened)
    {
        StringBuilder? output = null;
        var copiedUpTo = 0;
        var depth = 0;
        var i = 0;
        while (i < html.Length)
        {
            var open = html.IndexOf('<', i);
            if (open < 0 || open + 1 >= html.Length)
            {
                break;
            }

            var next = html[open + 1];
            if (next == '!')
            {
                var close = html.AsSpan(open).StartsWith("<!--", StringComparison.Ordinal) ? html.IndexOf("-->", open + 4, StringComparison.Ordinal) : html.IndexOf('>', open);
                i = close < 0 ? html.Length : close + 1;
                continue;
            }

            var isEnd = next == '/';
            var nameStart = open + (isEnd ? 2 : 1);
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
            {
                i = open + 1;
                continue;
            }

            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':'))
            {
                nameEnd++;
            }

            var name = html[nameStart..nameEnd];
            var tagEnd = TagEnd(html, nameEnd);
            var selfClosing = !isEnd && tagEnd - 2 >= nameEnd && html[tagEnd - 2] == '/';
            i = tagEnd;

            if (!isEnd && RawText.Contains(name))
            {
                var endTag = html.IndexOf("</" + name, tagEnd, StringComparison.OrdinalIgnoreCase);
                i = endTag < 0 ? html.Length : endTag;
                continue;
            }

            if (NonNesting.Contains(name) || selfClosing)
            {
                continue;
            }

            bool drop;
            if (isEnd)
            {
                drop = depth > maxDepth;
                depth = Math.Max(0, depth - 1);
            }
            else
            {
                depth++;
                drop = depth > maxDepth;
            }

            if (drop)
            {
                output ??= new StringBuilder(html.Length);
                output.Append(html, copiedUpTo, open - copiedUpTo);
                copiedUpTo = tagEnd;
            }
        }

        flattened = output is not null;
        if (output is null)
        {
            return html;
        }

        output.Append(html, copiedUpTo, html.Length - copiedUpTo);
        return output.ToString();
    }

    /// <summary>Index just past the '&gt;' closing a tag, skipping quoted attribute values.</summary>
    private static int TagEnd(string html, int from)
    {
        var afterEquals = false;
        for (var i = from; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '>')
            {
                return i + 1;
            }

            if (afterEquals && c is '"' or '\'')
            {
                var close = html.IndexOf(c, i + 1);
                if (close < 0)
                {
                    return html.Length;
                }

                i = close;
                afterEquals = false;
                continue;
            }

            if (c == '=')
            {
                afterEquals = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                afterEquals = false;
            }
        }

        return html.Length;
    }
}
