using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Output;
using Vigil.Core.Terms;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil count TERM... [--terms-file F] [--doc ID|PATH] [--by doc|source|year|corpus]</c>.</summary>
internal static class CountCommand
{
    public static Command Create(CliContext context)
    {
        var terms = new Argument<string[]>("TERM") { Arity = ArgumentArity.ZeroOrMore, Description = "Words, phrases or Chinese terms" };
        var termsFile = new Option<string?>("--terms-file") { Description = "More terms, one per line", HelpName = "F" };
        var doc = TermArguments.Doc();
        var by = new Option<string>("--by") { Description = "Rows per doc, source, year, or the whole corpus", DefaultValueFactory = _ => "doc", HelpName = "doc|source|year|corpus" };
        by.AcceptOnlyFromAmong("doc", "source", "year", "corpus");
        var stem = TermArguments.Stem();
        var nonzero = new Option<bool>("--nonzero") { Description = "Leave out rows whose count is 0" };
        var command = new Command("count", "Exact counts and rates of terms (substring-true for Chinese, whole words for English)") { terms, termsFile, doc, by, stem, nonzero };
        command.SetAction(parse =>
        {
            var list = (parse.GetValue(terms) ?? []).ToList();
            if (parse.GetValue(termsFile) is { } file)
            {
                var (fromFile, error) = TermArguments.ReadTermsFile(file);
                if (error is not null)
                {
                    return context.Usage(error);
                }

                list.AddRange(fromFile);
            }

            if (list.Count == 0)
            {
                return context.Usage("give at least one TERM or --terms-file.");
            }

            var (set, compileError) = TermArguments.Compile(list, parse.GetValue(stem));
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

            var grouping = Enum.Parse<CountGrouping>(parse.GetValue(by)!, ignoreCase: true);
            var rows = CorpusCounter.Count(workspace.Store, docs, set, grouping, includeZeros: !parse.GetValue(nonzero));
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(rows.Select(r => JsonShapes.CountRow(r, grouping)));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumn(grouping.ToString().ToLowerInvariant()).AddColumn("term").AddColumn(new TableColumn("count").RightAligned())
                .AddColumn(new TableColumn("per 10k").RightAligned()).AddColumn(new TableColumn("of").RightAligned());
            foreach (var r in rows)
            {
                var key = grouping == CountGrouping.Doc ? $"{r.Doc![..8]} {Path.GetFileName(r.Path)}" : r.Key;
                var basis = string.Create(CultureInfo.InvariantCulture, $"{r.Basis:N0} {(set.IsChinese(list.IndexOf(r.Term)) ? "Han" : "words")}");
                table.AddRow(Markup.Escape(key), Markup.Escape(r.Term), r.Count.ToString("N0", CultureInfo.InvariantCulture),
                    r.Per10K.ToString("F2", CultureInfo.InvariantCulture), basis);
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
