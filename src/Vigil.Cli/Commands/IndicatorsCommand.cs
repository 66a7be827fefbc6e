using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vigil.Cli.Charts;
using Vigil.Core.Alerts;
using Vigil.Core.Events;
using Vigil.Core.Geo;
using Vigil.Core.Indicators;
using Vigil.Core.Tifa;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil indicators add|list|show|remove|series|export|import</c>: named series watched for unusual change
/// (docs/indicators.md).
/// </summary>
internal static class IndicatorsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("indicators", "Indicators: named series (terms, formulations, domain scores, the securitisation index, imported series) watched for unusual change");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Remove(context));
        command.Subcommands.Add(Series(context));
        command.Subcommands.Add(Export(context));
        command.Subcommands.Add(Import(context));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The indicator's id (letters, digits, '-', '_', '.')" };
        var name = new Option<string>("--name") { Description = "A readable name", Required = true, HelpName = "TEXT" };
        var period = new Option<string>("--period") { Description = "Points per day, ISO week, month or year", DefaultValueFactory = _ => "month", HelpName = "day|week|month|year" };
        period.AcceptOnlyFromAmong("day", "week", "month", "year");
        var terms = new Option<string[]>("--terms") { Description = "Count these terms (summed into one series)", AllowMultipleArgumentsPerToken = true, HelpName = "T" };
        var formulation = new Option<string?>("--formulation") { Description = "Count a formulation of the 提法 dictionary (id or form; 'vigil tifa list')", HelpName = "ID" };
        var dict = new Option<string?>("--dict") { Description = "A formulation dictionary file that adds to or overrides the built-in one", HelpName = "F" };
        var domain = new Option<string?>("--domain") { Description = "Mean document score of a domain (0–1)", HelpName = "D" };
        var index = new Option<string?>("--index") { Description = "The securitisation index (0–100)", HelpName = "securitization" };
        index.AcceptOnlyFromAmong("securitization", "securitisation");
        var events = new Option<bool>("--events") { Description = "Ledger events per period (narrow with --type, --country, --bloc, --confirmed-only)" };
        var type = new Option<string?>("--type") { Description = "Events: a type and its subtypes (e.g. sanction, police.training)", HelpName = "PREFIX" };
        var country = new Option<string?>("--country") { Description = "Events: concerning this country (ISO code or name; EU)", HelpName = "C" };
        var bloc = new Option<string?>("--bloc") { Description = "Events: concerning a member of this bloc on the event's date ('vigil gazetteer blocs')", HelpName = "B" };
        var confirmedOnly = new Option<bool>("--confirmed-only") { Description = "Events: count confirmed events only (default: proposed and confirmed; rejected never count)" };
        var csv = new Option<string?>("--csv") { Description = "Import a timestamp,value series (copied into the data directory)", HelpName = "FILE" };
        var sources = new Option<string[]>("--source") { Description = "Only documents of these sources (ingest --source names)", AllowMultipleArgumentsPerToken = true, HelpName = "S" };
        var rate = new Option<bool>("--rate") { Description = "Terms and formulations: per 10,000 Han characters (Chinese) / words (English) instead of counts" };
        var stem = new Option<bool>("--stem") { Description = "Terms: also match inflected English forms" };
        var taxonomy = DomainArguments.Version();
        var detector = new Option<string>("--detector") { Description = "The detector (vigil detect --help lists them)", DefaultValueFactory = _ => DetectorSpec.Auto, HelpName = "NAME" };
        var parameters = new Option<string[]>("--param") { Description = "A detector parameter, k=v (repeatable)", AllowMultipleArgumentsPerToken = true, HelpName = "k=v" };
        var medium = new Option<double?>("--medium") { Description = "A flagged value at or above this is at least medium severity", HelpName = "X" };
        var high = new Option<double?>("--high") { Description = "… at least high severity", HelpName = "X" };
        var critical = new Option<double?>("--critical") { Description = "… critical severity", HelpName = "X" };
        var command = new Command("add", "Define an indicator (exactly one of --terms, --formulation, --domain, --index, --events, --csv)")
        {
            id, name, period, terms, formulation, dict, domain, index, events, type, country, bloc, confirmedOnly, csv, sources, rate, stem, taxonomy, detector,
            parameters, medium, high, critical,
        };
        command.SetAction(parse =>
        {
            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            var indicatorId = parse.GetValue(id)!;
            if (!IndicatorDefinition.IsValidId(indicatorId))
            {
                return context.Usage($"indicator id '{indicatorId}': use letters, digits, '-', '_' or '.', starting with a letter or digit, at most {IndicatorDefinition.MaxIdLength} characters.");
            }

            if (string.IsNullOrWhiteSpace(parse.GetValue(name)) || parse.GetValue(name)!.Length > 200)
            {
                return context.Usage("--name must be a readable name of 1 to 200 characters.");
            }

            PeriodNames.TryParse(parse.GetValue(period), out var p);
            var termList = parse.GetValue(terms) ?? [];
            var modes = new[]
            {
                termList.Length > 0, parse.GetValue(formulation) is not null, parse.GetValue(domain) is not null, parse.GetValue(index) is not null,
                parse.GetValue(events), parse.GetValue(csv) is not null,
            };
            if (modes.Count(m => m) != 1)
            {
                return context.Usage("give exactly one source: --terms T…, --formulation ID, --domain D, --index securitization, --events or --csv FILE.");
            }

            var sourceList = (parse.GetValue(sources) ?? []).Distinct(StringComparer.Ordinal).ToList();
            if ((parse.GetValue(csv) is not null || parse.GetValue(events)) && sourceList.Count > 0)
            {
                return context.Usage("--source selects documents; --events and --csv series have none.");
            }

            if (!parse.GetValue(events) && (parse.GetValue(type) is not null || parse.GetValue(country) is not null || parse.GetValue(bloc) is not null || parse.GetValue(confirmedOnly)))
            {
                return context.Usage("--type, --country, --bloc and --confirmed-only narrow --events.");
            }

            if (parse.GetValue(rate) && termList.Length == 0 && parse.GetValue(formulation) is null)
            {
                return context.Usage("--rate is for --terms and --formulation.");
            }

            var thresholds = parse.GetValue(medium) is null && parse.GetValue(high) is null && parse.GetValue(critical) is null
                ? null
                : new SeverityThresholds(parse.GetValue(medium), parse.GetValue(high), parse.GetValue(critical));
            if (thresholds is not null && Thresholds.Check(thresholds) is { } thresholdProblem)
            {
                return context.Usage($"{thresholdProblem}.");
            }

            var (detectorSpec, detectorError) = ParseDetector(parse.GetValue(detector)!, parse.GetValue(parameters) ?? []);
            if (detectorSpec is null)
            {
                return context.Usage(detectorError!);
            }

            if (DetectorEvaluator.Check(detectorSpec) is { } detectorProblem)
            {
                return context.Usage($"{detectorProblem}.");
            }

            IndicatorSource source;
            IReadOnlyList<ImportedPoint>? points = null;
            if (termList.Length > 0)
            {
                var (compiled, error) = TermArguments.Compile(termList, parse.GetValue(stem));
                if (compiled is null)
                {
                    return context.Usage(error!);
                }

                source = new TermSource(termList, parse.GetValue(rate), parse.GetValue(stem));
            }
            else if (parse.GetValue(formulation) is { } f)
            {
                var dictionary = FormulationDictionary.BuiltIn;
                if (parse.GetValue(dict) is { } dictFile)
                {
                    var loaded = dictionary.WithFile(dictFile);
                    if (loaded.Dictionary is null)
                    {
                        return context.Usage(loaded.Message);
                    }

                    dictionary = loaded.Dictionary;
                }

                if (dictionary.Find(f) is not { } found)
                {
                    var close = dictionary.CloseIds(f);
                    return context.Usage($"no formulation '{f}' in the dictionary{(close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : "")} ('vigil tifa list' shows them)");
                }

                source = new FormulationSource(found.Id, found.Zh, found.En, found.Near, parse.GetValue(rate));
            }
            else if (parse.GetValue(domain) is { } d)
            {
                if (DomainArguments.Load(context, dataDirectory, null, parse.GetValue(taxonomy)) is not { } tax)
                {
                    return ExitCodes.Usage;
                }

                if (tax.Find(d) is null)
                {
                    return context.Usage($"domain '{d}' is not in taxonomy {tax.Version}; allowed: {string.Join(", ", tax.Domains.Select(x => x.Id))}.");
                }

                source = new DomainSource(d, tax.Version!);
            }
            else if (parse.GetValue(events))
            {
                var (eventSource, error) = EventSourceFrom(context, parse, parse.GetValue(type), parse.GetValue(country), parse.GetValue(bloc), parse.GetValue(confirmedOnly));
                if (eventSource is null)
                {
                    return error is null ? ExitCodes.Usage : context.Usage(error);
                }

                source = eventSource;
            }
            else if (parse.GetValue(index) is not null)
            {
                if (DomainArguments.Load(context, dataDirectory, null, parse.GetValue(taxonomy)) is not { } tax)
                {
                    return ExitCodes.Usage;
                }

                source = new IndexSource("securitization", tax.Version!);
            }
            else
            {
                var file = parse.GetValue(csv)!;
                var read = ImportedSeries.Read(file, p);
                if (read.Errors.Count > 0)
                {
                    return WarningArguments.Errors(context, read.Errors);
                }

                source = new CsvSource(Path.GetFullPath(file), read.Sha256);
                points = read.Points;
            }

            source = source with { Sources = sourceList };
            var indicator = new IndicatorDefinition
            {
                Id = indicatorId,
                Name = parse.GetValue(name)!.Trim(),
                Period = p,
                Source = source,
                Detector = detectorSpec,
                Thresholds = thresholds,
            };
            using var store = SqliteWarningStore.Open(dataDirectory);
            if (!store.AddIndicator(indicator, points))
            {
                return context.Usage($"indicator '{indicatorId}' exists; 'vigil indicators remove {indicatorId}' first to redefine it.");
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                WarningArguments.WriteNode(context, IndicatorJson.ToJson(indicator));
            }
            else
            {
                context.Console.MarkupLine($"Added indicator [bold]{Markup.Escape(indicatorId)}[/]: {Markup.Escape(Describe(indicator))}"
                    + (points is null ? "" : $" ({points.Count} row(s) copied into the data directory)") + ".");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Checks --type against the event types, and resolves --country (code or name) and --bloc (id or name).</summary>
    private static (EventSource? Source, string? Error) EventSourceFrom(CliContext context, ParseResult parse, string? type, string? country, string? bloc, bool confirmedOnly)
    {
        string? prefix = null;
        if (type is not null)
        {
            if (EventsCommand.LoadTypes(context, parse) is not { } types)
            {
                return (null, null);
            }

            prefix = type.Trim().ToLowerInvariant();
            if (!types.Types.Any(t => EventTypeCatalog.IsWithin(t.Id, prefix)))
            {
                return (null, $"--type '{type}' is not an event type; known: {string.Join(", ", types.Types.Select(t => t.Id))}.");
            }
        }

        string? code = null;
        if (country is not null)
        {
            code = Gazetteer.BuiltIn.Country(country)?.Code ?? Gazetteer.BuiltIn.Match(country)?.Code;
            if (code is null)
            {
                return (null, $"--country '{country}' is not a country the gazetteer knows (give an ISO code or a name; 'vigil gazetteer lookup NAME').");
            }
        }

        string? blocId = null;
        if (bloc is not null)
        {
            blocId = Gazetteer.BuiltIn.Bloc(bloc)?.Id;
            if (blocId is null)
            {
                return (null, $"--bloc '{bloc}' is not a bloc; known: {string.Join(", ", Gazetteer.BuiltIn.Blocs.Select(b => b.Id))}.");
            }
        }

        return (new EventSource(prefix, code, blocId) { ConfirmedOnly = confirmedOnly }, null);
    }

    /// <summary>Parses --detector and --param k=v values (checked against the detector's parameters by the caller).</summary>
    internal static (DetectorSpec? Spec, string? Error) ParseDetector(string name, IReadOnlyList<string> parameters)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == p.Length - 1)
            {
                return (null, $"--param '{p}': write NAME=VALUE (e.g. --param window=12).");
            }

            if (!values.TryAdd(p[..eq].Trim(), p[(eq + 1)..].Trim()))
            {
                return (null, $"--param '{p[..eq]}' is given twice.");
            }
        }

        return (new DetectorSpec(name, values), null);
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List the indicators");
        command.SetAction(parse =>
        {
            using var store = SqliteWarningStore.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            var indicators = store.ListIndicators();
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                WarningArguments.WriteNode(context, new JsonArray([.. indicators.Select(i => (JsonNode)IndicatorJson.ToJson(i))]));
                return ExitCodes.Success;
            }

            if (indicators.Count == 0)
            {
                context.Console.MarkupLine("[grey]No indicators. Add one with 'vigil indicators add ID --name N --terms T'.[/]");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumn("id").AddColumn("name").AddColumn("period").AddColumn("source").AddColumn("detector");
            foreach (var i in indicators)
            {
                table.AddRow(Markup.Escape(i.Id), Markup.Escape(i.Name), PeriodNames.Of(i.Period), Markup.Escape(Describe(i)), Markup.Escape(DetectorText(i.Detector)));
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The indicator's id" };
        var command = new Command("show", "Show an indicator's definition and its alerts") { id };
        command.SetAction(parse =>
        {
            using var store = SqliteWarningStore.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            if (store.GetIndicator(parse.GetValue(id)!) is not { } indicator)
            {
                return context.Usage($"no indicator '{parse.GetValue(id)}'; 'vigil indicators list' shows the ids.");
            }

            var alerts = store.ListAlerts().Where(a => a.Indicator == indicator.Id).ToList();
            var counts = new JsonObject();
            foreach (var state in Enum.GetValues<AlertState>())
            {
                counts[AlertNames.Of(state)] = alerts.Count(a => a.State == state);
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                WarningArguments.WriteNode(context, IndicatorJson.WithAlerts(indicator, alerts, indicator.Source is CsvSource ? store.ImportedPoints(indicator.Id).Count : null));
                return ExitCodes.Success;
            }

            context.Console.MarkupLine($"[bold]{Markup.Escape(indicator.Id)}[/]  {Markup.Escape(indicator.Name)}");
            context.Console.MarkupLine($"period: {PeriodNames.Of(indicator.Period)}; source: {Markup.Escape(Describe(indicator))}; detector: {Markup.Escape(DetectorText(indicator.Detector))}");
            if (indicator.Thresholds is { } t)
            {
                context.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"severity thresholds: medium ≥ {t.Medium?.ToString(CultureInfo.InvariantCulture) ?? "—"}, high ≥ {t.High?.ToString(CultureInfo.InvariantCulture) ?? "—"}, critical ≥ {t.Critical?.ToString(CultureInfo.InvariantCulture) ?? "—"}")));
            }

            context.Console.MarkupLine($"alerts: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The indicator's id" };
        var command = new Command("remove", "Remove an indicator (its alerts stay, as history)") { id };
        command.SetAction(parse =>
        {
            using var store = SqliteWarningStore.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            var indicatorId = parse.GetValue(id)!;
            if (!store.RemoveIndicator(indicatorId))
            {
                return context.Usage($"no indicator '{indicatorId}'; 'vigil indicators list' shows the ids.");
            }

            var linked = store.ListRisks().Where(r => r.Indicators.Contains(indicatorId, StringComparer.Ordinal)).Select(r => r.Id).ToList();
            if (linked.Count > 0)
            {
                context.Error.WriteLine($"vigil: note: risk(s) {string.Join(", ", linked)} still name '{indicatorId}'; its old alerts still count for their trend.");
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                WarningArguments.WriteNode(context, new JsonObject { ["removed"] = indicatorId });
            }
            else
            {
                context.Console.MarkupLine($"Removed indicator [bold]{Markup.Escape(indicatorId)}[/].");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Series(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The indicator's id" };
        var command = new Command("series", "Compute an indicator's series from the data directory, with the documents behind each point") { id };
        command.SetAction(parse =>
        {
            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            using var store = SqliteWarningStore.Open(dataDirectory);
            if (store.GetIndicator(parse.GetValue(id)!) is not { } indicator)
            {
                return context.Usage($"no indicator '{parse.GetValue(id)}'; 'vigil indicators list' shows the ids.");
            }

            using var documents = SqliteDocumentStore.Open(dataDirectory);
            using var events = SqliteEventStore.Open(dataDirectory);
            var result = WarningArguments.SeriesBuilder(context, dataDirectory, documents, store, events).Build(indicator);
            if (result.Series is not { } series)
            {
                return context.Fail(result.Error!);
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                WarningArguments.WriteNode(context, WarningArguments.SeriesJson(series));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumn(PeriodNames.Of(indicator.Period)).AddColumn(new TableColumn("value").RightAligned())
                .AddColumn(new TableColumn("count").RightAligned()).AddColumn(new TableColumn("docs").RightAligned()).AddColumn("top document");
            foreach (var point in series.Points)
            {
                var top = point.Top.FirstOrDefault();
                table.AddRow(point.Period, point.Value is { } v ? SeriesFormat.Number(v) : "[grey]–[/]", point.Count?.ToString("N0", CultureInfo.InvariantCulture) ?? "",
                    point.Documents.ToString(CultureInfo.InvariantCulture),
                    top is null ? "" : Markup.Escape($"{top.Id} {top.Title ?? ""} ({SeriesFormat.Number(top.Contribution)})"));
            }

            context.Console.Write(table);
            if (series.Points.Count > 0)
            {
                TerminalChart.Render(context.Console, new ChartSpec(indicator.Name, ChartKind.Bar, [.. series.Points.Select(x => x.Period)],
                    [new ChartSeries(indicator.Id, [.. series.Points.Select(x => x.Value ?? double.NaN)])]) { YLabel = series.Unit });
            }

            context.Console.MarkupLine($"[grey]Value: {Markup.Escape(series.Unit)}.{(series.Notes.Count > 0 ? " " + Markup.Escape(string.Join("; ", series.Notes)) + "." : "")}[/]");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Export(CliContext context)
    {
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output", HelpName = "FILE" };
        var command = new Command("export", "Write every indicator definition (and imported series) as a JSON file 'indicators import' reads") { output };
        command.SetAction(parse =>
        {
            using var store = SqliteWarningStore.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            var json = IndicatorFile.Export(store);
            var text = json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = IndicatorJson.Options.Encoder });
            if (parse.GetValue(output) is { } file)
            {
                try
                {
                    File.WriteAllText(file, text + "\n");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return context.Fail($"could not write {file}: {ex.Message}");
                }

                context.Error.WriteLine($"vigil: wrote {json["indicators"]!.AsArray().Count} indicator(s) to {file}");
            }
            else
            {
                context.Out.WriteLine(text);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Import(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A file written by 'vigil indicators export'" };
        var command = new Command("import", "Add the indicators of an export file (ones already defined the same way are left alone)") { file };
        command.SetAction(parse =>
        {
            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            var path = parse.GetValue(file)!;
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return context.Usage($"cannot read {path}: {ex.Message}");
            }

            using var store = SqliteWarningStore.Open(dataDirectory);
            var result = IndicatorFile.Import(store, text, path, i => DetectorEvaluator.Check(i.Detector));
            foreach (var error in result.Errors)
            {
                context.Error.WriteLine($"vigil: {error}");
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                WarningArguments.WriteNode(context, new JsonObject
                {
                    ["added"] = new JsonArray([.. result.Added.Select(a => (JsonNode?)JsonValue.Create(a))]),
                    ["unchanged"] = new JsonArray([.. result.Unchanged.Select(a => (JsonNode?)JsonValue.Create(a))]),
                    ["errors"] = new JsonArray([.. result.Errors.Select(a => (JsonNode?)JsonValue.Create(a))]),
                });
            }
            else
            {
                context.Console.MarkupLine($"Added {result.Added.Count}, unchanged {result.Unchanged.Count}, failed {result.Errors.Count}.");
            }

            return result.Errors.Count == 0 ? ExitCodes.Success : result.Added.Count + result.Unchanged.Count > 0 ? ExitCodes.Partial : ExitCodes.Usage;
        });
        return command;
    }

    /// <summary>"terms 安全, security (rate) in Source A"; "domain economic (taxonomy 2024)"; "csv data.csv".</summary>
    internal static string Describe(IndicatorDefinition indicator)
    {
        var text = indicator.Source switch
        {
            TermSource t => $"terms {string.Join(", ", t.Terms)}{(t.Rate ? " (rate per 10k)" : " (count)")}{(t.Stem ? ", stemmed" : "")}",
            FormulationSource f => $"formulation {f.Formulation}{(f.Rate ? " (rate per 10k)" : " (count)")}",
            DomainSource d => $"domain {d.Domain} mean score (taxonomy {d.Taxonomy})",
            IndexSource i => $"securitisation index (taxonomy {i.Taxonomy})",
            EventSource e => $"events{(e.Type is null ? "" : $" of type {e.Type}")}{(e.Country is null ? "" : $" concerning {e.Country}")}{(e.Bloc is null ? "" : $" concerning bloc {e.Bloc}")}{(e.ConfirmedOnly ? ", confirmed only" : "")}",
            CsvSource c => $"imported series {Path.GetFileName(c.File)}",
            _ => indicator.Source.Kind,
        };
        return indicator.Source.Sources.Count > 0 ? $"{text}; sources {string.Join(", ", indicator.Source.Sources)}" : text;
    }

    internal static string DetectorText(DetectorSpec detector) => detector.Parameters.Count == 0
        ? detector.Name
        : $"{detector.Name} ({string.Join(", ", detector.Parameters.Select(p => $"{p.Key}={p.Value}"))})";
}
