using System.Text.Json;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil keyness</c> and <c>vigil collocates</c> on corpora counted by hand.</summary>
public sealed class KeynessCollocatesCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public KeynessCollocatesCliTests()
    {
        // alpha.txt: alpha ×10, filler ×990 (1,000 English tokens); beta.txt: alpha ×2, beta ×8, filler ×990.
        _cli.Write("alpha.txt", Repeat("alpha", 10) + Repeat("filler", 990));
        _cli.Write("beta.txt", Repeat("alpha", 2) + Repeat("beta", 8) + Repeat("filler", 990));
        // The fruit corpus of the Core collocation tests: 9 tokens, "apple" 4 times.
        _cli.Write("fruit1.md", "---\nsource: Fruit\n---\nred apple green apple red pear\n");
        _cli.Write("fruit2.md", "---\nsource: Fruit\n---\napple red apple\n");
        Assert.Equal(0, _cli.Run("ingest", _cli.Files).ExitCode);
    }

    public void Dispose() => _cli.Dispose();

    private static string Repeat(string word, int times) => string.Concat(Enumerable.Repeat(word + " ", times));

    private static void AssertOneLineUsageError(CliRunner.Result result, string mentions)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.Contains(mentions, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Keyness_json_has_the_specified_shape_and_hand_worked_values()
    {
        var json = _cli.Run("keyness", "--a", "alpha.txt", "--b", "beta.txt").Json;
        Assert.Equal(1, json.GetProperty("a").GetProperty("docs").GetInt32());
        Assert.Equal(1000, json.GetProperty("a").GetProperty("tokens").GetProperty("en").GetInt64());
        Assert.Equal(0, json.GetProperty("a").GetProperty("tokens").GetProperty("zh").GetInt64());
        Assert.Equal(1000, json.GetProperty("b").GetProperty("tokens").GetProperty("en").GetInt64());

        var words = json.GetProperty("words").EnumerateArray().ToList();
        Assert.Equal(["alpha", "beta"], words.Select(w => w.GetProperty("word").GetString()));
        var alpha = words[0];
        Assert.Equal(
            ["word", "lang", "a", "b", "a_per10k", "b_per10k", "g2", "log_ratio", "direction"],
            alpha.EnumerateObject().Select(p => p.Name));
        // alpha: 10 vs 2 in 1,000 each: G² = 2(10 ln(10/6) + 2 ln(2/6)) = 5.822063 → 5.8221; log2(5) = 2.3219.
        Assert.Equal("en", alpha.GetProperty("lang").GetString());
        Assert.Equal((10, 2), (alpha.GetProperty("a").GetInt64(), alpha.GetProperty("b").GetInt64()));
        Assert.Equal((100.0, 20.0), (alpha.GetProperty("a_per10k").GetDouble(), alpha.GetProperty("b_per10k").GetDouble()));
        Assert.Equal(5.8221, alpha.GetProperty("g2").GetDouble());
        Assert.Equal(2.3219, alpha.GetProperty("log_ratio").GetDouble());
        Assert.Equal("a", alpha.GetProperty("direction").GetString());
        // beta: 0 vs 8: G² = 16 ln 2 = 11.090355 → 11.0904; log ratio log2(0.5/8) = −4.
        Assert.Equal(11.0904, words[1].GetProperty("g2").GetDouble());
        Assert.Equal(-4, words[1].GetProperty("log_ratio").GetDouble());
        Assert.Equal("b", words[1].GetProperty("direction").GetString());
    }

    [Fact]
    public void Keyness_without_b_compares_against_every_other_document()
    {
        var json = _cli.Run("keyness", "--a", "alpha.txt", "--min-freq", "1").Json;
        Assert.Equal(3, json.GetProperty("b").GetProperty("docs").GetInt32());
        Assert.Equal(1009, json.GetProperty("b").GetProperty("tokens").GetProperty("en").GetInt64()); // 1,000 + 6 + 3
    }

    [Fact]
    public void Keyness_usage_errors_are_one_line()
    {
        AssertOneLineUsageError(_cli.Run("keyness", "--b", "beta.txt"), "set A");
        AssertOneLineUsageError(_cli.Run("keyness", "--a", "no-such-doc"), "'no-such-doc'");
        AssertOneLineUsageError(_cli.Run("keyness", "--a", "alpha.txt", "--b", "beta.txt", "--b", "alpha.txt"), "both A and B");
        AssertOneLineUsageError(_cli.Run("keyness", "--a-source", "Fruit", "--b", "fruit2.md"), "both A and B");
        AssertOneLineUsageError(_cli.Run("keyness", "--a-source", "Nobody"), "'Nobody'");
        AssertOneLineUsageError(_cli.Run("keyness", "--a", "alpha.txt", "--a", "beta.txt", "--a-source", "Fruit"), "set B is empty");
        AssertOneLineUsageError(_cli.Run("keyness", "--a", "alpha.txt", "--min-freq", "0"), "--min-freq");
        Assert.Equal(1, _cli.Run("keyness", "--a", "alpha.txt", "--p", "0.2").ExitCode);
        Assert.Equal(1, _cli.Run("keyness", "--a", "alpha.txt", "--lang", "fr").ExitCode);
    }

    [Fact]
    public void Keyness_on_a_terminal_is_a_table()
    {
        var result = _cli.Run(terminal: true, "keyness", "--a", "alpha.txt", "--b", "beta.txt");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("G²", result.Console, StringComparison.Ordinal);
        Assert.Contains("alpha", result.Console, StringComparison.Ordinal);
        Assert.Contains("5.82", result.Console, StringComparison.Ordinal);
        Assert.Contains("2 words", result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public void Collocates_json_has_the_specified_shape_and_hand_worked_values()
    {
        var json = _cli.Run("collocates", "apple", "--window", "1", "--min-freq", "1", "--source", "Fruit").Json;
        Assert.Equal(["term", "window", "measure", "node", "tokens", "collocates"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("apple", json.GetProperty("term").GetString());
        Assert.Equal(1, json.GetProperty("window").GetInt32());
        Assert.Equal("logdice", json.GetProperty("measure").GetString());
        Assert.Equal(4, json.GetProperty("node").GetInt64());
        Assert.Equal(9, json.GetProperty("tokens").GetInt64());

        var red = json.GetProperty("collocates")[0];
        Assert.Equal(["word", "lang", "cooc", "freq", "score", "logdice", "mi", "t"], red.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("red", "en", 3L, 3L), (red.GetProperty("word").GetString(), red.GetProperty("lang").GetString(), red.GetProperty("cooc").GetInt64(), red.GetProperty("freq").GetInt64()));
        // logDice 14 + log2(6/7) = 13.777608; MI log2(27/12) = 1.169925; t (3 − 12/9)/√3 = 0.962250 (4 decimals).
        Assert.Equal(13.7776, red.GetProperty("logdice").GetDouble());
        Assert.Equal(13.7776, red.GetProperty("score").GetDouble());
        Assert.Equal(1.1699, red.GetProperty("mi").GetDouble());
        Assert.Equal(0.9623, red.GetProperty("t").GetDouble());
        Assert.Equal("green", json.GetProperty("collocates")[1].GetProperty("word").GetString());
    }

    [Fact]
    public void Collocates_by_t_score_and_limited_to_documents()
    {
        var json = _cli.Run("collocates", "apple", "--window", "1", "--min-freq", "1", "--measure", "t", "--doc", "fruit2.md").Json;
        // fruit2 alone: apple red apple → node 2, tokens 3, red: cooc 1 (one position in both windows), freq 1.
        Assert.Equal((2, 3), (json.GetProperty("node").GetInt64(), json.GetProperty("tokens").GetInt64()));
        var red = json.GetProperty("collocates").EnumerateArray().Single();
        // t = (1 − 2·1/3)/√1 = 0.3333
        Assert.Equal(0.3333, red.GetProperty("score").GetDouble());
        Assert.Equal("t", json.GetProperty("measure").GetString());
    }

    [Fact]
    public void Collocates_usage_errors_are_one_line()
    {
        AssertOneLineUsageError(_cli.Run("collocates", "apple", "--window", "0"), "--window");
        AssertOneLineUsageError(_cli.Run("collocates", "apple", "--window=-3"), "--window");
        AssertOneLineUsageError(_cli.Run("collocates", "apple", "--window", "-3"), "--window");
        AssertOneLineUsageError(_cli.Run("collocates", "apple", "--doc", "no-such-doc"), "'no-such-doc'");
        AssertOneLineUsageError(_cli.Run("collocates", "apple", "--source", "Nobody"), "'Nobody'");
        AssertOneLineUsageError(_cli.Run("collocates", "  "), "empty");
        Assert.Equal(1, _cli.Run("collocates", "apple", "--measure", "dice").ExitCode);
    }

    [Fact]
    public void Collocates_on_a_terminal_is_a_table()
    {
        var result = _cli.Run(terminal: true, "collocates", "apple", "--window", "1", "--min-freq", "1");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("logDice", result.Console, StringComparison.Ordinal);
        Assert.Contains("red", result.Console, StringComparison.Ordinal);
    }
}

/// <summary>The commands on the bundled sample corpus (twelve documents, hand-counted in samples/README.md).</summary>
public sealed class KeynessCollocatesSampleCorpusTests : IDisposable
{
    private readonly CliRunner _cli = new();

    // The repository's samples/corpus, five levels above tests/Vigil.Cli.Tests/bin/<configuration>/<framework>/.
    private static readonly string SampleCorpus =
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "samples", "corpus"));

    public KeynessCollocatesSampleCorpusTests()
    {
        Assert.True(Directory.Exists(SampleCorpus), $"samples/corpus is part of the repository; expected it at {SampleCorpus}.");
        Assert.Equal(0, _cli.Run("ingest", SampleCorpus).ExitCode);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Keyness_of_a_source_against_the_rest_is_ordered_and_consistent()
    {
        var json = _cli.Run("keyness", "--a-source", "Illustrative Policy Digest", "--top", "0").Json;
        Assert.Equal(4, json.GetProperty("a").GetProperty("docs").GetInt32());
        Assert.Equal(8, json.GetProperty("b").GetProperty("docs").GetInt32());
        var words = json.GetProperty("words").EnumerateArray().ToList();
        Assert.NotEmpty(words);

        // A's keywords first, then B's; each by G² descending; every row passes the filters; rates use its language's total.
        var directions = words.Select(w => w.GetProperty("direction").GetString()).ToList();
        Assert.Equal(directions.OrderBy(d => d, StringComparer.Ordinal), directions);
        foreach (var group in words.GroupBy(w => w.GetProperty("direction").GetString()))
        {
            var g2 = group.Select(w => w.GetProperty("g2").GetDouble()).ToList();
            Assert.Equal(g2.OrderByDescending(x => x), g2);
        }

        foreach (var w in words)
        {
            var lang = w.GetProperty("lang").GetString()!;
            long a = w.GetProperty("a").GetInt64(), b = w.GetProperty("b").GetInt64();
            Assert.True(a + b >= 5);
            Assert.True(w.GetProperty("g2").GetDouble() >= 3.84);
            Assert.Equal(Math.Round(a * 10_000.0 / Tokens(json, "a", lang), 4), w.GetProperty("a_per10k").GetDouble());
            Assert.Equal(Math.Round(b * 10_000.0 / Tokens(json, "b", lang), 4), w.GetProperty("b_per10k").GetDouble());
            Assert.Equal(lang == "zh", w.GetProperty("word").GetString()!.Any(c => c >= '\u4E00' && c <= '\u9FFF'));
        }

        var zhOnly = _cli.Run("keyness", "--a-source", "Illustrative Policy Digest", "--lang", "zh").Json.GetProperty("words").EnumerateArray();
        Assert.All(zhOnly, w => Assert.Equal("zh", w.GetProperty("lang").GetString()));
    }

    private static long Tokens(JsonElement json, string set, string lang) => json.GetProperty(set).GetProperty("tokens").GetProperty(lang).GetInt64();

    [Fact]
    public void Collocates_nodes_are_the_substring_true_counts()
    {
        // 102 安全, 27 国家安全 and 52 security: the hand counts of samples/README.md (see SampleCorpusTests).
        Assert.Equal(102, _cli.Run("collocates", "安全").Json.GetProperty("node").GetInt64());
        Assert.Equal(27, _cli.Run("collocates", "國家安全").Json.GetProperty("node").GetInt64());
        var security = _cli.Run("collocates", "security").Json;
        Assert.Equal(52, security.GetProperty("node").GetInt64());
        var scores = security.GetProperty("collocates").EnumerateArray().Select(c => c.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(x => x), scores);
        Assert.All(security.GetProperty("collocates").EnumerateArray(), c => Assert.True(c.GetProperty("cooc").GetInt64() >= 3));
    }
}
