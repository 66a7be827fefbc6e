namespace Vigil.Core.Detection;

/// <summary>One observation of a series: when, and the value.</summary>
public readonly record struct SeriesPoint(DateTimeOffset Timestamp, double Value);
