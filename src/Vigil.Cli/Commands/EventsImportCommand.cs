using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Events;
using Vigil.Core.Events.Import;
using Vigil.Core.Geo;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil events import FILE --format opensanctions-cn|csv [--map FILE] [--map-column field=Column]… [--delimiter D]
/// [--status S] [--by NAME]</c>.
/// </summary>
internal static class EventsImportCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A CSV file of events" };
        var format = new Option<string>("--format") { Description = "opensanctions-cn (the OpenSanctions PRC sanctions list) or csv (any layout, with a column map)", Required = true, HelpName = "opensanctions-cn|csv" };
        format.AcceptOnlyFromAmong("opensanctions-cn", "csv");
        var map = new Option<string?>("--map") { Description = "A column-map file for --format csv (see docs/events.md)", HelpName = "FILE" };
        var mapColumn = new Option<string[]>("--map-column") { Description = "A mapping for --format csv, field=Column (repeatable; after --map)", HelpName = "field=Column" };
        var delimiter = new Option<string>("--delimiter") { Description = "Field delimiter: ',' ';' '|' or tab", DefaultValueFactory = _ => ",", HelpName = "D" };
        var status = new Option<string>("--status") { Description = "Status of new events (a csv status column wins)", DefaultValueFactory = _ => "confirmed", HelpName = "S" };
        status.AcceptOnlyFromAmong([.. EventStatuses.Names]);
        var by = EventsCommand.ByOption();
        var noWatch = new Option<bool>("--no-watch") { Description = "Do not evaluate the indicators afterwards (vigil watch)" };
        var command = new Command("import", "Import a CSV file of events; re-importing changes nothing, an updated file updates events with history; then evaluate the indicators")
        {
            file, format, map, mapColumn, delimiter, status, by, noWatch,
        };
        command.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (Directory.Exists(path))
            {
                return Task.FromResult(context.Usage($"{path} is a folder; give a CSV file."));
            }

            if (!File.Exists(path))
            {
                return Task.FromResult(context.Usage($"file {path} not found."));
            }

            var delimiterChar = parse.GetValue(delimiter) switch
            {
                "," => ',',
                ";" => ';',
                "|" => '|',
                "tab" or "\\t" or "\t" => '\t',
                _ => '\0',
            };
            if (delimiterChar == '\0')
            {
                return Task.FromResult(context.Usage($"--delimiter '{parse.GetValue(delimiter)}' is not one of ',' ';' '|' tab."));
            }

            IEventRowFormat rowFormat;
            if (parse.GetValue(format) == "csv")
            {
                var columnMap = new ColumnMap();
                if (parse.GetValue(map) is { } mapFile)
                {
                    if (!File.Exists(mapFile))
                    {
                        return Task.FromResult(context.Usage($"map file {mapFile} not found."));
                    }

                    var problems = columnMap.AddText(File.ReadAllText(mapFile), mapFile);
                    if (problems.Count > 0)
                    {
                        foreach (var problem in problems)
                        {
                            context.Error.WriteLine($"vigil: {problem}");
                        }

                        return Task.FromResult(context.Usage("fix the map file (docs/events.md describes the format)."));
                    }
                }

                foreach (var entry in parse.GetValue(mapColumn) ?? [])
                {
                    if (columnMap.Add(entry) is { } problem)
                    {
                        return Task.FromResult(context.Usage($"--map-column {entry}: {problem}"));
                    }
                }

                rowFormat = new GenericCsvFormat(columnMap);
            }
            else
            {
                if (parse.GetValue(map) is not null || (parse.GetValue(mapColumn)?.Length ?? 0) > 0)
                {
                    return Task.FromResult(context.Usage("--map and --map-column are for --format csv; opensanctions-cn has a fixed layout."));
                }

                rowFormat = new OpenSanctionsCnFormat();
            }

            if (EventsCommand.LoadTypes(context, parse) is not { } types)
            {
                return Task.FromResult(ExitCodes.Usage);
            }

            EventStatuses.TryParse(parse.GetValue(status), out var newStatus);
            var options = new EventImportOptions { Delimiter = delimiterChar, Status = newStatus };
            var change = new ChangeContext(EventsCommand.Actor(parse.GetValue(by)), context.Time);
            var json = context.Json(parse.GetValue(GlobalOptions.Json));
            using var store = EventsCommand.OpenStore(context, parse);
            var importer = new EventImporter(store, types, Gazetteer.BuiltIn);
            EventImportReport report;
            if (json)
            {
                report = importer.Import(path, rowFormat, options, change, null, ct);
            }
            else
            {
                EventImportReport? result = null;
                var total = Math.Max(1, new FileInfo(path).Length);
                context.Console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
                    .Start(progress =>
                    {
                        var task = progress.AddTask($"importing {Markup.Escape(Path.GetFileName(path))}", maxValue: total);
                        result = importer.Import(path, rowFormat, options, change, new BytesProgress(b => task.Value = Math.Min(b, total)), ct);
                        task.Value = total;
                    });
                report = result!;
            }

            if (json)
            {
                context.WriteJson(EventLedgerJson.ImportReport(report));
            }
            else
            {
                Render(context, report);
            }

            if (report.FileRejected)
            {
                if (json)
                {
                    context.Error.WriteLine($"vigil: {report.Error}");
                }

                return Task.FromResult(ExitCodes.Failed);
            }

            var exit = report.Rejected.Count > 0 || report.Error is not null ? ExitCodes.Partial : ExitCodes.Success;
            if (!parse.GetValue(noWatch) && report.Imported + report.Updated > 0)
            {
                // Changed events can move event-count indicators: the same watch as 'vigil watch' (nothing when none are defined).
                var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
                using var documents = SqliteDocumentStore.Open(dataDirectory);
                if (WatchCommand.RunAfterAsync(context, dataDirectory, documents, ct).GetAwaiter().GetResult() != ExitCodes.Success)
                {
                    exit = ExitCodes.Partial;
                }
            }

            return Task.FromResult(exit);
        });
        return command;
    }

    private static void Render(CliContext context, EventImportReport report)
    {
        var console = context.Console;
        if (report.FileRejected)
        {
            context.Error.WriteLine($"vigil: {report.Error}");
            return;
        }

        if (report.Rows == 0)
        {
            console.MarkupLine($"{Markup.Escape(Path.GetFileName(report.File))} has a header but no data rows; nothing to import.");
            return;
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Rows} rows: [green]{report.Imported}[/] new events, [blue]{report.Updated}[/] updated, {report.Unchanged} unchanged, {report.Merged} merged into an earlier row's event, [{(report.Rejected.Count > 0 ? "red" : "green")}]{report.Rejected.Count}[/] rejected; [yellow]{report.Flagged.Count}[/] flagged."));
        if (report.NothingChanged && report.Rejected.Count < report.Rows)
        {
            console.MarkupLine("[green]Nothing changed:[/] the ledger already holds every event of this file exactly as it is.");
        }

        if (report.Absent > 0)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[yellow]{report.Absent}[/] event(s) imported earlier from a file of this name are not in it any more; they are kept ('vigil events list --file {Markup.Escape(Path.GetFileName(report.File))}')."));
        }

        if (report.Error is not null)
        {
            context.Error.WriteLine($"vigil: {report.Error}");
        }

        foreach (var (title, colour, list) in new[] { ("rejected (not imported)", "red", report.Rejected), ("flagged (imported; see the issue)", "yellow", report.Flagged) })
        {
            if (list.Count == 0)
            {
                continue;
            }

            var table = new Table().AddColumn(new TableColumn("row").RightAligned()).AddColumn($"[{colour}]{title}[/]");
            foreach (var item in list.Take(50))
            {
                table.AddRow(item.Row.ToString(CultureInfo.InvariantCulture), Markup.Escape(item.Message));
            }

            console.Write(table);
            if (list.Count > 50)
            {
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]… and {list.Count - 50} more; --json lists them all.[/]"));
            }
        }
    }

    /// <summary>Reports on the importing thread (System.Progress would post to the thread pool, after the bar is gone).</summary>
    private sealed class BytesProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
