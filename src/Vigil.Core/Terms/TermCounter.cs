using Vigil.Core.Documents;
using Vigil.Core.Text;

namespace Vigil.Core.Terms;

/// <summary>One occurrence of a term in a document.</summary>
/// <param name="Term">Index of the term in the <see cref="TermSet"/>.</param>
/// <param name="Start">Start in the normalised text.</param>
/// <param name="End">End (exclusive) in the normalised text.</param>
public readonly record struct TermOccurrence(int Term, int Start, int End);

/// <summary>
/// Counts terms in normalised text, substring-true: every occurrence is counted, overlapping ones
/// included, and an alphabetic edge of a term must be on a word boundary.
/// </summary>
public static class TermCounter
{
    /// <summary>Counts each term of <paramref name="terms"/> in already folded text.</summary>
    public static long[] CountFolded(TermSet terms, ReadOnlySpan<char> folded)
    {
        var sink = new CountingSink(terms, folded);
        terms.Matcher.Scan(folded, ref sink);
        return sink.Counts;
    }

    /// <summary>Counts each term in a document's normalised text.</summary>
    public static long[] Count(TermSet terms, DocumentContent content) => CountFolded(terms, MatchFolding.Fold(content.Normalized.Text));

    /// <summary>Every occurrence, ordered by start offset then term.</summary>
    public static List<TermOccurrence> Find(TermSet terms, string normalized)
    {
        var folded = MatchFolding.Fold(normalized);
        var sink = new CollectingSink(terms, folded);
        terms.Matcher.Scan(folded, ref sink);
        var list = sink.Found;
        list.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Term != b.Term ? a.Term.CompareTo(b.Term) : a.End.CompareTo(b.End));
        return list;
    }

    /// <summary>
    /// Rate per 10,000: Chinese terms (containing a Han character) per 10,000 Han characters, other terms
    /// per 10,000 words; zero when the basis is zero.
    /// </summary>
    public static double Per10K(long count, bool chinese, long words, long han)
    {
        var basis = chinese ? han : words;
        return basis == 0 ? 0 : Math.Round(count * 10_000.0 / basis, 4);
    }

    private ref struct CountingSink(TermSet terms, ReadOnlySpan<char> text) : IMatchSink
    {
        private readonly ReadOnlySpan<char> _text = text;
        private readonly TermSet _terms = terms;

        public long[] Counts { get; } = new long[terms.Terms.Count];

        public void OnMatch(int pattern, int end)
        {
            var p = _terms.Patterns[pattern];
            if (_terms.IsValidMatch(_text, pattern, end - p.Folded.Length, end))
            {
                Counts[p.Term]++;
            }
        }
    }

    private ref struct CollectingSink(TermSet terms, ReadOnlySpan<char> text) : IMatchSink
    {
        private readonly ReadOnlySpan<char> _text = text;
        private readonly TermSet _terms = terms;

        public List<TermOccurrence> Found { get; } = [];

        public void OnMatch(int pattern, int end)
        {
            var p = _terms.Patterns[pattern];
            var start = end - p.Folded.Length;
            if (_terms.IsValidMatch(_text, pattern, start, end))
            {
                Found.Add(new TermOccurrence(p.Term, start, end));
            }
        }
    }
}
