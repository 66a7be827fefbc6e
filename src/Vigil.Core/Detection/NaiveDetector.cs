namespace Vigil.Core.Detection;

/// <summary>Parameters of <see cref="NaiveDetector"/>.</summary>
public sealed record NaiveOptions
{
    /// <summary>Points that fix the mean and σ (default 150; the registry uses the series' probation period when it knows the length).</summary>
    public int Warmup { get; init; } = 150;

    /// <summary>Flag beyond mean ± K·σ (default 3).</summary>
    public double K { get; init; } = 3;
}

/// <summary>
/// The naive baseline: mean and standard deviation of the first <see cref="NaiveOptions.Warmup"/> points, then a fixed
/// band mean ± K·σ for the rest of the series; nothing is ever re-learnt. It is here to be beaten: every other detector
/// should do better in a backtest.
/// </summary>
public sealed class NaiveDetector : IDetector
{
    public const string DetectorName = "naive";
    private readonly NaiveOptions _options;
    private readonly List<double> _learning = [];
    private double _mean;
    private double _sigma;
    private bool _learned;
    private readonly Resolution _resolution = new();

    public NaiveDetector(NaiveOptions? options = null)
    {
        _options = options ?? new NaiveOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Warmup, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.K);
    }

    public string Name => DetectorName;

    /// <summary>Points that fix the mean and σ.</summary>
    public int Warmup => _options.Warmup;

    public DetectorResult Observe(DateTimeOffset timestamp, double value)
    {
        if (!double.IsFinite(value))
        {
            return DetectorResult.NotReady(Name, timestamp, value, _learning.Count, "not a finite number; ignored");
        }

        if (!_learned)
        {
            var basis = _learning.Count;
            _learning.Add(value);
            _resolution.Add(value);
            if (_learning.Count == _options.Warmup)
            {
                _mean = _learning.Average();
                var mean = _mean;
                _sigma = Math.Sqrt(_learning.Sum(x => (x - mean) * (x - mean)) / (_learning.Count - 1));
                _learned = true;
            }

            return DetectorResult.NotReady(Name, timestamp, value, basis, $"learning mean and σ: {basis} of {_options.Warmup} points");
        }

        var sigma = _resolution.Floor(_sigma);
        var z = RobustScale.Z(value, _mean, sigma);
        _resolution.Add(value);
        var anomaly = Math.Abs(z) >= _options.K;
        return new DetectorResult
        {
            Timestamp = timestamp,
            Value = value,
            Score = DetectorResult.ScoreOf(Math.Abs(z), _options.K),
            IsAnomaly = anomaly,
            Ready = true,
            Baseline = _mean,
            Spread = sigma,
            Statistic = z,
            Threshold = _options.K,
            Sense = StatisticSense.AtLeast,
            Basis = _options.Warmup,
            Detector = Name,
            Method = "mean of the warm-up",
            StatisticName = "z",
            Note = anomaly && _sigma == 0 ? "the warm-up values were all equal" : null,
        };
    }
}
