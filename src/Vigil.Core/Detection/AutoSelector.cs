using System.Globalization;

namespace Vigil.Core.Detection;

/// <summary>The detector <see cref="AutoSelector"/> picked, with its parameters and the reason in words.</summary>
public sealed record AutoChoice(string Detector, IReadOnlyDictionary<string, string> Parameters, string Reason);

/// <summary>
/// Picks a detector from what a series looks like (never from labels):
/// 1. whole numbers ≥ 0 with at least 20% zeros or a median of at most 3 → <c>count</c> (sparse counts);
/// 2. otherwise, a long series (at least <see cref="LongSeries"/> points) → <c>ensemble</c>, whose per-series
///    calibration needs that much history to pay off (it has a seasonal component of its own);
/// 3. otherwise, if a calendar cycle for the time step (daily/weekly for sub-daily data, weekly for daily data...)
///    has an autocorrelation of at least <see cref="MinAutocorrelation"/> over at least three cycles of the sample →
///    <c>seasonal</c> with that period (the strongest cycle when several qualify);
/// 4. otherwise <c>robust-z</c>.
/// The CLI gives it the whole series; a backtest gives it only the probation period, so the choice uses no data the
/// scorer judges.
/// </summary>
public static class AutoSelector
{
    public const string Name = "auto";

    /// <summary>Smallest lag-period autocorrelation that counts as seasonality.</summary>
    public const double MinAutocorrelation = 0.5;

    /// <summary>Series at least this long get the ensemble.</summary>
    public const int LongSeries = 1000;

    /// <summary>Chooses from <paramref name="sample"/>; <paramref name="seriesLength"/> is the whole series' length when known.</summary>
    public static AutoChoice Choose(IReadOnlyList<SeriesPoint> sample, int? seriesLength = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var none = new Dictionary<string, string>(StringComparer.Ordinal);
        if (sample.Count == 0)
        {
            return new AutoChoice(RobustZDetector.DetectorName, none, "no points to look at");
        }

        var values = sample.Select(p => p.Value).ToArray();
        if (values.All(v => double.IsFinite(v) && v >= 0 && v == Math.Floor(v)))
        {
            var zeros = values.Count(v => v == 0) / (double)values.Length;
            var sorted = values.Order().ToArray();
            var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
            if (zeros >= 0.2 || median <= 3)
            {
                return new AutoChoice(CountDetector.DetectorName, none, string.Create(CultureInfo.InvariantCulture,
                    $"all {values.Length} values are whole numbers ≥ 0, {zeros:P0} zeros, median {median:0.##}: sparse counts"));
            }
        }

        var length = Math.Max(seriesLength ?? 0, sample.Count);
        if (length >= LongSeries)
        {
            return new AutoChoice(EnsembleDetector.DetectorName, none, string.Create(CultureInfo.InvariantCulture,
                $"not sparse counts; {length} points, enough history for per-series calibration"));
        }

        var step = SeasonalCycles.Step(sample.Select(p => p.Timestamp));
        var tried = new List<string>();
        SeasonalCycle? best = null;
        var bestAcf = double.NegativeInfinity;
        if (step is { } s)
        {
            foreach (var cycle in SeasonalCycles.For(s))
            {
                if (values.Length < 3 * cycle.Period)
                {
                    tried.Add($"too few points for a {cycle.Cycle} cycle ({values.Length} < 3 × {cycle.Period})");
                    continue;
                }

                var acf = SeasonalCycles.Autocorrelation(values, cycle.Period);
                tried.Add(string.Create(CultureInfo.InvariantCulture, $"autocorrelation {acf:0.00} at the {cycle.Cycle} cycle ({cycle.Period} points)"));
                if (acf >= MinAutocorrelation && acf > bestAcf)
                {
                    best = cycle;
                    bestAcf = acf;
                }
            }
        }

        var stepText = step is { } known ? $"time step {SeasonalCycles.Describe(known)}" : "no time step";
        if (best is not null)
        {
            return new AutoChoice(
                SeasonalDetector.DetectorName,
                new Dictionary<string, string>(StringComparer.Ordinal) { ["period"] = best.Period.ToString(CultureInfo.InvariantCulture) },
                $"{stepText}; {string.Join("; ", tried)}: seasonal");
        }

        var why = tried.Count == 0 ? "no calendar cycle for this step" : string.Join("; ", tried);
        return new AutoChoice(RobustZDetector.DetectorName, none, $"not sparse counts; {stepText}; {why}: no seasonality, robust baseline");
    }
}
