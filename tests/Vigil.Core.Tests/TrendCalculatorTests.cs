using Vigil.Core.Analysis;
using Vigil.Core.Documents;
using Vigil.Core.Domains;
using Vigil.Core.Trends;

namespace Vigil.Core.Tests;

public class TrendCalculatorTests
{
    private static readonly DomainClassifier Classifier = new(TaxonomyLoader.Parse("""
        domain food
          zh 粮食安全
          en food security
          definition Food supply.
          versions 2024
          term 3 粮食安全
          term 3 food security
        """, "t.vtax").ForVersion("2024")!);

    private static DocumentContent Content(string text)
    {
        var analysis = AnalysisPipeline.Default.Run(text);
        return new DocumentContent(text, analysis.Normalized, analysis.Paragraphs, []);
    }

    [Fact]
    public void Securitisation_measures_of_a_small_bilingual_document()
    {
        // ¶1: 24 Han, 粮食安全 → assigned; 安全 ×2 (粮食安全, 安全感). ¶2: 22 Han, no domain; 发展 ×2.
        // ¶3: "一、" is 1 Han unit: not substantive. ¶4: 21 words, "security" ×1, "securities" not counted, "development" ×1.
        const string text = "我们要确保粮食安全，提高人民群众的安全感和获得感受。\n\n"
            + "坚持以经济建设为中心，推动高质量发展和持续发展。\n\n"
            + "一、\n\n"
            + "The securities market and national security both matter for development in the coming years of the plan we discussed today here.";
        var m = TrendCalculator.Measure(Classifier, Content(text));
        Assert.Equal(2, m.SecurityZh);
        Assert.Equal(1, m.SecurityEn);
        Assert.Equal(2, m.DevelopmentZh);
        Assert.Equal(1, m.DevelopmentEn);
        Assert.Equal(3, m.Paragraphs);
        Assert.Equal(1, m.SecuritizedParagraphs);
        Assert.Equal(24 + 22 + 1, m.Han);
        Assert.Equal(21, m.Words);

        // D = 10,000 × 3 / (47 + 21) = 441.18; S = 1/3; SI = 100 × (1/3 + 441.18/471.18) / 2 = 63.48; B = 3 / 6 = 0.5.
        Assert.Equal(441.1765, m.Density, 3);
        Assert.Equal(1.0 / 3, m.Share, 10);
        Assert.Equal(63.4831, m.Index, 3);
        Assert.Equal(0.5, m.Balance);
    }

    [Fact]
    public void A_text_without_security_or_development_has_no_balance_and_index_zero()
    {
        var m = TrendCalculator.Measure(Classifier, Content("今天天气很好，我们去公园散步，看见了很多花草树木和小鸟在唱歌。"));
        Assert.Null(m.Balance);
        Assert.Equal(0, m.Index);
        Assert.Equal(1, m.Paragraphs);
    }

    [Fact]
    public void Measures_add_up_componentwise()
    {
        var a = new SecuritizationMeasures(1, 2, 3, 4, 100, 200, 5, 2);
        var b = new SecuritizationMeasures(10, 20, 30, 40, 1000, 2000, 50, 20);
        Assert.Equal(new SecuritizationMeasures(11, 22, 33, 44, 1100, 2200, 55, 22), a + b);
        // Group rates come from the sums: D = 10,000 × 33 / 3,300 = 100, not the mean of the documents' rates.
        Assert.Equal(100, (a + b).Density, 10);
    }

    [Fact]
    public void Groups_sort_known_keys_first_and_unknown_last()
    {
        DocumentInfo Doc(string id, string? date, string? source) => new() { Id = id, Sha256 = id, Format = "txt", Language = "zh-Hans", Date = date, Source = source, Paths = [$"/{id}.txt"] };
        var docs = new[] { Doc("c", null, "b"), Doc("a", "2022-10-16", null), Doc("b", "2017", "a"), Doc("d", "2022-03", "a") };
        Assert.Equal(["2017", "2022", "(undated)"], TrendCalculator.Group(docs, TrendGrouping.Year).Select(g => g.Key));
        Assert.Equal(["2022-03", "2022-10", "(no month)", "(undated)"], TrendCalculator.Group(docs, TrendGrouping.Month).Select(g => g.Key));
        Assert.Equal(["a", "b", "(none)"], TrendCalculator.Group(docs, TrendGrouping.Source).Select(g => g.Key));
        Assert.Equal(["b", "d", "a", "c"], TrendCalculator.Group(docs, TrendGrouping.Doc).Select(g => g.Key));
        Assert.Equal([1, 3], TrendCalculator.Group(docs, TrendGrouping.Year)[1].Members);
    }
}
