using Vigil.Core.Backtesting;
using Vigil.Core.Detection;

namespace Vigil.Core.Tests.Backtesting;

public sealed class BacktesterTests
{
    private static readonly DateTimeOffset T0 = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>200 points of 10 ± 1 (period 4) with a spike of 30 at <paramref name="spike"/>; a window 90–109 when labelled.</summary>
    private static BacktestSeries SpikeSeries(string name, int? spike, bool labelled) => new(
        name,
        Enumerable.Range(0, 200).Select(i => new SeriesPoint(T0.AddHours(i), i == spike ? 30 : 10 + new[] { 0, 1, 0, -1 }[i % 4])).ToList(),
        labelled ? [new LabeledWindow(T0.AddHours(90), T0.AddHours(109))] : []);

    [Fact]
    public void The_naive_baseline_finds_a_spike_in_its_window_and_scores_it_by_hand()
    {
        // Naive learns on the probation, ⌊0.15·200⌋ = 30 points: eight 10s, eight 11s, seven 10s, seven 9s → mean 301/30 =
        // 10.0333, s = √(14.9667/29) = 0.7184; the pattern stays within |z| ≤ 1.44, the spike at 100 (30) has z = 27.8.
        // Window 90–109 (W = 20):
        // y = −(109 − 100 + 1)/20 = −0.5 → A_TP·σ(−0.5) = 0.848284; null −1; perfect σ(−1) = 0.986614.
        // Normalised: 100 × 1.848284/1.986614 = 93.0369. The unlabelled series has no spike and no flag.
        var report = Backtester.Run([SpikeSeries("a.csv", 100, true), SpikeSeries("b.csv", null, false)], [DetectorSpec.Of("naive")], new BacktestOptions { Parallelism = 2 }, cancellationToken: TestContext.Current.CancellationToken);

        var naive = Assert.Single(report.Detectors);
        Assert.Equal(100 * (0.8482836399575131 + 1) / (0.9866142981514305 + 1), naive.Own.Normalized, 9);
        Assert.Equal(naive.Own.Normalized, naive.Standard!.Normalized, 9);
        Assert.Equal((1, 1, 0), (naive.OwnMetrics.Windows, naive.OwnMetrics.Detected, naive.OwnMetrics.FalseAlerts));
        Assert.Equal(TimeSpan.FromHours(-0.5), naive.OwnMetrics.MeanLeadTime);
        Assert.Equal((2, 400, 1), (report.SeriesCount, report.Points, report.Windows));
    }

    [Fact]
    public void Results_do_not_depend_on_parallelism()
    {
        var series = Enumerable.Range(0, 6).Select(i => SpikeSeries($"s{i}.csv", 60 + (20 * i), i % 2 == 0)).ToList();
        var specs = DetectorRegistry.Names.Select(DetectorSpec.Of).ToList();
        var one = Backtester.Run(series, specs, new BacktestOptions { Parallelism = 1 }, cancellationToken: TestContext.Current.CancellationToken);
        var two = Backtester.Run(series, specs, new BacktestOptions { Parallelism = 2 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(one.Detectors.Select(d => (d.Standard!.Raw, d.Standard.Threshold, d.Own.Raw)), two.Detectors.Select(d => (d.Standard!.Raw, d.Standard.Threshold, d.Own.Raw)));
    }

    [Fact]
    public void An_invalid_detector_is_refused_before_anything_runs()
    {
        var error = Assert.Throws<ArgumentException>(() => Backtester.Run([SpikeSeries("a.csv", 100, true)], [new DetectorSpec("ewma", new Dictionary<string, string> { ["lambda"] = "2" })], cancellationToken: TestContext.Current.CancellationToken));
        Assert.StartsWith("ewma lambda: 2 is out of range", error.Message);
    }

    [Fact]
    public void A_NAB_style_directory_loads_with_problems_named_and_the_rest_kept()
    {
        var root = Path.Combine(Path.GetTempPath(), "vigil-nab-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "data", "x"));
            Directory.CreateDirectory(Path.Combine(root, "labels"));
            File.WriteAllText(Path.Combine(root, "data", "x", "a.csv"), "timestamp,value\n2015-01-01 00:00:00,1\n2015-01-01 01:00:00,oops\n2015-01-01 02:00:00,3\n");
            File.WriteAllText(Path.Combine(root, "labels", "combined_windows.json"), """
                {"x/a.csv": [["2015-01-01 01:00:00.000000", "2015-01-01 02:00:00.000000"]], "x/missing.csv": [], "../escape.csv": []}
                """);

            var corpus = NabCorpus.Load(root, out var error);

            Assert.Null(error);
            var series = Assert.Single(corpus!.Series);
            Assert.Equal("x/a.csv", series.Name);
            Assert.Equal([1.0, 3.0], series.Points.Select(p => p.Value));
            Assert.Single(series.Windows);
            Assert.Equal(3, corpus.Problems.Count);
            Assert.Contains(corpus.Problems, p => p.StartsWith("x/a.csv: row 3: value 'oops'", StringComparison.Ordinal));
            Assert.Contains(corpus.Problems, p => p.Contains("x/missing.csv does not exist", StringComparison.Ordinal));
            Assert.Contains(corpus.Problems, p => p.Contains("'../escape.csv' is not a path inside data/", StringComparison.Ordinal));
            Assert.Null(NabCorpus.Load(Path.Combine(root, "nope"), out var missing));
            Assert.Contains("no such directory", missing);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void On_the_real_NAB_corpus_the_ensemble_reaches_50_and_beats_the_naive_baseline()
    {
        var directory = SharedCorpus.Require("nab/labels/combined_windows.json");
        var corpus = NabCorpus.Load(Path.GetDirectoryName(Path.GetDirectoryName(directory))!, out var error);
        Assert.Null(error);
        Assert.Equal(58, corpus!.Series.Count);
        Assert.Empty(corpus.Problems);

        var report = Backtester.Run(corpus.Series, [DetectorSpec.Of("ensemble"), DetectorSpec.Of("naive")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(116, report.Windows);
        var ensemble = report.Detectors[0].Standard!.Normalized;
        var naive = report.Detectors[1].Standard!.Normalized;
        Assert.True(ensemble >= 50, $"ensemble scored {ensemble:0.0} on NAB (standard profile)");
        Assert.True(naive < ensemble, $"naive {naive:0.0} vs ensemble {ensemble:0.0}");
    }
}
