using System.Globalization;

namespace Vigil.Core.Detection;

/// <summary>What a detector may know about the series before it starts (never labels).</summary>
public sealed record DetectorContext
{
    /// <summary>The number of points, when the whole series is known in advance (a file); null for a live series.</summary>
    public int? SeriesLength { get; init; }

    /// <summary>Points <c>auto</c> may look at to choose a detector (the whole file in the CLI, the probation period in a backtest).</summary>
    public IReadOnlyList<SeriesPoint>? Sample { get; init; }
}

/// <summary>A registered detector: name, summary, documented parameters, and how to build it.</summary>
public sealed class DetectorDefinition
{
    private readonly Func<DetectorSettings, DetectorContext, IDetector> _create;
    private readonly Func<DetectorSettings, string?>? _validate;

    internal DetectorDefinition(string name, string summary, IReadOnlyList<DetectorParameter> parameters,
        Func<DetectorSettings, DetectorContext, IDetector> create, Func<DetectorSettings, string?>? validate = null)
    {
        Name = name;
        Summary = summary;
        Parameters = parameters;
        _create = create;
        _validate = validate;
    }

    public string Name { get; }

    public string Summary { get; }

    public IReadOnlyList<DetectorParameter> Parameters { get; }

    internal IDetector Create(DetectorSettings settings, DetectorContext context) => _create(settings, context);

    internal string? Validate(DetectorSettings settings) => _validate?.Invoke(settings);
}

/// <summary>The outcome of <see cref="DetectorRegistry.Create"/>: a detector, or a message saying what to fix.</summary>
public sealed record DetectorCreation
{
    public IDetector? Detector { get; init; }

    /// <summary>What is wrong with the name or a parameter, written for the user; null on success.</summary>
    public string? Error { get; init; }

    /// <summary>The detector's parameters as used (defaults filled in).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>What <c>auto</c> chose and why; null for a named detector.</summary>
    public AutoChoice? Choice { get; init; }
}

/// <summary>
/// The detectors by name, with their documented parameters and defaults, and the validation of
/// <c>--param NAME=VALUE</c> pairs (see docs/detectors.md).
/// </summary>
public static class DetectorRegistry
{
    private static readonly DetectorParameter SideParameter = new("side", DetectorParameterKind.Choice, "both", "Which departures to flag: both, up (rises) or down (falls)")
    {
        Choices = DetectionSides.Names,
    };

    private static readonly DetectorParameter AfterSignalParameter = new("after-signal", DetectorParameterKind.Choice, "relearn", "After a signal: relearn the baseline from the next warm-up points, or reset the statistic and keep the baseline")
    {
        Choices = ["relearn", "reset"],
    };

    /// <summary>Every detector, in the order reports list them (<c>auto</c> is not here: it picks one of these).</summary>
    public static IReadOnlyList<DetectorDefinition> Definitions { get; } =
    [
        new(RobustZDetector.DetectorName, "Robust z-score against the median and MAD of a rolling window",
            [
                Integer("window", new RobustZOptions().Window, 2, 100_000, "Previous points in the baseline"),
                Number("threshold", new RobustZOptions().Threshold, "Flag when |z| reaches this", exclusiveMin: 0),
                Integer("min-periods", new RobustZOptions().MinPeriods, 2, 100_000, "Earlier points needed before scoring"),
                SideParameter,
            ],
            (s, _) => new RobustZDetector(new RobustZOptions
            {
                Window = s.Integer("window"), Threshold = s.Number("threshold"), MinPeriods = s.Integer("min-periods"), Side = DetectionSides.Parse(s.Choice("side")),
            }),
            s => s.Integer("min-periods") > s.Integer("window") ? $"min-periods ({s.Integer("min-periods")}) cannot exceed window ({s.Integer("window")})" : null),
        new(EwmaDetector.DetectorName, "EWMA control chart with limits from a warm-up period",
            [
                new("lambda", DetectorParameterKind.Number, F(new EwmaOptions().Lambda), "Weight λ of the newest point") { Min = 0, MinExclusive = true, Max = 1 },
                Number("L", new EwmaOptions().L, "Control-limit width in standard deviations of the EWMA", exclusiveMin: 0),
                Integer("warmup", new EwmaOptions().Warmup, 2, 100_000, "Points that set the in-control mean and σ"),
                SideParameter,
                AfterSignalParameter,
            ],
            (s, _) => new EwmaDetector(new EwmaOptions
            {
                Lambda = s.Number("lambda"), L = s.Number("L"), Warmup = s.Integer("warmup"), Side = DetectionSides.Parse(s.Choice("side")),
                AfterSignal = s.Choice("after-signal") == "reset" ? AfterSignal.Reset : AfterSignal.Relearn,
            })),
        new(CusumDetector.DetectorName, "Two-sided tabular CUSUM in σ units",
            [
                new("k", DetectorParameterKind.Number, F(new CusumOptions().K), "Allowance in σ units (half the shift to catch)") { Min = 0 },
                Number("h", new CusumOptions().H, "Decision interval in σ units", exclusiveMin: 0),
                Integer("window", new CusumOptions().Window, 2, 100_000, "Points that estimate the mean and σ (at the start and after each signal)"),
                SideParameter,
                AfterSignalParameter,
            ],
            (s, _) => new CusumDetector(new CusumOptions
            {
                K = s.Number("k"), H = s.Number("h"), Window = s.Integer("window"), Side = DetectionSides.Parse(s.Choice("side")),
                AfterSignal = s.Choice("after-signal") == "reset" ? AfterSignal.Reset : AfterSignal.Relearn,
            })),
        new(CountDetector.DetectorName, "Upper-tail test for sparse counts: Poisson–Gamma predictive, negative binomial when over-dispersed",
            [
                Integer("window", new CountOptions().Window, 1, 100_000, "Previous counts that estimate the rate"),
                Probability("alpha", new CountOptions().Alpha, "Flag when P(X ≥ x) is at most this"),
                Integer("min-periods", new CountOptions().MinPeriods, 1, 100_000, "Earlier counts needed before scoring"),
                Number("prior-shape", new CountOptions().PriorShape, "Shape a₀ of the Gamma prior on the rate", exclusiveMin: 0),
                Number("prior-periods", new CountOptions().PriorPeriods, "Rate b₀ of the Gamma prior (periods of pseudo-data)", exclusiveMin: 0),
                Probability("dispersion-alpha", new CountOptions().DispersionAlpha, "Level of the over-dispersion test that switches to the negative binomial"),
            ],
            (s, _) => new CountDetector(new CountOptions
            {
                Window = s.Integer("window"), Alpha = s.Number("alpha"), MinPeriods = s.Integer("min-periods"),
                PriorShape = s.Number("prior-shape"), PriorPeriods = s.Number("prior-periods"), DispersionAlpha = s.Number("dispersion-alpha"),
            }),
            s => s.Integer("min-periods") > s.Integer("window") ? $"min-periods ({s.Integer("min-periods")}) cannot exceed window ({s.Integer("window")})" : null),
        new(SeasonalDetector.DetectorName, "Robust z against the same phase of earlier cycles (hour of day, day of week)",
            [
                new("period", DetectorParameterKind.Integer, "0", "Points per cycle; 0 infers it from the time step (daily for sub-daily data, weekly for daily data)") { Min = 0, Max = 100_000 },
                Integer("cycles", new SeasonalOptions().Cycles, 1, 1000, "Earlier cycles in the baseline"),
                Number("threshold", new SeasonalOptions().Threshold, "Flag when |z| reaches this", exclusiveMin: 0),
                Integer("min-cycles", new SeasonalOptions().MinCycles, 1, 1000, "Earlier same-phase values needed before scoring"),
                SideParameter,
            ],
            (s, _) => new SeasonalDetector(new SeasonalOptions
            {
                Period = s.Integer("period"), Cycles = s.Integer("cycles"), Threshold = s.Number("threshold"), MinCycles = s.Integer("min-cycles"),
                Side = DetectionSides.Parse(s.Choice("side")),
            }),
            s => s.Integer("period") == 1 ? "period 1 has no phases; use 0 (infer) or at least 2"
                : s.Integer("min-cycles") > s.Integer("cycles") ? $"min-cycles ({s.Integer("min-cycles")}) cannot exceed cycles ({s.Integer("cycles")})" : null),
        new(LevelShiftDetector.DetectorName, "Shift in level: median of the recent points against the median of the points before",
            [
                Integer("before", new LevelShiftOptions().Before, 3, 100_000, "Points in the reference window"),
                Integer("after", new LevelShiftOptions().After, 1, 100_000, "Points in the recent window (the current one included)"),
                Number("threshold", new LevelShiftOptions().Threshold, "Flag when |z| of the difference of medians reaches this", exclusiveMin: 0),
                SideParameter,
            ],
            (s, _) => new LevelShiftDetector(new LevelShiftOptions
            {
                Before = s.Integer("before"), After = s.Integer("after"), Threshold = s.Number("threshold"), Side = DetectionSides.Parse(s.Choice("side")),
            })),
        new(NaiveDetector.DetectorName, "Naive baseline: fixed mean ± K·σ of the warm-up (the probation period when the length is known)",
            [
                new("warmup", DetectorParameterKind.Integer, "probation", "Points that fix mean and σ; by default the probation period (15% of the series, at most 750) when the length is known, else 150") { Min = 2, Max = 10_000_000 },
                Number("k", new NaiveOptions().K, "Flag beyond mean ± k·σ", exclusiveMin: 0),
            ],
            (s, c) => new NaiveDetector(new NaiveOptions
            {
                Warmup = s.IsGiven("warmup") ? s.Integer("warmup") : c.SeriesLength is { } n ? Math.Max(2, Probation.Length(n)) : new NaiveOptions().Warmup,
                K = s.Number("k"),
            })),
        new(EnsembleDetector.DetectorName, "Spike, step and seasonal deviations, each against the largest of its kind in the series' recent memory",
            [
                Integer("window", new EnsembleOptions().Window, 2, 100_000, "Previous points in the spike and step baselines"),
                Integer("cycles", new EnsembleOptions().Cycles, 1, 1000, "Earlier cycles in the seasonal baseline"),
                Integer("memory", new EnsembleOptions().Memory, 1, 10_000_000, "Shortest memory a deviation is compared with, in points"),
                new("memory-share", DetectorParameterKind.Number, F(new EnsembleOptions().MemoryShare), "The memory grows to this share of the points seen so far") { Min = 0, Max = 1 },
                Integer("min-memory", new EnsembleOptions().MinMemory, 1, 10_000_000, "Scored points a component needs in memory before it takes part"),
                Number("threshold", new EnsembleOptions().Threshold, "Flag at this many times the largest deviation in memory", exclusiveMin: 0),
            ],
            (s, _) => new EnsembleDetector(new EnsembleOptions
            {
                Window = s.Integer("window"), Cycles = s.Integer("cycles"), Memory = s.Integer("memory"), MemoryShare = s.Number("memory-share"),
                MinMemory = s.Integer("min-memory"), Threshold = s.Number("threshold"),
            })),
    ];

    /// <summary>Every name <c>--detector</c> accepts: the detectors, then <c>auto</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Definitions.Select(d => d.Name), AutoSelector.Name];

    /// <summary>The definition with this name (case-insensitive), or null.</summary>
    public static DetectorDefinition? Find(string name) =>
        Definitions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads <c>NAME=VALUE</c> pairs. Returns null and sets <paramref name="error"/> when one has no '=', an empty name,
    /// or repeats a name.
    /// </summary>
    public static Dictionary<string, string>? ParsePairs(IEnumerable<string> pairs, out string? error)
    {
        error = null;
        var parsed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || string.IsNullOrWhiteSpace(pair[..equals]))
            {
                error = $"--param '{pair}' is not NAME=VALUE (for example --param window=50)";
                return null;
            }

            var name = pair[..equals].Trim();
            if (!parsed.TryAdd(name, pair[(equals + 1)..]))
            {
                error = $"--param {name} is given twice";
                return null;
            }
        }

        return parsed;
    }

    /// <summary>
    /// Builds a detector by name with user-written parameters (defaults for the rest). Unknown names and parameters,
    /// values that are not numbers, out of range or inconsistent give <see cref="DetectorCreation.Error"/>.
    /// <c>auto</c> takes no parameters and needs <see cref="DetectorContext.Sample"/>.
    /// </summary>
    public static DetectorCreation Create(string name, IReadOnlyDictionary<string, string>? parameters = null, DetectorContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        parameters ??= new Dictionary<string, string>();
        context ??= new DetectorContext();
        if (string.Equals(name, AutoSelector.Name, StringComparison.OrdinalIgnoreCase))
        {
            if (parameters.Count > 0)
            {
                return new DetectorCreation { Error = $"auto takes no --param (it picks the detector and its defaults); name a detector to set parameters: {string.Join(", ", Definitions.Select(d => d.Name))}" };
            }

            var choice = AutoSelector.Choose(context.Sample ?? [], context.SeriesLength);
            var chosen = Create(choice.Detector, choice.Parameters, context);
            return chosen with { Choice = choice };
        }

        var definition = Find(name);
        if (definition is null)
        {
            return new DetectorCreation { Error = $"unknown detector '{name}'; use one of {string.Join(", ", Names)}" };
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, text) in parameters)
        {
            var parameter = definition.Parameters.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));
            if (parameter is null)
            {
                return new DetectorCreation { Error = $"detector '{definition.Name}' has no parameter '{key}'; it takes {string.Join(", ", definition.Parameters.Select(p => p.Name))}" };
            }

            var problem = parameter.Check(text, out var value);
            if (problem is not null)
            {
                return new DetectorCreation { Error = $"{definition.Name} {parameter.Name}: {problem}" };
            }

            values[parameter.Name] = value;
            given.Add(parameter.Name);
        }

        foreach (var parameter in definition.Parameters)
        {
            if (!values.ContainsKey(parameter.Name))
            {
                values[parameter.Name] = parameter.Kind switch
                {
                    DetectorParameterKind.Choice => parameter.Default,
                    DetectorParameterKind.Integer when !int.TryParse(parameter.Default, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) => 0,
                    DetectorParameterKind.Integer => int.Parse(parameter.Default, CultureInfo.InvariantCulture),
                    _ => double.Parse(parameter.Default, CultureInfo.InvariantCulture),
                };
            }
        }

        var settings = new DetectorSettings(values, given);
        var inconsistent = definition.Validate(settings);
        if (inconsistent is not null)
        {
            return new DetectorCreation { Error = $"{definition.Name}: {inconsistent}" };
        }

        var detector = definition.Create(settings, context);
        var used = settings.Describe(definition).ToList();
        if (detector is NaiveDetector naive && !given.Contains("warmup"))
        {
            used = used.Select(kv => kv.Key == "warmup" ? new KeyValuePair<string, string>("warmup", naive.Warmup.ToString(CultureInfo.InvariantCulture)) : kv).ToList();
        }

        return new DetectorCreation { Detector = detector, Parameters = used };
    }

    private static DetectorParameter Integer(string name, int value, int min, int max, string description) =>
        new(name, DetectorParameterKind.Integer, value.ToString(CultureInfo.InvariantCulture), description) { Min = min, Max = max };

    private static DetectorParameter Number(string name, double value, string description, double exclusiveMin) =>
        new(name, DetectorParameterKind.Number, F(value), description) { Min = exclusiveMin, MinExclusive = true };

    private static DetectorParameter Probability(string name, double value, string description) =>
        new(name, DetectorParameterKind.Number, F(value), description) { Min = 0, MinExclusive = true, Max = 1, MaxExclusive = true };

    private static string F(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
