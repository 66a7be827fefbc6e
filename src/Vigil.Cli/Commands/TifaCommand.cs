using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Documents;
using Vigil.Core.Output;
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
                context.WriteJson(entries.Select(JsonShapes.Formulation));
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
                context.WriteJson(rows.Select(JsonShapes.TimelineRow));
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
            if (DocumentSelection.CheckDiffArguments(docA, docB, srcA, srcB) is { } argumentError)
            {
                return context.Usage(argumentError);
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
            var sides = DocumentSelection.DiffSides(workspace.Store, docA, docB, srcA, srcB);
            if (sides.Error is not null)
            {
                return context.Usage(sides.Error);
            }

            var tracked = (A: TrackedDocument.LoadAll(workspace.Store, sides.A!), B: TrackedDocument.LoadAll(workspace.Store, sides.B!));
            var diff = FormulationTracker.Create(dictionary).Diff(tracked.A, tracked.B,
                new FormulationDiffOptions { MinFrequency = parse.GetValue(minFreq), Top = parse.GetValue(top) });
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(JsonShapes.FormulationDiff(diff, srcA, srcB));
                return ExitCodes.Success;
            }

            RenderDiff(context.Console, diff, srcA, srcB);
            return ExitCodes.Success;
        });
        return command;
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
