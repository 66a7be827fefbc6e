using Vigil.Core.Backtesting;
using Vigil.Core.Detection;

namespace Vigil.Core.Tests.Backtesting;

/// <summary>
/// The NAB scorer on hand-made windows. One series of 100 points a minute apart, one window over points 40–59
/// (W = 20), probation ⌊0.15·100⌋ = 15 points. σ(y) = 2/(1 + e^{5y}) − 1, computed by hand:
/// σ(−1) = 0.9866142981514305, σ(−0.75) = 0.9540452601799487, σ(−0.5) = 0.8482836399575131,
/// σ(−0.05) = 0.12435300177159614, σ(0.55) = −0.8798266996519848.
/// </summary>
public sealed class NabScorerTests
{
    private static readonly DateTimeOffset T0 = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int i) => T0.AddMinutes(i);

    private static BacktestSeries Series(int length, params (int First, int Last)[] windows) => new(
        "hand.csv",
        Enumerable.Range(0, length).Select(i => new SeriesPoint(At(i), i % 7)).ToList(),
        windows.Select(w => new LabeledWindow(At(w.First), At(w.Last))).ToList());

    private static bool[] Detections(int length, params int[] at)
    {
        var flags = new bool[length];
        foreach (var i in at)
        {
            flags[i] = true;
        }

        return flags;
    }

    private static readonly NabFile File = new(Series(100, (40, 59)));

    [Fact]
    public void The_window_and_probation_are_located_in_points()
    {
        Assert.Equal(15, File.Probation);
        var w = Assert.Single(File.Windows);
        Assert.Equal((40, 59, 20), (w.First, w.Last, w.Width));
        Assert.Equal(-1, File.Position(40));
        Assert.Equal(-0.05, File.Position(59), 12);
        Assert.Equal(0.55, File.Position(70), 12);
        Assert.True(double.IsNaN(File.Position(20)));
    }

    [Theory]
    [InlineData(40, 0.9866142981514305)]   // the first point of the window: y = −1
    [InlineData(50, 0.8482836399575131)]   // the labelled middle: y = −10/20
    [InlineData(59, 0.12435300177159614)]  // the last point: y = −1/20
    public void One_detection_in_the_window_scores_A_TP_times_sigma(int at, double expected)
    {
        var score = File.Score(Detections(100, at), NabProfile.Standard);

        Assert.Equal(expected, score.Raw, 12);
        Assert.Equal((1, 0, 0), (score.TruePositives, score.FalseNegatives, score.FalsePositives));
        Assert.Equal(-1, score.Null);
        Assert.Equal(0.9866142981514305, score.Perfect, 12);
        Assert.Equal(100 * (expected + 1) / (0.9866142981514305 + 1), score.Normalized, 9);
    }

    [Fact]
    public void Only_the_earliest_detection_in_a_window_counts()
    {
        // 45 (y = −15/20 = −0.75) then 50 and 59: σ(−0.75) only.
        var score = File.Score(Detections(100, 45, 50, 59), NabProfile.Standard);

        Assert.Equal(0.9540452601799487, score.Raw, 12);
        Assert.Equal(0, score.FalsePositives);
    }

    [Fact]
    public void A_false_positive_after_a_window_is_weighted_by_its_distance_from_it()
    {
        // 70: y = (70 − 59)/20 = 0.55 → A_FP·σ(0.55) = 0.11 × −0.879827 = −0.096781; plus the missed window: −1.
        var score = File.Score(Detections(100, 70), NabProfile.Standard);

        Assert.Equal(-1 + (0.11 * -0.8798266996519848), score.Raw, 12);
        Assert.Equal((0, 1, 1), (score.TruePositives, score.FalseNegatives, score.FalsePositives));
    }

    [Fact]
    public void A_false_positive_with_no_window_before_it_costs_the_full_A_FP()
    {
        var score = File.Score(Detections(100, 20, 50), NabProfile.Standard);

        Assert.Equal(0.8482836399575131 - 0.11, score.Raw, 12);
    }

    [Fact]
    public void Detections_in_the_probation_period_are_ignored()
    {
        var score = File.Score(Detections(100, 0, 5, 14), NabProfile.Standard);

        Assert.Equal(-1, score.Raw);
        Assert.Equal(0, score.FalsePositives);
        Assert.Equal(0, score.Normalized, 12);
    }

    [Fact]
    public void Profiles_change_the_weights()
    {
        var detections = Detections(100, 20, 50);
        Assert.Equal(0.8482836399575131 - 0.22, File.Score(detections, NabProfile.RewardLowFalsePositives).Raw, 12);
        Assert.Equal(-2 - 0.11, File.Score(Detections(100, 20), NabProfile.RewardLowFalseNegatives).Raw, 12);
    }

    [Fact]
    public void A_series_without_windows_only_loses_points_for_false_positives()
    {
        var clean = new NabFile(Series(100));
        var score = clean.Score(Detections(100, 30, 31), NabProfile.Standard);

        Assert.Equal(-0.22, score.Raw, 12);
        Assert.Equal(0, score.Null);
        Assert.Equal(0, score.Perfect);
        Assert.True(double.IsNaN(score.Normalized));
    }

    [Fact]
    public void Windows_that_cannot_be_scored_are_dropped_with_a_reason()
    {
        var file = new NabFile(Series(100, (2, 10), (200, 210), (40, 59), (50, 70)));

        Assert.Single(file.Windows);
        Assert.Equal(3, file.Dropped.Count);
        Assert.Contains("ends inside the probation period", file.Dropped[0]);
        Assert.Contains("overlaps the previous window", file.Dropped[1]);
        Assert.Contains("holds no point", file.Dropped[2]);
    }

    [Fact]
    public void The_corpus_threshold_is_the_one_that_maximises_the_summed_score()
    {
        // File A (window 40–59): 0.9 at 45, 0.8 at 20, 0.7 at 50. File B (no window): 0.95 at 30.
        // ≥0.95: B30 only → −1 (A missed) − 0.11 = −1.11. ≥0.9: + A45, σ(−0.75) = 0.954045 → −0.11 + 0.954045 = 0.844045.
        // ≥0.8: + A20 (no window before) → 0.734045. ≥0.7: A50 is a later detection in the window → 0.734045. Below 0.7
        // every other point (score 0.1) is a false positive. Best: 0.9, raw 0.844045; normalised
        // 100 × (0.844045 + 1)/(0.986614 + 1) = 92.8235.
        var a = new NabFile(Series(100, (40, 59)));
        var b = new NabFile(Series(100));
        var scoresA = Enumerable.Repeat(0.1, 100).ToArray();
        scoresA[45] = 0.9;
        scoresA[20] = 0.8;
        scoresA[50] = 0.7;
        var scoresB = Enumerable.Repeat(0.1, 100).ToArray();
        scoresB[30] = 0.95;

        var optimum = NabThresholdOptimizer.Optimize([new ScoredFile(a, scoresA), new ScoredFile(b, scoresB)], NabProfile.Standard);

        Assert.Equal(0.9, optimum.Threshold);
        Assert.Equal(0.8440452601799487, optimum.Raw, 12);
        Assert.Equal(-1, optimum.Null);
        Assert.Equal(92.82351697034778, optimum.Normalized, 9);
    }

    [Fact]
    public void The_optimiser_agrees_with_scoring_every_threshold_directly()
    {
        var random = new Random(11);
        var files = new[] { new NabFile(Series(300, (100, 129), (200, 229))), new NabFile(Series(250, (60, 90))), new NabFile(Series(120)) };
        var scored = files.Select(f => new ScoredFile(f, Enumerable.Range(0, f.Length).Select(_ => Math.Round(random.NextDouble(), 2)).ToArray())).ToList();

        var optimum = NabThresholdOptimizer.Optimize(scored, NabProfile.Standard);
        var direct = scored.SelectMany(s => s.Scores).Distinct().Append(double.PositiveInfinity)
            .Select(t => (Threshold: t, Raw: scored.Sum(s => s.File.Score(s.Scores.Select(x => x >= t).ToArray(), NabProfile.Standard).Raw)))
            .ToList();
        var bestRaw = direct.Max(x => x.Raw);
        // Equal totals (a later detection inside a window adds nothing) may differ in the last bit between the two ways
        // of summing; the optimiser keeps the highest of the tied thresholds.
        var bestThreshold = direct.Where(x => x.Raw >= bestRaw - 1e-9).Max(x => x.Threshold);

        Assert.Equal(bestThreshold, optimum.Threshold);
        Assert.Equal(bestRaw, optimum.Raw, 9);
    }

    [Fact]
    public void Doing_nothing_scores_0_and_detecting_each_window_start_scores_100()
    {
        var files = new[] { new NabFile(Series(300, (100, 129), (200, 229))), new NabFile(Series(250, (60, 90))) };
        var none = files.Select(f => new ScoredFile(f, new double[f.Length])).ToList();
        Assert.Equal(0, NabThresholdOptimizer.Optimize(none, NabProfile.Standard).Normalized, 12);

        var perfect = files.Select(f =>
        {
            var s = new double[f.Length];
            foreach (var w in f.Windows)
            {
                s[w.First] = 1;
            }

            return new ScoredFile(f, s);
        }).ToList();
        var optimum = NabThresholdOptimizer.Optimize(perfect, NabProfile.Standard);
        Assert.Equal(100, optimum.Normalized, 9);
        Assert.Equal(1, optimum.Threshold);
    }
}
