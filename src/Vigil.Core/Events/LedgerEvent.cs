using Vigil.Core.Documents;

namespace Vigil.Core.Events;

/// <summary>Where an event stands in review. Nothing is deleted: a rejected event stays, marked rejected.</summary>
public enum EventStatus
{
    /// <summary>Proposed by a rule or an import, not yet reviewed.</summary>
    Proposed,

    /// <summary>Reviewed and accepted (or imported from a curated dataset).</summary>
    Confirmed,

    /// <summary>Reviewed and rejected; kept with its history.</summary>
    Rejected,
}

/// <summary>The lower-case names of <see cref="EventStatus"/> used in files, JSON and on the command line.</summary>
public static class EventStatuses
{
    /// <summary>proposed, confirmed, rejected.</summary>
    public static IReadOnlyList<string> Names { get; } = ["proposed", "confirmed", "rejected"];

    /// <summary>The lower-case name.</summary>
    public static string Name(EventStatus status) => status switch
    {
        EventStatus.Proposed => "proposed",
        EventStatus.Confirmed => "confirmed",
        EventStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown status"),
    };

    /// <summary>Parses proposed, confirmed or rejected (any case).</summary>
    public static bool TryParse(string? text, out EventStatus status)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "proposed":
                status = EventStatus.Proposed;
                return true;
            case "confirmed":
                status = EventStatus.Confirmed;
                return true;
            case "rejected":
                status = EventStatus.Rejected;
                return true;
            default:
                status = default;
                return false;
        }
    }
}

/// <summary>
/// An event's date: a <see cref="PartialDate"/> (day, month or year precision) or unknown. For filters and bloc
/// membership an event's date is the first day it can mean (see docs/events.md).
/// </summary>
public readonly record struct EventDate(PartialDate? Value)
{
    /// <summary>No date known.</summary>
    public static EventDate Unknown => default;

    /// <summary>True when some date is known.</summary>
    public bool IsKnown => Value is not null;

    /// <summary>"day", "month", "year" or "unknown".</summary>
    public string Precision => Value?.Precision ?? "unknown";

    /// <summary>The first day the date can mean, or null when unknown.</summary>
    public DateOnly? First => Value?.First;

    /// <summary>The last day the date can mean, or null when unknown.</summary>
    public DateOnly? Last => Value?.Last;

    /// <summary>YYYY, YYYY-MM or YYYY-MM-DD; null when unknown.</summary>
    public string? Text => Value?.ToString();

    /// <summary>Parses YYYY, YYYY-MM or YYYY-MM-DD; null or empty is <see cref="Unknown"/>.</summary>
    public static bool TryParse(string? text, out EventDate date)
    {
        date = Unknown;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("unknown", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (PartialDate.TryParse(text, out var value))
        {
            date = new EventDate(value);
            return true;
        }

        return false;
    }

    public override string ToString() => Text ?? "unknown";
}

/// <summary>A target of an event: a person, organisation, company or state, named in English and/or Chinese.</summary>
public sealed record EventTarget
{
    /// <summary>The name in English (or the Latin-script name the source gives).</summary>
    public string? NameEn { get; init; }

    /// <summary>The name in Chinese.</summary>
    public string? NameZh { get; init; }

    /// <summary>Other names the source gives.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>person, organization, company or state; null when the source does not say.</summary>
    public string? Kind { get; init; }

    /// <summary>ISO 3166-1 alpha-2 code (or <c>EU</c> for EU institutions); null when unknown.</summary>
    public string? Country { get; init; }

    /// <summary>A position or one-line description (e.g. "US Senator").</summary>
    public string? Position { get; init; }

    /// <summary>The same in Chinese.</summary>
    public string? PositionZh { get; init; }

    /// <summary>Wikidata id (Q…), when the source gives one.</summary>
    public string? WikidataId { get; init; }

    /// <summary>An address, when the source gives one.</summary>
    public string? Address { get; init; }

    /// <summary>The name to show: English, else Chinese, else empty.</summary>
    public string DisplayName => NameEn ?? NameZh ?? "";

    /// <summary>The target kinds: person, organization, company, state.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["person", "organization", "company", "state"];
}

/// <summary>
/// Where an event comes from: a span of an ingested document (<see cref="Kind"/> "document") or a row of a dataset
/// file (<see cref="Kind"/> "dataset"). An event may have several.
/// </summary>
public sealed record EventProvenance
{
    /// <summary>"document" or "dataset".</summary>
    public required string Kind { get; init; }

    /// <summary>The document id (document provenance).</summary>
    public string? Document { get; init; }

    /// <summary>Start offset of the span in the document's normalised text (document provenance).</summary>
    public int? Start { get; init; }

    /// <summary>End offset (exclusive) of the span (document provenance).</summary>
    public int? End { get; init; }

    /// <summary>The text of the span, for reading without opening the document.</summary>
    public string? Quote { get; init; }

    /// <summary>The dataset file's name (dataset provenance; the name, not the path, so a moved file is the same source).</summary>
    public string? File { get; init; }

    /// <summary>The 1-based data row (the header is not counted; dataset provenance).</summary>
    public int? Row { get; init; }

    /// <summary>The source the dataset row or document cites (the official notice).</summary>
    public string? SourceUrl { get; init; }

    /// <summary>The key that says two provenance entries come from the same origin (one file, or one document).</summary>
    public string Origin => Kind == "document" ? "doc:" + Document : "file:" + File;

    /// <summary>One line for people: "cn_sanctions.csv row 12" or "doc 3f2a… 120–188".</summary>
    public override string ToString() => Kind == "document"
        ? $"doc {Document} {Start}–{End}"
        : $"{File} row {Row}";

    /// <summary>A span of an ingested document.</summary>
    public static EventProvenance FromDocument(string documentId, int start, int end, string? quote = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        return new EventProvenance { Kind = "document", Document = documentId, Start = start, End = end, Quote = quote };
    }

    /// <summary>A row of a dataset file.</summary>
    public static EventProvenance FromDataset(string file, int row, string? sourceUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        ArgumentOutOfRangeException.ThrowIfLessThan(row, 1);
        return new EventProvenance { Kind = "dataset", File = file, Row = row, SourceUrl = sourceUrl };
    }
}

/// <summary>
/// One event of the ledger: typed, dated, with its acting party, targets, countries, domains, quantities and
/// provenance, a review status and notes. Immutable; changes go through an <see cref="IEventStore"/>, which records
/// each in the event's history.
/// </summary>
public sealed record LedgerEvent
{
    /// <summary>The stable id: 16 hex digits of SHA-256 over the identifying fields (see <see cref="EventIdentity"/>).</summary>
    public required string Id { get; init; }

    /// <summary>A type id of the <see cref="EventTypeCatalog"/>, e.g. <c>sanction.counter</c>.</summary>
    public required string Type { get; init; }

    public EventDate Date { get; init; }

    /// <summary>When the measure ended or ends (e.g. a lifted sanction), when known.</summary>
    public EventDate EndDate { get; init; }

    /// <summary>The imposing or acting party (e.g. "Ministry of Foreign Affairs").</summary>
    public string? Body { get; init; }

    public IReadOnlyList<EventTarget> Targets { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-2 codes (and <c>EU</c>) the event concerns; the importers put the targets' countries here.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    /// <summary>Security-domain ids of the taxonomy (e.g. political, overseas-interests).</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>Named quantities, e.g. officers_trained = 20000, fatalities = 3.</summary>
    public IReadOnlyDictionary<string, double> Quantities { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

    public IReadOnlyList<EventProvenance> Provenance { get; init; } = [];

    /// <summary>How sure the source or rule is, 0 to 1.</summary>
    public double Confidence { get; init; } = 1;

    public EventStatus Status { get; init; } = EventStatus.Proposed;

    /// <summary>The analyst's notes.</summary>
    public string? Notes { get; init; }

    /// <summary>A one-line description in English.</summary>
    public string? Summary { get; init; }

    /// <summary>The same in Chinese.</summary>
    public string? SummaryZh { get; init; }

    /// <summary>The announcement: the official notice the event comes from (with <see cref="Date"/>, what analysts group by).</summary>
    public string? SourceUrl { get; init; }

    /// <summary>Lists or programmes the source files the event under (e.g. "Unreliable Entity List").</summary>
    public IReadOnlyList<string> Programs { get; init; } = [];

    /// <summary>What an import could not read, e.g. "row 12: country 'Narnia' is not a known country".</summary>
    public IReadOnlyList<string> Issues { get; init; } = [];

    /// <summary>Raw values kept where a field could not be read (field name → the value as given).</summary>
    public IReadOnlyDictionary<string, string> Raw { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Fields an analyst has edited (type, date, …); imports and extraction leave them alone.</summary>
    public IReadOnlyList<string> Edited { get; init; } = [];

    /// <summary>When the ledger first stored the event (ISO 8601, from the injected clock); set by the store.</summary>
    public string? CreatedAt { get; init; }

    /// <summary>When the ledger last changed it; set by the store.</summary>
    public string? UpdatedAt { get; init; }

    /// <summary>
    /// A proposed event found in a document span, for rule-based extraction: the id is derived from the type and the
    /// span, so extracting the same span again finds the same event (an upsert then updates it or leaves it alone).
    /// Set the other fields with <c>with { … }</c> before upserting.
    /// </summary>
    public static LedgerEvent ProposeFromDocument(string type, string documentId, int start, int end, string? quote = null, double confidence = 0.5) => new()
    {
        Id = EventIdentity.ForDocumentSpan(type, documentId, start, end),
        Type = type,
        Status = EventStatus.Proposed,
        Confidence = confidence,
        Provenance = [EventProvenance.FromDocument(documentId, start, end, quote)],
    };
}

/// <summary>One recorded change of an event: when, who, what, and the changed fields before and after (JSON).</summary>
/// <param name="Action">created, updated, merged, status or edited.</param>
/// <param name="Before">The changed fields before (a JSON object); null when the event was created.</param>
/// <param name="After">The changed fields after (a JSON object).</param>
public sealed record EventHistoryEntry(long Seq, string EventId, string At, string By, string Action, string? Before, string After, string? Note);

/// <summary>Who makes a change and when: the actor (e.g. <c>--by</c>, else the user name) and the injected clock.</summary>
public sealed record ChangeContext(string Actor, TimeProvider Time)
{
    /// <summary>Why, e.g. "import cn_sanctions.csv"; stored with each history entry.</summary>
    public string? Reason { get; init; }

    /// <summary>The current time as ISO 8601 UTC with seconds.</summary>
    public string Now() => Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
