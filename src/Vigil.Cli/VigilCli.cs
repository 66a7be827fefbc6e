using System.CommandLine;
using Vigil.Cli.Commands;

namespace Vigil.Cli;

/// <summary>Options every command takes.</summary>
internal static class GlobalOptions
{
    public static Option<string?> Data { get; } = new("--data")
    {
        Description = "Data directory (default: $VIGIL_DATA, else ./vigil-data)",
        Recursive = true,
        HelpName = "DIR",
    };

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Write JSON (also the default when output is redirected)",
        Recursive = true,
    };
}

/// <summary>The command tree. Each command lives in its own file under Commands/.</summary>
internal static class VigilCli
{
    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        var root = new RootCommand("Vigil — security-risk monitoring and early-warning workbench for English and Chinese documents.")
        {
            GlobalOptions.Data,
            GlobalOptions.Json,
        };
        root.Subcommands.Add(IngestCommand.Create(context));
        root.Subcommands.Add(DocsCommand.Create(context));
        root.Subcommands.Add(CountCommand.Create(context));
        root.Subcommands.Add(KwicCommand.Create(context));
        root.Subcommands.Add(SearchCommand.Create(context));
        root.Subcommands.Add(KeynessCommand.Create(context));
        root.Subcommands.Add(CollocatesCommand.Create(context));
        root.Subcommands.Add(ReindexCommand.Create(context));
        root.Subcommands.Add(TaxonomyCommand.Create(context));
        root.Subcommands.Add(DomainsCommand.CreateDomains(context));
        root.Subcommands.Add(DomainsCommand.CreateClassify(context));
        root.Subcommands.Add(EvalCommand.Create(context));
        root.Subcommands.Add(TrendCommand.Create(context));
        root.Subcommands.Add(TifaCommand.Create(context));
        root.Subcommands.Add(GazetteerCommand.Create(context));
        root.Subcommands.Add(EventsCommand.Create(context));
        root.Subcommands.Add(EntitiesCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(UsersCommand.CreateUsers(context));
        root.Subcommands.Add(UsersCommand.CreateKeys(context));
        root.Subcommands.Add(IndicatorsCommand.Create(context));
        root.Subcommands.Add(WatchCommand.Create(context));
        root.Subcommands.Add(AlertsCommand.Create(context));
        root.Subcommands.Add(RisksCommand.Create(context));
        root.Subcommands.Add(DetectCommand.Create(context));
        root.Subcommands.Add(BacktestCommand.Create(context));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                context.Error.WriteLine($"vigil: {error.Message}");
            }

            context.Error.WriteLine("Run 'vigil --help' (or 'vigil COMMAND --help') for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("vigil: cancelled");
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            // Infrastructure problems (disk, permissions, a locked index, a newer schema): one line, no stack trace.
            return context.Fail(ex.Message);
        }
    }
}
