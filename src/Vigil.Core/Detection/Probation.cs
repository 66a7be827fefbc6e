namespace Vigil.Core.Detection;

/// <summary>
/// The probation period of a series of known length, as the Numenta Anomaly Benchmark defines it: the first 15% of
/// the points, at most 750. Detectors learn there; a backtest ignores detections there.
/// </summary>
public static class Probation
{
    public const double Fraction = 0.15;

    public const int Cap = 750;

    /// <summary>min(⌊0.15·n⌋, 750).</summary>
    public static int Length(int seriesLength) => Math.Min((int)Math.Floor(Fraction * seriesLength), Cap);
}
