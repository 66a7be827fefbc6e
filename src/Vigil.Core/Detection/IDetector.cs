namespace Vigil.Core.Detection;

/// <summary>
/// An incremental anomaly detector: it sees a series one point at a time, in time order, and says at once how unusual
/// each point is against what came before. The state is updated with the one new point (no history is recomputed), so
/// the same instance serves a backtest over a file and a live indicator that grows by a point a day. Feeding the same
/// points to a new instance always gives the same results (no clock, no randomness).
/// </summary>
public interface IDetector
{
    /// <summary>The registry name ("robust-z", "ewma"...).</summary>
    string Name { get; }

    /// <summary>Scores the next point and adds it to the detector's state.</summary>
    /// <param name="timestamp">Must not be earlier than the previous point's (equal is allowed).</param>
    /// <param name="value">A finite number; NaN or infinity is reported as not scored and leaves the state unchanged.</param>
    DetectorResult Observe(DateTimeOffset timestamp, double value);
}

/// <summary>Runs a detector over a whole series (the batch form of <see cref="IDetector.Observe"/>).</summary>
public static class DetectorRun
{
    /// <summary>One result per point, in order; identical to calling <see cref="IDetector.Observe"/> point by point.</summary>
    public static DetectorResult[] Run(IDetector detector, IReadOnlyList<SeriesPoint> points)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(points);
        var results = new DetectorResult[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            results[i] = detector.Observe(points[i].Timestamp, points[i].Value);
        }

        return results;
    }
}
