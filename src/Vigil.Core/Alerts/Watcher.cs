using Vigil.Core.Indicators;

namespace Vigil.Core.Alerts;

/// <summary>Judges an indicator's series point by point with the indicator's detector.</summary>
public interface IIndicatorEvaluator
{
    /// <summary>The verdict on every point that has a value, in order; or a message when the detector cannot be used.</summary>
    (IReadOnlyList<EvaluatedPoint>? Points, string? Error) Evaluate(IndicatorSeries series);
}

/// <summary>What the watch did with one indicator.</summary>
/// <param name="Points">Points with a value that the detector saw.</param>
/// <param name="Flagged">Points it flagged.</param>
/// <param name="Error">Why the indicator could not be evaluated (the others still were).</param>
public sealed record IndicatorOutcome(string Indicator, int Points, int Flagged, int New, int Suppressed, int Ongoing, string? Error);

/// <summary>What a watch run did.</summary>
/// <param name="New">Alerts raised within the budget.</param>
/// <param name="Suppressed">Alerts raised over the budget (stored and listed, not delivered).</param>
/// <param name="Ongoing">Stored alerts found again (their anomaly is still in the data), after any change.</param>
/// <param name="Changed">The ongoing alerts that changed (more points, a higher severity, reopened).</param>
/// <param name="Deliveries">Each delivery made, with its alert id.</param>
public sealed record WatchReport(IReadOnlyList<Alert> New, IReadOnlyList<Alert> Suppressed, IReadOnlyList<Alert> Ongoing, IReadOnlyList<Alert> Changed,
    IReadOnlyList<IndicatorOutcome> Indicators, IReadOnlyList<(long Alert, AlertDelivery Delivery)> Deliveries)
{
    /// <summary>True when an indicator could not be evaluated or a delivery failed.</summary>
    public bool HasFailures => Indicators.Any(i => i.Error is not null) || Deliveries.Any(d => !d.Delivery.Succeeded);
}

/// <summary>
/// The watch: evaluates every indicator with its detector, turns anomalies into alerts (one per ongoing anomaly),
/// applies the day's alert budget, stores the result in one transaction and delivers new alerts. Idempotent: a second
/// run on the same data raises nothing and changes nothing. Call it after ingest or an events import as well.
/// </summary>
public sealed class Watcher
{
    private readonly IIndicatorStore _indicators;
    private readonly IAlertStore _alerts;
    private readonly IndicatorSeriesBuilder _builder;
    private readonly IIndicatorEvaluator _evaluator;
    private readonly TimeProvider _time;

    public Watcher(IIndicatorStore indicators, IAlertStore alerts, IndicatorSeriesBuilder builder, IIndicatorEvaluator evaluator, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(time);
        _indicators = indicators;
        _alerts = alerts;
        _builder = builder;
        _evaluator = evaluator;
        _time = time;
    }

    /// <summary>Runs the watch over every indicator (or the given ones) and delivers to <paramref name="channels"/>.</summary>
    public async Task<WatchReport> RunAsync(AlertBudget budget, IReadOnlyList<IAlertChannel> channels, IReadOnlyCollection<string>? only = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(channels);
        var now = _time.GetUtcNow();
        var stored = _alerts.ListAlerts();
        var outcomes = new List<IndicatorOutcome>();
        var created = new List<Alert>();
        var ongoing = new List<AlertUpdate>();
        foreach (var indicator in _indicators.ListIndicators())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (only is not null && !only.Contains(indicator.Id))
            {
                continue;
            }

            var built = _builder.Build(indicator, cancellationToken);
            if (built.Series is not { } series)
            {
                outcomes.Add(new IndicatorOutcome(indicator.Id, 0, 0, 0, 0, 0, built.Error));
                continue;
            }

            var (points, error) = _evaluator.Evaluate(series);
            if (points is null)
            {
                outcomes.Add(new IndicatorOutcome(indicator.Id, 0, 0, 0, 0, 0, error));
                continue;
            }

            var plan = AlertEngine.Plan(series, points, stored.Where(a => a.Indicator == indicator.Id).ToList(), now);
            created.AddRange(plan.Created);
            ongoing.AddRange(plan.Ongoing);
            outcomes.Add(new IndicatorOutcome(indicator.Id, points.Count, points.Count(p => p.Anomaly), plan.Created.Count, 0, plan.Ongoing.Count, null));
        }

        var budgeted = AlertBudgeting.Apply(created, budget, stored, now);
        var changed = ongoing.Where(u => u.Added.Count > 0).ToList();
        var saved = _alerts.Commit(budgeted, changed);
        var suppressedBy = saved.Where(a => a.State == AlertState.Suppressed).GroupBy(a => a.Indicator).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        outcomes = outcomes.Select(o => suppressedBy.TryGetValue(o.Indicator, out var n) ? o with { New = o.New - n, Suppressed = n } : o).ToList();

        // Deliver: this run's new and reopened alerts, then earlier open alerts whose last delivery on the channel failed
        // (to whatever target it had then: a webhook whose URL was corrected gets what the old one missed).
        var reopened = changed.Where(u => u.Added.Any(h => h.Note?.StartsWith("reopened", StringComparison.Ordinal) == true)).Select(u => u.Alert);
        var toDeliver = saved.Where(a => a.State == AlertState.New).Concat(reopened).ToList();
        var deliveries = new List<(long, AlertDelivery)>();
        foreach (var channel in channels)
        {
            var pending = stored.Where(a => a.IsOpen && a.State != AlertState.Suppressed && toDeliver.All(t => t.Id != a.Id)
                && a.Deliveries.LastOrDefault(d => d.Channel == channel.Name) is { Succeeded: false });
            foreach (var alert in toDeliver.Concat(pending).OrderBy(a => a.Id))
            {
                var delivery = await channel.DeliverAsync(alert, cancellationToken).ConfigureAwait(false);
                _alerts.AddDelivery(alert.Id, delivery);
                deliveries.Add((alert.Id, delivery));
            }
        }

        var ongoingAlerts = ongoing.Select(u => u.Alert).OrderBy(a => a.Id).ToList();
        return new WatchReport(saved.Where(a => a.State == AlertState.New).ToList(), saved.Where(a => a.State == AlertState.Suppressed).ToList(),
            ongoingAlerts, changed.Select(u => u.Alert).OrderBy(a => a.Id).ToList(), outcomes, deliveries);
    }
}

/// <summary>The alert budget: how many alerts of each severity may be raised per UTC day.</summary>
public static class AlertBudgeting
{
    /// <summary>
    /// Decides which new alerts are raised and which are suppressed. Alerts raised earlier the same UTC day (not
    /// suppressed at raising) use up the budget first. Within the run, the most recent anomalies go first (last
    /// period, latest first), then the higher score, then indicator id and first period. The result is in id order:
    /// indicator id, then first period.
    /// </summary>
    public static IReadOnlyList<Alert> Apply(IReadOnlyList<Alert> candidates, AlertBudget budget, IReadOnlyList<Alert> stored, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(stored);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var used = Enum.GetValues<AlertSeverity>().ToDictionary(s => s, s => stored.Count(a =>
            a.Severity == s && DateOnly.FromDateTime(a.RaisedAt.UtcDateTime) == today && a.History.Count > 0 && a.History[0].State != AlertState.Suppressed));
        var suppressed = new HashSet<Alert>(ReferenceEqualityComparer.Instance);
        foreach (var alert in candidates.OrderByDescending(a => a.LastAt).ThenByDescending(a => a.Score)
                     .ThenBy(a => a.Indicator, StringComparer.Ordinal).ThenBy(a => a.FirstAt))
        {
            if (budget.For(alert.Severity) is { } limit && used[alert.Severity] >= limit)
            {
                suppressed.Add(alert);
            }
            else
            {
                used[alert.Severity]++;
            }
        }

        return candidates.OrderBy(a => a.Indicator, StringComparer.Ordinal).ThenBy(a => a.FirstAt)
            .Select(a => suppressed.Contains(a)
                ? a with
                {
                    State = AlertState.Suppressed,
                    History = [new AlertHistoryEntry(AlertState.Suppressed, AlertEngine.WatchActor, now,
                        $"suppressed: the {AlertNames.Of(a.Severity)} budget of {budget.For(a.Severity)} alert(s) a day is used up ({a.Points} unusual point(s) from {a.FirstPeriod})")],
                }
                : a)
            .ToList();
    }
}
