namespace Vigil.Core.Tifa;

/// <summary>
/// Counts of every formulation of a tracker in one document or a sum of documents: per full form (after the
/// longest-match rule) and per near form (outside full-form occurrences), with the bases of the rates.
/// </summary>
public sealed class FormulationCounts
{
    private readonly FormulationTracker _tracker;
    private readonly long[] _full;
    private readonly long[] _near;

    internal FormulationCounts(FormulationTracker tracker, long[] full, long[] near, long han, long words, int documents)
    {
        _tracker = tracker;
        _full = full;
        _near = near;
        Han = han;
        Words = words;
        Documents = documents;
    }

    /// <summary>Han characters counted over.</summary>
    public long Han { get; }

    /// <summary>Words counted over.</summary>
    public long Words { get; }

    /// <summary>Documents summed.</summary>
    public int Documents { get; }

    /// <summary>Occurrences of the Chinese forms of formulation <paramref name="f"/>.</summary>
    public long Zh(int f)
    {
        var (start, zh, _) = _tracker.FullRange(f);
        return Sum(_full, start, zh);
    }

    /// <summary>Occurrences of the English forms of formulation <paramref name="f"/>.</summary>
    public long En(int f)
    {
        var (start, zh, en) = _tracker.FullRange(f);
        return Sum(_full, start + zh, en);
    }

    /// <summary>Occurrences of all full forms of formulation <paramref name="f"/>.</summary>
    public long Count(int f) => Zh(f) + En(f);

    /// <summary>Chinese per 10,000 Han characters plus English per 10,000 words.</summary>
    public double Per10K(int f) => TrackerRates.Per10K(Zh(f), En(f), Han, Words);

    /// <summary>Occurrences of full form <paramref name="form"/> (Chinese forms first, then English) of formulation <paramref name="f"/>.</summary>
    public long Form(int f, int form) => _full[_tracker.FullRange(f).Start + form];

    /// <summary>Occurrences of near form <paramref name="near"/> of formulation <paramref name="f"/> outside its full forms.</summary>
    public long Near(int f, int near) => _near[_tracker.NearStart(f) + near];

    /// <summary>The sum of these counts and <paramref name="other"/>'s (same tracker).</summary>
    public FormulationCounts Add(FormulationCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!ReferenceEquals(other._tracker, _tracker))
        {
            throw new ArgumentException("Counts of different trackers cannot be added.", nameof(other));
        }

        var full = (long[])_full.Clone();
        var near = (long[])_near.Clone();
        for (var i = 0; i < full.Length; i++)
        {
            full[i] += other._full[i];
        }

        for (var i = 0; i < near.Length; i++)
        {
            near[i] += other._near[i];
        }

        return new FormulationCounts(_tracker, full, near, Han + other.Han, Words + other.Words, Documents + other.Documents);
    }

    private static long Sum(long[] values, int start, int count)
    {
        long total = 0;
        for (var i = start; i < start + count; i++)
        {
            total += values[i];
        }

        return total;
    }
}
