using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Events;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil events review [--type PREFIX] [--limit N] [--by NAME]</c>: goes through proposed events on the terminal;
/// for each: accept, reject, edit (type, date, note), skip or quit. Every decision is recorded in the event's history.
/// </summary>
internal static class EventsReviewCommand
{
    public static Command Create(CliContext context)
    {
        var type = new Option<string?>("--type") { Description = "Only proposed events of this type and its subtypes", HelpName = "PREFIX" };
        var limit = new Option<int>("--limit") { Description = "Review at most N events (0: all)", DefaultValueFactory = _ => 0, HelpName = "N" };
        var by = EventsCommand.ByOption();
        var command = new Command("review", "Review proposed events on the terminal: accept, reject, edit, skip or quit") { type, limit, by };
        command.SetAction(parse =>
        {
            if (context.OutputRedirected || parse.GetValue(GlobalOptions.Json) || !context.Console.Profile.Capabilities.Interactive)
            {
                return context.Usage("review asks questions, so it needs a terminal; without one use 'vigil events set-status ID confirmed|rejected [--note TEXT]'.");
            }

            if (parse.GetValue(limit) < 0)
            {
                return context.Usage("--limit takes 0 (all) or a positive number.");
            }

            if (EventsCommand.LoadTypes(context, parse) is not { } types)
            {
                return ExitCodes.Usage;
            }

            var console = context.Console;
            var change = new ChangeContext(EventsCommand.Actor(parse.GetValue(by)), context.Time) { Reason = "review" };
            using var store = EventsCommand.OpenStore(context, parse);
            // Ids first: decisions write while we go, and the query's connection should not stay open across them.
            var ids = store.Query(new EventFilter { Status = EventStatus.Proposed, TypePrefix = parse.GetValue(type)?.Trim().ToLowerInvariant() })
                .Select(e => e.Id).ToList();
            if (parse.GetValue(limit) > 0)
            {
                ids = ids.Take(parse.GetValue(limit)).ToList();
            }

            if (ids.Count == 0)
            {
                console.MarkupLine("No proposed events to review.");
                return ExitCodes.Success;
            }

            int accepted = 0, rejected = 0, edited = 0, skipped = 0;
            var quit = false;
            for (var i = 0; i < ids.Count && !quit; i++)
            {
                var e = store.Get(ids[i])!;
                for (var decided = false; !decided;)
                {
                    console.WriteLine();
                    console.Write(new Rule(string.Create(CultureInfo.InvariantCulture, $"{i + 1} of {ids.Count}")) { Justification = Justify.Left });
                    EventsCommand.RenderEvent(console, e, types);
                    var action = console.Prompt(new TextPrompt<string>("[bold]a[/]ccept, [bold]r[/]eject, [bold]e[/]dit, [bold]s[/]kip or [bold]q[/]uit?")
                        .AddChoices(["a", "r", "e", "s", "q"]).ShowChoices());
                    switch (action)
                    {
                        case "a":
                            store.SetStatus(e.Id, EventStatus.Confirmed, Note(console, "Note (optional)"), change);
                            accepted++;
                            decided = true;
                            break;
                        case "r":
                            store.SetStatus(e.Id, EventStatus.Rejected, Note(console, "Why rejected (optional)"), change);
                            rejected++;
                            decided = true;
                            break;
                        case "e":
                            var updated = Edit(console, store, e, types, change);
                            if (!ReferenceEquals(updated, e))
                            {
                                edited++;
                            }

                            e = updated;
                            break;
                        case "s":
                            skipped++;
                            decided = true;
                            break;
                        default:
                            quit = true;
                            decided = true;
                            break;
                    }
                }
            }

            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"Reviewed: [green]{accepted}[/] accepted, [red]{rejected}[/] rejected, {edited} edited, {skipped} skipped{(quit ? "; stopped" : "")}."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string? Note(IAnsiConsole console, string question)
    {
        var note = console.Prompt(new TextPrompt<string>(question + ":").AllowEmpty());
        return string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    private static LedgerEvent Edit(IAnsiConsole console, IEventStore store, LedgerEvent e, EventTypeCatalog types, ChangeContext change)
    {
        var type = console.Prompt(new TextPrompt<string>("Type:").DefaultValue(e.Type)
            .Validate(t => types.Find(t.Trim()) is not null
                ? ValidationResult.Success()
                : ValidationResult.Error($"[red]'{Markup.Escape(t)}' is not an event type[/] (e.g. {Markup.Escape(string.Join(", ", types.Types.Take(6).Select(x => x.Id)))} …)")));
        var dateText = console.Prompt(new TextPrompt<string>("Date (YYYY, YYYY-MM, YYYY-MM-DD or unknown):").DefaultValue(e.Date.Text ?? "unknown")
            .Validate(d => EventDate.TryParse(d, out _) ? ValidationResult.Success() : ValidationResult.Error("[red]use YYYY, YYYY-MM, YYYY-MM-DD or unknown[/]")));
        var note = Note(console, "Note to add (optional)");
        EventDate.TryParse(dateText, out var date);
        var typeId = type.Trim();
        var result = store.Edit(e.Id, current => AnalystEvents.Edit(current, types, typeId, date, note), change) ?? e;
        var changed = EventMerge.Diff(e, result);
        console.MarkupLine(changed.Count == 0 ? "Nothing changed." : $"Edited: {Markup.Escape(string.Join(", ", changed.Where(f => f is not ("updated_at" or "edited"))))}.");
        return changed.Count == 0 ? e : result;
    }
}
