namespace Vigil.Core.Detection;

/// <summary>Parameters of <see cref="SeasonalDetector"/>.</summary>
public sealed record SeasonalOptions
{
    /// <summary>Points per cycle; 0 (default) infers it from the time step: daily for sub-daily data, weekly for daily data, yearly for weekly, monthly or quarterly data.</summary>
    public int Period { get; init; }

    /// <summary>How many earlier cycles give the same-phase baseline (default 8).</summary>
    public int Cycles { get; init; } = 8;

    /// <summary>Flag when |z| reaches this (default 3.5).</summary>
    public double Threshold { get; init; } = 3.5;

    /// <summary>Earlier same-phase values needed before a phase is scored (default 2).</summary>
    public int MinCycles { get; init; } = 2;

    public DetectionSide Side { get; init; } = DetectionSide.Both;
}

/// <summary>
/// Seasonal baseline: a point is compared with the values at the same phase of the cycle in the previous
/// <see cref="SeasonalOptions.Cycles"/> cycles (the same hour on earlier days, the same weekday in earlier weeks).
/// z = (x − m)/s with m the median of those same-phase values and s = 1.4826 × their MAD, floored by the series'
/// residual scale (1.4826 × the median |x − m| over the last cycles of all phases) so that a phase whose few past
/// values happen to be equal does not make every small difference infinite. The phase comes from the timestamp —
/// round((t − t₀)/step) mod period — so a missing point does not shift later ones; the step is the median spacing of
/// the first <see cref="StepPoints"/> points, which are used to learn it and not scored.
/// </summary>
public sealed class SeasonalDetector : IDetector
{
    public const string DetectorName = "seasonal";

    /// <summary>Points used to learn the time step before scoring starts.</summary>
    public const int StepPoints = 11;

    private readonly SeasonalOptions _options;
    private readonly List<SeriesPoint> _first = [];
    private int _period;
    private string _cycle = "";
    private long _step;
    private DateTimeOffset _origin;
    private double[] _phaseValues = [];
    private int[] _phaseCount = [];
    private int[] _phaseStart = [];
    private RollingWindow? _residuals;
    private string? _failure;
    private int _index;
    private readonly double[] _scratch;
    private readonly Resolution _resolution = new();

    public SeasonalDetector(SeasonalOptions? options = null)
    {
        _options = options ?? new SeasonalOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.Period);
        ArgumentOutOfRangeException.ThrowIfEqual(_options.Period, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Cycles, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MinCycles, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MinCycles, _options.Cycles);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.Threshold);
        _scratch = new double[_options.Cycles];
    }

    public string Name => DetectorName;

    /// <summary>Points per cycle once known (0 before the step is learnt).</summary>
    public int Period => _period;

    public DetectorResult Observe(DateTimeOffset timestamp, double value)
    {
        if (!double.IsFinite(value))
        {
            return DetectorResult.NotReady(Name, timestamp, value, 0, "not a finite number; ignored");
        }

        if (_failure is not null)
        {
            return DetectorResult.NotReady(Name, timestamp, value, 0, _failure);
        }

        if (_residuals is null)
        {
            _first.Add(new SeriesPoint(timestamp, value));
            if (_first.Count == StepPoints)
            {
                Start();
            }

            return DetectorResult.NotReady(Name, timestamp, value, 0, _failure ?? $"learning the time step: {_first.Count} of {StepPoints} points");
        }

        return Score(timestamp, value);
    }

    private void Start()
    {
        var step = SeasonalCycles.Step(_first.Select(p => p.Timestamp));
        _step = step?.Ticks ?? 0;
        _period = _options.Period;
        if (_period == 0)
        {
            var cycle = step is { } s ? SeasonalCycles.For(s).FirstOrDefault() : null;
            if (cycle is null)
            {
                _failure = step is { } known
                    ? $"no calendar cycle is known for a time step of {SeasonalCycles.Describe(known)}; set period=N (points per cycle)"
                    : "the first points share one timestamp, so no cycle can be inferred; set period=N (points per cycle)";
                return;
            }

            _period = cycle.Period;
            _cycle = cycle.Cycle + " cycle, ";
        }

        _origin = _first[0].Timestamp;
        _phaseValues = new double[_period * _options.Cycles];
        _phaseCount = new int[_period];
        _phaseStart = new int[_period];
        _residuals = new RollingWindow(Math.Clamp(_period * _options.Cycles, 10, 2000));
        foreach (var point in _first)
        {
            Add(Phase(point.Timestamp), point.Value);
            _index++;
        }
    }

    private int Phase(DateTimeOffset timestamp)
    {
        // Without a usable step (repeated timestamps), the position in the series is the phase.
        var slot = _step > 0 ? (long)Math.Round((double)(timestamp - _origin).Ticks / _step) : _index;
        return (int)(((slot % _period) + _period) % _period);
    }

    private DetectorResult Score(DateTimeOffset timestamp, double value)
    {
        var phase = Phase(timestamp);
        _index++;
        var count = _phaseCount[phase];
        if (count < _options.MinCycles)
        {
            Add(phase, value);
            return DetectorResult.NotReady(Name, timestamp, value, count, $"phase {phase} of {_period}: {count} of {_options.MinCycles} earlier cycles seen");
        }

        for (var i = 0; i < count; i++)
        {
            _scratch[i] = _phaseValues[(phase * _options.Cycles) + ((_phaseStart[phase] + i) % _options.Cycles)];
        }

        Array.Sort(_scratch, 0, count);
        var median = MedianOfSorted(_scratch, count);
        for (var i = 0; i < count; i++)
        {
            _scratch[i] = Math.Abs(_scratch[i] - median);
        }

        Array.Sort(_scratch, 0, count);
        var phaseSpread = RobustScale.MadToSigma * MedianOfSorted(_scratch, count);
        var residualSpread = _residuals!.Count > 0 ? RobustScale.MadToSigma * _residuals.Median() : 0;
        var spread = _resolution.Floor(Math.Max(phaseSpread, residualSpread));
        var z = RobustScale.Z(value, median, spread);
        var magnitude = DetectionSides.Magnitude(z, _options.Side);
        var anomaly = magnitude >= _options.Threshold;
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
            Basis = count,
            Detector = Name,
            Method = $"median at the same phase ({phase} of {_cycle}period {_period}) in earlier cycles",
            StatisticName = "seasonal z",
            Note = anomaly && spread == 0 ? "every earlier same-phase value and residual was equal" : null,
        };
        _residuals.Add(Math.Abs(value - median));
        Add(phase, value);
        return result;
    }

    private void Add(int phase, double value)
    {
        _resolution.Add(value);
        var cycles = _options.Cycles;
        if (_phaseCount[phase] == cycles)
        {
            _phaseValues[(phase * cycles) + _phaseStart[phase]] = value;
            _phaseStart[phase] = (_phaseStart[phase] + 1) % cycles;
        }
        else
        {
            _phaseValues[(phase * cycles) + ((_phaseStart[phase] + _phaseCount[phase]) % cycles)] = value;
            _phaseCount[phase]++;
        }
    }

    private static double MedianOfSorted(double[] values, int count) =>
        count % 2 == 1 ? values[count / 2] : (values[(count / 2) - 1] + values[count / 2]) / 2;
}
