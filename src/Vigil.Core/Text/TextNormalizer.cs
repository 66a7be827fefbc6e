using System.Globalization;
using System.Text;

namespace Vigil.Core.Text;

/// <summary>
/// Turns an original text into the normalised view analysis runs on, with an offset map back:
/// Unicode NFKC (so full-width ASCII, ideographic spaces and compatibility ideographs fold), curly quotes
/// unified to ASCII, zero-width characters and soft hyphens dropped, runs of spaces collapsed to one,
/// line breaks inside a paragraph joined (with nothing between two CJK characters, a space otherwise),
/// words hyphenated across a line break repaired, and paragraphs separated by a single "\n".
/// </summary>
/// <remarks>
/// A blank line always ends a paragraph, and so does a line break followed by an indent (two spaces, a tab
/// or an ideographic space, the Chinese paragraph indent). A text with no blank line at all is read as one
/// paragraph per line — as Chinese .txt files usually are — except where a line is nearly as long as the
/// longest and does not end a sentence: that is a hard-wrapped line and is joined to the next.
/// Thread-safe; one instance can serve many threads.
/// </remarks>
public sealed class TextNormalizer
{
    private const int MaxCachedClusters = 8192;

    [ThreadStatic]
    private static Dictionary<string, string>? t_clusterCache;

    /// <summary>A shared instance (the normaliser has no configuration).</summary>
    public static TextNormalizer Default { get; } = new();

    /// <summary>Normalises <paramref name="original"/>.</summary>
    public NormalizedText Normalize(string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var layout = LineLayout.Measure(original);
        var sb = new StringBuilder(original.Length);
        var map = new OffsetMap.Builder();
        var paragraphs = new List<TextRange>();
        var paragraphStart = 0;
        var lineStart = 0; // original offset where the current line began
        var s = original;
        var n = s.Length;
        var i = 0;

        while (i < n)
        {
            var c = s[i];

            if (IsWhitespace(c))
            {
                var j = i;
                var newlines = 0;
                var lastNewlineEnd = -1;
                var formFeed = false;
                while (j < n && IsWhitespace(s[j]))
                {
                    var w = s[j];
                    if (w == '\n' || (w == '\r' && (j + 1 >= n || s[j + 1] != '\n')) || w == '\u2028' || w == '\u2029')
                    {
                        newlines++;
                        lastNewlineEnd = j + 1;
                    }
                    else if (w == '\f')
                    {
                        formFeed = true;
                    }

                    j++;
                }

                var atParagraphStart = sb.Length == paragraphStart;
                if (atParagraphStart || j == n)
                {
                    map.Add(j - i, 0);
                }
                else if (newlines == 0 && !formFeed)
                {
                    sb.Append(' ');
                    map.Add(j - i, 1);
                }
                else if (newlines >= 2 || formFeed || s[i] == '\u2029' || EndsParagraph(s, i, j, lastNewlineEnd, lineStart, layout))
                {
                    paragraphs.Add(new TextRange(paragraphStart, sb.Length));
                    sb.Append('\n');
                    map.Add(j - i, 1);
                    paragraphStart = sb.Length;
                }
                else if (CharClass.IsCjk(sb[^1]) && CharClass.IsCjk(s[j]))
                {
                    map.Add(j - i, 0);
                }
                else
                {
                    sb.Append(' ');
                    map.Add(j - i, 1);
                }

                if (lastNewlineEnd >= 0)
                {
                    lineStart = lastNewlineEnd;
                }

                i = j;
                continue;
            }

            if ((c == '-' || c == '\u2010' || c == '\u00AD') && sb.Length > paragraphStart && TryHyphenation(s, i, sb[^1], out var resume))
            {
                map.Add(resume - i, 0);
                lineStart = LineStartBefore(s, resume);
                i = resume;
                continue;
            }

            if (IsDropped(c))
            {
                map.Add(1, 0);
                i++;
                continue;
            }

            if (c < 0x80 && !(i + 1 < n && IsCombining(s, i + 1)))
            {
                var j = i + 1;
                while (j < n && s[j] < 0x80 && s[j] > ' ' && s[j] != '-' && s[j] != '\x7f')
                {
                    j++;
                }

                // A combining mark after the run belongs to its last letter: leave that letter to the cluster path.
                if (j < n && j - i > 1 && IsCombining(s, j))
                {
                    j--;
                }

                sb.Append(s, i, j - i);
                map.Add(j - i, j - i);
                i = j;
                continue;
            }

            if (c >= '\u4E00' && c <= '\u9FFF')
            {
                // Unified ideographs are their own NFKC form: copy the whole run.
                var j = i + 1;
                while (j < n && s[j] >= '\u4E00' && s[j] <= '\u9FFF')
                {
                    j++;
                }

                sb.Append(s, i, j - i);
                map.Add(j - i, j - i);
                i = j;
                continue;
            }

            var end = ClusterEnd(s, i);
            var folded = FoldCluster(s, i, end - i);
            sb.Append(folded);
            map.Add(end - i, folded.Length);
            i = end;
        }

        if (sb.Length > paragraphStart)
        {
            paragraphs.Add(new TextRange(paragraphStart, sb.Length));
        }
        else if (sb.Length > 0 && sb[^1] == '\n')
        {
            // A paragraph break followed only by dropped characters (zero-width spaces...): no dangling separator.
            sb.Length--;
            map.DropLastNormalized();
        }

        return new NormalizedText(sb.ToString(), map.Build(), paragraphs);
    }

    /// <summary>Normalises a short query string the same way (one paragraph; line breaks become spaces).</summary>
    public string NormalizeQuery(string query)
    {
        var text = Normalize(query.Replace('\n', ' ').Replace('\r', ' ')).Text;
        return text.Replace('\n', ' ');
    }

    private static bool EndsParagraph(string s, int runStart, int runEnd, int lastNewlineEnd, int lineStart, LineLayout layout)
    {
        // An indented next line (two spaces, a tab, or an ideographic space) starts a paragraph.
        var indent = 0;
        for (var k = lastNewlineEnd; k < runEnd; k++)
        {
            indent += s[k] switch { '\t' => 4, '\u3000' => 2, _ => 1 };
        }

        if (indent >= 2)
        {
            return true;
        }

        if (layout.HasBlankLines)
        {
            return false;
        }

        // One paragraph per line, unless this line looks hard-wrapped or the next line plainly continues
        // the sentence (it starts in lower case after a line that does not end one).
        if (runEnd < s.Length && char.IsLower(s[runEnd]) && !EndsSentence(s[runStart - 1]))
        {
            return false;
        }

        var lineLength = runStart - lineStart;
        var wrapped = layout.MaxLineLength >= 40 && lineLength >= layout.MaxLineLength * 0.75 && !EndsSentence(s[runStart - 1]);
        return !wrapped;
    }

    private static bool EndsSentence(char c) =>
        c is '.' or '!' or '?' or ':' or ';' or '"' or ')' or '\u3002' or '\uFF01' or '\uFF1F' or '\uFF1B' or '\uFF1A'
            or '\u201D' or '\u300D' or '\u300F' or '\uFF09';

    private static bool TryHyphenation(string s, int i, char previous, out int resume)
    {
        // "secu-\nrity" → "security": a hyphen (or soft hyphen) after a letter, then one line break,
        // then a lower-case letter. A soft hyphen needs no lower-case letter after it.
        resume = i;
        if (!CharClass.IsLatinLetter(previous))
        {
            return false;
        }

        var k = i + 1;
        while (k < s.Length && (s[k] == ' ' || s[k] == '\t'))
        {
            k++;
        }

        if (k < s.Length && s[k] == '\r')
        {
            k++;
        }

        if (k >= s.Length || s[k] != '\n')
        {
            return false;
        }

        k++;
        while (k < s.Length && (s[k] == ' ' || s[k] == '\t'))
        {
            k++;
        }

        if (k >= s.Length)
        {
            return false;
        }

        var next = s[k];
        if (s[i] == '\u00AD' ? CharClass.IsLatinLetter(next) : char.IsLower(next))
        {
            resume = k;
            return true;
        }

        return false;
    }

    private static int LineStartBefore(string s, int index)
    {
        var k = s.LastIndexOf('\n', Math.Max(0, index - 1));
        return k < 0 ? 0 : k + 1;
    }

    private static bool IsWhitespace(char c) =>
        c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v' or '\u00A0' or '\u3000' or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u1680' or '\u0085'
        || (c >= '\u2000' && c <= '\u200A');

    private static bool IsDropped(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\x7f'
        || c < ' '
        || (c >= '\u0080' && c <= '\u009F');

    private static bool IsCombining(string s, int i) =>
        s[i] >= '\u0300' && CharUnicodeInfo.GetUnicodeCategory(s, i) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static int ClusterEnd(string s, int i)
    {
        var j = i + (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1);
        while (j < s.Length)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(s, j);
            if (category is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
            {
                break;
            }

            j += char.IsHighSurrogate(s[j]) && j + 1 < s.Length ? 2 : 1;
        }

        return j;
    }

    private static string FoldCluster(string s, int start, int length)
    {
        var cluster = s.Substring(start, length);
        var cache = t_clusterCache ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (cache.TryGetValue(cluster, out var folded))
        {
            return folded;
        }

        if (char.IsSurrogate(cluster[0]) && (length == 1 || !char.IsSurrogatePair(cluster[0], cluster[1])))
        {
            // A lone surrogate cannot be normalised; keep it as it is (it was in the original).
            folded = cluster;
        }
        else
        {
            folded = UnifyQuotes(cluster.IsNormalized(NormalizationForm.FormKC) ? cluster : cluster.Normalize(NormalizationForm.FormKC));
        }

        if (cache.Count >= MaxCachedClusters)
        {
            cache.Clear();
        }

        cache[cluster] = folded;
        return folded;
    }

    private static string UnifyQuotes(string text)
    {
        if (text.Length != 1)
        {
            return text;
        }

        return text[0] switch
        {
            '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u0060' => "'",
            '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => "\"",
            _ => text,
        };
    }

    private readonly record struct LineLayout(bool HasBlankLines, int MaxLineLength)
    {
        public static LineLayout Measure(string s)
        {
            var hasBlank = false;
            var max = 0;
            var start = 0;
            var lines = 0;
            while (start <= s.Length)
            {
                var end = s.IndexOf('\n', start);
                if (end < 0)
                {
                    end = s.Length;
                }

                var line = s.AsSpan(start, end - start).Trim();
                if (line.IsEmpty)
                {
                    if (lines > 0 && end < s.Length)
                    {
                        hasBlank = true;
                    }
                }
                else
                {
                    lines++;
                    max = Math.Max(max, end - start);
                }

                start = end + 1;
            }

            return new LineLayout(hasBlank, max);
        }
    }
}
