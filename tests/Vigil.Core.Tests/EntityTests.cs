using System.Text;
using Vigil.Core.Documents;
using Vigil.Core.Entities;
using Vigil.Core.Text;
using Vigil.Storage.Sqlite;

namespace Vigil.Core.Tests;

public sealed class EntityNameNormalizerTests
{
    [Theory]
    [InlineData("Huawei Technologies Co., Ltd.", "HUAWEI TECHNOLOGIES CO LTD")]
    [InlineData("Huawei Technologies Co., Ltd.", "huawei technologies")]
    [InlineData("Huawei Technologies Co., Ltd.", "ＨＵＡＷＥＩ　Technologies Company Limited")]
    [InlineData("华为技术有限公司", "華為技術有限公司")]
    [InlineData("华为技术有限公司", "华为技术")]
    [InlineData("The Boeing Company", "Boeing")]
    [InlineData("Société Générale S.A.", "Societe Generale")]
    [InlineData("Guangzhou GCI Science & Technology Co., Ltd.", "Guangzhou GCI Science and Technology Co Ltd")]
    [InlineData("Xi’an Aircraft Industry Group Co., Ltd.", "Xian Aircraft Industry Group")]
    [InlineData("三菱重工株式会社", "三菱重工")]
    public void Names_that_differ_only_in_case_script_punctuation_and_legal_form_share_a_key(string a, string b)
    {
        Assert.Equal(EntityNameNormalizer.Normalize(a).Key, EntityNameNormalizer.Normalize(b).Key);
        Assert.Equal(1.0, EntityMatcher.Score(a, b));
    }

    [Fact]
    public void Keys_are_as_documented()
    {
        Assert.Equal("huawei technologies", EntityNameNormalizer.Normalize("Huawei Technologies Co., Ltd.").Key);
        Assert.Equal("华为技术", EntityNameNormalizer.Normalize("華為技術有限公司").Key);
        Assert.True(EntityNameNormalizer.Normalize("華為技術有限公司").IsChinese);

        // Group words only leave the core: "BGI Group" and "BGI" are different entities.
        var bgiGroup = EntityNameNormalizer.Normalize("BGI Group");
        Assert.Equal("bgi group", bgiGroup.Key);
        Assert.Equal("bgi", bgiGroup.Core);
        Assert.Equal("中国电子科技集团", EntityNameNormalizer.Normalize("中国电子科技集团有限公司").Key);
        Assert.Equal("中国电子科技", EntityNameNormalizer.Normalize("中国电子科技集团有限公司").Core);

        // 分公司 (a branch) is part of the name; a suffix alone is not stripped to nothing; a leading "the" goes.
        Assert.Equal("洛克希德马丁公司密苏里州分公司", EntityNameNormalizer.Normalize("洛克希德·马丁公司密苏里州分公司").Key);
        Assert.Equal("limited", EntityNameNormalizer.Normalize("Limited").Key);
        Assert.Equal("corporation of china", EntityNameNormalizer.Normalize("The Corporation of China Ltd").Key);
    }

    [Theory]
    [InlineData("Huawei Technologies Co., Ltd.", "Huawei Technologies")]
    [InlineData("Aerospace CH UAV Co., Ltd", "Aerospace CH UAV")]
    [InlineData("Lockheed Martin Corporation", "Lockheed Martin")]
    [InlineData("华为技术有限公司", "华为技术")]
    [InlineData("華為技術有限公司", "華為技術")]
    [InlineData("洛克希德·马丁公司", "洛克希德·马丁")]
    [InlineData("Lockheed Martin Corporation, St. Louis, MO", "Lockheed Martin Corporation, St. Louis, MO")]
    [InlineData("Limited", "Limited")]
    [InlineData("BGI Group", "BGI Group")]
    public void A_legal_suffix_is_removed_from_the_surface_form(string surface, string expected)
    {
        Assert.Equal(expected, EntityNameNormalizer.StripLegalSuffix(surface));
    }
}

public sealed class EntityMatcherTests
{
    [Theory]
    [InlineData("MARTHA", "MARHTA", 0.9611)]
    [InlineData("DWAYNE", "DUANE", 0.84)]
    [InlineData("DIXON", "DICKSONX", 0.8133)]
    [InlineData("abc", "abc", 1.0)]
    [InlineData("abc", "xyz", 0.0)]
    public void Jaro_Winkler_gives_the_textbook_values(string a, string b, double expected)
    {
        Assert.Equal(expected, Math.Round(EntityMatcher.JaroWinkler(a, b), 4));
    }

    [Fact]
    public void Scores_follow_the_documented_formula()
    {
        // Equal cores only: 0.95.
        Assert.Equal(0.95, EntityMatcher.Score("BGI Group", "BGI"));
        Assert.Equal(0.95, EntityMatcher.Score("中国电子科技集团有限公司", "中国电子科技"));

        // Chinese: bigrams {华为} and {华为, 为技, 技术}: Dice 2·1/4 = 0.5, overlap 1/1 = 1 → 0.75.
        Assert.Equal(0.75, EntityMatcher.Score("华为", "华为技术有限公司"));

        // Latin: ½·JW + ½·token Dice; martha/marhta share no token: ½·0.96111 = 0.4806.
        Assert.Equal(0.4806, EntityMatcher.Score("Martha", "Marhta"));

        // Different scripts are never compared.
        Assert.Equal(0.0, EntityMatcher.Score("Huawei", "华为"));
        Assert.Equal(0.0, EntityMatcher.Score("", "Huawei"));
    }

    [Fact]
    public void Scores_are_ordered_sensibly()
    {
        const string listed = "Lockheed Martin Corporation";
        var exact = EntityMatcher.Score("LOCKHEED MARTIN CORP.", listed);
        var sibling = EntityMatcher.Score("Lockheed Martin Ventures", listed);
        var partial = EntityMatcher.Score("Lockheed", listed);
        var other = EntityMatcher.Score("Northrop Grumman Corporation", listed);
        Assert.Equal(1.0, exact);
        Assert.True(sibling < 0.95 && sibling > partial, $"sibling {sibling}, partial {partial}");
        Assert.True(partial > other, $"partial {partial}, other {other}");
        Assert.True(other < 0.6, $"other {other}");
        Assert.True(EntityMatcher.Score("Hei Seki", "Seki Hei") > EntityMatcher.Score("Hei Seki", "Seki Kei"));
    }

    [Fact]
    public void Matches_are_ordered_by_score_then_list_name_and_row()
    {
        ListEntry E(string list, int row, string name, params string[] aliases) =>
            new() { ListId = list, Row = row, Name = name, Aliases = aliases, SourceFile = "/x.csv" };
        var matcher = new EntityMatcher(
        [
            E("us-1260h", 9, "Huawei Technologies Co., Ltd.", "Huawei"),
            E("cn-sanctions", 4, "Huawei Marine"),
            E("us-1260h", 3, "Huawei Technologies Co., Ltd.", "Huawei"),
            E("us-1260h", 5, "Huawei Holding Co., Ltd."),
            E("cn-sanctions", 7, "Raytheon Company"),
        ]);
        var results = matcher.Match("HUAWEI TECHNOLOGIES CO LTD", minScore: 0.5, limit: 0);
        Assert.Equal([("us-1260h", 3), ("us-1260h", 9)], results.Take(2).Select(r => (r.Entry.ListId, r.Entry.Row)));
        Assert.All(results.Take(2), r => Assert.Equal(1.0, r.Score));
        Assert.Equal("name", results[0].MatchedField);
        Assert.DoesNotContain(results, r => r.Entry.Name == "Raytheon Company");
        Assert.True(results.Zip(results.Skip(1)).All(p => p.First.Score >= p.Second.Score));

        var byAlias = matcher.Match("huawei", limit: 1);
        Assert.Single(byAlias);
        Assert.Equal(("Huawei", "alias", 3), (byAlias[0].Matched, byAlias[0].MatchedField, byAlias[0].Entry.Row));
        Assert.Empty(matcher.Match("Narnia Defence Works"));
    }
}

public sealed class EntityListReaderTests
{
    private const string CnHeader = "Type,QID,Name,Alias,Chinese name,Country,Topics,Summary,Chinese summary,Body,List,Date,End date,Source URL,Address\n";

    private static ListReadResult Cn(string body) => EntityListReader.Parse(Encoding.UTF8.GetBytes(CnHeader + body), "/lists/test.csv", EntityLists.CnSanctions);

    [Fact]
    public void The_real_PRC_list_imports_every_row()
    {
        var path = SharedCorpus.Require("sanctions-opensanctions/cn_sanctions.csv");
        var result = EntityListReader.Read(path, EntityLists.CnSanctions);

        // 610 data rows, counted with Python's csv module (and stated in SOURCES.md).
        Assert.Null(result.FileError);
        Assert.Equal(610, result.Rows);
        Assert.Equal(610, result.Entries.Count);
        Assert.Empty(result.Rejected);

        var first = result.Entries[0];
        Assert.Equal(("National Endowment for Democracy", "美国国家民主基金会", "US", "organization", "2019-12-02", 2),
            (first.Name, first.ChineseName, first.Country, first.Kind, first.StartDate, first.Row));
        Assert.StartsWith("https://www.fmprc.gov.cn/", first.SourceUrl, StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath(path), first.SourceFile);

        // dd.mm.yy dates (161 rows) become ISO dates like the dd.mm.yyyy ones; one row has no date.
        Assert.Equal(609, result.Entries.Count(e => e.StartDate is { Length: 10 } d && d[4] == '-' && d.StartsWith('2')));
        Assert.Single(result.Entries, e => e.StartDate is null);
        var nijhon = result.Entries.Single(e => e.Name == "Chander Nijhon");
        Assert.Equal("2023-02-16", nijhon.StartDate);

        // Every non-empty country value resolves to a code; 76 rows have none.
        Assert.Equal(76, result.Entries.Count(e => e.Country is null));
        Assert.All(result.Entries.Where(e => e.Country is not null), e => Assert.Matches("^[A-Z]{2}$", e.Country));
        Assert.Equal(["Teal Drones", "iDrone"], result.Entries.First(e => e.Aliases.Contains("iDrone")).Aliases);
    }

    [Fact]
    public void The_real_1260H_list_imports_every_row()
    {
        var path = SharedCorpus.Require("sanctions-opensanctions/us_dod_chinese_milcorps_1260h.csv");
        var result = EntityListReader.Read(path, EntityLists.Us1260H);
        Assert.Null(result.FileError);
        Assert.Equal(397, result.Rows);
        Assert.Equal(397, result.Entries.Count);
        Assert.Empty(result.Rejected);

        var first = result.Entries[0];
        Assert.Equal(("360 Security Technology Inc.", "2022-10-05", "company", 2), (first.Name, first.StartDate, first.Kind, first.Row));
        Assert.Equal(["Qihoo 360"], first.Aliases);
        Assert.Contains(first.Details, d => d.Key == "Name" && d.Value == "360 Security Technology Inc. (Qihoo 360)*");

        // Aliases split on commas, except the comma of "Co., Ltd."; previous names become aliases too.
        Assert.Contains(result.Entries, e => e.Aliases.Contains("Knownsec") && e.Aliases.Contains("Beijing Kownsec"));
        Assert.Contains(result.Entries, e => e.Aliases.Contains("China Avionics Systems Co., Ltd."));
        Assert.Contains(result.Entries, e => e.Aliases.Contains("Phoenix Optics Company Limited"));

        // The parent company is kept as a detail, never as a name to match.
        var jonhon = result.Entries.First(e => e.Name == "AVIC Jonhon Optronic Technology Co., Ltd.");
        Assert.DoesNotContain("Aviation Industry Corporation of China Ltd.", jonhon.Aliases);
        Assert.Contains(jonhon.Details, d => d.Key == "Parent Name" && d.Value == "Aviation Industry Corporation of China Ltd.");
    }

    [Fact]
    public void A_byte_order_mark_and_CRLF_line_ends_are_read()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes((CnHeader + "Person,,A Person,,甲乙丙,US,sanction.counter,,,MFA,,01.02.2021,,https://example.org/a,\n").Replace("\n", "\r\n"))).ToArray();
        var result = EntityListReader.Parse(bytes, "/lists/bom.csv", EntityLists.CnSanctions);
        Assert.Null(result.FileError);
        var entry = Assert.Single(result.Entries);
        Assert.Equal(("A Person", "person", "2021-02-01", "https://example.org/a"), (entry.Name, entry.Kind, entry.StartDate, entry.SourceUrl));
    }

    [Fact]
    public void A_missing_column_refuses_the_file_and_names_the_column()
    {
        var text = "Type,Name,Alias,Country,Date,End date,Source URL\nPerson,A Person,,US,01.02.2021,,\n";
        var result = EntityListReader.Parse(Encoding.UTF8.GetBytes(text), "/lists/short.csv", EntityLists.CnSanctions);
        Assert.Contains("\"Chinese name\"", result.FileError, StringComparison.Ordinal);
        Assert.Contains("short.csv", result.FileError, StringComparison.Ordinal);
        Assert.Empty(result.Entries);
    }

    [Fact]
    public void A_semicolon_separated_file_is_refused_with_a_hint()
    {
        var text = CnHeader.Replace(',', ';') + "Person;;A Person;;甲乙丙;US;;;;;;01.02.2021;;;\n";
        var result = EntityListReader.Parse(Encoding.UTF8.GetBytes(text), "/lists/semi.csv", EntityLists.CnSanctions);
        Assert.Contains("semicolon-separated", result.FileError, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unbalanced_quote_loses_only_its_own_row()
    {
        var result = Cn(
            "Person,,First Person,,,US,,,,,,01.02.2021,,,\n" +
            "Person,,\"Broken Person,,,US,,,,,,01.02.2021,,,\n" +
            "Person,,Third Person,,,JP,,,,,,01.02.2021,,,\n" +
            "Company,,\"Fourth, Co.\",,,GB,,,,,,01.02.2021,,,\n");
        Assert.Equal(["First Person", "Third Person", "Fourth, Co."], result.Entries.Select(e => e.Name));
        Assert.Equal([2, 4, 5], result.Entries.Select(e => e.Row));
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(3, rejected.Row);
        Assert.Contains("unbalanced quote", rejected.Error, StringComparison.Ordinal);
        Assert.Equal(4, result.Rows);
    }

    [Fact]
    public void Rows_with_a_wrong_field_count_a_stray_quote_or_no_name_are_rejected_by_row()
    {
        var result = Cn(
            "Person,,Good One,,,US,,,,,,01.02.2021,,,\n" +
            "Person,,Too Few,US\n" +
            "Person,,Stray \"Quote\" Person,,,US,,,,,,01.02.2021,,,\n" +
            "Person,,,,,US,,,,,,01.02.2021,,,\n" +
            "Person,,\"Multi\nLine\",,,US,,,,,,01.02.2021,,,\n" +
            "Person,,Good Two,,,US,,,,,,01.02.2021,,,,EXTRA\n" +
            "Person,,Good Three,,,US,,,,,,31.02.2021,,,\n");
        Assert.Equal(["Good One", "Multi\nLine", "Good Three"], result.Entries.Select(e => e.Name));
        Assert.Equal([(3, "fields"), (4, "quote"), (5, "Name"), (8, "fields")],
            result.Rejected.Select(r => (r.Row, r.Error.Contains("fields", StringComparison.Ordinal) ? "fields" : r.Error.Contains("quote", StringComparison.Ordinal) ? "quote" : "Name")));
        Assert.Equal("31.02.2021", result.Entries[^1].StartDate);
        Assert.Equal(7, result.Rows);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.NotNull(EntityListReader.Parse(Array.Empty<byte>(), "/lists/empty.csv", EntityLists.Us1260H).FileError);
    }

    [Fact]
    public void A_file_that_is_not_UTF8_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), "vigil-latin1-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(CnHeader + "Person,,Caf"), 0xE9, (byte)'\n']);
        try
        {
            Assert.Contains("not UTF-8", EntityListReader.Read(path, EntityLists.CnSanctions).FileError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("02.12.2019", "2019-12-02")]
    [InlineData("16.02.23", "2023-02-16")]
    [InlineData("2024-01-31", "2024-01-31")]
    [InlineData("31.02.23", "31.02.23")]
    [InlineData("soon", "soon")]
    [InlineData("", null)]
    public void Dates_become_ISO_dates_or_stay_as_given(string input, string? expected)
    {
        Assert.Equal(expected, EntityListReader.Date(input));
    }
}

public sealed class SqliteEntityStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vigil-entities-" + Guid.NewGuid().ToString("N"));

    private static ListEntry E(int row, string name, string? url = null) => new()
    {
        ListId = EntityLists.CnSanctions,
        Row = row,
        Name = name,
        Aliases = [name + " alias", "第二"],
        ChineseName = "名字",
        Kind = "company",
        Country = "US",
        StartDate = "2021-02-01",
        SourceFile = "/lists/a.csv",
        SourceUrl = url,
        Details = [new("Body", "MFA"), new("List", "AFSL")],
    };

    [Fact]
    public void Replacing_a_list_counts_added_removed_and_unchanged_and_round_trips_entries()
    {
        using (var store = SqliteEntityStore.Open(_dir))
        {
            var first = store.Replace(new ListInfo(EntityLists.CnSanctions, "/lists/a.csv", "aa", "2025-01-01T00:00:00Z", 3, 0), [E(2, "One"), E(3, "Two"), E(4, "Three")]);
            Assert.Equal(new ListReplaceResult(3, 0, 0), first);

            // Same file again: nothing changes, even with rows moved.
            var again = store.Replace(new ListInfo(EntityLists.CnSanctions, "/lists/a.csv", "aa", "2025-01-02T00:00:00Z", 3, 0), [E(4, "Three"), E(2, "One"), E(3, "Two")]);
            Assert.Equal(new ListReplaceResult(0, 0, 3), again);

            // One kept, one changed (counts as removed + added), one removed, one new.
            var update = store.Replace(new ListInfo(EntityLists.CnSanctions, "/lists/b.csv", "bb", "2025-01-03T00:00:00Z", 3, 1),
                [E(2, "One"), E(3, "Two", "https://example.org/two"), E(5, "Four")]);
            Assert.Equal(new ListReplaceResult(2, 2, 1), update);
        }

        using (var store = SqliteEntityStore.Open(_dir))
        {
            var entries = store.Entries(EntityLists.CnSanctions);
            Assert.Equal(["One", "Two", "Four"], entries.Select(e => e.Name));
            var two = entries[1];
            Assert.Equal((EntityLists.CnSanctions, 3, "Two", "名字", "company", "US", "2021-02-01", (string?)null, "/lists/a.csv", "https://example.org/two"),
                (two.ListId, two.Row, two.Name, two.ChineseName, two.Kind, two.Country, two.StartDate, two.EndDate, two.SourceFile, two.SourceUrl));
            Assert.Equal(["Two alias", "第二"], entries[1].Aliases);
            Assert.Equal([new("Body", "MFA"), new("List", "AFSL")], entries[1].Details);
            Assert.Empty(store.Entries(EntityLists.Us1260H));
            var list = Assert.Single(store.Lists());
            Assert.Equal(new ListInfo(EntityLists.CnSanctions, "/lists/b.csv", "bb", "2025-01-03T00:00:00Z", 3, 1), list);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

public sealed class EntityMentionFinderTests
{
    private static DocumentContent Content(string original)
    {
        var normalized = TextNormalizer.Default.Normalize(original);
        return new DocumentContent(original, normalized, [], []);
    }

    private static ListEntry E(string list, int row, string name, string? chinese = null, params string[] aliases) =>
        new() { ListId = list, Row = row, Name = name, ChineseName = chinese, Aliases = aliases, SourceFile = "/x.csv" };

    [Fact]
    public void Mention_spans_are_exact_in_the_original_text()
    {
        var finder = EntityMentionFinder.Build(
        [
            E("us-1260h", 2, "Huawei Technologies Co., Ltd.", null, "Huawei"),
            E("cn-sanctions", 7, "Lockheed Martin Corporation", "洛克希德·马丁公司"),
            E("us-1260h", 9, "BGI Genomics Co., Ltd.", null, "BGI"),
        ]);
        const string text = "Illustrative: the  ＨＵＡＷＥＩ\u200B deal, Lockheed   Martin Corporation and\n\n洛克希德·馬丁公司; bgi and BGI.";
        var mentions = finder.Find(Content(text));
        var expected = new[] { "ＨＵＡＷＥＩ", "Lockheed   Martin Corporation", "洛克希德·馬丁公司", "BGI" };
        Assert.Equal(expected, mentions.Select(m => m.Text));
        foreach (var (m, s) in mentions.Zip(expected))
        {
            var start = s == "BGI" ? text.LastIndexOf(s, StringComparison.Ordinal) : text.IndexOf(s, StringComparison.Ordinal);
            Assert.Equal((start, start + s.Length), (m.Start, m.End));
        }

        Assert.Equal(("Huawei", "alias"), (mentions[0].Entries[0].Form, mentions[0].Entries[0].Field));
        Assert.Equal("chinese", mentions[2].Entries[0].Field);
        Assert.Equal(7, mentions[2].Entries[0].Entry.Row);
    }

    [Fact]
    public void A_name_without_its_legal_suffix_is_found_and_short_names_are_not_searched()
    {
        var finder = EntityMentionFinder.Build(
        [
            E("cn-sanctions", 3, "Raytheon Company", "雷神", "RTX", "Ra"),
            E("cn-sanctions", 4, "Xu Meng", "许勐"),
            E("us-1260h", 5, "China Mobile Limited", null, "CM"),
        ]);
        var mentions = finder.Find(Content("Raytheon and China Mobile met; 雷神 and 许勐 did not; rtx, RTX, CM."));
        Assert.Equal(["Raytheon", "China Mobile", "RTX"], mentions.Select(m => m.Text));
        Assert.Equal(["Ra", "雷神", "许勐", "CM"], finder.Skipped.Select(s => s.Form));
    }

    [Fact]
    public void One_name_shared_by_several_entries_reports_them_all_at_one_span()
    {
        var finder = EntityMentionFinder.Build([E("us-1260h", 2, "Hikvision"), E("us-1260h", 30, "Hikvision")]);
        var mention = Assert.Single(finder.Find(Content("Hikvision cameras")));
        Assert.Equal([2, 30], mention.Entries.Select(e => e.Entry.Row));
    }
}
