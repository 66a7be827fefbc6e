namespace Vigil.Core.Indicators;

/// <summary>Indicator definitions and the copies of imported series, in the data directory. Thread-safe.</summary>
public interface IIndicatorStore
{
    /// <summary>Every indicator, by id (ordinal).</summary>
    IReadOnlyList<IndicatorDefinition> ListIndicators();

    IndicatorDefinition? GetIndicator(string id);

    /// <summary>Adds an indicator (and the rows of an imported series) in one transaction; false when the id is taken.</summary>
    bool AddIndicator(IndicatorDefinition indicator, IReadOnlyList<ImportedPoint>? points = null);

    /// <summary>Removes an indicator and its imported rows; its alerts stay (they are history). False when unknown.</summary>
    bool RemoveIndicator(string id);

    /// <summary>The stored rows of an imported series, oldest first.</summary>
    IReadOnlyList<ImportedPoint> ImportedPoints(string id);
}

/// <summary>
/// One kind of indicator source: builds the series of the indicators whose <see cref="IndicatorSource"/> it handles.
/// The event ledger plugs in here with its own implementation.
/// </summary>
public interface IIndicatorSeriesSource
{
    /// <summary>True when this source builds series for <paramref name="source"/>.</summary>
    bool Handles(IndicatorSource source);

    SeriesResult Build(IndicatorDefinition indicator, CancellationToken cancellationToken = default);
}

/// <summary>Builds an indicator's series with the first registered source that handles it.</summary>
public sealed class IndicatorSeriesBuilder
{
    private readonly IReadOnlyList<IIndicatorSeriesSource> _sources;

    public IndicatorSeriesBuilder(IEnumerable<IIndicatorSeriesSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = [.. sources];
    }

    public SeriesResult Build(IndicatorDefinition indicator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        foreach (var source in _sources)
        {
            if (source.Handles(indicator.Source))
            {
                return source.Build(indicator, cancellationToken);
            }
        }

        return SeriesResult.Failed(indicator.Source.Kind == "events"
            ? $"indicator '{indicator.Id}': event counts need the event ledger, which this build does not have"
            : $"indicator '{indicator.Id}': no source for kind '{indicator.Source.Kind}' is available");
    }
}

/// <summary>Series of imported (CSV) indicators, from the copy kept in the data directory.</summary>
public sealed class ImportedSeriesSource(IIndicatorStore store) : IIndicatorSeriesSource
{
    public bool Handles(IndicatorSource source) => source is CsvSource;

    /// <summary>One point per period from the first row's to the last row's; periods without a row have no value.</summary>
    public SeriesResult Build(IndicatorDefinition indicator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var rows = store.ImportedPoints(indicator.Id);
        var points = new List<SeriesPoint>();
        if (rows.Count > 0)
        {
            var byPeriod = rows.ToDictionary(r => r.Period, StringComparer.Ordinal);
            foreach (var start in Periods.Range(indicator.Period, rows[0].Start, rows[^1].Start))
            {
                var key = Periods.KeyOf(indicator.Period, start);
                var value = byPeriod.TryGetValue(key, out var row) ? row.Value : (double?)null;
                points.Add(new SeriesPoint(key, Periods.ToTimestamp(start), value, null, null, 0, [], []));
            }
        }

        var missing = points.Count(p => p.Value is null);
        var csv = (CsvSource)indicator.Source;
        List<string> notes = [$"imported from {csv.File} (sha256 {csv.Sha256[..Math.Min(12, csv.Sha256.Length)]}…), {rows.Count} row(s)"];
        if (missing > 0)
        {
            notes.Add($"{missing} period(s) without a row have no value");
        }

        return SeriesResult.Ok(new IndicatorSeries(indicator, points, "(imported)", notes));
    }
}
