using MathNet.Numerics;

namespace Vigil.Core.Detection;

/// <summary>Parameters of <see cref="CountDetector"/>.</summary>
public sealed record CountOptions
{
    /// <summary>How many previous counts estimate the rate (default 30).</summary>
    public int Window { get; init; } = 30;

    /// <summary>Flag when the upper-tail p-value is at or below this (default 0.01).</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>Earlier counts needed before scoring (default 4).</summary>
    public int MinPeriods { get; init; } = 4;

    /// <summary>Shape a₀ of the Gamma prior on the rate (default 0.5, Jeffreys' prior for a Poisson rate).</summary>
    public double PriorShape { get; init; } = 0.5;

    /// <summary>Rate b₀ of the Gamma prior, i.e. how many periods of pseudo-data it is worth (default 1).</summary>
    public double PriorPeriods { get; init; } = 1;

    /// <summary>Level of the dispersion test that switches to the negative binomial (default 0.05).</summary>
    public double DispersionAlpha { get; init; } = 0.05;
}

/// <summary>
/// Count test for sparse event counts (documents, events per day or month). With n earlier counts summing to S in the
/// window and a Gamma(a₀, b₀) prior on the Poisson rate, the rate's posterior is Gamma(a₀ + S, b₀ + n) and the next
/// count's predictive distribution is negative binomial with r = a₀ + S and p = (b₀ + n)/(b₀ + n + 1) (mean
/// (a₀ + S)/(b₀ + n)). The p-value is the upper tail P(X ≥ x) = I₁₋ₚ(x, r) (regularised incomplete beta), so a
/// rise from 0, 0, 0, 0 to 2 gets a finite, honest p (0.011 with the defaults) instead of the infinite z a
/// zero-variance baseline would give. When the window is over-dispersed — the dispersion statistic
/// Σ(x − x̄)²/x̄ is beyond the χ²(n − 1) quantile at <see cref="CountOptions.DispersionAlpha"/> — the predictive is a
/// negative binomial with the same mean and the sample variance s² instead: r = μ²/(s² − μ), p = μ/s². Only rises
/// are flagged. Values must be whole numbers ≥ 0; anything else is reported and left out.
/// </summary>
public sealed class CountDetector : IDetector
{
    public const string DetectorName = "count";
    private readonly CountOptions _options;
    private readonly long[] _ring;
    private int _start;
    private int _count;
    private long _sum;
    private double _sumSquares;

    public CountDetector(CountOptions? options = null)
    {
        _options = options ?? new CountOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MinPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MinPeriods, _options.Window);
        if (!(_options.Alpha > 0 && _options.Alpha < 1) || !(_options.DispersionAlpha > 0 && _options.DispersionAlpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "alpha and dispersion-alpha must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.PriorShape);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.PriorPeriods);
        _ring = new long[_options.Window];
    }

    public string Name => DetectorName;

    /// <summary>The upper-tail probability P(X ≥ x) of a negative binomial with r successes and success probability p.</summary>
    public static double UpperTail(long x, double r, double p) =>
        x <= 0 ? 1 : SpecialFunctions.BetaRegularized(x, r, 1 - p);

    public DetectorResult Observe(DateTimeOffset timestamp, double value)
    {
        if (!double.IsFinite(value) || value < 0 || value != Math.Floor(value) || value > 1e15)
        {
            return DetectorResult.NotReady(Name, timestamp, value, _count, "not a count (counts are whole numbers ≥ 0); ignored");
        }

        var x = (long)value;
        if (_count < _options.MinPeriods)
        {
            var basis = _count;
            Add(x);
            return DetectorResult.NotReady(Name, timestamp, value, basis, $"warming up: {basis} of {_options.MinPeriods} earlier counts");
        }

        var n = _count;
        var a = _options.PriorShape + _sum;
        var b = _options.PriorPeriods + n;
        var expected = a / b;
        var r = a;
        var p = b / (b + 1);
        var spread = Math.Sqrt(expected * (1 + (1 / b)));
        var method = $"Poisson–Gamma predictive mean from {_sum} events in {n} earlier periods";
        string? overdispersion = null;
        var mean = (double)_sum / n;
        if (n >= 2 && mean > 0)
        {
            var variance = Math.Max(0, (_sumSquares - (n * mean * mean)) / (n - 1));
            var dispersion = (n - 1) * variance / mean;
            var pDispersion = SpecialFunctions.GammaUpperRegularized((n - 1) / 2.0, dispersion / 2);
            if (pDispersion < _options.DispersionAlpha && variance > expected)
            {
                r = expected * expected / (variance - expected);
                p = expected / variance;
                spread = Math.Sqrt(variance);
                method = $"negative binomial from {_sum} events in {n} earlier periods";
                overdispersion = $"over-dispersed (variance {DetectorResult.Number(variance)} against mean {DetectorResult.Number(mean)}, dispersion test p = {DetectorResult.Number(pDispersion)})";
            }
        }

        var pValue = UpperTail(x, r, p);
        var anomaly = pValue <= _options.Alpha;
        var result = new DetectorResult
        {
            Timestamp = timestamp,
            Value = value,
            Score = DetectorResult.ScoreOfPValue(pValue, _options.Alpha),
            IsAnomaly = anomaly,
            Ready = true,
            Baseline = expected,
            Spread = spread,
            Statistic = pValue,
            Threshold = _options.Alpha,
            Sense = StatisticSense.AtMost,
            Basis = n,
            Detector = Name,
            Method = method,
            StatisticName = $"P(X ≥ {x})",
            Note = anomaly ? overdispersion : null,
        };
        Add(x);
        return result;
    }

    private void Add(long x)
    {
        if (_count == _ring.Length)
        {
            var old = _ring[_start];
            _sum -= old;
            _sumSquares -= (double)old * old;
            _ring[_start] = x;
            _start = (_start + 1) % _ring.Length;
        }
        else
        {
            _ring[(_start + _count) % _ring.Length] = x;
            _count++;
        }

        _sum += x;
        _sumSquares += (double)x * x;
    }
}
