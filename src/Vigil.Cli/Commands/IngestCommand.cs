using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Documents;
using Vigil.Core.Ingestion;
using Vigil.Core.Output;
using Vigil.Formats;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil ingest PATH... [--source NAME] [--date YYYY[-MM[-DD]]]</c>.</summary>
internal static class IngestCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Arity = ArgumentArity.OneOrMore, Description = "Files or folders (recursive)" };
        var source = new Option<string?>("--source") { Description = "Source name for the new documents (overrides front matter)", HelpName = "NAME" };
        var date = new Option<string?>("--date") { Description = "Date for the new documents (overrides front matter)", HelpName = "YYYY[-MM[-DD]]" };
        var maxFile = new Option<int>("--max-file-mb") { Description = "Largest file read", DefaultValueFactory = _ => 200 };
        var maxPages = new Option<int>("--max-pdf-pages") { Description = "Most PDF pages read", DefaultValueFactory = _ => 5000 };
        var maxDecompressed = new Option<int>("--max-decompressed-mb") { Description = "Largest uncompressed DOCX", DefaultValueFactory = _ => 512 };
        var encoding = new Option<string?>("--encoding") { Description = "Force a text encoding (utf-8, gb18030, big5, utf-16le...)", HelpName = "NAME" };
        var parallel = new Option<int>("--parallel") { Description = "Files processed at once", DefaultValueFactory = _ => Environment.ProcessorCount };

        var noWatch = new Option<bool>("--no-watch") { Description = "Do not evaluate the indicators afterwards (vigil watch)" };
        var command = new Command("ingest", "Ingest files and folders: txt, md, html, pdf, docx; English and Chinese; then evaluate the indicators (vigil watch)")
        {
            paths, source, date, maxFile, maxPages, maxDecompressed, encoding, parallel, noWatch,
        };
        command.SetAction(async (parse, ct) =>
        {
            var dateValue = parse.GetValue(date);
            if (dateValue is not null && !PartialDate.TryParse(dateValue, out _))
            {
                return context.Usage($"--date '{dateValue}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD.");
            }

            if (parse.GetValue(maxFile) <= 0 || parse.GetValue(maxPages) <= 0 || parse.GetValue(maxDecompressed) <= 0 || parse.GetValue(parallel) <= 0)
            {
                return context.Usage("--max-file-mb, --max-pdf-pages, --max-decompressed-mb and --parallel take a positive whole number.");
            }

            var encodingName = parse.GetValue(encoding);
            if (encodingName is not null && !TextDecoder.IsKnownEncoding(encodingName))
            {
                return context.Usage($"--encoding '{encodingName}' is not an encoding Vigil knows; use utf-8, utf-16le, utf-16be, gb18030, gbk or big5.");
            }

            var options = new IngestOptions
            {
                Source = parse.GetValue(source),
                Date = dateValue is null ? null : PartialDate.Parse(dateValue, "--date").ToString(),
                Parallelism = parse.GetValue(parallel),
                Limits = new ParseLimits
                {
                    MaxFileBytes = parse.GetValue(maxFile) * 1024L * 1024,
                    MaxPdfPages = parse.GetValue(maxPages),
                    MaxDecompressedBytes = parse.GetValue(maxDecompressed) * 1024L * 1024,
                    ForcedEncoding = encodingName,
                },
            };

            using var workspace = Workspace.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            var ingestor = workspace.Ingestor(context.Time);
            var json = context.Json(parse.GetValue(GlobalOptions.Json));
            IngestReport report;
            if (json)
            {
                report = await ingestor.IngestAsync(parse.GetValue(paths)!, options, null, ct).ConfigureAwait(false);
                context.WriteJson(JsonShapes.IngestReport(report));
            }
            else
            {
                report = await RunWithProgress(context.Console, ingestor, parse.GetValue(paths)!, options, ct).ConfigureAwait(false);
                Render(context.Console, report, workspace.Directory);
            }

            // New documents can move the indicators: the same watch as 'vigil watch' (nothing when none are defined).
            var watch = parse.GetValue(noWatch) ? ExitCodes.Success
                : await WatchCommand.RunAfterAsync(context, workspace.Directory, workspace.Store, ct).ConfigureAwait(false);
            return report.Failed.Count > 0 || watch != ExitCodes.Success ? ExitCodes.Partial : ExitCodes.Success;
        });
        return command;
    }

    private static async Task<IngestReport> RunWithProgress(IAnsiConsole console, Ingestor ingestor, string[] paths, IngestOptions options, CancellationToken ct)
    {
        IngestReport? report = null;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("scanning files", maxValue: 1);
                var tracker = new ProgressTracker(task);
                report = await ingestor.IngestAsync(paths, options, tracker, ct).ConfigureAwait(false);
                tracker.Finish();
            }).ConfigureAwait(false);
        return report!;
    }

    private static void Render(IAnsiConsole console, IngestReport report, string dataDirectory)
    {
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[green]{report.Ingested}[/] new documents, [blue]{report.Duplicates}[/] duplicates, [{(report.Failed.Count > 0 ? "red" : "green")}]{report.Failed.Count}[/] failed — {report.Files} files, {report.Bytes / 1048576.0:F1} MB in {report.Elapsed.TotalSeconds:F1} s"));
        if (report.Recovered > 0)
        {
            console.MarkupLine($"Indexed {report.Recovered} documents left unindexed by an interrupted run.");
        }

        if (report.Failed.Count > 0)
        {
            var table = new Table().AddColumn("file").AddColumn("why it was not ingested");
            foreach (var failure in report.Failed)
            {
                table.AddRow(Markup.Escape(failure.Path), Markup.Escape(failure.Error));
            }

            console.Write(table);
        }

        console.MarkupLine($"[grey]Data directory: {Markup.Escape(dataDirectory)}[/]");
    }

    /// <summary>Feeds Spectre's progress task from worker threads: bytes as the bar, files/s and MB/s in the label.</summary>
    private sealed class ProgressTracker(ProgressTask task) : IIngestProgress
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private int _files;
        private int _done;
        private long _bytes;

        public void Planned(int files, long bytes)
        {
            _files = files;
            task.MaxValue = Math.Max(1, bytes);
            task.Description = $"0/{files} files";
        }

        public void Completed(string path, long bytes)
        {
            var done = Interlocked.Increment(ref _done);
            var total = Interlocked.Add(ref _bytes, bytes);
            task.Value = total;
            var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
            task.Description = string.Create(CultureInfo.InvariantCulture, $"{done}/{_files} files · {done / seconds:F0} files/s · {total / 1048576.0 / seconds:F1} MB/s");
        }

        public void Finish() => task.Value = task.MaxValue;
    }
}
