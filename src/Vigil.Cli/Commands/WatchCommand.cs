using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vigil.Core.Alerts;
using Vigil.Core.Storage;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil watch [--indicator ID…] [--jsonl FILE]</c>: evaluates the indicators, raises and delivers alerts
/// (docs/alerts.md). <see cref="RunAfterAsync"/> is the same watch for other commands to run after they add data.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(CliContext context)
    {
        var indicators = new Option<string[]>("--indicator") { Description = "Only these indicators (repeatable; default: all)", AllowMultipleArgumentsPerToken = true, HelpName = "ID" };
        var jsonl = new Option<string?>("--jsonl") { Description = "Append new alerts to this JSON Lines file (instead of the configured one, for this run)", HelpName = "FILE" };
        var command = new Command("watch", "Evaluate every indicator with its detector; raise, budget and deliver alerts (terminal, JSON Lines, webhook)")
        {
            indicators, jsonl,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            var (config, error) = WarningConfig.Load(dataDirectory);
            if (config is null)
            {
                return context.Usage(error!);
            }

            if (parse.GetValue(jsonl) is { } file)
            {
                config = config with { JsonLines = Path.GetFullPath(file) };
            }

            using var documents = SqliteDocumentStore.Open(dataDirectory);
            using var store = SqliteWarningStore.Open(dataDirectory);
            var only = parse.GetValue(indicators) is { Length: > 0 } ids ? ids.Distinct(StringComparer.Ordinal).ToList() : null;
            var unknown = only?.Where(i => store.GetIndicator(i) is null).ToList() ?? [];
            if (unknown.Count > 0)
            {
                return context.Usage($"no indicator {string.Join(", ", unknown.Select(u => $"'{u}'"))}; 'vigil indicators list' shows the ids.");
            }

            var report = await RunAsync(context, dataDirectory, config, documents, store, only, cancellationToken).ConfigureAwait(false);
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                WarningArguments.WriteNode(context, Json(report));
            }
            else
            {
                Render(context, report);
            }

            foreach (var outcome in report.Indicators.Where(o => o.Error is not null))
            {
                context.Error.WriteLine($"vigil: {outcome.Error}");
            }

            foreach (var (alert, delivery) in report.Deliveries.Where(d => !d.Delivery.Succeeded))
            {
                context.Error.WriteLine($"vigil: alert {alert}: {delivery.Channel} {delivery.Target}: {delivery.Error}; the alert is kept and the next watch tries again");
            }

            return report.HasFailures ? ExitCodes.Partial : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The watch as other commands run it after adding data (ingest, events import): does nothing when no indicator is
    /// defined; otherwise evaluates every indicator, delivers as configured and writes one summary line to standard
    /// error. Returns 2 when an indicator failed or a delivery failed (the alerts are stored either way), 1 when
    /// warning.json is malformed, else 0.
    /// </summary>
    public static async Task<int> RunAfterAsync(CliContext context, string dataDirectory, IDocumentStore documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(documents);
        using var store = SqliteWarningStore.Open(dataDirectory);
        if (store.ListIndicators().Count == 0)
        {
            return ExitCodes.Success;
        }

        var (config, error) = WarningConfig.Load(dataDirectory);
        if (config is null)
        {
            return context.Usage($"watch not run: {error}");
        }

        var report = await RunAsync(context, dataDirectory, config, documents, store, null, cancellationToken).ConfigureAwait(false);
        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vigil: watch: {report.New.Count} new alert(s), {report.Ongoing.Count} ongoing, {report.Suppressed.Count} suppressed{(report.HasFailures ? "; some indicators or deliveries failed ('vigil watch' says which)" : "")} ('vigil alerts' lists them)"));
        return report.HasFailures ? ExitCodes.Partial : ExitCodes.Success;
    }

    private static async Task<WatchReport> RunAsync(CliContext context, string dataDirectory, WarningConfig config, IDocumentStore documents, SqliteWarningStore store,
        IReadOnlyCollection<string>? only, CancellationToken cancellationToken)
    {
        using var events = SqliteEventStore.Open(dataDirectory);

        // One watch or alert change at a time on these data, across processes (a server acknowledging an alert included).
        using var held = store.LockChanges(cancellationToken: cancellationToken);
        return await WatchRun.RunAsync(config, store, store, WarningArguments.SeriesBuilder(context, dataDirectory, documents, store, events), context.Time, only,
            cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject Json(WatchReport report) => WatchRun.ToJson(report);

    private static void Render(CliContext context, WatchReport report)
    {
        context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]{report.New.Count}[/] new alert(s), {report.Ongoing.Count} ongoing ({report.Changed.Count} changed), {report.Suppressed.Count} suppressed over the budget; {report.Indicators.Count} indicator(s) evaluated."));
        var raised = report.New.Concat(report.Suppressed).OrderBy(a => a.Id).ToList();
        if (raised.Count > 0)
        {
            AlertsCommand.WriteTable(context, raised);
        }

        foreach (var (alert, delivery) in report.Deliveries)
        {
            context.Console.MarkupLine(Markup.Escape(delivery.Succeeded
                ? $"alert {alert} → {delivery.Channel} {delivery.Target}: ok ({delivery.Attempts} attempt(s))"
                : $"alert {alert} → {delivery.Channel} {delivery.Target}: FAILED ({delivery.Error})"));
        }
    }
}
