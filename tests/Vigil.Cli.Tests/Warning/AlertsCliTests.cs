using System.Text.Json;
using Vigil.Core.Alerts;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Tests.Warning;

/// <summary><c>vigil alerts</c>: listing by state, ack/resolve with history, show, and the delivery settings.</summary>
public sealed class AlertsCliTests : IDisposable
{
    private static readonly DateTimeOffset Raised = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Stores alerts 1 (new, high), 2 (suppressed, low) and 3 (new, medium) as a watch would.</summary>
    private void Seed()
    {
        Alert Make(string indicator, AlertSeverity severity, AlertState state, string period) => new()
        {
            Id = 0, Indicator = indicator, State = state, Severity = severity, Detector = "robust-z", FirstPeriod = period, LastPeriod = period,
            FirstAt = new DateTimeOffset(DateTime.Parse(period + "-01", System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero),
            LastAt = new DateTimeOffset(DateTime.Parse(period + "-01", System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero),
            Points = 1, PeakPeriod = period, Value = 12, Baseline = 2, Score = 0.8, Explanation = $"{indicator} was unusual in {period}.",
            Documents = [new EvidenceDocument("0123456789abcdef", "A report", "2024-03-02", 12, [new EvidenceSpan(5, 9, "出口管制")])],
            RaisedAt = Raised, History = [new AlertHistoryEntry(state, "watch", Raised, null)],
        };
        using var store = SqliteWarningStore.Open(_cli.DataDirectory);
        store.Commit([Make("ec", AlertSeverity.High, AlertState.New, "2024-03"), Make("gdp", AlertSeverity.Low, AlertState.Suppressed, "2024-04"),
            Make("ec", AlertSeverity.Medium, AlertState.New, "2024-06")], []);
    }

    private static long[] Ids(CliRunner.Result result) => result.Json.EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ToArray();

    [Fact]
    public void Alerts_are_listed_by_state_with_suppressed_ones_among_the_open()
    {
        Seed();
        Assert.Equal([1L, 2, 3], Ids(_cli.Run("alerts")));
        Assert.Equal([2L], Ids(_cli.Run("alerts", "--state", "suppressed")));
        Assert.Equal([1L, 3], Ids(_cli.Run("alerts", "--state", "new")));
        Assert.Equal([1L, 3], Ids(_cli.Run("alerts", "--indicator", "ec")));
        Assert.Equal(1, _cli.Run("alerts", "--state", "sleeping").ExitCode);

        var alert = _cli.Run("alerts").Json[0];
        Assert.Equal(["id", "indicator", "state", "severity", "detector", "first", "last", "first_at", "last_at", "points", "peak", "value", "baseline", "score",
            "explanation", "evidence", "raised_at", "history", "deliveries"], alert.EnumerateObject().Select(p => p.Name));
        var doc = alert.GetProperty("evidence").GetProperty("documents")[0];
        Assert.Equal(("0123456789abcdef", 5, 9), (doc.GetProperty("id").GetString(), doc.GetProperty("spans")[0].GetProperty("start").GetInt32(), doc.GetProperty("spans")[0].GetProperty("end").GetInt32()));
        Assert.Equal("2025-03-10T12:00:00Z", alert.GetProperty("raised_at").GetString());
    }

    [Fact]
    public void Ack_and_resolve_move_an_alert_and_record_who_and_why()
    {
        Seed();
        var acked = _cli.Run("alerts", "ack", "1", "--by", "china desk", "--note", "checking the source");
        Assert.Equal(0, acked.ExitCode);
        Assert.Equal("acknowledged", acked.Json.GetProperty("state").GetString());
        Assert.Equal(1, _cli.Run("alerts", "ack", "1").ExitCode);
        Assert.Contains("already acknowledged", _cli.Run("alerts", "ack", "1").Error, StringComparison.Ordinal);

        Assert.Equal(0, _cli.Run("alerts", "resolve", "1", "--by", "editor").ExitCode);
        Assert.Equal(0, _cli.Run("alerts", "ack", "2").ExitCode); // a suppressed alert can be acknowledged
        var history = _cli.Run("alerts", "show", "1").Json.GetProperty("history").EnumerateArray()
            .Select(h => (h.GetProperty("state").GetString(), h.GetProperty("by").GetString(), h.GetProperty("note").GetString())).ToList();
        Assert.Equal([("new", "watch", null), ("acknowledged", "china desk", "checking the source"), ("resolved", "editor", null)], history);
        Assert.Equal([1L], Ids(_cli.Run("alerts", "--state", "resolved")));
        Assert.Equal([2L, 3], Ids(_cli.Run("alerts")));
        Assert.Contains("no alert 42", _cli.Run("alerts", "resolve", "42").Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ack_waits_while_another_process_holds_the_alerts()
    {
        Seed();

        // A server (or another CLI) on the same data, in the middle of a watch.
        using var server = SqliteWarningStore.Open(_cli.DataDirectory);
        var held = server.LockChanges(cancellationToken: TestContext.Current.CancellationToken);
        var ack = Task.Run(() => _cli.Run("alerts", "ack", "1", "--by", "china desk"));
        await Task.Delay(400, TestContext.Current.CancellationToken);
        Assert.False(ack.IsCompleted, "the ack did not wait for the other process");
        Assert.Equal(AlertState.New, server.GetAlert(1)!.State);

        held.Dispose();
        var result = await ack.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(AlertState.Acknowledged, server.GetAlert(1)!.State);
    }

    [Fact]
    public void The_terminal_views_show_severity_state_and_evidence()
    {
        Seed();
        var table = _cli.Run(terminal: true, "alerts").Console;
        Assert.Contains("suppressed", table, StringComparison.Ordinal);
        Assert.Contains("high", table, StringComparison.Ordinal);
        var shown = _cli.Run(terminal: true, "alerts", "show", "1").Console;
        Assert.Contains("0123456789abcdef A report", shown, StringComparison.Ordinal);
        Assert.Contains("5–9 出口管制", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Webhook_jsonl_and_budget_settings_are_kept_in_warning_json()
    {
        var set = _cli.Run("alerts", "webhook", "set", "http://127.0.0.1:8080/hook", "--timeout", "2.5", "--retries", "4", "--backoff", "0.5");
        Assert.Equal(0, set.ExitCode);
        Assert.Equal("""{"budget":{"low":3,"medium":5,"high":10,"critical":null},"jsonl":null,"webhook":{"url":"http://127.0.0.1:8080/hook","timeout_seconds":2.5,"retries":4,"backoff_seconds":0.5}}""",
            set.Out.Trim());
        Assert.Equal(0, _cli.Run("alerts", "budget", "--high", "2", "--critical", "none", "--low", "0").ExitCode);
        var jsonl = Path.Combine(_cli.Root, "alerts.jsonl");
        Assert.Equal(0, _cli.Run("alerts", "jsonl", "set", jsonl).ExitCode);

        var saved = JsonDocument.Parse(File.ReadAllText(Path.Combine(_cli.DataDirectory, "warning.json"))).RootElement;
        Assert.Equal((0, 5, 2), (saved.GetProperty("budget").GetProperty("low").GetInt32(), saved.GetProperty("budget").GetProperty("medium").GetInt32(),
            saved.GetProperty("budget").GetProperty("high").GetInt32()));
        Assert.Equal(JsonValueKind.Null, saved.GetProperty("budget").GetProperty("critical").ValueKind);
        Assert.Equal(jsonl, saved.GetProperty("jsonl").GetString());

        Assert.Equal(0, _cli.Run("alerts", "webhook", "remove").ExitCode);
        Assert.Equal(JsonValueKind.Null, _cli.Run("alerts", "webhook", "show").Json.GetProperty("webhook").ValueKind);
        Assert.Contains("not an absolute http:// or https:// URL", _cli.Run("alerts", "webhook", "set", "file:///etc/passwd").Error, StringComparison.Ordinal);
        Assert.Contains("--high 'lots'", _cli.Run("alerts", "budget", "--high", "lots").Error, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(_cli.DataDirectory, "warning.json"), "{\"budget\":{\"high\":\"two\"}}");
        var broken = _cli.Run("alerts", "budget");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("warning.json: field budget.high must be a whole number", broken.Error, StringComparison.Ordinal);
    }
}
