namespace Vigil.Cli.Charts;

/// <summary>How the series of a <see cref="ChartSpec"/> are drawn.</summary>
internal enum ChartKind
{
    /// <summary>One series, one bar per category.</summary>
    Bar,

    /// <summary>Several series, a group of side-by-side bars per category.</summary>
    GroupedBar,

    /// <summary>One line per series over the categories in order (e.g. years); a missing value breaks the line.</summary>
    Line,

    /// <summary>
    /// A grid: each series is a row (the first at the bottom), each category a column; every cell is shaded and shows its
    /// value. The shade comes from <see cref="ChartSpec.CellShades"/> when given, else from the value over the largest value.
    /// </summary>
    Heatmap,
}

/// <summary>One named series; <see cref="Values"/> are aligned with <see cref="ChartSpec.Categories"/>.</summary>
/// <param name="Values">One value per category, in category order; <see cref="double.NaN"/> means "no value" (no bar, a gap in a line).</param>
internal sealed record ChartSeries(string Name, IReadOnlyList<double> Values);

/// <summary>
/// What to draw: the chart as data, independent of the output (PNG, SVG, terminal). The same spec always gives the same
/// image bytes on one machine (see docs/charts.md).
/// </summary>
/// <param name="Categories">The x-axis labels, in the order drawn.</param>
internal sealed record ChartSpec(string Title, ChartKind Kind, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>Most categories a chart takes; beyond this the labels are unreadable at any size.</summary>
    public const int MaxCategories = 10_000;

    /// <summary>Most series a chart takes (the palette and the legend stop being readable long before).</summary>
    public const int MaxSeries = 50;

    /// <summary>Largest magnitude a value may have: ScottPlot's axis scaling fails near the limits of <see cref="double"/>.</summary>
    public const double MaxMagnitude = 1e15;

    public string XLabel { get; init; } = "";

    public string YLabel { get; init; } = "";

    /// <summary>A footnote under the chart, e.g. "Source: Vigil, 3 documents; per 10,000 Han characters".</summary>
    public string? Caption { get; init; }

    /// <summary>
    /// Heat maps only: a shade from 0 (lightest) to 1 (darkest, red) per cell, aligned with <see cref="Series"/> and their
    /// values; null shades each cell by its value. A risk matrix shades by likelihood × impact and shows counts.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>>? CellShades { get; init; }

    /// <summary>True when no series has a single non-missing value (the chart is drawn with a "No data" note).</summary>
    public bool HasNoValues => Series.All(s => s.Values.All(double.IsNaN));

    /// <summary>Throws <see cref="ArgumentException"/> naming the first thing wrong (a programming error in the caller).</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Title, nameof(Title));
        ArgumentNullException.ThrowIfNull(XLabel, nameof(XLabel));
        ArgumentNullException.ThrowIfNull(YLabel, nameof(YLabel));
        ArgumentNullException.ThrowIfNull(Categories, nameof(Categories));
        ArgumentNullException.ThrowIfNull(Series, nameof(Series));
        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentException($"unknown chart kind {(int)Kind}.", nameof(Kind));
        }

        if (Categories.Count > MaxCategories)
        {
            throw new ArgumentException($"a chart takes at most {MaxCategories} categories, not {Categories.Count}.", nameof(Categories));
        }

        if (Series.Count > MaxSeries)
        {
            throw new ArgumentException($"a chart takes at most {MaxSeries} series, not {Series.Count}.", nameof(Series));
        }

        if (Kind == ChartKind.Bar && Series.Count > 1)
        {
            throw new ArgumentException($"a Bar chart takes one series, not {Series.Count}; use GroupedBar.", nameof(Series));
        }

        if (CellShades is not null)
        {
            if (Kind != ChartKind.Heatmap)
            {
                throw new ArgumentException("cell shades are for heat maps only.", nameof(CellShades));
            }

            if (CellShades.Count != Series.Count || CellShades.Any(row => row is null || row.Count != Categories.Count || row.Any(v => !(v >= 0 && v <= 1))))
            {
                throw new ArgumentException("cell shades need one row per series and one value from 0 to 1 per category.", nameof(CellShades));
            }
        }

        for (var i = 0; i < Categories.Count; i++)
        {
            if (Categories[i] is null)
            {
                throw new ArgumentException($"category {i} is null.", nameof(Categories));
            }
        }

        foreach (var series in Series)
        {
            if (series?.Name is null || series.Values is null)
            {
                throw new ArgumentException("a series, its name or its values is null.", nameof(Series));
            }

            if (series.Values.Count != Categories.Count)
            {
                throw new ArgumentException(
                    $"series '{series.Name}' has {series.Values.Count} values for {Categories.Count} categories; give one value per category (NaN for none).",
                    nameof(Series));
            }

            for (var i = 0; i < series.Values.Count; i++)
            {
                if (Math.Abs(series.Values[i]) > MaxMagnitude)
                {
                    throw new ArgumentException(
                        $"series '{series.Name}' is {(double.IsInfinity(series.Values[i]) ? "infinite" : "beyond ±1e15")} at category '{Categories[i]}'.",
                        nameof(Series));
                }
            }
        }
    }
}
