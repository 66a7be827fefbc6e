using Vigil.Core.Alerts;
using Vigil.Core.Events;
using Vigil.Core.Events.Import;
using Vigil.Core.Geo;
using Vigil.Storage.Sqlite;

namespace Vigil.Web.Hosting;

/// <summary>
/// The server's event ledger: the data directory's event store (opened once; it is thread-safe, one writer under a
/// lock), the event types with DATA/event-types.txt applied (reloaded when that file changes), and the lock that lets
/// one import run at a time. Entity lists are opened per request (<see cref="OpenEntities"/>).
/// </summary>
public sealed class EventLedger : IDisposable
{
    private readonly Lock _typesLock = new();
    private (string Stamp, EventTypeCatalog? Catalog, IReadOnlyList<string> Problems)? _types;

    private EventLedger(string dataDirectory, SqliteEventStore store, TimeProvider time)
    {
        DataDirectory = dataDirectory;
        Store = store;
        Time = time;
    }

    public string DataDirectory { get; }

    public SqliteEventStore Store { get; }

    public TimeProvider Time { get; }

    public static Gazetteer Gazetteer => Gazetteer.BuiltIn;

    /// <summary>Imports run one at a time (each stages rows in the writer's temporary table).</summary>
    public SemaphoreSlim ImportLock { get; } = new(1, 1);

    public static EventLedger Open(string dataDirectory, TimeProvider time) => new(dataDirectory, SqliteEventStore.Open(dataDirectory), time);

    /// <summary>The entity lists of the data directory; the caller disposes the store.</summary>
    public SqliteEntityStore OpenEntities() => SqliteEntityStore.Open(DataDirectory);

    /// <summary>
    /// The built-in event types with DATA/event-types.txt applied, as the CLI loads them; a null catalog and the
    /// problems (file and line) when that file is invalid.
    /// </summary>
    public (EventTypeCatalog? Catalog, IReadOnlyList<string> Problems) Types()
    {
        var file = new FileInfo(Path.Combine(DataDirectory, EventTypeCatalog.DataDirectoryFile));
        var stamp = file.Exists ? $"{file.LastWriteTimeUtc.Ticks}:{file.Length}" : "";
        lock (_typesLock)
        {
            if (_types is { } cached && cached.Stamp == stamp)
            {
                return (cached.Catalog, cached.Problems);
            }
        }

        var loaded = file.Exists ? Load(file.FullName) : (EventTypeCatalog.BuiltIn, []);
        lock (_typesLock)
        {
            _types = (stamp, loaded.Catalog, loaded.Problems);
        }

        return loaded;
    }

    private static (EventTypeCatalog? Catalog, IReadOnlyList<string> Problems) Load(string file)
    {
        var (catalog, problems) = EventTypeCatalog.Load([file]);
        return (catalog, [.. problems.Select(p => p.ToString())]);
    }

    /// <summary>
    /// The watch <c>vigil events import</c> runs after an import that changed events: nothing when no indicator is
    /// defined, otherwise <see cref="WarningWorkspace.WatchAsync"/> (one watch at a time, as <c>POST /api/watch</c>).
    /// Returns the report, or null when none ran, and an error when warning.json is malformed.
    /// </summary>
    public static async Task<(WatchReport? Report, string? Error)> WatchAfterAsync(WarningWorkspace warnings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        if (warnings.Store.ListIndicators().Count == 0)
        {
            return (null, null);
        }

        var (report, error) = await warnings.WatchAsync(null, cancellationToken).ConfigureAwait(false);
        return (report, error is null ? null : $"watch not run: {error}");
    }

    public void Dispose()
    {
        Store.Dispose();
        ImportLock.Dispose();
    }
}
