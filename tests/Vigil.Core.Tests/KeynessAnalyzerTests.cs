using Vigil.Core.Segmentation;
using Vigil.Core.Statistics;
using Vigil.Core.Text;

namespace Vigil.Core.Tests;

/// <summary>Keyness between two sets of documents, worked by hand on a small example and checked on the congress reports.</summary>
public sealed class KeynessAnalyzerTests
{
    private static string Repeat(string word, int times, string separator) => string.Concat(Enumerable.Repeat(word + separator, times));

    private static WordFrequencies Frequencies(params string[] documents)
    {
        var f = new WordFrequencies();
        foreach (var d in documents)
        {
            f.AddDocument(TextNormalizer.Default.Normalize(d).Text);
        }

        return f;
    }

    // Set A, two documents: English 1,000 tokens (alpha ×10, filler ×990); Chinese 20 tokens (安全 ×5, 发展 ×15).
    // Set B, two documents: English 1,000 tokens (alpha ×2, beta ×8, filler ×990); Chinese 60 tokens (发展 ×60).
    private static (WordFrequencies A, WordFrequencies B) Example() => (
        Frequencies(Repeat("alpha", 10, " ") + Repeat("filler", 990, " "), Repeat("安全", 5, "，") + Repeat("发展", 15, "，")),
        Frequencies(Repeat("alpha", 2, " ") + Repeat("beta", 8, " ") + Repeat("filler", 500, " "), Repeat("filler", 490, " ") + Repeat("发展", 60, "。")));

    [Fact]
    public void Sizes_are_counted_per_language_group()
    {
        var (a, b) = Example();
        Assert.Equal((2, 20L, 1000L), (a.Documents, a.ChineseTokens, a.EnglishTokens));
        Assert.Equal((2, 60L, 1000L), (b.Documents, b.ChineseTokens, b.EnglishTokens));
        Assert.Equal(60, b["发展"]);
        Assert.Equal(990, b["filler"]);
    }

    [Fact]
    public void A_small_two_set_example_matches_the_hand_computed_values()
    {
        var (a, b) = Example();
        var result = KeynessAnalyzer.Compare(a, b);

        // 安全 (Chinese sizes 20 and 60): a = 5, b = 0. E_A = 20·5/80 = 1.25; G² = 2·5·ln(5/1.25) = 10·ln 4 = 13.862944.
        //   (Had the languages been pooled, sizes 1,020 and 1,060: E_A = 2.4519 and G² = 7.13.)
        //   Log ratio: b = 0 counts as 0.5: log2((5/20)/(0.5/60)) = log2 30 = 4.906891. Per 10k: 5·10000/20 = 2500.
        // alpha (English sizes 1,000 and 1,000): a = 10, b = 2. E = 6 each; G² = 2(10 ln(10/6) + 2 ln(2/6)) = 2(5.108256 − 2.197225) = 5.822063;
        //   log ratio log2(10/2) = 2.321928; per 10k 100 and 20.
        // beta: a = 0, b = 8. E = 4 each; G² = 2·8·ln 2 = 11.090355; log ratio log2((0.5/1000)/(8/1000)) = −4.
        // 发展: a = 15 of 20, b = 60 of 60. E_A = 18.75, E_B = 56.25; G² = 2(15 ln 0.8 + 60 ln(16/15)) = 1.050316 < 3.84.
        // filler: 990 and 990 of 1,000: G² = 0.
        Assert.Equal(["安全", "alpha", "beta"], result.Words.Select(w => w.Word));

        var anquan = result.Words[0];
        Assert.Equal(("zh", 5L, 0L, KeywordDirection.A), (anquan.Language, anquan.A, anquan.B, anquan.Direction));
        Assert.Equal(13.862944, anquan.G2, 6);
        Assert.Equal(4.906891, anquan.LogRatio, 6);
        Assert.Equal(2500, anquan.APer10K, 10);
        Assert.Equal(0, anquan.BPer10K);

        var alpha = result.Words[1];
        Assert.Equal(("en", 10L, 2L, KeywordDirection.A), (alpha.Language, alpha.A, alpha.B, alpha.Direction));
        Assert.Equal(5.822063, alpha.G2, 6);
        Assert.Equal(2.321928, alpha.LogRatio, 6);
        Assert.Equal((100.0, 20.0), (alpha.APer10K, alpha.BPer10K));

        var beta = result.Words[2];
        Assert.Equal(KeywordDirection.B, beta.Direction);
        Assert.Equal(11.090355, beta.G2, 6);
        Assert.Equal(-4, beta.LogRatio, 10);

        Assert.Equal(new KeynessSet(2, 20, 1000), result.A);
        Assert.Equal(3.84, result.CriticalValue);
    }

    [Fact]
    public void Options_filter_by_frequency_significance_language_and_top()
    {
        var (a, b) = Example();
        Assert.Equal(["alpha", "beta"], KeynessAnalyzer.Compare(a, b, new KeynessOptions { MinFrequency = 6 }).Words.Select(w => w.Word));
        Assert.Equal(["安全", "beta"], KeynessAnalyzer.Compare(a, b, new KeynessOptions { P = 0.01 }).Words.Select(w => w.Word)); // alpha: 5.82 < 6.63
        Assert.Equal(["安全", "beta"], KeynessAnalyzer.Compare(a, b, new KeynessOptions { P = 0.001 }).Words.Select(w => w.Word)); // 11.09 ≥ 10.83
        Assert.Empty(KeynessAnalyzer.Compare(a, b, new KeynessOptions { P = 0.0001 }).Words); // 13.86 < 15.13
        Assert.Equal(["alpha", "beta"], KeynessAnalyzer.Compare(a, b, new KeynessOptions { Language = "en" }).Words.Select(w => w.Word));
        Assert.Equal(["安全", "beta"], KeynessAnalyzer.Compare(a, b, new KeynessOptions { Top = 1 }).Words.Select(w => w.Word));
    }

    [Fact]
    public void Swapping_the_sets_swaps_the_directions()
    {
        var (a, b) = Example();
        var swapped = KeynessAnalyzer.Compare(b, a);
        Assert.Equal(["beta", "安全", "alpha"], swapped.Words.Select(w => w.Word));
        Assert.Equal([KeywordDirection.A, KeywordDirection.B, KeywordDirection.B], swapped.Words.Select(w => w.Direction));
    }

    [Fact]
    public void Empty_sets_give_no_keywords()
    {
        var result = KeynessAnalyzer.Compare(Frequencies(""), Frequencies("，。"));
        Assert.Empty(result.Words);
        Assert.Equal(0, result.B.ChineseTokens);
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        var (a, b) = Example();
        Assert.Throws<ArgumentOutOfRangeException>(() => KeynessAnalyzer.Compare(a, b, new KeynessOptions { P = 0.2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeynessAnalyzer.Compare(a, b, new KeynessOptions { MinFrequency = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeynessAnalyzer.Compare(a, b, new KeynessOptions { Language = "fr" }));
    }

    [Fact]
    public void In_the_2022_congress_report_against_2012_安全_is_a_keyword_of_2022()
    {
        var dir = SharedCorpus.Require("cpc-congress-reports");
        string Read(int year) => TextNormalizer.Default.Normalize(File.ReadAllText(Directory.GetFiles(dir, $"*_{year}.txt").Single())).Text;
        var text2022 = Read(2022);
        var text2012 = Read(2012);
        var a = Frequencies(text2022);
        var b = Frequencies(text2012);

        // Chinese tokens: 14,348 (2022) and 12,515 (2012); jieba 0.42.1 (cut with HMM=False on the same
        // normalised text) gives the same totals and the same 安全 counts.
        Assert.Equal((14_348L, 12_515L), (a.ChineseTokens, b.ChineseTokens));
        var result = KeynessAnalyzer.Compare(a, b);
        var anquan = Assert.Single(result.Words, w => w.Word == "安全");

        // The word 安全 occurs 72 and 28 times, not the substring counts 91 and 36 (COUNTS.md): the other 19 and 8
        // occurrences are inside dictionary words the segmenter keeps whole — in 2022 安全监管 ×4, 粮食安全 ×3,
        // 公共安全 ×3, 能源安全 ×2, 安全观 ×2, 生命安全, 安全网, 安全法, 安全感, 安全意识; in 2012 粮食安全 ×2, 能源安全,
        // 网络安全, 安全监管, 安全事故, 公共安全, 信息安全. (国家安全 is not a jieba word: it is cut 国家/安全, so
        // those occurrences do count.) Keyness compares words; the substring-true counts stay with `vigil count`.
        Assert.Equal((72L, 28L, KeywordDirection.A), (anquan.A, anquan.B, anquan.Direction));

        // E_A = 14348·100/26863 = 53.411756, E_B = 46.588244;
        // G² = 2(72 ln(72/53.411756) + 28 ln(28/46.588244)) = 2(21.501738 − 14.256024) = 14.491427.
        Assert.Equal(14.491427, anquan.G2, 5);
        Assert.Equal(1.165379, anquan.LogRatio, 5); // log2((72/14348)/(28/12515))

        // Every substring occurrence of 安全 is inside some token (none straddles a boundary), so the tokens that
        // contain it add up to the substring counts.
        Assert.Equal(91, OccurrencesInsideTokens(text2022, "安全"));
        Assert.Equal(36, OccurrencesInsideTokens(text2012, "安全"));
    }

    private static int OccurrencesInsideTokens(string normalized, string term)
    {
        var total = 0;
        foreach (var token in WordTokenizer.Default.Tokenize(normalized))
        {
            for (var i = token.Text.IndexOf(term, StringComparison.Ordinal); i >= 0; i = token.Text.IndexOf(term, i + 1, StringComparison.Ordinal))
            {
                total++;
            }
        }

        return total;
    }
}
