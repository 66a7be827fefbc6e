using System.CommandLine;
using System.Text.Json.Nodes;
using Vigil.Core.Alerts;
using Vigil.Core.Domains;
using Vigil.Core.Events;
using Vigil.Core.Geo;
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

    /// <summary>
    /// The series builder of a data directory: stored documents (terms, formulations, domains, index), ledger events
    /// and imported series.
    /// </summary>
    public static IndicatorSeriesBuilder SeriesBuilder(CliContext context, string dataDirectory, IDocumentStore documents, SqliteWarningStore store, IEventStore events)
    {
        var classifiers = new Dictionary<string, DomainClassifier?>(StringComparer.Ordinal);
        DomainClassifier? ClassifierFor(string version)
        {
            lock (classifiers)
            {
                if (!classifiers.TryGetValue(version, out var classifier))
                {
                    classifiers[version] = classifier = DomainArguments.Load(context, dataDirectory, null, version) is { } taxonomy ? new DomainClassifier(taxonomy) : null;
                }

                return classifier;
            }
        }

        return WatchRun.SeriesBuilder(documents, store, events, ClassifierFor);
    }

    /// <summary>The JSON of a series (vigil indicators series --json).</summary>
    public static JsonObject SeriesJson(IndicatorSeries series) => new()
    {
        ["indicator"] = series.Indicator.Id,
        ["name"] = series.Indicator.Name,
        ["period"] = PeriodNames.Of(series.Indicator.Period),
        ["unit"] = series.Unit,
        ["undated"] = series.Undated,
        ["imprecise"] = series.Imprecise,
        ["notes"] = new JsonArray([.. series.Notes.Select(n => (JsonNode?)JsonValue.Create(n))]),
        ["points"] = new JsonArray([.. series.Points.Select(p => (JsonNode)new JsonObject
        {
            ["period"] = p.Period,
            ["start"] = p.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["value"] = p.Value,
            ["count"] = p.Count,
            ["basis"] = p.Basis,
            ["documents"] = p.Documents,
            ["doc_ids"] = new JsonArray([.. p.DocumentIds.Select(d => (JsonNode?)JsonValue.Create(d))]),
            ["event_ids"] = new JsonArray([.. p.EventIds.Select(d => (JsonNode?)JsonValue.Create(d))]),
            ["top"] = new JsonArray([.. p.Top.Select(d => (JsonNode)new JsonObject
            {
                ["id"] = d.Id,
                ["title"] = d.Title,
                ["date"] = d.Date,
                ["contribution"] = d.Contribution,
                ["spans"] = new JsonArray([.. d.Spans.Select(s => (JsonNode)new JsonObject { ["start"] = s.Start, ["end"] = s.End, ["text"] = s.Text })]),
            })]),
        })]),
    };

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
