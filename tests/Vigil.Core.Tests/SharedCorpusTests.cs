using System.Text.RegularExpressions;
using Vigil.Core.Terms;
using Vigil.Core.Text;

namespace Vigil.Core.Tests;

/// <summary>Counts on the real congress reports, against an independent count and the published figures.</summary>
public sealed partial class SharedCorpusTests
{
    public static TheoryData<string, int, int, int, int> Reports => new()
    {
        // file, 安全, 国家安全, 战略机遇期, 统筹发展和安全 — from cpc-congress-reports/COUNTS.md (grep -o counts).
        { "zh_18th_congress_report_2012.txt", 36, 4, 4, 0 },
        { "zh_19th_congress_report_2017.txt", 55, 18, 1, 1 },
        { "zh_20th_congress_report_2022.txt", 91, 29, 0, 3 },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public void Counts_in_the_congress_reports_equal_the_published_counts(string file, int anquan, int guojia, int jiyuqi, int tongchou)
    {
        var text = File.ReadAllText(SharedCorpus.Require(Path.Combine("cpc-congress-reports", file)));
        var folded = MatchFolding.Fold(TextNormalizer.Default.Normalize(text).Text);
        var counts = TermCounter.CountFolded(TermSet.Compile(["安全", "国家安全", "战略机遇期", "统筹发展和安全"]), folded);
        Assert.Equal([anquan, guojia, jiyuqi, tongchou], counts.Select(c => (int)c).ToArray());
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Counts_of_many_terms_equal_an_independent_substring_count(string file, int anquan, int guojia, int jiyuqi, int tongchou)
    {
        _ = (anquan, guojia, jiyuqi, tongchou);
        var text = File.ReadAllText(SharedCorpus.Require(Path.Combine("cpc-congress-reports", file)));
        var folded = MatchFolding.Fold(TextNormalizer.Default.Normalize(text).Text);
        // Every distinct Han bigram and trigram of the report: hundreds of overlapping terms in one pass.
        var terms = HanRun().Matches(folded).SelectMany(m => Enumerable.Range(0, Math.Max(0, m.Length - 1)).SelectMany(i =>
                new[] { m.Value.Substring(i, 2), i + 3 <= m.Length ? m.Value.Substring(i, 3) : null }))
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(3000).ToList();
        var counts = TermCounter.CountFolded(TermSet.Compile(terms), folded);
        for (var t = 0; t < terms.Count; t++)
        {
            var expected = 0;
            for (var i = folded.IndexOf(terms[t], StringComparison.Ordinal); i >= 0; i = folded.IndexOf(terms[t], i + 1, StringComparison.Ordinal))
            {
                expected++;
            }

            Assert.True(expected == counts[t], $"{terms[t]}: automaton {counts[t]}, independent count {expected}");
        }
    }

    [Fact]
    public void A_traditional_query_counts_the_simplified_report_the_same()
    {
        var text = File.ReadAllText(SharedCorpus.Require(Path.Combine("cpc-congress-reports", "zh_20th_congress_report_2022.txt")));
        var folded = MatchFolding.Fold(TextNormalizer.Default.Normalize(text).Text);
        var counts = TermCounter.CountFolded(TermSet.Compile(["國家安全", "国家安全", "總體國家安全觀", "总体国家安全观"]), folded);
        var independent = folded.Split("总体国家安全观").Length - 1;
        Assert.Equal([29L, 29L, independent, independent], counts);
        Assert.True(independent > 0);
    }

    [Fact]
    public void English_counts_in_a_real_analysis_equal_an_independent_regex_count()
    {
        var text = File.ReadAllText(SharedCorpus.Require(Path.Combine("analyses", "merics-ccp-next-century-2021.md")));
        var normalized = TextNormalizer.Default.Normalize(text).Text;
        string[] terms = ["security", "national security", "party", "xi jinping", "development"];
        var counts = TermCounter.CountFolded(TermSet.Compile(terms), MatchFolding.Fold(normalized));
        for (var t = 0; t < terms.Length; t++)
        {
            var pattern = @"(?<![\p{L}\p{Nd}])" + Regex.Escape(terms[t]).Replace("\\ ", " ", StringComparison.Ordinal) + @"(?![\p{L}\p{Nd}])";
            var expected = Regex.Matches(normalized, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant).Count;
            Assert.True(expected == counts[t], $"{terms[t]}: automaton {counts[t]}, regex {expected}");
            Assert.True(expected > 0, $"{terms[t]} should occur in the analysis");
        }
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    private static partial Regex HanRun();
}
