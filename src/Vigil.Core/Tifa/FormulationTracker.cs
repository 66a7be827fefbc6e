using Vigil.Core.Documents;
using Vigil.Core.Statistics;
using Vigil.Core.Storage;
using Vigil.Core.Terms;
using Vigil.Core.Text;

namespace Vigil.Core.Tifa;

/// <summary>
/// Counts formulations (提法) in documents, follows one over time, and diffs two documents or sets of documents:
/// which formulations appeared, disappeared, rose or fell, and which new phrases stand out.
/// Immutable and thread-safe once created.
/// </summary>
/// <remarks>
/// Counting rule: every full form (Chinese forms substring-true, English forms as whole words, on the folded
/// normalised text, through one <see cref="TermSet"/>) is found; occurrences of forms of the same formulation that
/// overlap count once, the longest winning (ties: the earlier start, then the earlier form). A near form counts only
/// where it overlaps no occurrence of a full form of its formulation, and overlapping near occurrences also count
/// once. Formulations are counted independently of each other.
/// </remarks>
public sealed class FormulationTracker
{
    private readonly TermSet _terms;
    private readonly TermSlot[] _slots;      // term index → formulation, near?, flat index
    private readonly int[] _fullStart;       // formulation → first flat full-form index (length F + 1)
    private readonly int[] _nearStart;       // formulation → first flat near-form index (length F + 1)
    private readonly int[] _zhCount;         // formulation → number of Chinese forms

    private FormulationTracker(FormulationDictionary dictionary)
    {
        Dictionary = dictionary;
        var formulations = dictionary.Formulations;
        var terms = new List<string>();
        var slots = new List<TermSlot>();
        _fullStart = new int[formulations.Count + 1];
        _nearStart = new int[formulations.Count + 1];
        _zhCount = new int[formulations.Count];
        int full = 0, near = 0;
        for (var f = 0; f < formulations.Count; f++)
        {
            _fullStart[f] = full;
            _nearStart[f] = near;
            _zhCount[f] = formulations[f].Zh.Count;
            foreach (var form in formulations[f].Forms)
            {
                terms.Add(form);
                slots.Add(new TermSlot(f, false, full++));
            }

            foreach (var form in formulations[f].Near)
            {
                terms.Add(form);
                slots.Add(new TermSlot(f, true, near++));
            }
        }

        _fullStart[^1] = full;
        _nearStart[^1] = near;
        _terms = TermSet.Compile(terms);
        _slots = [.. slots];
    }

    /// <summary>The dictionary counted.</summary>
    public FormulationDictionary Dictionary { get; }

    /// <summary>Compiles a tracker for <paramref name="dictionary"/>.</summary>
    public static FormulationTracker Create(FormulationDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        return new FormulationTracker(dictionary);
    }

    /// <summary>Counts every formulation in one document.</summary>
    public FormulationCounts Count(TrackedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (full, near, _) = Scan(document.Folded, collectCoverage: false);
        return new FormulationCounts(this, full, near, document.Han, document.Words, 1);
    }

    /// <summary>Counts every formulation in documents and sums the counts.</summary>
    public FormulationCounts Count(IReadOnlyList<TrackedDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var total = Empty();
        foreach (var d in documents)
        {
            total = total.Add(Count(d));
        }

        return total;
    }

    /// <summary>
    /// One formulation over stored documents: a row per document (sorted by date, then path; undated last), per
    /// year or per source. Documents are read in parallel; the order of rows does not depend on it.
    /// </summary>
    public IReadOnlyList<TimelineRow> Timeline(IDocumentStore store, IReadOnlyList<DocumentInfo> documents, Formulation formulation, CountGrouping by,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(formulation);
        var f = Dictionary.IndexOf(formulation.Id);
        if (f < 0)
        {
            throw new ArgumentException($"Formulation '{formulation.Id}' is not in this tracker's dictionary.", nameof(formulation));
        }

        var counts = new FormulationCounts[documents.Count];
        Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => counts[i] = Count(TrackedDocument.Load(store, documents[i])));
        var infos = documents.Select((d, i) => (Info: d, Counts: counts[i])).ToList();

        IEnumerable<(string Key, DocumentInfo? Doc, string? Date, List<(DocumentInfo Info, FormulationCounts Counts)> Members)> groups = by switch
        {
            CountGrouping.Doc => infos.Select(x => (x.Info.Id, (DocumentInfo?)x.Info, x.Info.Date, new List<(DocumentInfo, FormulationCounts)> { x })),
            CountGrouping.Year => infos.GroupBy(x => x.Info.Date is { Length: >= 4 } d ? d[..4] : CorpusCounter.Undated, StringComparer.Ordinal)
                .Select(g => (g.Key, (DocumentInfo?)null, g.Key == CorpusCounter.Undated ? null : g.Key, g.ToList())),
            CountGrouping.Source => infos.GroupBy(x => x.Info.Source ?? CorpusCounter.NoSource, StringComparer.Ordinal)
                .Select(g => (g.Key, (DocumentInfo?)null, g.Select(x => x.Info.Date).Where(d => d is not null).Min(StringComparer.Ordinal), g.ToList())),
            _ => [("all", (DocumentInfo?)null, infos.Select(x => x.Info.Date).Where(d => d is not null).Min(StringComparer.Ordinal), infos)],
        };

        var rows = new List<TimelineRow>();
        foreach (var (key, doc, date, members) in groups)
        {
            var sum = members.Count == 1 ? members[0].Counts : members.Aggregate(Empty(), (acc, m) => acc.Add(m.Counts));
            var near = formulation.Near.Select((form, n) => new FormCount(form, sum.Near(f, n))).ToList();
            rows.Add(new TimelineRow(key, doc?.Id, doc?.Path, date, sum.Count(f), sum.Zh(f), sum.En(f), sum.Per10K(f), members.Count, sum.Han, sum.Words, near));
        }

        // Dated rows first by date, undated last; then by path (documents) or key (groups): a stable order.
        return rows.OrderBy(r => r.Date is null ? 1 : 0).ThenBy(r => r.Date, StringComparer.Ordinal)
            .ThenBy(r => r.Path ?? r.Key, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Compares side A with side B. Each formulation with a + b &gt; 0 lands in exactly one list:
    /// appeared (a = 0), disappeared (b = 0), rose or fell (both &gt; 0 and |signed G²| ≥ 3.84, p &lt; 0.05), else unchanged;
    /// each list is sorted by |G²| descending, then id. G² compares the counts against each side's basis: the Han
    /// characters if any Chinese form was counted, plus the words if any English form was counted.
    /// Candidates: see <see cref="PhraseCandidates"/>.
    /// </summary>
    public FormulationDiff Diff(IReadOnlyList<TrackedDocument> a, IReadOnlyList<TrackedDocument> b, FormulationDiffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options ??= new FormulationDiffOptions();
        var countsA = Count(a);
        var coverage = new List<int[]>(b.Count);
        var countsB = Empty();
        foreach (var d in b)
        {
            var (full, near, covered) = Scan(d.Folded, collectCoverage: true);
            countsB = countsB.Add(new FormulationCounts(this, full, near, d.Han, d.Words, 1));
            coverage.Add(covered!);
        }

        var lists = new Dictionary<ChangeKind, List<FormulationChange>>();
        foreach (var kind in Enum.GetValues<ChangeKind>())
        {
            lists[kind] = [];
        }

        var formulations = Dictionary.Formulations;
        for (var f = 0; f < formulations.Count; f++)
        {
            if (Compare(f, countsA, countsB) is { } change)
            {
                lists[change.Kind].Add(change);
            }
        }

        foreach (var list in lists.Values)
        {
            list.Sort((x, y) => Math.Abs(y.G2).CompareTo(Math.Abs(x.G2)) is var c && c != 0 ? c : string.CompareOrdinal(x.Formulation.Id, y.Formulation.Id));
        }

        var candidates = PhraseCandidates.Find(a, b, coverage,
            new PhraseCandidates.Bases(countsA.Han, countsA.Words, countsB.Han, countsB.Words), options.MinFrequency, options.Top);
        return new FormulationDiff(new DiffSide(a, countsA.Han, countsA.Words), new DiffSide(b, countsB.Han, countsB.Words),
            lists[ChangeKind.Appeared], lists[ChangeKind.Disappeared], lists[ChangeKind.Rose], lists[ChangeKind.Fell], lists[ChangeKind.Unchanged], candidates);
    }

    internal (int Start, int Zh, int En) FullRange(int f) => (_fullStart[f], _zhCount[f], _fullStart[f + 1] - _fullStart[f] - _zhCount[f]);

    internal int NearStart(int f) => _nearStart[f];

    private FormulationCounts Empty() => new(this, new long[_fullStart[^1]], new long[_nearStart[^1]], 0, 0, 0);

    private FormulationChange? Compare(int f, FormulationCounts countsA, FormulationCounts countsB)
    {
        long a = countsA.Count(f), b = countsB.Count(f);
        if (a + b == 0)
        {
            return null;
        }

        // The basis covers the kinds of text the counted forms were found in (see Diff).
        var chinese = countsA.Zh(f) + countsB.Zh(f) > 0;
        var english = countsA.En(f) + countsB.En(f) > 0;
        var sizeA = (chinese ? countsA.Han : 0) + (english ? countsA.Words : 0);
        var sizeB = (chinese ? countsB.Han : 0) + (english ? countsB.Words : 0);
        var g2 = Keyness.SignedLogLikelihood(b, sizeB, a, sizeA);
        var critical = Keyness.CriticalValue(0.05);
        var kind = a == 0 ? ChangeKind.Appeared
            : b == 0 ? ChangeKind.Disappeared
            : g2 >= critical ? ChangeKind.Rose
            : g2 <= -critical ? ChangeKind.Fell
            : ChangeKind.Unchanged;
        var formulation = Dictionary.Formulations[f];
        var forms = formulation.Forms.Select((form, i) => new FormChange(form, countsA.Form(f, i), countsB.Form(f, i))).Where(x => x.A + x.B > 0).ToList();
        var near = formulation.Near.Select((form, i) => new FormChange(form, countsA.Near(f, i), countsB.Near(f, i))).Where(x => x.A + x.B > 0).ToList();
        return new FormulationChange(formulation, kind, a, b, countsA.Per10K(f), countsB.Per10K(f), Math.Round(g2, 4),
            Math.Round(Keyness.LogRatio(b, sizeB, a, sizeA), 4), forms, near);
    }

    /// <summary>
    /// Finds all occurrences and applies the counting rule. With <paramref name="collectCoverage"/>, also returns a
    /// prefix sum over the text of positions covered by any form occurrence (full or near, any formulation).
    /// </summary>
    private (long[] Full, long[] Near, int[]? Coverage) Scan(string folded, bool collectCoverage)
    {
        var sink = new OccurrenceSink(_terms, _slots, folded);
        _terms.Matcher.Scan(folded.AsSpan(), ref sink);
        var found = sink.Found;
        var full = new long[_fullStart[^1]];
        var near = new long[_nearStart[^1]];

        int[]? coverage = null;
        if (collectCoverage)
        {
            var delta = new int[folded.Length + 1];
            foreach (var o in found)
            {
                delta[o.Start]++;
                delta[o.End]--;
            }

            coverage = new int[folded.Length + 1];
            var depth = 0;
            for (var i = 0; i < folded.Length; i++)
            {
                depth += delta[i];
                coverage[i + 1] = coverage[i] + (depth > 0 ? 1 : 0);
            }
        }

        // Group by formulation; full before near; by start, longer first.
        found.Sort(static (x, y) =>
            x.Formulation != y.Formulation ? x.Formulation.CompareTo(y.Formulation)
            : x.Near != y.Near ? x.Near.CompareTo(y.Near)
            : x.Start != y.Start ? x.Start.CompareTo(y.Start)
            : y.End.CompareTo(x.End));

        var fulls = new List<Occurrence>();
        var nears = new List<Occurrence>();
        for (var i = 0; i < found.Count;)
        {
            var f = found[i].Formulation;
            fulls.Clear();
            nears.Clear();
            for (; i < found.Count && found[i].Formulation == f; i++)
            {
                (found[i].Near ? nears : fulls).Add(found[i]);
            }

            CountLongest(fulls, full);
            if (nears.Count > 0)
            {
                CountLongest(OutsideOf(nears, fulls), near);
            }
        }

        return (full, near, coverage);
    }

    /// <summary>Near occurrences that overlap no full occurrence (<paramref name="fulls"/> sorted by start).</summary>
    private static List<Occurrence> OutsideOf(List<Occurrence> nears, List<Occurrence> fulls)
    {
        if (fulls.Count == 0)
        {
            return nears;
        }

        var maxEnd = new int[fulls.Count];
        for (var k = 0; k < fulls.Count; k++)
        {
            maxEnd[k] = Math.Max(k > 0 ? maxEnd[k - 1] : 0, fulls[k].End);
        }

        var outside = new List<Occurrence>(nears.Count);
        foreach (var n in nears)
        {
            // Fulls starting before the near one ends: the last of them is at index lo - 1.
            int lo = 0, hi = fulls.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (fulls[mid].Start < n.End)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            if (lo == 0 || maxEnd[lo - 1] <= n.Start)
            {
                outside.Add(n);
            }
        }

        return outside;
    }

    /// <summary>
    /// Counts occurrences (sorted by start) so that overlapping ones count once: within each cluster of overlapping
    /// occurrences, the longest is taken first, then the longest that overlaps none taken, and so on.
    /// </summary>
    private static void CountLongest(List<Occurrence> occurrences, long[] counts)
    {
        var cluster = new List<Occurrence>();
        for (var i = 0; i < occurrences.Count;)
        {
            cluster.Clear();
            var start = occurrences[i].Start;
            var end = occurrences[i].End;
            for (; i < occurrences.Count && (cluster.Count == 0 || occurrences[i].Start < end); i++)
            {
                cluster.Add(occurrences[i]);
                end = Math.Max(end, occurrences[i].End);
            }

            if (cluster.Count == 1)
            {
                counts[cluster[0].Flat]++;
                continue;
            }

            cluster.Sort(static (x, y) =>
                (y.End - y.Start) != (x.End - x.Start) ? (y.End - y.Start).CompareTo(x.End - x.Start)
                : x.Start != y.Start ? x.Start.CompareTo(y.Start)
                : x.Flat.CompareTo(y.Flat));

            // Positions already taken, relative to the cluster's start: checking a candidate costs its length, so a
            // long run of self-overlapping matches stays linear in the matches.
            var taken = new bool[end - start];
            foreach (var o in cluster)
            {
                var span = taken.AsSpan(o.Start - start, o.End - o.Start);
                if (!span.Contains(true))
                {
                    span.Fill(true);
                    counts[o.Flat]++;
                }
            }
        }
    }

    private readonly record struct TermSlot(int Formulation, bool Near, int Flat);

    private readonly record struct Occurrence(int Formulation, bool Near, int Flat, int Start, int End);

    private ref struct OccurrenceSink(TermSet terms, TermSlot[] slots, ReadOnlySpan<char> text) : IMatchSink
    {
        private readonly ReadOnlySpan<char> _text = text;

        public List<Occurrence> Found { get; } = [];

        public void OnMatch(int pattern, int end)
        {
            var p = terms.Patterns[pattern];
            var start = end - p.Folded.Length;
            if (terms.IsValidMatch(_text, pattern, start, end))
            {
                var slot = slots[p.Term];
                Found.Add(new Occurrence(slot.Formulation, slot.Near, slot.Flat, start, end));
            }
        }
    }
}
