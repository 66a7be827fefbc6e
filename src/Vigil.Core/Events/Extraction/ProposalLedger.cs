using Vigil.Core.Documents;
using Vigil.Core.Text;

namespace Vigil.Core.Events.Extraction;

/// <summary>
/// Turns an <see cref="EventProposal"/> into a proposed <see cref="LedgerEvent"/> of the ledger: the id comes from the
/// type and the trigger span (<see cref="EventIdentity.ForDocumentSpan"/>), so extracting the same document again finds
/// the same events, and an analyst's review (status, notes, edited fields) survives re-extraction.
/// </summary>
public static class ProposalLedger
{
    /// <summary>The longest summary kept from the sentence; longer sentences are cut at a character boundary with "…".</summary>
    public const int MaxSummaryLength = 400;

    /// <param name="proposal">The extractor's proposal.</param>
    /// <param name="documentId">The document's id.</param>
    /// <param name="documentDate">The document's metadata date (YYYY[-MM[-DD]]), used when the sentence states none.</param>
    /// <param name="types">The event types, for the type's default domains.</param>
    public static LedgerEvent ToEvent(EventProposal proposal, string documentId, string? documentDate, EventTypeCatalog types)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(types);
        var date = proposal.Date is { } stated ? new EventDate(stated)
            : PartialDate.TryParse(documentDate, out var fromDocument) ? new EventDate(fromDocument) : EventDate.Unknown;
        var issues = new List<string>();
        if (proposal.Date is null)
        {
            issues.Add(date.IsKnown
                ? "date: the sentence states none; the document's date is used"
                : "date: neither the sentence nor the document gives one");
        }

        var quantities = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var q in proposal.Quantities)
        {
            quantities.TryAdd(q.Kind, q.Value); // the first stated count of each kind, as the extract JSON shows
        }

        var summary = proposal.Sentence.Text.Trim();
        if (summary.Length > MaxSummaryLength)
        {
            var cut = MaxSummaryLength - 1;
            if (char.IsLowSurrogate(summary[cut]))
            {
                cut--;
            }

            summary = summary[..cut] + "…";
        }

        var chinese = proposal.Language == "zh";
        return LedgerEvent.ProposeFromDocument(proposal.Type, documentId, proposal.Trigger.Start, proposal.Trigger.End, proposal.Trigger.Text, proposal.Confidence) with
        {
            Date = date,
            Body = proposal.Actor?.Text,
            Targets = [.. proposal.Targets.Select(t => HasHan(t.Text) ? new EventTarget { NameZh = t.Text } : new EventTarget { NameEn = t.Text })],
            // The ledger's countries are the other side of a PRC-centred event (targets, hosts); China itself, named as the
            // actor or in "Chinese engineers", would put every event under CN in the statistics.
            Countries = [.. proposal.Countries.Select(c => c.Code).Where(c => c != "CN").Distinct(StringComparer.Ordinal)],
            Domains = types.Find(proposal.Type)?.Domains ?? [],
            Quantities = quantities,
            Summary = chinese ? null : summary,
            SummaryZh = chinese ? summary : null,
            Issues = issues,
            Raw = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["rule"] = proposal.Rule },
        };
    }

    /// <summary>
    /// Stores proposed events in one transaction and returns one outcome per input, in order. The same span proposed
    /// twice with one type is one event (same id): it is written once and both inputs get its outcome. An event an
    /// analyst has reviewed keeps its status, notes and edited fields (<see cref="EventMerge.Absorb"/>).
    /// </summary>
    public static IReadOnlyList<UpsertOutcome> Store(IEventStore store, IReadOnlyList<LedgerEvent> events, ChangeContext change)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(events);
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var unique = new List<LedgerEvent>();
        var map = new int[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            if (!firstIndex.TryGetValue(events[i].Id, out var at))
            {
                at = unique.Count;
                firstIndex[events[i].Id] = at;
                unique.Add(events[i]);
            }

            map[i] = at;
        }

        if (unique.Count == 0)
        {
            return [];
        }

        var outcomes = store.Upsert(unique, change);
        return [.. map.Select(m => outcomes[m])];
    }

    private static bool HasHan(string text)
    {
        foreach (var c in text)
        {
            if (CharClass.IsHan(c))
            {
                return true;
            }
        }

        return false;
    }
}
