using Vigil.Core.Analysis;
using Vigil.Core.Documents;
using Vigil.Core.Terms;
using Vigil.Core.Text;

namespace Vigil.Core.Domains;

/// <summary>Where a piece of evidence was found: the original-text offset of the match and some context.</summary>
/// <param name="Text">The match with up to <see cref="ScoringParameters.SnippetContext"/> characters of original text each side.</param>
/// <param name="Offset">Start of the match in the original text.</param>
/// <param name="Match">The matched text as it stands in the original.</param>
public sealed record EvidenceSnippet(string Text, int Offset, string Match);

/// <summary>One lexicon term's evidence in a passage.</summary>
/// <param name="Term">The term as written in the taxonomy.</param>
/// <param name="Weight">The term's weight (negative: evidence against).</param>
/// <param name="Count">Occurrences counted (after look-alike masking and longest-match resolution).</param>
/// <param name="Contribution">Weight × (1 + ln Count).</param>
/// <param name="Domain">The domain whose lexicon holds the term (a child's id when it reached a parent).</param>
public sealed record DomainEvidence(string Term, double Weight, int Count, double Contribution, string Domain, IReadOnlyList<EvidenceSnippet> Snippets);

/// <summary>A domain's result for one passage.</summary>
/// <param name="Evidence">Sum of contributions (E).</param>
/// <param name="Score">1 − exp(−E / (τ·L)), 0 when E ≤ 0; rounded to 4 decimals.</param>
public sealed record DomainScore(string Id, double Score, bool Assigned, double Evidence, IReadOnlyList<DomainEvidence> Terms);

/// <summary>Result for one passage (a document or a paragraph).</summary>
/// <param name="Start">Start of the passage in the normalised text.</param>
/// <param name="End">End (exclusive) of the passage in the normalised text.</param>
/// <param name="Units">Han characters plus words in the passage (the length used for normalisation).</param>
/// <param name="LengthFactor">L = max(1, (Units / U0)^α).</param>
/// <param name="Domains">Domains with any evidence (or all, when asked), best first.</param>
public sealed record PassageClassification(int Start, int End, int Units, double LengthFactor, IReadOnlyList<DomainScore> Domains)
{
    public IEnumerable<string> AssignedIds => Domains.Where(d => d.Assigned).Select(d => d.Id);
}

/// <summary>The constants of the scoring method (docs/classification.md). Defaults were calibrated on the dev split only.</summary>
public sealed record ScoringParameters
{
    /// <summary>τ: evidence scale; a passage with E = τ·L scores 1 − 1/e ≈ 0.63.</summary>
    public double Tau { get; init; } = 4.0;

    /// <summary>θ: a domain is assigned when its score is at least this (0.4 ⇔ E ≥ τ·L·ln(1/0.6) ≈ 2.04·L).</summary>
    public double Threshold { get; init; } = 0.4;

    /// <summary>U0: passages up to this many units (Han characters + words) are not length-normalised.</summary>
    public double ReferenceUnits { get; init; } = 400;

    /// <summary>α: exponent of the length factor; 0 turns normalisation off, 0.5 divides evidence by √(length/U0).</summary>
    public double LengthExponent { get; init; } = 0.5;

    /// <summary>Characters of original text shown each side of a match in a snippet.</summary>
    public int SnippetContext { get; init; } = 24;

    /// <summary>Snippets kept per term.</summary>
    public int SnippetsPerTerm { get; init; } = 3;

    public static ScoringParameters Default { get; } = new();
}

/// <summary>
/// Explainable multi-label classification of text by security domain. Every domain's lexicon and every
/// exclusion is compiled into one automaton; a passage's score for a domain is a deterministic function of
/// the lexicon matches inside it (see <see cref="Classify"/>),
/// and the matches are returned as the evidence. Thread-safe once built.
/// </summary>
public sealed class DomainClassifier
{
    private readonly TermSet _terms;
    private readonly TermSet? _exclusions;
    private readonly Dictionary<string, int> _slots;
    private readonly List<(int Domain, double Weight, LexiconTerm Term)>[] _byPattern;
    private readonly int[][] _ancestors;

    public DomainClassifier(Taxonomy taxonomy, ScoringParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        Taxonomy = taxonomy;
        Parameters = parameters ?? ScoringParameters.Default;

        // One pattern per distinct folded text; a text can be evidence for several domains.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var texts = new List<string>();
        var owners = new List<List<(int, double, LexiconTerm)>>();
        int Slot(string text)
        {
            var folded = MatchFolding.FoldQuery(text).Trim();
            if (!index.TryGetValue(folded, out var slot))
            {
                slot = texts.Count;
                index[folded] = slot;
                texts.Add(text);
                owners.Add([]);
            }

            return slot;
        }

        for (var d = 0; d < taxonomy.Domains.Count; d++)
        {
            foreach (var term in taxonomy.Domains[d].Terms)
            {
                owners[Slot(term.Text)].Add((d, term.Weight, term));
            }
        }

        // Lexicon terms match English inflections; exclusions match exactly as written (inflecting
        // "securities" would also produce "security" and cancel every security phrase).
        _terms = TermSet.Compile(texts, new TermOptions { Stem = true });
        var excludes = taxonomy.Excludes.Select(x => x.Text).Distinct(StringComparer.Ordinal).ToList();
        _exclusions = excludes.Count == 0 ? null : TermSet.Compile(excludes, new TermOptions { Stem = false });
        _byPattern = [.. owners];
        _slots = index;
        _ancestors = [.. taxonomy.Domains.Select(d => Ancestors(taxonomy, d))];
    }

    public Taxonomy Taxonomy { get; }

    public ScoringParameters Parameters { get; }

    /// <summary>Classifies the whole document as one passage.</summary>
    public PassageClassification ClassifyDocument(DocumentContent content, bool includeAll = false)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Classify(content, [new TextRange(0, content.Normalized.Text.Length)], includeAll)[0];
    }

    /// <summary>Classifies each paragraph of the document.</summary>
    public IReadOnlyList<PassageClassification> ClassifyParagraphs(DocumentContent content, bool includeAll = false)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Classify(content, content.Paragraphs.Select(p => new TextRange(p.Start, p.End)).ToList(), includeAll);
    }

    /// <summary>
    /// Classifies passages (ranges of the normalised text). For each passage and domain:
    /// (1) lexicon matches inside the passage are found (Chinese substring-true, English whole words with
    /// inflections, traditional folded to simplified), including the items of coordinated lists that share
    /// the head 安全 / "security" (经济、金融等安全 counts 经济安全 and 金融安全; see <see cref="CoordinatedLists"/>); (2) a domain's positive match overlapping an
    /// exclusion or one of the domain's own negative terms is dropped; (3) of overlapping matches of the same
    /// domain, a nested one gives way to the longer and a partly overlapping one to the higher weight; (4) E = Σ weight·(1 + ln count) over the domain's terms,
    /// plus the E of its descendants; (5) score = 1 − exp(−E / (τ·L)) with L = max(1, (units/U0)^α), and the
    /// domain is assigned when score ≥ θ.
    /// </summary>
    public IReadOnlyList<PassageClassification> Classify(DocumentContent content, IReadOnlyList<TextRange> passages, bool includeAll = false)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(passages);
        var text = content.Normalized.Text;
        var hits = TermCounter.Find(_terms, text);
        foreach (var implied in CoordinatedLists.Find(MatchFolding.Fold(text), _slots.ContainsKey))
        {
            hits.Add(new TermOccurrence(_slots[implied.Key], implied.Start, implied.End));
        }

        hits.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End != b.End ? a.End.CompareTo(b.End) : a.Term.CompareTo(b.Term));
        var excluded = _exclusions is null ? [] : TermCounter.Find(_exclusions, text);
        var results = new List<PassageClassification>(passages.Count);
        foreach (var passage in passages)
        {
            results.Add(ClassifyPassage(content, hits, excluded, passage, includeAll));
        }

        return results;
    }

    private PassageClassification ClassifyPassage(DocumentContent content, List<TermOccurrence> hits, List<TermOccurrence> excluded, TextRange passage,
        bool includeAll)
    {
        var text = content.Normalized.Text;
        var (words, han) = StatisticsStep.Count(text.AsSpan(passage.Start, passage.Length));
        var units = words + han;
        var p = Parameters;
        var lengthFactor = p.LengthExponent <= 0 ? 1.0 : Math.Max(1.0, Math.Pow(units / p.ReferenceUnits, p.LengthExponent));

        // Matches inside the passage, split into exclusions and per-domain candidates.
        var first = LowerBound(hits, passage.Start);
        var exclusions = new List<(int Start, int End)>();
        for (var i = LowerBound(excluded, passage.Start); i < excluded.Count && excluded[i].Start < passage.End; i++)
        {
            if (excluded[i].End <= passage.End)
            {
                exclusions.Add((excluded[i].Start, excluded[i].End));
            }
        }

        var perDomain = new List<Candidate>[Taxonomy.Domains.Count];
        for (var i = first; i < hits.Count && hits[i].Start < passage.End; i++)
        {
            var hit = hits[i];
            if (hit.End > passage.End)
            {
                continue;
            }

            foreach (var (domain, weight, term) in _byPattern[hit.Term])
            {
                (perDomain[domain] ??= []).Add(new Candidate(hit.Start, hit.End, weight, term));
            }
        }

        var own = new List<DomainEvidence>[Taxonomy.Domains.Count];
        for (var d = 0; d < perDomain.Length; d++)
        {
            own[d] = perDomain[d] is { } candidates ? Evidence(content, passage, candidates, exclusions, Taxonomy.Domains[d].Id) : [];
        }

        // A domain's evidence also counts for its ancestors.
        var gathered = new List<DomainEvidence>[own.Length];
        for (var d = 0; d < own.Length; d++)
        {
            gathered[d] = [.. own[d]];
        }

        for (var d = 0; d < own.Length; d++)
        {
            foreach (var ancestor in _ancestors[d])
            {
                gathered[ancestor].AddRange(own[d]);
            }
        }

        var scores = new List<DomainScore>();
        for (var d = 0; d < gathered.Length; d++)
        {
            var evidence = gathered[d];
            if (evidence.Count == 0 && !includeAll)
            {
                continue;
            }

            var e = Math.Round(evidence.Sum(x => x.Contribution), 6);
            var score = e <= 0 ? 0 : Math.Round(1 - Math.Exp(-e / (p.Tau * lengthFactor)), 4);
            var ordered = evidence.OrderByDescending(x => x.Contribution).ThenBy(x => x.Term, StringComparer.Ordinal).ToList();
            scores.Add(new DomainScore(Taxonomy.Domains[d].Id, score, score >= p.Threshold, e, ordered));
        }

        var order = Taxonomy.Domains.Select((domain, i) => (domain.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        scores.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Evidence != b.Evidence ? b.Evidence.CompareTo(a.Evidence) : order[a.Id].CompareTo(order[b.Id]));
        return new PassageClassification(passage.Start, passage.End, units, Math.Round(lengthFactor, 4), scores);
    }

    private List<DomainEvidence> Evidence(DocumentContent content, TextRange passage, List<Candidate> candidates, List<(int Start, int End)> exclusions, string domainId)
    {
        var negatives = Longest(candidates.Where(c => c.Weight < 0));
        var positives = Longest(candidates.Where(c => c.Weight > 0
            && !exclusions.Any(x => Overlaps(x.Start, x.End, c.Start, c.End))
            && !negatives.Any(n => Overlaps(n.Start, n.End, c.Start, c.End))));
        var result = new List<DomainEvidence>();
        foreach (var group in positives.Concat(negatives).GroupBy(c => c.Term))
        {
            var matches = group.OrderBy(c => c.Start).ToList();
            var term = group.Key;
            var contribution = Math.Round(term.Weight * (1 + Math.Log(matches.Count)), 6);
            var snippets = matches.Take(Parameters.SnippetsPerTerm).Select(m => Snippet(content, passage, m.Start, m.End)).ToList();
            result.Add(new DomainEvidence(term.Text, term.Weight, matches.Count, contribution, domainId, snippets));
        }

        return result;
    }

    /// <summary>
    /// Resolves overlapping matches of one domain: a match nested inside a longer one is dropped (供应链 inside
    /// 供应链安全 counts once, as the longer term); of matches that only partly overlap, the higher weight is
    /// kept (网络安全 over 安全漏洞 in 网络安全漏洞), then the longer, then the earlier.
    /// </summary>
    private static List<Candidate> Longest(IEnumerable<Candidate> candidates)
    {
        var all = candidates.ToList();
        var outer = all.Where(c => !all.Any(o => !ReferenceEquals(o, c) && o.Start <= c.Start && c.End <= o.End && (o.End - o.Start > c.End - c.Start
            || (o.End - o.Start == c.End - c.Start && (o.Weight > c.Weight || (o.Weight == c.Weight && o.Term.Line < c.Term.Line)))))).ToList();
        var kept = new List<Candidate>();
        foreach (var c in outer.OrderByDescending(c => c.Weight).ThenByDescending(c => c.End - c.Start).ThenBy(c => c.Start).ThenBy(c => c.Term.Line))
        {
            if (!kept.Any(k => Overlaps(k.Start, k.End, c.Start, c.End)))
            {
                kept.Add(c);
            }
        }

        return kept;
    }

    /// <summary>The match with context from the original text, never reaching outside its paragraph or the passage.</summary>
    private EvidenceSnippet Snippet(DocumentContent content, TextRange passage, int start, int end)
    {
        var map = content.Normalized.Map;
        var (originalStart, originalEnd) = map.ToOriginal(start, end);
        var (limitStart, limitEnd) = (passage.Start, passage.End);
        foreach (var paragraph in content.Paragraphs)
        {
            if (paragraph.Start <= start && end <= paragraph.End)
            {
                (limitStart, limitEnd) = (Math.Max(limitStart, paragraph.Start), Math.Min(limitEnd, paragraph.End));
                break;
            }
        }

        var (passageStart, passageEnd) = map.ToOriginal(limitStart, limitEnd);
        var original = content.Original;
        var width = Parameters.SnippetContext;
        var left = Math.Max(passageStart, originalStart - width);
        var right = Math.Max(originalEnd, Math.Min(passageEnd, originalEnd + width));
        var text = Concordance.ForDisplay(original.AsSpan(left, originalStart - left))
            + Concordance.ForDisplay(original.AsSpan(originalStart, originalEnd - originalStart))
            + Concordance.ForDisplay(original.AsSpan(originalEnd, right - originalEnd));
        return new EvidenceSnippet(text.Trim(), originalStart, original[originalStart..originalEnd]);
    }

    private static bool Overlaps(int aStart, int aEnd, int bStart, int bEnd) => aStart < bEnd && bStart < aEnd;

    private static int LowerBound(List<TermOccurrence> hits, int start)
    {
        int lo = 0, hi = hits.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (hits[mid].Start < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int[] Ancestors(Taxonomy taxonomy, DomainDefinition domain)
    {
        var result = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { domain.Id };
        var parent = domain.Parent;
        while (parent is not null && seen.Add(parent))
        {
            var index = taxonomy.Domains.ToList().FindIndex(d => d.Id == parent);
            if (index < 0)
            {
                break; // a version view can leave a parent out
            }

            result.Add(index);
            parent = taxonomy.Domains[index].Parent;
        }

        return [.. result];
    }

    private sealed record Candidate(int Start, int End, double Weight, LexiconTerm Term);
}
