using Vigil.Core.Backtesting;
using Vigil.Core.Detection;

namespace Vigil.Core.Tests.Backtesting;

public sealed class WindowMetricsTests
{
    private static readonly DateTimeOffset T0 = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Precision_recall_lead_time_and_false_alerts_are_counted_per_window()
    {
        // 100 points a minute apart, probation 15. Window A 40–59 labelled at 50; window B 70–79 (midpoint 74:30 → reference
        // index 75). Detections: 10 (probation, ignored), 20 (false alert), 45, 47 (A: first at 45, lead 5 min, 5 points),
        // 90 (false alert). B missed. Precision 1/(1 + 2); recall 1/2; F1 = 2·(1/3)(1/2)/(1/3 + 1/2) = 0.4;
        // false alerts per 1,000 = 2 × 1000 / 85 = 23.5294.
        var points = Enumerable.Range(0, 100).Select(i => new SeriesPoint(T0.AddMinutes(i), 1)).ToList();
        var series = new BacktestSeries("m.csv", points,
        [
            new LabeledWindow(T0.AddMinutes(40), T0.AddMinutes(59)) { Label = T0.AddMinutes(50) },
            new LabeledWindow(T0.AddMinutes(70), T0.AddMinutes(79)),
        ]);
        var flags = new bool[100];
        foreach (var i in new[] { 10, 20, 45, 47, 90 })
        {
            flags[i] = true;
        }

        var m = WindowMetrics.Of(new NabFile(series), flags);

        Assert.Equal((2, 1, 4, 2, 85), (m.Windows, m.Detected, m.Detections, m.FalseAlerts, m.ScoredPoints));
        Assert.Equal(1.0 / 3, m.Precision, 12);
        Assert.Equal(0.5, m.Recall, 12);
        Assert.Equal(0.4, m.F1, 12);
        Assert.Equal(TimeSpan.FromMinutes(5), m.MeanLeadTime);
        Assert.Equal(5, m.MeanLeadPoints, 12);
        Assert.Equal(2000.0 / 85, m.FalseAlertsPerThousand, 9);
    }

    [Fact]
    public void A_detection_after_the_label_has_a_negative_lead_and_sums_combine()
    {
        var points = Enumerable.Range(0, 100).Select(i => new SeriesPoint(T0.AddHours(i), 1)).ToList();
        var series = new BacktestSeries("h.csv", points, [new LabeledWindow(T0.AddHours(40), T0.AddHours(60))]);
        var flags = new bool[100];
        flags[53] = true;

        var m = WindowMetrics.Of(new NabFile(series), flags);
        var twice = m + m;

        Assert.Equal(TimeSpan.FromHours(-3), m.MeanLeadTime);
        Assert.Equal(TimeSpan.FromHours(-3), twice.MeanLeadTime);
        Assert.Equal((2, 2, 2), (twice.Windows, twice.Detected, twice.Detections));
        Assert.True(double.IsNaN(WindowMetrics.Empty.Precision));
    }
}
