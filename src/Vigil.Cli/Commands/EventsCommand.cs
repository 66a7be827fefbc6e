using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vigil.Core.Documents;
using Vigil.Core.Events;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil events import|list|show|set-status|review|export|stats</c>: the event ledger. Each subcommand lives in its
/// own file (EventsImportCommand, EventsStatsCommand, …); this file holds the group, list, show and set-status, and
/// the options they share.
/// </summary>
internal static class EventsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("events", "The event ledger: import datasets, list, review, count and export dated, sourced events");
        command.Subcommands.Add(EventsImportCommand.Create(context));
        command.Subcommands.Add(CreateList(context));
        command.Subcommands.Add(CreateShow(context));
        command.Subcommands.Add(CreateSetStatus(context));
        command.Subcommands.Add(EventsReviewCommand.Create(context));
        command.Subcommands.Add(EventsExportCommand.Create(context));
        command.Subcommands.Add(EventsStatsCommand.Create(context));
        command.Subcommands.Add(EventsExtractCommand.Create(context));
        return command;
    }

    private static Command CreateList(CliContext context)
    {
        var filters = new FilterOptions();
        var limit = new Option<int>("--limit") { Description = "Show at most N events (0: all)", DefaultValueFactory = _ => 0, HelpName = "N" };
        var command = new Command("list", "Events matching the filters, by date") { limit };
        filters.AddTo(command);
        command.SetAction(parse =>
        {
            if (filters.Read(context, parse) is not { } filter)
            {
                return ExitCodes.Usage;
            }

            if (parse.GetValue(limit) < 0)
            {
                return context.Usage("--limit takes 0 (all) or a positive number.");
            }

            using var store = OpenStore(context, parse);
            var events = store.Query(filter);
            if (parse.GetValue(limit) > 0)
            {
                events = events.Take(parse.GetValue(limit));
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                var array = new JsonArray();
                foreach (var e in events)
                {
                    array.Add(EventJson.ToJson(e));
                }

                context.Out.WriteLine(EventJson.Text(array));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumn(new TableColumn("id").NoWrap()).AddColumn(new TableColumn("date").NoWrap())
                .AddColumn("type").AddColumn("target").AddColumn("country").AddColumn("body").AddColumn("status");
            var count = 0;
            foreach (var e in events)
            {
                count++;
                table.AddRow(e.Id, e.Date.ToString(), Markup.Escape(e.Type), Markup.Escape(Targets(e)), string.Join(" ", e.Countries),
                    Markup.Escape(e.Body ?? ""), Status(e.Status) + (e.Issues.Count > 0 ? " [yellow]![/]" : ""));
            }

            if (count == 0)
            {
                context.Console.MarkupLine("No events match. [grey]('vigil events import FILE --format …' fills the ledger.)[/]");
                return ExitCodes.Success;
            }

            context.Console.Write(table);
            context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{count} event(s); [yellow]![/] = flagged by its import ('vigil events show ID' says why).[/]"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateShow(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "An event id (or a unique prefix of at least 4 characters)" };
        var command = new Command("show", "One event with its targets, provenance and history") { id };
        command.SetAction(parse =>
        {
            using var store = OpenStore(context, parse);
            if (store.Resolve(parse.GetValue(id)!) is not { } e)
            {
                return context.Usage($"no event '{parse.GetValue(id)}' (or the prefix is ambiguous); 'vigil events list' shows the ids.");
            }

            var history = store.History(e.Id);
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.Out.WriteLine(EventJson.Text(EventLedgerJson.WithHistory(e, history)));
                return ExitCodes.Success;
            }

            var types = LoadTypes(context, parse);
            RenderEvent(context.Console, e, types);
            var table = new Table().AddColumn("#").AddColumn("when").AddColumn("who").AddColumn("what").AddColumn("changed").AddColumn("note");
            foreach (var (h, i) in history.Select((h, i) => (h, i + 1)))
            {
                table.AddRow(i.ToString(CultureInfo.InvariantCulture), h.At, Markup.Escape(h.By), h.Action,
                    Markup.Escape(ChangedFields(h)), Markup.Escape(h.Note ?? ""));
            }

            context.Console.MarkupLine("[bold]History[/]");
            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateSetStatus(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "An event id (or a unique prefix)" };
        var status = new Argument<string>("STATUS") { Description = "confirmed, rejected or proposed" };
        status.AcceptOnlyFromAmong([.. EventStatuses.Names]);
        var note = new Option<string?>("--note") { Description = "A note kept with the event and in its history", HelpName = "TEXT" };
        var by = ByOption();
        var command = new Command("set-status", "Confirm, reject or reopen an event (recorded in its history)") { id, status, note, by };
        command.SetAction(parse =>
        {
            EventStatuses.TryParse(parse.GetValue(status), out var value);
            using var store = OpenStore(context, parse);
            if (store.Resolve(parse.GetValue(id)!) is not { } e)
            {
                return context.Usage($"no event '{parse.GetValue(id)}' (or the prefix is ambiguous); 'vigil events list' shows the ids.");
            }

            var change = new ChangeContext(Actor(parse.GetValue(by)), context.Time) { Reason = "set-status" };
            var before = store.History(e.Id).Count;
            var updated = store.SetStatus(e.Id, value, parse.GetValue(note), change)!;
            var changed = store.History(e.Id).Count > before;
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(EventLedgerJson.StatusChange(e, updated, changed));
            }
            else
            {
                context.Console.MarkupLine(changed
                    ? $"{e.Id}: {Status(e.Status)} → {Status(updated.Status)}" + (parse.GetValue(note) is { } n ? $" (note: {Markup.Escape(n)})" : "")
                    : $"{e.Id} is already {Status(updated.Status)}; nothing changed.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Opens the ledger of the data directory.</summary>
    public static SqliteEventStore OpenStore(CliContext context, ParseResult parse) =>
        SqliteEventStore.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));

    /// <summary>The built-in event types with DATA/event-types.txt applied; null after a message when that file is invalid.</summary>
    public static EventTypeCatalog? LoadTypes(CliContext context, ParseResult parse)
    {
        var file = Path.Combine(context.DataDirectory(parse.GetValue(GlobalOptions.Data)), EventTypeCatalog.DataDirectoryFile);
        if (!File.Exists(file))
        {
            return EventTypeCatalog.BuiltIn;
        }

        var (catalog, problems) = EventTypeCatalog.Load([file]);
        foreach (var problem in problems)
        {
            context.Error.WriteLine($"vigil: {problem}");
        }

        if (catalog is null)
        {
            context.Error.WriteLine("vigil: fix the event-types file (docs/events.md describes the format).");
        }

        return catalog;
    }

    /// <summary>--by NAME: who makes a change (default: $VIGIL_USER, else the login name).</summary>
    public static Option<string?> ByOption() => new("--by") { Description = "Who makes the change (default: $VIGIL_USER, else your login name)", HelpName = "NAME" };

    /// <summary>The actor recorded in history.</summary>
    public static string Actor(string? by)
    {
        if (!string.IsNullOrWhiteSpace(by))
        {
            return by.Trim();
        }

        var user = Environment.GetEnvironmentVariable("VIGIL_USER");
        return !string.IsNullOrWhiteSpace(user) ? user.Trim() : Environment.UserName;
    }

    public static string Targets(LedgerEvent e) =>
        e.Targets.Count == 0 ? e.Summary ?? "" : string.Join("; ", e.Targets.Select(t => t.NameEn is not null && t.NameZh is not null ? $"{t.NameEn} ({t.NameZh})" : t.DisplayName));

    public static string Status(EventStatus status) => status switch
    {
        EventStatus.Confirmed => "[green]confirmed[/]",
        EventStatus.Rejected => "[red]rejected[/]",
        _ => "[yellow]proposed[/]",
    };

    public static JsonArray HistoryJson(IReadOnlyList<EventHistoryEntry> history) => EventLedgerJson.History(history);

    /// <summary>The event as a panel of fields (terminal).</summary>
    public static void RenderEvent(IAnsiConsole console, LedgerEvent e, EventTypeCatalog? types)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                grid.AddRow($"[grey]{name}[/]", Markup.Escape(value));
            }
        }

        var type = types?.Find(e.Type);
        Row("id", e.Id);
        Row("type", type is null ? e.Type : $"{e.Type} — {type.LabelEn} / {type.LabelZh}");
        grid.AddRow("[grey]status[/]", Status(e.Status));
        Row("date", $"{e.Date} ({e.Date.Precision})" + (e.EndDate.IsKnown ? $", ended {e.EndDate}" : ""));
        Row("body", e.Body);
        foreach (var t in e.Targets)
        {
            Row("target", string.Join(" · ", new[] { t.NameEn, t.NameZh, t.Kind, t.Country, t.Position }.Where(s => !string.IsNullOrEmpty(s))));
        }

        Row("countries", string.Join(", ", e.Countries));
        Row("domains", string.Join(", ", e.Domains));
        Row("quantities", string.Join(", ", e.Quantities.Select(q => q.Key + " = " + q.Value.ToString("N0", CultureInfo.InvariantCulture))));
        Row("summary", e.Summary);
        Row("summary (zh)", e.SummaryZh);
        Row("programmes", string.Join("; ", e.Programs));
        Row("announcement", e.SourceUrl);
        Row("confidence", e.Confidence.ToString("0.##", CultureInfo.InvariantCulture));
        foreach (var p in e.Provenance)
        {
            Row("provenance", p.Kind == "document" ? $"document {p.Document} [{p.Start}–{p.End}]" + (p.Quote is null ? "" : $": “{p.Quote}”") : $"{p.File} row {p.Row}");
        }

        foreach (var issue in e.Issues)
        {
            grid.AddRow("[yellow]flagged[/]", Markup.Escape(issue));
        }

        foreach (var (field, value) in e.Raw)
        {
            Row($"raw {field}", value);
        }

        Row("edited", string.Join(", ", e.Edited));
        Row("notes", e.Notes);
        console.Write(grid);
    }

    private static string ChangedFields(EventHistoryEntry h)
    {
        if (h.Action == "created")
        {
            return "(new)";
        }

        try
        {
            return JsonNode.Parse(h.After) is JsonObject o ? string.Join(", ", o.Select(kv => kv.Key)) : "";
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }

    /// <summary>The filter options list, export and stats share: --type --status --from --to --country --bloc --body --text --flagged --file --doc.</summary>
    internal sealed class FilterOptions
    {
        private readonly Option<string?> _type = new("--type") { Description = "A type and its subtypes (e.g. sanction, police.training)", HelpName = "PREFIX" };
        private readonly Option<string?> _status = new("--status") { Description = "proposed, confirmed or rejected", HelpName = "S" };
        private readonly Option<string?> _from = new("--from") { Description = "Events from this date (the first day of an event's date counts)", HelpName = "YYYY[-MM[-DD]]" };
        private readonly Option<string?> _to = new("--to") { Description = "Events up to this date, inclusive (--to 2021 includes all of 2021)", HelpName = "YYYY[-MM[-DD]]" };
        private readonly Option<string?> _country = new("--country") { Description = "Events concerning this country (ISO code, EU, or a name the gazetteer knows)", HelpName = "COUNTRY" };
        private readonly Option<string?> _bloc = new("--bloc") { Description = "Events with a target in this bloc on the event's date (EU, G7, …; as target-bloc counts)", HelpName = "BLOC" };
        private readonly Option<string?> _body = new("--body") { Description = "Events of this acting or imposing body (the whole name, any case)", HelpName = "BODY" };
        private readonly Option<string?> _text = new("--text") { Description = "Text in a name, alias, position, body, summary, notes or programme", HelpName = "TEXT" };
        private readonly Option<bool> _flagged = new("--flagged") { Description = "Only events an import flagged" };
        private readonly Option<string?> _file = new("--file") { Description = "Only events imported from a file of this name", HelpName = "NAME" };
        private readonly Option<string?> _doc = new("--doc") { Description = "Only events proposed from this document (its full id)", HelpName = "ID" };

        public FilterOptions()
        {
            _status.AcceptOnlyFromAmong([.. EventStatuses.Names]);
        }

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _type, _status, _from, _to, _country, _bloc, _body, _text, _flagged, _file, _doc })
            {
                command.Options.Add(option);
            }
        }

        /// <summary>The filter, or null after a usage message.</summary>
        public EventFilter? Read(CliContext context, ParseResult parse)
        {
            var text = new EventFilterText
            {
                Type = parse.GetValue(_type),
                Status = parse.GetValue(_status),
                From = parse.GetValue(_from),
                To = parse.GetValue(_to),
                Country = parse.GetValue(_country),
                Bloc = parse.GetValue(_bloc),
                Body = parse.GetValue(_body),
                Text = parse.GetValue(_text),
                Flagged = parse.GetValue(_flagged),
                File = parse.GetValue(_file),
                Document = parse.GetValue(_doc),
            };
            var filter = text.TryParse(Core.Geo.Gazetteer.BuiltIn, "--", out var problem);
            if (problem is not null)
            {
                context.Usage(problem.Message);
            }

            return filter;
        }
    }
}
