using Vigil.Core.Detection;

namespace Vigil.Core.Backtesting;

/// <summary>A detector to backtest: a registry name (or <c>auto</c>) and its <c>NAME=VALUE</c> parameters.</summary>
public sealed record DetectorSpec(string Name, IReadOnlyDictionary<string, string> Parameters)
{
    public static DetectorSpec Of(string name) => new(name, new Dictionary<string, string>());
}

/// <summary>How a backtest runs.</summary>
public sealed record BacktestOptions
{
    /// <summary>Series processed at once (default: the processor count). Results do not depend on it.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// True (a corpus, as NAB does): the threshold on the detectors' scores is optimised over all series together, per
    /// profile. Either way the score at each detector's own threshold is reported too.
    /// </summary>
    public bool OptimizeThreshold { get; init; } = true;
}

/// <summary>One detector on one series: its scores and flags, and what <c>auto</c> chose there.</summary>
public sealed record SeriesRun(string Series, double[] Scores, bool[] Flags, AutoChoice? Choice);

/// <summary>One series' results for one detector.</summary>
/// <param name="Optimized">The standard-profile score at the corpus-optimised threshold (null without optimisation).</param>
/// <param name="OptimizedMetrics">Window metrics at that threshold (null without optimisation).</param>
/// <param name="Own">The standard-profile score of the detector's own flags.</param>
public sealed record SeriesBacktest(string Series, NabFileScore? Optimized, WindowMetrics? OptimizedMetrics, NabFileScore Own, WindowMetrics OwnMetrics, AutoChoice? Choice);

/// <summary>A detector's results over a corpus (or one series).</summary>
/// <param name="Optima">Per NAB profile, the best threshold and its normalised score (empty without optimisation).</param>
/// <param name="Metrics">Window metrics at the standard profile's optimised threshold (null without optimisation).</param>
/// <param name="Own">Standard-profile score of the detector's own flags, summed over the series.</param>
public sealed record DetectorBacktest(
    string Detector,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    IReadOnlyList<NabOptimum> Optima,
    WindowMetrics? Metrics,
    NabOptimum Own,
    WindowMetrics OwnMetrics,
    IReadOnlyList<SeriesBacktest> Series)
{
    /// <summary>The standard profile's optimum, if optimised.</summary>
    public NabOptimum? Standard => Optima.FirstOrDefault(o => o.Profile == NabProfile.Standard);
}

/// <summary>Progress of a backtest: detector × series runs done out of the total.</summary>
public readonly record struct BacktestProgress(int Done, int Total, string Detector, string Series);

/// <summary>The whole backtest: one entry per detector, and windows that could not be scored.</summary>
public sealed record BacktestReport(IReadOnlyList<DetectorBacktest> Detectors, IReadOnlyList<string> Problems, int SeriesCount, int Points, int Windows);

/// <summary>
/// Runs detectors over labelled series and scores them (NAB score, window metrics). Any series can be backtested — a
/// benchmark file, an imported CSV, an indicator — as a <see cref="BacktestSeries"/>. Each detector sees each series
/// from its first point, knowing only its length and, for <c>auto</c>, its probation period (never the labels).
/// Series run in parallel; each result lands in its own slot, so the report is the same whatever the parallelism.
/// </summary>
public static class Backtester
{
    /// <summary>Checks that every spec builds; returns the first error, or null.</summary>
    public static string? Validate(IEnumerable<DetectorSpec> detectors)
    {
        foreach (var spec in detectors)
        {
            var creation = DetectorRegistry.Create(spec.Name, spec.Parameters, new DetectorContext { SeriesLength = 100, Sample = [] });
            if (creation.Error is not null)
            {
                return creation.Error;
            }
        }

        return null;
    }

    /// <summary>Runs one detector over one series.</summary>
    public static SeriesRun RunSeries(BacktestSeries series, DetectorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(spec);
        var probation = Probation.Length(series.Points.Count);
        var context = new DetectorContext
        {
            SeriesLength = series.Points.Count,
            Sample = series.Points.Take(probation).ToList(),
        };
        var creation = DetectorRegistry.Create(spec.Name, spec.Parameters, context);
        if (creation.Detector is null)
        {
            throw new ArgumentException(creation.Error, nameof(spec));
        }

        var scores = new double[series.Points.Count];
        var flags = new bool[series.Points.Count];
        var detector = creation.Detector;
        for (var i = 0; i < scores.Length; i++)
        {
            var result = detector.Observe(series.Points[i].Timestamp, series.Points[i].Value);
            scores[i] = result.Score;
            flags[i] = result.IsAnomaly;
        }

        return new SeriesRun(series.Name, scores, flags, creation.Choice);
    }

    /// <summary>Runs every detector over every series and scores them.</summary>
    public static BacktestReport Run(
        IReadOnlyList<BacktestSeries> series,
        IReadOnlyList<DetectorSpec> detectors,
        BacktestOptions? options = null,
        IProgress<BacktestProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(detectors);
        options ??= new BacktestOptions();
        var error = Validate(detectors);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(detectors));
        }

        var files = series.Select(s => new NabFile(s)).ToArray();
        var runs = new SeriesRun[detectors.Count, series.Count];
        var total = detectors.Count * series.Count;
        var done = 0;
        Parallel.For(0, total, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken }, item =>
        {
            var (d, s) = (item / series.Count, item % series.Count);
            runs[d, s] = RunSeries(series[s], detectors[d]);
            var now = Interlocked.Increment(ref done);
            progress?.Report(new BacktestProgress(now, total, detectors[d].Name, series[s].Name));
        });

        var results = new List<DetectorBacktest>();
        for (var d = 0; d < detectors.Count; d++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(Score(detectors[d], files, Enumerable.Range(0, series.Count).Select(s => runs[d, s]).ToArray(), options));
        }

        return new BacktestReport(results, files.SelectMany(f => f.Dropped).ToList(), series.Count, series.Sum(s => s.Points.Count), files.Sum(f => f.Windows.Count));
    }

    private static DetectorBacktest Score(DetectorSpec spec, NabFile[] files, SeriesRun[] runs, BacktestOptions options)
    {
        var profile = NabProfile.Standard;
        var optima = options.OptimizeThreshold
            ? NabProfile.All.Select(p => NabThresholdOptimizer.Optimize(files.Select((f, i) => new ScoredFile(f, runs[i].Scores)).ToList(), p)).ToList()
            : [];
        var standard = optima.FirstOrDefault();
        var perSeries = new List<SeriesBacktest>();
        var metrics = WindowMetrics.Empty;
        var ownMetrics = WindowMetrics.Empty;
        double ownRaw = 0, ownNull = 0, ownPerfect = 0;
        for (var i = 0; i < files.Length; i++)
        {
            NabFileScore? optimized = null;
            WindowMetrics? optimizedMetrics = null;
            if (standard is not null)
            {
                var threshold = standard.Threshold;
                var detected = runs[i].Scores.Select(s => s >= threshold).ToArray();
                optimized = files[i].Score(detected, profile);
                optimizedMetrics = WindowMetrics.Of(files[i], detected);
                metrics += optimizedMetrics;
            }

            var own = files[i].Score(runs[i].Flags, profile);
            var ownWindowMetrics = WindowMetrics.Of(files[i], runs[i].Flags);
            ownMetrics += ownWindowMetrics;
            ownRaw += own.Raw;
            ownNull += own.Null;
            ownPerfect += own.Perfect;
            perSeries.Add(new SeriesBacktest(files[i].Series.Name, optimized, optimizedMetrics, own, ownWindowMetrics, runs[i].Choice));
        }

        var parameters = spec.Name == AutoSelector.Name ? [] : DetectorRegistry.Create(spec.Name, spec.Parameters, new DetectorContext()).Parameters;
        return new DetectorBacktest(
            spec.Name, parameters, optima, standard is null ? null : metrics,
            new NabOptimum(profile, 0.5, ownRaw, ownNull, ownPerfect), ownMetrics, perSeries);
    }
}
