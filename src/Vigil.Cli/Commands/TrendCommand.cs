using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Cli.Charts;
using Vigil.Core.Documents;
using Vigil.Core.Domains;
using Vigil.Core.Output;
using Vigil.Core.Trends;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil trend (TERM... | --domain ID | --index securitization) --by doc|source|year|month</c>: a series
/// per group, with a bar chart on the terminal and optionally a PNG or SVG chart.
/// </summary>
internal static class TrendCommand
{
    public static Command Create(CliContext context)
    {
        var terms = new Argument<string[]>("TERM") { Arity = ArgumentArity.ZeroOrMore, Description = "Words, phrases or Chinese terms (one series each)" };
        var domain = new Option<string?>("--domain") { Description = "A domain id: percent of substantive paragraphs assigned it", HelpName = "ID" };
        var index = new Option<string?>("--index") { Description = "An index: securitization (see README)", HelpName = "securitization" };
        index.AcceptOnlyFromAmong("securitization", "securitisation");
        var by = new Option<string>("--by") { Description = "Rows per document, source, year or month", DefaultValueFactory = _ => "doc", HelpName = "doc|source|year|month" };
        by.AcceptOnlyFromAmong("doc", "source", "year", "month");
        var doc = TermArguments.Doc();
        var stem = TermArguments.Stem();
        var version = DomainArguments.Version();
        var files = DomainArguments.Files();
        var png = new Option<string?>("--png") { Description = "Also write the chart as a PNG file", HelpName = "F" };
        var svg = new Option<string?>("--svg") { Description = "Also write the chart as an SVG file", HelpName = "F" };
        var command = new Command("trend", "Term rates, domain shares or the securitisation index over documents, sources, years or months")
        {
            terms, domain, index, by, doc, stem, version, files, png, svg,
        };
        command.SetAction(parse =>
        {
            var termList = parse.GetValue(terms) ?? [];
            var domainId = parse.GetValue(domain);
            var indexName = parse.GetValue(index);
            var modes = (termList.Length > 0 ? 1 : 0) + (domainId is not null ? 1 : 0) + (indexName is not null ? 1 : 0);
            if (modes != 1)
            {
                return context.Usage("give TERMs, or --domain ID, or --index securitization (exactly one of them).");
            }

            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            Taxonomy? taxonomy = null;
            if (termList.Length == 0)
            {
                taxonomy = DomainArguments.Load(context, dataDirectory, parse.GetValue(files), parse.GetValue(version));
                if (taxonomy is null)
                {
                    return ExitCodes.Usage;
                }

                if (domainId is not null && taxonomy.Find(domainId) is null)
                {
                    return context.Usage($"unknown domain '{domainId}' in taxonomy {taxonomy.Version}; 'vigil taxonomy' lists them.");
                }
            }

            Core.Terms.TermSet? set = null;
            if (termList.Length > 0)
            {
                var (compiled, error) = TermArguments.Compile(termList, parse.GetValue(stem));
                if (compiled is null)
                {
                    return context.Usage(error!);
                }

                set = compiled;
            }

            using var workspace = Workspace.Open(dataDirectory);
            var docs = TermArguments.SelectDocuments(context, workspace, parse.GetValue(doc));
            if (docs is null)
            {
                return ExitCodes.Usage;
            }

            var grouping = Enum.Parse<TrendGrouping>(parse.GetValue(by)!, ignoreCase: true);
            var rows = set is not null ? TrendCalculator.Terms(workspace.Store, docs, set, grouping)
                : domainId is not null ? TrendCalculator.Domain(workspace.Store, docs, new DomainClassifier(taxonomy!), domainId, grouping)
                : TrendCalculator.Securitization(workspace.Store, docs, new DomainClassifier(taxonomy!), grouping);
            var measure = set is not null ? "per 10,000 Han characters (Chinese terms) or words (English terms)"
                : domainId is not null ? $"% of substantive paragraphs assigned {domainId}"
                : "securitisation index (0–100)";

            var failed = false;
            var spec = Chart(rows, docs, grouping, measure, set is not null ? "Term trend" : domainId is not null ? $"Domain: {domainId}" : "Securitisation index");
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
                    var result = ChartWriter.Write(spec, path);
                    foreach (var warning in result.Warnings)
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
                context.WriteJson(rows.Select(JsonShapes.TrendRow));
            }
            else
            {
                Table(context, rows, docs, grouping);
                if (rows.Count > 0)
                {
                    TerminalChart.Render(context.Console, spec);
                }

                context.Console.MarkupLine($"[grey]Value: {Markup.Escape(measure)}.[/]");
            }

            return failed ? ExitCodes.Partial : ExitCodes.Success;
        });
        return command;
    }

    private static string Label(TrendRow row, IReadOnlyDictionary<string, DocumentInfo> docs, TrendGrouping grouping)
    {
        if (grouping != TrendGrouping.Doc || row.Doc is null || !docs.TryGetValue(row.Doc, out var info))
        {
            return row.Key;
        }

        var name = info.Title ?? Path.GetFileName(info.Path);
        return info.Date is null ? name : $"{info.Date} {name}";
    }

    private static ChartSpec Chart(IReadOnlyList<TrendRow> rows, IReadOnlyList<DocumentInfo> docs, TrendGrouping grouping, string measure, string title)
    {
        var byId = docs.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var byKey = rows.GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var keys = rows.Select(r => r.Key).Distinct(StringComparer.Ordinal).ToList();
        var timeAxis = grouping is TrendGrouping.Year or TrendGrouping.Month && keys.Count(k => k is not (TrendCalculator.Undated or TrendCalculator.NoMonth)) > 2;
        var note = "";
        if (timeAxis && keys.RemoveAll(k => k is TrendCalculator.Undated or TrendCalculator.NoMonth) > 0)
        {
            note = "; documents without a date (or month) are in the table, not on the time axis";
        }

        var labels = keys.Select(k => Label(byKey[k][0], byId, grouping)).ToList();
        var series = rows.Select(r => r.Series).Distinct(StringComparer.Ordinal)
            .Select(s => new ChartSeries(s, keys.Select(k => byKey[k].FirstOrDefault(r => r.Series == s)?.Value ?? double.NaN).ToList()))
            .ToList();
        var kind = timeAxis ? ChartKind.Line : series.Count > 1 ? ChartKind.GroupedBar : ChartKind.Bar;
        return new ChartSpec(title, kind, labels, series)
        {
            XLabel = grouping.ToString().ToLowerInvariant(),
            YLabel = measure.Length > 40 ? "per 10,000 Han characters / words" : measure,
            Caption = string.Create(CultureInfo.InvariantCulture, $"Vigil, {docs.Count} document(s); {measure}{note}"),
        };
    }

    private static void Table(CliContext context, IReadOnlyList<TrendRow> rows, IReadOnlyList<DocumentInfo> docs, TrendGrouping grouping)
    {
        var byId = docs.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var securitization = rows.Any(r => r.Securitization is not null);
        var table = new Table().AddColumn(grouping.ToString().ToLowerInvariant()).AddColumn("series")
            .AddColumn(new TableColumn("value").RightAligned()).AddColumn(new TableColumn("count").RightAligned());
        if (securitization)
        {
            table.AddColumn(new TableColumn("density /10k").RightAligned()).AddColumn(new TableColumn("¶ share").RightAligned())
                .AddColumn(new TableColumn("安全 : 发展").RightAligned());
        }
        else
        {
            table.AddColumn(new TableColumn("of").RightAligned());
        }

        foreach (var r in rows)
        {
            var cells = new List<string>
            {
                Markup.Escape(Label(r, byId, grouping)), Markup.Escape(r.Series), F(r.Value), r.Count.ToString("N0", CultureInfo.InvariantCulture),
            };
            if (r.Securitization is { } m)
            {
                cells.Add(F(m.Density));
                cells.Add(string.Create(CultureInfo.InvariantCulture, $"{m.SecuritizedParagraphs}/{m.Paragraphs}"));
                cells.Add(m.Balance is { } b ? string.Create(CultureInfo.InvariantCulture, $"{m.SecurityZh + m.SecurityEn} : {m.DevelopmentZh + m.DevelopmentEn}") : "—");
            }
            else
            {
                cells.Add(r.Basis.ToString("N0", CultureInfo.InvariantCulture));
            }

            table.AddRow(cells.ToArray());
        }

        context.Console.Write(table);
    }

    private static string F(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);
}
