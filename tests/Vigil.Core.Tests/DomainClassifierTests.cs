using Vigil.Core.Analysis;
using Vigil.Core.Documents;
using Vigil.Core.Domains;

namespace Vigil.Core.Tests;

public class DomainClassifierTests
{
    // A small taxonomy whose scores can be worked out by hand: score = 1 − exp(−E / (4·L)).
    private const string Small = """
        taxonomy test
        domain food
          zh 粮食安全
          en food security
          definition Supply of staple food.
          versions 2024
          term 3 粮食安全
          term 1 粮食
          term 2 food security
          term -3 食品安全
          term -3 food safety
        domain social
          zh 社会安全
          en societal security
          definition Order and safety of society.
          versions 2024
          term 3 societal security
          term 2 social security
          term -3 social security benefits
          term 2 public security
        domain cyber
          zh 网络安全
          en cyber security
          definition Networks.
          versions 2014 2024
          term 3 cyberattack
          term 0.5 security
        exclude Security Council
        """;

    private static readonly DomainClassifier Classifier = new(TaxonomyLoader.Parse(Small, "small.vtax").ForVersion("2024")!);

    private static PassageClassification Classify(string text, DomainClassifier? classifier = null)
    {
        var analysis = AnalysisPipeline.Default.Run(text);
        return (classifier ?? Classifier).ClassifyDocument(new DocumentContent(text, analysis.Normalized, analysis.Paragraphs, []));
    }

    private static DomainScore? Domain(PassageClassification c, string id) => c.Domains.FirstOrDefault(d => d.Id == id);

    [Fact]
    public void One_decisive_term_assigns_the_domain_and_the_shorter_overlapping_term_is_not_counted_again()
    {
        var food = Domain(Classify("我们必须确保粮食安全。"), "food")!;
        // 粮食安全 (w 3) contains 粮食 (w 1): the longest match wins, so E = 3 and score = 1 − e^(−3/4) = 0.5276.
        Assert.Equal(3, food.Evidence, 6);
        Assert.Equal(0.5276, food.Score);
        Assert.True(food.Assigned);
        var evidence = Assert.Single(food.Terms);
        Assert.Equal("粮食安全", evidence.Term);
        Assert.Equal(1, evidence.Count);
        Assert.Equal(6, evidence.Snippets[0].Offset);
        Assert.Equal("粮食安全", evidence.Snippets[0].Match);
    }

    [Fact]
    public void Repeated_evidence_grows_logarithmically()
    {
        var food = Domain(Classify("粮食安全是头等大事，粮食安全必须保障。"), "food")!;
        // E = 3 · (1 + ln 2) = 5.079442; score = 1 − e^(−5.079442/4) = 0.7191
        Assert.Equal(5.079442, food.Evidence, 5);
        Assert.Equal(0.7191, food.Score);
        Assert.Equal(2, food.Terms[0].Count);
        Assert.Equal(2, food.Terms[0].Snippets.Count);
    }

    [Fact]
    public void Traditional_Chinese_and_upper_case_English_score_like_their_folded_forms()
    {
        Assert.Equal(0.5276, Domain(Classify("我們必須確保糧食安全。"), "food")!.Score);
        // "Food Security" (w 2): E = 2, score = 1 − e^(−0.5) = 0.3935, not assigned alone.
        var food = Domain(Classify("FOOD SECURITY matters."), "food")!;
        Assert.Equal(0.3935, food.Score);
        Assert.False(food.Assigned);
    }

    [Fact]
    public void Food_safety_is_negative_evidence_for_food_security()
    {
        var safety = Domain(Classify("加强食品安全监管。Food safety inspections."), "food")!;
        Assert.Equal(-6, safety.Evidence, 6);
        Assert.Equal(0, safety.Score);
        Assert.False(safety.Assigned);
        Assert.All(safety.Terms, t => Assert.True(t.Weight < 0));

        // Positive and negative evidence cancel: 3 − 3 = 0.
        var both = Domain(Classify("既要食品安全，也要粮食安全。"), "food")!;
        Assert.Equal(0, both.Evidence, 6);
        Assert.False(both.Assigned);
    }

    [Fact]
    public void A_negative_phrase_masks_the_positive_phrase_inside_it()
    {
        var social = Domain(Classify("Social security benefits were cut, while public security improved."), "social")!;
        // "social security" sits inside "social security benefits" (−3) and is dropped; "public security" (+2) stays.
        Assert.DoesNotContain(social.Terms, t => t.Term == "social security");
        Assert.Equal(-1, social.Evidence, 6);
        Assert.Equal(0, social.Score);
    }

    [Fact]
    public void An_exclusion_cancels_overlapping_matches_of_every_domain()
    {
        var cyber = Domain(Classify("The Security Council met. Security matters."), "cyber")!;
        // Only the second "security" counts: E = 0.5, score = 1 − e^(−0.125) = 0.1175.
        Assert.Equal(1, Assert.Single(cyber.Terms).Count);
        Assert.Equal(0.1175, cyber.Score);
    }

    [Fact]
    public void English_inflections_of_lexicon_terms_match()
    {
        var cyber = Domain(Classify("Cyberattacks rose."), "cyber")!;
        Assert.True(cyber.Assigned);
        Assert.Equal("Cyberattacks", cyber.Terms[0].Snippets[0].Match);
    }

    [Fact]
    public void Long_passages_need_proportionally_more_evidence()
    {
        // 1,600 Han characters: L = √(1600/400) = 2, so one weight-3 term scores 1 − e^(−3/8) = 0.3127.
        var text = "粮食安全" + new string('的', 1596);
        var c = Classify(text);
        Assert.Equal(1600, c.Units);
        Assert.Equal(2, c.LengthFactor, 6);
        Assert.Equal(0.3127, Domain(c, "food")!.Score);
        Assert.False(Domain(c, "food")!.Assigned);

        // With normalisation off (α = 0) the same text is assigned again.
        var flat = new DomainClassifier(Classifier.Taxonomy, new ScoringParameters { LengthExponent = 0 });
        Assert.True(Domain(Classify(text, flat), "food")!.Assigned);
    }

    [Fact]
    public void Paragraphs_are_classified_separately_and_snippets_stay_inside_their_paragraph()
    {
        var text = "第一段讲粮食安全。\n\n第二段讲网络。Cyberattack on banks.";
        var analysis = AnalysisPipeline.Default.Run(text);
        var content = new DocumentContent(text, analysis.Normalized, analysis.Paragraphs, []);
        var paragraphs = Classifier.ClassifyParagraphs(content);
        Assert.Equal(2, paragraphs.Count);
        Assert.Equal(["food"], paragraphs[0].AssignedIds);
        Assert.Equal(["cyber"], paragraphs[1].AssignedIds);
        var snippet = Domain(Classifier.ClassifyDocument(content), "food")!.Terms[0].Snippets[0];
        Assert.Equal("第一段讲粮食安全。", snippet.Text);
        Assert.Equal(text.IndexOf("粮食安全", StringComparison.Ordinal), snippet.Offset);
    }

    [Fact]
    public void Without_evidence_no_domain_is_listed_unless_all_are_asked_for()
    {
        Assert.Empty(Classify("今天天气很好。").Domains);
        var analysis = AnalysisPipeline.Default.Run("今天天气很好。");
        var all = Classifier.ClassifyDocument(new DocumentContent("今天天气很好。", analysis.Normalized, analysis.Paragraphs, []), includeAll: true);
        Assert.Equal(3, all.Domains.Count);
        Assert.All(all.Domains, d => Assert.Equal(0, d.Score));
    }

    [Fact]
    public void A_child_domain_evidence_also_counts_for_its_parent()
    {
        var extended = TaxonomyLoader.Overlay(TaxonomyLoader.Parse(Small, "small.vtax"), """
            domain food-seeds
              zh 种业安全
              en seed security
              definition Seed industry.
              parent food
              term 2 种业
            """, "user.vtax").ForVersion("2024")!;
        var c = Classify("推进种业振兴，种业要自主可控。", new DomainClassifier(extended));
        // Child: E = 2·(1 + ln 2) = 3.386294 → 0.5711; the parent food gets the same evidence.
        Assert.Equal(0.5711, Domain(c, "food-seeds")!.Score);
        var food = Domain(c, "food")!;
        Assert.Equal(0.5711, food.Score);
        Assert.Equal("food-seeds", food.Terms[0].Domain);
    }

    [Fact]
    public void The_same_input_gives_the_same_output()
    {
        const string text = "确保粮食安全。Cyberattack and public security; social security benefits.";
        var a = Classify(text);
        var b = Classify(text);
        Assert.Equal(a.Domains.Select(d => (d.Id, d.Score, d.Evidence)), b.Domains.Select(d => (d.Id, d.Score, d.Evidence)));
    }

    [Fact]
    public void Empty_and_hostile_text_do_not_throw()
    {
        Assert.Empty(Classify("").Domains);
        Assert.Empty(Classify(new string('\uFFFD', 10_000)).Domains);
        var many = string.Concat(Enumerable.Repeat("粮食安全", 20_000));
        var food = Domain(Classify(many), "food")!;
        Assert.Equal(20_000, food.Terms[0].Count);
        Assert.Equal(3, food.Terms[0].Snippets.Count);
    }
}

public class CoordinatedListTests
{
    private static readonly DomainClassifier Classifier = new(TaxonomyLoader.Parse("""
        domain economic
          zh 经济安全
          en economic security
          definition d
          versions 1
          term 3 经济安全
          term 3 economic security
        domain financial
          zh 金融安全
          en financial security
          definition d
          versions 1
          term 3 金融安全
          term 3 financial security
        domain cyber
          zh 网络安全
          en cyber security
          definition d
          versions 1
          term 3 网络安全
          term 3 cyber security
        domain st
          zh 科技安全
          en science and technology security
          definition d
          versions 1
          term 3 科技安全
          term 3 science and technology security
        """, "lists.vtax"));

    private static string[] Assigned(string text)
    {
        var analysis = Vigil.Core.Analysis.AnalysisPipeline.Default.Run(text);
        return [.. Classifier.ClassifyDocument(new Vigil.Core.Documents.DocumentContent(text, analysis.Normalized, analysis.Paragraphs, [])).AssignedIds.Order(StringComparer.Ordinal)];
    }

    [Theory]
    [InlineData("强化经济、金融、网络等安全保障体系建设。", new[] { "cyber", "economic", "financial" })]
    [InlineData("维护经济、金融和网络安全。", new[] { "cyber", "economic", "financial" })]
    [InlineData("保障金融和网络安全。", new[] { "cyber", "financial" })]
    [InlineData("统筹发展和安全。", new string[0])]
    [InlineData("以经济、科技安全为保障。", new[] { "economic", "st" })]
    [InlineData("经济和金融是两个领域，网络安全另说。", new[] { "cyber" })] // no 、 list: nothing implied
    [InlineData("We protect economic, financial and cyber security.", new[] { "cyber", "economic", "financial" })]
    [InlineData("It covers economic, science and technology security.", new[] { "economic", "st" })]
    [InlineData("Growth and security both matter.", new string[0])]
    [InlineData("The economic plan, and security.", new string[0])]
    public void Items_of_a_list_sharing_the_head_count_as_their_domain_terms(string text, string[] expected)
    {
        Assert.Equal(expected, Assigned(text));
    }

    [Fact]
    public void Implied_evidence_points_at_the_item_in_the_text()
    {
        const string text = "强化经济、金融等安全。";
        var analysis = Vigil.Core.Analysis.AnalysisPipeline.Default.Run(text);
        var result = Classifier.ClassifyDocument(new Vigil.Core.Documents.DocumentContent(text, analysis.Normalized, analysis.Paragraphs, []));
        var financial = result.Domains.Single(d => d.Id == "financial").Terms.Single();
        Assert.Equal("金融安全", financial.Term);
        Assert.Equal("金融", financial.Snippets[0].Match);
        Assert.Equal(5, financial.Snippets[0].Offset);
    }
}
