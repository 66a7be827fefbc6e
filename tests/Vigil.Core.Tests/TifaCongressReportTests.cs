using Vigil.Core.Tifa;

namespace Vigil.Core.Tests;

/// <summary>
/// The tracker on the real congress reports (../shared/corpus/cpc-congress-reports), against the counts in its
/// COUNTS.md and independent grep counts (skipped where the corpus is absent).
/// </summary>
public sealed class TifaCongressReportTests
{
    private static TrackedDocument Report(int year)
    {
        var file = year switch
        {
            2012 => "zh_18th_congress_report_2012.txt",
            2017 => "zh_19th_congress_report_2017.txt",
            _ => "zh_20th_congress_report_2022.txt",
        };
        return TrackedDocument.FromText(year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            File.ReadAllText(SharedCorpus.Require(Path.Combine("cpc-congress-reports", file))));
    }

    private static readonly FormulationTracker s_tracker = FormulationTracker.Create(FormulationDictionary.BuiltIn);

    private static FormulationChange Find(FormulationDiff diff, string id) =>
        diff.Appeared.Concat(diff.Disappeared).Concat(diff.Rose).Concat(diff.Fell).Concat(diff.Unchanged).Single(c => c.Formulation.Id == id);

    [Fact]
    public void From_2017_to_2022_the_period_of_strategic_opportunity_disappeared_but_strategic_opportunity_stayed()
    {
        // COUNTS.md: 战略机遇期 1 (2017), 0 (2022); 2022 still has 战略机遇 twice, outside the set phrase.
        var diff = s_tracker.Diff([Report(2017)], [Report(2022)]);
        var so = diff.Disappeared.Single(c => c.Formulation.Id == "strategic-opportunity");
        Assert.Equal((1L, 0L), (so.A, so.B));
        Assert.Equal([new FormChange("战略机遇", 0, 2)], so.Near);
    }

    [Fact]
    public void From_2012_to_2022_ensuring_development_and_security_appeared()
    {
        // COUNTS.md: 统筹发展和安全 0 (2012), 3 (2022); 发展和安全 4 in 2022, so once outside the set phrase.
        var diff = s_tracker.Diff([Report(2012)], [Report(2022)]);
        var ds = diff.Appeared.Single(c => c.Formulation.Id == "development-and-security");
        Assert.Equal((0L, 3L), (ds.A, ds.B));
        Assert.Equal([new FormChange("发展和安全", 0, 1)], ds.Near);
        // COUNTS.md's Han column (CJK Unified Ideographs) plus the 6 〇 of the 2022 report, which Vigil counts as Han.
        Assert.Equal((26387L, 29454L + 6), (diff.A.Han, diff.B.Han));
    }

    [Fact]
    public void The_holistic_approach_to_national_security_counts_0_1_2()
    {
        // grep -o 总体国家安全观: 0 (2012), 1 (2017), 2 (2022).
        var (r2012, r2017, r2022) = (Report(2012), Report(2017), Report(2022));
        var f = s_tracker.Dictionary.IndexOf("holistic-national-security");
        Assert.Equal([0L, 1L, 2L], new[] { r2012, r2017, r2022 }.Select(r => s_tracker.Count(r).Count(f)));
        var change = Find(s_tracker.Diff([r2017], [r2022]), "holistic-national-security");
        Assert.Equal((1L, 2L), (change.A, change.B));
    }

    [Fact]
    public void Every_candidate_count_equals_an_independent_substring_count()
    {
        var (a, b) = (Report(2017), Report(2022));
        var diff = s_tracker.Diff([a], [b]);
        Assert.NotEmpty(diff.Candidates);
        foreach (var c in diff.Candidates.Where(c => c.Lang == "zh"))
        {
            var folded = Vigil.Core.Text.MatchFolding.FoldQuery(c.Phrase);
            Assert.Equal(CountSubstring(a.Folded, folded), c.A);
            Assert.Equal(CountSubstring(b.Folded, folded), c.B);
            Assert.True(c.G2 >= 6.63, $"{c.Phrase}: G² {c.G2}");
        }
    }

    private static long CountSubstring(string text, string phrase)
    {
        long n = 0;
        for (var i = text.IndexOf(phrase, StringComparison.Ordinal); i >= 0; i = text.IndexOf(phrase, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
