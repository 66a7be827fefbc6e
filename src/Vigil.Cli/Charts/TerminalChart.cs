using Spectre.Console;

namespace Vigil.Cli.Charts;

/// <summary>
/// Draws a <see cref="ChartSpec"/> in the terminal: a Spectre bar chart for one series of non-negative values, otherwise
/// a table with a bar and the value per series. Every label is escaped (a category "[red]" prints as text) and stripped
/// of control characters; values are written in the invariant culture.
/// </summary>
internal static class TerminalChart
{
    /// <summary>Longest category label in the terminal, in columns.</summary>
    public const int MaxLabelColumns = 30;

    /// <summary>Longest title or caption in the terminal, in columns.</summary>
    private const int LineColumns = 200;

    private const char Block = '█';

    /// <summary>Writes the chart to <paramref name="console"/>. A line chart is shown as bars (a terminal draws lines badly).</summary>
    public static void Render(IAnsiConsole console, ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        if (spec.Kind == ChartKind.Heatmap)
        {
            RenderHeatmap(console, spec);
        }
        else if (spec.HasNoValues)
        {
            console.MarkupLine($"[bold]{Escape(spec.Title, LineColumns)}[/]");
            console.MarkupLine($"[grey]{ChartPlot.NoDataText}[/]");
        }
        else if (spec.Series.Count == 1 && spec.Series[0].Values.All(v => double.IsNaN(v) || v >= 0))
        {
            RenderBarChart(console, spec);
        }
        else
        {
            RenderTable(console, spec);
        }

        if (!string.IsNullOrWhiteSpace(spec.Caption))
        {
            console.MarkupLine($"[grey]{Escape(spec.Caption, LineColumns)}[/]");
        }
    }

    private static void RenderBarChart(IAnsiConsole console, ChartSpec spec)
    {
        var label = $"[bold]{Escape(spec.Title, LineColumns)}[/]";
        if (!string.IsNullOrWhiteSpace(spec.YLabel))
        {
            label += $" [grey]({Escape(spec.YLabel, LineColumns)})[/]";
        }

        var chart = new BarChart()
            .Label(label)
            .LeftAlignLabel()
            .Width(Math.Min(console.Profile.Width, 120))
            .UseValueFormatter(ChartNumber.Format);
        var missing = new List<string>();
        var values = spec.Series[0].Values;
        for (var i = 0; i < spec.Categories.Count; i++)
        {
            if (double.IsNaN(values[i]))
            {
                missing.Add(ChartText.Shorten(spec.Categories[i], MaxLabelColumns));
            }
            else
            {
                chart.AddItem(Escape(spec.Categories[i]), values[i], ColorOf(0));
            }
        }

        console.Write(chart);
        if (missing.Count > 0)
        {
            console.MarkupLine($"[grey]No value: {Markup.Escape(string.Join(", ", missing))}[/]");
        }
    }

    /// <summary>A grid with the last series on top (as drawn in the image), each cell its value on its shade; 0 and NaN cells are dim.</summary>
    private static void RenderHeatmap(IAnsiConsole console, ChartSpec spec)
    {
        var table = new Table().Title($"[bold]{Escape(spec.Title, LineColumns)}[/]").Border(TableBorder.Square);
        table.AddColumn(new TableColumn($"[grey]{Escape(spec.YLabel)} ╲ {Escape(spec.XLabel)}[/]"));
        foreach (var category in spec.Categories)
        {
            table.AddColumn(new TableColumn(Escape(category)).Centered());
        }

        var max = spec.Series.SelectMany(s => s.Values).Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Max();
        for (var row = spec.Series.Count - 1; row >= 0; row--)
        {
            var cells = new List<string> { Escape(spec.Series[row].Name) };
            for (var column = 0; column < spec.Categories.Count; column++)
            {
                var value = spec.Series[row].Values[column];
                var shade = spec.CellShades is { } shades ? shades[row][column] : max > 0 && !double.IsNaN(value) ? Math.Max(0, value) / max : 0;
                var background = shade >= 0.75 ? "red" : shade >= 0.5 ? "darkorange" : shade >= 0.25 ? "yellow" : "green";
                var text = double.IsNaN(value) ? "–" : ChartNumber.Format(value);
                cells.Add(value == 0 || double.IsNaN(value) ? $"[grey on {background}] {text} [/]" : $"[bold black on {background}] {text} [/]");
            }

            table.AddRow(cells.ToArray());
        }

        console.Write(table);
    }

    private static void RenderTable(IAnsiConsole console, ChartSpec spec)
    {
        var table = new Table().Title($"[bold]{Escape(spec.Title, LineColumns)}[/]");
        table.AddColumn(new TableColumn(Escape(spec.XLabel)));
        foreach (var series in spec.Series)
        {
            table.AddColumn(new TableColumn(Escape(series.Name)));
        }

        var largest = spec.Series.SelectMany(s => s.Values).Where(v => !double.IsNaN(v)).Select(Math.Abs).DefaultIfEmpty(0).Max();
        var barWidth = Math.Clamp(((console.Profile.Width - MaxLabelColumns) / Math.Max(1, spec.Series.Count)) - 12, 4, 30);
        for (var i = 0; i < spec.Categories.Count; i++)
        {
            var cells = new List<string> { Escape(spec.Categories[i]) };
            for (var s = 0; s < spec.Series.Count; s++)
            {
                cells.Add(Cell(spec.Series[s].Values[i], largest, barWidth, s));
            }

            table.AddRow(cells.ToArray());
        }

        console.Write(table);
    }

    /// <summary>A bar as long as the value's share of the largest magnitude, then the value; negative values have no bar.</summary>
    private static string Cell(double value, double largest, int barWidth, int series)
    {
        if (double.IsNaN(value))
        {
            return "[grey]–[/]";
        }

        var length = value > 0 && largest > 0 ? (int)Math.Round(value / largest * barWidth, MidpointRounding.AwayFromZero) : 0;
        var bar = length > 0 ? $"[{ColorOf(series).ToMarkup()}]{new string(Block, length)}[/] " : "";
        return bar + ChartNumber.Format(value);
    }

    private static Color ColorOf(int series)
    {
        var (r, g, b) = ChartPlot.Palette[series % ChartPlot.Palette.Length];
        return new Color(r, g, b);
    }

    /// <summary>One clean line, shortened, with Spectre markup escaped (a label "[red]" must print as text, not colour).</summary>
    private static string Escape(string? text, int columns = MaxLabelColumns) => Markup.Escape(ChartText.Shorten(text ?? "", columns));
}
