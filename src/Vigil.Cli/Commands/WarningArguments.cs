using System.CommandLine;
using System.Text.Json.Nodes;
using Vigil.Core.Events;
using Vigil.Core.Indicators;
using Vigil.Core.Storage;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Commands;

/// <summary>Options, stores and JSON shared by the early-warning commands (indicators, watch, alerts, risks).</summary>
internal static class WarningArguments
{
    public static Option<string> By() => new("--by")
    {
        Description = "Who did it: a role or team name (not meant for tracking individuals)",
        DefaultValueFactory = _ => "analyst",
        HelpName = "NAME",
    };

    public static Option<string?> Note() => new("--note") { Description = "Why, in a sentence", HelpName = "TEXT" };

    /// <summary>The data directory's series builder (<see cref="IndicatorSeriesSources"/>); taxonomy problems go to standard error.</summary>
    public static IndicatorSeriesBuilder SeriesBuilder(CliContext context, string dataDirectory, IDocumentStore documents, SqliteWarningStore store, IEventStore events) =>
        IndicatorSeriesSources.ForDataDirectory(dataDirectory, documents, store, events, error => context.Error.WriteLine($"vigil: {error}"));

    /// <summary>The JSON of a series (vigil indicators series --json).</summary>
    public static JsonObject SeriesJson(IndicatorSeries series) => IndicatorJson.Series(series);

    public static void WriteNode(CliContext context, JsonNode node)
    {
        context.Out.WriteLine(node.ToJsonString(IndicatorJson.Options));
        context.Out.Flush();
    }

    /// <summary>Writes each error as its own line; returns the usage exit code.</summary>
    public static int Errors(CliContext context, IEnumerable<string> errors)
    {
        foreach (var error in errors)
        {
            context.Error.WriteLine($"vigil: {error}");
        }

        return ExitCodes.Usage;
    }
}
