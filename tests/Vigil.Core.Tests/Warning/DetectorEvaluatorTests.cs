using Vigil.Core.Alerts;
using Vigil.Core.Indicators;
using static Vigil.Core.Tests.Warning.WarningData;

namespace Vigil.Core.Tests.Warning;

public sealed class DetectorEvaluatorTests
{
    [Theory]
    // score = u / (1 + u), u = statistic ÷ threshold: u 1.5 → 0.6, u 2 → 2/3, u 3 → 0.75.
    [InlineData(0.5, AlertSeverity.Low)]
    [InlineData(0.5999, AlertSeverity.Low)]
    [InlineData(0.6, AlertSeverity.Medium)]
    [InlineData(0.6666, AlertSeverity.Medium)]
    [InlineData(2.0 / 3, AlertSeverity.High)]
    [InlineData(0.7499, AlertSeverity.High)]
    [InlineData(0.75, AlertSeverity.Critical)]
    [InlineData(1.0, AlertSeverity.Critical)]
    public void Severity_bands_of_the_common_score(double score, AlertSeverity severity) => Assert.Equal(severity, DetectorEvaluator.SeverityOf(score));

    [Fact]
    public void A_robust_z_spike_is_flagged_with_its_baseline_and_missing_values_are_not_shown_to_the_detector()
    {
        // 24 months cycling 10, 11, 12 (median 11, MAD 1, σ = 1.4826), one month without a value, then 41.
        // robust z = (41 − 11) / 1.4826 = 20.23 against 3.5: u = 5.781, score 5.781 / 6.781 = 0.8525, critical.
        var values = Enumerable.Range(0, 24).Select(i => (double?)(10 + (i % 3))).Append(null).Append(41).ToArray();
        var indicator = Indicator() with { Detector = new DetectorSpec("robust-z", new Dictionary<string, string> { ["window"] = "24" }) };
        var (points, error) = new DetectorEvaluator().Evaluate(Series(indicator, values));
        Assert.Null(error);
        Assert.Equal(25, points!.Count);
        var flagged = Assert.Single(points, p => p.Anomaly);
        Assert.Equal("2026-02", flagged.Point.Period);
        Assert.Equal(11, flagged.Baseline);
        Assert.Equal(0.8525, flagged.Score, 4);
        Assert.Equal(AlertSeverity.Critical, flagged.Severity);
        Assert.Equal("robust-z", flagged.Detector);
        Assert.Contains("robust z +20.2", flagged.Explanation, StringComparison.Ordinal);
        Assert.All(points.Take(20), p => Assert.False(p.Anomaly)); // warming up: min-periods 20
    }

    [Fact]
    public void An_unknown_detector_or_parameter_is_reported_for_the_indicator()
    {
        var bad = Indicator() with { Detector = new DetectorSpec("magic", new Dictionary<string, string>()) };
        Assert.Contains("indicator 'mentions': unknown detector 'magic'", new DetectorEvaluator().Evaluate(Series(bad, 1, 2, 3)).Error, StringComparison.Ordinal);
        Assert.Contains("has no parameter 'span'", DetectorEvaluator.Check(new DetectorSpec("ewma", new Dictionary<string, string> { ["span"] = "3" })), StringComparison.Ordinal);
        Assert.Null(DetectorEvaluator.Check(DetectorSpec.Default));
    }
}
