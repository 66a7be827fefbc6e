using Vigil.Core.Tifa;
using static Vigil.Core.Tests.TifaTestData;

namespace Vigil.Core.Tests;

/// <summary>Diff classification against hand-computed G² (two-cell log-likelihood, 1 d.f.).</summary>
public sealed class TifaDiffTests
{
    // Five formulations of four distinct characters each; 天 is the filler and occurs in none.
    private const string Dictionary = """
        [x]
        zh = 甲乙丙丁
        [y]
        zh = 戊己庚辛
        [z]
        zh = 子丑寅卯
        [w]
        zh = 辰巳午未
        [v]
        zh = 申酉戌亥
        [u]
        zh = 金木水火
        [so]
        zh = 战略机遇期
        near = 战略机遇
        [english]
        zh = 长臂管辖
        en = long-arm jurisdiction
        """;

    private static readonly FormulationTracker s_tracker = Tracker(Dictionary);

    // Both sides have exactly 1,000 Han characters.
    private static readonly FormulationDiff s_diff = s_tracker.Diff(
        [Doc(HanText(1000, ("甲乙丙丁", 10), ("戊己庚辛", 30), ("子丑寅卯", 10), ("申酉戌亥", 3)))],
        [Doc(HanText(1000, ("甲乙丙丁", 30), ("戊己庚辛", 10), ("子丑寅卯", 12), ("辰巳午未", 2)))]);

    [Fact]
    public void A_significant_rise_is_rose_with_its_hand_computed_G2()
    {
        // a = 10, b = 30 of 1,000 each: E = 20 on both sides; G² = 2·(10·ln(10/20) + 30·ln(30/20)) = 10.46496.
        var x = Assert.Single(s_diff.Rose);
        Assert.Equal("x", x.Formulation.Id);
        Assert.Equal((10L, 30L), (x.A, x.B));
        Assert.Equal(10.465, x.G2, 3);
        Assert.Equal(Math.Log2(3), x.LogRatio, 4);
        Assert.Equal((100.0, 300.0), (x.APer10K, x.BPer10K));
    }

    [Fact]
    public void A_significant_fall_is_fell_with_a_negative_G2()
    {
        var y = Assert.Single(s_diff.Fell);
        Assert.Equal("y", y.Formulation.Id);
        Assert.Equal(-10.465, y.G2, 3);
        Assert.Equal(-Math.Log2(3), y.LogRatio, 4);
    }

    [Fact]
    public void A_change_below_3_84_is_unchanged()
    {
        // a = 10, b = 12: E = 11; G² = 2·(10·ln(10/11) + 12·ln(12/11)) = 0.18212.
        var z = s_diff.Unchanged.Single(c => c.Formulation.Id == "z");
        Assert.Equal(0.1821, z.G2, 4);
    }

    [Fact]
    public void A_formulation_absent_from_A_appeared_and_one_absent_from_B_disappeared_whatever_the_G2()
    {
        // Appeared a = 0, b = 2: G² = 2·2·ln 2 = 2.7726 (below 3.84, still appeared). Disappeared a = 3: −2·3·ln 2 = −4.1589.
        var w = Assert.Single(s_diff.Appeared);
        Assert.Equal(("w", 0L, 2L), (w.Formulation.Id, w.A, w.B));
        Assert.Equal(2.7726, w.G2, 4);
        Assert.Equal(2, w.LogRatio, 4); // (2/1000) / (0.5/1000) = 4
        var v = Assert.Single(s_diff.Disappeared);
        Assert.Equal(("v", 3L, 0L), (v.Formulation.Id, v.A, v.B));
        Assert.Equal(-4.1589, v.G2, 4);
    }

    [Fact]
    public void A_formulation_absent_from_both_sides_is_in_no_list()
    {
        var all = s_diff.Appeared.Concat(s_diff.Disappeared).Concat(s_diff.Rose).Concat(s_diff.Fell).Concat(s_diff.Unchanged).Select(c => c.Formulation.Id).ToList();
        Assert.Equal(["v", "w", "x", "y", "z"], all.Order());
        Assert.Equal((1000L, 1000L), (s_diff.A.Han, s_diff.B.Han));
    }

    [Fact]
    public void Lists_are_sorted_by_absolute_G2_then_id()
    {
        var diff = s_tracker.Diff([Doc(HanText(100, ("甲乙丙丁", 1), ("子丑寅卯", 2)))], [Doc(HanText(100))]);
        Assert.Equal(["z", "x"], diff.Disappeared.Select(c => c.Formulation.Id));
        var tie = s_tracker.Diff([Doc(HanText(100, ("子丑寅卯", 1), ("甲乙丙丁", 1)))], [Doc(HanText(100))]);
        Assert.Equal(["x", "z"], tie.Disappeared.Select(c => c.Formulation.Id));
    }

    [Fact]
    public void A_vanished_set_phrase_lists_its_near_variant_still_present()
    {
        var diff = s_tracker.Diff([Doc("我国仍处于战略机遇期。")], [Doc("面临新的战略机遇。战略机遇和风险挑战并存。")]);
        var so = Assert.Single(diff.Disappeared);
        Assert.Equal(("so", 1L, 0L), (so.Formulation.Id, so.A, so.B));
        Assert.Equal([new FormChange("战略机遇", 0, 2)], so.Near);
        Assert.Equal([new FormChange("战略机遇期", 1, 0)], so.Forms);
    }

    [Fact]
    public void A_formulation_found_only_in_English_is_tested_against_words()
    {
        // 20 words on each side; B also has 1,000 Han characters, which must not enter the basis.
        // a = 2, b = 6 of 20: E = 4; G² = 2·(2·ln(2/4) + 6·ln(6/4)) = 2.09299.
        // "long-arm jurisdiction" is three words (long, arm, jurisdiction).
        var a = Doc($"Long-arm jurisdiction; long-arm jurisdiction. {string.Join(' ', Enumerable.Repeat("word", 14))}");
        var b = Doc($"{string.Join("; ", Enumerable.Repeat("long-arm jurisdiction", 6))}. word word {HanText(1000)}");
        Assert.Equal((20L, 20L), (a.Words, b.Words));
        var diff = s_tracker.Diff([a], [b]);
        var english = diff.Unchanged.Single(c => c.Formulation.Id == "english");
        Assert.Equal(2.0930, english.G2, 4);
    }

    [Fact]
    public void Empty_sides_give_empty_lists()
    {
        var diff = s_tracker.Diff([Doc("")], [Doc("")]);
        Assert.Empty(diff.Appeared.Concat(diff.Disappeared).Concat(diff.Rose).Concat(diff.Fell).Concat(diff.Unchanged));
        Assert.Empty(diff.Candidates);
    }
}
