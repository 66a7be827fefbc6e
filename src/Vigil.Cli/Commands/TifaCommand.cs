using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Documents;
using Vigil.Core.Storage;
using Vigil.Core.Terms;
using Vigil.Core.Tifa;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil tifa list|timeline|diff</c>: the formulation (提法) tracker — the dictionary, one formulation over time,
/// and what appeared, disappeared, rose or fell between two documents or sources, with candidate new phrases.
/// </summary>
internal static class TifaCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("tifa", "Formulation (提法) tracker: list the dictionary, follow a formulation over time, diff documents");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Timeline(context));
        command.Subcommands.Add(Diff(context));
        return command;
    }

    private static Option<string?> DictOption() => new("--dict")
    {
        Description = "A dictionary file in the same format that adds entries or replaces them by id (see docs/tifa.md)",
        HelpName = "FILE",
    };

    private static Command List(CliContext context)
    {
        var domain = new Option<string?>("--domain") { Description = "Only formulations of this security domain (docs/domains.md)", HelpName = "ID" };
        var dict = DictOption();
        var command = new Command("list", "The formulations of the dictionary") { domain, dict };
        command.SetAction(parse =>
        {
            if (LoadDictionary(context, parse.GetValue(dict)) is not { } dictionary)
            {
                return ExitCodes.Usage;
            }

            var wanted = parse.GetValue(domain)?.Trim().ToLowerInvariant();
            if (wanted is not null && !FormulationDictionary.DomainIds.Contains(wanted, StringComparer.Ordinal))
            {
                return context.Usage($"unknown domain '{parse.GetValue(domain)}'; known: {string.Join(", ", FormulationDictionary.DomainIds)}.");
            }

            var entries = dictionary.Formulations.Where(f => wanted is null || f.Domains.Contains(wanted, StringComparer.Ordinal)).ToList();
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(entries.Select(f => new { id = f.Id, zh = f.Zh, en = f.En, domains = f.Domains, near = f.Near, since = f.Since, notes = f.Notes }));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("id", "zh", "en", "domains", "near", "since");
            foreach (var f in entries)
            {
                table.AddRow(Markup.Escape(f.Id), Markup.Escape(string.Join(" | ", f.Zh)), Markup.Escape(f.En.Count > 0 ? f.En[0] : "—"),
                    Markup.Escape(string.Join(", ", f.Domains)), Markup.Escape(string.Join(" | ", f.Near)), f.Since?.ToString(CultureInfo.InvariantCulture) ?? "—");
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"{entries.Count} formulations");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Timeline(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "Formulation id (or one of its forms, e.g. 战略机遇期)" };
        var by = new Option<string>("--by") { Description = "Rows per document, year or source", DefaultValueFactory = _ => "doc", HelpName = "doc|year|source" };
        by.AcceptOnlyFromAmong("doc", "year", "source");
        var dict = DictOption();
        var command = new Command("timeline", "One formulation's counts and rates over all documents, with its near variants") { id, by, dict };
        command.SetAction(parse =>
        {
            if (LoadDictionary(context, parse.GetValue(dict)) is not { } dictionary)
            {
                return ExitCodes.Usage;
            }

            var query = parse.GetValue(id)!;
            if (dictionary.Find(query) is not { } formulation)
            {
                var close = dictionary.CloseIds(query);
                return context.Usage($"unknown formulation '{query}'"
                    + (close.Count > 0 ? $"; close ids: {string.Join(", ", close)}" : "") + "; 'vigil tifa list' lists all.");
            }

            var grouping = Enum.Parse<CountGrouping>(parse.GetValue(by)!, ignoreCase: true);
            using var workspace = Workspace.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            var rows = FormulationTracker.Create(dictionary).Timeline(workspace.Store, workspace.Store.List().ToList(), formulation, grouping);
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(rows.Select(r => new
                {
                    key = r.Key,
                    doc = r.Doc,
                    path = r.Path,
                    date = r.Date,
                    count = r.Count,
                    per10k = r.Per10K,
                    zh = r.Zh,
                    en = r.En,
                    docs = r.Documents,
                    han = r.Han,
                    words = r.Words,
                    near = r.Near.Select(n => new { form = n.Form, count = n.Count }),
                }));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumn(grouping.ToString().ToLowerInvariant()).AddColumn("date").AddColumn(new TableColumn("count").RightAligned())
                .AddColumn(new TableColumn("per 10k").RightAligned()).AddColumn("near (outside the set phrase)");
            foreach (var r in rows)
            {
                var key = r.Doc is not null ? $"{r.Doc[..Math.Min(8, r.Doc.Length)]} {Path.GetFileName(r.Path)}" : r.Key;
                table.AddRow(Markup.Escape(key), r.Date ?? "—", N(r.Count), F(r.Per10K),
                    Markup.Escape(string.Join(", ", r.Near.Select(n => $"{n.Form} {N(n.Count)}"))));
            }

            context.Console.MarkupLine($"[bold]{Markup.Escape(formulation.Id)}[/] {Markup.Escape(string.Join(" | ", formulation.Zh))}");
            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Diff(CliContext context)
    {
        var a = new Argument<string?>("A") { Arity = ArgumentArity.ZeroOrOne, Description = "The earlier document (id, id prefix or path)" };
        var b = new Argument<string?>("B") { Arity = ArgumentArity.ZeroOrOne, Description = "The later document (id, id prefix or path)" };
        var aSource = new Option<string?>("--a-source") { Description = "Side A is every document of this source (instead of A)", HelpName = "S" };
        var bSource = new Option<string?>("--b-source") { Description = "Side B is every document of this source (instead of B)", HelpName = "S" };
        var minFreq = new Option<int>("--min-freq") { Description = "A candidate phrase must occur at least N times in B", DefaultValueFactory = _ => 3, HelpName = "N" };
        var top = new Option<int>("--top") { Description = "Most candidate phrases (0: all)", DefaultValueFactory = _ => 30, HelpName = "N" };
        var dict = DictOption();
        var command = new Command("diff", "What appeared, disappeared, rose and fell from A to B, and candidate new phrases") { a, b, aSource, bSource, minFreq, top, dict };
        command.SetAction(parse =>
        {
            var (docA, docB, srcA, srcB) = (parse.GetValue(a), parse.GetValue(b), parse.GetValue(aSource), parse.GetValue(bSource));
            if (srcA is not null || srcB is not null)
            {
                if (srcA is null || srcB is null)
                {
                    return context.Usage("give both --a-source and --b-source (or two documents A B).");
                }

                if (docA is not null || docB is not null)
                {
                    return context.Usage("give either two documents A B or --a-source and --b-source, not both.");
                }

                if (srcA == srcB)
                {
                    return context.Usage($"--a-source and --b-source are both '{srcA}'; compare two different sources.");
                }
            }
            else if (docA is null || docB is null)
            {
                return context.Usage("give two documents A B (id, id prefix or path), or --a-source and --b-source.");
            }

            if (parse.GetValue(minFreq) is < 1 or > 1_000_000 || parse.GetValue(top) is < 0 or > 100_000)
            {
                return context.Usage("--min-freq takes 1 to 1000000 and --top 0 (all) to 100000.");
            }

            if (LoadDictionary(context, parse.GetValue(dict)) is not { } dictionary)
            {
                return ExitCodes.Usage;
            }

            using var workspace = Workspace.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            var sideA = Side(context, workspace, docA, srcA);
            var sideB = sideA is null ? null : Side(context, workspace, docB, srcB);
            if (sideA is null || sideB is null)
            {
                return ExitCodes.Usage;
            }

            if (docA is not null && sideA[0].Id == sideB[0].Id)
            {
                return context.Usage($"A and B are the same document ({sideA[0].Id}); compare two different documents.");
            }

            var tracked = (A: Load(workspace.Store, sideA), B: Load(workspace.Store, sideB));
            var diff = FormulationTracker.Create(dictionary).Diff(tracked.A, tracked.B,
                new FormulationDiffOptions { MinFrequency = parse.GetValue(minFreq), Top = parse.GetValue(top) });
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(new
                {
                    a = SideJson(diff.A, srcA),
                    b = SideJson(diff.B, srcB),
                    appeared = diff.Appeared.Select(ChangeJson),
                    disappeared = diff.Disappeared.Select(ChangeJson),
                    rose = diff.Rose.Select(ChangeJson),
                    fell = diff.Fell.Select(ChangeJson),
                    unchanged = diff.Unchanged.Select(ChangeJson),
                    candidates = diff.Candidates.Select(c => new
                    {
                        phrase = c.Phrase,
                        lang = c.Lang,
                        a = c.A,
                        b = c.B,
                        a_per10k = c.APer10K,
                        b_per10k = c.BPer10K,
                        g2 = c.G2,
                        log_ratio = c.LogRatio,
                    }),
                });
                return ExitCodes.Success;
            }

            RenderDiff(context.Console, diff, srcA, srcB);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One side: the resolved document, or every document of the source. Null after a message when nothing matches.</summary>
    private static List<DocumentInfo>? Side(CliContext context, Workspace workspace, string? doc, string? source)
    {
        if (doc is not null)
        {
            if (workspace.Store.Resolve(doc) is { } info)
            {
                return [info];
            }

            context.Usage($"no document matches '{doc}'; 'vigil docs' lists ids and paths.");
            return null;
        }

        var docs = workspace.Store.List(new DocumentFilter { Source = source }).ToList();
        if (docs.Count == 0)
        {
            context.Usage($"no document has source '{source}'; 'vigil docs' lists sources.");
            return null;
        }

        return docs;
    }

    private static List<TrackedDocument> Load(IDocumentStore store, List<DocumentInfo> docs)
    {
        var tracked = new TrackedDocument[docs.Count];
        Parallel.For(0, docs.Count, i => tracked[i] = TrackedDocument.Load(store, docs[i]));
        return [.. tracked];
    }

    private static FormulationDictionary? LoadDictionary(CliContext context, string? file)
    {
        if (file is null)
        {
            return FormulationDictionary.BuiltIn;
        }

        var result = FormulationDictionary.BuiltIn.WithFile(file);
        if (result.Dictionary is null)
        {
            context.Usage(result.Message);
        }

        return result.Dictionary;
    }

    private static object SideJson(DiffSide side, string? source) => new
    {
        source,
        docs = side.Documents.Select(d => new { id = d.Id, path = d.Path, date = d.Date, title = d.Title }),
        han = side.Han,
        words = side.Words,
    };

    private static object ChangeJson(FormulationChange c) => new
    {
        id = c.Formulation.Id,
        zh = c.Formulation.Zh[0],
        en = c.Formulation.En.Count > 0 ? c.Formulation.En[0] : "",
        a = c.A,
        b = c.B,
        a_per10k = c.APer10K,
        b_per10k = c.BPer10K,
        g2 = c.G2,
        log_ratio = c.LogRatio,
        near = c.Near.Select(n => new { form = n.Form, a = n.A, b = n.B }),
        forms = c.Forms.Select(n => new { form = n.Form, a = n.A, b = n.B }),
        domains = c.Formulation.Domains,
    };

    private static void RenderDiff(IAnsiConsole console, FormulationDiff diff, string? sourceA, string? sourceB)
    {
        string Describe(DiffSide side, string? source) =>
            (source is not null ? $"source '{source}', {side.Documents.Count} documents" : $"{side.Documents[0].Id[..Math.Min(8, side.Documents[0].Id.Length)]} {Path.GetFileName(side.Documents[0].Path)}")
            + $" — {N(side.Han)} Han, {N(side.Words)} words";

        console.MarkupLine($"[bold]A[/] {Markup.Escape(Describe(diff.A, sourceA))}");
        console.MarkupLine($"[bold]B[/] {Markup.Escape(Describe(diff.B, sourceB))}");
        foreach (var (title, list) in new[] { ("appeared", diff.Appeared), ("disappeared", diff.Disappeared), ("rose", diff.Rose), ("fell", diff.Fell), ("unchanged", diff.Unchanged) })
        {
            if (list.Count == 0)
            {
                console.MarkupLine($"[bold]{title}[/]: none");
                continue;
            }

            var table = new Table().Title(title).AddColumns("id", "zh").AddColumn(new TableColumn("a").RightAligned()).AddColumn(new TableColumn("b").RightAligned())
                .AddColumn(new TableColumn("a/10k").RightAligned()).AddColumn(new TableColumn("b/10k").RightAligned()).AddColumn(new TableColumn("G²").RightAligned())
                .AddColumn("near a→b");
            foreach (var c in list)
            {
                table.AddRow(Markup.Escape(c.Formulation.Id), Markup.Escape(c.Formulation.Zh[0]), N(c.A), N(c.B), F(c.APer10K), F(c.BPer10K), F(c.G2), Markup.Escape(string.Join(", ", c.Near.Select(n => $"{n.Form} {n.A}→{n.B}"))));
            }

            console.Write(table);
        }

        if (diff.Candidates.Count == 0)
        {
            console.MarkupLine("[bold]candidates[/]: none");
            return;
        }

        var candidates = new Table().Title("candidates (not in the dictionary, more frequent in B)").AddColumns("phrase", "lang")
            .AddColumn(new TableColumn("a").RightAligned()).AddColumn(new TableColumn("b").RightAligned()).AddColumn(new TableColumn("b/10k").RightAligned())
            .AddColumn(new TableColumn("G²").RightAligned()).AddColumn(new TableColumn("log ratio").RightAligned());
        foreach (var c in diff.Candidates)
        {
            candidates.AddRow(Markup.Escape(c.Phrase), c.Lang, N(c.A), N(c.B), F(c.BPer10K), F(c.G2), F(c.LogRatio));
        }

        console.Write(candidates);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
