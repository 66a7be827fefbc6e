using Vigil.Core.Alerts;
using Vigil.Core.Events;
using Vigil.Core.Indicators;
using Vigil.Storage.Sqlite;

namespace Vigil.Web.Hosting;

/// <summary>
/// The early-warning side of the data directory: the warning store (indicators, alerts, risks; thread-safe, opened once)
/// and the watch, which runs one request at a time (it reads the stored alerts, plans and commits, like <c>vigil watch</c>).
/// </summary>
public sealed class WarningWorkspace : IDisposable
{
    private readonly WebWorkspace _workspace;
    private readonly EventLedger _ledger;

    public WarningWorkspace(WebWorkspace workspace, EventLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(ledger);
        _workspace = workspace;
        _ledger = ledger;
        Store = SqliteWarningStore.Open(workspace.DataDirectory);
    }

    public SqliteWarningStore Store { get; }

    public TimeProvider Time => _workspace.Time;

    /// <summary>
    /// One watch at a time, and no acknowledgement or resolution while one runs, in this server; whoever holds it also
    /// takes <see cref="SqliteWarningStore.LockChanges"/>, which keeps out a CLI on the same data.
    /// </summary>
    public SemaphoreSlim WatchLock { get; } = new(1, 1);

    /// <summary>The event types of the data directory (<see cref="EventLedger.Types"/>); null with the problems when its event-types file is broken.</summary>
    public (EventTypeCatalog? Catalog, string? Error) EventTypes()
    {
        var (catalog, problems) = _ledger.Types();
        return catalog is null ? (null, string.Join("; ", problems) + "; fix the event-types file (docs/events.md)") : (catalog, null);
    }

    /// <summary>An indicator's series, computed as <c>vigil indicators series</c> computes it.</summary>
    public SeriesResult Series(IndicatorDefinition indicator, CancellationToken cancellationToken)
    {
        var events = _ledger.Store;
        var errors = new List<string>();
        var result = Builder(events, errors).Build(indicator, cancellationToken);
        return result.Series is null && errors.Count > 0 ? SeriesResult.Failed($"{result.Error} ({string.Join("; ", errors)})") : result;
    }

    /// <summary>Runs the watch as <c>vigil watch</c> does (warning.json's budget and channels); null and a message when warning.json is malformed.</summary>
    public async Task<(WatchReport? Report, string? Error)> WatchAsync(IReadOnlyCollection<string>? only, CancellationToken cancellationToken)
    {
        var (config, error) = WarningConfig.Load(_workspace.DataDirectory);
        if (config is null)
        {
            return (null, error);
        }

        await WatchLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // And not while a CLI on the same data watches or changes an alert.
            using var held = Store.LockChanges(cancellationToken: cancellationToken);
            var events = _ledger.Store;
            var report = await WatchRun.RunAsync(config, Store, Store, Builder(events, []), Time, only, cancellationToken).ConfigureAwait(false);
            return (report, null);
        }
        catch (WarningStoreBusyException ex)
        {
            return (null, ex.Message);
        }
        finally
        {
            WatchLock.Release();
        }
    }

    private IndicatorSeriesBuilder Builder(SqliteEventStore events, List<string> errors) =>
        IndicatorSeriesSources.ForDataDirectory(_workspace.DataDirectory, _workspace.Store, Store, events, e =>
        {
            lock (errors)
            {
                errors.Add(e);
            }
        });

    public void Dispose()
    {
        Store.Dispose();
        WatchLock.Dispose();
    }
}
