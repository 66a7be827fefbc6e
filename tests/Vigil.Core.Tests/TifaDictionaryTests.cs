using Vigil.Core.Tifa;

namespace Vigil.Core.Tests;

/// <summary>The formulation dictionary: the shipped data, the file format and its validation.</summary>
public sealed class TifaDictionaryTests
{
    private static DictionaryLoadResult Load(string text, string file = "user.txt")
    {
        var parsed = FormulationDictionary.Parse(text, file);
        return parsed.Problems.Count > 0 ? new DictionaryLoadResult(null, parsed.Problems) : FormulationDictionary.Create(parsed.Entries);
    }

    private static string SingleProblem(string text)
    {
        var result = Load(text);
        Assert.Null(result.Dictionary);
        return Assert.Single(result.Problems).ToString();
    }

    public sealed class The_built_in_dictionary
    {
        [Fact]
        public void Loads_with_at_least_90_valid_entries()
        {
            var dictionary = FormulationDictionary.BuiltIn;
            Assert.True(dictionary.Formulations.Count >= 90, $"{dictionary.Formulations.Count} entries");
            Assert.All(dictionary.Formulations, f =>
            {
                Assert.NotEmpty(f.Zh);
                Assert.All(f.Domains, d => Assert.Contains(d, FormulationDictionary.DomainIds));
                Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", f.Id);
                Assert.False(string.IsNullOrWhiteSpace(f.Notes), $"{f.Id} has no notes");
            });
            Assert.Equal(dictionary.Formulations.Count, dictionary.Formulations.Select(f => f.Id).Distinct().Count());
        }

        [Theory]
        [InlineData("总体国家安全观", "holistic-national-security", "holistic approach to national security")]
        [InlineData("统筹发展和安全", "development-and-security", "ensure both development and security")]
        [InlineData("战略机遇期", "strategic-opportunity", "period of strategic opportunity")]
        [InlineData("全球安全倡议", "global-security-initiative", "Global Security Initiative")]
        [InlineData("人类命运共同体", "community-shared-future", "community with a shared future for mankind")]
        [InlineData("韬光养晦", "hide-and-bide", "hide one's capabilities and bide one's time")]
        [InlineData("长臂管辖", "long-arm-jurisdiction", "long-arm jurisdiction")]
        [InlineData("不可分割的安全", "indivisible-security", "indivisible security")]
        [InlineData("共同、综合、合作、可持续的安全", "common-comprehensive-cooperative-sustainable-security", "common, comprehensive, cooperative and sustainable security")]
        public void Holds_the_core_formulations_with_their_common_renderings(string zh, string id, string en)
        {
            var f = FormulationDictionary.BuiltIn.Find(zh);
            Assert.NotNull(f);
            Assert.Equal(id, f.Id);
            Assert.Equal(zh, f.Zh[0]);
            Assert.Contains(en, f.En);
        }

        [Theory]
        [InlineData("新质战斗力")]
        [InlineData("新质生产力")]
        [InlineData("东升西降")]
        [InlineData("发扬斗争精神")]
        [InlineData("平安中国")]
        [InlineData("新安全格局")]
        [InlineData("两个确立")]
        [InlineData("一国两制")]
        [InlineData("黑天鹅")]
        [InlineData("灰犀牛")]
        [InlineData("卡脖子")]
        [InlineData("军民融合")]
        [InlineData("枫桥经验")]
        [InlineData("以新安全格局保障新发展格局")]
        [InlineData("百年未有之大变局")]
        [InlineData("脱钩断链")]
        [InlineData("国家安全人民防线")]
        public void Finds_a_formulation_by_any_of_its_forms(string form) => Assert.NotNull(FormulationDictionary.BuiltIn.Find(form));

        [Fact]
        public void Finds_by_traditional_form_and_by_id_in_any_case()
        {
            Assert.Equal("holistic-national-security", FormulationDictionary.BuiltIn.Find("總體國家安全觀")?.Id);
            Assert.Equal("strategic-opportunity", FormulationDictionary.BuiltIn.Find("Strategic-Opportunity")?.Id);
            Assert.Equal("belt-and-road", FormulationDictionary.BuiltIn.Find("Belt and Road Initiative")?.Id);
            Assert.Null(FormulationDictionary.BuiltIn.Find("no-such-thing"));
        }

        [Fact]
        public void Suggests_close_ids_for_a_misspelt_one()
        {
            Assert.Equal("strategic-opportunity", FormulationDictionary.BuiltIn.CloseIds("strategic-oportunity")[0]);
            Assert.Contains("holistic-national-security", FormulationDictionary.BuiltIn.CloseIds("holistic"));
            Assert.Empty(FormulationDictionary.BuiltIn.CloseIds("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"));
        }

        [Fact]
        public void Gives_the_near_variants_named_in_the_brief()
        {
            Assert.Contains("战略机遇", FormulationDictionary.BuiltIn.Find("strategic-opportunity")!.Near);
            Assert.Contains("发展和安全", FormulationDictionary.BuiltIn.Find("development-and-security")!.Near);
            Assert.Contains("国家安全观", FormulationDictionary.BuiltIn.Find("holistic-national-security")!.Near);
        }
    }

    public sealed class The_format
    {
        [Fact]
        public void Reads_lists_repeated_keys_years_and_notes()
        {
            var result = Load("""
                # comment
                [foo-bar]
                zh = 甲乙丙 | 甲乙丁
                en = first rendering
                en = second rendering | third
                domains = political, cyber | data
                near = 甲乙
                since = 2014
                notes = one
                notes = two

                [baz]
                zh = 丙丁
                """);
            var d = Assert.IsType<FormulationDictionary>(result.Dictionary);
            var f = d.Formulations[0];
            Assert.Equal(["甲乙丙", "甲乙丁"], f.Zh);
            Assert.Equal(["first rendering", "second rendering", "third"], f.En);
            Assert.Equal(["political", "cyber", "data"], f.Domains);
            Assert.Equal(["甲乙"], f.Near);
            Assert.Equal(2014, f.Since);
            Assert.Equal("one two", f.Notes);
            Assert.Equal("user.txt:2", f.Origin);
            Assert.Null(d.Formulations[1].Since);
            Assert.Equal("", d.Formulations[1].Notes);
        }

        [Fact]
        public void An_empty_file_is_an_empty_dictionary() => Assert.Empty(Load("").Dictionary!.Formulations);

        [Fact]
        public void A_file_over_the_size_limit_is_refused_without_reading_it()
        {
            var problem = SingleProblem(new string('#', FormulationDictionary.MaxFileChars + 1));
            Assert.StartsWith("user.txt:1: dictionary is larger than", problem);
        }

        [Theory]
        [InlineData("[a]\nzh = 甲乙\n[a]\nzh = 丙丁\n", "user.txt:3: [a] duplicate id (first defined at line 1)")]
        [InlineData("[a]\nen = only english\n", "user.txt:1: [a] has no Chinese form")]
        [InlineData("[a]\nzh = 甲乙\ndomains = cyber | cybr\n", "user.txt:3: [a] unknown domain id 'cybr'")]
        [InlineData("[A b]\nzh = 甲乙\n", "user.txt:1: [A b] is not a valid id")]
        [InlineData("zh = 甲乙\n", "user.txt:1: 'zh = ...' comes before any entry")]
        [InlineData("[a]\nzh = 甲乙\ncolour = red\n", "user.txt:3: [a] unknown key 'colour'")]
        [InlineData("[a]\nzh = 甲乙\nsince = 20x4\n", "user.txt:3: [a] 'since' must be a year")]
        [InlineData("[a]\nzh = 甲乙\nsince = 2001\nsince = 2002\n", "user.txt:4: [a] 'since' is given twice")]
        [InlineData("[a]\nzh = 甲乙\nnear = 甲乙\n", "user.txt:3: [a] near form '甲乙' is also a full form")]
        [InlineData("[a]\nzh = 甲乙\nnear = 甲乙丙\n", "user.txt:3: [a] near form '甲乙丙' contains the full form '甲乙'")]
        [InlineData("[a]\nzh = abc\n", "user.txt:2: [a] zh form 'abc' has no Chinese character")]
        [InlineData("[a]\nzh = 甲乙\nen = 甲 english\n", "user.txt:3: [a] en form '甲 english' contains Chinese characters")]
        [InlineData("[a]\nzh = 甲乙 | 甲乙\n", "user.txt:2: [a] zh form '甲乙' is given twice")]
        [InlineData("[a]\nzh = 甲乙\nthis line has no equals sign\n", "user.txt:3: [a] expected 'key = value' or [id]")]
        [InlineData("[a\n", "user.txt:1: entry header '[a' has no closing ]")]
        [InlineData("[a]\nzh = 甲乙\n[b]\nzh = 甲乙\n", "user.txt:3: [b] form '甲乙' is already a form of [a] (user.txt:1)")]
        public void Names_file_line_entry_and_problem(string text, string expected) => Assert.StartsWith(expected, SingleProblem(text));

        [Fact]
        public void Reports_every_problem_and_summarises_them_on_one_line()
        {
            var result = Load("[a]\ndomains = x\n[b]\nzh = 甲\ndomains = y\n");
            Assert.Equal(3, result.Problems.Count); // a: no zh, a: unknown domain x; b: unknown domain y
            Assert.EndsWith("(and 2 more problems)", result.Message);
            Assert.DoesNotContain('\n', result.Message);
        }

        [Fact]
        public void Matches_traditional_and_full_width_forms_by_folding()
        {
            var result = Load("[a]\nzh = 国家安全观\nen = ＧＳＩ test\n");
            Assert.Equal("a", result.Dictionary!.Find("國家安全觀")?.Id);
            Assert.Equal("a", result.Dictionary!.Find("gsi TEST")?.Id);
        }
    }

    public sealed class A_user_file
    {
        /// <summary>Loads the built-in dictionary with a temporary user file holding <paramref name="text"/>.</summary>
        private static (DictionaryLoadResult Result, string Path) WithUserFile(string text)
        {
            var path = Path.Combine(Path.GetTempPath(), $"tifa-dict-{Guid.NewGuid():N}.txt");
            File.WriteAllText(path, text);
            try
            {
                return (FormulationDictionary.BuiltIn.WithFile(path), path);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Replaces_entries_by_id_and_adds_new_ones()
        {
            var (result, _) = WithUserFile("[strategic-opportunity]\nzh = 战略机遇期\nnear = 机遇期\n\n[my-new-one]\nzh = 甲乙丙丁\nen = my phrase\n");
            var d = Assert.IsType<FormulationDictionary>(result.Dictionary);
            Assert.Equal(FormulationDictionary.BuiltIn.Formulations.Count + 1, d.Formulations.Count);
            Assert.Equal(["机遇期"], d.Find("strategic-opportunity")!.Near);
            Assert.Empty(d.Find("strategic-opportunity")!.En);
            Assert.Equal("my-new-one", d.Formulations[^1].Id);

            // The replaced entry keeps its place in the built-in order.
            Assert.Equal(FormulationDictionary.BuiltIn.IndexOf("strategic-opportunity"), d.IndexOf("strategic-opportunity"));
        }

        [Fact]
        public void That_reuses_a_built_in_form_is_refused_with_both_places()
        {
            var (result, path) = WithUserFile("[mine]\nzh = 总体国家安全观\n");
            Assert.Null(result.Dictionary);
            Assert.Contains($"{path}:1: [mine] form '总体国家安全观' is already a form of [holistic-national-security] (formulations.txt:", result.Message);
        }

        [Fact]
        public void That_does_not_exist_is_a_one_line_problem()
        {
            var result = FormulationDictionary.BuiltIn.WithFile("/no/such/dictionary.txt");
            Assert.Null(result.Dictionary);
            Assert.Equal("/no/such/dictionary.txt: dictionary file not found", result.Message);
        }
    }
}
