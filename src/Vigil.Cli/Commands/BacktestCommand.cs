using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Backtesting;
using Vigil.Core.Detection;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil backtest --csv FILE --labels WINDOWS.json | --indicator ID --labels WINDOWS.json | --nab DIR [--detector NAME]... [--param K=V]...</c>: runs
/// detectors over labelled series and reports the NAB score and window metrics, beside the naive baseline and NAB's
/// published reference scores.
/// </summary>
internal static class BacktestCommand
{
    /// <summary>Published NAB v1.0 standard-profile scores (Lavin &amp; Ahmad 2015; NAB scoreboard), for comparison.</summary>
    public static readonly (string Detector, double Score)[] Reference =
    [
        ("Numenta HTM", 70.5),
        ("CAD OSE", 69.9),
        ("relative entropy", 54.6),
        ("windowed Gaussian", 39.6),
        ("random", 11.0),
    ];

    public static Command Create(CliContext context)
    {
        var csv = new Option<string?>("--csv") { Description = "A timestamp,value CSV to backtest (needs --labels)", HelpName = "FILE" };
        var labels = new Option<string?>("--labels") { Description = "Labelled windows for --csv: NAB combined_windows.json style, a list of [start, end] pairs, or labelled timestamps", HelpName = "WINDOWS.json" };
        var indicator = new Option<string?>("--indicator") { Description = "An indicator's series (vigil indicators) to backtest (needs --labels)", HelpName = "ID" };
        var nab = new Option<string?>("--nab") { Description = "A NAB-style corpus directory (data/ and labels/combined_windows.json)", HelpName = "DIR" };
        var detector = new Option<string[]>("--detector") { Description = DetectorArguments.DetectorHelp + " (repeatable; default: all of them)", HelpName = "NAME", Arity = ArgumentArity.ZeroOrMore };
        var parameters = DetectorArguments.Params();
        var parallel = new Option<int>("--parallel") { Description = "Series processed at once (default: the processor count; results do not depend on it)", HelpName = "N", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("backtest", "Score detectors against labelled anomalies: NAB score, precision, recall, F1, lead time, false alerts")
        {
            csv, indicator, labels, nab, detector, parameters, parallel,
        };
        command.SetAction(async (parse, ct) =>
        {
            var csvPath = parse.GetValue(csv);
            var labelsPath = parse.GetValue(labels);
            var nabDir = parse.GetValue(nab);
            var indicatorId = parse.GetValue(indicator);
            if ((csvPath is null ? 0 : 1) + (nabDir is null ? 0 : 1) + (indicatorId is null ? 0 : 1) != 1)
            {
                return context.Usage("give --csv FILE --labels WINDOWS.json, --indicator ID --labels WINDOWS.json, or --nab DIR (one of them).");
            }

            if (csvPath is not null && labelsPath is null)
            {
                return context.Usage("--csv needs --labels WINDOWS.json (the labelled anomaly windows of that file).");
            }

            if (indicatorId is not null && labelsPath is null)
            {
                return context.Usage("--indicator needs --labels WINDOWS.json (the labelled anomaly windows of that indicator's series).");
            }

            if (nabDir is not null && labelsPath is not null)
            {
                return context.Usage("--labels goes with --csv; a --nab corpus has its own labels/combined_windows.json.");
            }

            if (parse.GetValue(parallel) <= 0)
            {
                return context.Usage("--parallel takes a positive whole number.");
            }

            var pairs = DetectorArguments.Pairs(parse, parameters, out var pairError);
            if (pairs is null)
            {
                return context.Usage(pairError!);
            }

            var names = parse.GetValue(detector) is { Length: > 0 } given ? given : DetectorRegistry.Names.ToArray();
            if (pairs.Count > 0 && names.Length != 1)
            {
                return context.Usage("--param applies to one detector; give exactly one --detector with it.");
            }

            var specs = names.Select(n => new DetectorSpec(n.Trim().ToLowerInvariant(), pairs)).ToList();
            var invalid = Backtester.Validate(specs);
            if (invalid is not null)
            {
                return context.Usage(invalid);
            }

            var problems = new List<string>();
            IReadOnlyList<BacktestSeries> series;
            string source;
            if (nabDir is not null)
            {
                var corpus = NabCorpus.Load(nabDir, out var error);
                if (corpus is null)
                {
                    return context.Usage(error!);
                }

                problems.AddRange(corpus.Problems);
                series = corpus.Series;
                source = Path.GetFullPath(nabDir);
            }
            else if (indicatorId is not null)
            {
                var (points, indicatorError) = IndicatorPoints(context, parse, indicatorId);
                if (points is null)
                {
                    return indicatorError!.Value;
                }

                if (points.Count == 0)
                {
                    return context.Fail($"indicator '{indicatorId}' has no values to backtest yet.");
                }

                // A NAB-style labels file is keyed by series path; an indicator's key is its id.
                var windows = LabelsFile.Read(labelsPath!, indicatorId, points, out var labelError);
                if (windows is null)
                {
                    return context.Usage(labelError!);
                }

                series = [new BacktestSeries(indicatorId, points, windows)];
                source = "indicator " + indicatorId;
            }
            else
            {
                if (!File.Exists(csvPath))
                {
                    return context.Usage($"{csvPath}: no such file.");
                }

                var file = TimeSeriesCsv.Read(csvPath!);
                problems.AddRange(file.Problems.Select(p => $"{csvPath}: row {p.Row}: {p.Message}; row skipped"));
                if (file.Points.Count == 0)
                {
                    WriteProblems(context, problems);
                    return context.Fail($"{csvPath}: no data rows to backtest.");
                }

                var windows = LabelsFile.Read(labelsPath!, Path.GetFullPath(csvPath!), file.Points, out var labelError);
                if (windows is null)
                {
                    return context.Usage(labelError!);
                }

                series = [new BacktestSeries(Path.GetFileName(csvPath!), file.Points, windows)];
                source = Path.GetFullPath(csvPath!);
            }

            if (series.Count == 0)
            {
                WriteProblems(context, problems);
                return context.Fail("no series to backtest.");
            }

            var corpusMode = nabDir is not null;
            var options = new BacktestOptions { Parallelism = parse.GetValue(parallel) };
            var json = context.Json(parse.GetValue(GlobalOptions.Json));
            BacktestReport report;
            if (json)
            {
                report = await Task.Run(() => Backtester.Run(series, specs, options, null, ct), ct).ConfigureAwait(false);
            }
            else
            {
                report = await RunWithProgress(context.Console, series, specs, options, ct).ConfigureAwait(false);
            }

            problems.AddRange(report.Problems);
            if (json)
            {
                context.WriteJson(Json(report, source, corpusMode ? "corpus" : indicatorId is not null ? "indicator" : "csv", problems));
            }
            else
            {
                Render(context, report, source, corpusMode);
                WriteProblems(context, problems);
            }

            return problems.Count > 0 ? ExitCodes.Partial : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The indicator's series as detector points: each period's value at the period's start; periods without a value
    /// (a rate with no documents) are left out, as the watch leaves them out.
    /// </summary>
    private static (IReadOnlyList<SeriesPoint>? Points, int? Exit) IndicatorPoints(CliContext context, ParseResult parse, string id)
    {
        var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
        using var store = SqliteWarningStore.Open(dataDirectory);
        if (store.GetIndicator(id) is not { } definition)
        {
            return (null, context.Usage($"no indicator '{id}'; 'vigil indicators list' shows the ids."));
        }

        using var documents = SqliteDocumentStore.Open(dataDirectory);
        using var events = SqliteEventStore.Open(dataDirectory);
        var result = WarningArguments.SeriesBuilder(context, dataDirectory, documents, store, events).Build(definition);
        if (result.Series is not { } built)
        {
            return (null, context.Fail(result.Error!));
        }

        return ([.. built.Points.Where(p => p.Value is not null).Select(p => new SeriesPoint(p.Start, p.Value!.Value))], null);
    }

    private static async Task<BacktestReport> RunWithProgress(IAnsiConsole console, IReadOnlyList<BacktestSeries> series, List<DetectorSpec> specs, BacktestOptions options, CancellationToken ct)
    {
        BacktestReport? report = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"{specs.Count} detector(s) × {series.Count} series", maxValue: specs.Count * series.Count);
                report = await Task.Run(() => Backtester.Run(series, specs, options, new SynchronousProgress(task), ct), ct).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return report!;
    }

    private static object Json(BacktestReport report, string source, string mode, List<string> problems) => new
    {
        source,
        mode,
        series = report.SeriesCount,
        points = report.Points,
        windows = report.Windows,
        detectors = report.Detectors.Select(d => new
        {
            detector = d.Detector,
            parameters = d.Parameters.ToDictionary(kv => kv.Key, kv => kv.Value),
            nab = d.Optima.ToDictionary(o => o.Profile.Name, o => new { score = R(o.Normalized), threshold = double.IsPositiveInfinity(o.Threshold) ? (double?)null : R(o.Threshold, 6), raw = R(o.Raw), @null = R(o.Null), perfect = R(o.Perfect) }),
            metrics = d.Metrics is null ? null : Metrics(d.Metrics),
            own_threshold = new { nab_standard = R(d.Own.Normalized), raw = R(d.Own.Raw), metrics = Metrics(d.OwnMetrics) },
            per_series = d.Series.Select(s => new
            {
                series = s.Series,
                nab_raw = s.Optimized is null ? (double?)null : R(s.Optimized.Raw),
                windows = s.Own.TruePositives + s.Own.FalseNegatives,
                detected = s.OptimizedMetrics?.Detected,
                false_alerts = s.OptimizedMetrics?.FalseAlerts,
                own_nab_raw = R(s.Own.Raw),
                own_detected = s.OwnMetrics.Detected,
                own_false_alerts = s.OwnMetrics.FalseAlerts,
                auto = s.Choice is null ? null : new { detector = s.Choice.Detector, reason = s.Choice.Reason },
            }),
        }),
        reference = Reference.Select(r => new { detector = r.Detector, nab_standard = r.Score }),
        problems,
    };

    private static object Metrics(WindowMetrics m) => new
    {
        precision = R(m.Precision),
        recall = R(m.Recall),
        f1 = R(m.F1),
        mean_lead_seconds = m.MeanLeadTime is { } lead ? R(lead.TotalSeconds) : (double?)null,
        mean_lead_points = R(m.MeanLeadPoints),
        false_alerts_per_1000 = R(m.FalseAlertsPerThousand),
        windows_detected = m.Detected,
        windows = m.Windows,
        false_alerts = m.FalseAlerts,
        detections = m.Detections,
        scored_points = m.ScoredPoints,
    };

    private static double? R(double x, int digits = 4) => double.IsFinite(x) ? Math.Round(x, digits) : null;

    private static void Render(CliContext context, BacktestReport report, string source, bool corpusMode)
    {
        var console = context.Console;
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]Backtest[/] of {Markup.Escape(source)}: {report.SeriesCount} series, {report.Points:N0} points, {report.Windows} labelled windows."));
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("detector").NoWrap())
            .AddColumn(new TableColumn(corpusMode ? "NAB" : "NAB*").RightAligned())
            .AddColumn(new TableColumn("thr.").RightAligned())
            .AddColumn(new TableColumn("prec.").RightAligned())
            .AddColumn(new TableColumn("recall").RightAligned())
            .AddColumn(new TableColumn("F1").RightAligned())
            .AddColumn(new TableColumn("lead").RightAligned().NoWrap())
            .AddColumn(new TableColumn("FA/1k").RightAligned())
            .AddColumn(new TableColumn("NAB own").RightAligned());
        foreach (var d in report.Detectors)
        {
            var standard = d.Standard;
            // Corpus mode reports metrics at NAB's optimised threshold; a single file at the detector's own threshold.
            var metrics = corpusMode && d.Metrics is not null ? d.Metrics : d.OwnMetrics;
            table.AddRow(
                Markup.Escape(d.Detector),
                standard is null ? "–" : F(standard.Normalized, "0.0"),
                standard is null ? "–" : double.IsPositiveInfinity(standard.Threshold) ? "none" : F(standard.Threshold, "0.#####"),
                F(metrics.Precision, "0.00"),
                F(metrics.Recall, "0.00"),
                F(metrics.F1, "0.00"),
                Lead(metrics),
                F(metrics.FalseAlertsPerThousand, "0.00"),
                F(d.Own.Normalized, "0.0"));
        }

        console.Write(table);
        var reference = new Table().Title("[grey]Published NAB v1.0 standard-profile scores, for comparison[/]").AddColumn("detector").AddColumn(new TableColumn("NAB standard").RightAligned());
        foreach (var (name, score) in Reference)
        {
            reference.AddRow(Markup.Escape(name), F(score, "0.0"));
        }

        console.Write(reference);
        console.MarkupLine(corpusMode
            ? "[grey]NAB: standard-profile score with one score threshold (thr.) per detector optimised over the whole corpus, as NAB does; precision, recall, F1, mean lead time (labelled point minus first detection; negative = after it) and false alerts per 1,000 points are at that threshold. NAB own: the score of the detector's own flags. Probation (first 15%, at most 750 points) is not scored.[/]"
            : "[grey]Precision, recall, F1, mean lead time (labelled point minus first detection; negative = after it) and false alerts per 1,000 points are at the detector's own threshold, as is NAB own. NAB*: the score with the threshold (thr.) fitted on these labels — optimistic for one file. Probation (first 15%, at most 750 points) is not scored.[/]");
    }

    private static string Lead(WindowMetrics m)
    {
        if (m.MeanLeadTime is not { } lead)
        {
            return "–";
        }

        var sign = lead < TimeSpan.Zero ? "−" : "";
        var abs = lead.Duration();
        var text = abs.TotalDays >= 2 ? string.Create(CultureInfo.InvariantCulture, $"{abs.TotalDays:0.0} d")
            : abs.TotalHours >= 2 ? string.Create(CultureInfo.InvariantCulture, $"{abs.TotalHours:0.0} h")
            : string.Create(CultureInfo.InvariantCulture, $"{abs.TotalMinutes:0} min");
        return sign + text.Replace(',', '.');
    }

    private static string F(double x, string format) => double.IsFinite(x) ? x.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static void WriteProblems(CliContext context, List<string> problems)
    {
        foreach (var problem in problems.Take(50))
        {
            context.Error.WriteLine($"vigil: {problem}");
        }

        if (problems.Count > 50)
        {
            context.Error.WriteLine($"vigil: … and {problems.Count - 50} more problem(s).");
        }
    }

    /// <summary>Moves the Spectre task from worker threads (Spectre's task value is thread-safe).</summary>
    private sealed class SynchronousProgress(ProgressTask task) : IProgress<BacktestProgress>
    {
        public void Report(BacktestProgress value) => task.Increment(1);
    }
}
