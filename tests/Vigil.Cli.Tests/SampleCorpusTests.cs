namespace Vigil.Cli.Tests;

/// <summary>The README demo: the bundled illustrative corpus, counted against totals worked out by hand.</summary>
public sealed class SampleCorpusTests
{
    [Fact]
    public void The_demo_corpus_ingests_cleanly_and_its_counts_equal_the_hand_counts()
    {
        using var cli = new CliRunner();
        var ingest = cli.Run("ingest", TestPaths.SampleCorpus());
        Assert.Equal(0, ingest.ExitCode);
        Assert.Equal(12, ingest.Json.GetProperty("ingested").GetInt32());

        // Totals counted independently when the sample corpus was written (samples/README.md): the HTML pages'
        // title, menu, script and footer must not count; hyphenation and phrases across line breaks must. The two
        // event samples (police cooperation; countermeasures and attacks) contain none of the four terms.
        var totals = cli.Run("count", "安全", "国家安全", "security", "national security", "--by", "corpus").Json.EnumerateArray()
            .ToDictionary(r => r.GetProperty("term").GetString()!, r => r.GetProperty("count").GetInt64());
        Assert.Equal(102, totals["安全"]);
        Assert.Equal(27, totals["国家安全"]);
        Assert.Equal(52, totals["security"]);
        Assert.Equal(12, totals["national security"]);

        var languages = cli.Run("docs").Json.EnumerateArray().GroupBy(d => d.GetProperty("language").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["en"] = 3, ["zh-Hans"] = 3, ["zh-Hant"] = 2, ["mixed"] = 4 }, languages);
    }
}
