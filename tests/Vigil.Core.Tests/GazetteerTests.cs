using System.Text;
using Vigil.Core.Geo;
using Vigil.Core.Text;

namespace Vigil.Core.Tests;

public sealed class GazetteerTests
{
    private static readonly Gazetteer G = Gazetteer.BuiltIn;

    // OpenCC's traditional standard writes 羣 and 祕, so it lists 群 and 秘 as simplified-only; Taiwan's
    // standard forms (and CLDR's zh_Hant names) use 群 and 秘.
    private static readonly HashSet<char> TaiwanStandard = ['群', '秘'];

    [Theory]
    [InlineData("Japan", "JP", "name")]
    [InlineData("JP", "JP", "code")]
    [InlineData("jp", "JP", "code")]
    [InlineData("JPN", "JP", "code")]
    [InlineData("  japan  ", "JP", "name")]
    [InlineData("日本", "JP", "zh")]
    [InlineData("Czech Republic", "CZ", "variant")]
    [InlineData("Czechia", "CZ", "name")]
    [InlineData("czech-republic", "CZ", "variant")]
    [InlineData("捷克", "CZ", "zh")]
    [InlineData("美國", "US", "zh")]
    [InlineData("美国", "US", "zh")]
    [InlineData("U.S.", "US", "variant")]
    [InlineData("U. S. A.", "US", "variant")]
    [InlineData("USA", "US", "code")]
    [InlineData("United States of America", "US", "variant")]
    [InlineData("UNITED STATES", "US", "name")]
    [InlineData("America", "US", "variant")]
    [InlineData("UK", "GB", "variant")]
    [InlineData("Great Britain", "GB", "variant")]
    [InlineData("英國", "GB", "zh")]
    [InlineData("Korea, Republic of", "KR", "variant")]
    [InlineData("Republic of Korea", "KR", "variant")]
    [InlineData("Korea (Republic of)", "KR", "variant")]
    [InlineData("Korea, Democratic People's Republic of", "KP", "variant")]
    [InlineData("Iran (Islamic Republic of)", "IR", "variant")]
    [InlineData("Bahamas, The", "BS", "variant")]
    [InlineData("the Netherlands", "NL", "name")]
    [InlineData("Côte d’Ivoire", "CI", "name")]
    [InlineData("Cote d'Ivoire", "CI", "name")]
    [InlineData("Türkiye", "TR", "name")]
    [InlineData("Turkey", "TR", "variant")]
    [InlineData("Bosnia and Herzegovina", "BA", "name")]
    [InlineData("Bosnia & Herzegovina", "BA", "name")]
    [InlineData("Trinidad and Tobago", "TT", "name")]
    [InlineData("刚果（金）", "CD", "zh")]
    [InlineData("剛果(布)", "CG", "zh")]
    [InlineData("Taiwan", "TW", "name")]
    [InlineData("中国台湾", "TW", "zh")]
    [InlineData("臺灣", "TW", "zh")]
    [InlineData("香港", "HK", "zh")]
    [InlineData("澳門", "MO", "zh")]
    [InlineData("Macau", "MO", "variant")]
    [InlineData("Kosovo", "XK", "name")]
    [InlineData("XK", "XK", "code")]
    [InlineData("EU", "EU", "code")]
    [InlineData("European Commission", "EU", "variant")]
    [InlineData("欧盟", "EU", "zh")]
    [InlineData("歐盟", "EU", "zh")]
    [InlineData("美", "US", "zh")]
    [InlineData("英", "GB", "zh")]
    [InlineData("ＵＳＡ", "US", "code")]
    public void A_messy_country_field_resolves_to_one_code(string field, string code, string how)
    {
        var match = G.Match(field);
        Assert.NotNull(match);
        Assert.Equal(code, match.Code);
        Assert.Equal(how, match.How);
        Assert.Equal(field.Trim(), match.Input);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Narnia")]
    [InlineData("Korea")]
    [InlineData("Congo")]
    [InlineData("刚果")]
    [InlineData("澳")]
    [InlineData("Virgin Islands")]
    [InlineData("中美")]
    [InlineData("US; Narnia")]
    [InlineData("XX")]
    [InlineData("Georgia (US state)")]
    public void An_unknown_or_ambiguous_field_resolves_to_nothing(string? field)
    {
        Assert.Null(G.Match(field));
        Assert.Empty(G.MatchAll(field));
    }

    [Fact]
    public void An_ambiguous_form_says_which_codes_it_could_mean()
    {
        Assert.Equal(["KR", "KP"], G.AmbiguousCodes("Korea"));
        Assert.Equal(["CD", "CG"], G.AmbiguousCodes("剛果"));
        Assert.Empty(G.AmbiguousCodes("Japan"));
        Assert.Empty(G.AmbiguousCodes("Narnia"));
    }

    [Theory]
    [InlineData("US; United Kingdom", "US,GB")]
    [InlineData("美国、英国", "US,GB")]
    [InlineData("US and UK", "US,GB")]
    [InlineData("Japan, Germany / France", "JP,DE,FR")]
    [InlineData("美国和日本", "US,JP")]
    [InlineData("Trinidad and Tobago", "TT")]
    [InlineData("Bosnia and Herzegovina; Croatia", "BA,HR")]
    [InlineData("Korea, Republic of; Japan", "KR,JP")]
    [InlineData("Saint Helena, Ascension and Tristan da Cunha", "SH")]
    [InlineData("US; USA; U.S.", "US")]
    [InlineData("US;;UK;", "US,GB")]
    [InlineData("安提瓜和巴布达", "AG")]
    public void A_field_naming_several_countries_is_split_only_where_every_part_resolves(string field, string codes)
    {
        Assert.Equal(codes.Split(','), G.MatchAll(field).Select(m => m.Code));
    }

    [Fact]
    public void Country_looks_codes_up_in_any_case_and_knows_the_EU_pseudo_entry()
    {
        Assert.Equal("United States", G.Country("us")!.NameEn);
        Assert.Equal("USA", G.Country("US")!.Alpha3);
        var eu = G.Country("EU");
        Assert.NotNull(eu);
        Assert.Equal("欧盟", eu.NameZhHans);
        Assert.False(eu.IsTerritory);
        Assert.Null(G.Country("USA"));
        Assert.Null(G.Country("UK"));
    }

    [Fact]
    public void Every_code_and_alpha3_is_unique_and_well_formed()
    {
        var codes = G.Countries.Select(c => c.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z]{2}$", c));
        var alpha3 = G.Countries.Where(c => c.Alpha3 is not null).Select(c => c.Alpha3!).ToList();
        Assert.Equal(alpha3.Count, alpha3.Distinct(StringComparer.Ordinal).Count());
        Assert.All(alpha3, c => Assert.Matches("^[A-Z]{3}$", c));
    }

    [Fact]
    public void The_list_has_the_249_ISO_entries_plus_Kosovo_and_the_EU()
    {
        Assert.Equal(251, G.Countries.Count);
        Assert.Equal(249, G.Countries.Count(c => c.Alpha3 is not null));
        Assert.Contains(G.Countries, c => c.Code == "XK" && c.Alpha3 is null);

        // 193 UN member states and the two observer states (Holy See, Palestine) are not territories;
        // the EU pseudo-entry is not a territory either.
        var states = G.Countries.Where(c => !c.IsTerritory && c.Code != "EU").Select(c => c.Code).ToList();
        Assert.Equal(195, states.Count);
        Assert.Contains("VA", states);
        Assert.Contains("PS", states);
        Assert.DoesNotContain("TW", states);
        Assert.DoesNotContain("HK", states);
        Assert.DoesNotContain("XK", states);
    }

    [Fact]
    public void Every_entry_has_Chinese_names_in_the_right_script_and_a_region()
    {
        var script = HanScript.Default;
        var problems = new List<string>();
        foreach (var c in G.Countries)
        {
            if (!c.NameZhHans.Any(CharClass.IsHan) || !c.NameZhHant.Any(CharClass.IsHan))
            {
                problems.Add($"{c.Code} lacks a Chinese name");
            }

            problems.AddRange(c.NameZhHans.Where(script.IsTraditionalOnly).Select(ch => $"{c.Code}: {c.NameZhHans} has traditional-only {ch}"));
            problems.AddRange(c.NameZhHant.Where(ch => script.IsSimplifiedOnly(ch) && !TaiwanStandard.Contains(ch)).Select(ch => $"{c.Code}: {c.NameZhHant} has simplified-only {ch}"));
            if (string.IsNullOrWhiteSpace(c.Region))
            {
                problems.Add($"{c.Code} has no region");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal("Eastern Asia", G.Country("CN")!.Region);
        Assert.Equal("South-eastern Asia", G.Country("TL")!.Region);
    }

    [Fact]
    public void Every_entry_resolves_by_its_own_code_names_and_variants()
    {
        foreach (var c in G.Countries)
        {
            Assert.Equal(c.Code, G.Match(c.Code)?.Code);
            Assert.Equal(c.Code, G.Match(c.NameEn)?.Code);
            Assert.Equal(c.Code, G.Match(c.NameZhHans)?.Code);
            Assert.Equal(c.Code, G.Match(c.NameZhHant)?.Code);
            if (c.Alpha3 is not null)
            {
                Assert.Equal(c.Code, G.Match(c.Alpha3)?.Code);
            }

            foreach (var v in c.Variants)
            {
                Assert.True(G.Match(v)?.Code == c.Code, $"{c.Code}: variant \"{v}\" resolves to {G.Match(v)?.Code ?? "nothing"}");
            }
        }
    }

    [Fact]
    public void The_UK_was_in_the_EU_until_31_January_2020()
    {
        Assert.True(G.IsMember("EU", "GB", new DateOnly(2020, 1, 31)));
        Assert.False(G.IsMember("EU", "GB", new DateOnly(2020, 2, 1)));
        Assert.True(G.IsMember("EU", "GB", new DateOnly(1973, 1, 1)));
        Assert.False(G.IsMember("EU", "GB", new DateOnly(1972, 12, 31)));
        Assert.Equal(28, G.Bloc("EU")!.MembersOn(new DateOnly(2020, 1, 31)).Count);
        Assert.Equal(27, G.Bloc("EU")!.MembersOn(new DateOnly(2020, 2, 1)).Count);
    }

    [Fact]
    public void Croatia_joined_the_EU_on_1_July_2013()
    {
        Assert.False(G.IsMember("EU", "HR", new DateOnly(2013, 6, 30)));
        Assert.True(G.IsMember("EU", "HR", new DateOnly(2013, 7, 1)));
        Assert.Equal(27, G.Bloc("EU")!.MembersOn(new DateOnly(2013, 6, 30)).Count);
        Assert.Equal(15, G.Bloc("EU")!.MembersOn(new DateOnly(2004, 4, 30)).Count);
        Assert.Equal(25, G.Bloc("EU")!.MembersOn(new DateOnly(2004, 5, 1)).Count);
    }

    [Fact]
    public void BRICS_enlarged_on_1_January_2024_and_6_January_2025_without_Saudi_Arabia()
    {
        foreach (var code in new[] { "EG", "ET", "IR", "AE" })
        {
            Assert.False(G.IsMember("BRICS", code, new DateOnly(2023, 12, 31)));
            Assert.True(G.IsMember("BRICS", code, new DateOnly(2024, 1, 1)));
        }

        Assert.False(G.IsMember("BRICS", "ID", new DateOnly(2025, 1, 5)));
        Assert.True(G.IsMember("BRICS", "ID", new DateOnly(2025, 1, 6)));
        Assert.False(G.IsMember("BRICS", "SA", new DateOnly(2025, 6, 1)));
        Assert.False(G.IsMember("BRICS", "AR", new DateOnly(2025, 6, 1)));
        Assert.True(G.IsMember("BRICS", "ZA", new DateOnly(2012, 1, 1)));
        Assert.False(G.IsMember("BRICS", "ZA", new DateOnly(2010, 1, 1)));
        Assert.Equal(5, G.Bloc("BRICS")!.MembersOn(new DateOnly(2023, 12, 31)).Count);
        Assert.Equal(10, G.Bloc("BRICS")!.MembersOn(new DateOnly(2025, 1, 6)).Count);
    }

    [Fact]
    public void SCO_ASEAN_and_PIF_admissions_are_dated()
    {
        Assert.False(G.IsMember("SCO", "IN", new DateOnly(2017, 6, 8)));
        Assert.True(G.IsMember("SCO", "PK", new DateOnly(2017, 6, 9)));
        Assert.True(G.IsMember("SCO", "IR", new DateOnly(2023, 7, 4)));
        Assert.False(G.IsMember("SCO", "BY", new DateOnly(2024, 7, 3)));
        Assert.True(G.IsMember("SCO", "BY", new DateOnly(2024, 7, 4)));
        Assert.False(G.IsMember("ASEAN", "TL", new DateOnly(2025, 10, 25)));
        Assert.True(G.IsMember("ASEAN", "TL", new DateOnly(2025, 10, 26)));
        Assert.True(G.IsMember("ASEAN", "KH", new DateOnly(1999, 4, 30)));
        Assert.False(G.IsMember("PIF", "NC", new DateOnly(2016, 9, 9)));
        Assert.True(G.IsMember("PIF", "PF", new DateOnly(2016, 9, 10)));
        Assert.Equal(["AU", "IN", "JP", "US"], G.Bloc("Quad")!.MembersOn(new DateOnly(2024, 1, 1)));
        Assert.Equal(["AU", "CA", "GB", "NZ", "US"], G.Bloc("Five Eyes")!.MembersOn(new DateOnly(2024, 1, 1)));
        Assert.Equal(7, G.Bloc("G7")!.MembersOn(new DateOnly(2024, 1, 1)).Count);
    }

    [Theory]
    [InlineData("EU", "EU")]
    [InlineData("eu", "EU")]
    [InlineData("European Union", "EU")]
    [InlineData("欧盟", "EU")]
    [InlineData("歐盟", "EU")]
    [InlineData("上海合作组织", "SCO")]
    [InlineData("Shanghai Cooperation Organization", "SCO")]
    [InlineData("东盟", "ASEAN")]
    [InlineData("金砖国家", "BRICS")]
    public void A_bloc_is_found_by_id_or_name(string name, string id)
    {
        Assert.Equal(id, G.Bloc(name)?.Id);
    }

    [Fact]
    public void An_unknown_bloc_has_no_members()
    {
        Assert.Null(G.Bloc("NATO"));
        Assert.False(G.IsMember("NATO", "US", new DateOnly(2020, 1, 1)));
    }

    [Fact]
    public void Every_bloc_member_is_a_known_country()
    {
        foreach (var bloc in G.Blocs)
        {
            Assert.NotEmpty(bloc.Memberships);
            Assert.All(bloc.Memberships, m => Assert.NotNull(G.Country(m.Country)));
        }

        Assert.Equal(["EU", "G7", "QUAD", "FVEY", "SCO", "BRICS", "ASEAN", "PIF"], G.Blocs.Select(b => b.Id));
    }

    [Fact]
    public void Mentions_in_running_text_carry_exact_spans_of_the_original()
    {
        const string text = "Sanctions on the United  States, the U.S. Congress and 美國國會; the EU and Czechia.";
        var mentions = G.FindMentions(text);
        Assert.Equal(["US", "US", "US", "EU", "CZ"], mentions.Select(m => m.Code));
        Assert.Equal(text.IndexOf("United  States", StringComparison.Ordinal), mentions[0].Start);
        Assert.Equal("United  States".Length, mentions[0].Length);
        Assert.Equal("United  States", mentions[0].Text);
        Assert.Equal(text.IndexOf("U.S.", StringComparison.Ordinal), mentions[1].Start);
        Assert.Equal("美國", mentions[2].Text);
        Assert.Equal(text.IndexOf("美國", StringComparison.Ordinal), mentions[2].Start);
        Assert.All(mentions, m => Assert.Equal(m.Text, text.Substring(m.Start, m.Length)));
    }

    [Fact]
    public void Mentions_take_the_longest_name_and_skip_phrases_that_are_not_countries()
    {
        Assert.Equal(["PG"], G.FindMentions("Papua New Guinea").Select(m => m.Code));
        Assert.Equal(["ID"], G.FindMentions("印度尼西亚").Select(m => m.Code));
        Assert.Equal(["TW"], G.FindMentions("中国台湾地区").Select(m => m.Code));
        Assert.Equal(["CN"], G.FindMentions("the People's Republic of China").Select(m => m.Code));
        Assert.Empty(G.FindMentions("内蒙古自治区"));
        Assert.Empty(G.FindMentions("在印度洋上"));
        Assert.Empty(G.FindMentions("沿海地区"));
        Assert.Empty(G.FindMentions("New Mexico and the South China Sea"));
        Assert.Equal(["MN"], G.FindMentions("内蒙古与蒙古国").Select(m => m.Code));
    }

    [Fact]
    public void Mentions_respect_case_and_word_boundaries_and_skip_one_character_short_forms()
    {
        Assert.Empty(G.FindMentions("let us roast a turkey in china"));
        Assert.Equal(["TR", "CN"], G.FindMentions("Turkey and CHINA").Select(m => m.Code));
        Assert.Empty(G.FindMentions("Indian Omani Nigerian"));
        Assert.Empty(G.FindMentions("中美关系，美元，英语，日本"[..8]));
        Assert.Equal(["JP"], G.FindMentions("英语和日本").Select(m => m.Code));
        Assert.Empty(G.FindMentions("America and Korea"));
    }

    [Fact]
    public void Every_distinct_country_value_of_the_PRC_sanctions_list_resolves()
    {
        var path = SharedCorpus.Require("sanctions-opensanctions/cn_sanctions.csv");
        var distinct = ReadColumn(path, "Country").ToHashSet(StringComparer.Ordinal);

        // Counted from the file by reading it (24 distinct values, one of them empty), with the code each
        // must resolve to worked out by hand.
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["BE"] = "BE", ["BG"] = "BG", ["Belgium"] = "BE", ["CA"] = "CA", ["CZ"] = "CZ", ["Czech Republic"] = "CZ",
            ["DE"] = "DE", ["DK"] = "DK", ["EU"] = "EU", ["FR"] = "FR", ["GB"] = "GB", ["Germany"] = "DE", ["IS"] = "IS",
            ["IT"] = "IT", ["JP"] = "JP", ["Japan"] = "JP", ["LT"] = "LT", ["NL"] = "NL", ["PL"] = "PL", ["SE"] = "SE",
            ["SK"] = "SK", ["TW"] = "TW", ["US"] = "US",
        };
        Assert.Equal(24, distinct.Count);
        Assert.Contains("", distinct);
        var resolved = distinct.Where(v => G.Match(v) is not null).ToList();
        Assert.Equal(23, resolved.Count);
        foreach (var (value, code) in expected)
        {
            Assert.Equal(code, G.Match(value)?.Code);
        }
    }

    [Fact]
    public void Broken_data_is_reported_with_file_and_line()
    {
        const string countries = "US\tUSA\tstate\tNorthern America\tUnited States\t美国\t美國\tUSA\nXX\tUSA\tstate\tx\tX\t某\t某\t\nJP\tJPN\tstate\tEastern Asia\tJapan\t日本\t日本\tUnited States\n";
        var ex = Assert.Throws<InvalidOperationException>(() => Gazetteer.Parse(countries, "", "bloc\tB\tB\tB\t\nmember\tB\tZZ\t2020-01-01\t-\n"));
        Assert.Contains("countries.tsv:2: alpha-3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("countries.tsv:3: \"United States\" (JP) reads the same as a form of US", ex.Message, StringComparison.Ordinal);
        Assert.Contains("blocs.tsv:2: ZZ is not a code", ex.Message, StringComparison.Ordinal);
    }

    // A small RFC 4180 reader, so the expected values come from the file and not from Vigil's importer.
    private static IEnumerable<string> ReadColumn(string path, string column)
    {
        var rows = SimpleCsv.Read(path);
        var header = rows[0];
        var index = Array.IndexOf(header, column);
        return rows.Skip(1).Where(r => r.Length == header.Length).Select(r => r[index]);
    }
}
