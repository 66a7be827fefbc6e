using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vigil.Cli.Tests;

/// <summary>taxonomy, classify, domains, eval domains and trend, end to end in process.</summary>
public sealed class DomainCommandTests
{
    private static Dictionary<string, JsonElement> ById(JsonElement domains) =>
        domains.EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!);

    [Theory]
    [InlineData("2014", 11)]
    [InlineData("2021", 16)]
    [InlineData("2024", 20)]
    public void The_built_in_taxonomy_has_11_16_and_20_fields(string version, int count)
    {
        using var cli = new CliRunner();
        var result = cli.Run("taxonomy", "--version", version);
        Assert.Equal(0, result.ExitCode);
        var domains = result.Json.GetProperty("domains").EnumerateArray().ToList();
        Assert.Equal(count, domains.Count);
        Assert.All(domains, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("definition").GetString()));
            Assert.NotEmpty(d.GetProperty("laws").EnumerateArray());
            Assert.Contains(d.GetProperty("terms").EnumerateArray(), t => t.GetProperty("weight").GetDouble() > 0);
        });
        var cyber = domains.Single(d => d.GetProperty("id").GetString() == "cyber");
        Assert.Equal(version == "2014" ? "信息安全" : "网络安全", cyber.GetProperty("zh").GetString());
    }

    [Fact]
    public void The_fixed_domain_ids_are_all_there()
    {
        using var cli = new CliRunner();
        var ids = cli.Run("taxonomy").Json.GetProperty("domains").EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Equal(["political", "homeland", "military", "economic", "financial", "cultural", "social", "science-technology", "cyber", "food",
            "ecological", "resource", "nuclear", "overseas-interests", "space", "deep-sea", "polar", "biological", "ai", "data"], ids);
    }

    [Fact]
    public void An_unknown_version_and_a_broken_user_file_are_usage_errors_naming_file_and_line()
    {
        using var cli = new CliRunner();
        var unknown = cli.Run("taxonomy", "--version", "1999");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown taxonomy version '1999'", unknown.Error, StringComparison.Ordinal);

        var bad = cli.Write("bad.vtax", "domain economic\n  term lots 供应链\ndomain economic\n");
        var result = cli.Run("taxonomy", "--taxonomy-file", bad);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{bad}:2: term weight 'lots' is not a number", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{bad}:3: duplicate domain id 'economic'", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void A_taxonomy_file_in_the_data_directory_extends_the_built_in_one()
    {
        using var cli = new CliRunner();
        Directory.CreateDirectory(cli.DataDirectory);
        File.WriteAllText(Path.Combine(cli.DataDirectory, "taxonomy.vtax"), """
            domain maritime-militia
              zh 海上民兵
              en maritime militia
              definition Armed fishing fleets used for sovereignty claims.
              parent homeland
              term 3 海上民兵
              term 3 maritime militia
            """);
        var taxonomy = cli.Run("taxonomy").Json.GetProperty("domains").EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Equal(21, taxonomy.Count);
        Assert.Equal("maritime-militia", taxonomy[^1]);

        var file = cli.Write("m.txt", "The maritime militia shadowed the survey ship.");
        var domains = ById(cli.Run("classify", file).Json.GetProperty("domains"));
        Assert.True(domains["maritime-militia"].GetProperty("assigned").GetBoolean());
        Assert.True(domains["homeland"].GetProperty("assigned").GetBoolean()); // the child's evidence reaches its parent
    }

    [Fact]
    public void Classify_reads_standard_input_and_keeps_the_documented_json_shape()
    {
        using var cli = new CliRunner();
        var text = "我们要确保粮食安全，守住耕地红线，把中国人的饭碗牢牢端在自己手中。";
        var result = cli.RunWithInput(Encoding.UTF8.GetBytes(text), "classify", "-");
        Assert.Equal(0, result.ExitCode);
        var food = ById(result.Json.GetProperty("domains"))["food"];
        Assert.True(food.GetProperty("assigned").GetBoolean());
        var score = food.GetProperty("score").GetDouble();
        Assert.InRange(score, 0.5, 1.0);
        var evidence = food.GetProperty("evidence").EnumerateArray().First(e => e.GetProperty("term").GetString() == "粮食安全");
        Assert.Equal(1, evidence.GetProperty("count").GetInt32());
        var snippet = evidence.GetProperty("snippets")[0];
        Assert.Equal(text.IndexOf("粮食安全", StringComparison.Ordinal), snippet.GetProperty("offset").GetInt32());
        Assert.Contains("粮食安全", snippet.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Food_safety_and_social_security_benefits_are_not_security_domains()
    {
        using var cli = new CliRunner();
        var file = cli.Write("lookalikes.txt", "加强食品安全监管，严查农药残留。\n\nSocial Security benefits and pensions will rise next year, the Social Security Administration said.\n\nThe UN Security Council met on Tuesday.");
        var result = cli.Run("classify", file, "--level", "paragraph");
        Assert.Equal(0, result.ExitCode);
        foreach (var paragraph in result.Json.GetProperty("paragraphs").EnumerateArray())
        {
            Assert.DoesNotContain(paragraph.GetProperty("domains").EnumerateArray(), d => d.GetProperty("assigned").GetBoolean());
        }
    }

    [Fact]
    public void Traditional_and_simplified_texts_get_the_same_scores()
    {
        using var cli = new CliRunner();
        var simplified = cli.Write("s.txt", "维护国家网络安全，保护关键信息基础设施，防范网络攻击。");
        var traditional = cli.Write("t.txt", "維護國家網絡安全，保護關鍵信息基礎設施，防範網絡攻擊。");
        var a = cli.Run("classify", simplified).Json.GetProperty("domains");
        var b = cli.Run("classify", traditional).Json.GetProperty("domains");
        Assert.Equal(a.EnumerateArray().Select(d => (d.GetProperty("id").GetString(), d.GetProperty("score").GetDouble())),
            b.EnumerateArray().Select(d => (d.GetProperty("id").GetString(), d.GetProperty("score").GetDouble())));
        Assert.True(ById(a)["cyber"].GetProperty("assigned").GetBoolean());
    }

    [Fact]
    public void Classify_reports_unreadable_input_in_one_line()
    {
        using var cli = new CliRunner();
        var missing = cli.Run("classify", Path.Combine(cli.Files, "nope.txt"));
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("nope.txt: cannot be read", missing.Error, StringComparison.Ordinal);

        var png = cli.WriteBytes("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        var binary = cli.Run("classify", png);
        Assert.Equal(3, binary.ExitCode);
        Assert.Single(binary.Error.Trim().Split('\n'));

        var empty = cli.Run("classify", cli.Write("empty.txt", "   \n\n  "));
        Assert.Equal(3, empty.ExitCode);
    }

    [Fact]
    public void Domains_over_the_sample_corpus_per_document_and_per_paragraph()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("ingest", TestPaths.SampleCorpus()).ExitCode);
        var docs = cli.Run("domains").Json.EnumerateArray().ToDictionary(d => Path.GetFileName(d.GetProperty("path").GetString()!));
        Assert.Equal(12, docs.Count);

        static HashSet<string> Assigned(JsonElement row) =>
            row.GetProperty("domains").EnumerateArray().Where(d => d.GetProperty("assigned").GetBoolean()).Select(d => d.GetProperty("id").GetString()!).ToHashSet();

        // Each sample was written about these fields (samples/README.md).
        Assert.Contains("food", Assigned(docs["zh-hans-2021-explainer-food-security-vs-food-safety.md"]));
        Assert.Contains("ai", Assigned(docs["bilingual-2025-brief-ai-security.md"]));
        Assert.Contains("cyber", Assigned(docs["en-explainer-cyber-and-data-security.txt"]));
        Assert.Contains("data", Assigned(docs["en-explainer-cyber-and-data-security.txt"]));
        Assert.Contains("overseas-interests", Assigned(docs["zh-hant-news-overseas-interests.html"]));
        Assert.Contains("economic", Assigned(docs["zh-hant-2022-brief-supply-chain-economic-security.md"]));

        var id = docs["zh-hans-2021-explainer-food-security-vs-food-safety.md"].GetProperty("doc").GetString()!;
        var paragraphs = cli.Run("domains", "--doc", id, "--level", "paragraph").Json.EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, paragraphs.Count), paragraphs.Select(p => p.GetProperty("paragraph").GetInt32()));
        Assert.All(paragraphs, p => Assert.Equal(id, p.GetProperty("doc").GetString()));
        Assert.Contains(paragraphs, p => Assigned(p).Contains("food"));

        var terminal = cli.Run(terminal: true, "domains");
        Assert.Equal(0, terminal.ExitCode);
        Assert.Contains("food", terminal.Console, StringComparison.Ordinal);

        var unknown = cli.Run("domains", "--doc", "ffffffffffff");
        Assert.Equal(1, unknown.ExitCode);
    }

    [Fact]
    public void Eval_scores_labelled_paragraphs_and_skips_changed_ones()
    {
        using var cli = new CliRunner();
        var corpus = Path.Combine(cli.Root, "corpus");
        Directory.CreateDirectory(Path.Combine(corpus, "zh"));
        const string food = "我们要确保粮食安全，守住耕地红线，把饭碗牢牢端在自己手中。";
        const string none = "今天的会议讨论了城市公园的绿化和道路的维修安排。";
        File.WriteAllText(Path.Combine(corpus, "zh", "a.txt"), $"标题\n\n{food}\n\n{none}\n");
        static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..16];
        var labels = cli.Write("labels.tsv", string.Join("\n",
            "file\tline\tsha256_16\tlang\tsplit\tlabels\tnote",
            $"zh/a.txt\t3\t{Hash(food)}\tzh\tdev\tfood\tgrain",
            $"zh/a.txt\t5\t{Hash(none)}\tzh\tdev\t-\tnothing",
            $"zh/a.txt\t1\t0000000000000000\tzh\ttest\tpolitical\tchanged text",
            $"zh/a.txt\t7\t{Hash(none)}\tzh\tdev\tnot-a-domain\tbad id"));
        var result = cli.Run("eval", "domains", "--labels", labels, "--corpus", corpus, "--errors", "5");
        Assert.Equal(2, result.ExitCode); // one bad record, one changed paragraph
        Assert.Contains($"{labels}:5: unknown domain id(s) not-a-domain", result.Error, StringComparison.Ordinal);
        Assert.Contains("zh/a.txt:1: the paragraph's text differs", result.Error, StringComparison.Ordinal);
        var json = result.Json;
        Assert.Equal(2, json.GetProperty("paragraphs").GetInt32());
        var foodRow = json.GetProperty("domains").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "food");
        Assert.Equal(1, foodRow.GetProperty("support").GetInt32());
        Assert.Equal(1, foodRow.GetProperty("true_positives").GetInt32());
        Assert.Equal(1.0, json.GetProperty("macro").GetProperty("f1").GetDouble());
        Assert.Equal(1.0, json.GetProperty("exact_match").GetDouble());

        var dev = cli.Run("eval", "domains", "--labels", labels, "--corpus", corpus, "--split", "test");
        Assert.Equal(0, dev.Json.GetProperty("paragraphs").GetInt32());

        Assert.Equal(1, cli.Run("eval", "domains", "--labels", Path.Combine(cli.Root, "none.tsv"), "--corpus", corpus).ExitCode);
        Assert.Equal(1, cli.Run("eval", "domains", "--labels", labels, "--corpus", corpus, "--param", "tau=-1").ExitCode);
    }

    [Fact]
    public void Trend_of_terms_domains_and_the_securitisation_index_with_charts()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("ingest", TestPaths.SampleCorpus()).ExitCode);

        // Per year, rates come from summed counts: the 2021 food explainer's 安全 count equals `count --by year`.
        var trend = cli.Run("trend", "安全", "--by", "year").Json.EnumerateArray().ToList();
        var count = cli.Run("count", "安全", "--by", "year").Json.EnumerateArray().ToList();
        Assert.Equal(count.Select(c => (c.GetProperty("year").GetString(), c.GetProperty("count").GetInt64(), c.GetProperty("per10k").GetDouble())).Order(),
            trend.Select(t => (t.GetProperty("key").GetString(), t.GetProperty("count").GetInt64(), t.GetProperty("value").GetDouble())).Order());
        Assert.Equal("(undated)", trend[^1].GetProperty("key").GetString());

        var index = cli.Run("trend", "--index", "securitization", "--by", "doc").Json.EnumerateArray().ToList();
        Assert.Equal(12, index.Count);
        foreach (var row in index)
        {
            // value = 100 × (share + D / (D + 30)) / 2, recomputed from the row's own components.
            var share = (double)row.GetProperty("securitized_paragraphs").GetInt64() / row.GetProperty("paragraphs").GetInt64();
            var units = row.GetProperty("han").GetInt64() + row.GetProperty("words").GetInt64();
            var d = 10_000.0 * (row.GetProperty("security_zh").GetInt64() + row.GetProperty("security_en").GetInt64()) / units;
            Assert.Equal(Math.Round(100 * (share + d / (d + 30)) / 2, 4), row.GetProperty("value").GetDouble(), 3);
            Assert.False(string.IsNullOrEmpty(row.GetProperty("path").GetString()));
        }

        var domain = cli.Run("trend", "--domain", "food", "--by", "source").Json.EnumerateArray().ToList();
        Assert.All(domain, r => Assert.InRange(r.GetProperty("value").GetDouble(), 0, 100));
        Assert.Contains(domain, r => r.GetProperty("count").GetInt64() > 0);

        var png = Path.Combine(cli.Root, "trend.png");
        var svg = Path.Combine(cli.Root, "trend.svg");
        Assert.Equal(0, cli.Run("trend", "--index", "securitization", "--by", "year", "--png", png, "--svg", svg).ExitCode);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], File.ReadAllBytes(png)[..4]);
        Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);

        Assert.Equal(1, cli.Run("trend", "--by", "year").ExitCode);
        Assert.Equal(1, cli.Run("trend", "安全", "--index", "securitization").ExitCode);
        Assert.Equal(1, cli.Run("trend", "安全", "--png", Path.Combine(cli.Root, "x.svg")).ExitCode);
        var noDir = cli.Run("trend", "安全", "--png", Path.Combine(cli.Root, "missing", "x.png"));
        Assert.Equal(2, noDir.ExitCode);
        Assert.Contains("could not write", noDir.Error, StringComparison.Ordinal);

        var terminal = cli.Run(terminal: true, "trend", "安全", "--by", "year");
        Assert.Equal(0, terminal.ExitCode);
        Assert.Contains("2021", terminal.Console, StringComparison.Ordinal);
    }
}
