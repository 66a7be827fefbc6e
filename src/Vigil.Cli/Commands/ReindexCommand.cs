using System.CommandLine;
using Spectre.Console;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil reindex</c>: rebuilds the search index from the database.</summary>
internal static class ReindexCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("reindex", "Rebuild the search index from the stored documents");
        command.SetAction(parse =>
        {
            using var workspace = Workspace.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            workspace.Store.MarkAllUnindexed();
            workspace.Index.Clear();
            var indexed = workspace.Ingestor(context.Time).CatchUpIndex();
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(new { indexed, seconds = Math.Round(clock.Elapsed.TotalSeconds, 3) });
            }
            else
            {
                context.Console.MarkupLine($"Indexed {indexed} documents in {clock.Elapsed.TotalSeconds:F1} s.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
