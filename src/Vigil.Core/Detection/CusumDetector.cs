namespace Vigil.Core.Detection;

/// <summary>Parameters of <see cref="CusumDetector"/>.</summary>
public sealed record CusumOptions
{
    /// <summary>Allowance k in σ units: half the shift to detect fastest (default 0.5, for a 1σ shift).</summary>
    public double K { get; init; } = 0.5;

    /// <summary>Decision interval h in σ units (default 5).</summary>
    public double H { get; init; } = 5;

    /// <summary>Points that estimate the in-control mean and σ, at the start and after each signal (default 50).</summary>
    public int Window { get; init; } = 50;

    public DetectionSide Side { get; init; } = DetectionSide.Both;

    public AfterSignal AfterSignal { get; init; } = AfterSignal.Relearn;
}

/// <summary>
/// Two-sided tabular CUSUM (Page 1954; Montgomery §9.1) on standardised values zₜ = (xₜ − μ₀)/σ:
/// S⁺ₜ = max(0, S⁺ₜ₋₁ + zₜ − k), S⁻ₜ = max(0, S⁻ₜ₋₁ − zₜ − k), signal when S⁺ ≥ h or S⁻ ≥ h. μ₀ and σ are the mean
/// and standard deviation of the first <see cref="CusumOptions.Window"/> points. After a signal both sums return to
/// 0 and, by default, μ₀ and σ are estimated again from the next window of points, so a lasting shift is reported
/// once. The statistic is the larger sum, signed (+ for S⁺, − for S⁻).
/// </summary>
public sealed class CusumDetector : IDetector
{
    public const string DetectorName = "cusum";
    private readonly CusumOptions _options;
    private readonly List<double> _learning = [];
    private double _mean;
    private double _sigma;
    private double _upper;
    private double _lower;
    private bool _learned;
    private readonly Resolution _resolution = new();

    public CusumDetector(CusumOptions? options = null)
    {
        _options = options ?? new CusumOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.K);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.H);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Window, 2);
    }

    public string Name => DetectorName;

    public DetectorResult Observe(DateTimeOffset timestamp, double value)
    {
        if (!double.IsFinite(value))
        {
            return DetectorResult.NotReady(Name, timestamp, value, _learning.Count, "not a finite number; ignored");
        }

        // The resolution is updated after scoring, so a point is never measured against a step it makes itself.
        if (!_learned)
        {
            _resolution.Add(value);
            var basis = _learning.Count;
            _learning.Add(value);
            if (_learning.Count == _options.Window)
            {
                _mean = _learning.Average();
                var mean = _mean;
                _sigma = Math.Sqrt(_learning.Sum(x => (x - mean) * (x - mean)) / (_learning.Count - 1));
                _upper = _lower = 0;
                _learned = true;
            }

            return DetectorResult.NotReady(Name, timestamp, value, basis, $"estimating the in-control mean and σ: {basis} of {_options.Window} points");
        }

        var sigma = _resolution.Floor(_sigma);
        var z = RobustScale.Z(value, _mean, sigma);
        _upper = Math.Max(0, _upper + z - _options.K);
        _lower = Math.Max(0, _lower - z - _options.K);
        var up = _options.Side == DetectionSide.Down ? 0 : _upper;
        var down = _options.Side == DetectionSide.Up ? 0 : _lower;
        var statistic = up >= down ? up : -down;
        var magnitude = Math.Max(up, down);
        var anomaly = magnitude >= _options.H;
        string? note = null;
        if (anomaly)
        {
            note = (statistic > 0 ? "an upward shift" : "a downward shift") + $" (S⁺ = {DetectorResult.Number(_upper)}, S⁻ = {DetectorResult.Number(_lower)}, k = {DetectorResult.Number(_options.K)})"
                + (_sigma == 0 ? "; the baseline values were all equal" : "")
                + (_options.AfterSignal == AfterSignal.Relearn ? $"; sums reset, baseline re-estimated from the next {_options.Window} points" : "; sums reset");
        }

        _resolution.Add(value);
        var result = new DetectorResult
        {
            Timestamp = timestamp,
            Value = value,
            Score = DetectorResult.ScoreOf(magnitude, _options.H),
            IsAnomaly = anomaly,
            Ready = true,
            Baseline = _mean,
            Spread = sigma,
            Statistic = statistic,
            Threshold = _options.H,
            Sense = StatisticSense.AtLeast,
            Basis = _options.Window,
            Detector = Name,
            Method = "mean of the baseline window",
            StatisticName = "CUSUM (σ units)",
            Note = note,
        };

        if (anomaly)
        {
            _upper = _lower = 0;
            if (_options.AfterSignal == AfterSignal.Relearn)
            {
                _learned = false;
                _learning.Clear();
            }
        }

        return result;
    }
}
