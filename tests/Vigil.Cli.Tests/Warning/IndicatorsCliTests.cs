using System.Text.Json;

namespace Vigil.Cli.Tests.Warning;

/// <summary><c>vigil indicators</c> on a small corpus whose counts are worked out by hand.</summary>
public sealed class IndicatorsCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public IndicatorsCliTests()
    {
        // 出口管制 ×2 in 17 Han characters (出口管制是重要议题 9 + 出口管制需要协调 8).
        _cli.Write("a.md", "---\ntitle: A\ndate: 2024-01-10\nsource: Bulletin\n---\n出口管制是重要议题。出口管制需要协调。");
        // "export controls" ×2 in English, no Han characters.
        _cli.Write("b.md", "---\ntitle: B\ndate: 2024-01-25\nsource: Desk\n---\nExport controls matter. New export controls were announced today.");
        // 出口管制 ×1 in 10 Han characters (今年出口管制有所加强).
        _cli.Write("c.md", "---\ntitle: C\ndate: 2024-03-05\nsource: Bulletin\n---\n今年出口管制有所加强。");
        // Undated: left out of every series, whatever it holds.
        _cli.Write("d.txt", "出口管制，出口管制，出口管制，出口管制，出口管制。");
        // Dated to the year only: in yearly series, left out of monthly and weekly ones.
        _cli.Write("e.md", "---\ntitle: E\ndate: 2024\n---\n出口管制、出口管制和出口管制。");
        Assert.Equal(0, _cli.Run("ingest", _cli.Files).ExitCode);
    }

    public void Dispose() => _cli.Dispose();

    private JsonElement Series(string id)
    {
        var result = _cli.Run("indicators", "series", id);
        Assert.Equal(0, result.ExitCode);
        return result.Json;
    }

    private static (string Period, double? Value, int Documents)[] Points(JsonElement series) =>
        series.GetProperty("points").EnumerateArray().Select(p => (
            p.GetProperty("period").GetString()!,
            p.GetProperty("value").ValueKind == JsonValueKind.Null ? (double?)null : p.GetProperty("value").GetDouble(),
            p.GetProperty("documents").GetInt32())).ToArray();

    private string DocId(string file) =>
        _cli.Run("docs").Json.EnumerateArray().Single(d => d.GetProperty("path").GetString()!.EndsWith(file, StringComparison.Ordinal)).GetProperty("id").GetString()!;

    [Fact]
    public void Monthly_counts_sum_terms_put_zero_in_empty_months_and_leave_out_undated_and_year_only_documents()
    {
        Assert.Equal(0, _cli.Run("indicators", "add", "ec", "--name", "Export controls", "--period", "month", "--terms", "出口管制", "export controls").ExitCode);
        var series = Series("ec");
        Assert.Equal([("2024-01", 4.0, 2), ("2024-02", 0.0, 0), ("2024-03", 1.0, 1)], Points(series));
        Assert.Equal("occurrences", series.GetProperty("unit").GetString());
        Assert.Equal((1, 1), (series.GetProperty("undated").GetInt32(), series.GetProperty("imprecise").GetInt32()));
        Assert.Equal(["1 undated document(s) left out", "1 document(s) dated only to the year left out of this monthly series"],
            series.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));

        var january = series.GetProperty("points")[0];
        Assert.Equal([DocId("a.md"), DocId("b.md")], january.GetProperty("doc_ids").EnumerateArray().Select(d => d.GetString()));
        var march = series.GetProperty("points")[2].GetProperty("top")[0];
        Assert.Equal((DocId("c.md"), "C", 1.0), (march.GetProperty("id").GetString(), march.GetProperty("title").GetString(), march.GetProperty("contribution").GetDouble()));
        Assert.Equal("出口管制", march.GetProperty("spans")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Rates_are_per_10000_han_characters_and_missing_where_a_month_has_no_documents()
    {
        _cli.Run("indicators", "add", "ec-rate", "--name", "Export controls rate", "--terms", "出口管制", "--rate");
        // January: 2 in a's 17 Han characters (b has none); March: 1 in 10.
        Assert.Equal([("2024-01", 1176.4706, 2), ("2024-02", null, 0), ("2024-03", 1000.0, 1)], Points(Series("ec-rate")));
    }

    [Fact]
    public void Yearly_weekly_and_source_restricted_series()
    {
        _cli.Run("indicators", "add", "y", "--name", "Yearly", "--period", "year", "--terms", "出口管制", "export controls");
        Assert.Equal([("2024", 8.0, 4)], Points(Series("y"))); // 2 + 2 + 1 + 3 (the year-only document counts here)

        // ISO weeks: 2024-01-10 is in W02, 2024-01-25 in W04, 2024-03-05 in W10.
        _cli.Run("indicators", "add", "w", "--name", "Weekly", "--period", "week", "--terms", "出口管制", "export controls");
        var weeks = Points(Series("w"));
        Assert.Equal(9, weeks.Length);
        Assert.Equal(("2024-W02", 2.0, 1), weeks[0]);
        Assert.Equal(("2024-W03", 0.0, 0), weeks[1]);
        Assert.Equal(("2024-W04", 2.0, 1), weeks[2]);
        Assert.Equal(("2024-W10", 1.0, 1), weeks[8]);

        _cli.Run("indicators", "add", "desk", "--name", "Desk only", "--terms", "出口管制", "export controls", "--source", "Desk");
        Assert.Equal([("2024-01", 2.0, 1)], Points(Series("desk")));
    }

    [Fact]
    public void A_domain_indicator_is_the_mean_of_the_document_scores_of_each_month()
    {
        _cli.Run("indicators", "add", "econ", "--name", "Economic", "--domain", "economic");
        var scores = _cli.Run("domains", "--all").Json.EnumerateArray().ToDictionary(
            d => d.GetProperty("path").GetString()!.Split('/')[^1],
            d => d.GetProperty("domains").EnumerateArray().Where(x => x.GetProperty("id").GetString() == "economic").Select(x => x.GetProperty("score").GetDouble()).DefaultIfEmpty(0).Single());
        var points = Points(Series("econ"));
        Assert.Equal(Math.Round((scores["a.md"] + scores["b.md"]) / 2, 4), points[0].Value!.Value, 4);
        Assert.Null(points[1].Value);
        Assert.Equal(scores["c.md"], points[2].Value!.Value, 4);
    }

    [Fact]
    public void List_show_remove_and_the_json_shape_of_a_definition()
    {
        var added = _cli.Run("indicators", "add", "ec", "--name", "Export controls", "--terms", "出口管制", "--detector", "ewma", "--param", "lambda=0.3", "--high", "5");
        Assert.Equal(0, added.ExitCode);
        Assert.Equal("""{"id":"ec","name":"Export controls","period":"month","source":{"kind":"terms","terms":["出口管制"],"rate":false,"stem":false,"sources":[]},"detector":{"name":"ewma","params":{"lambda":"0.3"}},"thresholds":{"medium":null,"high":5,"critical":null}}""",
            added.Out.Trim());
        Assert.Equal(["ec"], _cli.Run("indicators", "list").Json.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var shown = _cli.Run("indicators", "show", "ec").Json;
        Assert.Equal(0, shown.GetProperty("alerts").GetProperty("new").GetInt32());
        Assert.Equal(0, _cli.Run("indicators", "remove", "ec").ExitCode);
        Assert.Empty(_cli.Run("indicators", "list").Json.EnumerateArray());
        Assert.Equal(1, _cli.Run("indicators", "show", "ec").ExitCode);
    }

    [Theory]
    [InlineData(new[] { "--terms", "a", "--domain", "economic" }, "exactly one source")]
    [InlineData(new[] { "--domain", "econ" }, "domain 'econ' is not in taxonomy 2024; allowed: political")]
    [InlineData(new[] { "--index", "securitization", "--rate" }, "--rate is for --terms and --formulation")]
    [InlineData(new[] { "--formulation", "no-such-thing" }, "no formulation 'no-such-thing'")]
    [InlineData(new[] { "--terms", "a", "--medium", "5", "--high", "4" }, "threshold high (4) must be above medium (5)")]
    [InlineData(new[] { "--terms", "a", "--param", "window" }, "--param 'window': write NAME=VALUE")]
    [InlineData(new[] { "--events", "--type", "nonsense" }, "--type 'nonsense' is not an event type")]
    [InlineData(new[] { "--terms", "a", "--type", "police" }, "--type, --country, --bloc and --confirmed-only narrow --events")]
    public void Bad_definitions_are_refused_with_a_message_naming_the_option(string[] options, string message)
    {
        var result = _cli.Run(["indicators", "add", "x", "--name", "X", .. options]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(_cli.Run("indicators", "list").Json.EnumerateArray());
    }

    [Fact]
    public void An_id_is_taken_once_and_a_bad_id_is_refused()
    {
        Assert.Equal(0, _cli.Run("indicators", "add", "x", "--name", "X", "--terms", "a").ExitCode);
        Assert.Contains("indicator 'x' exists", _cli.Run("indicators", "add", "x", "--name", "X", "--terms", "b").Error, StringComparison.Ordinal);
        Assert.Contains("indicator id '../x'", _cli.Run("indicators", "add", "../x", "--name", "X", "--terms", "b").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_series_is_copied_in_and_survives_the_file_being_deleted_and_bad_rows_are_named()
    {
        var bad = _cli.Write("bad.csv", "timestamp,value\n2024-01,1\n2024-02,x\n");
        var refused = _cli.Run("indicators", "add", "gdp", "--name", "GDP", "--csv", bad);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("bad.csv line 3: value 'x' is not a finite number", refused.Error, StringComparison.Ordinal);

        var good = _cli.Write("gdp.csv", "timestamp,value\n2024-01-01,1.5\n2024-03-01,2.5\n");
        Assert.Equal(0, _cli.Run("indicators", "add", "gdp", "--name", "GDP", "--csv", good).ExitCode);
        File.Delete(good);
        Assert.Equal([("2024-01", 1.5, 0), ("2024-02", null, 0), ("2024-03", 2.5, 0)], Points(Series("gdp")));
        Assert.Equal(2, _cli.Run("indicators", "show", "gdp").Json.GetProperty("rows").GetInt32());
    }

    [Fact]
    public void Export_and_import_round_trip_into_another_data_directory()
    {
        _cli.Run("indicators", "add", "ec", "--name", "Export controls", "--terms", "出口管制", "--rate", "--source", "Bulletin");
        _cli.Run("indicators", "add", "gdp", "--name", "GDP", "--period", "year", "--csv", _cli.Write("g.csv", "2020,1\n2021,2\n"));
        var file = Path.Combine(_cli.Root, "indicators.json");
        Assert.Equal(0, _cli.Run("indicators", "export", "--out", file).ExitCode);

        using var other = new CliRunner();
        var imported = other.Run("indicators", "import", file);
        Assert.Equal(0, imported.ExitCode);
        Assert.Equal(["ec", "gdp"], imported.Json.GetProperty("added").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(_cli.Run("indicators", "export").Out, other.Run("indicators", "export").Out);
        Assert.Equal(["ec", "gdp"], other.Run("indicators", "import", file).Json.GetProperty("unchanged").EnumerateArray().Select(a => a.GetString()));

        File.WriteAllText(file, "{\"format\":\"something else\"}");
        Assert.Equal(1, other.Run("indicators", "import", file).ExitCode);
    }

    [Fact]
    public void On_the_sample_corpus_yearly_security_mentions_match_the_reference_counts()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("ingest", TestPaths.SampleCorpus()).ExitCode);
        cli.Run("indicators", "add", "sec", "--name", "安全 / security", "--period", "year", "--terms", "安全", "security");
        var series = cli.Run("indicators", "series", "sec").Json;
        // samples/README.md "Reference counts": 安全 2019: 15, 2020: 1, 2021: 21, 2022: 13, 2023: 13, 2025: 11;
        // security 2020: 14, 2021: 1, 2023: 7, 2025: 8. 2024 has no dated document: an explicit 0. 2023 has two documents
        // (the police-cooperation news item, dated 2023-06-18, mentions neither term). The five .txt/.html files are undated.
        Assert.Equal([("2019", 15.0, 1), ("2020", 15.0, 1), ("2021", 22.0, 1), ("2022", 13.0, 1), ("2023", 20.0, 2), ("2024", 0.0, 0), ("2025", 19.0, 1)], Points(series));
        Assert.Equal(5, series.GetProperty("undated").GetInt32());
    }
}
