using System.Text.Json.Nodes;
using Vigil.Core.Indicators;

namespace Vigil.Core.Alerts;

/// <summary>
/// One watch as <c>vigil watch</c> and <c>POST /api/watch</c> run it: the channels of <c>warning.json</c> (JSON Lines,
/// webhook), the <see cref="Watcher"/> over the data directory's series, and the report's JSON.
/// </summary>
public static class WatchRun
{
    /// <summary>Runs the watch with the delivery channels and budget of <paramref name="config"/>.</summary>
    public static async Task<WatchReport> RunAsync(WarningConfig config, IIndicatorStore indicators, IAlertStore alerts, IndicatorSeriesBuilder builder,
        TimeProvider time, IReadOnlyCollection<string>? only = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(time);
        using var client = config.Webhook is null ? null : WebhookChannel.CreateClient();
        var channels = new List<IAlertChannel>();
        if (config.JsonLines is { } path)
        {
            channels.Add(new JsonLinesChannel(path, time));
        }

        if (config.Webhook is { } webhook)
        {
            channels.Add(new WebhookChannel(client!, webhook, time));
        }

        var watcher = new Watcher(indicators, alerts, builder, new DetectorEvaluator(), time);
        return await watcher.RunAsync(config.Budget, channels, only, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The report as <c>vigil watch --json</c> writes it (docs/alerts.md).</summary>
    public static JsonObject ToJson(WatchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["new"] = report.New.Count,
            ["ongoing"] = report.Ongoing.Count,
            ["changed"] = report.Changed.Count,
            ["suppressed"] = report.Suppressed.Count,
            ["indicators"] = new JsonArray([.. report.Indicators.Select(o => (JsonNode)new JsonObject
            {
                ["id"] = o.Indicator,
                ["points"] = o.Points,
                ["flagged"] = o.Flagged,
                ["new"] = o.New,
                ["suppressed"] = o.Suppressed,
                ["ongoing"] = o.Ongoing,
                ["error"] = o.Error,
            })]),
            ["alerts"] = new JsonArray([.. report.New.Concat(report.Suppressed).OrderBy(a => a.Id).Select(a => (JsonNode)AlertJson.ToJson(a, includeDeliveries: false))]),
            ["deliveries"] = new JsonArray([.. report.Deliveries.Select(d => (JsonNode)new JsonObject
            {
                ["alert"] = d.Alert,
                ["channel"] = d.Delivery.Channel,
                ["target"] = d.Delivery.Target,
                ["ok"] = d.Delivery.Succeeded,
                ["attempts"] = d.Delivery.Attempts,
                ["status"] = d.Delivery.Status,
                ["error"] = d.Delivery.Error,
            })]),
        };
    }
}
