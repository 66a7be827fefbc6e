namespace Vigil.Core.Domains;

/// <summary>One lexicon match in the original text: where it is, which domain's term it is, and its weight.</summary>
/// <param name="Start">Offset of the match in the original text (UTF-16 code units).</param>
/// <param name="End">End of the match (exclusive).</param>
public sealed record EvidenceSpan(int Start, int End, string Domain, string Term, double Weight);

/// <summary>
/// The evidence of a classification as spans of the original text, for marking it in place (the web
/// document view). Use a classifier whose <see cref="ScoringParameters.SnippetsPerTerm"/> is large enough to keep
/// every match (see <see cref="Parameters"/>): with the default three per term, only the first three are marked.
/// </summary>
public static class EvidenceSpans
{
    /// <summary>Scoring parameters that keep every match as a snippet (scores are unchanged: snippets do not count).</summary>
    public static ScoringParameters Parameters { get; } = ScoringParameters.Default with { SnippetsPerTerm = int.MaxValue };

    /// <summary>Every snippet of every domain's evidence, ordered by position, then domain; a match shared by domains appears once per domain.</summary>
    public static IReadOnlyList<EvidenceSpan> Of(PassageClassification passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        var spans = new List<EvidenceSpan>();
        foreach (var domain in passage.Domains)
        {
            foreach (var term in domain.Terms)
            {
                foreach (var snippet in term.Snippets)
                {
                    spans.Add(new EvidenceSpan(snippet.Offset, snippet.Offset + snippet.Match.Length, domain.Id, term.Term, term.Weight));
                }
            }
        }

        spans.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start)
            : x.End != y.End ? x.End.CompareTo(y.End)
            : string.CompareOrdinal(x.Domain, y.Domain) is var c && c != 0 ? c : string.CompareOrdinal(x.Term, y.Term));
        return spans;
    }
}
