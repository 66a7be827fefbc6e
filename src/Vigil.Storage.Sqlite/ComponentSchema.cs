using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// Schema versions for the stores that share <c>vigil.db</c> beside the document store (the event ledger,
/// entity lists, early warning ...). Each component numbers its own migrations in the table
/// <c>schema_components</c>, so components evolve independently; the document store keeps
/// <c>PRAGMA user_version</c>. A migration runs in one transaction; a component newer than this build is
/// refused rather than damaged.
/// </summary>
public static class ComponentSchema
{
    /// <summary>Opens a writer connection on the data directory's database with the same pragmas as the document store.</summary>
    public static SqliteConnection OpenConnection(string dataDirectory, out string file, out string connectionString)
    {
        Directory.CreateDirectory(dataDirectory);
        file = Path.Combine(dataDirectory, "vigil.db");
        connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 60 }.ToString();
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 60000;";
        cmd.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Brings <paramref name="component"/> up to <c>steps.Count</c>, applying the missing steps in order.</summary>
    public static void Apply(SqliteConnection connection, string location, string component, IReadOnlyList<string> steps)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(component);
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_components (name TEXT PRIMARY KEY, version INTEGER NOT NULL);";
            create.ExecuteNonQuery();
        }

        for (;;)
        {
            using var tx = connection.BeginTransaction(System.Data.IsolationLevel.Serializable);
            long version;
            using (var read = connection.CreateCommand())
            {
                read.Transaction = tx;
                read.CommandText = "SELECT version FROM schema_components WHERE name = $n;";
                read.Parameters.AddWithValue("$n", component);
                version = read.ExecuteScalar() is { } v and not DBNull ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : 0;
            }

            if (version > steps.Count)
            {
                throw new InvalidOperationException(
                    $"The data directory {location} has {component} schema version {version}, newer than this Vigil ({steps.Count}); use a newer Vigil or another --data directory.");
            }

            if (version == steps.Count)
            {
                tx.Commit();
                return;
            }

            using (var step = connection.CreateCommand())
            {
                step.Transaction = tx;
                step.CommandText = steps[(int)version];
                step.ExecuteNonQuery();
            }

            using (var write = connection.CreateCommand())
            {
                write.Transaction = tx;
                write.CommandText = "INSERT INTO schema_components(name, version) VALUES ($n, $v) ON CONFLICT(name) DO UPDATE SET version = excluded.version;";
                write.Parameters.AddWithValue("$n", component);
                write.Parameters.AddWithValue("$v", version + 1);
                write.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }
}
