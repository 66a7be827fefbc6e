using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Documents;
using Vigil.Core.Statistics;
using Vigil.Core.Storage;

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
            var setA = DocumentSets.Resolve(context, workspace, "A", parse.GetValue(a), parse.GetValue(aSource));
            if (setA is null)
            {
                return ExitCodes.Usage;
            }

            if (setA.Count == 0)
            {
                return context.Usage("give set A with --a ID|PATH (repeatable) or --a-source NAME.");
            }

            var setB = DocumentSets.Resolve(context, workspace, "B", parse.GetValue(b), parse.GetValue(bSource));
            if (setB is null)
            {
                return ExitCodes.Usage;
            }

            var inA = setA.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            if (setB.Count == 0)
            {
                setB = workspace.Store.List().Where(d => !inA.Contains(d.Id)).ToList();
                if (setB.Count == 0)
                {
                    return context.Usage("set B is empty: every stored document is in A; give --b or --b-source, or ingest a reference corpus.");
                }
            }
            else if (setB.FirstOrDefault(d => inA.Contains(d.Id)) is { } shared)
            {
                var count = setB.Count(d => inA.Contains(d.Id));
                return context.Usage($"{count} document(s) are in both A and B (first: {shared.Id} {shared.Path}); the sets must not overlap.");
            }

            var options = new KeynessOptions
            {
                MinFrequency = parse.GetValue(minFreq),
                P = double.Parse(parse.GetValue(p)!, CultureInfo.InvariantCulture),
                Top = parse.GetValue(top),
                Language = parse.GetValue(lang) is "all" ? null : parse.GetValue(lang),
            };
            var result = KeynessAnalyzer.Compare(workspace.Store, setA, setB, options);
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(new
                {
                    a = Size(result.A),
                    b = Size(result.B),
                    words = result.Words.Select(w => new
                    {
                        word = w.Word,
                        lang = w.Language,
                        a = w.A,
                        b = w.B,
                        a_per10k = Math.Round(w.APer10K, 4),
                        b_per10k = Math.Round(w.BPer10K, 4),
                        g2 = Math.Round(w.G2, 4),
                        log_ratio = Math.Round(w.LogRatio, 4),
                        direction = w.Direction == KeywordDirection.A ? "a" : "b",
                    }),
                });
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

    private static object Size(KeynessSet set) => new { docs = set.Documents, tokens = new { zh = set.ChineseTokens, en = set.EnglishTokens } };

    private static string Describe(KeynessSet set) =>
        string.Create(CultureInfo.InvariantCulture, $"{set.Documents:N0} docs, {set.ChineseTokens:N0} zh + {set.EnglishTokens:N0} en tokens");

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
}

/// <summary>Document sets given on the command line as ids/paths and a source name.</summary>
internal static class DocumentSets
{
    /// <summary>
    /// The union of the documents named (id, id prefix or path) and those of <paramref name="source"/>, in that
    /// order without repeats; empty when neither is given. Null (after a one-line message) when a reference or the
    /// source matches nothing.
    /// </summary>
    public static List<DocumentInfo>? Resolve(CliContext context, Workspace workspace, string set, string[]? references, string? source)
    {
        var (found, unknown) = workspace.ResolveDocuments(references ?? []);
        if (unknown.Count > 0)
        {
            context.Usage($"set {set}: no document matches {string.Join(", ", unknown.Select(u => $"'{u}'"))}; 'vigil docs' lists ids and paths.");
            return null;
        }

        if (source is not null)
        {
            var ofSource = workspace.Store.List(new DocumentFilter { Source = source }).ToList();
            if (ofSource.Count == 0)
            {
                context.Usage($"set {set}: no document has the source '{source}'; 'vigil docs' lists sources.");
                return null;
            }

            var ids = found.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            found.AddRange(ofSource.Where(d => ids.Add(d.Id)));
        }

        return found;
    }
}
