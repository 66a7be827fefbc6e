using Vigil.Core.Detection;

namespace Vigil.Core.Backtesting;

/// <summary>A labelled window located in a series: its first and last point, inclusive.</summary>
/// <param name="ReferenceIndex">The first point at or after the window's <see cref="LabeledWindow.Reference"/>.</param>
public sealed record WindowSpan(LabeledWindow Window, int First, int Last, int ReferenceIndex)
{
    /// <summary>Points in the window.</summary>
    public int Width => Last - First + 1;
}

/// <summary>
/// A series prepared for scoring: its probation period and its windows as point ranges. Windows that hold no point
/// or end inside the probation period cannot be scored and are listed in <see cref="Dropped"/>.
/// </summary>
public sealed class NabFile
{
    private readonly int[] _windowOf;
    private readonly int[] _previousWindow;

    public NabFile(BacktestSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        Series = series;
        var points = series.Points;
        Probation = Detection.Probation.Length(points.Count);
        _windowOf = new int[points.Count];
        Array.Fill(_windowOf, -1);
        var spans = new List<WindowSpan>();
        var dropped = new List<string>();
        foreach (var window in series.Windows.OrderBy(w => w.Start).ThenBy(w => w.End))
        {
            var first = FirstAtOrAfter(points, window.Start);
            var last = LastAtOrBefore(points, window.End);
            if (window.End < window.Start || first > last)
            {
                dropped.Add($"{series.Name}: window {TimeSeriesCsv.Format(window.Start)} – {TimeSeriesCsv.Format(window.End)} holds no point of the series");
                continue;
            }

            if (last < Probation)
            {
                dropped.Add($"{series.Name}: window {TimeSeriesCsv.Format(window.Start)} – {TimeSeriesCsv.Format(window.End)} ends inside the probation period (first {Probation} points)");
                continue;
            }

            if (spans.Count > 0 && first <= spans[^1].Last)
            {
                dropped.Add($"{series.Name}: window {TimeSeriesCsv.Format(window.Start)} – {TimeSeriesCsv.Format(window.End)} overlaps the previous window; merge them in the labels");
                continue;
            }

            var reference = Math.Clamp(FirstAtOrAfter(points, window.Reference), first, last);
            spans.Add(new WindowSpan(window, first, last, reference));
            for (var i = first; i <= last; i++)
            {
                _windowOf[i] = spans.Count - 1;
            }
        }

        Windows = spans;
        Dropped = dropped;
        _previousWindow = new int[points.Count];
        var previous = -1;
        for (var i = 0; i < points.Count; i++)
        {
            if (_windowOf[i] >= 0)
            {
                previous = _windowOf[i];
            }

            _previousWindow[i] = previous;
        }
    }

    public BacktestSeries Series { get; }

    public int Length => Series.Points.Count;

    /// <summary>Points at the start whose detections are ignored: min(⌊0.15·n⌋, 750).</summary>
    public int Probation { get; }

    public IReadOnlyList<WindowSpan> Windows { get; }

    /// <summary>Windows that could not be scored, with the reason.</summary>
    public IReadOnlyList<string> Dropped { get; }

    /// <summary>Points after the probation period.</summary>
    public int ScoredPoints => Math.Max(0, Length - Probation);

    /// <summary>The window holding point <paramref name="index"/>, or −1.</summary>
    public int WindowOf(int index) => _windowOf[index];

    /// <summary>
    /// NAB's scaled sigmoid σ(y) = 2/(1 + e^{5y}) − 1: about +0.987 at y = −1 (the start of a window), 0 at its end,
    /// falling towards −1 after it.
    /// </summary>
    public static double ScaledSigmoid(double y) => (2 / (1 + Math.Exp(5 * y))) - 1;

    /// <summary>
    /// Relative position of point <paramref name="index"/>: inside a window of W points ending at e,
    /// y = −(e − i + 1)/W (−1 at the first point, −1/W at the last); after a window, y = (i − e)/W of the preceding
    /// window (1/W at the first point after it); NaN before the first window.
    /// </summary>
    public double Position(int index)
    {
        var inside = _windowOf[index];
        if (inside >= 0)
        {
            var w = Windows[inside];
            return -(double)(w.Last - index + 1) / w.Width;
        }

        var previous = _previousWindow[index];
        if (previous < 0)
        {
            return double.NaN;
        }

        var p = Windows[previous];
        return (double)(index - p.Last) / p.Width;
    }

    /// <summary>What a detection at <paramref name="index"/> adds to the raw score if it is the first in its window: A_TP·σ(y).</summary>
    public double TruePositiveScore(int index, NabProfile profile) => profile.TruePositive * ScaledSigmoid(Position(index));

    /// <summary>
    /// What a detection outside every window adds: A_FP·σ(y) relative to the preceding window (between −A_FP and 0;
    /// close to 0 just after a window), or −A_FP when no window precedes it.
    /// </summary>
    public double FalsePositiveScore(int index, NabProfile profile)
    {
        var y = Position(index);
        return double.IsNaN(y) ? -profile.FalsePositive : profile.FalsePositive * ScaledSigmoid(y);
    }

    /// <summary>The score of a detector that detects nothing: −A_FN per window.</summary>
    public double NullScore(NabProfile profile) => -profile.FalseNegative * Windows.Count;

    /// <summary>
    /// The score of a perfect detector: one detection at the first scorable point of each window (its first point, or the
    /// first point after probation) and nothing else.
    /// </summary>
    public double PerfectScore(NabProfile profile) => Windows.Sum(w => TruePositiveScore(Math.Max(w.First, Probation), profile));

    /// <summary>
    /// The raw NAB score of a set of detections (<paramref name="detected"/>[i] true = point i flagged): for each window,
    /// A_TP·σ(y) of its earliest detection, or −A_FN when it has none; for each detection outside the windows its
    /// <see cref="FalsePositiveScore"/>; later detections inside a window and detections in probation count for nothing.
    /// </summary>
    public NabFileScore Score(ReadOnlySpan<bool> detected, NabProfile profile)
    {
        if (detected.Length != Length)
        {
            throw new ArgumentException($"{detected.Length} detections for {Length} points.", nameof(detected));
        }

        var raw = 0.0;
        var falsePositives = 0;
        var earliest = new int[Windows.Count];
        Array.Fill(earliest, -1);
        for (var i = Probation; i < Length; i++)
        {
            if (!detected[i])
            {
                continue;
            }

            var window = _windowOf[i];
            if (window < 0)
            {
                raw += FalsePositiveScore(i, profile);
                falsePositives++;
            }
            else if (earliest[window] < 0)
            {
                earliest[window] = i;
            }
        }

        var truePositives = 0;
        foreach (var (index, _) in earliest.Select((e, w) => (e, w)))
        {
            if (index >= 0)
            {
                raw += TruePositiveScore(index, profile);
                truePositives++;
            }
            else
            {
                raw -= profile.FalseNegative;
            }
        }

        return new NabFileScore(Series.Name, raw, NullScore(profile), PerfectScore(profile), truePositives, Windows.Count - truePositives, falsePositives);
    }

    // Linear scans rather than binary searches: a replayed benchmark file may step back in time (NAB has one), and a
    // window must still be the points from the first at or after its start to the last at or before its end.
    private static int FirstAtOrAfter(IReadOnlyList<SeriesPoint> points, DateTimeOffset time)
    {
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Timestamp >= time)
            {
                return i;
            }
        }

        return points.Count;
    }

    private static int LastAtOrBefore(IReadOnlyList<SeriesPoint> points, DateTimeOffset time)
    {
        for (var i = points.Count - 1; i >= 0; i--)
        {
            if (points[i].Timestamp <= time)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>The NAB raw score of one series, with the null and perfect scores it is normalised between.</summary>
/// <param name="TruePositives">Windows with a detection.</param>
/// <param name="FalseNegatives">Windows without one.</param>
/// <param name="FalsePositives">Detections outside every window (after probation).</param>
public sealed record NabFileScore(string Name, double Raw, double Null, double Perfect, int TruePositives, int FalseNegatives, int FalsePositives)
{
    /// <summary>100·(S − S_null)/(S_perfect − S_null) over one file; NaN when it has no window (null = perfect).</summary>
    public double Normalized => NabScore.Normalize(Raw, Null, Perfect);
}

/// <summary>NAB's normalisation.</summary>
public static class NabScore
{
    /// <summary>100·(S − S_null)/(S_perfect − S_null): 0 for detecting nothing, 100 for perfect; NaN when undefined.</summary>
    public static double Normalize(double raw, double nullScore, double perfect) =>
        perfect > nullScore ? 100 * (raw - nullScore) / (perfect - nullScore) : double.NaN;
}
