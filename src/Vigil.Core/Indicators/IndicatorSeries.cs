using Vigil.Core.Alerts;

namespace Vigil.Core.Indicators;

/// <summary>One point of an indicator series.</summary>
/// <param name="Period">The period key (2024-03, 2024-W09 ...).</param>
/// <param name="Start">The first day of the period, midnight UTC: the timestamp detectors see.</param>
/// <param name="Value">The value; null when the period has no basis for one (a rate or mean with no documents, a missing row of an imported series).</param>
/// <param name="Count">The count behind the value, where there is one (occurrences, events, security mentions).</param>
/// <param name="Basis">What a rate is measured against (Han characters + words), or the documents a mean is over.</param>
/// <param name="Documents">Documents (or events) that fall in the period.</param>
/// <param name="DocumentIds">Their ids, in date-then-id order (capped at <see cref="IndicatorSeries.MaxIdsPerPoint"/>).</param>
/// <param name="Top">The documents that contributed most, strongest first (at most <see cref="IndicatorSeries.TopPerPoint"/>), with spans where known.</param>
public sealed record SeriesPoint(string Period, DateTimeOffset Start, double? Value, long? Count, long? Basis, int Documents,
    IReadOnlyList<string> DocumentIds, IReadOnlyList<EvidenceDocument> Top)
{
    /// <summary>Event ids (event-count indicators), capped like <see cref="DocumentIds"/>.</summary>
    public IReadOnlyList<string> EventIds { get; init; } = [];
}

/// <summary>An indicator's series, oldest period first, with what was left out and why.</summary>
/// <param name="Unit">What the values are (e.g. "occurrences", "per 10,000 Han characters / words", "mean domain score (0–1)").</param>
/// <param name="Notes">What a reader needs to know (documents left out for having no date, dates too coarse for the period ...).</param>
public sealed record IndicatorSeries(IndicatorDefinition Indicator, IReadOnlyList<SeriesPoint> Points, string Unit, IReadOnlyList<string> Notes)
{
    /// <summary>Document ids kept per point (the count is always exact).</summary>
    public const int MaxIdsPerPoint = 200;

    /// <summary>Top documents kept per point.</summary>
    public const int TopPerPoint = 5;

    /// <summary>Documents left out because they have no date.</summary>
    public int Undated { get; init; }

    /// <summary>Documents left out because their date is coarser than the period (a year-only date for a monthly indicator).</summary>
    public int Imprecise { get; init; }
}

/// <summary>The result of building a series: the series, or a message saying why it could not be built.</summary>
public sealed record SeriesResult(IndicatorSeries? Series, string? Error)
{
    public static SeriesResult Ok(IndicatorSeries series) => new(series, null);

    public static SeriesResult Failed(string error) => new(null, error);
}
