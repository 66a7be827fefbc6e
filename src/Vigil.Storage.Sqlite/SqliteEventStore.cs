using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Vigil.Core.Events;
using Vigil.Core.Text;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The event ledger in <c>vigil.db</c> (component <c>events</c> of <see cref="ComponentSchema"/>). Each event is kept
/// as its JSON (<see cref="EventJson"/>) with the columns queries filter on; countries and provenance origins in side
/// tables; every change in <c>event_history</c>. Reads use pooled connections; writes go through one connection under
/// a lock.
/// </summary>
public sealed class SqliteEventStore : IEventStore
{
    /// <summary>The component name in <c>schema_components</c>.</summary>
    public const string Component = "events";

    /// <summary>Rows applied per transaction by an import.</summary>
    public const int ApplyBatch = 2000;

    private static readonly string[] Steps =
    [
        """
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            status TEXT NOT NULL,
            date TEXT,
            date_first TEXT,
            precision TEXT NOT NULL,
            body TEXT,
            flagged INTEGER NOT NULL,
            search TEXT NOT NULL,
            data TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX events_type ON events(type);
        CREATE INDEX events_date ON events(date_first);
        CREATE TABLE event_countries (event_id TEXT NOT NULL, code TEXT NOT NULL, PRIMARY KEY (event_id, code)) WITHOUT ROWID;
        CREATE INDEX event_countries_code ON event_countries(code);
        CREATE TABLE event_sources (event_id TEXT NOT NULL, origin TEXT NOT NULL, PRIMARY KEY (event_id, origin)) WITHOUT ROWID;
        CREATE INDEX event_sources_origin ON event_sources(origin);
        CREATE TABLE event_history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL,
            at TEXT NOT NULL,
            by TEXT NOT NULL,
            action TEXT NOT NULL,
            before TEXT,
            after TEXT NOT NULL,
            note TEXT
        );
        CREATE INDEX event_history_event ON event_history(event_id, seq);
        """,
    ];

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Lock _writeLock = new();
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    private SqliteEventStore(SqliteConnection writer, string file, string connectionString)
    {
        _writer = writer;
        Location = file;
        _connectionString = connectionString;
    }

    /// <summary>The database file.</summary>
    public string Location { get; }

    /// <summary>Opens (creating and migrating if needed) the ledger in <paramref name="dataDirectory"/>.</summary>
    public static SqliteEventStore Open(string dataDirectory)
    {
        var connection = ComponentSchema.OpenConnection(dataDirectory, out var file, out var connectionString);
        try
        {
            ComponentSchema.Apply(connection, file, Component, Steps);
            using (var pragma = connection.CreateCommand())
            {
                // A larger page cache for the writer (main and temp, where imports stage rows): an import touches the
                // same index pages for every row. A fixed 32 MiB each, whatever the file size.
                pragma.CommandText = "PRAGMA main.cache_size = -32768; PRAGMA temp.cache_size = -32768;";
                pragma.ExecuteNonQuery();
            }

            return new SqliteEventStore(connection, file, connectionString);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public LedgerEvent? Get(string id)
    {
        using var c = Read();
        return Scalar(c, "SELECT data FROM events WHERE id = $id;", ("$id", id)) is string json ? EventJson.Deserialize(json) : null;
    }

    public LedgerEvent? Resolve(string idOrPrefix)
    {
        if (string.IsNullOrWhiteSpace(idOrPrefix))
        {
            return null;
        }

        var key = idOrPrefix.Trim().ToLowerInvariant();
        if (Get(key) is { } exact)
        {
            return exact;
        }

        if (key.Length is < 4 or >= 16 || !key.All(Uri.IsHexDigit))
        {
            return null;
        }

        using var c = Read();
        using var cmd = Command(c, "SELECT data FROM events WHERE id >= $p AND id < $q ORDER BY id LIMIT 2;", ("$p", key), ("$q", key + "g"));
        using var r = cmd.ExecuteReader();
        var found = new List<string>();
        while (r.Read())
        {
            found.Add(r.GetString(0));
        }

        return found.Count == 1 ? EventJson.Deserialize(found[0]) : null;
    }

    public IEnumerable<LedgerEvent> Query(EventFilter? filter = null)
    {
        var where = new List<string>();
        var args = new List<(string, object?)>();
        if (filter?.TypePrefix is { Length: > 0 } type)
        {
            where.Add("(e.type = $t OR substr(e.type, 1, length($t) + 1) = $t || '.')");
            args.Add(("$t", type));
        }

        if (filter?.Status is { } status)
        {
            where.Add("e.status = $s");
            args.Add(("$s", EventStatuses.Name(status)));
        }

        if (filter?.From is { } from)
        {
            where.Add("e.date_first >= $from");
            args.Add(("$from", Iso(from)));
        }

        if (filter?.To is { } to)
        {
            where.Add("e.date_first <= $to");
            args.Add(("$to", Iso(to)));
        }

        if (filter?.Country is { Length: > 0 } country)
        {
            where.Add("EXISTS (SELECT 1 FROM event_countries c WHERE c.event_id = e.id AND c.code = $c)");
            args.Add(("$c", country.Trim().ToUpperInvariant()));
        }

        if (filter?.Text is { Length: > 0 } text)
        {
            where.Add("instr(e.search, $q) > 0");
            args.Add(("$q", MatchFolding.FoldQuery(text)));
        }

        if (filter?.FlaggedOnly == true)
        {
            where.Add("e.flagged = 1");
        }

        if (filter?.File is { Length: > 0 } file)
        {
            where.Add("EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.id AND s.origin = $o)");
            args.Add(("$o", "file:" + file));
        }

        if (filter?.Document is { Length: > 0 } document)
        {
            where.Add("EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.id AND s.origin = $d)");
            args.Add(("$d", "doc:" + document));
        }

        if (filter?.Body is { Length: > 0 } body)
        {
            where.Add("e.body = $b COLLATE NOCASE");
            args.Add(("$b", body.Trim()));
        }

        var sql = "SELECT e.data FROM events e" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + " ORDER BY e.date_first IS NULL, e.date_first, e.type, e.id;";

        // Bloc membership depends on each event's date, so it is checked on the events rather than in SQL.
        return filter?.Bloc is { Length: > 0 } bloc
            ? QueryEvents(sql, args).Where(e => EventStatistics.InBloc(e, bloc, Core.Geo.Gazetteer.BuiltIn))
            : QueryEvents(sql, args);
    }

    private IEnumerable<LedgerEvent> QueryEvents(string sql, List<(string, object?)> args)
    {
        using var c = Read();
        using var cmd = Command(c, sql, [.. args]);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            yield return EventJson.Deserialize(r.GetString(0));
        }
    }

    public IReadOnlyList<EventHistoryEntry> History(string id)
    {
        using var c = Read();
        using var cmd = Command(c, "SELECT seq, event_id, at, by, action, before, after, note FROM event_history WHERE event_id = $id ORDER BY seq;", ("$id", id));
        using var r = cmd.ExecuteReader();
        var list = new List<EventHistoryEntry>();
        while (r.Read())
        {
            list.Add(new EventHistoryEntry(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7)));
        }

        return list;
    }

    public IReadOnlyList<UpsertOutcome> Upsert(IReadOnlyList<LedgerEvent> events, ChangeContext change)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(change);
        var outcomes = new List<UpsertOutcome>(events.Count);
        lock (_writeLock)
        {
            using var tx = _transaction = _writer.BeginTransaction();
            var now = change.Now();
            foreach (var incoming in events)
            {
                outcomes.Add(WriteIncoming(incoming, change, now));
            }

            tx.Commit();
            _transaction = null;
        }

        return outcomes;
    }

    public LedgerEvent? SetStatus(string id, EventStatus status, string? note, ChangeContext change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_writeLock)
        {
            using var tx = _transaction = _writer.BeginTransaction();
            var stored = GetForWrite(id);
            if (stored is null)
            {
                tx.Rollback();
                _transaction = null;
                return null;
            }

            var notes = string.IsNullOrWhiteSpace(note) ? stored.Notes
                : string.IsNullOrEmpty(stored.Notes) ? note.Trim() : stored.Notes + "\n" + note.Trim();
            var after = stored with { Status = status, Notes = notes };
            var changed = EventMerge.Diff(stored, after);
            if (changed.Count > 0)
            {
                var now = change.Now();
                after = after with { UpdatedAt = now };
                WriteEvent(after, insert: false);
                WriteHistory(id, now, change.Actor, "status", EventMerge.Snapshot(stored, changed), EventMerge.Snapshot(after, changed), note ?? change.Reason);
            }

            tx.Commit();
            _transaction = null;
            return changed.Count > 0 ? after : stored;
        }
    }

    public LedgerEvent? Edit(string id, Func<LedgerEvent, LedgerEvent> edit, ChangeContext change)
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(change);
        lock (_writeLock)
        {
            using var tx = _transaction = _writer.BeginTransaction();
            var stored = GetForWrite(id);
            if (stored is null)
            {
                tx.Rollback();
                _transaction = null;
                return null;
            }

            var proposed = edit(stored);
            // Only the editable fields and notes are taken from the edit; anything else it touched is ignored.
            var after = stored with
            {
                Type = proposed.Type,
                Date = proposed.Date,
                EndDate = proposed.EndDate,
                Body = proposed.Body,
                Countries = proposed.Countries,
                Domains = proposed.Domains,
                Summary = proposed.Summary,
                SummaryZh = proposed.SummaryZh,
                Notes = proposed.Notes,
            };
            var changed = EventMerge.Diff(stored, after);
            if (changed.Count > 0)
            {
                var edited = stored.Edited.Concat(changed.Where(f => EventMerge.EditableFields.Contains(f, StringComparer.Ordinal)))
                    .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var now = change.Now();
                after = after with { Edited = edited, UpdatedAt = now };
                var recorded = changed.Concat(edited.SequenceEqual(stored.Edited) ? [] : ["edited"]).ToList();
                WriteEvent(after, insert: false);
                WriteHistory(id, now, change.Actor, "edited", EventMerge.Snapshot(stored, recorded), EventMerge.Snapshot(after, recorded), change.Reason);
            }

            tx.Commit();
            _transaction = null;
            return changed.Count > 0 ? after : stored;
        }
    }

    public IEventImportSession BeginImport(ChangeContext change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new ImportSession(this, change);
    }

    public int Count()
    {
        using var c = Read();
        return Convert.ToInt32(Scalar(c, "SELECT COUNT(*) FROM events;"), CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            foreach (var cmd in _prepared.Values)
            {
                cmd.Dispose();
            }

            _prepared.Clear();
            _writer.Dispose();
        }

        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    /// <summary>Creates, updates or leaves an event; the caller holds the lock and a transaction.</summary>
    private UpsertOutcome WriteIncoming(LedgerEvent incoming, ChangeContext change, string now)
    {
        var storedJson = Scalar(_writer, "SELECT data FROM events WHERE id = $id;", ("$id", incoming.Id)) as string;
        if (storedJson is null)
        {
            var created = incoming with { CreatedAt = now, UpdatedAt = now, Edited = [] };
            var json = EventJson.Serialize(created);
            WriteEvent(created, insert: true, json);
            WriteHistory(created.Id, now, change.Actor, "created", null, json, change.Reason);
            return UpsertOutcome.Created;
        }

        var stored = EventJson.Deserialize(storedJson);
        var after = EventMerge.Absorb(stored, incoming);
        // The common case of a re-import: the same JSON text, so no field-by-field comparison is needed.
        if (string.Equals(EventJson.Serialize(after), storedJson, StringComparison.Ordinal))
        {
            return UpsertOutcome.Unchanged;
        }

        var changed = EventMerge.Diff(stored, after);
        if (changed.Count == 0)
        {
            return UpsertOutcome.Unchanged;
        }

        after = after with { UpdatedAt = now };
        WriteEvent(after, insert: false);
        WriteHistory(after.Id, now, change.Actor, "updated", EventMerge.Snapshot(stored, changed), EventMerge.Snapshot(after, changed), change.Reason);
        return UpsertOutcome.Updated;
    }

    private LedgerEvent? GetForWrite(string id) =>
        Scalar(_writer, "SELECT data FROM events WHERE id = $id;", ("$id", id)) is string json ? EventJson.Deserialize(json) : null;

    private void WriteEvent(LedgerEvent e, bool insert, string? json = null)
    {
        var args = new (string, object?)[]
        {
            ("$id", e.Id), ("$type", e.Type), ("$status", EventStatuses.Name(e.Status)), ("$date", e.Date.Text),
            ("$first", e.Date.First is { } f ? Iso(f) : null), ("$precision", e.Date.Precision), ("$body", e.Body),
            ("$flagged", e.Issues.Count > 0 ? 1 : 0), ("$search", SearchText(e)), ("$data", json ?? EventJson.Serialize(e)),
            ("$created", e.CreatedAt), ("$updated", e.UpdatedAt),
        };
        Execute(_writer, insert
            ? """
              INSERT INTO events (id, type, status, date, date_first, precision, body, flagged, search, data, created_at, updated_at)
              VALUES ($id, $type, $status, $date, $first, $precision, $body, $flagged, $search, $data, $created, $updated);
              """
            : """
              UPDATE events SET type = $type, status = $status, date = $date, date_first = $first, precision = $precision, body = $body,
                  flagged = $flagged, search = $search, data = $data, created_at = $created, updated_at = $updated
              WHERE id = $id;
              """, args);
        if (!insert)
        {
            Execute(_writer, "DELETE FROM event_countries WHERE event_id = $id;", ("$id", e.Id));
            Execute(_writer, "DELETE FROM event_sources WHERE event_id = $id;", ("$id", e.Id));
        }

        foreach (var code in e.Countries.Concat(e.Targets.Select(t => t.Country).OfType<string>()).Distinct(StringComparer.Ordinal))
        {
            Execute(_writer, "INSERT OR IGNORE INTO event_countries (event_id, code) VALUES ($id, $c);", ("$id", e.Id), ("$c", code));
        }

        foreach (var origin in e.Provenance.Select(p => p.Origin).Distinct(StringComparer.Ordinal))
        {
            Execute(_writer, "INSERT OR IGNORE INTO event_sources (event_id, origin) VALUES ($id, $o);", ("$id", e.Id), ("$o", origin));
        }
    }

    private void WriteHistory(string id, string at, string by, string action, string? before, string after, string? note) =>
        Execute(_writer, "INSERT INTO event_history (event_id, at, by, action, before, after, note) VALUES ($id, $at, $by, $action, $before, $after, $note);",
            ("$id", id), ("$at", at), ("$by", by), ("$action", action), ("$before", before), ("$after", after), ("$note", note));

    /// <summary>The folded text <see cref="EventFilter.Text"/> searches: names, aliases, positions, body, summaries, notes, programmes, URL.</summary>
    private static string SearchText(LedgerEvent e)
    {
        var sb = new StringBuilder();
        void Add(string? s)
        {
            if (!string.IsNullOrEmpty(s))
            {
                sb.Append(s).Append('\n');
            }
        }

        foreach (var t in e.Targets)
        {
            Add(t.NameEn);
            Add(t.NameZh);
            Add(t.Position);
            Add(t.PositionZh);
            foreach (var alias in t.Aliases)
            {
                Add(alias);
            }
        }

        Add(e.Body);
        Add(e.Summary);
        Add(e.SummaryZh);
        Add(e.Notes);
        Add(e.SourceUrl);
        foreach (var program in e.Programs)
        {
            Add(program);
        }

        return MatchFolding.FoldQuery(sb.ToString());
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private SqliteConnection Read()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }

    /// <summary>
    /// A command on <paramref name="c"/>. On the writer connection commands are kept per SQL text and reused, so each
    /// statement is prepared once per store (an import runs the same few statements for every row); the caller must
    /// not dispose those. On a read connection the command is new and the caller disposes it.
    /// </summary>
    private SqliteCommand Command(SqliteConnection c, string sql, params (string Name, object? Value)[] args)
    {
        SqliteCommand cmd;
        if (ReferenceEquals(c, _writer))
        {
            if (!_prepared.TryGetValue(sql, out cmd!))
            {
                cmd = _writer.CreateCommand();
                cmd.CommandText = sql;
                _prepared[sql] = cmd;
            }

            cmd.Transaction = _transaction?.Connection is null ? null : _transaction;
            cmd.Parameters.Clear();
        }
        else
        {
            cmd = c.CreateCommand();
            cmd.CommandText = sql;
        }

        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }

    private void Execute(SqliteConnection c, string sql, params (string, object?)[] args)
    {
        var cmd = Command(c, sql, args);
        try
        {
            cmd.ExecuteNonQuery();
        }
        finally
        {
            if (!ReferenceEquals(c, _writer))
            {
                cmd.Dispose();
            }
        }
    }

    private object? Scalar(SqliteConnection c, string sql, params (string, object?)[] args)
    {
        var cmd = Command(c, sql, args);
        try
        {
            return cmd.ExecuteScalar();
        }
        finally
        {
            if (!ReferenceEquals(c, _writer))
            {
                cmd.Dispose();
            }
        }
    }

    /// <summary>
    /// Staging lives in a TEMP table of the writer connection (on disk, not in memory), so a file of any size is
    /// combined and compared in bounded memory. Staging commits every <see cref="ApplyBatch"/> rows.
    /// </summary>
    private sealed class ImportSession : IEventImportSession
    {
        private readonly SqliteEventStore _store;
        private readonly ChangeContext _change;
        private int _pending;
        private bool _applied;
        private bool _disposed;

        public ImportSession(SqliteEventStore store, ChangeContext change)
        {
            _store = store;
            _change = change;
            lock (_store._writeLock)
            {
                _store.Execute(_store._writer, "CREATE TEMP TABLE IF NOT EXISTS event_stage (first_row INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, data TEXT NOT NULL);");
                _store.Execute(_store._writer, "DELETE FROM temp.event_stage;");
            }
        }

        public (int? FirstRow, IReadOnlyList<string> Conflicts) Stage(LedgerEvent incoming, int row)
        {
            ArgumentNullException.ThrowIfNull(incoming);
            ObjectDisposedException.ThrowIf(_disposed, this);
            lock (_store._writeLock)
            {
                // Deferred: staging writes only the temp table, so it need not lock the main database against other writers.
                _store._transaction ??= _store._writer.BeginTransaction(deferred: true);
                var cmd = _store.Command(_store._writer, "SELECT first_row, data FROM temp.event_stage WHERE id = $id;", ("$id", incoming.Id));
                int? firstRow = null;
                string? data = null;
                using (var r = cmd.ExecuteReader())
                {
                    if (r.Read())
                    {
                        firstRow = r.GetInt32(0);
                        data = r.GetString(1);
                    }
                }

                IReadOnlyList<string> conflicts = [];
                if (firstRow is null)
                {
                    _store.Execute(_store._writer, "INSERT INTO temp.event_stage (id, first_row, data) VALUES ($id, $row, $data);",
                        ("$id", incoming.Id), ("$row", row), ("$data", EventJson.Serialize(incoming)));
                }
                else
                {
                    var (combined, found) = EventMerge.Combine(EventJson.Deserialize(data!), incoming, row, firstRow.Value);
                    conflicts = found;
                    _store.Execute(_store._writer, "UPDATE temp.event_stage SET data = $data WHERE id = $id;", ("$id", incoming.Id), ("$data", EventJson.Serialize(combined)));
                }

                if (++_pending >= ApplyBatch)
                {
                    CommitPending();
                }

                return (firstRow, conflicts);
            }
        }

        public ImportApplyResult Apply(CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_applied)
            {
                throw new InvalidOperationException("this import has already been applied.");
            }

            _applied = true;
            int created = 0, updated = 0, unchanged = 0;
            lock (_store._writeLock)
            {
                CommitPending();
                var last = 0L;
                for (;;)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var batch = new List<(long Row, string Data)>(ApplyBatch);
                    var select = _store.Command(_store._writer, "SELECT first_row, data FROM temp.event_stage WHERE first_row > $last ORDER BY first_row LIMIT $n;",
                        ("$last", last), ("$n", ApplyBatch));
                    using (var r = select.ExecuteReader())
                    {
                        while (r.Read())
                        {
                            batch.Add((r.GetInt64(0), r.GetString(1)));
                        }
                    }

                    if (batch.Count == 0)
                    {
                        break;
                    }

                    using var tx = _store._transaction = _store._writer.BeginTransaction();
                    var now = _change.Now();
                    foreach (var (row, data) in batch)
                    {
                        switch (_store.WriteIncoming(EventJson.Deserialize(data), _change, now))
                        {
                            case UpsertOutcome.Created:
                                created++;
                                break;
                            case UpsertOutcome.Updated:
                                updated++;
                                break;
                            default:
                                unchanged++;
                                break;
                        }

                        last = row;
                    }

                    tx.Commit();
                    _store._transaction = null;
                }
            }

            return new ImportApplyResult(created, updated, unchanged);
        }

        public int CountAbsent(string file)
        {
            lock (_store._writeLock)
            {
                CommitPending();
                return Convert.ToInt32(_store.Scalar(_store._writer, """
                    SELECT COUNT(*) FROM event_sources s
                    WHERE s.origin = $o AND NOT EXISTS (SELECT 1 FROM temp.event_stage t WHERE t.id = s.event_id);
                    """, ("$o", "file:" + file)), CultureInfo.InvariantCulture);
            }
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            lock (_store._writeLock)
            {
                if (_store._transaction is { } tx)
                {
                    tx.Rollback();
                    tx.Dispose();
                    _store._transaction = null;
                }

                _store.Execute(_store._writer, "DELETE FROM temp.event_stage;");
            }
        }

        private void CommitPending()
        {
            if (_store._transaction is { } tx)
            {
                tx.Commit();
                tx.Dispose();
                _store._transaction = null;
            }

            _pending = 0;
        }
    }
}
