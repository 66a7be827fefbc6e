namespace Vigil.Core.Events;

/// <summary>Which events a query returns. Every condition given must hold.</summary>
public sealed record EventFilter
{
    /// <summary>A type and everything below it (<c>police</c> selects police.training too).</summary>
    public string? TypePrefix { get; init; }

    public EventStatus? Status { get; init; }

    /// <summary>Events whose first day is on or after this day (events with an unknown date are then left out).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Events whose first day is on or before this day (events with an unknown date are then left out).</summary>
    public DateOnly? To { get; init; }

    /// <summary>Events concerning this country code (in <see cref="LedgerEvent.Countries"/>).</summary>
    public string? Country { get; init; }

    /// <summary>Text in a target's name, alias, position, the body, summary, notes or programme (case- and script-insensitive).</summary>
    public string? Text { get; init; }

    /// <summary>Only events with import issues (flagged rows).</summary>
    public bool FlaggedOnly { get; init; }

    /// <summary>Only events with provenance from this dataset file name.</summary>
    public string? File { get; init; }

    /// <summary>Only events with provenance from this document (its full id): the events proposed from it.</summary>
    public string? Document { get; init; }

    /// <summary>Only events whose acting or imposing body is this (case-insensitive for ASCII letters).</summary>
    public string? Body { get; init; }

    /// <summary>
    /// Only events with a target country (an event without targets: a country) that counts under this bloc id on the
    /// event's date, as <c>target-bloc</c> statistics count it (<see cref="EventStatistics.InBloc"/>).
    /// </summary>
    public string? Bloc { get; init; }
}

/// <summary>What an upsert did to one event.</summary>
public enum UpsertOutcome
{
    /// <summary>The event was new and is now stored.</summary>
    Created,

    /// <summary>The event existed and changed; the change is in its history.</summary>
    Updated,

    /// <summary>The event existed and nothing changed.</summary>
    Unchanged,
}

/// <summary>The counts an import's apply step reports.</summary>
public sealed record ImportApplyResult(int Created, int Updated, int Unchanged);

/// <summary>
/// One import run in progress: rows are staged (rows of the same event combined, in bounded memory), then applied to
/// the ledger in batches, each batch in one transaction. Disposing without <see cref="Apply"/> changes nothing.
/// </summary>
public interface IEventImportSession : IDisposable
{
    /// <summary>
    /// Stages the event of one row. Returns null when this is the first row of the run with this event id, or the row
    /// number of that first row when the event is already staged (the rows are then combined by
    /// <see cref="EventMerge.Combine"/>, and the conflicts it found are returned).
    /// </summary>
    (int? FirstRow, IReadOnlyList<string> Conflicts) Stage(LedgerEvent incoming, int row);

    /// <summary>Applies the staged events to the ledger (by <see cref="EventMerge.Absorb"/> for existing ones), recording history.</summary>
    ImportApplyResult Apply(CancellationToken cancellationToken = default);

    /// <summary>How many events the ledger holds with provenance from <paramref name="file"/> that this run did not stage.</summary>
    int CountAbsent(string file);
}

/// <summary>
/// The event ledger's storage. Every change is recorded in the event's history; nothing is ever deleted.
/// Implementations: <c>SqliteEventStore</c> (Vigil.Storage.Sqlite).
/// </summary>
public interface IEventStore : IDisposable
{
    /// <summary>The event with this id, or null.</summary>
    LedgerEvent? Get(string id);

    /// <summary>An event by full id or by a unique prefix of at least 4 hex digits; null when none or ambiguous.</summary>
    LedgerEvent? Resolve(string idOrPrefix);

    /// <summary>Events matching the filter, ordered by date (unknown last), then type, then id.</summary>
    IEnumerable<LedgerEvent> Query(EventFilter? filter = null);

    /// <summary>The event's history, oldest first.</summary>
    IReadOnlyList<EventHistoryEntry> History(string id);

    /// <summary>
    /// Stores proposals or edits from a source (e.g. extraction) in one transaction: new ids are created, existing ones
    /// absorb the incoming event (<see cref="EventMerge.Absorb"/>). One outcome per event, in order.
    /// </summary>
    IReadOnlyList<UpsertOutcome> Upsert(IReadOnlyList<LedgerEvent> events, ChangeContext change);

    /// <summary>Sets the status (and appends a note when given); returns the updated event, or null when the id is unknown.</summary>
    LedgerEvent? SetStatus(string id, EventStatus status, string? note, ChangeContext change);

    /// <summary>
    /// An analyst's edit: the fields the edit changes (among <see cref="EventMerge.EditableFields"/> and notes) are
    /// written, recorded in history and marked edited so later imports leave them alone. Null when the id is unknown.
    /// </summary>
    LedgerEvent? Edit(string id, Func<LedgerEvent, LedgerEvent> edit, ChangeContext change);

    /// <summary>Starts an import run.</summary>
    IEventImportSession BeginImport(ChangeContext change);

    /// <summary>How many events the ledger holds.</summary>
    int Count();
}
