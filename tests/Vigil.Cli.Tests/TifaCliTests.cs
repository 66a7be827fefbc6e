using System.Text.Json;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil tifa list|timeline|diff</c> on the sample corpus, bad input, and the real congress reports.</summary>
public sealed class TifaCliTests
{
    private static CliRunner WithSamples()
    {
        var cli = new CliRunner();
        Assert.Equal(0, cli.Run("ingest", TestPaths.SampleCorpus()).ExitCode);
        return cli;
    }

    private static string DocId(CliRunner cli, string fileName) =>
        cli.Run("docs").Json.EnumerateArray().Single(d => d.GetProperty("path").GetString()!.EndsWith(fileName, StringComparison.Ordinal)).GetProperty("id").GetString()!;

    private static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    private static void AssertOneLineError(CliRunner.Result result, int exitCode, string contains)
    {
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(contains, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    public sealed class List
    {
        [Fact]
        public void Writes_every_formulation_with_the_specified_keys()
        {
            using var cli = new CliRunner();
            var result = cli.Run("tifa", "list");
            Assert.Equal(0, result.ExitCode);
            var entries = result.Json.EnumerateArray().ToList();
            Assert.True(entries.Count >= 90);
            Assert.All(entries, e => Assert.Equal(["id", "zh", "en", "domains", "near", "since", "notes"], Keys(e)));
            var so = entries.Single(e => e.GetProperty("id").GetString() == "strategic-opportunity");
            Assert.Equal("战略机遇期", so.GetProperty("zh")[0].GetString());
            Assert.Equal("战略机遇", so.GetProperty("near")[0].GetString());
            Assert.Equal(2002, so.GetProperty("since").GetInt32());
            Assert.Equal(JsonValueKind.Null, entries.First(e => e.GetProperty("since").ValueKind == JsonValueKind.Null).GetProperty("since").ValueKind);
        }

        [Fact]
        public void Filters_by_domain_and_refuses_an_unknown_one()
        {
            using var cli = new CliRunner();
            var military = cli.Run("tifa", "list", "--domain", "military").Json.EnumerateArray().ToList();
            Assert.NotEmpty(military);
            Assert.All(military, e => Assert.Contains("military", e.GetProperty("domains").EnumerateArray().Select(d => d.GetString())));
            Assert.Contains(military, e => e.GetProperty("id").GetString() == "military-civil-fusion");
            AssertOneLineError(cli.Run("tifa", "list", "--domain", "militry"), 1, "unknown domain 'militry'");
        }

        [Fact]
        public void A_user_dictionary_adds_and_replaces_entries()
        {
            using var cli = new CliRunner();
            var dict = cli.Write("mine.txt", "[my-phrase]\nzh = 甲乙丙丁\nen = my phrase\ndomains = cyber\n\n[new-era]\nzh = 新时代\nnotes = replaced\n");
            var builtIn = cli.Run("tifa", "list").Json.GetArrayLength();
            var entries = cli.Run("tifa", "list", "--dict", dict).Json.EnumerateArray().ToList();
            Assert.Equal(builtIn + 1, entries.Count);
            Assert.Equal("my-phrase", entries[^1].GetProperty("id").GetString());
            Assert.Equal("replaced", entries.Single(e => e.GetProperty("id").GetString() == "new-era").GetProperty("notes").GetString());
        }

        [Fact]
        public void A_bad_user_dictionary_is_one_line_naming_file_and_line()
        {
            using var cli = new CliRunner();
            var dict = cli.Write("bad.txt", "[ok]\nzh = 甲乙丙丁\n\n[broken]\nzh = 丙丁戊己\ndomains = cyberr\n");
            AssertOneLineError(cli.Run("tifa", "list", "--dict", dict), 1, $"{dict}:6: [broken] unknown domain id 'cyberr'");
            AssertOneLineError(cli.Run("tifa", "list", "--dict", Path.Combine(cli.Files, "missing.txt")), 1, "dictionary file not found");
        }

        [Fact]
        public void Renders_a_table_in_a_terminal()
        {
            using var cli = new CliRunner();
            var result = cli.Run(terminal: true, "tifa", "list", "--domain", "food");
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("粮食安全", result.Console, StringComparison.Ordinal);
            Assert.Contains("formulations", result.Console, StringComparison.Ordinal);
        }
    }

    public sealed class Timeline
    {
        [Fact]
        public void Gives_a_row_per_document_sorted_by_date_with_undated_last()
        {
            using var cli = WithSamples();
            var result = cli.Run("tifa", "timeline", "holistic-national-security");
            Assert.Equal(0, result.ExitCode);
            var rows = result.Json.EnumerateArray().ToList();
            Assert.Equal(12, rows.Count);
            Assert.All(rows, r => Assert.Equal(["key", "doc", "path", "date", "count", "per10k", "zh", "en", "docs", "han", "words", "near"], Keys(r)));
            var dates = rows.Select(r => r.GetProperty("date").ValueKind == JsonValueKind.Null ? null : r.GetProperty("date").GetString()).ToList();
            Assert.Equal(["2019-04-15", "2020-09-14", "2021-10-16", "2022-11-08", "2023-05-20", "2023-06-18", "2025-02-10", null, null, null, null, null], dates);

            // Counted independently in the sample files (总体国家安全观 / 總體國家安全觀 and the English renderings):
            // 9 occurrences in 12 documents; the 2020 and 2025 briefs have one of each language.
            var counts = rows.ToDictionary(r => Path.GetFileName(r.GetProperty("path").GetString()!), r => (r.GetProperty("zh").GetInt64(), r.GetProperty("en").GetInt64()));
            Assert.Equal((1L, 1L), counts["en-2020-brief-technology-security.md"]);
            Assert.Equal((1L, 1L), counts["bilingual-2025-brief-ai-security.md"]);
            Assert.Equal((0L, 1L), counts["en-explainer-cyber-and-data-security.txt"]);
            Assert.Equal((1L, 0L), counts["zh-hant-news-overseas-interests.html"]);
            Assert.Equal(9, rows.Sum(r => r.GetProperty("count").GetInt64()));
        }

        [Fact]
        public void Groups_by_year_and_by_source()
        {
            using var cli = WithSamples();
            var years = cli.Run("tifa", "timeline", "holistic-national-security", "--by", "year").Json.EnumerateArray().ToList();
            Assert.Equal(["2019", "2020", "2021", "2022", "2023", "2025", "(undated)"], years.Select(r => r.GetProperty("key").GetString()));
            Assert.Equal(5, years[^1].GetProperty("docs").GetInt32());
            Assert.Equal(JsonValueKind.Null, years[0].GetProperty("doc").ValueKind);

            var sources = cli.Run("tifa", "timeline", "holistic-national-security", "--by", "source").Json.EnumerateArray().ToList();
            Assert.Equal(12, sources.Sum(r => r.GetProperty("docs").GetInt32()));
            Assert.Equal("(none)", sources[^1].GetProperty("key").GetString());
        }

        [Fact]
        public void Accepts_a_Chinese_form_for_the_id()
        {
            using var cli = WithSamples();
            Assert.Equal(0, cli.Run("tifa", "timeline", "總體國家安全觀").ExitCode);
        }

        [Fact]
        public void An_unknown_id_lists_close_ids()
        {
            using var cli = new CliRunner();
            AssertOneLineError(cli.Run("tifa", "timeline", "strategic-oportunity"), 1, "close ids: strategic-opportunity");
        }

        [Fact]
        public void Renders_a_table_in_a_terminal()
        {
            using var cli = WithSamples();
            var result = cli.Run(terminal: true, "tifa", "timeline", "development-and-security");
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("统筹发展和安全", result.Console, StringComparison.Ordinal);
        }
    }

    public sealed class Diff
    {
        [Fact]
        public void Writes_the_specified_shape()
        {
            using var cli = WithSamples();
            var a = DocId(cli, "zh-hans-2021-explainer-food-security-vs-food-safety.md");
            var result = cli.Run("tifa", "diff", a[..6], Path.Combine(TestPaths.SampleCorpus(), "bilingual-2023-brief-development-and-security.md"));
            Assert.Equal(0, result.ExitCode);
            var json = result.Json;
            Assert.Equal(["a", "b", "appeared", "disappeared", "rose", "fell", "unchanged", "candidates"], Keys(json));
            Assert.Equal(["source", "docs", "han", "words"], Keys(json.GetProperty("a")));
            Assert.Equal(a, json.GetProperty("a").GetProperty("docs")[0].GetProperty("id").GetString());

            var entries = new[] { "appeared", "disappeared", "rose", "fell", "unchanged" }.SelectMany(k => json.GetProperty(k).EnumerateArray()).ToList();
            Assert.NotEmpty(entries);
            Assert.All(entries, e => Assert.Equal(["id", "zh", "en", "a", "b", "a_per10k", "b_per10k", "g2", "log_ratio", "near", "forms", "domains"], Keys(e)));

            // 统筹发展和安全 is absent from the 2021 explainer; the 2023 brief has it twice in Chinese and once in English.
            var ds = json.GetProperty("appeared").EnumerateArray().Single(e => e.GetProperty("id").GetString() == "development-and-security");
            Assert.Equal((0L, 3L), (ds.GetProperty("a").GetInt64(), ds.GetProperty("b").GetInt64()));
            Assert.All(json.GetProperty("candidates").EnumerateArray(),
                c => Assert.Equal(["phrase", "lang", "a", "b", "a_per10k", "b_per10k", "g2", "log_ratio"], Keys(c)));
        }

        [Fact]
        public void Compares_sources()
        {
            using var cli = WithSamples();
            var result = cli.Run("tifa", "diff", "--a-source", "Sample Official Bulletin", "--b-source", "Illustrative Policy Digest");
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(1, result.Json.GetProperty("a").GetProperty("docs").GetArrayLength());
            Assert.Equal(4, result.Json.GetProperty("b").GetProperty("docs").GetArrayLength());
            Assert.Equal("Illustrative Policy Digest", result.Json.GetProperty("b").GetProperty("source").GetString());
        }

        [Fact]
        public void Refuses_bad_input_with_one_line()
        {
            using var cli = WithSamples();
            var a = DocId(cli, "zh-hans-2019-communique-security-education-day.md");
            AssertOneLineError(cli.Run("tifa", "diff", a, "nosuchdoc"), 1, "no document matches 'nosuchdoc'");
            AssertOneLineError(cli.Run("tifa", "diff", a, a[..8]), 1, "A and B are the same document");
            AssertOneLineError(cli.Run("tifa", "diff", a), 1, "give two documents A B");
            AssertOneLineError(cli.Run("tifa", "diff", "--a-source", "Sample Official Bulletin"), 1, "give both --a-source and --b-source");
            AssertOneLineError(cli.Run("tifa", "diff", a, "--a-source", "X", "--b-source", "Y"), 1, "not both");
            AssertOneLineError(cli.Run("tifa", "diff", "--a-source", "X", "--b-source", "X"), 1, "both 'X'");
            AssertOneLineError(cli.Run("tifa", "diff", "--a-source", "Nobody", "--b-source", "Illustrative Policy Digest"), 1, "no document has source 'Nobody'");
            AssertOneLineError(cli.Run("tifa", "diff", a, a, "--min-freq", "0"), 1, "--min-freq");
            Assert.Equal(1, cli.Run("tifa", "diff", a, a, "--top", "many").ExitCode);
        }

        [Fact]
        public void Renders_tables_in_a_terminal()
        {
            using var cli = WithSamples();
            var result = cli.Run(terminal: true, "tifa", "diff", "--a-source", "Sample Official Bulletin", "--b-source", "Illustrative Policy Digest");
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("appeared", result.Console, StringComparison.Ordinal);
            Assert.Contains("disappeared", result.Console, StringComparison.Ordinal);
            Assert.Contains("a/10k", result.Console, StringComparison.Ordinal);
        }
    }

    /// <summary>The three congress reports, ingested; skipped where ../shared/corpus is not beside the clone.</summary>
    public sealed class Congress_reports
    {
        private static readonly string[] s_files = ["zh_18th_congress_report_2012.txt", "zh_19th_congress_report_2017.txt", "zh_20th_congress_report_2022.txt"];

        /// <summary>A runner with the three reports ingested (the folder's COUNTS.md and SOURCES.md left out).</summary>
        private static (CliRunner Cli, string Folder) Ingested()
        {
            var folder = Reports();
            var cli = new CliRunner();
            Assert.Equal(0, cli.Run(["ingest", .. s_files.Select(f => Path.Combine(folder, f))]).ExitCode);
            return (cli, folder);
        }

        private static string Reports()
        {
            var fromEnv = Environment.GetEnvironmentVariable("VIGIL_SHARED_CORPUS");
            var root = fromEnv is { Length: > 0 } ? fromEnv : Path.Combine(Path.GetDirectoryName(TestPaths.SampleCorpus())!, "..", "..", "shared", "corpus");
            var folder = Path.GetFullPath(Path.Combine(root, "cpc-congress-reports"));
            if (!Directory.Exists(folder))
            {
                Assert.Skip("../shared/corpus/cpc-congress-reports is not beside this clone (a user's clone has none); this test runs where it is.");
            }

            return folder;
        }

        private static JsonElement Diff(CliRunner cli, string folder, int from, int to)
        {
            string Report(int year) => Path.Combine(folder, s_files[(year - 2012) / 5]);
            var result = cli.Run("tifa", "diff", Report(from), Report(to));
            Assert.Equal(0, result.ExitCode);
            return result.Json;
        }

        private static JsonElement Entry(JsonElement diff, string list, string id) =>
            diff.GetProperty(list).EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);

        [Fact]
        public void The_2017_to_2022_diff_shows_the_period_of_strategic_opportunity_gone_and_its_near_form_kept()
        {
            var (cli, folder) = Ingested();
            using var _ = cli;
            var so = Entry(Diff(cli, folder, 2017, 2022), "disappeared", "strategic-opportunity");
            Assert.Equal((1L, 0L), (so.GetProperty("a").GetInt64(), so.GetProperty("b").GetInt64()));
            var near = Assert.Single(so.GetProperty("near").EnumerateArray());
            Assert.Equal(("战略机遇", 0L, 2L), (near.GetProperty("form").GetString(), near.GetProperty("a").GetInt64(), near.GetProperty("b").GetInt64()));
        }

        [Fact]
        public void The_2012_to_2022_diff_shows_ensuring_development_and_security_appeared()
        {
            var (cli, folder) = Ingested();
            using var _ = cli;
            var diff = Diff(cli, folder, 2012, 2022);
            var ds = Entry(diff, "appeared", "development-and-security");
            Assert.Equal((0L, 3L), (ds.GetProperty("a").GetInt64(), ds.GetProperty("b").GetInt64()));
            var holistic = Entry(diff, "appeared", "holistic-national-security");
            Assert.Equal((0L, 2L), (holistic.GetProperty("a").GetInt64(), holistic.GetProperty("b").GetInt64()));

            // 战略机遇期 4 → 0 (COUNTS.md), with 战略机遇 still twice in 2022.
            var so = Entry(diff, "disappeared", "strategic-opportunity");
            Assert.Equal((4L, 0L), (so.GetProperty("a").GetInt64(), so.GetProperty("b").GetInt64()));
        }

        [Fact]
        public void The_timeline_of_the_holistic_approach_counts_0_1_2()
        {
            using var cli = Ingested().Cli;
            var rows = cli.Run("tifa", "timeline", "holistic-national-security").Json.EnumerateArray().ToList();
            Assert.Equal([0L, 1L, 2L], rows.Select(r => r.GetProperty("count").GetInt64()));
        }
    }
}
