using Vigil.Core.Domains;
using Vigil.Core.Events;
using Vigil.Core.Geo;
using Vigil.Core.Indicators;
using Vigil.Core.Storage;

namespace Vigil.Core.Alerts;

/// <summary>
/// One watch as <c>vigil watch</c> runs it, for every interface: the indicator series from documents, events and
/// imported series, the configured delivery channels (JSON Lines, webhook) and the <see cref="Watcher"/>. The CLI and
/// the web API (after an events import) both call this, so a watch means the same thing wherever it starts.
/// </summary>
public static class WatchRun
{
    /// <summary>The series builder over the data directory's documents, events and imported series.</summary>
    /// <param name="classifierFor">The domain classifier of a taxonomy version (null when that version cannot be loaded).</param>
    public static IndicatorSeriesBuilder SeriesBuilder(IDocumentStore documents, IIndicatorStore indicators, IEventStore events, Func<string, DomainClassifier?> classifierFor)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(classifierFor);
        return new IndicatorSeriesBuilder([new DocumentSeriesSource(documents, classifierFor), new EventSeriesSource(events, Gazetteer.BuiltIn, documents),
            new ImportedSeriesSource(indicators)]);
    }

    /// <summary>Evaluates the indicators (all, or <paramref name="only"/>), raises alerts within the budget and delivers them as configured.</summary>
    public static async Task<WatchReport> RunAsync(WarningConfig config, IIndicatorStore indicators, IAlertStore alerts, IndicatorSeriesBuilder series, TimeProvider time,
        IReadOnlyCollection<string>? only = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
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

        var watcher = new Watcher(indicators, alerts, series, new DetectorEvaluator(), time);
        return await watcher.RunAsync(config.Budget, channels, only, cancellationToken).ConfigureAwait(false);
    }
}
