using Vigil.Core.Documents;
using Vigil.Core.Storage;

namespace Vigil.Core.Events.Extraction;

/// <summary>One proposal of a run: the document it came from, the extractor's proposal and the ledger event made of it.</summary>
public sealed record ProposedEvent(string Document, string Path, EventProposal Proposal, LedgerEvent Event);

/// <summary>What a run proposed, and the documents that had no stored text (named so the user can re-ingest them).</summary>
public sealed record ProposalRunResult(IReadOnlyList<ProposedEvent> Proposals, IReadOnlyList<DocumentInfo> MissingText);

/// <summary>
/// <c>vigil events extract</c> and <c>POST /api/events/extract</c>: runs the extractor over documents, keeps the
/// proposals of the type prefix and confidence asked for, and turns each into a proposed ledger event
/// (<see cref="ProposalLedger.ToEvent"/>); <see cref="ProposalLedger.Store"/> then writes them.
/// </summary>
public static class ProposalRun
{
    /// <summary>The proposals for <paramref name="documents"/>, in document order, then the extractor's order.</summary>
    public static ProposalRunResult Propose(IDocumentStore store, IEnumerable<DocumentInfo> documents, EventExtractor extractor, string? typePrefix,
        double minConfidence, EventTypeCatalog types, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(types);
        var proposals = new List<ProposedEvent>();
        var missing = new List<DocumentInfo>();
        foreach (var info in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (store.GetContent(info.Id) is not { } content)
            {
                missing.Add(info);
                continue;
            }

            foreach (var p in extractor.Extract(content, cancellationToken))
            {
                if ((typePrefix is null || p.Type.StartsWith(typePrefix, StringComparison.Ordinal)) && p.Confidence >= minConfidence)
                {
                    proposals.Add(new ProposedEvent(info.Id, info.Path, p, ProposalLedger.ToEvent(p, info.Id, info.Date, types)));
                }
            }
        }

        return new ProposalRunResult(proposals, missing);
    }

    /// <summary>The message for a bad type prefix, or null when some extraction type starts with it.</summary>
    public static string? CheckTypePrefix(string? prefix) =>
        prefix is not null && !EventTypes.All.Any(t => t.StartsWith(prefix, StringComparison.Ordinal))
            ? $"no event type starts with '{prefix}' (types: {string.Join(", ", EventTypes.All)})."
            : null;

    /// <summary>
    /// The run's JSON (<c>vigil events extract --json</c>): <c>{proposals: [...], stored: {created, updated, unchanged} | null}</c>;
    /// <paramref name="stored"/> is null on a dry run.
    /// </summary>
    public static object Json(IReadOnlyList<ProposedEvent> proposals, IReadOnlyList<UpsertOutcome>? stored)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        return new
        {
            proposals = proposals.Select((r, i) => ProposalJson(r.Document, r.Path, r.Proposal, r.Event.Id, stored is null ? null : EventLedgerJson.Outcome(stored[i]))),
            stored = stored is null ? null : new
            {
                created = stored.Count(o => o == UpsertOutcome.Created),
                updated = stored.Count(o => o == UpsertOutcome.Updated),
                unchanged = stored.Count(o => o == UpsertOutcome.Unchanged),
            },
        };
    }

    /// <summary>The JSON of one proposal (docs/extraction.md); spans are offsets into the document's original text.</summary>
    public static object ProposalJson(string doc, string path, EventProposal p, string id, string? outcome)
    {
        ArgumentNullException.ThrowIfNull(p);
        var quantities = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var q in p.Quantities)
        {
            // One value per kind (the first stated); the full list is in the Core record.
            quantities.TryAdd(q.Kind, new { value = q.Value, unit = q.Unit, text = q.Span.Text, start = q.Span.Start, length = q.Span.Length });
        }

        return new
        {
            id,
            stored = outcome,
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

    private static object Span(SourceSpan s) => new { text = s.Text, start = s.Start, length = s.Length };
}
