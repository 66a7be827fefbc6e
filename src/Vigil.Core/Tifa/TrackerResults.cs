using Vigil.Core.Terms;

namespace Vigil.Core.Tifa;

/// <summary>A count of one form on the two sides of a diff.</summary>
public sealed record FormChange(string Form, long A, long B);

/// <summary>A count of one form in one timeline row.</summary>
public sealed record FormCount(string Form, long Count);

/// <summary>Which list of a diff a formulation lands in.</summary>
public enum ChangeKind
{
    /// <summary>a = 0 and b &gt; 0.</summary>
    Appeared,

    /// <summary>a &gt; 0 and b = 0.</summary>
    Disappeared,

    /// <summary>Both &gt; 0 and signed G² (B over A) ≥ 3.84.</summary>
    Rose,

    /// <summary>Both &gt; 0 and signed G² (B over A) ≤ −3.84.</summary>
    Fell,

    /// <summary>a + b &gt; 0 and none of the above.</summary>
    Unchanged,
}

/// <summary>How one formulation changed from side A to side B.</summary>
/// <param name="G2">Log-likelihood G², signed: positive when relatively more frequent in B. Rounded to 4 places.</param>
/// <param name="LogRatio">log2 of B's relative frequency over A's (zeros as 0.5). Rounded to 4 places.</param>
/// <param name="Forms">Full forms with a + b &gt; 0 (after the longest-match rule).</param>
/// <param name="Near">Near forms with a + b &gt; 0 (outside full-form occurrences).</param>
public sealed record FormulationChange(Formulation Formulation, ChangeKind Kind, long A, long B, double APer10K, double BPer10K, double G2, double LogRatio,
    IReadOnlyList<FormChange> Forms, IReadOnlyList<FormChange> Near);

/// <summary>A phrase not in the dictionary that is significantly more frequent in B than in A.</summary>
/// <param name="Lang">"zh" (Han n-gram, rates per 10,000 Han) or "en" (word n-gram, rates per 10,000 words).</param>
public sealed record PhraseCandidate(string Phrase, string Lang, long A, long B, double APer10K, double BPer10K, double G2, double LogRatio);

/// <summary>One side of a diff: its documents and bases.</summary>
public sealed record DiffSide(IReadOnlyList<TrackedDocument> Documents, long Han, long Words);

/// <summary>What changed between two documents or sets of documents.</summary>
public sealed record FormulationDiff(DiffSide A, DiffSide B, IReadOnlyList<FormulationChange> Appeared, IReadOnlyList<FormulationChange> Disappeared,
    IReadOnlyList<FormulationChange> Rose, IReadOnlyList<FormulationChange> Fell, IReadOnlyList<FormulationChange> Unchanged,
    IReadOnlyList<PhraseCandidate> Candidates);

/// <summary>Options of <see cref="FormulationTracker.Diff"/>.</summary>
public sealed record FormulationDiffOptions
{
    /// <summary>A candidate phrase must occur at least this often in B.</summary>
    public int MinFrequency { get; init; } = 3;

    /// <summary>Most candidates returned (0: all).</summary>
    public int Top { get; init; } = 30;
}

/// <summary>A formulation's count in one document or group of documents.</summary>
/// <param name="Key">The document id, year ("(undated)"), or source ("(none)").</param>
/// <param name="Doc">Document id (per-document rows only).</param>
/// <param name="Path">Document path (per-document rows only).</param>
/// <param name="Date">The document's date; for a year, the year; for a source, its earliest date.</param>
/// <param name="Count">Chinese plus English occurrences of the full forms.</param>
/// <param name="Per10K">Chinese per 10,000 Han characters plus English per 10,000 words.</param>
/// <param name="Near">Each near form's occurrences outside the full forms.</param>
public sealed record TimelineRow(string Key, string? Doc, string? Path, string? Date, long Count, long Zh, long En, double Per10K,
    int Documents, long Han, long Words, IReadOnlyList<FormCount> Near);

/// <summary>Rates the tracker reports.</summary>
public static class TrackerRates
{
    /// <summary>Chinese count per 10,000 Han characters plus English count per 10,000 words, rounded to 4 places.</summary>
    public static double Per10K(long zh, long en, long han, long words) =>
        Math.Round(TermCounter.Per10K(zh, true, words, han) + TermCounter.Per10K(en, false, words, han), 4);
}
