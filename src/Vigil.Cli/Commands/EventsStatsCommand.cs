using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Cli.Charts;
using Vigil.Core.Events;
using Vigil.Core.Geo;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil events stats [filters] --by F[,F…] [--blocs EU,…] [--png F] [--svg F]</c>: event counts grouped by type,
/// year, month, target country or bloc, target kind, body or status.
/// </summary>
internal static class EventsStatsCommand
{
    public static Command Create(CliContext context)
    {
        var filters = new EventsCommand.FilterOptions();
        var by = new Option<string>("--by") { Description = $"Group-by fields, comma-separated: {string.Join(", ", EventStatistics.Fields)}", Required = true, HelpName = "F[,F…]" };
        var blocs = new Option<string>("--blocs") { Description = "Blocs target-bloc counts countries under, by membership on the event's date (comma-separated; first wins)", DefaultValueFactory = _ => "EU", HelpName = "EU,…" };
        var png = new Option<string?>("--png") { Description = "Also write the chart as a PNG file", HelpName = "F" };
        var svg = new Option<string?>("--svg") { Description = "Also write the chart as an SVG file", HelpName = "F" };
        var command = new Command("stats", "Count events by type, year, month, target country or bloc, target kind, body or status") { by, blocs, png, svg };
        filters.AddTo(command);
        command.SetAction(parse =>
        {
            var fields = parse.GetValue(by)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(f => f.ToLowerInvariant()).ToList();
            var unknown = fields.Where(f => !EventStatistics.Fields.Contains(f, StringComparer.Ordinal)).ToList();
            if (fields.Count == 0 || unknown.Count > 0)
            {
                return context.Usage($"--by takes fields from: {string.Join(", ", EventStatistics.Fields)} (got '{parse.GetValue(by)}').");
            }

            if (fields.Distinct(StringComparer.Ordinal).Count() != fields.Count)
            {
                return context.Usage("--by names a field twice.");
            }

            var gazetteer = Gazetteer.BuiltIn;
            var (blocIds, unknownBlocs) = EventStatistics.ResolveBlocs(
                parse.GetValue(blocs)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), gazetteer);
            if (unknownBlocs.Count > 0)
            {
                return context.Usage($"unknown bloc(s) {string.Join(", ", unknownBlocs)}; blocs: {string.Join(", ", gazetteer.Blocs.Select(b => b.Id))}.");
            }

            if (filters.Read(context, parse) is not { } filter)
            {
                return ExitCodes.Usage;
            }

            using var store = EventsCommand.OpenStore(context, parse);
            var events = 0;
            var rows = EventStatistics.Count(store.Query(filter).Select(e =>
            {
                events++;
                return e;
            }), fields, blocIds, gazetteer);

            var failed = false;
            var spec = Chart(rows, fields, events, blocIds);
            foreach (var (path, option) in new[] { (parse.GetValue(png), "--png"), (parse.GetValue(svg), "--svg") })
            {
                if (path is null)
                {
                    continue;
                }

                var expected = option == "--png" ? ".png" : ".svg";
                if (!path.EndsWith(expected, StringComparison.OrdinalIgnoreCase))
                {
                    return context.Usage($"{option} needs a file name ending in {expected} (got '{path}').");
                }

                try
                {
                    foreach (var warning in ChartWriter.Write(spec, path).Warnings)
                    {
                        context.Error.WriteLine($"vigil: {path}: {warning}");
                    }
                }
                catch (ArgumentException ex)
                {
                    return context.Usage($"{path}: {ex.Message}");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    context.Error.WriteLine($"vigil: could not write {path}: {ex.Message}");
                    failed = true;
                }
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.Out.WriteLine(EventJson.Text(EventLedgerJson.StatsRows(rows, fields)));
            }
            else
            {
                var table = new Table();
                foreach (var field in fields)
                {
                    table.AddColumn(field);
                }

                table.AddColumn(new TableColumn("count").RightAligned());
                foreach (var row in rows)
                {
                    table.AddRow([.. row.Keys.Select(Markup.Escape), row.Count.ToString("N0", CultureInfo.InvariantCulture)]);
                }

                context.Console.Write(table);
                var sum = rows.Sum(r => r.Count);
                context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{events} event(s)")
                    + (sum != events ? string.Create(CultureInfo.InvariantCulture, $"; counts add up to {sum} because some events have targets in several groups") : "")
                    + (fields.Contains("target-bloc") ? $"; blocs: {string.Join(", ", blocIds)} by membership on each event's date" : "") + ".[/]");
                if (rows.Count > 0)
                {
                    TerminalChart.Render(context.Console, spec);
                }
            }

            return failed ? ExitCodes.Partial : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// One field: a bar per value. Two or more: the first field's values are the categories and the rest form the
    /// series (at most <see cref="ChartSpec.MaxSeries"/>; beyond that the smallest are summed as "(other)"). Years and
    /// months are in time order; other categories by total count.
    /// </summary>
    private static ChartSpec Chart(IReadOnlyList<EventCountRow> rows, IReadOnlyList<string> fields, int events, IReadOnlyList<string> blocs)
    {
        var time = fields[0] is "year" or "month";
        var categories = rows.GroupBy(r => r.Keys[0], StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Total: g.Sum(r => r.Count)))
            .OrderBy(c => time && c.Key == EventStatistics.Unknown ? 1 : 0)
            .ThenBy(c => time ? 0 : -c.Total)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key).ToList();
        var title = "Events by " + string.Join(", ", fields);
        var caption = string.Create(CultureInfo.InvariantCulture, $"Vigil event ledger, {events} event(s)")
            + (fields.Contains("target-bloc") ? $"; blocs ({string.Join(", ", blocs)}) by membership on each event's date" : "");
        if (fields.Count == 1)
        {
            var byKey = rows.ToDictionary(r => r.Keys[0], r => (double)r.Count, StringComparer.Ordinal);
            return new ChartSpec(title, ChartKind.Bar, categories, [new ChartSeries("events", categories.Select(c => byKey[c]).ToList())])
            {
                XLabel = fields[0], YLabel = "events", Caption = caption,
            };
        }

        string SeriesOf(EventCountRow r) => string.Join(" / ", r.Keys.Skip(1));
        var seriesNames = rows.GroupBy(SeriesOf, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(r => r.Count)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var kept = seriesNames.Take(ChartSpec.MaxSeries - 1).ToHashSet(StringComparer.Ordinal);
        var series = seriesNames.Where(kept.Contains).ToList();
        if (seriesNames.Count > series.Count)
        {
            series = seriesNames.Take(ChartSpec.MaxSeries - 1).ToList();
            series.Add("(other)");
        }

        var values = series.ToDictionary(s => s, _ => categories.ToDictionary(c => c, _ => 0.0, StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var name = kept.Contains(SeriesOf(r)) ? SeriesOf(r) : "(other)";
            values[name][r.Keys[0]] += r.Count;
        }

        return new ChartSpec(title, ChartKind.GroupedBar, categories,
            series.Select(s => new ChartSeries(s, categories.Select(c => values[s][c]).ToList())).ToList())
        {
            XLabel = fields[0], YLabel = "events", Caption = caption,
        };
    }
}
