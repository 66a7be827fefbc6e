namespace Vigil.Core.Detection;

/// <summary>Parameters of <see cref="LevelShiftDetector"/>.</summary>
public sealed record LevelShiftOptions
{
    /// <summary>Points in the reference window before the recent one (default 30).</summary>
    public int Before { get; init; } = 30;

    /// <summary>Points in the recent window, the current point included (default 5).</summary>
    public int After { get; init; } = 5;

    /// <summary>Flag when |z| of the difference of medians reaches this (default 4).</summary>
    public double Threshold { get; init; } = 4;

    public DetectionSide Side { get; init; } = DetectionSide.Both;
}

/// <summary>
/// Level shift: the median of the last <see cref="LevelShiftOptions.After"/> points (the current one included) against
/// the median of the <see cref="LevelShiftOptions.Before"/> points before them. The difference is read in standard
/// errors: z = (m_after − m_before) / (σ̂ · 1.2533 · √(1/A + 1/B)), where σ̂ = 1.4826 × MAD of the reference window and
/// 1.2533 = √(π/2) is the efficiency factor of a median. A single spike moves the recent median only when it fills
/// more than half the recent window, so this flags sustained changes, not outliers. After a signal the detector stays
/// quiet for A + B points (until both windows lie wholly after the change); the score still shows the size of the
/// shift meanwhile.
/// </summary>
public sealed class LevelShiftDetector : IDetector
{
    public const string DetectorName = "level-shift";
    private readonly LevelShiftOptions _options;
    private readonly RollingWindow _before;
    private readonly RollingWindow _after;
    private int _quiet;
    private readonly Resolution _resolution = new();
    private DateTimeOffset _lastSignal;

    public LevelShiftDetector(LevelShiftOptions? options = null)
    {
        _options = options ?? new LevelShiftOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Before, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.After, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.Threshold);
        _before = new RollingWindow(_options.Before);
        _after = new RollingWindow(_options.After);
    }

    public string Name => DetectorName;

    public DetectorResult Observe(DateTimeOffset timestamp, double value)
    {
        if (!double.IsFinite(value))
        {
            return DetectorResult.NotReady(Name, timestamp, value, _before.Count, "not a finite number; ignored");
        }

        if (_after.IsFull)
        {
            _before.Add(_after.Oldest);
        }

        _after.Add(value);
        _resolution.Add(value);
        if (!_before.IsFull)
        {
            return DetectorResult.NotReady(Name, timestamp, value, _before.Count, $"warming up: {_before.Count + _after.Count} of {_options.Before + _options.After} points");
        }

        var reference = _before.Median();
        var recent = _after.Median();
        var sigma = _resolution.Floor(RobustScale.Spread(_before, reference, out _));
        var standardError = sigma * RobustScale.MeanAbsToSigma * Math.Sqrt((1.0 / _options.After) + (1.0 / _options.Before));
        var z = RobustScale.Z(recent, reference, standardError);
        var magnitude = DetectionSides.Magnitude(z, _options.Side);
        var signal = magnitude >= _options.Threshold;
        var anomaly = signal && _quiet == 0;
        string? note = null;
        if (anomaly)
        {
            note = $"median of the last {_options.After} points is {DetectorResult.Number(recent)}"
                + (sigma == 0 ? $"; all {_options.Before} reference values were equal" : "");
            _quiet = _options.Before + _options.After;
            _lastSignal = timestamp;
        }
        else if (signal)
        {
            note = $"part of the shift reported at {_lastSignal:yyyy-MM-dd HH:mm:ss}";
        }

        if (_quiet > 0 && !anomaly)
        {
            _quiet--;
        }

        return new DetectorResult
        {
            Timestamp = timestamp,
            Value = value,
            Score = DetectorResult.ScoreOf(magnitude, _options.Threshold),
            IsAnomaly = anomaly,
            Ready = true,
            Baseline = reference,
            Spread = sigma,
            Statistic = z,
            Threshold = _options.Threshold,
            Sense = StatisticSense.AtLeast,
            Basis = _before.Count,
            Detector = Name,
            Method = $"median of the {_options.Before} points before the last {_options.After}",
            StatisticName = "shift z",
            Note = note,
        };
    }
}
