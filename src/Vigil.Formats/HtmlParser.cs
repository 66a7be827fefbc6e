using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Vigil.Formats;

/// <summary>
/// HTML (.html, .htm, .xhtml): the main text of the page, block by block, without scripts, styles,
/// navigation, headers, footers and forms. A declared charset is honoured when the bytes decode under it.
/// </summary>
internal sealed partial class HtmlParser : IDocumentParser
{
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
        "form", "button", "select", "textarea", "nav", "header", "footer", "aside", "head", "title",
    };

    private static readonly HashSet<string> DroppedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "pre", "section", "article",
        "table", "main", "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "caption", "address", "hr",
        "center", "details", "summary", "fieldset", "body", "thead", "tbody", "tfoot",
    };

    // Meta keys that carry a publication date; recorded as metadata only, never as the document date.
    private static readonly string[] PublishedKeys =
    [
        "article:published_time", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued",
        "citation_publication_date", "citation_date", "pubdate", "publishdate", "og:published_time", "datepublished",
    ];

    public string Format => "html";

    public ParseOutcome Parse(ReadOnlyMemory<byte> content, string fileName, ParseLimits limits, CancellationToken cancellationToken)
    {
        if (content.IsEmpty)
        {
            return ParseOutcome.Fail("empty file");
        }

        var decoded = Decode(content.Span, limits);
        if (!decoded.Succeeded)
        {
            return ParseOutcome.Fail(decoded.Error!);
        }

        var warnings = new List<string>();
        var html = HtmlNestingLimiter.Limit(decoded.Text!, HtmlNestingLimiter.MaxDepth, out var flattened);
        if (flattened)
        {
            warnings.Add($"elements nested deeper than {HtmlNestingLimiter.MaxDepth} levels were flattened (hostile or broken page?)");
        }

        IHtmlDocument document;
        try
        {
            document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ParseOutcome.Fail($"unreadable HTML: {ShortReason.Of(ex)}");
        }

        using (document)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var root = MainRoot(document);
            var text = root is null ? string.Empty : ExtractText(root, cancellationToken);
            if (text.Length == 0)
            {
                return ParseOutcome.Fail("no text found in the HTML main content (script-only or empty page?)");
            }

            var title = Collapse(document.Title);
            if (string.IsNullOrEmpty(title))
            {
                var h1 = document.QuerySelector("h1");
                title = h1 is null ? null : ExtractText(h1, cancellationToken).Replace("\n", " ", StringComparison.Ordinal);
            }

            return ParseOutcome.Ok(new ParsedDocument
            {
                Format = Format,
                Text = text,
                Title = string.IsNullOrEmpty(title) ? null : title,
                Encoding = decoded.EncodingName,
                Metadata = ReadMetadata(document),
                Warnings = warnings,
            });
        }
    }

    /// <summary>Forced encoding, then BOM, then a declared charset the bytes decode under, then detection.</summary>
    private static DecodedText Decode(ReadOnlySpan<byte> bytes, ParseLimits limits)
    {
        var hasBom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])
            || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
            || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
        if (string.IsNullOrWhiteSpace(limits.ForcedEncoding) && !hasBom)
        {
            var declared = DeclaredCharset(bytes);
            var resolved = declared is null ? null : TextDecoder.ResolveStrict(declared);
            if (resolved is not null)
            {
                var (encoding, name) = resolved.Value;
                var attempt = TextDecoder.DecodeStrict(bytes, encoding, name);
                if (attempt.Succeeded)
                {
                    return attempt;
                }
            }
        }

        return TextDecoder.Decode(bytes, limits.ForcedEncoding);
    }

    private static string? DeclaredCharset(ReadOnlySpan<byte> bytes)
    {
        // The HTML spec's prescan looks at the first 1024 bytes; a little more costs nothing.
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        var match = MetaCharset().Match(head);
        return match.Success ? match.Groups["charset"].Value : null;
    }

    private static IElement? MainRoot(IHtmlDocument document)
    {
        var main = document.QuerySelector("main");
        if (main is not null)
        {
            return main;
        }

        var articles = document.QuerySelectorAll("article");
        return articles.Length == 1 ? articles[0] : document.Body ?? document.DocumentElement;
    }

    /// <summary>Walks the subtree without recursion (hostile pages nest tens of thousands deep).</summary>
    internal static string ExtractText(IElement root, CancellationToken cancellationToken)
    {
        var writer = new BlockWriter();
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((root, false));
        var preDepth = 0;
        var visited = 0;
        while (stack.Count > 0)
        {
            if ((++visited & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var (node, exit) = stack.Pop();
            if (node is IText textNode)
            {
                writer.Append(textNode.Data, preserve: preDepth > 0);
                continue;
            }

            if (node is not IElement element)
            {
                continue;
            }

            var name = element.LocalName;
            if (exit)
            {
                if (name == "pre")
                {
                    preDepth--;
                }

                if (Blocks.Contains(name))
                {
                    writer.EndBlock();
                }

                continue;
            }

            if (Dropped.Contains(name) || (element.GetAttribute("role") is { } role && DroppedRoles.Contains(role.Trim())))
            {
                continue;
            }

            switch (name)
            {
                case "br":
                    writer.LineBreak();
                    continue;
                case "td" or "th":
                    writer.Separate();
                    break;
                case "pre":
                    preDepth++;
                    break;
            }

            if (Blocks.Contains(name))
            {
                writer.EndBlock();
            }

            stack.Push((element, true));
            var children = element.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push((children[i], false));
            }
        }

        writer.EndBlock();
        return writer.ToString();
    }

    private static Dictionary<string, string> ReadMetadata(IHtmlDocument document)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            var key = (meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop"))?.Trim().ToLowerInvariant();
            var value = Collapse(meta.GetAttribute("content"));
            if (key is null || string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (Array.IndexOf(PublishedKeys, key) >= 0)
            {
                metadata.TryAdd("html-published", value);
            }
            else if (key is "author" or "dc.creator" or "article:author")
            {
                metadata.TryAdd("author", value);
            }
            else if (key is "og:site_name")
            {
                metadata.TryAdd("site", value);
            }
        }

        foreach (var time in document.QuerySelectorAll("time[pubdate][datetime]"))
        {
            metadata.TryAdd("html-published", time.GetAttribute("datetime")!.Trim());
        }

        return metadata;
    }

    private static string? Collapse(string? value) =>
        value is null ? null : Whitespace().Replace(value, " ").Trim();

    [GeneratedRegex(@"<meta\b[^>]*?charset\s*=\s*[""']?\s*(?<charset>[A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    /// <summary>Accumulates inline text into blocks: whitespace collapsed inside a block, blocks joined by a blank line.</summary>
    private sealed class BlockWriter
    {
        private readonly StringBuilder _text = new();
        private readonly StringBuilder _block = new();
        private bool _pendingSpace;

        public void Append(string data, bool preserve)
        {
            if (preserve)
            {
                if (_pendingSpace && _block.Length > 0 && _block[^1] != '\n')
                {
                    _block.Append(' ');
                }

                _pendingSpace = false;
                _block.Append(data.Replace("\r\n", "\n", StringComparison.Ordinal));
                return;
            }

            foreach (var c in data)
            {
                if (char.IsWhiteSpace(c))
                {
                    _pendingSpace = true;
                    continue;
                }

                if (_pendingSpace && _block.Length > 0 && _block[^1] != '\n')
                {
                    _block.Append(' ');
                }

                _pendingSpace = false;
                _block.Append(c);
            }
        }

        public void LineBreak()
        {
            TrimTrailingSpaces();
            _block.Append('\n');
            _pendingSpace = false;
        }

        /// <summary>Table cells on one row are kept apart by a space.</summary>
        public void Separate() => _pendingSpace = true;

        public void EndBlock()
        {
            _pendingSpace = false;
            var block = TrimBlankLines(_block.ToString());
            _block.Clear();
            if (block.Length == 0)
            {
                return;
            }

            if (_text.Length > 0)
            {
                _text.Append("\n\n");
            }

            _text.Append(block);
        }

        public override string ToString() => _text.ToString();

        private void TrimTrailingSpaces()
        {
            while (_block.Length > 0 && _block[^1] == ' ')
            {
                _block.Length--;
            }
        }

        private static string TrimBlankLines(string block)
        {
            var lines = block.Split('\n');
            var first = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
            if (first < 0)
            {
                return string.Empty;
            }

            var last = Array.FindLastIndex(lines, l => !string.IsNullOrWhiteSpace(l));
            return string.Join('\n', lines[first..(last + 1)].Select(l => l.TrimEnd()));
        }
    }
}
