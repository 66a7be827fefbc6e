using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Events.Extraction;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil events extract [--doc ID…] [--type PREFIX] [--min-confidence X] [--json]</c>: events proposed by the
/// rule-based extractor for ingested documents, each with its exact span in the document's original text.
/// Nothing is stored: the proposals are for review (the ledger turns them into events).
/// </summary>
internal static class EventsExtractCommand
{
    public static Command Create(CliContext context)
    {
        var doc = TermArguments.Doc();
        var type = new Option<string?>("--type") { Description = "Only types starting with this (police, sanction.counter…)", HelpName = "PREFIX" };
        var minConfidence = new Option<double>("--min-confidence") { Description = "Only proposals at least this confident (0–1)", DefaultValueFactory = _ => 0, HelpName = "X" };
        var command = new Command("extract", "Propose events (sanctions, listings, police cooperation, overseas police stations, attacks…) from ingested documents, with exact spans")
        {
            doc, type, minConfidence,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var min = parse.GetValue(minConfidence);
            if (double.IsNaN(min) || min is < 0 or > 1)
            {
                return Task.FromResult(context.Usage("--min-confidence takes a number from 0 to 1."));
            }

            var prefix = parse.GetValue(type);
            if (prefix is not null && !EventTypes.All.Any(t => t.StartsWith(prefix, StringComparison.Ordinal)))
            {
                return Task.FromResult(context.Usage($"no event type starts with '{prefix}' (types: {string.Join(", ", EventTypes.All)})."));
            }

            using var workspace = Workspace.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            var docs = TermArguments.SelectDocuments(context, workspace, parse.GetValue(doc));
            if (docs is null)
            {
                return Task.FromResult(ExitCodes.Usage);
            }

            var extractor = EventExtractor.Default;
            var rows = new List<(string Doc, string Path, EventProposal Proposal)>();
            var missing = 0;
            foreach (var info in docs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (workspace.Store.GetContent(info.Id) is not { } content)
                {
                    context.Error.WriteLine($"vigil: document {info.Id} ({info.Path}) has no stored text; run 'vigil ingest' on it again.");
                    missing++;
                    continue;
                }

                foreach (var p in extractor.Extract(content, cancellationToken))
                {
                    if ((prefix is null || p.Type.StartsWith(prefix, StringComparison.Ordinal)) && p.Confidence >= min)
                    {
                        rows.Add((info.Id, info.Path, p));
                    }
                }
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(new { proposals = rows.Select(r => ToJson(r.Doc, r.Path, r.Proposal)) });
            }
            else
            {
                Render(context, rows, docs.Count);
            }

            return Task.FromResult(missing > 0 ? ExitCodes.Partial : ExitCodes.Success);
        });
        return command;
    }

    private static object Span(SourceSpan s) => new { text = s.Text, start = s.Start, length = s.Length };

    /// <summary>The JSON of one proposal (docs/extraction.md); spans are offsets into the document's original text.</summary>
    internal static object ToJson(string doc, string path, EventProposal p)
    {
        var quantities = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var q in p.Quantities)
        {
            // One value per kind (the first stated); the full list is in the Core record.
            quantities.TryAdd(q.Kind, new { value = q.Value, unit = q.Unit, text = q.Span.Text, start = q.Span.Start, length = q.Span.Length });
        }

        return new
        {
            doc,
            path,
            type = p.Type,
            text = p.Trigger.Text,
            start = p.Trigger.Start,
            length = p.Trigger.Length,
            sentence = Span(p.Sentence),
            paragraph = p.Paragraph,
            language = p.Language,
            date = p.Date?.ToString(),
            date_precision = p.Date?.Precision,
            date_source = p.DateSource,
            date_span = p.DateSpan is { } d ? Span(d) : null,
            actor = p.Actor is { } a ? Span(a) : null,
            targets = p.Targets.Select(Span),
            countries = p.Countries.Select(c => new { code = c.Code, text = c.Span.Text, start = c.Span.Start, length = c.Span.Length }),
            quantities,
            rule = p.Rule,
            confidence = p.Confidence,
        };
    }

    private static void Render(CliContext context, List<(string Doc, string Path, EventProposal Proposal)> rows, int documents)
    {
        if (rows.Count == 0)
        {
            context.Console.MarkupLine($"No events proposed in {documents.ToString(CultureInfo.InvariantCulture)} document(s).");
            return;
        }

        var table = new Table().AddColumn("doc").AddColumn("type").AddColumn("date").AddColumn("actor").AddColumn("counts").AddColumn("evidence").AddColumn(new TableColumn("conf").RightAligned());
        foreach (var (doc, _, p) in rows)
        {
            var counts = string.Join(", ", p.Quantities.Select(q => $"{q.Kind} {q.Value.ToString(CultureInfo.InvariantCulture)}"));
            var sentence = p.Sentence.Text.Length > 160 ? p.Sentence.Text[..157] + "…" : p.Sentence.Text;
            var trigger = p.Trigger.Start - p.Sentence.Start;
            var marked = trigger >= 0 && trigger + p.Trigger.Length <= sentence.Length
                ? Markup.Escape(sentence[..trigger]) + "[bold yellow]" + Markup.Escape(p.Trigger.Text) + "[/]" + Markup.Escape(sentence[(trigger + p.Trigger.Length)..])
                : Markup.Escape(sentence);
            table.AddRow(Markup.Escape(doc[..Math.Min(8, doc.Length)]), Markup.Escape(p.Type), Markup.Escape(p.Date?.ToString() ?? "—"),
                Markup.Escape(p.Actor?.Text ?? "—"), Markup.Escape(counts), marked, p.Confidence.ToString("0.00", CultureInfo.InvariantCulture));
        }

        context.Console.Write(table);
        context.Console.MarkupLine($"{rows.Count.ToString(CultureInfo.InvariantCulture)} proposal(s) in {documents.ToString(CultureInfo.InvariantCulture)} document(s); proposals are not stored — review them before they become events.");
    }
}
