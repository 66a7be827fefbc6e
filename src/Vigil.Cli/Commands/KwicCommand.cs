using System.CommandLine;
using Spectre.Console;
using Vigil.Core.Output;
using Vigil.Core.Terms;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil kwic TERM [--doc ...] [--width N] [--limit N]</c>: keyword in context from the original text.</summary>
internal static class KwicCommand
{
    public static Command Create(CliContext context)
    {
        var term = new Argument<string>("TERM") { Description = "Word, phrase or Chinese term" };
        var doc = TermArguments.Doc();
        var width = new Option<int>("--width") { Description = "Characters of context on each side", DefaultValueFactory = _ => 40 };
        var limit = new Option<int>("--limit") { Description = "Most lines (0: all)", DefaultValueFactory = _ => 0 };
        var stem = TermArguments.Stem();
        var command = new Command("kwic", "Keyword in context: every occurrence with its surroundings, from the original text") { term, doc, width, limit, stem };
        command.SetAction(parse =>
        {
            if (parse.GetValue(width) is < 1 or > 10_000 || parse.GetValue(limit) < 0)
            {
                return context.Usage("--width takes 1 to 10000 and --limit 0 or more.");
            }

            var (set, compileError) = TermArguments.Compile([parse.GetValue(term)!], parse.GetValue(stem));
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

            var lines = Concordance.Lines(workspace.Store, docs, set, parse.GetValue(width), parse.GetValue(limit)).ToList();

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(lines.Select(l => JsonShapes.ConcordanceLine(l.Document, l.Line)));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumn("doc").AddColumn(new TableColumn("left").RightAligned()).AddColumn("match").AddColumn("right");
            foreach (var (d, line) in lines)
            {
                table.AddRow(Markup.Escape($"{d.Id[..8]}@{line.Offset}"), Markup.Escape(line.Left), $"[bold yellow]{Markup.Escape(line.Match)}[/]", Markup.Escape(line.Right));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"{lines.Count} lines");
            return ExitCodes.Success;
        });
        return command;
    }
}
