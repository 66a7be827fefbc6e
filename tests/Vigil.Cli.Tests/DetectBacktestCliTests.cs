using System.Text.Json;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil detect</c> and <c>vigil backtest</c> end to end, on small files written here.</summary>
public sealed class DetectBacktestCliTests : IDisposable
{
    private const string SpikeCsv = "timestamp,value\n" +
        "2024-01-01 00:00:00,10\n2024-01-01 01:00:00,12\n2024-01-01 02:00:00,11\n2024-01-01 03:00:00,13\n2024-01-01 04:00:00,9\n" +
        "2024-01-01 05:00:00,10\n2024-01-01 06:00:00,12\n2024-01-01 07:00:00,11\n2024-01-01 08:00:00,10\n2024-01-01 09:00:00,11\n" +
        "2024-01-01 10:00:00,50\n";

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Detect_writes_the_issue_JSON_shape_with_the_explained_anomaly()
    {
        var csv = _cli.Write("spike.csv", SpikeCsv);

        var result = _cli.Run("detect", "--csv", csv, "--detector", "robust-z", "--param", "window=10", "--param", "min-periods=10");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        Assert.Equal("robust-z", json.GetProperty("detector").GetString());
        var anomaly = Assert.Single(json.GetProperty("anomalies").EnumerateArray());
        Assert.Equal("2024-01-01T10:00:00Z", anomaly.GetProperty("timestamp").GetString());
        Assert.Equal(50, anomaly.GetProperty("value").GetDouble());
        // z = 39/1.4826 = 26.3051 (see DetectorTests.RobustZ); score = u/(1 + u), u = z/3.5.
        Assert.Equal(0.882571, anomaly.GetProperty("score").GetDouble());
        Assert.StartsWith("50 against a baseline of 11", anomaly.GetProperty("explanation").GetString());
        Assert.Equal(["timestamp", "value", "score", "explanation"], anomaly.EnumerateObject().Select(p => p.Name).Take(4));
        Assert.Equal("10", json.GetProperty("parameters").GetProperty("window").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("auto").ValueKind);
    }

    [Fact]
    public void Detect_auto_says_what_it_chose_and_why()
    {
        var csv = _cli.Write("spike.csv", SpikeCsv);

        var result = _cli.Run("detect", "--csv", csv);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("robust-z", result.Json.GetProperty("detector").GetString());
        Assert.Contains("no seasonality", result.Json.GetProperty("auto").GetProperty("reason").GetString());
        // The default robust-z needs 20 earlier points: an 11-point file has none scored.
        Assert.Equal(0, result.Json.GetProperty("scored").GetInt32());
    }

    [Fact]
    public void Detect_reports_bad_rows_by_number_keeps_the_rest_and_exits_2()
    {
        var csv = _cli.Write("bad.csv", SpikeCsv.Replace("2024-01-01 03:00:00,13", "2024-01-01 03:00:00,thirteen", StringComparison.Ordinal) + "not a date,4\n");

        var result = _cli.Run("detect", "--csv", csv, "--detector", "robust-z", "--param", "window=9", "--param", "min-periods=9");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("row 5: value 'thirteen' is not a finite number", result.Error);
        Assert.Contains("row 13: timestamp 'not a date'", result.Error);
        Assert.Equal([5, 13], result.Json.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("row").GetInt32()));
        Assert.Equal(10, result.Json.GetProperty("points").GetInt32());
        Assert.Single(result.Json.GetProperty("anomalies").EnumerateArray());
    }

    [Theory]
    [InlineData("--detector", "zscore", "unknown detector 'zscore'")]
    [InlineData("--param", "lambda=0.3", "detector 'robust-z' has no parameter 'lambda'")]
    [InlineData("--param", "window", "is not NAME=VALUE")]
    public void Detect_usage_errors_exit_1_with_a_message(string option, string value, string message)
    {
        var csv = _cli.Write("spike.csv", SpikeCsv);
        var args = option == "--param" ? new[] { "detect", "--csv", csv, "--detector", "robust-z", option, value } : ["detect", "--csv", csv, option, value];

        var result = _cli.Run(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public void Detect_on_a_missing_file_exits_1()
    {
        var result = _cli.Run("detect", "--csv", Path.Combine(_cli.Files, "nope.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no such file", result.Error);
    }

    [Fact]
    public void Detect_on_a_file_without_data_rows_fails_with_exit_3_and_names_the_bad_rows()
    {
        var csv = _cli.Write("junk.csv", "timestamp,value\nnot,a number\n");

        var result = _cli.Run("detect", "--csv", csv);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("row 2: timestamp 'not'", result.Error);
        Assert.Contains("no data rows", result.Error);
    }

    [Fact]
    public void Detect_on_a_terminal_shows_a_table_and_a_marked_sparkline_and_can_write_an_SVG()
    {
        var csv = _cli.Write("spike.csv", SpikeCsv);
        var svg = Path.Combine(_cli.Files, "spike.svg");

        var result = _cli.Run(terminal: true, "detect", "--csv", csv, "--detector", "robust-z", "--param", "window=10", "--param", "min-periods=10", "--svg", svg);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 anomalies", result.Console);
        Assert.Contains("▲", result.Console);
        Assert.Contains("2024-01-01T10:00:00Z", result.Console);
        Assert.True(File.Exists(svg));
        Assert.Contains("<svg", File.ReadAllText(svg));
    }

    /// <summary>
    /// A tiny NAB-like corpus: a.csv has a spike of 30 at hour 100 inside the window 90–109 (10 ± 1 elsewhere); b.csv has
    /// no spike and no window. Naive learns on the first 30 points (mean 10.0333, s 0.7184) and flags only the spike.
    /// </summary>
    private string TinyNab(bool withMissingFile = false)
    {
        string Series(int? spike) => "timestamp,value\n" + string.Concat(Enumerable.Range(0, 200).Select(i =>
            $"{new DateTime(2015, 1, 1).AddHours(i):yyyy-MM-dd HH:mm:ss},{(i == spike ? 30 : 10 + new[] { 0, 1, 0, -1 }[i % 4])}\n"));
        _cli.Write("nab/data/x/a.csv", Series(100));
        _cli.Write("nab/data/x/b.csv", Series(null));
        _cli.Write("nab/labels/combined_windows.json", "{\"x/a.csv\": [[\"2015-01-04 18:00:00.000000\", \"2015-01-05 13:00:00.000000\"]], \"x/b.csv\": []"
            + (withMissingFile ? ", \"x/gone.csv\": []" : "") + "}");
        return Path.Combine(_cli.Files, "nab");
    }

    [Fact]
    public void Backtest_nab_scores_the_naive_baseline_by_hand()
    {
        var result = _cli.Run("backtest", "--nab", TinyNab(), "--detector", "naive");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        Assert.Equal((2, 400, 1), (json.GetProperty("series").GetInt32(), json.GetProperty("points").GetInt32(), json.GetProperty("windows").GetInt32()));
        var naive = Assert.Single(json.GetProperty("detectors").EnumerateArray());
        // Window 90–109 (W = 20), detection at 100: y = −0.5, σ = 0.848284; normalised 100·1.848284/1.986614 = 93.0369.
        Assert.Equal(93.0369, naive.GetProperty("nab").GetProperty("standard").GetProperty("score").GetDouble());
        Assert.Equal(93.0369, naive.GetProperty("own_threshold").GetProperty("nab_standard").GetDouble());
        var metrics = naive.GetProperty("metrics");
        Assert.Equal(1, metrics.GetProperty("precision").GetDouble());
        Assert.Equal(1, metrics.GetProperty("recall").GetDouble());
        Assert.Equal(-1800, metrics.GetProperty("mean_lead_seconds").GetDouble());
        Assert.Equal(0, metrics.GetProperty("false_alerts_per_1000").GetDouble());
        Assert.Equal(70.5, json.GetProperty("reference")[0].GetProperty("nab_standard").GetDouble());
        Assert.Empty(json.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public void Backtest_nab_runs_every_detector_by_default_and_prints_the_reference_scores_on_a_terminal()
    {
        var result = _cli.Run(terminal: true, "backtest", "--nab", TinyNab());

        Assert.Equal(0, result.ExitCode);
        foreach (var name in new[] { "robust-z", "ewma", "cusum", "count", "seasonal", "level-shift", "naive", "ensemble", "auto", "Numenta HTM", "70.5", "windowed Gaussian" })
        {
            Assert.Contains(name, result.Console);
        }
    }

    [Fact]
    public void Backtest_nab_names_a_missing_file_and_exits_2()
    {
        var result = _cli.Run("backtest", "--nab", TinyNab(withMissingFile: true), "--detector", "naive");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("x/gone.csv", result.Json.GetProperty("problems")[0].GetString());
        Assert.Equal(93.0369, result.Json.GetProperty("detectors")[0].GetProperty("nab").GetProperty("standard").GetProperty("score").GetDouble());
    }

    [Fact]
    public void Backtest_csv_with_labels_scores_one_file()
    {
        TinyNab();
        var labels = _cli.Write("labels.json", "[[\"2015-01-04 18:00:00\", \"2015-01-05 13:00:00\"]]");

        var result = _cli.Run("backtest", "--csv", Path.Combine(_cli.Files, "nab", "data", "x", "a.csv"), "--labels", labels, "--detector", "naive", "--detector", "robust-z");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("csv", result.Json.GetProperty("mode").GetString());
        Assert.Equal(["naive", "robust-z"], result.Json.GetProperty("detectors").EnumerateArray().Select(d => d.GetProperty("detector").GetString()));
        Assert.Equal(93.0369, result.Json.GetProperty("detectors")[0].GetProperty("own_threshold").GetProperty("nab_standard").GetDouble());
    }

    [Theory]
    [InlineData(new[] { "backtest" }, "give --csv FILE --labels WINDOWS.json, --indicator ID --labels WINDOWS.json, or --nab DIR")]
    [InlineData(new[] { "backtest", "--csv", "a.csv" }, "--csv needs --labels")]
    [InlineData(new[] { "backtest", "--indicator", "x" }, "--indicator needs --labels")]
    [InlineData(new[] { "backtest", "--nab", "DIR", "--param", "window=5" }, "--param applies to one detector")]
    [InlineData(new[] { "backtest", "--nab", "DIR", "--detector", "ewma", "--param", "lambda=2" }, "ewma lambda: 2 is out of range")]
    [InlineData(new[] { "backtest", "--nab", "/no/such/dir", "--detector", "naive" }, "no such directory")]
    public void Backtest_usage_errors_exit_1(string[] args, string message)
    {
        var dir = TinyNab();
        var result = _cli.Run(args.Select(a => a == "DIR" ? dir : a).ToArray());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error);
    }
}
