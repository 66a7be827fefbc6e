namespace Vigil.Core.Detection;

/// <summary>Parameters of <see cref="EnsembleDetector"/>.</summary>
public sealed record EnsembleOptions
{
    /// <summary>Previous points in the rolling baselines of the spike and step components (default 100).</summary>
    public int Window { get; init; } = 100;

    /// <summary>Earlier cycles in the seasonal component's same-phase baseline (default 8).</summary>
    public int Cycles { get; init; } = 8;

    /// <summary>Shortest memory each component is compared with, in points (default 500).</summary>
    public int Memory { get; init; } = 500;

    /// <summary>The memory grows to this share of the points seen so far when that is longer (default 0.5).</summary>
    public double MemoryShare { get; init; } = 0.5;

    /// <summary>Scored points a component needs in memory before it takes part (default 50).</summary>
    public int MinMemory { get; init; } = 50;

    /// <summary>
    /// Flag when a component's deviation is at least this many times its largest in memory (default 1.1: 10% beyond
    /// anything in memory; at 1, a pattern that merely repeats its largest deviation would be flagged every time).
    /// </summary>
    public double Threshold { get; init; } = 1.1;
}

/// <summary>
/// Ensemble with per-series calibration. Three robust deviations are computed for each point:
/// <list type="bullet">
/// <item><b>spike</b> — |x − median| / (1.4826·MAD) over the previous <see cref="EnsembleOptions.Window"/> points;</item>
/// <item><b>step</b> — the same for the change from the previous point, Δx, against the previous window of changes;</item>
/// <item><b>seasonal</b> — |z| of <see cref="SeasonalDetector"/> (same phase of earlier cycles; period from the time
/// step; absent when no cycle is known).</item>
/// </list>
/// Each deviation is divided by the largest deviation of the same kind in the component's memory: the last
/// max(<see cref="EnsembleOptions.Memory"/>, <see cref="EnsembleOptions.MemoryShare"/> × points seen) points. The
/// ratio u says "how many times the biggest recent surprise of this kind"; the point's u is the largest over the
/// components; it is flagged when u reaches <see cref="EnsembleOptions.Threshold"/> (1.1 by default), and its score is
/// v/(1 + v) with v = u / threshold, like every detector's. Dividing by the series' own recent maximum is what makes one threshold fit
/// series with very different noise — a noisy series needs a bigger jump than a quiet one — and the memory that grows
/// with the series keeps long, bursty series from flagging every burst. The maximum is kept in a monotonic queue, so
/// each point costs O(window) for the medians and O(1) amortised for the memory.
/// </summary>
public sealed class EnsembleDetector : IDetector
{
    public const string DetectorName = "ensemble";

    /// <summary>Stand-in for an infinite deviation (a change after a perfectly constant baseline) in memory.</summary>
    private const double InfiniteDeviation = 1e6;

    private static readonly string[] ComponentNames = ["spike", "step", "seasonal"];
    private readonly EnsembleOptions _options;
    private readonly RollingWindow _values;
    private readonly RollingWindow _changes;
    private readonly SeasonalDetector _seasonal;
    private readonly MaxMemory[] _memories;
    private readonly Resolution _resolution = new();
    private double _previous = double.NaN;
    private long _seen;

    public EnsembleDetector(EnsembleOptions? options = null)
    {
        _options = options ?? new EnsembleOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Window, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Cycles, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Memory, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MinMemory, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.Threshold);
        if (!(_options.MemoryShare >= 0 && _options.MemoryShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "memory share must be in [0, 1].");
        }

        _values = new RollingWindow(_options.Window);
        _changes = new RollingWindow(_options.Window);
        _seasonal = new SeasonalDetector(new SeasonalOptions { Cycles = _options.Cycles, MinCycles = 1 });
        _memories = [new MaxMemory(), new MaxMemory(), new MaxMemory()];
    }

    public string Name => DetectorName;

    public DetectorResult Observe(DateTimeOffset timestamp, double value)
    {
        if (!double.IsFinite(value))
        {
            return DetectorResult.NotReady(Name, timestamp, value, 0, "not a finite number; ignored");
        }

        // The three deviations (NaN while a component is still learning).
        var deviation = new double[3];
        var baselines = new double[3];
        var spreads = new double[3];
        var bases = new int[3];
        Array.Fill(deviation, double.NaN);
        var minimum = Math.Min(20, _options.Window);
        if (_values.Count >= minimum)
        {
            baselines[0] = _values.Median();
            spreads[0] = _resolution.Floor(RobustScale.Spread(_values, baselines[0], out _));
            bases[0] = _values.Count;
            deviation[0] = Math.Abs(RobustScale.Z(value, baselines[0], spreads[0]));
        }

        if (!double.IsNaN(_previous) && _changes.Count >= minimum)
        {
            var median = _changes.Median();
            baselines[1] = _previous + median;
            spreads[1] = _resolution.Floor(RobustScale.Spread(_changes, median, out _));
            bases[1] = _changes.Count;
            deviation[1] = Math.Abs(RobustScale.Z(value - _previous, median, spreads[1]));
        }

        var seasonal = _seasonal.Observe(timestamp, value);
        if (seasonal.Ready)
        {
            baselines[2] = seasonal.Baseline;
            spreads[2] = seasonal.Spread;
            bases[2] = seasonal.Basis;
            deviation[2] = Math.Abs(seasonal.Statistic);
        }

        // Each deviation against the largest of its kind in memory.
        var memoryLength = Math.Max(_options.Memory, (long)(_options.MemoryShare * _seen));
        var best = -1;
        var bestRatio = 0.0;
        var bestMemoryMax = 0.0;
        for (var c = 0; c < 3; c++)
        {
            var memory = _memories[c];
            memory.Forget(_seen - memoryLength);
            if (double.IsNaN(deviation[c]))
            {
                continue;
            }

            // A departure from a perfectly constant baseline (z = ∞) counts as a very large finite deviation, so a second
            // one within memory is "as big as the biggest", not infinitely bigger.
            deviation[c] = Math.Min(deviation[c], InfiniteDeviation);
            if (memory.Scored >= _options.MinMemory)
            {
                var max = memory.Max;
                var ratio = deviation[c] == 0 ? 0 : max <= 0 ? double.PositiveInfinity : deviation[c] / max;
                if (best < 0 || ratio > bestRatio)
                {
                    best = c;
                    bestRatio = ratio;
                    bestMemoryMax = max;
                }
            }

            memory.Add(_seen, deviation[c]);
        }

        _values.Add(value);
        _resolution.Add(value);
        if (!double.IsNaN(_previous))
        {
            _changes.Add(value - _previous);
        }

        _previous = value;
        _seen++;
        if (best < 0)
        {
            return DetectorResult.NotReady(Name, timestamp, value, (int)Math.Min(_seen - 1, int.MaxValue), $"learning: components need {_options.MinMemory} scored points in memory");
        }

        var anomaly = bestRatio >= _options.Threshold;
        var kind = ComponentNames[best];
        return new DetectorResult
        {
            Timestamp = timestamp,
            Value = value,
            Score = DetectorResult.ScoreOf(bestRatio, _options.Threshold),
            IsAnomaly = anomaly,
            Ready = true,
            Baseline = baselines[best],
            Spread = spreads[best],
            Statistic = bestRatio,
            Threshold = _options.Threshold,
            Sense = StatisticSense.AtLeast,
            Basis = bases[best],
            Detector = Name,
            Method = best switch
            {
                0 => "median of the previous points",
                1 => "previous value plus the median change of the previous points",
                _ => "median at the same phase of earlier cycles",
            },
            StatisticName = $"{kind} deviation in multiples of the largest in memory",
            Note = anomaly
                ? $"{kind} |z| = {DetectorResult.Number(deviation[best])} against a largest {kind} |z| of {DetectorResult.Number(bestMemoryMax)} over the last {Math.Min(memoryLength, _seen - 1)} points"
                : null,
        };
    }

    /// <summary>The maximum of (index, value) pairs over a window that only moves forward: a decreasing queue.</summary>
    private sealed class MaxMemory
    {
        private readonly LinkedList<(long Index, double Value)> _queue = new();
        private long _oldest;
        private long _count;

        /// <summary>Scored points currently in memory.</summary>
        public long Scored => _count - _oldest;

        public double Max => _queue.First!.Value.Value;

        public void Add(long index, double value)
        {
            if (_count == 0)
            {
                _oldest = index;
            }

            while (_queue.Last is { } last && last.Value.Value <= value)
            {
                _queue.RemoveLast();
            }

            _queue.AddLast((index, value));
            _count = index + 1;
        }

        /// <summary>Drops points with an index below <paramref name="start"/>.</summary>
        public void Forget(long start)
        {
            if (start <= _oldest)
            {
                return;
            }

            _oldest = Math.Min(start, _count);
            while (_queue.First is { } first && first.Value.Index < start)
            {
                _queue.RemoveFirst();
            }
        }
    }
}
