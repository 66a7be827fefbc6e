using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Documents;
using Vigil.Core.Output;
using Vigil.Core.Statistics;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil keyness --a SPEC… [--b SPEC…] [--a-source S] [--b-source S] [--min-freq N] [--p P] [--top N] [--lang en|zh|all]</c>:
/// the words of set A that are significantly more (or less) frequent than in set B, by log-likelihood.
/// </summary>
internal static class KeynessCommand
{
    public static Command Create(CliContext context)
    {
        var a = SetOption("--a", "A document of set A (id, id prefix or path); repeatable");
        var b = SetOption("--b", "A document of set B (id, id prefix or path); repeatable. Without --b/--b-source, B is every other document");
        var aSource = new Option<string?>("--a-source") { Description = "Every document of this source is in set A", HelpName = "S" };
        var bSource = new Option<string?>("--b-source") { Description = "Every document of this source is in set B", HelpName = "S" };
        var minFreq = new Option<int>("--min-freq") { Description = "Keep words with a + b at least N", DefaultValueFactory = _ => 5, HelpName = "N" };
        var p = new Option<string>("--p") { Description = "Significance level (G² ≥ 3.84, 6.63, 10.83, 15.13)", DefaultValueFactory = _ => "0.05", HelpName = "P" };
        p.AcceptOnlyFromAmong("0.05", "0.01", "0.001", "0.0001");
        var top = new Option<int>("--top") { Description = "At most N words per direction (0: all)", DefaultValueFactory = _ => 50, HelpName = "N" };
        var lang = new Option<string>("--lang") { Description = "Only Chinese or only English words", DefaultValueFactory = _ => "all", HelpName = "en|zh|all" };
        lang.AcceptOnlyFromAmong("en", "zh", "all");
        var command = new Command("keyness", "Keywords of set A against set B (log-likelihood G², log ratio), Chinese and English words each within their own language")
        {
            a, b, aSource, bSource, minFreq, p, top, lang,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(minFreq) < 1 || parse.GetValue(top) < 0)
            {
                return context.Usage("--min-freq takes 1 or more and --top 0 or more.");
            }

            using var workspace = Workspace.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            var sets = DocumentSelection.KeynessSets(workspace.Store, parse.GetValue(a), parse.GetValue(aSource), parse.GetValue(b), parse.GetValue(bSource));
            if (sets.Error is not null)
            {
                return context.Usage(sets.Error);
            }

            var options = new KeynessOptions
            {
                MinFrequency = parse.GetValue(minFreq),
                P = double.Parse(parse.GetValue(p)!, CultureInfo.InvariantCulture),
                Top = parse.GetValue(top),
                Language = parse.GetValue(lang) is "all" ? null : parse.GetValue(lang),
            };
            var result = KeynessAnalyzer.Compare(workspace.Store, sets.A!, sets.B!, options);
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(JsonShapes.Keyness(result));
                return ExitCodes.Success;
            }

            context.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"A: {Describe(result.A)}; B: {Describe(result.B)}; G² ≥ {result.CriticalValue} (p < {parse.GetValue(p)}), a + b ≥ {options.MinFrequency}")));
            var table = new Table().AddColumn("word").AddColumn("lang").AddColumn(new TableColumn("a").RightAligned()).AddColumn(new TableColumn("b").RightAligned())
                .AddColumn(new TableColumn("a/10k").RightAligned()).AddColumn(new TableColumn("b/10k").RightAligned())
                .AddColumn(new TableColumn("G²").RightAligned()).AddColumn(new TableColumn("log ratio").RightAligned()).AddColumn("more in");
            foreach (var w in result.Words)
            {
                table.AddRow(Markup.Escape(w.Word), w.Language, N(w.A), N(w.B), F(w.APer10K), F(w.BPer10K), F(w.G2), F(w.LogRatio),
                    w.Direction == KeywordDirection.A ? "[green]A[/]" : "[red]B[/]");
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"{result.Words.Count} words");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string[]> SetOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "ID|PATH",
        AllowMultipleArgumentsPerToken = false,
    };

    private static string Describe(KeynessSet set) =>
        string.Create(CultureInfo.InvariantCulture, $"{set.Documents:N0} docs, {set.ChineseTokens:N0} zh + {set.EnglishTokens:N0} en tokens");

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
}
