using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vigil.Core.Alerts;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil alerts [--state …]</c>, <c>alerts ack|resolve|show ID</c>, and the delivery settings
/// <c>alerts webhook|jsonl|budget</c> (docs/alerts.md).
/// </summary>
internal static class AlertsCommand
{
    public static Command Create(CliContext context)
    {
        var state = new Option<string>("--state")
        {
            Description = "Which alerts: open (not resolved; the default), new, acknowledged, resolved, suppressed or all",
            DefaultValueFactory = _ => "open",
            HelpName = "STATE",
        };
        state.AcceptOnlyFromAmong("open", "new", "acknowledged", "resolved", "suppressed", "all");
        var indicator = new Option<string?>("--indicator") { Description = "Only alerts of this indicator", HelpName = "ID" };
        var command = new Command("alerts", "List alerts; acknowledge, resolve or show one; set up delivery (webhook, JSON Lines) and the daily budget")
        {
            state, indicator,
        };
        command.SetAction(parse =>
        {
            using var store = SqliteWarningStore.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            var wanted = parse.GetValue(state)!;
            var only = parse.GetValue(indicator);
            var alerts = store.ListAlerts().Where(a => wanted switch
            {
                "all" => true,
                "open" => a.IsOpen,
                _ => AlertNames.Of(a.State) == wanted,
            } && (only is null || a.Indicator == only)).ToList();
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                WarningArguments.WriteNode(context, new JsonArray([.. alerts.Select(a => (JsonNode)AlertJson.ToJson(a))]));
                return ExitCodes.Success;
            }

            if (alerts.Count == 0)
            {
                context.Console.MarkupLine($"[grey]No {(wanted == "all" ? "" : wanted + " ")}alerts.[/]");
                return ExitCodes.Success;
            }

            WriteTable(context, alerts);
            return ExitCodes.Success;
        });
        command.Subcommands.Add(Change(context, "ack", "Acknowledge an alert (new or suppressed → acknowledged)", AlertActions.Acknowledge));
        command.Subcommands.Add(Change(context, "resolve", "Resolve an alert (→ resolved)", AlertActions.Resolve));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Webhook(context));
        command.Subcommands.Add(JsonLines(context));
        command.Subcommands.Add(Budget(context));
        return command;
    }

    /// <summary>The alert table of <c>vigil alerts</c> and <c>vigil watch</c>.</summary>
    internal static void WriteTable(CliContext context, IReadOnlyList<Alert> alerts)
    {
        var table = new Table().AddColumn(new TableColumn("id").RightAligned()).AddColumn("indicator").AddColumn("severity").AddColumn("state")
            .AddColumn("periods").AddColumn(new TableColumn("value").RightAligned()).AddColumn("explanation");
        foreach (var a in alerts)
        {
            table.AddRow(a.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(a.Indicator), $"[{SeverityColour(a.Severity)}]{AlertNames.Of(a.Severity)}[/]",
                a.State == AlertState.Suppressed ? "[grey]suppressed[/]" : AlertNames.Of(a.State),
                Markup.Escape(a.FirstPeriod == a.LastPeriod ? a.FirstPeriod : $"{a.FirstPeriod}–{a.LastPeriod}"),
                Markup.Escape(Core.Indicators.SeriesFormat.Number(a.Value)), Markup.Escape(a.Explanation));
        }

        context.Console.Write(table);
    }

    internal static string SeverityColour(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "red",
        AlertSeverity.High => "darkorange",
        AlertSeverity.Medium => "yellow",
        _ => "green",
    };

    private static Command Change(CliContext context, string name, string description,
        Func<IAlertStore, long, string, string?, TimeProvider, (Alert? Alert, string? Error)> change)
    {
        var id = new Argument<long>("ID") { Description = "The alert's id" };
        var by = WarningArguments.By();
        var note = WarningArguments.Note();
        var command = new Command(name, description) { id, by, note };
        command.SetAction(parse =>
        {
            using var store = SqliteWarningStore.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            (Alert? Alert, string? Error) changed;
            using (store.LockChanges())
            {
                // Not in the middle of a watch (another CLI's, or a server's on the same data): it would write back the old state.
                changed = change(store, parse.GetValue(id), parse.GetValue(by)!, parse.GetValue(note), context.Time);
            }

            var (alert, error) = changed;
            if (alert is null)
            {
                return context.Usage(error!);
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                WarningArguments.WriteNode(context, AlertJson.ToJson(alert));
            }
            else
            {
                context.Console.MarkupLine($"Alert {alert.Id} is now [bold]{AlertNames.Of(alert.State)}[/].");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var id = new Argument<long>("ID") { Description = "The alert's id" };
        var command = new Command("show", "Show an alert with its evidence, history and deliveries") { id };
        command.SetAction(parse =>
        {
            using var store = SqliteWarningStore.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            if (store.GetAlert(parse.GetValue(id)) is not { } a)
            {
                return context.Usage($"no alert {parse.GetValue(id)}; 'vigil alerts --state all' lists them.");
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                WarningArguments.WriteNode(context, AlertJson.ToJson(a));
                return ExitCodes.Success;
            }

            context.Console.MarkupLine($"[bold]Alert {a.Id}[/] [{SeverityColour(a.Severity)}]{AlertNames.Of(a.Severity)}[/], {AlertNames.Of(a.State)}; indicator {Markup.Escape(a.Indicator)}; detector {Markup.Escape(a.Detector)}");
            context.Console.MarkupLine(Markup.Escape(a.Explanation));
            if (a.Documents.Count > 0)
            {
                var docs = new Table().Title("evidence").AddColumn("document").AddColumn("date").AddColumn(new TableColumn("contribution").RightAligned()).AddColumn("spans");
                foreach (var d in a.Documents)
                {
                    docs.AddRow(Markup.Escape($"{d.Id} {d.Title}"), Markup.Escape(d.Date ?? ""), Core.Indicators.SeriesFormat.Number(d.Contribution),
                        Markup.Escape(string.Join("; ", d.Spans.Select(s => $"{s.Start}–{s.End} {s.Text}"))));
                }

                context.Console.Write(docs);
            }

            var history = new Table().Title("history").AddColumn("when (UTC)").AddColumn("state").AddColumn("by").AddColumn("note");
            foreach (var h in a.History)
            {
                history.AddRow(AlertJson.Time(h.At), AlertNames.Of(h.State), Markup.Escape(h.By), Markup.Escape(h.Note ?? ""));
            }

            context.Console.Write(history);
            foreach (var d in a.Deliveries)
            {
                context.Console.MarkupLine(Markup.Escape($"delivery {d.Channel} {d.Target} at {AlertJson.Time(d.At)}: {(d.Succeeded ? "ok" : "failed")} after {d.Attempts} attempt(s){(d.Error is null ? "" : ": " + d.Error)}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Webhook(CliContext context)
    {
        var command = new Command("webhook", "Post each new alert's JSON to a URL (with a timeout and retries)");
        var url = new Argument<string>("URL") { Description = "An http:// or https:// URL" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds one attempt may take", DefaultValueFactory = _ => WebhookOptions.DefaultTimeout.TotalSeconds, HelpName = "S" };
        var retries = new Option<int>("--retries") { Description = "Retries after a failed attempt (network error, timeout, 408, 429, 5xx)", DefaultValueFactory = _ => WebhookOptions.DefaultRetries, HelpName = "N" };
        var backoff = new Option<double>("--backoff") { Description = "Seconds before the first retry (doubling after each)", DefaultValueFactory = _ => WebhookOptions.DefaultBackoff.TotalSeconds, HelpName = "S" };
        var set = new Command("set", "Set the webhook") { url, timeout, retries, backoff };
        set.SetAction(parse =>
        {
            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            if (WebhookOptions.Check(parse.GetValue(url)!, parse.GetValue(timeout), parse.GetValue(retries), parse.GetValue(backoff)) is { } problem)
            {
                return context.Usage(problem);
            }

            return Update(context, parse, dataDirectory, c => c with
            {
                Webhook = new WebhookOptions(new Uri(parse.GetValue(url)!), TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(retries), TimeSpan.FromSeconds(parse.GetValue(backoff))),
            });
        });
        var remove = new Command("remove", "Stop posting to the webhook");
        remove.SetAction(parse => Update(context, parse, context.DataDirectory(parse.GetValue(GlobalOptions.Data)), c => c with { Webhook = null }));
        var show = new Command("show", "Show the delivery settings");
        show.SetAction(parse => Update(context, parse, context.DataDirectory(parse.GetValue(GlobalOptions.Data)), c => c));
        command.Subcommands.Add(set);
        command.Subcommands.Add(remove);
        command.Subcommands.Add(show);
        return command;
    }

    private static Command JsonLines(CliContext context)
    {
        var command = new Command("jsonl", "Append each new alert as a line of JSON to a file");
        var file = new Argument<string>("FILE") { Description = "The file (created when missing; its folder must exist)" };
        var set = new Command("set", "Set the JSON Lines file") { file };
        set.SetAction(parse => Update(context, parse, context.DataDirectory(parse.GetValue(GlobalOptions.Data)), c => c with { JsonLines = Path.GetFullPath(parse.GetValue(file)!) }));
        var remove = new Command("remove", "Stop writing the JSON Lines file");
        remove.SetAction(parse => Update(context, parse, context.DataDirectory(parse.GetValue(GlobalOptions.Data)), c => c with { JsonLines = null }));
        command.Subcommands.Add(set);
        command.Subcommands.Add(remove);
        return command;
    }

    private static Command Budget(CliContext context)
    {
        Option<string?> Level(string name) => new($"--{name}") { Description = $"Most {name} alerts a day (a number, or 'none' for no limit)", HelpName = "N|none" };
        var levels = new[] { "low", "medium", "high", "critical" }.Select(l => (Name: l, Option: Level(l))).ToList();
        var command = new Command("budget", "Show or set the most alerts raised per day for each severity (over-budget alerts are stored as suppressed)");
        foreach (var (_, option) in levels)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var values = new Dictionary<string, int?>(StringComparer.Ordinal);
            foreach (var (name, option) in levels)
            {
                if (parse.GetValue(option) is not { } text)
                {
                    continue;
                }

                if (text == "none")
                {
                    values[name] = null;
                }
                else if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    values[name] = n;
                }
                else
                {
                    return context.Usage($"--{name} '{text}': give a whole number ≥ 0, or 'none' for no limit.");
                }
            }

            return Update(context, parse, context.DataDirectory(parse.GetValue(GlobalOptions.Data)), c =>
            {
                int? Pick(string name, int? current) => values.TryGetValue(name, out var v) ? v : current;
                return c with { Budget = new AlertBudget(Pick("low", c.Budget.Low), Pick("medium", c.Budget.Medium), Pick("high", c.Budget.High), Pick("critical", c.Budget.Critical)) };
            });
        });
        return command;
    }

    /// <summary>Loads warning.json, applies the change, saves it when it changed, and prints the settings.</summary>
    private static int Update(CliContext context, ParseResult parse, string dataDirectory, Func<WarningConfig, WarningConfig> change)
    {
        var (config, error) = WarningConfig.Load(dataDirectory);
        if (config is null)
        {
            return context.Usage(error!);
        }

        var updated = change(config);
        if (updated != config)
        {
            updated.Save(dataDirectory);
        }

        if (context.Json(parse.GetValue(GlobalOptions.Json)))
        {
            WarningArguments.WriteNode(context, updated.ToJson());
        }
        else
        {
            var b = updated.Budget;
            static string N(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "no limit";
            context.Console.MarkupLine($"budget per day: low {N(b.Low)}, medium {N(b.Medium)}, high {N(b.High)}, critical {N(b.Critical)}");
            context.Console.MarkupLine($"jsonl: {Markup.Escape(updated.JsonLines ?? "—")}");
            context.Console.MarkupLine(updated.Webhook is { } w
                ? Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"webhook: {w.Url} (timeout {w.Timeout.TotalSeconds} s, {w.Retries} retries, backoff {w.Backoff.TotalSeconds} s)"))
                : "webhook: —");
            context.Console.MarkupLine($"[grey]Settings file: {Markup.Escape(WarningConfig.PathIn(dataDirectory))}[/]");
        }

        return ExitCodes.Success;
    }
}
