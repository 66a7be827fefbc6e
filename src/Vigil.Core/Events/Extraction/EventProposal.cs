using Vigil.Core.Documents;

namespace Vigil.Core.Events.Extraction;

/// <summary>A span of a document's original text: <c>original.Substring(Start, Length) == Text</c>.</summary>
public readonly record struct SourceSpan(int Start, int Length, string Text)
{
    /// <summary>Exclusive end offset in the original text.</summary>
    public int End => Start + Length;
}

/// <summary>A country named in the sentence; <see cref="Code"/> is ISO 3166-1 alpha-2 (or <c>EU</c>).</summary>
public sealed record ProposalCountry(string Code, SourceSpan Span);

/// <summary>
/// A count stated with the event, parsed from Arabic, Chinese or English numerals
/// (<c>20,000</c>, <c>2万</c>, <c>三千</c>, <c>two thousand</c>).
/// </summary>
/// <param name="Kind">What is counted: <c>trained</c>, <c>killed</c>, <c>injured</c>, <c>kidnapped</c>, <c>persons</c>, <c>entities</c>, <c>stations</c>, <c>countries</c>.</param>
/// <param name="Value">The number.</param>
/// <param name="Unit">What the number counts, in words (<c>police officers</c>, <c>Chinese nationals</c>).</param>
/// <param name="Span">The whole phrase the count was read from.</param>
/// <param name="Number">The numeral itself.</param>
public sealed record ProposalQuantity(string Kind, long Value, string Unit, SourceSpan Span, SourceSpan Number);

/// <summary>
/// One event proposed from text: its type, the exact spans it rests on and whatever the sentence states about it.
/// A self-contained record: turning it into a stored event (id, status, history) is the ledger's business.
/// </summary>
/// <param name="Type">Event type such as <c>sanction.counter</c> (see <see cref="EventTypes"/>).</param>
/// <param name="Rule">Id of the rule that proposed it (see docs/extraction.md).</param>
/// <param name="Confidence">The rule's confidence in (0, 1], lowered for long sentences.</param>
/// <param name="Trigger">The words the rule matched.</param>
/// <param name="Sentence">The sentence holding the trigger.</param>
/// <param name="Paragraph">0-based paragraph index in the document.</param>
/// <param name="Language"><c>zh</c> when the sentence holds Han characters, else <c>en</c>.</param>
/// <param name="Date">The date the sentence (or its paragraph) states, or null: the caller falls back to the document date.</param>
/// <param name="DateSource"><c>sentence</c>, <c>sentence+paragraph-year</c> (a day and month in the sentence, the year earlier in the paragraph), <c>paragraph</c> (the paragraph's only date), or null.</param>
/// <param name="DateSpan">Where the date was read (the day and month for <c>sentence+paragraph-year</c>).</param>
/// <param name="Actor">The acting or imposing party when the sentence names one (外交部, the Ministry of Public Security), else null.</param>
/// <param name="Targets">Targets when the sentence names them (sanctioned or listed parties, people wanted abroad).</param>
/// <param name="Countries">Countries named in the sentence, in order (empty without a gazetteer).</param>
/// <param name="Quantities">Counts stated in the sentence, in order.</param>
public sealed record EventProposal(
    string Type,
    string Rule,
    double Confidence,
    SourceSpan Trigger,
    SourceSpan Sentence,
    int Paragraph,
    string Language,
    PartialDate? Date,
    string? DateSource,
    SourceSpan? DateSpan,
    SourceSpan? Actor,
    IReadOnlyList<SourceSpan> Targets,
    IReadOnlyList<ProposalCountry> Countries,
    IReadOnlyList<ProposalQuantity> Quantities);

/// <summary>The event types the extractor proposes (the ledger's hierarchical types, in a fixed order).</summary>
public static class EventTypes
{
    /// <summary>Every type, in the order reports and the labelled set use.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "sanction.counter",
        "sanction",
        "export-control.listing",
        "police.training",
        "police.meeting",
        "police.agreement",
        "police.joint-patrol",
        "police.station-overseas",
        "law.extraterritorial-case",
        "attack.overseas-interest",
        "cyber.incident",
        "diplomacy.initiative",
    ];

    /// <summary>Position of <paramref name="type"/> in <see cref="All"/>, or -1.</summary>
    public static int IndexOf(string type)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], type, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
