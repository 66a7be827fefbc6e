using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vigil.Core.Entities;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// Imported entity lists in <c>vigil.db</c> (schema component <c>entities</c>). Replacing a list deletes and
/// inserts its entries in one transaction, so a list is always whole: the old one or the new one.
/// </summary>
public sealed class SqliteEntityStore : IEntityListStore
{
    /// <summary>The schema component name in <c>schema_components</c>.</summary>
    public const string Component = "entities";

    private static readonly string[] Steps =
    [
        """
        CREATE TABLE entity_lists (
            list_id TEXT PRIMARY KEY,
            source_file TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            entries INTEGER NOT NULL,
            rejected INTEGER NOT NULL);
        CREATE TABLE entity_entries (
            list_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            row INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            kind TEXT,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL,
            chinese_name TEXT,
            country TEXT,
            start_date TEXT,
            end_date TEXT,
            source_file TEXT NOT NULL,
            source_url TEXT,
            details TEXT NOT NULL,
            PRIMARY KEY (list_id, seq));
        """,
    ];

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    private SqliteEntityStore(SqliteConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Opens (creating or migrating) the entity tables in <paramref name="dataDirectory"/>'s database.</summary>
    public static SqliteEntityStore Open(string dataDirectory)
    {
        var connection = ComponentSchema.OpenConnection(dataDirectory, out var file, out _);
        try
        {
            ComponentSchema.Apply(connection, file, Component, Steps);
            return new SqliteEntityStore(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public ListReplaceResult Replace(ListInfo list, IReadOnlyList<ListEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(entries);
        lock (_lock)
        {
            using var tx = _connection.BeginTransaction();
            var old = new Dictionary<string, int>(StringComparer.Ordinal);
            using (var read = Command(tx, "SELECT content_hash FROM entity_entries WHERE list_id = $l;", ("$l", list.ListId)))
            using (var r = read.ExecuteReader())
            {
                while (r.Read())
                {
                    old[r.GetString(0)] = old.GetValueOrDefault(r.GetString(0)) + 1;
                }
            }

            var removed = old.Values.Sum();
            int added = 0, unchanged = 0;
            using (var delete = Command(tx, "DELETE FROM entity_entries WHERE list_id = $l;", ("$l", list.ListId)))
            {
                delete.ExecuteNonQuery();
            }

            using var insert = Command(tx, """
                INSERT INTO entity_entries (list_id, seq, row, content_hash, kind, name, aliases, chinese_name, country, start_date, end_date, source_file, source_url, details)
                VALUES ($l, $seq, $row, $hash, $kind, $name, $aliases, $zh, $country, $from, $to, $file, $url, $details);
                """);
            var p = insert.Parameters;
            foreach (var name in new[] { "$l", "$seq", "$row", "$hash", "$kind", "$name", "$aliases", "$zh", "$country", "$from", "$to", "$file", "$url", "$details" })
            {
                p.Add(new SqliteParameter(name, null));
            }

            insert.Prepare();
            var seq = 0;
            foreach (var e in entries)
            {
                var hash = e.ContentHash();
                if (old.TryGetValue(hash, out var n) && n > 0)
                {
                    old[hash] = n - 1;
                    unchanged++;
                    removed--;
                }
                else
                {
                    added++;
                }

                p["$l"].Value = list.ListId;
                p["$seq"].Value = seq++;
                p["$row"].Value = e.Row;
                p["$hash"].Value = hash;
                p["$kind"].Value = (object?)e.Kind ?? DBNull.Value;
                p["$name"].Value = e.Name;
                p["$aliases"].Value = JsonSerializer.Serialize(e.Aliases);
                p["$zh"].Value = (object?)e.ChineseName ?? DBNull.Value;
                p["$country"].Value = (object?)e.Country ?? DBNull.Value;
                p["$from"].Value = (object?)e.StartDate ?? DBNull.Value;
                p["$to"].Value = (object?)e.EndDate ?? DBNull.Value;
                p["$file"].Value = e.SourceFile;
                p["$url"].Value = (object?)e.SourceUrl ?? DBNull.Value;
                p["$details"].Value = JsonSerializer.Serialize(e.Details.Select(d => new[] { d.Key, d.Value }));
                insert.ExecuteNonQuery();
            }

            using (var upsert = Command(tx, """
                INSERT INTO entity_lists (list_id, source_file, sha256, imported_at, entries, rejected) VALUES ($l, $f, $s, $at, $n, $r)
                ON CONFLICT (list_id) DO UPDATE SET source_file = excluded.source_file, sha256 = excluded.sha256, imported_at = excluded.imported_at,
                    entries = excluded.entries, rejected = excluded.rejected;
                """, ("$l", list.ListId), ("$f", list.SourceFile), ("$s", list.Sha256), ("$at", list.ImportedAt), ("$n", entries.Count), ("$r", list.Rejected)))
            {
                upsert.ExecuteNonQuery();
            }

            tx.Commit();
            return new ListReplaceResult(added, removed, unchanged);
        }
    }

    public IReadOnlyList<ListInfo> Lists()
    {
        lock (_lock)
        {
            using var cmd = Command(null, "SELECT list_id, source_file, sha256, imported_at, entries, rejected FROM entity_lists ORDER BY list_id;");
            using var r = cmd.ExecuteReader();
            var lists = new List<ListInfo>();
            while (r.Read())
            {
                lists.Add(new ListInfo(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5)));
            }

            return lists;
        }
    }

    public IReadOnlyList<ListEntry> Entries(string? listId = null)
    {
        lock (_lock)
        {
            using var cmd = Command(null, """
                SELECT list_id, row, kind, name, aliases, chinese_name, country, start_date, end_date, source_file, source_url, details
                FROM entity_entries WHERE $l IS NULL OR list_id = $l ORDER BY list_id, seq;
                """, ("$l", listId));
            using var r = cmd.ExecuteReader();
            var entries = new List<ListEntry>();
            while (r.Read())
            {
                entries.Add(new ListEntry
                {
                    ListId = r.GetString(0),
                    Row = r.GetInt32(1),
                    Kind = r.IsDBNull(2) ? null : r.GetString(2),
                    Name = r.GetString(3),
                    Aliases = JsonSerializer.Deserialize<string[]>(r.GetString(4)) ?? [],
                    ChineseName = r.IsDBNull(5) ? null : r.GetString(5),
                    Country = r.IsDBNull(6) ? null : r.GetString(6),
                    StartDate = r.IsDBNull(7) ? null : r.GetString(7),
                    EndDate = r.IsDBNull(8) ? null : r.GetString(8),
                    SourceFile = r.GetString(9),
                    SourceUrl = r.IsDBNull(10) ? null : r.GetString(10),
                    Details = [.. (JsonSerializer.Deserialize<string[][]>(r.GetString(11)) ?? []).Select(d => new KeyValuePair<string, string>(d[0], d[1]))],
                });
            }

            return entries;
        }
    }

    public void Dispose() => _connection.Dispose();

    private SqliteCommand Command(SqliteTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }
}
