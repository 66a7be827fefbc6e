using System.Diagnostics;
using static Vigil.Core.Tests.TifaTestData;

namespace Vigil.Core.Tests;

/// <summary>The counting rule: full forms, the longest-overlap rule, near variants outside full forms, rates.</summary>
public sealed class TifaCountingTests
{
    private const string Dictionary = """
        [strategic-opportunity]
        zh = 战略机遇期
        en = period of strategic opportunity
        near = 战略机遇 | strategic opportunity

        [carbon]
        zh = 碳达峰碳中和 | 碳达峰 | 碳中和

        [development-and-security]
        zh = 统筹发展和安全
        near = 发展和安全 | 安全观

        [holistic]
        zh = 总体国家安全观
        near = 国家安全观
        """;

    private static readonly Vigil.Core.Tifa.FormulationTracker s_tracker = Tracker(Dictionary);

    private static int F(string id) => s_tracker.Dictionary.IndexOf(id);

    [Fact]
    public void A_near_form_inside_the_set_phrase_is_not_a_near_occurrence()
    {
        // Two set phrases, and 战略机遇 once on its own: 战略机遇 occurs three times as a substring.
        var counts = s_tracker.Count(Doc("我国仍处于战略机遇期。面临新的战略机遇。战略机遇期很重要。"));
        Assert.Equal(2, counts.Count(F("strategic-opportunity")));
        Assert.Equal(1, counts.Near(F("strategic-opportunity"), 0));
    }

    [Fact]
    public void Overlapping_forms_of_one_formulation_count_once_and_the_longest_wins()
    {
        var counts = s_tracker.Count(Doc("推进碳达峰碳中和。碳达峰、碳中和。实现碳中和。"));
        var carbon = F("carbon");
        // 碳达峰碳中和 once (its 碳达峰 and 碳中和 inside it do not count); then 碳达峰 and 碳中和 apart; then 碳中和.
        Assert.Equal(4, counts.Count(carbon));
        Assert.Equal(1, counts.Form(carbon, 0));
        Assert.Equal(1, counts.Form(carbon, 1));
        Assert.Equal(2, counts.Form(carbon, 2));
    }

    [Fact]
    public void Formulations_are_counted_independently_of_each_other()
    {
        // 国家安全观 is inside 总体国家安全观 (not near there); 安全观 is near for another formulation and counts for it.
        var counts = s_tracker.Count(Doc("坚持总体国家安全观。国家安全观。"));
        Assert.Equal(1, counts.Count(F("holistic")));
        Assert.Equal(1, counts.Near(F("holistic"), 0));
        Assert.Equal(2, counts.Near(F("development-and-security"), 1));
    }

    [Fact]
    public void A_near_form_overlapping_the_set_phrase_in_part_is_not_counted()
    {
        // 发展和安全观: the near form 安全观 shares 安全 with the set phrase 统筹发展和安全; 发展和安全 lies inside it.
        var counts = s_tracker.Count(Doc("统筹发展和安全观。发展和安全。"));
        var f = F("development-and-security");
        Assert.Equal(1, counts.Count(f));
        Assert.Equal(1, counts.Near(f, 0));
        Assert.Equal(0, counts.Near(f, 1));
    }

    [Fact]
    public void English_forms_count_as_whole_words_in_any_case_and_near_forms_outside_them()
    {
        var counts = s_tracker.Count(Doc("The Period of Strategic Opportunity ended. A strategic opportunity remains; strategic opportunityx does not."));
        var f = F("strategic-opportunity");
        Assert.Equal(0, counts.Zh(f));
        Assert.Equal(1, counts.En(f));
        Assert.Equal(1, counts.Near(f, 1));
    }

    [Fact]
    public void Traditional_text_counts_as_the_simplified_form()
    {
        var counts = s_tracker.Count(Doc("我國仍處於戰略機遇期。總體國家安全觀。"));
        Assert.Equal(1, counts.Count(F("strategic-opportunity")));
        Assert.Equal(1, counts.Count(F("holistic")));
    }

    [Fact]
    public void The_rate_adds_Chinese_per_10k_Han_and_English_per_10k_words()
    {
        // 5 Han characters with one Chinese form: 10,000 / 5 = 2,000. 4 words with one English form: 10,000 / 4 = 2,500.
        var f = F("strategic-opportunity");
        Assert.Equal(2000, s_tracker.Count(Doc("战略机遇期")).Per10K(f));
        Assert.Equal(2500, s_tracker.Count(Doc("period of strategic opportunity")).Per10K(f));
        Assert.Equal(4500, s_tracker.Count(Doc("战略机遇期 period of strategic opportunity")).Per10K(f));
    }

    [Fact]
    public void Counts_of_several_documents_add_up_with_their_bases()
    {
        var f = F("strategic-opportunity");
        var sum = s_tracker.Count([Doc("战略机遇期"), Doc("战略机遇期。战略机遇")]);
        Assert.Equal(2, sum.Count(f));
        Assert.Equal(1, sum.Near(f, 0));
        Assert.Equal(14, sum.Han);
        Assert.Equal(2, sum.Documents);
    }

    [Fact]
    public void Empty_text_counts_nothing()
    {
        var counts = s_tracker.Count(Doc(""));
        Assert.Equal(0, counts.Count(F("carbon")));
        Assert.Equal(0, counts.Per10K(F("carbon")));
    }

    [Fact]
    public void A_long_run_of_self_overlapping_matches_is_counted_in_linear_time()
    {
        // 哈哈 matches at every one of 199,999 positions; taken longest-first from the left, 100,000 do not overlap.
        var tracker = Tracker("[laugh]\nzh = 哈哈\n");
        var clock = Stopwatch.StartNew();
        var counts = tracker.Count(Doc(new string('哈', 200_000)));
        Assert.Equal(100_000, counts.Count(0));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}
