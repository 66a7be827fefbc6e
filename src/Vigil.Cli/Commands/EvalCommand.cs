using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Domains;
using Vigil.Core.Events.Extraction;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil eval domains</c>: precision, recall and F1 of the domain classifier on the labelled paragraphs;
/// <c>vigil eval events</c>: the same for the event extractor on the labelled sentences.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var labels = new Option<string>("--labels") { Description = "The labelled paragraphs (TSV)", DefaultValueFactory = _ => Path.Combine("eval", "domains", "labels.tsv"), HelpName = "F" };
        var corpus = new Option<string>("--corpus") { Description = "Root folder the labels' file paths are relative to", DefaultValueFactory = _ => Path.Combine("..", "shared", "corpus"), HelpName = "DIR" };
        var split = new Option<string>("--split") { Description = "Which paragraphs: dev (used for calibration), test (held out) or all", DefaultValueFactory = _ => "all", HelpName = "dev|test|all" };
        split.AcceptOnlyFromAmong("dev", "test", "all");
        var version = DomainArguments.Version();
        var files = DomainArguments.Files();
        var errors = new Option<int>("--errors") { Description = "List up to N misclassified paragraphs", DefaultValueFactory = _ => 0, HelpName = "N" };
        var param = new Option<string[]>("--param") { Description = "Override a scoring constant: tau=, threshold=, u0=, alpha= (calibration aid)", HelpName = "K=V" };
        var domains = new Command("domains", "Per-domain precision/recall/F1 and micro/macro F1 on the labelled evaluation set") { labels, corpus, split, version, files, errors, param };
        domains.SetAction(parse =>
        {
            var labelsPath = parse.GetValue(labels)!;
            var corpusRoot = parse.GetValue(corpus)!;
            if (!File.Exists(labelsPath))
            {
                return context.Usage($"labels file {labelsPath} not found (give --labels; the project's set is eval/domains/labels.tsv).");
            }

            if (!Directory.Exists(corpusRoot))
            {
                return context.Usage($"corpus folder {corpusRoot} not found (give --corpus; the labels point into the research corpus, which a user's clone does not have).");
            }

            if (ParseParameters(parse.GetValue(param) ?? []) is not { } parameters)
            {
                return context.Usage("--param takes tau=X, threshold=X, u0=X or alpha=X with a number X.");
            }

            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            var taxonomy = DomainArguments.Load(context, dataDirectory, parse.GetValue(files), parse.GetValue(version) ?? "2024");
            if (taxonomy is null)
            {
                return ExitCodes.Usage;
            }

            var (records, problems) = DomainEvaluation.LoadLabels(labelsPath, taxonomy.Domains.Select(d => d.Id).ToHashSet(StringComparer.Ordinal));
            foreach (var problem in problems)
            {
                context.Error.WriteLine($"vigil: {problem}");
            }

            var report = DomainEvaluation.Evaluate(new DomainClassifier(taxonomy, parameters), records, corpusRoot, parse.GetValue(split)!);
            foreach (var skipped in report.Skipped)
            {
                context.Error.WriteLine($"vigil: skipped {skipped}");
            }

            var showErrors = Math.Max(0, parse.GetValue(errors));
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(new
                {
                    split = parse.GetValue(split),
                    taxonomy = taxonomy.Version,
                    paragraphs = report.Paragraphs,
                    skipped = report.Skipped,
                    micro = new { precision = report.MicroPrecision, recall = report.MicroRecall, f1 = report.MicroF1 },
                    macro = new { precision = report.MacroPrecision, recall = report.MacroRecall, f1 = report.MacroF1 },
                    exact_match = report.ExactMatch,
                    domains = report.Domains.Select(m => new { id = m.Id, support = m.Support, predicted = m.Predicted, true_positives = m.TruePositives, precision = m.Precision, recall = m.Recall, f1 = m.F1 }),
                    errors = report.Errors.Take(showErrors).Select(e => new { file = e.Paragraph.File, line = e.Paragraph.Line, labels = e.Paragraph.Labels, missed = e.Missed, spurious = e.Spurious }),
                });
            }
            else
            {
                var table = new Table().AddColumn("domain").AddColumn(new TableColumn("gold").RightAligned()).AddColumn(new TableColumn("predicted").RightAligned())
                    .AddColumn(new TableColumn("correct").RightAligned()).AddColumn(new TableColumn("precision").RightAligned())
                    .AddColumn(new TableColumn("recall").RightAligned()).AddColumn(new TableColumn("F1").RightAligned());
                foreach (var m in report.Domains)
                {
                    table.AddRow(m.Id, N(m.Support), N(m.Predicted), N(m.TruePositives), F(m.Precision), F(m.Recall), m.Support == 0 ? "[grey]n/a[/]" : F(m.F1));
                }

                table.AddRow("[bold]micro[/]", "", "", "", F(report.MicroPrecision), F(report.MicroRecall), $"[bold]{F(report.MicroF1)}[/]");
                table.AddRow("[bold]macro[/]", "", "", "", F(report.MacroPrecision), F(report.MacroRecall), $"[bold]{F(report.MacroF1)}[/]");
                context.Console.Write(table);
                context.Console.MarkupLine($"{report.Paragraphs} paragraphs ({Markup.Escape(parse.GetValue(split)!)} split); exact match {F(report.ExactMatch)}; "
                    + "macro averages over domains with at least one gold label.");
                foreach (var e in report.Errors.Take(showErrors))
                {
                    context.Console.MarkupLine(Markup.Escape($"{e.Paragraph.File}:{e.Paragraph.Line} gold [{string.Join(",", e.Paragraph.Labels)}] missed [{string.Join(",", e.Missed)}] spurious [{string.Join(",", e.Spurious)}]"));
                }
            }

            return problems.Count > 0 || report.Skipped.Count > 0 ? ExitCodes.Partial : ExitCodes.Success;
        });

        return new Command("eval", "Evaluate Vigil's methods against labelled data") { domains, CreateEvents(context) };
    }

    private static Command CreateEvents(CliContext context)
    {
        var labels = new Option<string>("--labels") { Description = "The labelled sentences (TSV)", DefaultValueFactory = _ => Path.Combine("eval", "events", "labels.tsv"), HelpName = "F" };
        var written = new Option<string?>("--written") { Description = "The written sentences' texts (default: written.tsv beside --labels)", HelpName = "F" };
        var corpus = new Option<string>("--corpus") { Description = "Root folder the corpus sentences' paths are relative to", DefaultValueFactory = _ => Path.Combine("..", "shared", "corpus"), HelpName = "DIR" };
        var split = new Option<string>("--split") { Description = "Which sentences: dev (used to write the rules), test (held out) or all", DefaultValueFactory = _ => "all", HelpName = "dev|test|all" };
        split.AcceptOnlyFromAmong("dev", "test", "all");
        var errors = new Option<int>("--errors") { Description = "List up to N sentences whose proposed types differ from their labels", DefaultValueFactory = _ => 0, HelpName = "N" };
        var events = new Command("events", "Per-type and micro precision/recall/F1 of the event extractor on the labelled sentences") { labels, written, corpus, split, errors };
        events.SetAction((parse, cancellationToken) =>
        {
            var labelsPath = parse.GetValue(labels)!;
            if (!File.Exists(labelsPath))
            {
                return Task.FromResult(context.Usage($"labels file {labelsPath} not found (give --labels; the project's set is eval/events/labels.tsv)."));
            }

            var writtenPath = parse.GetValue(written) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(labelsPath))!, "written.tsv");
            if (!File.Exists(writtenPath))
            {
                return Task.FromResult(context.Usage($"written sentences file {writtenPath} not found (give --written)."));
            }

            var corpusRoot = parse.GetValue(corpus)!;
            if (!Directory.Exists(corpusRoot))
            {
                context.Error.WriteLine($"vigil: corpus folder {corpusRoot} not found: the corpus sentences are skipped and only the written ones scored (give --corpus).");
            }

            var (records, problems) = EventEvaluation.LoadLabels(labelsPath);
            var (texts, writtenProblems) = EventEvaluation.LoadWritten(writtenPath);
            problems.AddRange(writtenProblems);
            foreach (var problem in problems)
            {
                context.Error.WriteLine($"vigil: {problem}");
            }

            var splitName = parse.GetValue(split)!;
            var report = EventEvaluation.Evaluate(EventExtractor.Default, records, texts, Directory.Exists(corpusRoot) ? corpusRoot : null, splitName, cancellationToken);
            foreach (var skipped in report.Skipped)
            {
                context.Error.WriteLine($"vigil: skipped {skipped}");
            }

            var showErrors = Math.Max(0, parse.GetValue(errors));
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(new
                {
                    split = splitName,
                    sentences = report.Sentences,
                    skipped = report.Skipped,
                    micro = new { precision = report.MicroPrecision, recall = report.MicroRecall, f1 = report.MicroF1, support = report.Support, predicted = report.Predicted, true_positives = report.TruePositives },
                    types = report.Types.Select(m => new { type = m.Type, support = m.Support, predicted = m.Predicted, true_positives = m.TruePositives, precision = m.Precision, recall = m.Recall, f1 = m.F1 }),
                    errors = report.Errors.Take(showErrors).Select(e => new { source = e.Sentence.Source, @ref = e.Sentence.Ref, split = e.Sentence.Split, labels = e.Sentence.Types, missed = e.Missed, spurious = e.Spurious, rules = e.Rules, text = e.Text }),
                });
            }
            else
            {
                var table = new Table().AddColumn("type").AddColumn(new TableColumn("gold").RightAligned()).AddColumn(new TableColumn("proposed").RightAligned())
                    .AddColumn(new TableColumn("correct").RightAligned()).AddColumn(new TableColumn("precision").RightAligned())
                    .AddColumn(new TableColumn("recall").RightAligned()).AddColumn(new TableColumn("F1").RightAligned());
                foreach (var m in report.Types)
                {
                    table.AddRow(m.Type, N(m.Support), N(m.Predicted), N(m.TruePositives), m.Predicted == 0 ? "[grey]n/a[/]" : F(m.Precision),
                        m.Support == 0 ? "[grey]n/a[/]" : F(m.Recall), m.Support == 0 && m.Predicted == 0 ? "[grey]n/a[/]" : F(m.F1));
                }

                table.AddRow("[bold]micro[/]", N(report.Support), N(report.Predicted), N(report.TruePositives), F(report.MicroPrecision), F(report.MicroRecall), $"[bold]{F(report.MicroF1)}[/]");
                context.Console.Write(table);
                context.Console.MarkupLine(Markup.Escape($"{report.Sentences} sentences ({splitName} split); a proposed type is correct when the sentence is labelled with it."));
                foreach (var e in report.Errors.Take(showErrors))
                {
                    context.Console.MarkupLine(Markup.Escape($"{e.Sentence.Ref} [{e.Sentence.Split}] gold [{string.Join(",", e.Sentence.Types)}] missed [{string.Join(",", e.Missed)}] spurious [{string.Join(",", e.Spurious)}] rules [{string.Join(",", e.Rules)}]"));
                    context.Console.MarkupLine("  " + Markup.Escape(e.Text));
                }
            }

            return Task.FromResult(problems.Count > 0 || report.Skipped.Count > 0 ? ExitCodes.Partial : ExitCodes.Success);
        });

        return events;
    }

    private static ScoringParameters? ParseParameters(string[] pairs)
    {
        var p = ScoringParameters.Default;
        foreach (var pair in pairs)
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
            {
                return null;
            }

            p = parts[0] switch
            {
                "tau" when x > 0 => p with { Tau = x },
                "threshold" when x is > 0 and < 1 => p with { Threshold = x },
                "u0" when x > 0 => p with { ReferenceUnits = x },
                "alpha" when x >= 0 => p with { LengthExponent = x },
                _ => null,
            };
            if (p is null)
            {
                return null;
            }
        }

        return p;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
}
