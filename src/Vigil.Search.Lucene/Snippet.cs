using System.Net;
using System.Text;
using Vigil.Core.Documents;
using Vigil.Core.Terms;
using Vigil.Core.Text;

namespace Vigil.Search.Lucene;

/// <summary>A passage of the original text around the densest cluster of matched words.</summary>
internal sealed record Snippet(string Text, string Html, IReadOnlyList<int[]> Marks)
{
    public static Snippet Empty { get; } = new("", "", []);

    /// <param name="marks">Matched spans in the normalised text, in order.</param>
    public static Snippet Build(DocumentContent content, List<TextRange> marks, int width)
    {
        var original = content.Original;
        var map = content.Normalized.Map;
        var spans = marks.Select(m => map.ToOriginal(m.Start, m.End)).Where(s => s.End > s.Start).ToList();
        spans = Merge(spans);

        // Window with the most marks (earliest on ties), starting a little before its first mark.
        var bestStart = 0;
        var bestCount = 0;
        for (int i = 0, j = 0; i < spans.Count; i++)
        {
            while (j < spans.Count && spans[j].End <= spans[i].Start + width)
            {
                j++;
            }

            if (j - i > bestCount)
            {
                bestCount = j - i;
                bestStart = spans[i].Start;
            }
        }

        var start = Math.Max(0, bestStart - (width / 4));
        var end = Math.Min(original.Length, start + width);
        // Do not cut a mark in half at the end.
        foreach (var s in spans)
        {
            if (s.Start < end && s.End > end)
            {
                end = s.End;
            }
        }

        var text = new StringBuilder();
        var html = new StringBuilder();
        var outMarks = new List<int[]>();
        if (start > 0)
        {
            text.Append('…');
            html.Append('…');
        }

        var cursor = start;
        foreach (var s in spans.Where(s => s.Start >= start && s.End <= end))
        {
            Append(original.AsSpan(cursor, s.Start - cursor), text, html);
            var piece = Concordance.ForDisplay(original.AsSpan(s.Start, s.End - s.Start)).Trim();
            outMarks.Add([text.Length, text.Length + piece.Length]);
            text.Append(piece);
            html.Append("<mark>").Append(WebUtility.HtmlEncode(piece)).Append("</mark>");
            cursor = s.End;
        }

        Append(original.AsSpan(cursor, end - cursor), text, html);
        if (end < original.Length)
        {
            text.Append('…');
            html.Append('…');
        }

        return new Snippet(text.ToString(), html.ToString(), outMarks);
    }

    private static void Append(ReadOnlySpan<char> original, StringBuilder text, StringBuilder html)
    {
        var piece = Concordance.ForDisplay(original);
        text.Append(piece);
        html.Append(WebUtility.HtmlEncode(piece));
    }

    private static List<(int Start, int End)> Merge(List<(int Start, int End)> spans)
    {
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<(int Start, int End)>();
        foreach (var s in spans)
        {
            if (merged.Count > 0 && s.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, s.End));
            }
            else
            {
                merged.Add(s);
            }
        }

        return merged;
    }
}
