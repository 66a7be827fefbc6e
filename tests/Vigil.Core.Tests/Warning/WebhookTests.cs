using System.Diagnostics;
using System.Text.Json.Nodes;
using Vigil.Core.Alerts;
using static Vigil.Core.Tests.Warning.WarningData;

namespace Vigil.Core.Tests.Warning;

public sealed class WebhookTests
{
    private static Alert SampleAlert()
    {
        var series = Series(Indicator(), 2, 3, 15, 16);
        return AlertEngine.Plan(series, Verdicts(series, Flag(AlertSeverity.High, 2, 3)), [], Noon).Created.Single() with { Id = 7 };
    }

    [Fact]
    public async Task A_server_that_fails_twice_gets_three_posts_of_the_alert_json_with_doubling_backoff()
    {
        using var server = new LoopbackServer(n => n < 2 ? 500 : 200);
        using var client = WebhookChannel.CreateClient();
        var time = new ManualTime(Noon);
        var alert = SampleAlert();
        var channel = new WebhookChannel(client, new WebhookOptions(server.Url, TimeSpan.FromSeconds(10), 3, TimeSpan.FromSeconds(1)), time);

        var delivery = await channel.DeliverAsync(alert, TestContext.Current.CancellationToken);

        Assert.True(delivery.Succeeded);
        Assert.Equal((3, 200, (string?)null), (delivery.Attempts, delivery.Status, delivery.Error));
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r =>
        {
            Assert.Equal(("POST", "/hook"), (r.Method, r.Path));
            Assert.StartsWith("application/json", r.Headers["Content-Type"], StringComparison.Ordinal);
            Assert.Equal("7", r.Headers["X-Vigil-Alert"]);
            Assert.Equal(AlertJson.Payload(alert), r.Body);
        });
        var body = JsonNode.Parse(server.Requests[2].Body)!;
        Assert.Equal((7L, "mentions", "high", "2024-03", "2024-04"),
            (body["id"]!.GetValue<long>(), body["indicator"]!.GetValue<string>(), body["severity"]!.GetValue<string>(), body["first"]!.GetValue<string>(), body["last"]!.GetValue<string>()));
        // Backoff 1 s then 2 s, on the injected clock (no real waiting).
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], time.Delays);
    }

    [Fact]
    public async Task Retries_stop_after_the_limit_and_the_failure_names_the_last_status()
    {
        using var server = new LoopbackServer(_ => 503);
        using var client = WebhookChannel.CreateClient();
        var time = new ManualTime(Noon);
        var delivery = await new WebhookChannel(client, new WebhookOptions(server.Url, TimeSpan.FromSeconds(10), 2, TimeSpan.FromSeconds(1)), time)
            .DeliverAsync(SampleAlert(), TestContext.Current.CancellationToken);
        Assert.False(delivery.Succeeded);
        Assert.Equal((3, 503), (delivery.Attempts, delivery.Status));
        Assert.Equal("HTTP 503 Error after 3 attempt(s)", delivery.Error);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_client_error_is_final_and_not_retried()
    {
        using var server = new LoopbackServer(_ => 404);
        using var client = WebhookChannel.CreateClient();
        var delivery = await new WebhookChannel(client, new WebhookOptions(server.Url, TimeSpan.FromSeconds(10), 3, TimeSpan.FromSeconds(1)), new ManualTime(Noon))
            .DeliverAsync(SampleAlert(), TestContext.Current.CancellationToken);
        Assert.False(delivery.Succeeded);
        Assert.Equal((1, 404), (delivery.Attempts, delivery.Status));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_on_each_attempt()
    {
        using var server = new LoopbackServer(_ => null);
        using var client = WebhookChannel.CreateClient();
        var time = new ManualTime(Noon);
        var watch = Stopwatch.StartNew();
        var delivery = await new WebhookChannel(client, new WebhookOptions(server.Url, TimeSpan.FromMilliseconds(300), 1, TimeSpan.FromSeconds(5)), time)
            .DeliverAsync(SampleAlert(), TestContext.Current.CancellationToken);
        watch.Stop();

        Assert.False(delivery.Succeeded);
        Assert.Equal((2, (int?)null), (delivery.Attempts, delivery.Status));
        Assert.Equal("no answer within 0.3 s (timeout) after 2 attempt(s)", delivery.Error);
        Assert.Equal(2, server.Requests.Count);
        // Two timeouts of 0.3 s of real time; the 5 s backoff ran on the injected clock.
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(550), TimeSpan.FromSeconds(4));
        Assert.Equal([TimeSpan.FromSeconds(5)], time.Delays);
    }

    [Fact]
    public async Task A_refused_connection_is_a_network_error()
    {
        // A port that was free a moment ago: nothing listens there now.
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var client = WebhookChannel.CreateClient();
        var delivery = await new WebhookChannel(client, new WebhookOptions(new Uri($"http://127.0.0.1:{port}/x"), TimeSpan.FromSeconds(5), 0, TimeSpan.Zero), new ManualTime(Noon))
            .DeliverAsync(SampleAlert(), TestContext.Current.CancellationToken);
        Assert.False(delivery.Succeeded);
        Assert.StartsWith("network error", delivery.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.org/x", 10, 3, 1, "not an absolute http")]
    [InlineData("http://127.0.0.1/x", 0, 3, 1, "timeout must be more than 0")]
    [InlineData("http://127.0.0.1/x", 10, 11, 1, "retries must be 0 to 10")]
    [InlineData("http://127.0.0.1/x", 10, 3, -1, "backoff must be 0 to 300")]
    public void Bad_webhook_settings_name_the_field(string url, double timeout, int retries, double backoff, string message) =>
        Assert.Contains(message, WebhookOptions.Check(url, timeout, retries, backoff), StringComparison.Ordinal);

    [Fact]
    public void The_config_file_round_trips_and_a_bad_field_is_named()
    {
        var config = new WarningConfig
        {
            Budget = new AlertBudget(1, 2, 3, null),
            JsonLines = "/tmp/a.jsonl",
            Webhook = new WebhookOptions(new Uri("http://127.0.0.1:9/x"), TimeSpan.FromSeconds(2.5), 4, TimeSpan.FromSeconds(0.5)),
        };
        var (back, error) = WarningConfig.Parse(config.ToJson().ToJsonString(), "warning.json");
        Assert.Null(error);
        Assert.Equal(config, back);

        Assert.Equal("warning.json: field budget.high must be a whole number ≥ 0, or null for no limit",
            WarningConfig.Parse("""{"budget":{"high":-1}}""", "warning.json").Error);
        Assert.Contains("field webhook.url", WarningConfig.Parse("""{"webhook":{"url":3}}""", "warning.json").Error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", WarningConfig.Parse("{", "warning.json").Error, StringComparison.Ordinal);
        // Fields left out keep their defaults.
        Assert.Equal(new AlertBudget(3, 5, 1, null), WarningConfig.Parse("""{"budget":{"high":1}}""", "w").Config!.Budget);
    }
}
