using Vigil.Core.Analysis;
using Vigil.Core.Documents;
using Vigil.Core.Terms;
using Vigil.Core.Text;

namespace Vigil.Core.Tests;

public sealed class TermCounterTests
{
    private static long[] Count(string original, TermOptions? options = null, params string[] terms)
    {
        var normalized = TextNormalizer.Default.Normalize(original).Text;
        return TermCounter.CountFolded(TermSet.Compile(terms, options), MatchFolding.Fold(normalized));
    }

    [Fact]
    public void A_chinese_term_is_counted_inside_longer_words()
    {
        Assert.Equal([3L, 1L], Count("总体国家安全观要求统筹发展和安全，维护国家安全", null, "安全", "安全观"));
    }

    [Fact]
    public void A_query_in_either_script_finds_text_in_either_script()
    {
        const string text = "國家安全與国家安全";
        Assert.Equal([2L, 2L], Count(text, null, "国家安全", "國家安全"));
    }

    [Fact]
    public void English_terms_match_whole_words_case_insensitively()
    {
        Assert.Equal([2L, 0L], Count("Security and SECURITY, not insecurity or securityfirst; party line.", null, "security", "art"));
    }

    [Fact]
    public void An_english_phrase_matches_across_line_breaks_runs_of_spaces_and_repaired_hyphens()
    {
        Assert.Equal([3L], Count("national\nsecurity, national   security and national secu-\nrity", null, "national security"));
    }

    [Fact]
    public void Full_width_text_matches_half_width_terms()
    {
        Assert.Equal([1L, 1L], Count("ＡＩ安全与数据安全", null, "AI安全", "ai"));
    }

    [Fact]
    public void Stemming_adds_inflected_forms_but_not_other_words_with_the_same_stem()
    {
        const string text = "security securities secure; threaten threatened threatening threatens";
        Assert.Equal([1L, 1L], Count(text, null, "security", "threaten"));
        Assert.Equal([2L, 4L], Count(text, new TermOptions { Stem = true }, "security", "threaten"));
    }

    [Fact]
    public void Stemming_inflects_every_word_of_a_phrase()
    {
        Assert.Equal([2L], Count("securing supply chains; secure supply chain", new TermOptions { Stem = true }, "secure supply chain"));
    }

    [Fact]
    public void A_blank_term_is_refused_with_its_position()
    {
        var ex = Assert.Throws<ArgumentException>(() => TermSet.Compile(["安全", "  "]));
        Assert.Contains("Term 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rates_use_han_characters_for_chinese_terms_and_words_for_others()
    {
        var set = TermSet.Compile(["安全", "security"]);
        Assert.True(set.IsChinese(0));
        Assert.False(set.IsChinese(1));
        Assert.Equal(2500, TermCounter.Per10K(1, chinese: true, words: 100, han: 4));
        Assert.Equal(100, TermCounter.Per10K(1, chinese: false, words: 100, han: 4));
        Assert.Equal(0, TermCounter.Per10K(5, chinese: true, words: 100, han: 0));
    }

    [Fact]
    public void Word_and_han_counts_follow_the_documented_definitions()
    {
        var result = AnalysisPipeline.Default.Run("National security, 2022: 国家安全 (國家)!");
        Assert.Equal(3, result.Words); // national, security, 2022
        Assert.Equal(6, result.Han);
    }

    [Fact]
    public void Concordance_lines_come_from_the_original_text_with_original_offsets()
    {
        const string original = "维护国家\n安全。\n\nWe protect national\nsecurity here.";
        var analysis = AnalysisPipeline.Default.Run(original);
        var content = new DocumentContent(original, analysis.Normalized, analysis.Paragraphs, []);
        var chinese = Concordance.Lines(TermSet.Compile(["國家安全"]), content, 4).Single();
        Assert.Equal("国家\n安全", original[chinese.Offset..chinese.End]);
        Assert.Equal("国家安全", chinese.Match);
        Assert.Equal("维护", chinese.Left);
        var english = Concordance.Lines(TermSet.Compile(["national security"]), content, 8).Single();
        Assert.Equal("national\nsecurity", original[english.Offset..english.End]);
        Assert.Equal("national security", english.Match);
        Assert.Equal(" here.", english.Right);
        Assert.Equal(1, english.Paragraph);
    }
}
