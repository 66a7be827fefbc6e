using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Documents;
using Vigil.Core.Output;
using Vigil.Core.Statistics;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil collocates TERM [--window N] [--measure logdice|mi|t] [--min-freq N] [--top N] [--doc ID|PATH] [--source S]</c>:
/// the words found near a term, ranked by an association measure.
/// </summary>
internal static class CollocatesCommand
{
    private const int MaxWindow = 1000;

    public static Command Create(CliContext context)
    {
        var term = new Argument<string>("TERM") { Description = "Word, phrase or Chinese term (found as count finds it: substring-true for Chinese)" };
        var window = new Option<int>("--window") { Description = "Tokens on each side of the term", DefaultValueFactory = _ => 5, HelpName = "N" };
        var measure = new Option<string>("--measure") { Description = "Rank by logDice, mutual information or t-score", DefaultValueFactory = _ => "logdice", HelpName = "logdice|mi|t" };
        measure.AcceptOnlyFromAmong("logdice", "mi", "t");
        var minFreq = new Option<int>("--min-freq") { Description = "Keep collocates seen at least N times near the term", DefaultValueFactory = _ => 3, HelpName = "N" };
        var top = new Option<int>("--top") { Description = "At most N collocates (0: all)", DefaultValueFactory = _ => 50, HelpName = "N" };
        var doc = TermArguments.Doc();
        var source = new Option<string?>("--source") { Description = "Only documents of this source", HelpName = "S" };
        var command = new Command("collocates", "Collocations: words within N tokens of a term, by logDice, MI or t-score") { term, window, measure, minFreq, top, doc, source };
        command.SetAction(parse =>
        {
            if (parse.GetValue(window) is < 1 or > MaxWindow)
            {
                return context.Usage($"--window takes 1 to {MaxWindow} (tokens on each side of the term).");
            }

            if (parse.GetValue(minFreq) < 1 || parse.GetValue(top) < 0)
            {
                return context.Usage("--min-freq takes 1 or more and --top 0 or more.");
            }

            var (set, compileError) = TermArguments.Compile([parse.GetValue(term)!], stem: false);
            if (set is null)
            {
                return context.Usage(compileError!);
            }

            using var workspace = Workspace.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            var docs = TermArguments.SelectDocuments(context, workspace, parse.GetValue(doc));
            if (docs is null)
            {
                return ExitCodes.Usage;
            }

            var ofSource = DocumentSelection.OfSource(docs, parse.GetValue(source));
            if (ofSource.Documents is null)
            {
                return context.Usage(ofSource.Error!);
            }

            var chosen = parse.GetValue(measure) switch
            {
                "mi" => AssociationMeasure.MutualInformation,
                "t" => AssociationMeasure.TScore,
                _ => AssociationMeasure.LogDice,
            };
            var result = CollocationAnalyzer.Analyze(workspace.Store, ofSource.Documents, set, new CollocationOptions
            {
                Window = parse.GetValue(window),
                Measure = chosen,
                MinCooccurrence = parse.GetValue(minFreq),
                Top = parse.GetValue(top),
            });

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(JsonShapes.Collocations(result, parse.GetValue(measure)!));
                return ExitCodes.Success;
            }

            context.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{result.Term}: {result.Nodes:N0} occurrences in {ofSource.Documents.Count:N0} documents of {result.Tokens:N0} tokens; window ±{result.Window}, co-occurrence ≥ {parse.GetValue(minFreq)}")));
            var table = new Table().AddColumn("collocate").AddColumn("lang").AddColumn(new TableColumn("cooc").RightAligned()).AddColumn(new TableColumn("freq").RightAligned())
                .AddColumn(new TableColumn("logDice").RightAligned()).AddColumn(new TableColumn("MI").RightAligned()).AddColumn(new TableColumn("t").RightAligned());
            foreach (var c in result.Collocates)
            {
                table.AddRow(Markup.Escape(c.Word), c.Language, N(c.Cooccurrences), N(c.Frequency), F(c.LogDice), F(c.MutualInformation), F(c.TScore));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"{result.Collocates.Count} collocates, ranked by {parse.GetValue(measure)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
}
