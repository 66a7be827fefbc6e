namespace Vigil.Cli.Tests;

/// <summary>The filters the web API brought to <c>vigil events list</c>: --bloc, --body and --doc (docs/events.md).</summary>
public sealed class EventsFilterCliTests
{
    /// <summary>
    /// Illustrative rows: a GB target on 2020-01-15 (the UK was in the EU until 31 January 2020), a GB target in 2021
    /// (no longer), a DE target in 2021, and a US target; two bodies.
    /// </summary>
    private const string Csv = """
        type,date,body,target.name_en,target.country,source_url
        sanction.counter,2020-01-15,Ministry of Foreign Affairs,Example A,GB,https://example.org/1
        sanction.counter,2021-06-01,Ministry of Foreign Affairs,Example B,GB,https://example.org/2
        sanction.counter,2021-06-01,MOFCOM,Example C,DE,https://example.org/3
        sanction.counter,2021-06-01,MOFCOM,Example D,US,https://example.org/4
        """;

    private static List<string> Targets(CliRunner.Result result) =>
        [.. result.Json.EnumerateArray().Select(e => e.GetProperty("targets")[0].GetProperty("name_en").GetString()!)];

    [Fact]
    public void Bloc_body_and_doc_filters_select_by_membership_on_the_date_by_body_and_by_document()
    {
        using var cli = new CliRunner();
        var file = cli.Write("filters.csv", Csv);
        Assert.Equal(0, cli.Run("events", "import", file, "--format", "csv", "--no-watch", "--json").ExitCode);

        Assert.Equal(["Example A", "Example C"], Targets(cli.Run("events", "list", "--bloc", "EU", "--json")));
        Assert.Equal(["Example A", "Example C"], Targets(cli.Run("events", "list", "--bloc", "欧盟", "--json")));
        Assert.Equal(["Example A", "Example B", "Example C", "Example D"], Targets(cli.Run("events", "list", "--bloc", "G7", "--json")));
        Assert.Equal(["Example C", "Example D"], Targets(cli.Run("events", "list", "--body", "mofcom", "--json")));
        Assert.Empty(cli.Run("events", "list", "--doc", "0123456789abcdef", "--json").Json.EnumerateArray());

        // Stats take the same filters: EU members on the date, by target country.
        var stats = cli.Run("events", "stats", "--by", "target-country", "--bloc", "EU", "--json").Json;
        Assert.Equal([("DE", 1), ("GB", 1)], stats.EnumerateArray().Select(r => (r.GetProperty("target-country").GetString(), r.GetProperty("count").GetInt32())));

        var bad = cli.Run("events", "list", "--bloc", "Narnia Pact");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--bloc 'Narnia Pact' is not a bloc", bad.Error, StringComparison.Ordinal);
    }
}
