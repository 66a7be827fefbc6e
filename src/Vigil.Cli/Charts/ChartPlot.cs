using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace Vigil.Cli.Charts;

/// <summary>Builds the ScottPlot figure for a <see cref="ChartSpec"/>: data, axes, labels, fonts, legend and footnote.</summary>
internal static class ChartPlot
{
    /// <summary>Longest category label, in columns (a Han character is two), before it is cut with an ellipsis.</summary>
    public const int MaxCategoryColumns = 24;

    /// <summary>Longest series name in the legend, in columns.</summary>
    public const int MaxSeriesColumns = 30;

    public const string NoDataText = "No data";

    private const float TickFontSize = 12;
    private const float AxisLabelFontSize = 16;
    private const float TitleFontSize = 16;
    private const double GroupWidth = 0.8;

    /// <summary>Digits and signs of the y-axis tick labels, so their font can be checked like any label.</summary>
    private const string TickCharacters = "0123456789.-";

    /// <summary>The Category10 palette (also used for the terminal), so the same series has the same colour everywhere.</summary>
    internal static readonly (byte R, byte G, byte B)[] Palette =
    [
        (0x1F, 0x77, 0xB4), (0xFF, 0x7F, 0x0E), (0x2C, 0xA0, 0x2C), (0xD6, 0x27, 0x28), (0x94, 0x67, 0xBD),
        (0x8C, 0x56, 0x4B), (0xE3, 0x77, 0xC2), (0x7F, 0x7F, 0x7F), (0xBC, 0xBD, 0x22), (0x17, 0xBE, 0xCF),
    ];

    public static Plot Build(ChartSpec spec, HanFont? han, int width, int height, ICollection<string> warnings)
    {
        var title = ChartText.Clean(spec.Title);
        var xLabel = ChartText.Clean(spec.XLabel);
        var yLabel = ChartText.Clean(spec.YLabel);
        var caption = ChartText.Clean(spec.Caption ?? "");
        var categories = spec.Categories.Select(c => ChartText.Shorten(c, MaxCategoryColumns)).ToArray();
        var names = spec.Series.Select(s => ChartText.Shorten(s.Name, MaxSeriesColumns)).ToArray();
        var empty = spec.HasNoValues;
        var fonts = ChartFonts.Choose(
            [[title], [xLabel], [yLabel], [caption], categories, names, [TickCharacters], empty ? [NoDataText] : []],
            han,
            warnings);
        if (empty)
        {
            warnings.Add("the chart has no values; it was drawn with a \"No data\" note");
        }

        var plot = new Plot();
        var legend = spec.Series.Count > 1 && spec.Kind != ChartKind.Heatmap;
        var legendWidth = legend ? LegendWidth(names, fonts) : 0;

        // Titles, axis labels and the caption are cut to the figure width rather than run off its edge.
        plot.Title(Fit(title, fonts.TypefaceFor(title), TitleFontSize, width - 20));
        plot.Axes.Title.Label.FontName = fonts.NameFor(title);
        plot.Axes.Title.Label.FontSize = TitleFontSize;
        plot.Axes.Bottom.Label.Text = Fit(xLabel, fonts.TypefaceFor(xLabel), AxisLabelFontSize, width - 120);
        plot.Axes.Bottom.Label.FontName = fonts.NameFor(xLabel);
        plot.Axes.Bottom.Label.FontSize = AxisLabelFontSize;
        plot.Axes.Left.Label.Text = Fit(yLabel, fonts.TypefaceFor(yLabel), AxisLabelFontSize, height - 120);
        plot.Axes.Left.Label.FontName = fonts.NameFor(yLabel);
        plot.Axes.Left.Label.FontSize = AxisLabelFontSize;
        plot.Axes.Left.TickLabelStyle.FontName = fonts.NameFor(TickCharacters);
        plot.Axes.Left.TickLabelStyle.FontSize = TickFontSize;
        // Half ScottPlot's default density: a label every ~50 px instead of every ~25 px reads better on a chart this size.
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = ChartNumber.Format, TickDensity = 0.5 };
        if (caption.Length > 0)
        {
            plot.Axes.AddPanel(new FootnotePanel(Fit(caption, fonts.TypefaceFor(caption), 11, width - 20), fonts.NameFor(caption)));
        }

        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        if (spec.Kind == ChartKind.Heatmap)
        {
            AddHeatmap(plot, spec, names, fonts);
            SetCategoryAxis(plot, categories, fonts, width - 110, height, xLabel.Length > 0);
            plot.Axes.SetLimits(-0.5, Math.Max(1, spec.Categories.Count) - 0.5, -0.5, Math.Max(1, spec.Series.Count) - 0.5);
            return plot;
        }

        if (spec.Kind == ChartKind.Line)
        {
            AddLines(plot, spec);
        }
        else
        {
            AddBars(plot, spec);
        }

        SetCategoryAxis(plot, categories, fonts, width - 110 - legendWidth, height, xLabel.Length > 0);
        SetLimits(plot, spec, empty, fonts);
        if (legend)
        {
            SetLegend(plot, spec, names, fonts);
        }

        return plot;
    }

    private static Color ColorOf(int series)
    {
        var (r, g, b) = Palette[series % Palette.Length];
        return new Color(r, g, b);
    }

    private static void AddBars(Plot plot, ChartSpec spec)
    {
        var barWidth = GroupWidth / Math.Max(1, spec.Series.Count);
        for (var s = 0; s < spec.Series.Count; s++)
        {
            var bars = new List<Bar>();
            for (var i = 0; i < spec.Categories.Count; i++)
            {
                var value = spec.Series[s].Values[i];
                if (!double.IsNaN(value))
                {
                    bars.Add(new Bar
                    {
                        Position = i - (GroupWidth / 2) + ((s + 0.5) * barWidth),
                        Value = value,
                        Size = barWidth,
                        FillColor = ColorOf(s),
                        LineWidth = 0,
                    });
                }
            }

            if (bars.Count > 0)
            {
                plot.Add.Bars(bars);
            }
        }
    }

    /// <summary>
    /// Cells as rectangles (rows bottom to top, columns left to right), shaded from pale yellow through orange to red,
    /// each labelled with its value (blank for NaN); the rows are labelled with the series names on the left axis.
    /// </summary>
    private static void AddHeatmap(Plot plot, ChartSpec spec, string[] names, ChartFonts fonts)
    {
        var max = spec.Series.SelectMany(s => s.Values).Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Max();
        var labels = spec.Series.SelectMany(s => s.Values).Where(v => !double.IsNaN(v)).Select(ChartNumber.Format).ToArray();
        var cellFont = fonts.NameFor(labels.Length == 0 ? [TickCharacters] : labels);
        for (var row = 0; row < spec.Series.Count; row++)
        {
            for (var column = 0; column < spec.Categories.Count; column++)
            {
                var value = spec.Series[row].Values[column];
                var shade = spec.CellShades is { } shades ? shades[row][column] : max > 0 && !double.IsNaN(value) ? Math.Max(0, value) / max : 0;
                var cell = plot.Add.Rectangle(column - 0.5, column + 0.5, row - 0.5, row + 0.5);
                cell.FillColor = Shade(shade);
                cell.LineColor = Colors.White;
                cell.LineWidth = 2;
                if (!double.IsNaN(value))
                {
                    var text = plot.Add.Text(ChartNumber.Format(value), column, row);
                    text.LabelFontName = cellFont;
                    text.LabelFontSize = AxisLabelFontSize;
                    text.LabelBold = value != 0;
                    text.LabelFontColor = shade > 0.6 ? Colors.White : Colors.Black;
                    text.LabelAlignment = Alignment.MiddleCenter;
                }
            }
        }

        var ticks = new NumericManual();
        for (var row = 0; row < names.Length; row++)
        {
            ticks.AddMajor(row, names[row]);
        }

        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.TickLabelStyle.FontName = fonts.NameFor(names);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
    }

    /// <summary>0 → pale yellow (255, 247, 188), 0.5 → orange (254, 153, 41), 1 → red (215, 25, 28): a sequential scale that prints in grey too.</summary>
    private static Color Shade(double t)
    {
        (double R, double G, double B) a = (255, 247, 188), b = (254, 153, 41), c = (215, 25, 28);
        t = Math.Clamp(t, 0, 1);
        var (from, to, f) = t <= 0.5 ? (a, b, t * 2) : (b, c, (t - 0.5) * 2);
        return new Color((byte)Math.Round(from.R + ((to.R - from.R) * f)), (byte)Math.Round(from.G + ((to.G - from.G) * f)), (byte)Math.Round(from.B + ((to.B - from.B) * f)));
    }

    private static void AddLines(Plot plot, ChartSpec spec)
    {
        for (var s = 0; s < spec.Series.Count; s++)
        {
            // A missing value breaks the line: each run of values is its own line, and a run of one is a dot.
            var values = spec.Series[s].Values;
            var start = 0;
            while (start < values.Count)
            {
                if (double.IsNaN(values[start]))
                {
                    start++;
                    continue;
                }

                var end = start;
                while (end < values.Count && !double.IsNaN(values[end]))
                {
                    end++;
                }

                var xs = Enumerable.Range(start, end - start).Select(i => (double)i).ToArray();
                var ys = values.Skip(start).Take(end - start).ToArray();
                var line = plot.Add.Scatter(xs, ys, ColorOf(s));
                line.LineWidth = 2;
                line.MarkerSize = end - start == 1 || values.Count <= 60 ? 5 : 0;
                start = end;
            }
        }
    }

    /// <summary>
    /// One tick per category, labelled. Labels that do not fit side by side are turned 45° (or 90° when the slots are
    /// very narrow, showing every k-th label so they do not overlap); the axis is made tall enough for them.
    /// </summary>
    private static void SetCategoryAxis(Plot plot, string[] categories, ChartFonts fonts, float dataWidth, int height, bool hasXLabel)
    {
        var axis = plot.Axes.Bottom;
        axis.TickLabelStyle.FontName = fonts.NameFor(categories);
        axis.TickLabelStyle.FontSize = TickFontSize;
        var ticks = new NumericManual();
        if (categories.Length == 0)
        {
            axis.TickGenerator = ticks;
            return;
        }

        using var font = new SKFont(fonts.TypefaceFor(categories), TickFontSize);
        var slot = Math.Max(1f, dataWidth) / categories.Length;
        var widest = categories.Max(c => font.MeasureText(c));
        var lineHeight = TickFontSize * 1.3f;
        var step = 1;
        float rotation;
        if (widest <= slot * 0.9f)
        {
            rotation = 0;
        }
        else if (slot >= lineHeight * 1.45f)
        {
            rotation = -45;
        }
        else
        {
            rotation = -90;
            step = (int)Math.Ceiling(lineHeight / slot);
        }

        // Turned labels may take at most a third of the figure height; longer ones are cut further.
        var sin = rotation == 0 ? 0 : Math.Abs(MathF.Sin(rotation * MathF.PI / 180));
        var maxLength = rotation == 0 ? float.MaxValue : height / 3f / sin;
        for (var i = 0; i < categories.Length; i += step)
        {
            ticks.AddMajor(i, Fit(categories[i], font, maxLength));
        }

        axis.TickGenerator = ticks;
        if (rotation != 0)
        {
            axis.TickLabelStyle.Rotation = rotation;
            axis.TickLabelStyle.Alignment = Alignment.MiddleRight;
            var extent = (Math.Min(widest, maxLength) * sin) + (lineHeight * MathF.Cos(rotation * MathF.PI / 180));
            axis.MinimumSize = extent + 12 + (hasXLabel ? (AxisLabelFontSize * 1.5f) + 6 : 0);
        }
    }

    private static void SetLimits(Plot plot, ChartSpec spec, bool empty, ChartFonts fonts)
    {
        var left = -0.5;
        var right = Math.Max(1, spec.Categories.Count) - 0.5;
        if (empty)
        {
            plot.Axes.SetLimits(left, right, 0, 1);
            plot.Axes.Left.TickGenerator = new NumericManual();
            var note = plot.Add.Text(NoDataText, (left + right) / 2, 0.5);
            note.LabelFontName = fonts.NameFor(NoDataText);
            note.LabelFontSize = AxisLabelFontSize;
            note.LabelAlignment = Alignment.MiddleCenter;
            return;
        }

        // Bars and rates are read against zero, so zero is always on the axis.
        var values = spec.Series.SelectMany(s => s.Values).Where(v => !double.IsNaN(v)).ToList();
        var low = Math.Min(0, values.Min());
        var high = Math.Max(0, values.Max());
        if (low == high)
        {
            high = 1;
        }

        var pad = (high - low) * 0.05;
        plot.Axes.SetLimits(left, right, low < 0 ? low - pad : low, high > 0 ? high + pad : high);
    }

    private static void SetLegend(Plot plot, ChartSpec spec, string[] names, ChartFonts fonts)
    {
        plot.Legend.DisplayPlottableLegendItems = false;
        for (var s = 0; s < spec.Series.Count; s++)
        {
            plot.Legend.ManualItems.Add(spec.Kind == ChartKind.Line
                ? new LegendItem { LabelText = names[s], LineColor = ColorOf(s), LineWidth = 2, MarkerShape = MarkerShape.FilledCircle, MarkerColor = ColorOf(s), MarkerSize = 5 }
                : new LegendItem { LabelText = names[s], FillColor = ColorOf(s) });
        }

        plot.Legend.FontName = fonts.NameFor(names);
        plot.Legend.FontSize = TickFontSize;
        plot.ShowLegend(Edge.Right);
    }

    private static float LegendWidth(string[] names, ChartFonts fonts)
    {
        using var font = new SKFont(fonts.TypefaceFor(names), TickFontSize);
        return names.Max(n => font.MeasureText(n)) + 50;
    }

    private static string Fit(string text, SKTypeface typeface, float size, float maxWidth)
    {
        using var font = new SKFont(typeface, size);
        return Fit(text, font, maxWidth);
    }

    /// <summary>The text, cut with an ellipsis until it is at most <paramref name="maxWidth"/> pixels wide.</summary>
    private static string Fit(string text, SKFont font, float maxWidth)
    {
        // No glyph is narrower than a quarter of the font size, so a first cut bounds the work for hostile lengths.
        text = ChartText.Shorten(text, (int)Math.Min(100_000, maxWidth / (font.Size / 4)) + 1);
        if (font.MeasureText(text) <= maxWidth)
        {
            return text;
        }

        for (var columns = ChartText.Columns(text) - 1; columns > 1; columns--)
        {
            var cut = ChartText.Shorten(text, columns);
            if (font.MeasureText(cut) <= maxWidth)
            {
                return cut;
            }
        }

        return ChartText.Ellipsis;
    }
}
