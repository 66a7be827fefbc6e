using System.CommandLine;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Vigil.Core.Events;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil events export --format csv|jsonl|ftm|ftm-statements [--out FILE] [--dataset NAME] [filters]</c>: the
/// ledger as CSV, JSON Lines, FollowTheMoney entities or FtM statements, to a file or standard output.
/// </summary>
internal static class EventsExportCommand
{
    public static Command Create(CliContext context)
    {
        var filters = new EventsCommand.FilterOptions();
        var format = new Option<string>("--format") { Description = "csv, jsonl, ftm (FollowTheMoney entities, JSON lines) or ftm-statements (CSV)", Required = true, HelpName = "csv|jsonl|ftm|ftm-statements" };
        format.AcceptOnlyFromAmong([.. EventExporter.Formats]);
        var output = new Option<string?>("--out") { Description = "Write to this file (default: standard output)", HelpName = "FILE" };
        var dataset = new Option<string>("--dataset") { Description = "The FtM dataset name of the entities", DefaultValueFactory = _ => "vigil", HelpName = "NAME" };
        var command = new Command("export", "Export events as CSV, JSON Lines or FollowTheMoney entities/statements (for Aleph and OpenSanctions tools)") { format, output, dataset };
        filters.AddTo(command);
        command.SetAction(parse =>
        {
            if (filters.Read(context, parse) is not { } filter)
            {
                return ExitCodes.Usage;
            }

            var datasetName = parse.GetValue(dataset)!;
            if (datasetName.Length == 0 || !datasetName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return context.Usage($"--dataset '{datasetName}' must be lower-case letters, digits and '_' (an FtM dataset name).");
            }

            if (EventsCommand.LoadTypes(context, parse) is not { } types)
            {
                return ExitCodes.Usage;
            }

            using var store = EventsCommand.OpenStore(context, parse);
            var events = store.Query(filter);
            var name = parse.GetValue(format)!;
            int Write(TextWriter writer) => name switch
            {
                "csv" => EventExporter.WriteCsv(events, writer, types),
                "jsonl" => EventExporter.WriteJsonLines(events, writer),
                "ftm" => EventExporter.WriteFtm(events, writer, types, datasetName),
                _ => EventExporter.WriteFtmStatements(events, writer, types, datasetName),
            };

            if (parse.GetValue(output) is not { } path)
            {
                Write(context.Out);
                return ExitCodes.Success;
            }

            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                return context.Usage($"--out {path} is a folder; give a file name.");
            }

            var directory = Path.GetDirectoryName(full)!;
            if (!Directory.Exists(directory))
            {
                return context.Usage($"--out {path}: folder {directory} does not exist; create it first.");
            }

            // Written beside the target and moved over it, so a failure never leaves half a file.
            var temp = Path.Combine(directory, "." + Path.GetFileName(full) + ".vigil-tmp");
            int written;
            try
            {
                using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false)))
                {
                    written = Write(writer);
                }

                File.Move(temp, full, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                TryDelete(temp);
                return context.Fail($"could not write {path}: {ex.Message}");
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(new { file = full, format = name, records = written });
            }
            else
            {
                context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {written} {(name is "csv" or "jsonl" ? "event(s)" : name == "ftm" ? "entities" : "statements")} to {Markup.Escape(full)}."));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the message about the failed write has been given.
        }
    }
}
