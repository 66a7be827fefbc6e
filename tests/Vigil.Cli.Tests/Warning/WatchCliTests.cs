using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Core.Tests.Warning;

namespace Vigil.Cli.Tests.Warning;

/// <summary><c>vigil watch</c> with the real detectors: dedupe, idempotence, budget, JSON Lines and webhook delivery.</summary>
public sealed class WatchCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>
    /// robust-z scores from the 21st point on (min-periods 20). 20 months cycling 10, 11, 12 (median 11, MAD 1: a robust z of at most ±0.67), then 40, 41, 42 in 2024-09 to
    /// 2024-11 (z ≈ +20 against the median, far past the 3.5 threshold), then 11, 10.
    /// </summary>
    private string SpikeCsv(string name, int spikeStart = 20)
    {
        var lines = new List<string> { "timestamp,value" };
        var month = new DateOnly(2023, 1, 1);
        for (var i = 0; i < 25; i++, month = month.AddMonths(1))
        {
            var value = i >= spikeStart && i < spikeStart + 3 ? 40 + (i - spikeStart) : 10 + (i % 3);
            lines.Add($"{month:yyyy-MM},{value}");
        }

        return _cli.Write(name, string.Join("\n", lines) + "\n");
    }

    private void AddSpike(string id, int spikeStart = 20) =>
        Assert.Equal(0, _cli.Run("indicators", "add", id, "--name", $"Notices {id}", "--csv", SpikeCsv(id + ".csv", spikeStart), "--detector", "robust-z").ExitCode);

    [Fact]
    public void A_three_month_spike_gives_one_alert_and_watching_again_gives_none()
    {
        AddSpike("n");
        var first = _cli.Run("watch");
        Assert.Equal(0, first.ExitCode);
        var report = first.Json;
        Assert.Equal((1, 0, 0), (report.GetProperty("new").GetInt32(), report.GetProperty("ongoing").GetInt32(), report.GetProperty("suppressed").GetInt32()));
        var alert = report.GetProperty("alerts")[0];
        Assert.Equal(("2024-09", "2024-11", 3, "robust-z", "critical"), (alert.GetProperty("first").GetString(), alert.GetProperty("last").GetString(),
            alert.GetProperty("points").GetInt32(), alert.GetProperty("detector").GetString(), alert.GetProperty("severity").GetString()));
        Assert.InRange(alert.GetProperty("value").GetDouble(), 40, 42);
        Assert.Contains("was unusual for 3 consecutive months, 2024-09 to 2024-11", alert.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains("robust z +", alert.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var indicator = report.GetProperty("indicators")[0];
        Assert.Equal((25, 3), (indicator.GetProperty("points").GetInt32(), indicator.GetProperty("flagged").GetInt32()));

        var second = _cli.Run("watch").Json;
        Assert.Equal((0, 1, 0), (second.GetProperty("new").GetInt32(), second.GetProperty("ongoing").GetInt32(), second.GetProperty("changed").GetInt32()));
        Assert.Single(_cli.Run("alerts", "--state", "all").Json.EnumerateArray());
        Assert.Single(_cli.Run("alerts", "show", "1").Json.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public void Over_the_budget_alerts_are_suppressed_and_still_listed()
    {
        AddSpike("a", 20);
        AddSpike("b", 21);
        AddSpike("c", 19);
        Assert.Equal(0, _cli.Run("alerts", "budget", "--critical", "2").ExitCode);
        var report = _cli.Run("watch").Json;
        Assert.Equal((2, 1), (report.GetProperty("new").GetInt32(), report.GetProperty("suppressed").GetInt32()));
        // The most recent anomalies go first: b (to 2024-12) and a (to 2024-11) are raised, c (to 2024-10) is suppressed.
        var suppressed = _cli.Run("alerts", "--state", "suppressed").Json.EnumerateArray().Single();
        Assert.Equal("c", suppressed.GetProperty("indicator").GetString());
        Assert.Contains("the critical budget of 2", suppressed.GetProperty("history")[0].GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, _cli.Run("alerts").Json.GetArrayLength());
        Assert.Equal(0, _cli.Run("watch").Json.GetProperty("suppressed").GetInt32()); // nothing new to budget
    }

    [Fact]
    public void New_alerts_are_appended_to_a_json_lines_file_once()
    {
        AddSpike("n");
        var file = Path.Combine(_cli.Root, "alerts.jsonl");
        Assert.Equal(0, _cli.Run("watch", "--jsonl", file).ExitCode);
        Assert.Equal(0, _cli.Run("watch", "--jsonl", file).ExitCode);
        var line = Assert.Single(File.ReadAllLines(file));
        var shown = JsonNode.Parse(_cli.Run("alerts", "show", "1").Out)!.AsObject();
        shown.Remove("deliveries");
        Assert.Equal(shown.ToJsonString(), JsonNode.Parse(line)!.ToJsonString());
        Assert.Equal("jsonl", _cli.Run("alerts", "show", "1").Json.GetProperty("deliveries")[0].GetProperty("channel").GetString());
    }

    [Fact]
    public void A_webhook_that_fails_first_gets_the_alert_on_a_retry()
    {
        AddSpike("n");
        using var server = new LoopbackServer(n => n == 0 ? 500 : 200);
        Assert.Equal(0, _cli.Run("alerts", "webhook", "set", server.Url.ToString(), "--retries", "2", "--backoff", "0", "--timeout", "5").ExitCode);
        var report = _cli.Run("watch");
        Assert.Equal(0, report.ExitCode);
        var delivery = report.Json.GetProperty("deliveries")[0];
        Assert.Equal((true, 2, 200), (delivery.GetProperty("ok").GetBoolean(), delivery.GetProperty("attempts").GetInt32(), delivery.GetProperty("status").GetInt32()));
        Assert.Equal(2, server.Requests.Count);
        var shown = JsonNode.Parse(_cli.Run("alerts", "show", "1").Out)!.AsObject();
        shown.Remove("deliveries");
        Assert.All(server.Requests, r => Assert.Equal(shown.ToJsonString(), JsonNode.Parse(r.Body)!.ToJsonString()));
    }

    [Fact]
    public void A_webhook_that_never_answers_times_out_the_alert_is_kept_and_the_next_watch_delivers_it()
    {
        AddSpike("n");
        using (var silent = new LoopbackServer(_ => null))
        {
            _cli.Run("alerts", "webhook", "set", silent.Url.ToString(), "--retries", "0", "--timeout", "0.3");
            var report = _cli.Run("watch");
            Assert.Equal(2, report.ExitCode);
            Assert.Contains("alert 1: webhook", report.Error, StringComparison.Ordinal);
            Assert.Contains("no answer within 0.3 s (timeout) after 1 attempt(s)", report.Error, StringComparison.Ordinal);
            var stored = _cli.Run("alerts", "show", "1").Json;
            Assert.Equal("new", stored.GetProperty("state").GetString());
            var failed = stored.GetProperty("deliveries")[0];
            Assert.Equal((false, 1, JsonValueKind.Null), (failed.GetProperty("ok").GetBoolean(), failed.GetProperty("attempts").GetInt32(), failed.GetProperty("status").ValueKind));
        }

        using var working = new LoopbackServer(_ => 204);
        _cli.Run("alerts", "webhook", "set", working.Url.ToString(), "--retries", "0");
        var retry = _cli.Run("watch");
        Assert.Equal(0, retry.ExitCode);
        Assert.Equal(0, retry.Json.GetProperty("new").GetInt32());
        Assert.Single(working.Requests);
        Assert.Equal(2, _cli.Run("alerts", "show", "1").Json.GetProperty("deliveries").GetArrayLength());
        Assert.Equal(0, _cli.Run("watch").ExitCode);
        Assert.Single(working.Requests); // delivered once: nothing pending any more
    }

    [Fact]
    public void The_same_data_in_two_directories_gives_the_same_alerts_apart_from_clock_times()
    {
        static string WithoutTimes(string json)
        {
            var array = JsonNode.Parse(json)!.AsArray();
            foreach (var alert in array)
            {
                alert!.AsObject().Remove("raised_at");
                foreach (var h in alert["history"]!.AsArray())
                {
                    h!.AsObject().Remove("at");
                }
            }

            return array.ToJsonString();
        }

        AddSpike("n");
        AddSpike("m", 22);
        _cli.Run("watch");
        using var other = new CliRunner();
        foreach (var id in new[] { "m", "n" })
        {
            var csv = other.Write(id + ".csv", File.ReadAllText(Path.Combine(_cli.Files, id + ".csv")));
            other.Run("indicators", "add", id, "--name", $"Notices {id}", "--csv", csv, "--detector", "robust-z");
        }

        other.Run("watch");
        Assert.Equal(WithoutTimes(_cli.Run("alerts", "--state", "all").Out), WithoutTimes(other.Run("alerts", "--state", "all").Out));
        Assert.Equal(2, JsonNode.Parse(_cli.Run("alerts", "--state", "all").Out)!.AsArray().Count);
    }

    [Fact]
    public void An_unknown_indicator_or_a_broken_settings_file_is_a_usage_error()
    {
        Assert.Contains("no indicator 'x'", _cli.Run("watch", "--indicator", "x").Error, StringComparison.Ordinal);
        Directory.CreateDirectory(_cli.DataDirectory);
        File.WriteAllText(Path.Combine(_cli.DataDirectory, "warning.json"), "[1]");
        var broken = _cli.Run("watch");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("warning.json: must be a JSON object", broken.Error, StringComparison.Ordinal);
    }
}
