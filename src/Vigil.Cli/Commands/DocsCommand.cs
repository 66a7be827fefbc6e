using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Output;
using Vigil.Core.Storage;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil docs</c>: the catalogue of stored documents.</summary>
internal static class DocsCommand
{
    public static Command Create(CliContext context)
    {
        var language = new Option<string?>("--lang") { Description = "Only this language: en, zh-Hans, zh-Hant, zh, mixed, other", HelpName = "L" };
        var source = new Option<string?>("--source") { Description = "Only this source", HelpName = "S" };
        var command = new Command("docs", "List stored documents with their metadata") { language, source };
        command.SetAction(parse =>
        {
            using var workspace = Workspace.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            var docs = workspace.Store.List(new DocumentFilter { Language = parse.GetValue(language), Source = parse.GetValue(source) }).ToList();
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(docs.Select(JsonShapes.Document));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("id", "title", "language", "date", "source", "format", "words", "han", "path");
            foreach (var d in docs)
            {
                table.AddRow(d.Id[..8], Markup.Escape(d.Title ?? "—"), d.Language, d.Date ?? "—", Markup.Escape(d.Source ?? "—"), d.Format,
                    d.Words.ToString("N0", CultureInfo.InvariantCulture), d.Han.ToString("N0", CultureInfo.InvariantCulture),
                    Markup.Escape(d.Path) + (d.Paths.Count > 1 ? $" (+{d.Paths.Count - 1})" : ""));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"{docs.Count} documents");
            return ExitCodes.Success;
        });
        return command;
    }
}
