using System.Text;
using Vigil.Core.Documents;

namespace Vigil.Core.Terms;

/// <summary>A keyword-in-context line, all of it from the original text.</summary>
/// <param name="Offset">Start of the match in the original text.</param>
/// <param name="End">End (exclusive) of the match in the original text.</param>
/// <param name="Page">1-based PDF page of the match, when the document has pages.</param>
public sealed record ConcordanceLine(string Left, string Match, string Right, int Offset, int End, int? Page, int Paragraph);

/// <summary>
/// Keyword in context over the original text. Contexts are <c>width</c> characters of the original on each
/// side; line breaks and runs of white space are shown as one space (and dropped between two CJK
/// characters), the offsets stay those of the original.
/// </summary>
public static class Concordance
{
    public static IEnumerable<ConcordanceLine> Lines(TermSet terms, DocumentContent content, int width)
    {
        var map = content.Normalized.Map;
        var original = content.Original;
        var paragraphs = content.Normalized.Paragraphs;
        var paragraph = 0;
        foreach (var hit in TermCounter.Find(terms, content.Normalized.Text))
        {
            var (start, end) = map.ToOriginal(hit.Start, hit.End);
            while (paragraph + 1 < paragraphs.Count && paragraphs[paragraph].End <= hit.Start)
            {
                paragraph++;
            }

            var leftStart = Math.Max(0, start - width);
            var rightEnd = Math.Min(original.Length, end + width);
            yield return new ConcordanceLine(
                ForDisplay(original.AsSpan(leftStart, start - leftStart)),
                ForDisplay(original.AsSpan(start, end - start)),
                ForDisplay(original.AsSpan(end, rightEnd - end)),
                start,
                end,
                content.PageAt(start),
                paragraph);
        }
    }

    /// <summary>
    /// Concordance over stored documents, in the given document order and then by offset, stopping after
    /// <paramref name="limit"/> lines (0: all). Documents are read one at a time.
    /// </summary>
    public static IEnumerable<(DocumentInfo Document, ConcordanceLine Line)> Lines(Storage.IDocumentStore store, IEnumerable<DocumentInfo> documents,
        TermSet terms, int width, int limit = 0)
    {
        ArgumentNullException.ThrowIfNull(store);
        var emitted = 0;
        foreach (var document in documents)
        {
            if (store.GetContent(document.Id) is not { } content)
            {
                continue;
            }

            foreach (var line in Lines(terms, content, width))
            {
                if (limit > 0 && emitted >= limit)
                {
                    yield break;
                }

                emitted++;
                yield return (document, line);
            }
        }
    }

    /// <summary>Collapses white space for display: one space, or nothing between two CJK characters.</summary>
    public static string ForDisplay(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]) || char.IsControl(text[i]))
            {
                var j = i;
                var hasBreak = false;
                while (j < text.Length && (char.IsWhiteSpace(text[j]) || char.IsControl(text[j])))
                {
                    hasBreak |= text[j] is '\n' or '\r';
                    j++;
                }

                var joinCjk = hasBreak && sb.Length > 0 && j < text.Length && Text.CharClass.IsCjk(sb[^1]) && Text.CharClass.IsCjk(text[j]);
                if (!joinCjk && sb.Length > 0 && j < text.Length)
                {
                    sb.Append(' ');
                }
                else if (!joinCjk && (i == 0 || j == text.Length))
                {
                    // Keep an edge space so "left + match + right" reads as in the text.
                    sb.Append(' ');
                }

                i = j;
                continue;
            }

            sb.Append(text[i]);
            i++;
        }

        return sb.ToString();
    }
}
