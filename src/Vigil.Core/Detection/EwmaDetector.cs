namespace Vigil.Core.Detection;

/// <summary>What a control chart does after it signals.</summary>
public enum AfterSignal
{
    /// <summary>Learn a new baseline from the next warm-up points (a lasting shift becomes the new normal: one signal).</summary>
    Relearn,

    /// <summary>Zero the chart's statistic and keep the baseline (a lasting shift signals again and again).</summary>
    Reset,
}

/// <summary>Parameters of <see cref="EwmaDetector"/>.</summary>
public sealed record EwmaOptions
{
    /// <summary>Smoothing weight λ of the newest point, 0 &lt; λ ≤ 1 (default 0.2; 1 is a Shewhart chart).</summary>
    public double Lambda { get; init; } = 0.2;

    /// <summary>Control-limit width L in standard deviations of the EWMA (default 3).</summary>
    public double L { get; init; } = 3;

    /// <summary>Points that set the in-control mean and σ (default 30).</summary>
    public int Warmup { get; init; } = 30;

    public DetectionSide Side { get; init; } = DetectionSide.Both;

    public AfterSignal AfterSignal { get; init; } = AfterSignal.Relearn;
}

/// <summary>
/// EWMA control chart (Roberts 1959; Montgomery, <i>Statistical Quality Control</i>, §9.2). The first
/// <see cref="EwmaOptions.Warmup"/> points set the in-control mean μ₀ and σ (σ from the average moving range / 1.128,
/// which a slow drift inflates less than the standard deviation; the standard deviation if every moving range is 0).
/// Then Zₜ = λxₜ + (1 − λ)Zₜ₋₁ with Z₀ = μ₀, and the point is flagged when |Zₜ − μ₀| ≥ L·σ_Z with the exact
/// time-varying σ_Z = σ·√(λ/(2 − λ)·(1 − (1 − λ)^{2t})). The statistic is (Zₜ − μ₀)/σ_Z.
/// </summary>
public sealed class EwmaDetector : IDetector
{
    public const string DetectorName = "ewma";
    private readonly EwmaOptions _options;
    private readonly List<double> _learning = [];
    private double _mean;
    private double _sigma;
    private double _z;
    private int _t;
    private bool _learned;
    private readonly Resolution _resolution = new();

    public EwmaDetector(EwmaOptions? options = null)
    {
        _options = options ?? new EwmaOptions();
        if (!(_options.Lambda > 0 && _options.Lambda <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "λ must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.L);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Warmup, 2);
    }

    public string Name => DetectorName;

    public DetectorResult Observe(DateTimeOffset timestamp, double value)
    {
        if (!double.IsFinite(value))
        {
            return DetectorResult.NotReady(Name, timestamp, value, _learning.Count, "not a finite number; ignored");
        }

        if (!_learned)
        {
            _resolution.Add(value);
            var basis = _learning.Count;
            _learning.Add(value);
            if (_learning.Count == _options.Warmup)
            {
                Learn();
            }

            return DetectorResult.NotReady(Name, timestamp, value, basis, $"learning the in-control mean and σ: {basis} of {_options.Warmup} points");
        }

        _t++;
        var lambda = _options.Lambda;
        _z = (lambda * value) + ((1 - lambda) * _z);
        var sigma = _resolution.Floor(_sigma);
        var sigmaZ = sigma * Math.Sqrt(lambda / (2 - lambda) * (1 - Math.Pow(1 - lambda, 2 * _t)));
        var statistic = RobustScale.Z(_z, _mean, sigmaZ);
        var magnitude = DetectionSides.Magnitude(statistic, _options.Side);
        var anomaly = magnitude >= _options.L;
        _resolution.Add(value);
        string? note = null;
        if (anomaly)
        {
            note = $"EWMA {DetectorResult.Number(_z)} outside μ₀ ± L·σ_Z = [{DetectorResult.Number(_mean - (_options.L * sigmaZ))}, {DetectorResult.Number(_mean + (_options.L * sigmaZ))}]"
                + (_sigma == 0 ? "; the warm-up values were all equal" : "")
                + (_options.AfterSignal == AfterSignal.Relearn ? $"; the chart re-learns its baseline from the next {_options.Warmup} points" : "; the chart restarts at μ₀");
        }

        var result = new DetectorResult
        {
            Timestamp = timestamp,
            Value = value,
            Score = DetectorResult.ScoreOf(magnitude, _options.L),
            IsAnomaly = anomaly,
            Ready = true,
            Baseline = _mean,
            Spread = sigma,
            Statistic = statistic,
            Threshold = _options.L,
            Sense = StatisticSense.AtLeast,
            Basis = _options.Warmup,
            Detector = Name,
            Method = "in-control mean of the warm-up",
            StatisticName = "EWMA z",
            Note = note,
        };

        if (anomaly)
        {
            if (_options.AfterSignal == AfterSignal.Relearn)
            {
                _learned = false;
                _learning.Clear();
            }
            else
            {
                _z = _mean;
                _t = 0;
            }
        }

        return result;
    }

    private void Learn()
    {
        var n = _learning.Count;
        _mean = _learning.Average();
        var movingRange = 0.0;
        for (var i = 1; i < n; i++)
        {
            movingRange += Math.Abs(_learning[i] - _learning[i - 1]);
        }

        // d₂ = 1.128 for moving ranges of two points.
        _sigma = movingRange / (n - 1) / 1.128;
        if (_sigma == 0)
        {
            var mean = _mean;
            _sigma = Math.Sqrt(_learning.Sum(x => (x - mean) * (x - mean)) / (n - 1));
        }

        _z = _mean;
        _t = 0;
        _learned = true;
    }
}
