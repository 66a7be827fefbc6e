using Vigil.Core.Detection;
using Vigil.Core.Indicators;
using DetectionPoint = Vigil.Core.Detection.SeriesPoint;

namespace Vigil.Core.Alerts;

/// <summary>
/// Judges an indicator's series with the indicator's detector from the registry (docs/detectors.md): a fresh detector
/// sees the points that have a value, oldest first, so the same series always gets the same verdicts. <c>auto</c>
/// chooses its detector from the series as it stands.
/// </summary>
public sealed class DetectorEvaluator : IIndicatorEvaluator
{
    /// <summary>Score from which an anomaly is medium: the statistic is 1.5 times the threshold (docs/alerts.md).</summary>
    public const double MediumScore = 0.6;

    /// <summary>Score from which an anomaly is high: twice the threshold.</summary>
    public const double HighScore = 2.0 / 3;

    /// <summary>Score from which an anomaly is critical: three times the threshold.</summary>
    public const double CriticalScore = 0.75;

    public (IReadOnlyList<EvaluatedPoint>? Points, string? Error) Evaluate(IndicatorSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var indicator = series.Indicator;
        var valued = series.Points.Where(p => p.Value is not null).ToList();
        var sample = valued.Select(p => new DetectionPoint(p.Start, p.Value!.Value)).ToList();
        var creation = DetectorRegistry.Create(indicator.Detector.Name, indicator.Detector.Parameters,
            new DetectorContext { SeriesLength = sample.Count, Sample = sample });
        if (creation.Detector is not { } detector)
        {
            return (null, $"indicator '{indicator.Id}': {creation.Error}");
        }

        var results = DetectorRun.Run(detector, sample);
        var points = new List<EvaluatedPoint>(valued.Count);
        for (var i = 0; i < valued.Count; i++)
        {
            var r = results[i];
            points.Add(new EvaluatedPoint(valued[i], r.Score, r.Ready && r.IsAnomaly, double.IsFinite(r.Baseline) ? Math.Round(r.Baseline, 4) : null, r.Explanation)
            {
                Severity = SeverityOf(r.Score),
                Detector = r.Detector,
            });
        }

        return (points, null);
    }

    /// <summary>
    /// The severity of a detector score (0–1, 0.5 at the detector's threshold; with u = statistic ÷ threshold the score
    /// is u / (1 + u)): low below 0.6 (u &lt; 1.5), medium below 2/3 (u &lt; 2), high below 0.75 (u &lt; 3), critical from 0.75.
    /// </summary>
    public static AlertSeverity SeverityOf(double score) => score switch
    {
        >= CriticalScore => AlertSeverity.Critical,
        >= HighScore => AlertSeverity.High,
        >= MediumScore => AlertSeverity.Medium,
        _ => AlertSeverity.Low,
    };

    /// <summary>Null when the detector name and parameters are usable; else what to fix (for validating a definition).</summary>
    public static string? Check(DetectorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return DetectorRegistry.Create(spec.Name, spec.Parameters).Error;
    }
}
