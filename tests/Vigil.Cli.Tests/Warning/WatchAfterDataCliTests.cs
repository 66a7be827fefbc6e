namespace Vigil.Cli.Tests;

/// <summary><c>ingest</c> and <c>events import</c> run the watch afterwards when indicators are defined.</summary>
public sealed class WatchAfterDataCliTests
{
    private static string Repo(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("part of the repository", Path.Combine(parts));
    }

    private static CliRunner WithNoticesIndicator()
    {
        var cli = new CliRunner();
        var add = cli.Run("indicators", "add", "notices", "--name", "Notices (illustrative)", "--csv", Repo("samples", "indicators", "illustrative-notices.csv"));
        Assert.Equal(0, add.ExitCode);
        return cli;
    }

    [Fact]
    public void Ingest_evaluates_the_indicators_and_raises_the_one_alert_of_the_sample_series()
    {
        using var cli = WithNoticesIndicator();
        var ingest = cli.Run("ingest", TestPaths.SampleCorpus());
        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("vigil: watch: 1 new alert(s), 0 ongoing, 0 suppressed", ingest.Error, StringComparison.Ordinal);
        Assert.Single(cli.Run("alerts", "--state", "all").Json.EnumerateArray());

        // The same anomaly is not raised twice by the next data change.
        var again = cli.Run("events", "import", Repo("samples", "events", "illustrative-events.csv"), "--format", "csv", "--map", Repo("samples", "events", "illustrative-events.map"));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("vigil: watch: 0 new alert(s), 1 ongoing", again.Error, StringComparison.Ordinal);
        Assert.Single(cli.Run("alerts", "--state", "all").Json.EnumerateArray());
    }

    [Fact]
    public void No_watch_skips_it_and_without_indicators_nothing_is_said()
    {
        using (var cli = WithNoticesIndicator())
        {
            var ingest = cli.Run("ingest", TestPaths.SampleCorpus(), "--no-watch");
            Assert.Equal(0, ingest.ExitCode);
            Assert.DoesNotContain("watch:", ingest.Error, StringComparison.Ordinal);
            Assert.Empty(cli.Run("alerts", "--state", "all").Json.EnumerateArray());
        }

        using var bare = new CliRunner();
        var plain = bare.Run("ingest", TestPaths.SampleCorpus());
        Assert.Equal(0, plain.ExitCode);
        Assert.DoesNotContain("watch:", plain.Error, StringComparison.Ordinal);
    }
}

/// <summary><c>vigil backtest --indicator ID --labels W.json</c>: an indicator's series scored against labelled windows.</summary>
public sealed class BacktestIndicatorCliTests
{
    [Fact]
    public void The_sample_notices_indicator_detects_its_labelled_surge_with_no_false_alert()
    {
        using var cli = new CliRunner();
        var csv = Path.Combine(TestPaths.SampleCorpus(), "..", "indicators", "illustrative-notices.csv");
        Assert.Equal(0, cli.Run("indicators", "add", "notices", "--name", "Notices", "--csv", csv).ExitCode);

        // The invented series is 2–5 a month except 14 and 17 in 2024-09 and 2024-10: one labelled window around them.
        var labels = cli.Write("windows.json", """{"notices": [["2024-08-15 00:00:00", "2024-10-15 00:00:00"]]}""");
        var result = cli.Run("backtest", "--indicator", "notices", "--labels", labels, "--detector", "count");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("indicator", result.Json.GetProperty("mode").GetString());
        Assert.Equal(24, result.Json.GetProperty("points").GetInt32());
        var metrics = result.Json.GetProperty("detectors")[0].GetProperty("own_threshold").GetProperty("metrics");
        Assert.Equal(1, metrics.GetProperty("windows").GetInt32());
        Assert.Equal(1, metrics.GetProperty("windows_detected").GetInt32());
        Assert.Equal(0, metrics.GetProperty("false_alerts").GetInt32());

        Assert.Equal(1, cli.Run("backtest", "--indicator", "notices").ExitCode); // no labels
        Assert.Equal(1, cli.Run("backtest", "--indicator", "nothing", "--labels", labels).ExitCode);
        Assert.Equal(1, cli.Run("backtest", "--indicator", "notices", "--csv", csv, "--labels", labels).ExitCode);
    }
}
