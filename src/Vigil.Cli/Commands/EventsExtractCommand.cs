using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Events;
using Vigil.Core.Events.Extraction;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil events extract [--doc ID…] [--type PREFIX] [--min-confidence X] [--json]</c>: events proposed by the
/// rule-based extractor for ingested documents, each with its exact span in the document's original text.
/// The proposals are stored in the ledger as <c>proposed</c> events (ids from type and span, so re-extraction is
/// idempotent and keeps an analyst's review) unless <c>--dry-run</c> is given; <c>vigil events review</c> then
/// accepts or rejects them.
/// </summary>
internal static class EventsExtractCommand
{
    public static Command Create(CliContext context)
    {
        var doc = TermArguments.Doc();
        var type = new Option<string?>("--type") { Description = "Only types starting with this (police, sanction.counter…)", HelpName = "PREFIX" };
        var minConfidence = new Option<double>("--min-confidence") { Description = "Only proposals at least this confident (0–1)", DefaultValueFactory = _ => 0, HelpName = "X" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show the proposals; do not store them in the ledger" };
        var by = EventsCommand.ByOption();
        var command = new Command("extract", "Propose events (sanctions, listings, police cooperation, overseas police stations, attacks…) from ingested documents, with exact spans, and store them as proposed events for review")
        {
            doc, type, minConfidence, dryRun, by,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var min = parse.GetValue(minConfidence);
            if (double.IsNaN(min) || min is < 0 or > 1)
            {
                return Task.FromResult(context.Usage("--min-confidence takes a number from 0 to 1."));
            }

            var prefix = parse.GetValue(type);
            if (ProposalRun.CheckTypePrefix(prefix) is { } badPrefix)
            {
                return Task.FromResult(context.Usage(badPrefix));
            }

            using var workspace = Workspace.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            var docs = TermArguments.SelectDocuments(context, workspace, parse.GetValue(doc));
            if (docs is null)
            {
                return Task.FromResult(ExitCodes.Usage);
            }

            var types = EventsCommand.LoadTypes(context, parse);
            if (types is null)
            {
                return Task.FromResult(ExitCodes.Usage);
            }

            var run = ProposalRun.Propose(workspace.Store, docs, EventExtractor.Default, prefix, min, types, cancellationToken);
            foreach (var info in run.MissingText)
            {
                context.Error.WriteLine($"vigil: document {info.Id} ({info.Path}) has no stored text; run 'vigil ingest' on it again.");
            }

            var missing = run.MissingText.Count;
            var rows = run.Proposals.Select(r => (r.Document, r.Path, r.Proposal)).ToList();
            var events = run.Proposals.Select(r => r.Event).ToList();
            var stored = parse.GetValue(dryRun) || events.Count == 0
                ? null
                : StoreProposals(context, parse, events, EventsCommand.Actor(parse.GetValue(by)));
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(ProposalRun.Json(run.Proposals, stored));
            }
            else
            {
                Render(context, rows, events, docs.Count, stored);
            }

            return Task.FromResult(missing > 0 ? ExitCodes.Partial : ExitCodes.Success);
        });
        return command;
    }

    /// <summary>Stores the proposals in the ledger (Core does the work, so the web API can share it).</summary>
    private static IReadOnlyList<UpsertOutcome> StoreProposals(CliContext context, ParseResult parse, List<LedgerEvent> events, string actor)
    {
        using var store = EventsCommand.OpenStore(context, parse);
        return ProposalLedger.Store(store, events, new ChangeContext(actor, context.Time) { Reason = "extract" });
    }

    private static void Render(CliContext context, List<(string Doc, string Path, EventProposal Proposal)> rows, List<LedgerEvent> events, int documents, IReadOnlyList<UpsertOutcome>? stored)
    {
        if (rows.Count == 0)
        {
            context.Console.MarkupLine($"No events proposed in {documents.ToString(CultureInfo.InvariantCulture)} document(s).");
            return;
        }

        var table = new Table().AddColumn("event").AddColumn("doc").AddColumn("type").AddColumn("date").AddColumn("actor").AddColumn("counts").AddColumn("evidence").AddColumn(new TableColumn("conf").RightAligned());
        for (var i = 0; i < rows.Count; i++)
        {
            var (doc, _, p) = rows[i];
            var counts = string.Join(", ", p.Quantities.Select(q => $"{q.Kind} {q.Value.ToString(CultureInfo.InvariantCulture)}"));
            var sentence = p.Sentence.Text.Length > 160 ? p.Sentence.Text[..157] + "…" : p.Sentence.Text;
            var trigger = p.Trigger.Start - p.Sentence.Start;
            var marked = trigger >= 0 && trigger + p.Trigger.Length <= sentence.Length
                ? Markup.Escape(sentence[..trigger]) + "[bold yellow]" + Markup.Escape(p.Trigger.Text) + "[/]" + Markup.Escape(sentence[(trigger + p.Trigger.Length)..])
                : Markup.Escape(sentence);
            table.AddRow(Markup.Escape(events[i].Id[..8]), Markup.Escape(doc[..Math.Min(8, doc.Length)]), Markup.Escape(p.Type), Markup.Escape(p.Date?.ToString() ?? "—"),
                Markup.Escape(p.Actor?.Text ?? "—"), Markup.Escape(counts), marked, p.Confidence.ToString("0.00", CultureInfo.InvariantCulture));
        }

        context.Console.Write(table);
        var n = rows.Count.ToString(CultureInfo.InvariantCulture);
        var d = documents.ToString(CultureInfo.InvariantCulture);
        context.Console.MarkupLine(stored is null
            ? $"{n} proposal(s) in {d} document(s); not stored (--dry-run)."
            : $"{n} proposal(s) in {d} document(s): {Count(stored, UpsertOutcome.Created)} new, {Count(stored, UpsertOutcome.Updated)} updated, {Count(stored, UpsertOutcome.Unchanged)} unchanged proposed event(s) in the ledger; review them with 'vigil events review' or 'vigil events set-status ID confirmed|rejected'.");
    }

    private static string Count(IReadOnlyList<UpsertOutcome> outcomes, UpsertOutcome which) =>
        outcomes.Count(o => o == which).ToString(CultureInfo.InvariantCulture);
}
