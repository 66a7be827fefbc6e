using Vigil.Core.Analysis;
using Vigil.Core.Text;

namespace Vigil.Core.Tests;

public sealed class LanguageDetectorTests
{
    private static string Detect(string s) => LanguageDetector.Default.Detect(s);

    [Fact]
    public void English_prose_is_english() =>
        Assert.Equal(LanguageTag.English, Detect("The report says that the state will strengthen the national security system and its capacity."));

    [Fact]
    public void Simplified_chinese_is_zh_hans() => Assert.Equal(LanguageTag.Simplified, Detect("坚持总体国家安全观，统筹发展和安全，维护国家安全。"));

    [Fact]
    public void Traditional_chinese_is_zh_hant() => Assert.Equal(LanguageTag.Traditional, Detect("堅持總體國家安全觀，統籌發展和安全，維護國家安全。"));

    [Fact]
    public void Japanese_with_kana_is_other() => Assert.Equal(LanguageTag.Other, Detect("国家安全保障戦略について説明します。"));

    [Fact]
    public void French_prose_is_other() =>
        Assert.Equal(LanguageTag.Other, Detect("Le rapport indique que les autorités renforceront la sécurité nationale dans les années qui viennent."));

    [Fact]
    public void Numbers_alone_have_no_language() => Assert.Equal(LanguageTag.None, Detect("2022 — 12.5%"));

    [Fact]
    public void A_bilingual_brief_is_mixed_and_each_paragraph_keeps_its_language()
    {
        var result = AnalysisPipeline.Default.Run(
            "The concept of holistic national security now covers twenty fields, and the list keeps growing.\n\n总体国家安全观涵盖的领域不断拓展，目前已有二十个领域。\n\n" +
            "Analysts count how often the word security appears in each report.\n\n分析人士统计每份报告中安全一词出现的次数。");
        Assert.Equal(LanguageTag.Mixed, result.Language);
        Assert.Equal([LanguageTag.English, LanguageTag.Simplified, LanguageTag.English, LanguageTag.Simplified], result.Paragraphs.Select(p => p.Language).ToArray());
        Assert.Equal(2, result.Languages.Count);
    }

    [Fact]
    public void A_short_chinese_heading_takes_the_documents_script()
    {
        var result = AnalysisPipeline.Default.Run("安全\n\n堅持總體國家安全觀，統籌發展和安全，維護國家安全，這是頭等大事。");
        Assert.Equal(LanguageTag.Traditional, result.Paragraphs[0].Language);
        Assert.Equal(LanguageTag.Traditional, result.Language);
    }
}
