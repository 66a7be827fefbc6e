using Microsoft.Data.Sqlite;
using Vigil.Core.Alerts;
using Vigil.Core.Indicators;
using Vigil.Storage.Sqlite;

namespace Vigil.Core.Tests.Warning;

/// <summary>Small factories for the early-warning tests: monthly series, verdicts, alerts, a temporary store.</summary>
internal static class WarningData
{
    public static readonly DateTimeOffset Noon = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static IndicatorDefinition Indicator(string id = "mentions", SeverityThresholds? thresholds = null) => new()
    {
        Id = id,
        Name = "Mentions of export controls",
        Period = IndicatorPeriod.Month,
        Source = new TermSource(["出口管制"], Rate: false, Stem: false),
        Thresholds = thresholds,
    };

    /// <summary>A monthly series from 2024-01, one point per value (null: no value).</summary>
    public static IndicatorSeries Series(IndicatorDefinition indicator, params double?[] values)
    {
        var points = new List<SeriesPoint>();
        var start = new DateOnly(2024, 1, 1);
        for (var i = 0; i < values.Length; i++)
        {
            var day = start.AddMonths(i);
            var docId = $"doc{i:D2}";
            points.Add(new SeriesPoint(Periods.KeyOf(IndicatorPeriod.Month, day), Periods.ToTimestamp(day), values[i], (long?)values[i], 1000, 1, [docId],
                values[i] is > 0 ? [new EvidenceDocument(docId, $"Report {i}", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), values[i]!.Value, [new EvidenceSpan(10, 14, "出口管制")])] : []));
        }

        return new IndicatorSeries(indicator, points, "occurrences", []);
    }

    /// <summary>Verdicts on the points with a value: the ones at <paramref name="flagged"/> (indexes into the series) are anomalies.</summary>
    public static List<EvaluatedPoint> Verdicts(IndicatorSeries series, IReadOnlyDictionary<int, AlertSeverity> flagged) =>
        series.Points.Select((p, i) => (p, i)).Where(x => x.p.Value is not null)
            .Select(x => new EvaluatedPoint(x.p, flagged.ContainsKey(x.i) ? 6 + x.i : 0.5, flagged.ContainsKey(x.i), 2, flagged.ContainsKey(x.i) ? "far above the rolling median" : "")
            {
                Severity = flagged.TryGetValue(x.i, out var s) ? s : AlertSeverity.Low,
            })
            .ToList();

    public static Dictionary<int, AlertSeverity> Flag(AlertSeverity severity, params int[] indexes) => indexes.ToDictionary(i => i, _ => severity);
}

/// <summary>A data directory in the temp folder with the warning store open; deleted afterwards.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Directory = Path.Combine(Path.GetTempPath(), "vigil-warning-" + Guid.NewGuid().ToString("N"));
        Store = SqliteWarningStore.Open(Directory);
    }

    public string Directory { get; }

    public SqliteWarningStore Store { get; private set; }

    /// <summary>Closes and opens the store again (what a second process would see).</summary>
    public void Reopen()
    {
        Store.Dispose();
        Store = SqliteWarningStore.Open(Directory);
    }

    public void Dispose()
    {
        Store.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
