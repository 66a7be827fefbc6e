using Microsoft.Data.Sqlite;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The schema, as numbered migrations recorded in <c>PRAGMA user_version</c>. A migration runs in one
/// transaction; a database newer than this build is refused rather than damaged.
/// </summary>
internal static class Migrations
{
    private static readonly string[] Steps =
    [
        // 1: documents, texts, paths.
        """
        CREATE TABLE documents (
            id            TEXT PRIMARY KEY,
            sha256        TEXT NOT NULL UNIQUE,
            path          TEXT NOT NULL,
            title         TEXT,
            date          TEXT,
            date_first    TEXT,
            date_last     TEXT,
            date_source   TEXT,
            source        TEXT,
            format        TEXT NOT NULL,
            encoding      TEXT,
            language      TEXT NOT NULL,
            languages     TEXT NOT NULL,
            chars         INTEGER NOT NULL,
            words         INTEGER NOT NULL,
            han           INTEGER NOT NULL,
            bytes         INTEGER NOT NULL,
            ingested_at   TEXT,
            metadata      TEXT NOT NULL,
            warnings      TEXT NOT NULL,
            indexed       INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX documents_path ON documents(path, id);
        CREATE INDEX documents_unindexed ON documents(indexed) WHERE indexed = 0;
        CREATE TABLE document_texts (
            id           TEXT PRIMARY KEY REFERENCES documents(id),
            original     TEXT NOT NULL,
            normalized   TEXT NOT NULL,
            offset_map   BLOB NOT NULL,
            paragraphs   BLOB NOT NULL,
            page_starts  TEXT NOT NULL
        );
        CREATE TABLE document_paths (
            doc_id         TEXT NOT NULL REFERENCES documents(id),
            path           TEXT NOT NULL,
            size           INTEGER NOT NULL,
            modified_ticks INTEGER NOT NULL,
            first_seq      INTEGER NOT NULL,
            last_seq       INTEGER NOT NULL,
            PRIMARY KEY (doc_id, path)
        );
        CREATE INDEX document_paths_path ON document_paths(path, last_seq);
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int Current => Steps.Length;

    public static void Apply(SqliteConnection connection, string location)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Current)
        {
            throw new InvalidOperationException(
                $"The data directory {location} has schema version {version}, newer than this Vigil ({Current}); use a newer Vigil or another --data directory.");
        }

        for (var v = version; v < Current; v++)
        {
            using var tx = connection.BeginTransaction();
            using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = Steps[v] + $"\nPRAGMA user_version = {v + 1};";
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
