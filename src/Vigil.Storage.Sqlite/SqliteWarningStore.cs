using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Vigil.Core.Alerts;
using Vigil.Core.Indicators;
using Vigil.Core.Risks;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The early-warning store in <c>vigil.db</c> (schema component <c>warning</c>): indicator definitions and imported
/// series, alerts with their history and deliveries, and the risk register with its assessments. One connection,
/// used under a lock; every write is one transaction.
/// </summary>
public sealed class SqliteWarningStore : IIndicatorStore, IAlertStore, IRiskStore, IDisposable
{
    /// <summary>The component name in <c>schema_components</c>.</summary>
    public const string Component = "warning";

    private static readonly string[] Steps =
    [
        """
        CREATE TABLE warning_indicators (
            id TEXT PRIMARY KEY,
            definition TEXT NOT NULL
        );
        CREATE TABLE warning_indicator_points (
            indicator_id TEXT NOT NULL REFERENCES warning_indicators(id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            start TEXT NOT NULL,
            stamp TEXT NOT NULL,
            value REAL NOT NULL,
            line INTEGER NOT NULL,
            PRIMARY KEY (indicator_id, period)
        );
        CREATE TABLE warning_alerts (
            id INTEGER PRIMARY KEY,
            indicator_id TEXT NOT NULL,
            state TEXT NOT NULL,
            severity TEXT NOT NULL,
            detector TEXT NOT NULL,
            first_period TEXT NOT NULL,
            last_period TEXT NOT NULL,
            first_at TEXT NOT NULL,
            last_at TEXT NOT NULL,
            points INTEGER NOT NULL,
            peak_period TEXT NOT NULL,
            value REAL NOT NULL,
            baseline REAL,
            score REAL NOT NULL,
            explanation TEXT NOT NULL,
            documents TEXT NOT NULL,
            events TEXT NOT NULL,
            raised_at TEXT NOT NULL
        );
        CREATE INDEX warning_alerts_indicator ON warning_alerts(indicator_id, first_at);
        CREATE TABLE warning_alert_history (
            alert_id INTEGER NOT NULL REFERENCES warning_alerts(id),
            seq INTEGER NOT NULL,
            state TEXT NOT NULL,
            actor TEXT NOT NULL,
            at TEXT NOT NULL,
            note TEXT,
            PRIMARY KEY (alert_id, seq)
        );
        CREATE TABLE warning_alert_deliveries (
            alert_id INTEGER NOT NULL REFERENCES warning_alerts(id),
            seq INTEGER NOT NULL,
            channel TEXT NOT NULL,
            target TEXT NOT NULL,
            at TEXT NOT NULL,
            ok INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            status INTEGER,
            error TEXT,
            PRIMARY KEY (alert_id, seq)
        );
        CREATE TABLE warning_risks (
            id TEXT PRIMARY KEY,
            domain TEXT NOT NULL,
            title TEXT NOT NULL,
            description TEXT NOT NULL,
            owner TEXT NOT NULL,
            indicators TEXT NOT NULL,
            review_date TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE warning_risk_assessments (
            risk_id TEXT NOT NULL REFERENCES warning_risks(id),
            seq INTEGER NOT NULL,
            actor TEXT NOT NULL,
            at TEXT NOT NULL,
            likelihood INTEGER NOT NULL,
            impact INTEGER NOT NULL,
            note TEXT,
            PRIMARY KEY (risk_id, seq)
        );
        """,
    ];

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    private SqliteWarningStore(SqliteConnection connection, string file)
    {
        _connection = connection;
        Location = file;
    }

    /// <summary>The database file.</summary>
    public string Location { get; }

    /// <summary>How long <see cref="LockChanges"/> waits by default: a watch that delivers to slow webhooks can take minutes.</summary>
    public static TimeSpan DefaultLockWait { get; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Holds the data directory's alert-change lock (<c>vigil.db.warning-lock</c> beside the database) until disposed,
    /// across processes: a watch plans from the alerts it read and writes them back, so a watch and an acknowledgement
    /// or resolution — by the CLI or by a server on the same data — must not interleave, or one of them is lost. Waits up
    /// to <paramref name="wait"/> (default <see cref="DefaultLockWait"/>) for another holder to finish.
    /// </summary>
    /// <exception cref="WarningStoreBusyException">Another process held the lock for the whole wait.</exception>
    public IDisposable LockChanges(TimeSpan? wait = null, CancellationToken cancellationToken = default)
    {
        var path = Location + ".warning-lock";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive lock (flock on Unix) that every other opener, in any process, is refused.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            }
            catch (IOException) when (clock.Elapsed < (wait ?? DefaultLockWait))
            {
                cancellationToken.WaitHandle.WaitOne(50);
                cancellationToken.ThrowIfCancellationRequested();
            }
            catch (IOException ex)
            {
                throw new WarningStoreBusyException(
                    $"another Vigil process (a watch, or an alert being acknowledged or resolved — perhaps by 'vigil serve') held {Path.GetFileName(path)} for {(wait ?? DefaultLockWait).TotalSeconds:0} s; try again when it has finished", ex);
            }
        }
    }

    /// <summary>Opens (creating or migrating the <c>warning</c> component if needed) the store of a data directory.</summary>
    public static SqliteWarningStore Open(string dataDirectory)
    {
        var connection = ComponentSchema.OpenConnection(dataDirectory, out var file, out _);
        try
        {
            ComponentSchema.Apply(connection, file, Component, Steps);
            return new SqliteWarningStore(connection, file);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose() => _connection.Dispose();

    // ---------------------------------------------------------------- indicators

    public IReadOnlyList<IndicatorDefinition> ListIndicators()
    {
        lock (_lock)
        {
            using var cmd = Command("SELECT id, definition FROM warning_indicators ORDER BY id;");
            using var r = cmd.ExecuteReader();
            var list = new List<IndicatorDefinition>();
            while (r.Read())
            {
                list.Add(ReadIndicator(r.GetString(0), r.GetString(1)));
            }

            return list;
        }
    }

    public IndicatorDefinition? GetIndicator(string id)
    {
        lock (_lock)
        {
            using var cmd = Command("SELECT definition FROM warning_indicators WHERE id = $id;", ("$id", id));
            return cmd.ExecuteScalar() is string json ? ReadIndicator(id, json) : null;
        }
    }

    public bool AddIndicator(IndicatorDefinition indicator, IReadOnlyList<ImportedPoint>? points = null)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        lock (_lock)
        {
            using var tx = _connection.BeginTransaction();
            using (var exists = Command("SELECT 1 FROM warning_indicators WHERE id = $id;", ("$id", indicator.Id)))
            {
                exists.Transaction = tx;
                if (exists.ExecuteScalar() is not null)
                {
                    return false;
                }
            }

            Execute(tx, "INSERT INTO warning_indicators(id, definition) VALUES ($id, $d);", ("$id", indicator.Id), ("$d", IndicatorJson.Serialize(indicator)));
            foreach (var p in points ?? [])
            {
                Execute(tx, "INSERT INTO warning_indicator_points(indicator_id, period, start, stamp, value, line) VALUES ($id, $p, $s, $t, $v, $l);",
                    ("$id", indicator.Id), ("$p", p.Period), ("$s", p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$t", p.Timestamp),
                    ("$v", p.Value), ("$l", p.Line));
            }

            tx.Commit();
            return true;
        }
    }

    public bool RemoveIndicator(string id)
    {
        lock (_lock)
        {
            using var tx = _connection.BeginTransaction();
            Execute(tx, "DELETE FROM warning_indicator_points WHERE indicator_id = $id;", ("$id", id));
            var removed = Execute(tx, "DELETE FROM warning_indicators WHERE id = $id;", ("$id", id)) > 0;
            tx.Commit();
            return removed;
        }
    }

    public IReadOnlyList<ImportedPoint> ImportedPoints(string id)
    {
        lock (_lock)
        {
            using var cmd = Command("SELECT period, start, stamp, value, line FROM warning_indicator_points WHERE indicator_id = $id ORDER BY start;", ("$id", id));
            using var r = cmd.ExecuteReader();
            var list = new List<ImportedPoint>();
            while (r.Read())
            {
                list.Add(new ImportedPoint(r.GetString(0), DateOnly.ParseExact(r.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture), r.GetString(2),
                    r.GetDouble(3), r.GetInt32(4)));
            }

            return list;
        }
    }

    private IndicatorDefinition ReadIndicator(string id, string json)
    {
        var (indicator, error) = IndicatorJson.Deserialize(json, $"{Location} indicator {id}");
        return indicator ?? throw new InvalidOperationException($"{error}; the stored definition is damaged (remove and add the indicator again)");
    }

    // ---------------------------------------------------------------- alerts

    public IReadOnlyList<Alert> ListAlerts()
    {
        lock (_lock)
        {
            return ReadAlerts(null);
        }
    }

    public Alert? GetAlert(long id)
    {
        lock (_lock)
        {
            return ReadAlerts(id).FirstOrDefault();
        }
    }

    public IReadOnlyList<Alert> Commit(IReadOnlyList<Alert> created, IReadOnlyList<AlertUpdate> updated)
    {
        ArgumentNullException.ThrowIfNull(created);
        ArgumentNullException.ThrowIfNull(updated);
        lock (_lock)
        {
            using var tx = _connection.BeginTransaction();
            long next;
            using (var max = Command("SELECT COALESCE(MAX(id), 0) FROM warning_alerts;"))
            {
                max.Transaction = tx;
                next = Convert.ToInt64(max.ExecuteScalar(), CultureInfo.InvariantCulture) + 1;
            }

            var stored = new List<Alert>(created.Count);
            foreach (var alert in created)
            {
                var withId = alert with { Id = next++ };
                Execute(tx, """
                    INSERT INTO warning_alerts(id, indicator_id, state, severity, detector, first_period, last_period, first_at, last_at, points,
                        peak_period, value, baseline, score, explanation, documents, events, raised_at)
                    VALUES ($id, $ind, $state, $sev, $det, $fp, $lp, $fa, $la, $pts, $peak, $v, $b, $score, $exp, $docs, $events, $raised);
                    """, AlertParameters(withId));
                AppendHistory(tx, withId.Id, 0, withId.History);
                stored.Add(withId);
            }

            foreach (var (alert, added) in updated)
            {
                var changed = Execute(tx, """
                    UPDATE warning_alerts SET state = $state, severity = $sev, detector = $det, first_period = $fp, last_period = $lp, first_at = $fa,
                        last_at = $la, points = $pts, peak_period = $peak, value = $v, baseline = $b, score = $score, explanation = $exp,
                        documents = $docs, events = $events
                    WHERE id = $id;
                    """, [.. AlertParameters(alert).Where(p => p.Name is not "$ind" and not "$raised")]);
                if (changed == 0)
                {
                    throw new InvalidOperationException($"alert {alert.Id} is not in {Location}");
                }

                long seq;
                using (var count = Command("SELECT COUNT(*) FROM warning_alert_history WHERE alert_id = $id;", ("$id", alert.Id)))
                {
                    count.Transaction = tx;
                    seq = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
                }

                AppendHistory(tx, alert.Id, seq, added);
            }

            tx.Commit();
            return stored;
        }
    }

    public void AddDelivery(long id, AlertDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        lock (_lock)
        {
            using var tx = _connection.BeginTransaction();
            Execute(tx, """
                INSERT INTO warning_alert_deliveries(alert_id, seq, channel, target, at, ok, attempts, status, error)
                VALUES ($id, (SELECT COUNT(*) FROM warning_alert_deliveries WHERE alert_id = $id), $c, $t, $at, $ok, $n, $s, $e);
                """, ("$id", id), ("$c", delivery.Channel), ("$t", delivery.Target), ("$at", Time(delivery.At)), ("$ok", delivery.Succeeded ? 1 : 0),
                ("$n", delivery.Attempts), ("$s", delivery.Status), ("$e", delivery.Error));
            tx.Commit();
        }
    }

    private void AppendHistory(SqliteTransaction tx, long id, long seq, IEnumerable<AlertHistoryEntry> entries)
    {
        foreach (var h in entries)
        {
            Execute(tx, "INSERT INTO warning_alert_history(alert_id, seq, state, actor, at, note) VALUES ($id, $seq, $s, $by, $at, $note);",
                ("$id", id), ("$seq", seq++), ("$s", AlertNames.Of(h.State)), ("$by", h.By), ("$at", Time(h.At)), ("$note", h.Note));
        }
    }

    private static (string Name, object? Value)[] AlertParameters(Alert a) =>
    [
        ("$id", a.Id), ("$ind", a.Indicator), ("$state", AlertNames.Of(a.State)), ("$sev", AlertNames.Of(a.Severity)), ("$det", a.Detector),
        ("$fp", a.FirstPeriod), ("$lp", a.LastPeriod), ("$fa", Time(a.FirstAt)), ("$la", Time(a.LastAt)), ("$pts", a.Points), ("$peak", a.PeakPeriod),
        ("$v", a.Value), ("$b", a.Baseline), ("$score", a.Score), ("$exp", a.Explanation), ("$docs", DocumentsJson(a.Documents)),
        ("$events", new JsonArray([.. a.Events.Select(e => (JsonNode?)JsonValue.Create(e))]).ToJsonString()), ("$raised", Time(a.RaisedAt)),
    ];

    private List<Alert> ReadAlerts(long? only)
    {
        var history = new Dictionary<long, List<AlertHistoryEntry>>();
        using (var cmd = Command("SELECT alert_id, state, actor, at, note FROM warning_alert_history WHERE $id IS NULL OR alert_id = $id ORDER BY alert_id, seq;", ("$id", only)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                AlertNames.TryParseState(r.GetString(1), out var state);
                Bucket(history, r.GetInt64(0)).Add(new AlertHistoryEntry(state, r.GetString(2), ParseTime(r.GetString(3)), r.IsDBNull(4) ? null : r.GetString(4)));
            }
        }

        var deliveries = new Dictionary<long, List<AlertDelivery>>();
        using (var cmd = Command("SELECT alert_id, channel, target, at, ok, attempts, status, error FROM warning_alert_deliveries WHERE $id IS NULL OR alert_id = $id ORDER BY alert_id, seq;", ("$id", only)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                Bucket(deliveries, r.GetInt64(0)).Add(new AlertDelivery(r.GetString(1), r.GetString(2), ParseTime(r.GetString(3)), r.GetInt64(4) != 0,
                    r.GetInt32(5), r.IsDBNull(6) ? null : r.GetInt32(6), r.IsDBNull(7) ? null : r.GetString(7)));
            }
        }

        var alerts = new List<Alert>();
        using (var cmd = Command("""
            SELECT id, indicator_id, state, severity, detector, first_period, last_period, first_at, last_at, points, peak_period, value, baseline, score,
                   explanation, documents, events, raised_at
            FROM warning_alerts WHERE $id IS NULL OR id = $id ORDER BY id;
            """, ("$id", only)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var id = r.GetInt64(0);
                AlertNames.TryParseState(r.GetString(2), out var state);
                AlertNames.TryParseSeverity(r.GetString(3), out var severity);
                alerts.Add(new Alert
                {
                    Id = id,
                    Indicator = r.GetString(1),
                    State = state,
                    Severity = severity,
                    Detector = r.GetString(4),
                    FirstPeriod = r.GetString(5),
                    LastPeriod = r.GetString(6),
                    FirstAt = ParseTime(r.GetString(7)),
                    LastAt = ParseTime(r.GetString(8)),
                    Points = r.GetInt32(9),
                    PeakPeriod = r.GetString(10),
                    Value = r.GetDouble(11),
                    Baseline = r.IsDBNull(12) ? null : r.GetDouble(12),
                    Score = r.GetDouble(13),
                    Explanation = r.GetString(14),
                    Documents = ParseDocuments(r.GetString(15)),
                    Events = JsonNode.Parse(r.GetString(16))!.AsArray().Select(e => e!.GetValue<string>()).ToList(),
                    RaisedAt = ParseTime(r.GetString(17)),
                    History = history.TryGetValue(id, out var h) ? h : [],
                    Deliveries = deliveries.TryGetValue(id, out var d) ? d : [],
                });
            }
        }

        return alerts;
    }

    private static string DocumentsJson(IEnumerable<EvidenceDocument> documents) => new JsonArray([.. documents.Select(d => (JsonNode)new JsonObject
    {
        ["id"] = d.Id,
        ["title"] = d.Title,
        ["date"] = d.Date,
        ["contribution"] = d.Contribution,
        ["spans"] = new JsonArray([.. d.Spans.Select(s => (JsonNode)new JsonObject { ["start"] = s.Start, ["end"] = s.End, ["text"] = s.Text })]),
    })]).ToJsonString(AlertJson.Options);

    private static List<EvidenceDocument> ParseDocuments(string json) =>
        JsonNode.Parse(json)!.AsArray().Select(n => new EvidenceDocument(
            n!["id"]!.GetValue<string>(), n["title"]?.GetValue<string>(), n["date"]?.GetValue<string>(), n["contribution"]!.GetValue<double>(),
            n["spans"]!.AsArray().Select(s => new EvidenceSpan(s!["start"]!.GetValue<int>(), s["end"]!.GetValue<int>(), s["text"]?.GetValue<string>())).ToList()))
        .ToList();

    // ---------------------------------------------------------------- risks

    public IReadOnlyList<Risk> ListRisks()
    {
        lock (_lock)
        {
            return ReadRisks(null);
        }
    }

    public Risk? GetRisk(string id)
    {
        lock (_lock)
        {
            return ReadRisks(id).FirstOrDefault();
        }
    }

    public bool AddRisk(Risk risk)
    {
        ArgumentNullException.ThrowIfNull(risk);
        lock (_lock)
        {
            using var tx = _connection.BeginTransaction();
            using (var exists = Command("SELECT 1 FROM warning_risks WHERE id = $id;", ("$id", risk.Id)))
            {
                exists.Transaction = tx;
                if (exists.ExecuteScalar() is not null)
                {
                    return false;
                }
            }

            Execute(tx, """
                INSERT INTO warning_risks(id, domain, title, description, owner, indicators, review_date, created_at)
                VALUES ($id, $d, $t, $desc, $o, $ind, $rev, $at);
                """, ("$id", risk.Id), ("$d", risk.Domain), ("$t", risk.Title), ("$desc", risk.Description), ("$o", risk.Owner),
                ("$ind", new JsonArray([.. risk.Indicators.Select(i => (JsonNode?)JsonValue.Create(i))]).ToJsonString()),
                ("$rev", risk.ReviewDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$at", Time(risk.CreatedAt)));
            var seq = 0;
            foreach (var a in risk.History)
            {
                InsertAssessment(tx, risk.Id, seq++, a);
            }

            tx.Commit();
            return true;
        }
    }

    public bool AddAssessment(string id, RiskAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        lock (_lock)
        {
            using var tx = _connection.BeginTransaction();
            long seq;
            using (var count = Command("SELECT (SELECT COUNT(*) FROM warning_risks WHERE id = $id), (SELECT COUNT(*) FROM warning_risk_assessments WHERE risk_id = $id);", ("$id", id)))
            {
                count.Transaction = tx;
                using var r = count.ExecuteReader();
                r.Read();
                if (r.GetInt64(0) == 0)
                {
                    return false;
                }

                seq = r.GetInt64(1);
            }

            InsertAssessment(tx, id, seq, assessment);
            tx.Commit();
            return true;
        }
    }

    private void InsertAssessment(SqliteTransaction tx, string id, long seq, RiskAssessment a) =>
        Execute(tx, "INSERT INTO warning_risk_assessments(risk_id, seq, actor, at, likelihood, impact, note) VALUES ($id, $seq, $by, $at, $l, $i, $n);",
            ("$id", id), ("$seq", seq), ("$by", a.By), ("$at", Time(a.At)), ("$l", a.Likelihood), ("$i", a.Impact), ("$n", a.Note));

    private List<Risk> ReadRisks(string? only)
    {
        var history = new Dictionary<string, List<RiskAssessment>>(StringComparer.Ordinal);
        using (var cmd = Command("SELECT risk_id, actor, at, likelihood, impact, note FROM warning_risk_assessments WHERE $id IS NULL OR risk_id = $id ORDER BY risk_id, seq;", ("$id", only)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var id = r.GetString(0);
                if (!history.TryGetValue(id, out var list))
                {
                    history[id] = list = [];
                }

                list.Add(new RiskAssessment(r.GetString(1), ParseTime(r.GetString(2)), r.GetInt32(3), r.GetInt32(4), r.IsDBNull(5) ? null : r.GetString(5)));
            }
        }

        var risks = new List<Risk>();
        using (var cmd = Command("SELECT id, domain, title, description, owner, indicators, review_date, created_at FROM warning_risks WHERE $id IS NULL OR id = $id ORDER BY domain, id;", ("$id", only)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var id = r.GetString(0);
                risks.Add(new Risk
                {
                    Id = id,
                    Domain = r.GetString(1),
                    Title = r.GetString(2),
                    Description = r.GetString(3),
                    Owner = r.GetString(4),
                    Indicators = JsonNode.Parse(r.GetString(5))!.AsArray().Select(i => i!.GetValue<string>()).ToList(),
                    ReviewDate = r.IsDBNull(6) ? null : DateOnly.ParseExact(r.GetString(6), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    CreatedAt = ParseTime(r.GetString(7)),
                    History = history.TryGetValue(id, out var h) ? h : [],
                });
            }
        }

        return risks;
    }

    // ---------------------------------------------------------------- helpers

    private static List<T> Bucket<T>(Dictionary<long, List<T>> map, long key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        return list;
    }

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }

    private int Execute(SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        cmd.Transaction = tx;
        return cmd.ExecuteNonQuery();
    }
}

/// <summary>The alert-change lock stayed held by another process (<see cref="SqliteWarningStore.LockChanges"/>); the message says what to do.</summary>
public sealed class WarningStoreBusyException(string message, Exception inner) : IOException(message, inner);
