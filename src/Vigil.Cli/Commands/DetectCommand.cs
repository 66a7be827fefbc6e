using System.CommandLine;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Vigil.Cli.Charts;
using Vigil.Core.Detection;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil detect --csv FILE [--detector NAME|auto] [--param K=V]... [--png F] [--svg F]</c>: runs one detector over a
/// timestamp,value series and lists the anomalies with their explanations.
/// </summary>
internal static class DetectCommand
{
    /// <summary>Most points drawn in a PNG/SVG chart; longer series are averaged into this many buckets.</summary>
    private const int MaxChartPoints = 2000;

    public static Command Create(CliContext context)
    {
        var csv = new Option<string>("--csv") { Description = "A timestamp,value CSV (the NAB format)", HelpName = "FILE", Required = true };
        var detector = new Option<string>("--detector") { Description = DetectorArguments.DetectorHelp, HelpName = "NAME|auto", DefaultValueFactory = _ => AutoSelector.Name };
        var parameters = DetectorArguments.Params();
        var png = new Option<string?>("--png") { Description = "Also write a chart of the series with the anomalies marked, as PNG", HelpName = "F" };
        var svg = new Option<string?>("--svg") { Description = "Also write that chart as SVG", HelpName = "F" };
        var command = new Command("detect", "Find unusual points in a timestamp,value series, each with an explanation")
        {
            csv, detector, parameters, png, svg,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(csv)!;
            var name = parse.GetValue(detector)!.Trim();
            var pairs = DetectorArguments.Pairs(parse, parameters, out var pairError);
            if (pairs is null)
            {
                return context.Usage(pairError!);
            }

            var check = DetectorRegistry.Create(name, pairs, new DetectorContext { Sample = [], SeriesLength = 100 });
            if (check.Error is not null)
            {
                return context.Usage(check.Error);
            }

            foreach (var (chart, extension) in new[] { (parse.GetValue(png), ".png"), (parse.GetValue(svg), ".svg") })
            {
                if (chart is not null && !chart.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                {
                    return context.Usage($"--{extension[1..]} needs a file name ending in {extension} (got '{chart}').");
                }
            }

            if (!File.Exists(path))
            {
                return context.Usage($"{path}: no such file.");
            }

            var file = TimeSeriesCsv.Read(path);
            foreach (var problem in file.Problems.Take(50))
            {
                context.Error.WriteLine($"vigil: {path}: row {problem.Row}: {problem.Message}; row skipped");
            }

            if (file.Problems.Count > 50)
            {
                context.Error.WriteLine($"vigil: {path}: … and {file.Problems.Count - 50} more bad row(s) skipped.");
            }

            var points = file.Points;
            if (points.Count == 0)
            {
                return context.Fail($"{path}: no data rows to analyse (expected timestamp,value lines).");
            }

            // The CLI has the whole file, so auto may look at all of it (a choice about the kind of data, not about anomalies).
            var (creation, ran) = DetectionReport.Run(name, pairs, points);
            var results = ran!;
            var anomalies = results.Where(r => r.IsAnomaly).ToList();
            var chosen = creation.Detector!.Name;
            var failed = false;
            foreach (var (chart, option) in new[] { (parse.GetValue(png), "--png"), (parse.GetValue(svg), "--svg") })
            {
                if (chart is null)
                {
                    continue;
                }

                try
                {
                    var written = ChartWriter.Write(Chart(path, chosen, points, results), chart);
                    foreach (var warning in written.Warnings)
                    {
                        context.Error.WriteLine($"vigil: {chart}: {warning}");
                    }
                }
                catch (ArgumentException ex)
                {
                    return context.Usage($"{chart}: {ex.Message}");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    context.Error.WriteLine($"vigil: could not write {chart}: {ex.Message}");
                    failed = true;
                }
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                WarningArguments.WriteNode(context, DetectionReport.ToJson(creation, points, results, file.Problems));
            }
            else
            {
                Render(context.Console, path, creation, points, results, anomalies);
            }

            return failed || file.Problems.Count > 0 ? ExitCodes.Partial : ExitCodes.Success;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, string path, DetectorCreation creation, IReadOnlyList<SeriesPoint> points, DetectorResult[] results, List<DetectorResult> anomalies)
    {
        var name = creation.Detector!.Name;
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]{Markup.Escape(name)}[/] on {Markup.Escape(path)}: {points.Count:N0} points, {results.Count(r => r.Ready):N0} scored, [{(anomalies.Count > 0 ? "red" : "green")}]{anomalies.Count}[/] anomalies."));
        if (creation.Choice is { } choice)
        {
            console.MarkupLine($"[grey]auto chose {Markup.Escape(choice.Detector)}: {Markup.Escape(choice.Reason)}.[/]");
        }

        console.MarkupLine($"[grey]Parameters: {Markup.Escape(string.Join(", ", creation.Parameters.Select(kv => $"{kv.Key}={kv.Value}")))}[/]");
        if (points.Count > 0)
        {
            Sparkline(console, points, results);
        }

        if (anomalies.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumn("timestamp").AddColumn(new TableColumn("value").RightAligned())
            .AddColumn(new TableColumn("score").RightAligned()).AddColumn("explanation");
        foreach (var a in anomalies.Take(200))
        {
            table.AddRow(Markup.Escape(TimeSeriesCsv.Format(a.Timestamp)), DetectorResult.Number(a.Value), a.Score.ToString("0.000", CultureInfo.InvariantCulture), Markup.Escape(a.Explanation));
        }

        console.Write(table);
        if (anomalies.Count > 200)
        {
            console.MarkupLine($"[grey]… {anomalies.Count - 200} more; --json lists them all.[/]");
        }
    }

    /// <summary>
    /// The series as one line of block characters (each column the mean of its points, scaled between the minimum and
    /// maximum), with a marker line under it: ▲ where a column holds an anomaly.
    /// </summary>
    private static void Sparkline(IAnsiConsole console, IReadOnlyList<SeriesPoint> points, DetectorResult[] results)
    {
        const string Blocks = "▁▂▃▄▅▆▇█";
        var width = Math.Clamp(console.Profile.Width - 2, 20, 120);
        var columns = Math.Min(width, points.Count);
        var means = new double[columns];
        var marked = new bool[columns];
        for (var c = 0; c < columns; c++)
        {
            var from = (int)((long)c * points.Count / columns);
            var to = (int)((long)(c + 1) * points.Count / columns);
            double sum = 0;
            for (var i = from; i < to; i++)
            {
                sum += points[i].Value;
                marked[c] |= results[i].IsAnomaly;
            }

            means[c] = sum / Math.Max(1, to - from);
        }

        var min = means.Min();
        var max = means.Max();
        var line = new StringBuilder();
        var marks = new StringBuilder();
        for (var c = 0; c < columns; c++)
        {
            var level = max > min ? (int)Math.Round((means[c] - min) / (max - min) * (Blocks.Length - 1)) : 0;
            line.Append(Blocks[level]);
            marks.Append(marked[c] ? '▲' : ' ');
        }

        console.MarkupLine($"[blue]{line}[/]");
        console.MarkupLine($"[red]{marks.ToString().TrimEnd()}[/]");
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[grey]{Markup.Escape(TimeSeriesCsv.Format(points[0].Timestamp))} → {Markup.Escape(TimeSeriesCsv.Format(points[^1].Timestamp))}; column means from {DetectorResult.Number(min)} to {DetectorResult.Number(max)}; ▲ anomaly[/]"));
    }

    private static ChartSpec Chart(string path, string detector, IReadOnlyList<SeriesPoint> points, DetectorResult[] results)
    {
        var buckets = Math.Min(points.Count, MaxChartPoints);
        // Short labels: the date alone for a series longer than a week, else day and time.
        var span = points[^1].Timestamp - points[0].Timestamp;
        var labelFormat = span > TimeSpan.FromDays(7) ? "yyyy-MM-dd" : "MM-dd HH:mm";
        var categories = new string[buckets];
        var values = new double[buckets];
        var flagged = new double[buckets];
        for (var b = 0; b < buckets; b++)
        {
            var from = (int)((long)b * points.Count / buckets);
            var to = (int)((long)(b + 1) * points.Count / buckets);
            double sum = 0;
            var anomaly = double.NaN;
            for (var i = from; i < to; i++)
            {
                sum += points[i].Value;
                if (results[i].IsAnomaly && double.IsNaN(anomaly))
                {
                    anomaly = points[i].Value;
                }
            }

            categories[b] = points[from].Timestamp.ToString(labelFormat, CultureInfo.InvariantCulture);
            values[b] = sum / Math.Max(1, to - from);
            flagged[b] = anomaly;
        }

        var averaged = buckets < points.Count ? string.Create(CultureInfo.InvariantCulture, $"; {points.Count:N0} points averaged into {buckets} buckets") : "";
        return new ChartSpec($"{Path.GetFileName(path)}: {detector}", ChartKind.Line, categories, [new ChartSeries("value", values), new ChartSeries("anomaly", flagged)])
        {
            XLabel = "time",
            YLabel = "value",
            Caption = $"Vigil detect, detector {detector}{averaged}",
        };
    }
}
