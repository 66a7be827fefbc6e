using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vigil.Cli.Charts;
using Vigil.Core.Alerts;
using Vigil.Core.Domains;
using Vigil.Core.Risks;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil risks add|list|assess|show|heatmap</c>: the domain risk register (docs/risks.md).
/// </summary>
internal static class RisksCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("risks", "The domain risk register: risks per security domain, rated by likelihood × impact, with a heat map");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Assess(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Heatmap(context));
        return command;
    }

    private static Option<int> Scale(string name, string what) => new(name)
    {
        Description = $"{what}, 1 to 5",
        Required = true,
        HelpName = "1-5",
    };

    private static Command Add(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The risk's id (letters, digits, '-', '_', '.')" };
        var domain = new Option<string>("--domain") { Description = "The security domain (a taxonomy id; 'vigil taxonomy' lists them)", Required = true, HelpName = "ID" };
        var title = new Option<string>("--title") { Description = "A short title", Required = true, HelpName = "TEXT" };
        var description = new Option<string?>("--description") { Description = "What the risk is", HelpName = "TEXT" };
        var owner = new Option<string?>("--owner") { Description = "The responsible role or team (not an individual)", HelpName = "ROLE" };
        var likelihood = Scale("--likelihood", "Likelihood: 1 rare … 5 almost certain");
        var impact = Scale("--impact", "Impact: 1 minor … 5 severe");
        var indicators = new Option<string[]>("--indicator") { Description = "An indicator whose alerts feed the trend arrow (repeatable)", HelpName = "ID", AllowMultipleArgumentsPerToken = true };
        var review = new Option<string?>("--review") { Description = "Review by this date", HelpName = "YYYY-MM-DD" };
        var by = WarningArguments.By();
        var note = WarningArguments.Note();
        var command = new Command("add", "Add a risk with its first assessment") { id, domain, title, description, owner, likelihood, impact, indicators, review, by, note };
        command.SetAction(parse =>
        {
            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            if (DomainArguments.Load(context, dataDirectory, null, null) is not { } taxonomy)
            {
                return ExitCodes.Usage;
            }

            using var store = SqliteWarningStore.Open(dataDirectory);
            var register = new RiskRegister(store, taxonomy, i => store.GetIndicator(i) is not null, context.Time);
            var (risk, errors) = register.Add(new RiskInput(parse.GetValue(id)!, parse.GetValue(domain)!, parse.GetValue(title)!, parse.GetValue(description),
                parse.GetValue(owner), parse.GetValue(likelihood), parse.GetValue(impact), parse.GetValue(indicators) ?? [], parse.GetValue(review),
                parse.GetValue(by)!, parse.GetValue(note)));
            if (risk is null)
            {
                return WarningArguments.Errors(context, errors);
            }

            return Write(context, parse, store, [risk], single: true, taxonomy);
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var domain = new Option<string?>("--domain") { Description = "Only risks of this domain", HelpName = "ID" };
        var command = new Command("list", "List the risks, by domain then id") { domain };
        command.SetAction(parse =>
        {
            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            if (DomainArguments.Load(context, dataDirectory, null, null) is not { } taxonomy)
            {
                return ExitCodes.Usage;
            }

            var wanted = parse.GetValue(domain);
            if (wanted is not null && taxonomy.Find(wanted) is null)
            {
                return context.Usage($"domain '{wanted}' is not a taxonomy domain; allowed: {string.Join(", ", taxonomy.Domains.Select(d => d.Id))}");
            }

            using var store = SqliteWarningStore.Open(dataDirectory);
            var risks = store.ListRisks().Where(r => wanted is null || r.Domain == wanted).ToList();
            return Write(context, parse, store, risks, single: false, taxonomy);
        });
        return command;
    }

    private static Command Assess(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The risk's id" };
        var likelihood = Scale("--likelihood", "Likelihood: 1 rare … 5 almost certain");
        var impact = Scale("--impact", "Impact: 1 minor … 5 severe");
        var by = WarningArguments.By();
        var note = WarningArguments.Note();
        var command = new Command("assess", "Record a new assessment of a risk (kept in its history)") { id, likelihood, impact, by, note };
        command.SetAction(parse =>
        {
            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            if (DomainArguments.Load(context, dataDirectory, null, null) is not { } taxonomy)
            {
                return ExitCodes.Usage;
            }

            using var store = SqliteWarningStore.Open(dataDirectory);
            var register = new RiskRegister(store, taxonomy, i => store.GetIndicator(i) is not null, context.Time);
            var (risk, errors) = register.Assess(parse.GetValue(id)!, parse.GetValue(likelihood), parse.GetValue(impact), parse.GetValue(by)!, parse.GetValue(note));
            return risk is null ? WarningArguments.Errors(context, errors) : Write(context, parse, store, [risk], single: true, taxonomy);
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The risk's id" };
        var command = new Command("show", "Show a risk with its assessment history") { id };
        command.SetAction(parse =>
        {
            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            if (DomainArguments.Load(context, dataDirectory, null, null) is not { } taxonomy)
            {
                return ExitCodes.Usage;
            }

            using var store = SqliteWarningStore.Open(dataDirectory);
            return store.GetRisk(parse.GetValue(id)!) is { } risk
                ? Write(context, parse, store, [risk], single: true, taxonomy)
                : context.Usage($"no risk '{parse.GetValue(id)}'; 'vigil risks list' shows the ids");
        });
        return command;
    }

    private static Command Heatmap(CliContext context)
    {
        var domain = new Option<string?>("--domain") { Description = "Only risks of this domain", HelpName = "ID" };
        var png = new Option<string?>("--png") { Description = "Also write the heat map as a PNG file", HelpName = "F" };
        var svg = new Option<string?>("--svg") { Description = "Also write the heat map as an SVG file", HelpName = "F" };
        var command = new Command("heatmap", "Risks counted on a 5 × 5 likelihood × impact grid (terminal, PNG, SVG)") { domain, png, svg };
        command.SetAction(parse =>
        {
            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            if (DomainArguments.Load(context, dataDirectory, null, null) is not { } taxonomy)
            {
                return ExitCodes.Usage;
            }

            var wanted = parse.GetValue(domain);
            if (wanted is not null && taxonomy.Find(wanted) is null)
            {
                return context.Usage($"domain '{wanted}' is not a taxonomy domain; allowed: {string.Join(", ", taxonomy.Domains.Select(d => d.Id))}");
            }

            foreach (var (path, option, extension) in new[] { (parse.GetValue(png), "--png", ".png"), (parse.GetValue(svg), "--svg", ".svg") })
            {
                if (path is not null && !path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                {
                    return context.Usage($"{option} needs a file name ending in {extension} (got '{path}').");
                }
            }

            using var store = SqliteWarningStore.Open(dataDirectory);
            var risks = store.ListRisks().Where(r => wanted is null || r.Domain == wanted).ToList();
            var cells = RiskRegister.HeatMap(risks);
            var spec = HeatmapSpec(cells, risks.Count, wanted);
            var failed = false;
            foreach (var path in new[] { parse.GetValue(png), parse.GetValue(svg) })
            {
                if (path is null)
                {
                    continue;
                }

                try
                {
                    foreach (var warning in ChartWriter.Write(spec, path, 800, 700).Warnings)
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
                WarningArguments.WriteNode(context, RiskJson.HeatMap(risks, wanted));
            }

            else
            {
                TerminalChart.Render(context.Console, spec);
                context.Console.MarkupLine("[grey]Cells: risks counted by their latest likelihood and impact; shade by likelihood × impact (low 1–4, medium 5–9, high 10–14, critical 15–25).[/]");
            }

            return failed ? ExitCodes.Partial : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Rows: likelihood 1 (bottom) to 5; columns: impact 1 to 5; values: counts; shades: the rating band of L × I.</summary>
    internal static ChartSpec HeatmapSpec(int[,] cells, int total, string? domain)
    {
        static double Shade(int score) => RiskRatings.Of(score) switch
        {
            "critical" => 1.0,
            "high" => 0.7,
            "medium" => 0.4,
            _ => 0.1,
        };

        var series = Enumerable.Range(1, 5).Select(l => new ChartSeries($"L{l}", Enumerable.Range(1, 5).Select(i => (double)cells[l - 1, i - 1]).ToList())).ToList();
        return new ChartSpec(domain is null ? "Risk heat map" : $"Risk heat map: {domain}", ChartKind.Heatmap, ["I1", "I2", "I3", "I4", "I5"], series)
        {
            XLabel = "impact",
            YLabel = "likelihood",
            Caption = string.Create(CultureInfo.InvariantCulture, $"Vigil risk register, {total} risk(s); cells count risks, shaded by likelihood × impact"),
            CellShades = Enumerable.Range(1, 5).Select(l => (IReadOnlyList<double>)Enumerable.Range(1, 5).Select(i => Shade(l * i)).ToList()).ToList(),
        };
    }

    private static int Write(CliContext context, ParseResult parse, SqliteWarningStore store, IReadOnlyList<Risk> risks, bool single, Taxonomy taxonomy)
    {
        var alerts = store.ListAlerts();
        var now = context.Time.GetUtcNow();
        if (context.Json(parse.GetValue(GlobalOptions.Json)))
        {
            var items = risks.Select(r => Json(r, alerts, now)).ToList();
            WarningArguments.WriteNode(context, single ? items[0] : new JsonArray([.. items]));
            return ExitCodes.Success;
        }

        if (single)
        {
            var r = risks[0];
            var domain = taxonomy.Find(r.Domain);
            var trend = RiskRegister.TrendOf(r, alerts, now);
            context.Console.MarkupLine($"[bold]{Markup.Escape(r.Id)}[/]  {Markup.Escape(r.Title)}");
            context.Console.MarkupLine($"domain: {Markup.Escape(r.Domain)}{(domain is null ? "" : $" ({Markup.Escape(domain.En)} / {Markup.Escape(domain.Zh)})")}");
            if (r.Description.Length > 0)
            {
                context.Console.MarkupLine(Markup.Escape(r.Description));
            }

            context.Console.MarkupLine($"owner: {Markup.Escape(r.Owner.Length == 0 ? "—" : r.Owner)}; likelihood {r.Likelihood}, impact {r.Impact}, score {r.Score} ([{RatingColour(r.Rating)}]{r.Rating}[/]); trend {RiskRegister.Arrow(trend)}");
            context.Console.MarkupLine($"indicators: {Markup.Escape(r.Indicators.Count == 0 ? "—" : string.Join(", ", r.Indicators))}; review: {Review(r, now)}");
            var history = new Table().Title("assessments").AddColumn("when (UTC)").AddColumn("by").AddColumn("L").AddColumn("I").AddColumn("note");
            foreach (var a in r.History)
            {
                history.AddRow(Markup.Escape(AlertJson.Time(a.At)), Markup.Escape(a.By), a.Likelihood.ToString(CultureInfo.InvariantCulture),
                    a.Impact.ToString(CultureInfo.InvariantCulture), Markup.Escape(a.Note ?? ""));
            }

            context.Console.Write(history);
            return ExitCodes.Success;
        }

        if (risks.Count == 0)
        {
            context.Console.MarkupLine("[grey]No risks. Add one with 'vigil risks add ID --domain D --title T --likelihood N --impact N'.[/]");
            return ExitCodes.Success;
        }

        var table = new Table().AddColumn("id").AddColumn("domain").AddColumn("title").AddColumn("owner").AddColumn("L").AddColumn("I")
            .AddColumn("rating").AddColumn("trend").AddColumn("review");
        foreach (var r in risks)
        {
            table.AddRow(Markup.Escape(r.Id), Markup.Escape(r.Domain), Markup.Escape(r.Title), Markup.Escape(r.Owner),
                r.Likelihood.ToString(CultureInfo.InvariantCulture), r.Impact.ToString(CultureInfo.InvariantCulture),
                $"[{RatingColour(r.Rating)}]{r.Score} {r.Rating}[/]", RiskRegister.Arrow(RiskRegister.TrendOf(r, alerts, now)), Review(r, now));
        }

        context.Console.Write(table);
        context.Console.MarkupLine("[grey]Trend: ↑ a linked indicator has an open alert, ↓ one was resolved in the last 30 days, → neither.[/]");
        return ExitCodes.Success;
    }

    private static string Review(Risk r, DateTimeOffset now) => r.ReviewDate is not { } d ? "—"
        : d < DateOnly.FromDateTime(now.UtcDateTime) ? $"[red]{d:yyyy-MM-dd} (due)[/]" : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string RatingColour(string rating) => rating switch
    {
        "critical" => "red",
        "high" => "darkorange",
        "medium" => "yellow",
        _ => "green",
    };

    /// <summary>The JSON of a risk (risks list/show/add/assess --json).</summary>
    internal static JsonObject Json(Risk r, IReadOnlyList<Alert> alerts, DateTimeOffset now) => RiskJson.ToJson(r, alerts, now);
}
