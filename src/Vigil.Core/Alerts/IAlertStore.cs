namespace Vigil.Core.Alerts;

/// <summary>A change to a stored alert: its new fields and the history entries to append.</summary>
public sealed record AlertUpdate(Alert Alert, IReadOnlyList<AlertHistoryEntry> Added);

/// <summary>Alerts, their history and deliveries, in the data directory. Thread-safe; each commit is one transaction.</summary>
public interface IAlertStore
{
    /// <summary>Every alert with its history and deliveries, by id.</summary>
    IReadOnlyList<Alert> ListAlerts();

    Alert? GetAlert(long id);

    /// <summary>
    /// Stores new alerts (ids assigned 1, 2, ... after the largest stored id, in the given order; their
    /// <see cref="Alert.Id"/> is ignored) and updates, in one transaction.
    /// </summary>
    /// <returns>The created alerts with their ids, in the given order.</returns>
    IReadOnlyList<Alert> Commit(IReadOnlyList<Alert> created, IReadOnlyList<AlertUpdate> updated);

    /// <summary>Records a delivery of an alert.</summary>
    void AddDelivery(long id, AlertDelivery delivery);
}
