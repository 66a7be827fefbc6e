using Vigil.Core.Terms;

namespace Vigil.Core.Tests;

public sealed class TermMatcherTests
{
    private struct Collect : IMatchSink
    {
        public List<(int Pattern, int End)> Found;

        public void OnMatch(int pattern, int end) => Found.Add((pattern, end));
    }

    private static List<(int, int)> Scan(TermMatcher matcher, string text)
    {
        var sink = new Collect { Found = [] };
        matcher.Scan(text, ref sink);
        return sink.Found.OrderBy(f => f.End).ThenBy(f => f.Pattern).ToList();
    }

    /// <summary>The oracle: every (pattern, end) where the pattern occurs, overlaps included.</summary>
    private static List<(int, int)> Naive(IReadOnlyList<string> patterns, string text)
    {
        var found = new List<(int, int)>();
        for (var p = 0; p < patterns.Count; p++)
        {
            if (patterns[p].Length == 0)
            {
                continue;
            }

            for (var i = text.IndexOf(patterns[p], StringComparison.Ordinal); i >= 0; i = text.IndexOf(patterns[p], i + 1, StringComparison.Ordinal))
            {
                found.Add((p, i + patterns[p].Length));
            }
        }

        return found.OrderBy(f => f.Item2).ThenBy(f => f.Item1).ToList();
    }

    [Fact]
    public void Nested_and_overlapping_patterns_are_all_reported()
    {
        string[] patterns = ["安全", "国家安全", "安全观", "全"];
        const string text = "总体国家安全观";
        Assert.Equal(Naive(patterns, text), Scan(TermMatcher.Build(patterns), text));
        Assert.Equal(4, Scan(TermMatcher.Build(patterns), text).Count);
    }

    [Fact]
    public void A_pattern_overlapping_itself_is_counted_at_every_start()
    {
        Assert.Equal(3, Scan(TermMatcher.Build(["aa"]), "aaaa").Count);
    }

    [Fact]
    public void Duplicate_patterns_each_report()
    {
        Assert.Equal([(0, 2), (1, 2)], Scan(TermMatcher.Build(["ab", "ab"]), "ab"));
    }

    [Fact]
    public void Empty_patterns_never_match()
    {
        Assert.Empty(Scan(TermMatcher.Build(["", "x"]), "abc"));
    }

    [Fact]
    public void Random_pattern_sets_agree_with_a_naive_search()
    {
        var random = new Random(42);
        const string alphabet = "ab安全国";
        for (var round = 0; round < 400; round++)
        {
            var patterns = Enumerable.Range(0, random.Next(1, 12))
                .Select(_ => new string(Enumerable.Range(0, random.Next(1, 5)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
                .ToList();
            var text = new string(Enumerable.Range(0, random.Next(0, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.Equal(Naive(patterns, text), Scan(TermMatcher.Build(patterns), text));
        }
    }

    [Fact]
    public void A_pattern_set_too_large_for_one_table_is_split_and_still_finds_everything()
    {
        var random = new Random(3);
        var patterns = Enumerable.Range(0, 300).Select(i => "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "安").ToList();
        var text = string.Concat(Enumerable.Range(0, 2000).Select(_ => "w" + random.Next(0, 400).ToString(System.Globalization.CultureInfo.InvariantCulture) + "安 "));
        var split = TermMatcher.Build(patterns, maxTableEntries: 2_000);
        Assert.True(split.AutomatonCount > 1);
        Assert.Equal(Naive(patterns, text), Scan(split, text));
    }
}
