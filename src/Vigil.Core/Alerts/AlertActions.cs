namespace Vigil.Core.Alerts;

/// <summary>What an analyst does with an alert: acknowledge it, resolve it. Each change is kept in its history.</summary>
public static class AlertActions
{
    /// <summary>new or suppressed → acknowledged.</summary>
    public static (Alert? Alert, string? Error) Acknowledge(IAlertStore store, long id, string by, string? note, TimeProvider time) =>
        Change(store, id, AlertState.Acknowledged, by, note, time);

    /// <summary>new, acknowledged or suppressed → resolved.</summary>
    public static (Alert? Alert, string? Error) Resolve(IAlertStore store, long id, string by, string? note, TimeProvider time) =>
        Change(store, id, AlertState.Resolved, by, note, time);

    private static (Alert? Alert, string? Error) Change(IAlertStore store, long id, AlertState target, string by, string? note, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrWhiteSpace(by) || by.Length > 200)
        {
            return (null, "--by must be a role or team name of 1 to 200 characters");
        }

        if (note is { Length: > 4000 })
        {
            return (null, "--note may have at most 4000 characters");
        }

        if (store.GetAlert(id) is not { } alert)
        {
            return (null, $"no alert {id}; 'vigil alerts --state all' lists them");
        }

        if (alert.State == target)
        {
            return (null, $"alert {id} is already {AlertNames.Of(target)}");
        }

        if (alert.State == AlertState.Resolved)
        {
            return (null, $"alert {id} is resolved; a resolved alert is reopened by the watch when its anomaly goes on");
        }

        var entry = new AlertHistoryEntry(target, by.Trim(), time.GetUtcNow(), string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        var changed = alert with { State = target, History = [.. alert.History, entry] };
        store.Commit([], [new AlertUpdate(changed, [entry])]);
        return (store.GetAlert(id), null);
    }
}
