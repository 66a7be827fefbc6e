namespace Vigil.Core.Detection;

/// <summary>Parameters of <see cref="RobustZDetector"/>.</summary>
public sealed record RobustZOptions
{
    /// <summary>How many previous points form the baseline (default 100).</summary>
    public int Window { get; init; } = 100;

    /// <summary>Flag when |robust z| reaches this (default 3.5, the usual cut-off for the modified z-score).</summary>
    public double Threshold { get; init; } = 3.5;

    /// <summary>Earlier points needed before scoring (default 20).</summary>
    public int MinPeriods { get; init; } = 20;

    public DetectionSide Side { get; init; } = DetectionSide.Both;
}

/// <summary>
/// Robust z-score against a rolling baseline: z = (x − median) / (1.4826 × MAD) over the previous
/// <see cref="RobustZOptions.Window"/> points (the current point is not in its own baseline). Outliers barely move a
/// median, so one spike does not hide the next. When more than half the baseline is one value (MAD = 0) the spread
/// is 1.2533 × the mean absolute deviation instead; when every baseline value is the same, any other value has
/// z = ±∞ and is flagged.
/// </summary>
public sealed class RobustZDetector : IDetector
{
    public const string DetectorName = "robust-z";
    private readonly RobustZOptions _options;
    private readonly RollingWindow _window;
    private readonly Resolution _resolution = new();

    public RobustZDetector(RobustZOptions? options = null)
    {
        _options = options ?? new RobustZOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Window, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MinPeriods, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MinPeriods, _options.Window);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.Threshold);
        _window = new RollingWindow(_options.Window);
    }

    public string Name => DetectorName;

    public DetectorResult Observe(DateTimeOffset timestamp, double value)
    {
        if (!double.IsFinite(value))
        {
            return DetectorResult.NotReady(Name, timestamp, value, _window.Count, "not a finite number; ignored");
        }

        if (_window.Count < _options.MinPeriods)
        {
            var basis = _window.Count;
            _window.Add(value);
            _resolution.Add(value);
            return DetectorResult.NotReady(Name, timestamp, value, basis, $"warming up: {basis} of {_options.MinPeriods} earlier points");
        }

        var median = _window.Median();
        var robust = RobustScale.Spread(_window, median, out var fallback);
        var spread = _resolution.Floor(robust);
        var z = RobustScale.Z(value, median, spread);
        var magnitude = DetectionSides.Magnitude(z, _options.Side);
        var anomaly = magnitude >= _options.Threshold;
        string? note = null;
        if (anomaly && spread == 0)
        {
            note = $"all {_window.Count} baseline values equal {DetectorResult.Number(median)}";
        }
        else if (anomaly && spread > robust)
        {
            note = $"the spread is the data's rounding floor ({DetectorResult.Number(_resolution.Quantum)}/√12), larger than the baseline's own";
        }
        else if (anomaly && fallback)
        {
            note = "MAD is 0 (over half the baseline is one value), so the spread is 1.2533 × the mean absolute deviation";
        }

        var result = new DetectorResult
        {
            Timestamp = timestamp,
            Value = value,
            Score = DetectorResult.ScoreOf(magnitude, _options.Threshold),
            IsAnomaly = anomaly,
            Ready = true,
            Baseline = median,
            Spread = spread,
            Statistic = z,
            Threshold = _options.Threshold,
            Sense = StatisticSense.AtLeast,
            Basis = _window.Count,
            Detector = Name,
            Method = "median of the previous points",
            StatisticName = "robust z",
            Note = note,
        };
        _window.Add(value);
        _resolution.Add(value);
        return result;
    }
}
