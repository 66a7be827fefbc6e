using System.Text.Json;
using Vigil.Cli.Charts;
using Vigil.Cli.Commands;

namespace Vigil.Cli.Tests.Warning;

/// <summary><c>vigil risks</c>: the register, validation messages and the heat map.</summary>
public sealed class RisksCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private CliRunner.Result Add(string id, string domain, int likelihood, int impact, params string[] more) =>
        _cli.Run(["risks", "add", id, "--domain", domain, "--title", $"Risk {id}", "--likelihood", $"{likelihood}", "--impact", $"{impact}", .. more]);

    [Fact]
    public void Add_assess_and_show_keep_the_assessment_history_in_the_json()
    {
        var added = Add("re-1", "economic", 4, 5, "--owner", "supply-chain desk", "--review", "2099-01-31", "--note", "first look", "--by", "china desk");
        Assert.Equal(0, added.ExitCode);
        var risk = added.Json;
        Assert.Equal(["id", "domain", "title", "description", "owner", "likelihood", "impact", "score", "rating", "trend", "arrow", "indicators", "review_date",
            "review_due", "created_at", "history"], risk.EnumerateObject().Select(p => p.Name));
        Assert.Equal((20, "critical", "→", "2099-01-31", false), (risk.GetProperty("score").GetInt32(), risk.GetProperty("rating").GetString(),
            risk.GetProperty("arrow").GetString(), risk.GetProperty("review_date").GetString(), risk.GetProperty("review_due").GetBoolean()));

        var assessed = _cli.Run("risks", "assess", "re-1", "--likelihood", "2", "--impact", "3", "--note", "licences resumed").Json;
        Assert.Equal((2, 3, 6, "medium"), (assessed.GetProperty("likelihood").GetInt32(), assessed.GetProperty("impact").GetInt32(),
            assessed.GetProperty("score").GetInt32(), assessed.GetProperty("rating").GetString()));
        var history = _cli.Run("risks", "show", "re-1").Json.GetProperty("history").EnumerateArray()
            .Select(h => (h.GetProperty("by").GetString(), h.GetProperty("likelihood").GetInt32(), h.GetProperty("impact").GetInt32(), h.GetProperty("note").GetString())).ToList();
        Assert.Equal([("china desk", 4, 5, "first look"), ("analyst", 2, 3, "licences resumed")], history);
    }

    [Fact]
    public void Validation_errors_name_each_field_and_the_allowed_values()
    {
        var result = _cli.Run("risks", "add", "r", "--domain", "econ", "--title", "T", "--likelihood", "6", "--impact", "0", "--indicator", "nope", "--review", "tomorrow");
        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.TrimEnd().Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("vigil: domain 'econ' is not a taxonomy domain; allowed: political, homeland,", lines[0], StringComparison.Ordinal);
        Assert.Equal("vigil: likelihood 6 is out of range; allowed: 1, 2, 3, 4, 5 (1 rare … 5 almost certain)", lines[1]);
        Assert.Equal("vigil: impact 0 is out of range; allowed: 1, 2, 3, 4, 5 (1 minor … 5 severe)", lines[2]);
        Assert.StartsWith("vigil: indicator 'nope' is not defined", lines[3], StringComparison.Ordinal);
        Assert.Equal("vigil: review date 'tomorrow' is not a date; use YYYY-MM-DD", lines[4]);
        Assert.Empty(_cli.Run("risks", "list").Json.EnumerateArray());
        Assert.Contains("no risk 'zz'", _cli.Run("risks", "assess", "zz", "--likelihood", "1", "--impact", "1").Error, StringComparison.Ordinal);
        Assert.Contains("domain 'nowhere' is not a taxonomy domain", _cli.Run("risks", "list", "--domain", "nowhere").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_heat_map_counts_risks_per_cell_on_the_terminal_in_json_and_as_png_and_svg()
    {
        Add("a", "economic", 4, 5);
        Add("b", "economic", 4, 5);
        Add("c", "cyber", 1, 2);
        Add("d", "cyber", 3, 3);

        var json = _cli.Run("risks", "heatmap").Json;
        Assert.Equal(4, json.GetProperty("total").GetInt32());
        var rows = json.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("likelihood").GetInt32(), r => r.GetProperty("impact").EnumerateArray().Select(c => c.GetInt32()).ToArray());
        Assert.Equal([5, 4, 3, 2, 1], rows.Keys);
        Assert.Equal([0, 0, 0, 0, 2], rows[4]);
        Assert.Equal([0, 0, 1, 0, 0], rows[3]);
        Assert.Equal([0, 1, 0, 0, 0], rows[1]);
        Assert.Equal(0, rows[5].Sum() + rows[2].Sum());

        var cyber = _cli.Run("risks", "heatmap", "--domain", "cyber").Json;
        Assert.Equal(2, cyber.GetProperty("total").GetInt32());

        var png = Path.Combine(_cli.Root, "heat.png");
        var svg = Path.Combine(_cli.Root, "heat.svg");
        var terminal = _cli.Run(terminal: true, "risks", "heatmap", "--png", png, "--svg", svg);
        Assert.Equal(0, terminal.ExitCode);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], File.ReadAllBytes(png)[..4]);
        var svgText = File.ReadAllText(svg);
        Assert.Contains("Risk heat map", svgText, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(svgText, @">\s*2\s*</text>")); // the (L4, I5) cell's count
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(svgText, @">\s*1\s*</text>").Count); // (L1, I2) and (L3, I3)
        // The terminal grid: likelihood rows L5 to L1, the L4 row ends with the 2 in impact 5.
        var l4 = terminal.Console.Split('\n').Single(l => l.Contains("L4", StringComparison.Ordinal));
        Assert.Equal(["0", "0", "0", "0", "2"], l4.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Skip(1));
        Assert.Contains("needs a file name ending in .png", _cli.Run("risks", "heatmap", "--png", "x.svg").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_list_is_ordered_by_domain_then_id_and_shows_a_trend_arrow()
    {
        Add("z", "cyber", 2, 2);
        Add("a", "economic", 1, 1);
        Add("b", "cyber", 5, 5);
        var list = _cli.Run("risks", "list").Json.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(["b", "z", "a"], list);
        var table = _cli.Run(terminal: true, "risks", "list").Console;
        Assert.Contains("→", table, StringComparison.Ordinal);
        Assert.Contains("Trend: ↑ a linked indicator has an open alert", table, StringComparison.Ordinal);
    }

    [Fact]
    public void The_heat_map_chart_kind_is_deterministic_and_checks_its_shades()
    {
        var cells = new int[5, 5];
        cells[3, 4] = 2;
        cells[0, 1] = 1;
        var spec = RisksCommand.HeatmapSpec(cells, 3, null);
        Assert.Equal([0.1, 0.1, 0.1, 0.1, 0.4], spec.CellShades![0]); // L1: scores 1–4 low, 5 medium
        Assert.Equal([0.4, 0.7, 1.0, 1.0, 1.0], spec.CellShades![4]); // L5: 5 medium, 10 high, 15+ critical
        var png = ChartWriter.Render(spec, ChartFormat.Png, 800, 700, HanFontLocator.Installed, new List<string>());
        Assert.Equal(png, ChartWriter.Render(spec, ChartFormat.Png, 800, 700, HanFontLocator.Installed, new List<string>()));

        Assert.Throws<ArgumentException>(() => (spec with { CellShades = [[0.5]] }).Validate());
        Assert.Throws<ArgumentException>(() => (spec with { CellShades = spec.CellShades.Select(r => (IReadOnlyList<double>)r.Select(_ => 2.0).ToList()).ToList() }).Validate());
        Assert.Throws<ArgumentException>(() => (spec with { Kind = ChartKind.GroupedBar }).Validate());
    }
}
