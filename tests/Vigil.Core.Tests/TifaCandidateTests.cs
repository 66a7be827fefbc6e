using System.Diagnostics;
using Vigil.Core.Tifa;
using static Vigil.Core.Tests.TifaTestData;

namespace Vigil.Core.Tests;

/// <summary>
/// Candidate phrases on constructed texts whose G² is worked by hand. Both sides have 1,000 Han characters (or 50
/// words), so for a phrase absent from A and seen b times in B: E_B = b/2 and G² = 2·b·ln 2.
/// </summary>
public sealed class TifaCandidateTests
{
    private static readonly FormulationTracker s_tracker = Tracker("[known]\nzh = 甲乙丙丁戊\n");

    private static IReadOnlyList<PhraseCandidate> Candidates(string a, string b, int minFrequency = 3, int top = 30) =>
        s_tracker.Diff([Doc(a)], [Doc(b)], new FormulationDiffOptions { MinFrequency = minFrequency, Top = top }).Candidates;

    [Fact]
    public void The_longer_phrase_absorbs_the_shorter_ones_it_nearly_matches()
    {
        // 青红蓝白紫 ×5 gives 青红蓝白 5, 红蓝白紫 5 and 青红蓝白紫 5: b(long) = 5 ≥ 0.8·5, so only the 5-gram stays.
        // G² = 2·5·ln 2 = 6.9315 ≥ 6.63; log ratio = log2((5/1000)/(0.5/1000)) = log2 10.
        var c = Assert.Single(Candidates(HanText(1000), HanText(1000, ("青红蓝白紫", 5))));
        Assert.Equal(("青红蓝白紫", "zh", 0L, 5L), (c.Phrase, c.Lang, c.A, c.B));
        Assert.Equal(6.9315, c.G2, 4);
        Assert.Equal(Math.Round(Math.Log2(10), 4), c.LogRatio);
        Assert.Equal((0.0, 50.0), (c.APer10K, c.BPer10K));
    }

    [Fact]
    public void Below_6_63_is_no_candidate()
    {
        // b = 4: G² = 2·4·ln 2 = 5.545 < 6.63.
        Assert.Empty(Candidates(HanText(1000), HanText(1000, ("青红蓝白紫", 4))));
    }

    [Fact]
    public void A_rarer_extension_that_is_no_more_key_adds_nothing()
    {
        // 子丑寅卯 12 (G² = 2·12·ln 2 = 16.6355), 子丑寅卯辰 6 and 丑寅卯辰 6 (G² = 8.3178 each).
        // 丑寅卯辰 is absorbed by 子丑寅卯辰 (6 ≥ 0.8·6); 子丑寅卯辰 has b = 6 < 0.8·12 and a lower G² than 子丑寅卯: dropped.
        var c = Assert.Single(Candidates(HanText(1000), HanText(1000, ("子丑寅卯辰", 6), ("子丑寅卯", 6))));
        Assert.Equal(("子丑寅卯", 12L), (c.Phrase, c.B));
        Assert.Equal(16.6355, c.G2, 4);
    }

    [Fact]
    public void A_new_extension_of_an_old_phrase_stays()
    {
        // 子丑寅卯: a = 10, b = 16, E = 13: G² = 2·(10·ln(10/13) + 16·ln(16/13)) = 1.397, no candidate.
        // 子丑寅卯辰: a = 0, b = 6: G² = 2·6·ln 2 = 8.3178.
        var c = Assert.Single(Candidates(HanText(1000, ("子丑寅卯", 10)), HanText(1000, ("子丑寅卯辰", 6), ("子丑寅卯", 10))));
        Assert.Equal(("子丑寅卯辰", 0L, 6L), (c.Phrase, c.A, c.B));
        Assert.Equal(8.3178, c.G2, 4);
    }

    [Fact]
    public void Eight_character_n_grams_of_a_longer_phrase_grow_into_it()
    {
        var c = Assert.Single(Candidates(HanText(1000), HanText(1000, ("一二三四五六七八九十", 5))));
        Assert.Equal(("一二三四五六七八九十", 0L, 5L), (c.Phrase, c.A, c.B));
        Assert.Equal(6.9315, c.G2, 4);
    }

    [Fact]
    public void N_grams_never_cross_punctuation()
    {
        Assert.Empty(Candidates(HanText(1000), HanText(1000, ("青红", 10), ("蓝白", 10))));
    }

    [Fact]
    public void A_phrase_overlapping_a_dictionary_form_is_dropped()
    {
        // Every 4+ character n-gram of 坚持甲乙丙丁戊 overlaps the dictionary form 甲乙丙丁戊.
        Assert.Empty(Candidates(HanText(1000), HanText(1000, ("坚持甲乙丙丁戊", 10))));
    }

    [Fact]
    public void English_n_grams_stay_inside_sentences_and_drop_stop_word_edges()
    {
        // A: 50 words. B: "The digital silk road." ×5 (20 words) + 30 words. "the digital silk road" starts with a stop word;
        // "digital silk road" (5) absorbs "digital silk" and "silk road"; nothing crosses the full stop. G² = 2·5·ln 2.
        var a = string.Join(' ', Enumerable.Repeat("word", 50));
        var b = string.Concat(Enumerable.Repeat("The digital silk road. ", 5)) + string.Join(' ', Enumerable.Repeat("word", 30));
        var c = Assert.Single(Candidates(a, b));
        Assert.Equal(("digital silk road", "en", 5L), (c.Phrase, c.Lang, c.B));
        Assert.Equal(6.9315, c.G2, 4);
    }

    [Fact]
    public void A_phrase_is_shown_as_B_wrote_it()
    {
        var c = Assert.Single(Candidates(HanText(1000), HanText(1000, ("青紅藍白紫", 5))));
        Assert.Equal("青紅藍白紫", c.Phrase);
    }

    [Fact]
    public void Minimum_frequency_and_top_limit_the_list()
    {
        var b = HanText(1000, ("青红蓝白紫", 6), ("子丑寅卯", 8));
        Assert.Equal(["子丑寅卯", "青红蓝白紫"], Candidates(HanText(1000), b).Select(c => c.Phrase));
        Assert.Equal(["子丑寅卯"], Candidates(HanText(1000), b, minFrequency: 7).Select(c => c.Phrase));
        Assert.Equal(["子丑寅卯"], Candidates(HanText(1000), b, top: 1).Select(c => c.Phrase));
    }

    [Fact]
    public void Two_documents_of_100_KB_are_compared_quickly()
    {
        // 33,000 Han characters each (~100 KB in UTF-8), drawn from 3,000 characters, in sentences of 5–40.
        static string Text(int seed)
        {
            var random = new Random(seed);
            var sb = new System.Text.StringBuilder();
            while (sb.Length < 34_000)
            {
                for (var n = random.Next(5, 40); n > 0; n--)
                {
                    sb.Append((char)(0x4E00 + random.Next(3000)));
                }

                sb.Append('。');
            }

            return sb.ToString();
        }

        var (a, b) = (Doc(Text(1)), Doc(Text(2)));
        Assert.True(a.Han > 30_000 && b.Han > 30_000);
        var tracker = FormulationTracker.Create(FormulationDictionary.BuiltIn);
        tracker.Diff([a], [b]); // warm-up (JIT)
        var clock = Stopwatch.StartNew();
        tracker.Diff([a], [b]);
        // The target is well under 1–2 s; the bound only catches a pathological slowdown on a busy machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}
