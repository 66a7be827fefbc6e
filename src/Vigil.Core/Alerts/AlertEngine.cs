using System.Globalization;
using System.Text;
using Vigil.Core.Indicators;

namespace Vigil.Core.Alerts;

/// <summary>A series point as a detector judged it.</summary>
/// <param name="Score">How unusual the point is, in the detector's units (larger is more unusual).</param>
/// <param name="Anomaly">Whether the detector flags the point.</param>
/// <param name="Baseline">What the detector expected, when it says.</param>
/// <param name="Explanation">The detector's own words.</param>
public sealed record EvaluatedPoint(SeriesPoint Point, double Score, bool Anomaly, double? Baseline, string Explanation)
{
    /// <summary>The detector's severity for the point (from its score; see docs/alerts.md).</summary>
    public AlertSeverity Severity { get; init; } = AlertSeverity.Low;

    /// <summary>The detector that judged the point, with any choice it made ("auto → seasonal"); null: the indicator's.</summary>
    public string? Detector { get; init; }
}

/// <summary>What one indicator's evaluation does to the alerts: alerts to raise and alerts that go on.</summary>
/// <param name="Created">New alerts (ids not yet assigned; state new, the budget decides on suppressed).</param>
/// <param name="Ongoing">Open or resolved alerts the evaluation found again, with their changes (possibly none).</param>
public sealed record IndicatorPlan(string Indicator, IReadOnlyList<Alert> Created, IReadOnlyList<AlertUpdate> Ongoing);

/// <summary>
/// Turns a detector's verdicts on a series into alerts. Consecutive flagged points (missing values skipped) form one
/// anomaly; an anomaly that overlaps a stored alert of the same indicator extends that alert (more points, a later
/// last period, a higher severity when it rises) instead of raising another, so running the watch again on the same
/// data changes nothing. A resolved alert whose anomaly gains points is reopened as new.
/// </summary>
public static class AlertEngine
{
    /// <summary>Who the history names for changes the watch makes.</summary>
    public const string WatchActor = "watch";

    /// <summary>Plans the alerts of one indicator.</summary>
    /// <param name="existing">The indicator's stored alerts.</param>
    /// <param name="now">The injected clock's time: when new alerts are raised.</param>
    public static IndicatorPlan Plan(IndicatorSeries series, IReadOnlyList<EvaluatedPoint> evaluated, IReadOnlyList<Alert> existing,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(evaluated);
        ArgumentNullException.ThrowIfNull(existing);
        var indicator = series.Indicator;
        var created = new List<Alert>();
        var ongoing = new Dictionary<long, AlertUpdate>();
        foreach (var run in Runs(evaluated))
        {
            var draft = Draft(series, run, now);
            var match = existing.Where(a => a.Indicator == indicator.Id && a.FirstAt <= draft.LastAt && draft.FirstAt <= a.LastAt)
                .OrderBy(a => a.Id).FirstOrDefault();
            if (match is null)
            {
                created.Add(draft with { History = [new AlertHistoryEntry(AlertState.New, WatchActor, now, $"raised: {draft.Points} unusual {PeriodNames.Of(indicator.Period)}(s) from {draft.FirstPeriod}")] });
                continue;
            }

            if (ongoing.ContainsKey(match.Id))
            {
                continue; // a second run overlapping the same alert adds nothing new: the first one extended it
            }

            ongoing[match.Id] = Extend(match, draft, now);
        }

        return new IndicatorPlan(indicator.Id, created, [.. ongoing.Values.OrderBy(u => u.Alert.Id)]);
    }

    /// <summary>The flagged runs: maximal sequences of consecutive evaluated points that are all anomalous.</summary>
    public static IReadOnlyList<IReadOnlyList<EvaluatedPoint>> Runs(IReadOnlyList<EvaluatedPoint> evaluated)
    {
        ArgumentNullException.ThrowIfNull(evaluated);
        var runs = new List<IReadOnlyList<EvaluatedPoint>>();
        List<EvaluatedPoint>? current = null;
        foreach (var p in evaluated)
        {
            if (p.Anomaly)
            {
                (current ??= []).Add(p);
            }
            else if (current is not null)
            {
                runs.Add(current);
                current = null;
            }
        }

        if (current is not null)
        {
            runs.Add(current);
        }

        return runs;
    }

    private static AlertUpdate Extend(Alert stored, Alert draft, DateTimeOffset now)
    {
        var added = new List<AlertHistoryEntry>();
        var gained = draft.LastAt > stored.LastAt || draft.FirstAt < stored.FirstAt;
        var severity = draft.Severity > stored.Severity ? draft.Severity : stored.Severity;
        var state = stored.State;
        if (gained && stored.State == AlertState.Resolved)
        {
            state = AlertState.New;
            added.Add(new AlertHistoryEntry(AlertState.New, WatchActor, now, $"reopened: the anomaly went on to {draft.LastPeriod}"));
        }
        else if (gained)
        {
            added.Add(new AlertHistoryEntry(stored.State, WatchActor, now, $"extended to {draft.LastPeriod} ({draft.Points} point(s))"));
        }

        if (severity > stored.Severity)
        {
            added.Add(new AlertHistoryEntry(state, WatchActor, now, $"severity {AlertNames.Of(stored.Severity)} → {AlertNames.Of(severity)}"));
        }

        if (added.Count == 0)
        {
            return new AlertUpdate(stored, []);
        }

        var first = draft.FirstAt < stored.FirstAt ? draft : stored;
        var peak = draft.Score >= stored.Score ? draft : stored;
        var updated = stored with
        {
            State = state,
            Severity = severity,
            FirstPeriod = first.FirstPeriod,
            FirstAt = first.FirstAt,
            LastPeriod = draft.LastAt > stored.LastAt ? draft.LastPeriod : stored.LastPeriod,
            LastAt = draft.LastAt > stored.LastAt ? draft.LastAt : stored.LastAt,
            Points = Math.Max(stored.Points, draft.Points),
            PeakPeriod = peak.PeakPeriod,
            Value = peak.Value,
            Baseline = peak.Baseline,
            Score = peak.Score,
            Explanation = draft.Explanation,
            Documents = draft.Documents,
            Events = draft.Events,
        };
        return new AlertUpdate(updated with { History = [.. stored.History, .. added] }, added);
    }

    private static Alert Draft(IndicatorSeries series, IReadOnlyList<EvaluatedPoint> run, DateTimeOffset now)
    {
        var indicator = series.Indicator;
        var peak = run.OrderByDescending(p => p.Score).ThenBy(p => p.Point.Start).First();
        var severity = run.Max(p => Severity(indicator, p));
        var documents = Evidence(run);
        var events = run.SelectMany(p => p.Point.EventIds).Distinct(StringComparer.Ordinal).Take(IndicatorSeries.MaxIdsPerPoint).ToList();
        return new Alert
        {
            Id = 0,
            Indicator = indicator.Id,
            State = AlertState.New,
            Severity = severity,
            Detector = peak.Detector ?? indicator.Detector.Name,
            FirstPeriod = run[0].Point.Period,
            LastPeriod = run[^1].Point.Period,
            FirstAt = run[0].Point.Start,
            LastAt = run[^1].Point.Start,
            Points = run.Count,
            PeakPeriod = peak.Point.Period,
            Value = peak.Point.Value ?? double.NaN,
            Baseline = peak.Baseline,
            Score = Math.Round(peak.Score, 4),
            Explanation = Explain(series, run, peak, documents),
            Documents = documents,
            Events = events,
            RaisedAt = now,
        };
    }

    /// <summary>The detector's severity, raised to the level of any value threshold the point reaches.</summary>
    public static AlertSeverity Severity(IndicatorDefinition indicator, EvaluatedPoint point)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(point);
        var severity = point.Severity;
        if (indicator.Thresholds is { } t && point.Point.Value is { } v)
        {
            var byValue = t.Critical is { } c && v >= c ? AlertSeverity.Critical
                : t.High is { } h && v >= h ? AlertSeverity.High
                : t.Medium is { } m && v >= m ? AlertSeverity.Medium
                : AlertSeverity.Low;
            severity = byValue > severity ? byValue : severity;
        }

        return severity;
    }

    /// <summary>The documents of the run, contributions summed over its points, strongest first (ties: id), at most 5.</summary>
    private static List<EvidenceDocument> Evidence(IReadOnlyList<EvaluatedPoint> run)
    {
        var byId = new Dictionary<string, EvidenceDocument>(StringComparer.Ordinal);
        foreach (var d in run.SelectMany(p => p.Point.Top))
        {
            byId[d.Id] = byId.TryGetValue(d.Id, out var seen) ? seen with { Contribution = seen.Contribution + d.Contribution } : d;
        }

        return byId.Values.OrderByDescending(d => d.Contribution).ThenBy(d => d.Id, StringComparer.Ordinal).Take(IndicatorSeries.TopPerPoint).ToList();
    }

    private static string Explain(IndicatorSeries series, IReadOnlyList<EvaluatedPoint> run, EvaluatedPoint peak, List<EvidenceDocument> documents)
    {
        var indicator = series.Indicator;
        var period = PeriodNames.Of(indicator.Period);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{indicator.Name} ({indicator.Id}) was unusual ");
        text.Append(run.Count == 1
            ? $"in {peak.Point.Period}"
            : string.Create(CultureInfo.InvariantCulture, $"for {run.Count} consecutive {period}s, {run[0].Point.Period} to {run[^1].Point.Period}"));
        text.Append(CultureInfo.InvariantCulture, $". {(run.Count == 1 ? "Value" : $"Most unusual in {peak.Point.Period}")}: {SeriesFormat.Number(peak.Point.Value ?? double.NaN)} {series.Unit}");
        if (peak.Explanation.Length > 0)
        {
            // The detector's own sentence carries the baseline, the statistic against its threshold and the score.
            text.Append(". ").Append(peak.Detector ?? indicator.Detector.Name).Append(": ").Append(peak.Explanation.TrimEnd('.')).Append('.');
        }
        else
        {
            if (peak.Baseline is { } baseline)
            {
                text.Append(CultureInfo.InvariantCulture, $" against a baseline of {SeriesFormat.Number(baseline)}");
            }

            text.Append(CultureInfo.InvariantCulture, $"; {peak.Detector ?? indicator.Detector.Name} score {SeriesFormat.Number(peak.Score)}.");
        }

        if (documents.Count > 0)
        {
            text.Append(" Top documents: ");
            text.AppendJoin("; ", documents.Select(d =>
                $"{d.Id}{(d.Title is { Length: > 0 } t ? $" \"{Shorten(t)}\"" : "")}{(d.Date is { } date ? $" ({date})" : "")}: {SeriesFormat.Number(d.Contribution)}"));
            text.Append('.');
        }

        var events = run.SelectMany(p => p.Point.EventIds).Distinct(StringComparer.Ordinal).Take(5).ToList();
        if (events.Count > 0)
        {
            text.Append(" Events: ").AppendJoin(", ", events).Append('.');
        }

        return text.ToString();
    }

    private static string Shorten(string title) => title.Length <= 60 ? title : title[..59] + "…";
}
