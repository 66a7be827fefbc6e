using Vigil.Core.Detection;
using static Vigil.Core.Tests.Detection.SeriesFactory;

namespace Vigil.Core.Tests.Detection;

public sealed class DetectorRegistryTests
{
    private static string? Error(string name, params string[] pairs)
    {
        var parsed = DetectorRegistry.ParsePairs(pairs, out var pairError);
        return parsed is null ? pairError : DetectorRegistry.Create(name, parsed).Error;
    }

    [Fact]
    public void Every_detector_documents_its_parameters_with_a_valid_default()
    {
        foreach (var definition in DetectorRegistry.Definitions)
        {
            Assert.False(string.IsNullOrWhiteSpace(definition.Summary));
            foreach (var parameter in definition.Parameters)
            {
                Assert.False(string.IsNullOrWhiteSpace(parameter.Description), $"{definition.Name} {parameter.Name}");
                if (parameter.Default != "probation")
                {
                    Assert.Null(DetectorRegistry.Create(definition.Name, new Dictionary<string, string> { [parameter.Name] = parameter.Default }).Error);
                }
            }
        }

        Assert.Equal(["robust-z", "ewma", "cusum", "count", "seasonal", "level-shift", "naive", "ensemble", "auto"], DetectorRegistry.Names);
    }

    [Fact]
    public void Parameters_are_applied_case_insensitively_and_reported_with_the_defaults()
    {
        var creation = DetectorRegistry.Create("EWMA", new Dictionary<string, string> { ["LAMBDA"] = "0.3", ["l"] = "2.5" });

        Assert.Null(creation.Error);
        Assert.Equal("ewma", creation.Detector!.Name);
        Assert.Equal(
            new KeyValuePair<string, string>[] { new("lambda", "0.3"), new("L", "2.5"), new("warmup", "30"), new("side", "both"), new("after-signal", "relearn") },
            creation.Parameters);
    }

    [Fact]
    public void Mistakes_get_messages_that_name_the_detector_the_parameter_and_what_to_write()
    {
        Assert.Equal("unknown detector 'zscore'; use one of robust-z, ewma, cusum, count, seasonal, level-shift, naive, ensemble, auto", Error("zscore"));
        Assert.Equal("detector 'ewma' has no parameter 'lamda'; it takes lambda, L, warmup, side, after-signal", Error("ewma", "lamda=0.2"));
        Assert.Equal("ewma lambda: 'abc' is not a number; use a number above 0 and up to 1 (e.g. lambda=0.2)", Error("ewma", "lambda=abc"));
        Assert.Equal("ewma lambda: 1.5 is out of range; use a number above 0 and up to 1", Error("ewma", "lambda=1.5"));
        Assert.Equal("robust-z window: '10.5' is not a whole number; use a whole number from 2 to 100000", Error("robust-z", "window=10.5"));
        Assert.Equal("robust-z: min-periods (50) cannot exceed window (20)", Error("robust-z", "window=20", "min-periods=50"));
        Assert.Equal("robust-z side: 'sideways' is not allowed; use one of both, up, down", Error("robust-z", "side=sideways"));
        Assert.Equal("count alpha: 1 is out of range; use a number above 0 and below 1", Error("count", "alpha=1"));
        Assert.Equal("seasonal: period 1 has no phases; use 0 (infer) or at least 2", Error("seasonal", "period=1"));
        Assert.Equal("--param 'window' is not NAME=VALUE (for example --param window=50)", Error("robust-z", "window"));
        Assert.Equal("--param Window is given twice", Error("robust-z", "window=5", "Window=6"));
        Assert.Equal("robust-z threshold: 'NaN' is not a number; use a number above 0 (e.g. threshold=3.5)", Error("robust-z", "threshold=NaN"));
        Assert.StartsWith("auto takes no --param", Error("auto", "window=5"));
    }

    [Fact]
    public void Auto_picks_the_count_test_for_sparse_counts()
    {
        var sample = Series(TimeSpan.FromDays(30), 0, 0, 1, 0, 0, 2, 0, 0, 0, 1, 0, 0);
        var creation = DetectorRegistry.Create("auto", null, new DetectorContext { Sample = sample, SeriesLength = sample.Count });

        Assert.Equal("count", creation.Detector!.Name);
        Assert.Equal("count", creation.Choice!.Detector);
        Assert.Contains("75% zeros", creation.Choice.Reason.Replace(" %", "%", StringComparison.Ordinal));
    }

    [Fact]
    public void Auto_picks_the_seasonal_baseline_for_a_short_series_with_a_daily_cycle()
    {
        // 5 days of hourly values following the hour of day: lag-24 autocorrelation is high.
        var values = Enumerable.Range(0, 120).Select(i => 100 + (20 * Math.Sin(2 * Math.PI * i / 24)) + (i % 5 * 0.3)).ToArray();
        var sample = Hourly(values);
        var choice = AutoSelector.Choose(sample, sample.Count);

        Assert.Equal("seasonal", choice.Detector);
        Assert.Equal("24", choice.Parameters["period"]);
        Assert.Contains("daily cycle", choice.Reason);
    }

    [Fact]
    public void Auto_picks_the_robust_baseline_for_a_short_series_without_cycle_or_counts()
    {
        var sample = Series(TimeSpan.FromDays(365), 3.2, 4.1, 3.9, 5.0, 4.4, 4.8, 5.1);
        var choice = AutoSelector.Choose(sample, sample.Count);

        Assert.Equal("robust-z", choice.Detector);
        Assert.Empty(choice.Parameters);
    }

    [Fact]
    public void Auto_picks_the_ensemble_for_a_long_series()
    {
        var sample = Noisy(300);
        var choice = AutoSelector.Choose(sample, seriesLength: 5000);

        Assert.Equal("ensemble", choice.Detector);
        Assert.Contains("5000 points", choice.Reason);
    }
}
