using System.Text.Json;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil entities import|lists|match|mentions</c>.</summary>
public sealed class EntitiesCliTests
{
    private const string CnHeader = "Type,QID,Name,Alias,Chinese name,Country,Topics,Summary,Chinese summary,Body,List,Date,End date,Source URL,Address\n";

    // A small list in the PRC list's format, written for these tests (illustrative rows, not copied from the corpus).
    private const string SmallCnList = CnHeader
        + "Company,,Lockheed Martin Corporation,,洛克希德·马丁公司,US,sanction.counter,,,Ministry of Foreign Affairs,AFSL,16.02.23,,https://example.org/notice-1,\n"
        + "Organization,,Example Institute for Democracy,EIFD,示例民主研究所,United States,sanction.counter,,,Ministry of Foreign Affairs,,02.12.2019,,https://example.org/notice-2,\n"
        + "Person,,Jane Q. Example,,简·示例,Czech Republic,sanction.counter,,,Ministry of Foreign Affairs,,21.05.2024,,,\n";

    private static string[] Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void Import_reads_the_real_PRC_list_and_a_second_import_changes_nothing()
    {
        var path = EntityListCorpus.Require("cn_sanctions.csv");
        using var cli = new CliRunner();
        var first = cli.Run("entities", "import", path, "--list", "cn-sanctions");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(["list", "file", "sha256", "rows", "imported", "added", "removed", "unchanged", "rejected"], Keys(first.Json));

        // 610 data rows, counted with Python's csv module.
        Assert.Equal((610, 610, 610, 0, 0), (first.Json.GetProperty("rows").GetInt32(), first.Json.GetProperty("imported").GetInt32(),
            first.Json.GetProperty("added").GetInt32(), first.Json.GetProperty("removed").GetInt32(), first.Json.GetProperty("unchanged").GetInt32()));

        var again = cli.Run("entities", "import", path, "--list", "cn-sanctions");
        Assert.Equal((0, 0, 610), (again.Json.GetProperty("added").GetInt32(), again.Json.GetProperty("removed").GetInt32(), again.Json.GetProperty("unchanged").GetInt32()));
    }

    [Fact]
    public void Import_reads_the_real_1260H_list_and_match_finds_Huawei_with_its_source()
    {
        var path = EntityListCorpus.Require("us_dod_chinese_milcorps_1260h.csv");
        using var cli = new CliRunner();
        var import = cli.Run("entities", "import", path, "--list", "us-1260h");
        Assert.Equal(0, import.ExitCode);
        Assert.Equal(397, import.Json.GetProperty("imported").GetInt32());

        var match = cli.Run("entities", "match", "HUAWEI TECHNOLOGIES CO LTD", "--list", "us-1260h", "--limit", "1");
        Assert.Equal(0, match.ExitCode);
        var result = match.Json.GetProperty("matches")[0].GetProperty("results")[0];
        Assert.Equal("Huawei Technologies Co., Ltd.", result.GetProperty("name").GetString());
        Assert.Equal(1.0, result.GetProperty("score").GetDouble());
        Assert.Equal(Path.GetFullPath(path), result.GetProperty("source").GetProperty("file").GetString());

        // The row is the file's line: check it against the file itself.
        var row = result.GetProperty("source").GetProperty("row").GetInt32();
        Assert.StartsWith("Huawei Technologies Co., Ltd.", File.ReadAllLines(path)[row - 1].Trim('"'), StringComparison.Ordinal);
    }

    [Fact]
    public void Match_writes_the_specified_shape_and_reads_names_from_a_file()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("entities", "import", cli.Write("cn.csv", SmallCnList), "--list", "cn-sanctions").ExitCode);
        var names = cli.Write("names.txt", "# partners to check\nLOCKHEED MARTIN CORP.\n\n示例民主研究所\nNobody Known Ltd\n");
        var result = cli.Run("entities", "match", "--file", names);
        Assert.Equal(0, result.ExitCode);
        var matches = result.Json.GetProperty("matches").EnumerateArray().ToList();
        Assert.Equal(["LOCKHEED MARTIN CORP.", "示例民主研究所", "Nobody Known Ltd"], matches.Select(m => m.GetProperty("query").GetString()));

        var lockheed = matches[0].GetProperty("results")[0];
        Assert.Equal(["list", "name", "matched", "field", "score", "entry", "source"], Keys(lockheed));
        Assert.Equal(("cn-sanctions", "Lockheed Martin Corporation", "Lockheed Martin Corporation", 1.0),
            (lockheed.GetProperty("list").GetString(), lockheed.GetProperty("name").GetString(), lockheed.GetProperty("matched").GetString(), lockheed.GetProperty("score").GetDouble()));
        Assert.Equal(["kind", "name", "aliases", "chineseName", "country", "startDate", "endDate", "details"], Keys(lockheed.GetProperty("entry")));
        Assert.Equal(("US", "2023-02-16", "company"), (lockheed.GetProperty("entry").GetProperty("country").GetString(),
            lockheed.GetProperty("entry").GetProperty("startDate").GetString(), lockheed.GetProperty("entry").GetProperty("kind").GetString()));
        Assert.Equal(["file", "row", "url"], Keys(lockheed.GetProperty("source")));
        Assert.Equal((2, "https://example.org/notice-1"), (lockheed.GetProperty("source").GetProperty("row").GetInt32(), lockheed.GetProperty("source").GetProperty("url").GetString()));

        var institute = matches[1].GetProperty("results")[0];
        Assert.Equal(("示例民主研究所", "chinese", 3), (institute.GetProperty("matched").GetString(), institute.GetProperty("field").GetString(),
            institute.GetProperty("source").GetProperty("row").GetInt32()));
        Assert.Equal("US", institute.GetProperty("entry").GetProperty("country").GetString());
        Assert.Empty(matches[2].GetProperty("results").EnumerateArray());
    }

    [Fact]
    public void Import_of_a_file_with_bad_rows_keeps_the_good_ones_and_exits_2()
    {
        using var cli = new CliRunner();
        var file = cli.Write("bad.csv", SmallCnList + "Person,,Short Row,US\nPerson,,\"Unbalanced,,,,,,,,,,,,,\n" + "Person,,After The Break,,,JP,,,,,,01.01.2024,,,\n");
        var result = cli.Run("entities", "import", file, "--list", "cn-sanctions");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(4, result.Json.GetProperty("imported").GetInt32());
        Assert.Equal(6, result.Json.GetProperty("rows").GetInt32());
        Assert.Equal([5, 6], result.Json.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));
        Assert.Contains("row 5:", result.Error, StringComparison.Ordinal);
        Assert.Contains("row 6: unbalanced quote", result.Error, StringComparison.Ordinal);
        var lists = cli.Run("entities", "lists").Json.GetProperty("lists")[0];
        Assert.Equal((4, 2), (lists.GetProperty("entries").GetInt32(), lists.GetProperty("rejected").GetInt32()));
    }

    [Fact]
    public void A_file_missing_a_column_is_refused_and_the_list_already_imported_stays()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("entities", "import", cli.Write("cn.csv", SmallCnList), "--list", "cn-sanctions").ExitCode);
        var broken = cli.Write("broken.csv", "Type,Name\nPerson,Someone\n");
        var result = cli.Run("entities", "import", broken, "--list", "cn-sanctions");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("lacks column(s)", result.Error, StringComparison.Ordinal);
        Assert.Contains("\"Chinese name\"", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, cli.Run("entities", "lists").Json.GetProperty("lists")[0].GetProperty("entries").GetInt32());
    }

    [Fact]
    public void Usage_errors_say_what_to_do()
    {
        using var cli = new CliRunner();
        var noList = cli.Run("entities", "match", "Anything");
        Assert.Equal(1, noList.ExitCode);
        Assert.Contains("vigil entities import", noList.Error, StringComparison.Ordinal);

        Assert.Equal(1, cli.Run("entities", "import", Path.Combine(cli.Files, "absent.csv"), "--list", "cn-sanctions").ExitCode);
        Assert.Equal(1, cli.Run("entities", "import", cli.Write("x.csv", SmallCnList), "--list", "eu-list").ExitCode);
        Assert.Equal(0, cli.Run("entities", "import", cli.Write("cn.csv", SmallCnList), "--list", "cn-sanctions").ExitCode);
        var badScore = cli.Run("entities", "match", "X", "--min-score", "1.5");
        Assert.Equal(1, badScore.ExitCode);
        Assert.Contains("--min-score", badScore.Error, StringComparison.Ordinal);
        Assert.Equal(1, cli.Run("entities", "match").ExitCode);
        Assert.Equal(1, cli.Run("entities", "match", "X", "--list", "us-1260h").ExitCode);
    }

    [Fact]
    public void Mentions_gives_exact_spans_of_the_original_text()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("entities", "import", cli.Write("cn.csv", SmallCnList), "--list", "cn-sanctions").ExitCode);
        const string text = "Illustrative note, not a real report.\n\nThe ministry named Lockheed   Martin and the\nExample Institute for Democracy (EIFD).\n\n外交部宣布对洛克希德·馬丁公司采取反制措施。\n";
        var doc = cli.Write("docs/note.txt", text);
        Assert.Equal(0, cli.Run("ingest", Path.GetDirectoryName(doc)!).ExitCode);

        var result = cli.Run("entities", "mentions", "--list", "cn-sanctions");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, result.Json.GetProperty("searched").GetInt32());
        var d = result.Json.GetProperty("documents")[0];
        var mentions = d.GetProperty("mentions").EnumerateArray().ToList();
        string[] expected = ["Lockheed   Martin", "Example Institute for Democracy", "EIFD", "洛克希德·馬丁公司"];
        Assert.Equal(expected, mentions.Select(m => m.GetProperty("text").GetString()));
        foreach (var (m, s) in mentions.Zip(expected))
        {
            var start = text.IndexOf(s, StringComparison.Ordinal);
            Assert.Equal((start, start + s.Length), (m.GetProperty("start").GetInt32(), m.GetProperty("end").GetInt32()));
        }

        var entry = mentions[3].GetProperty("entries")[0];
        Assert.Equal(("Lockheed Martin Corporation", "洛克希德·马丁公司", "chinese", 2),
            (entry.GetProperty("name").GetString(), entry.GetProperty("matched").GetString(), entry.GetProperty("field").GetString(),
             entry.GetProperty("source").GetProperty("row").GetInt32()));
        Assert.Equal(4, result.Json.GetProperty("totals").GetProperty("mentions").GetInt32());

        var unknownDoc = cli.Run("entities", "mentions", "--doc", "nosuchdoc");
        Assert.Equal(1, unknownDoc.ExitCode);
    }
}
