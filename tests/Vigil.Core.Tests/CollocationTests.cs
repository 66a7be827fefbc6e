using Vigil.Core.Statistics;
using Vigil.Core.Terms;

namespace Vigil.Core.Tests;

/// <summary>Collocations on corpora small enough to count by hand.</summary>
public sealed class CollocationTests
{
    // Two documents, nine tokens (N = 9), node "apple" with window 1:
    //   doc 1: red apple green apple red pear   → nodes at positions 1 and 3
    //   doc 2: apple red apple                  → nodes at positions 0 and 2
    // Windows (±1 token): doc 1 → positions 0 (red), 2 (green; inside both windows, counted once), 4 (red);
    //                     doc 2 → position 1 (red; inside both windows, counted once).
    // f_node = 4; red: f_xy = 3, f_coll = 3; green: f_xy = 1, f_coll = 1; pear never near the node.
    private static readonly string[] Fruit = ["red apple green apple red pear", "apple red apple"];

    private static CollocationResult Fruits(AssociationMeasure measure = AssociationMeasure.LogDice, int minimum = 1) =>
        CollocationAnalyzer.Analyze(Fruit, TermSet.Compile(["apple"]), new CollocationOptions { Window = 1, Measure = measure, MinCooccurrence = minimum });

    [Fact]
    public void Counts_of_a_tiny_corpus_match_the_hand_count()
    {
        var result = Fruits();
        Assert.Equal(4, result.Nodes);
        Assert.Equal(9, result.Tokens);
        Assert.Equal([("red", 3L, 3L), ("green", 1L, 1L)], result.Collocates.Select(c => (c.Word, c.Cooccurrences, c.Frequency)));
    }

    [Fact]
    public void LogDice_MI_and_t_match_the_hand_worked_values()
    {
        var red = Fruits().Collocates[0];
        // logDice = 14 + log2(2·3 / (4 + 3)) = 14 + log2(0.857143) = 14 − 0.222392 = 13.777608
        Assert.Equal(13.777608, red.LogDice, 6);
        // MI = log2(3·9 / (4·3)) = log2(2.25) = 1.169925
        Assert.Equal(1.169925, red.MutualInformation, 6);
        // t = (3 − 4·3/9) / √3 = 1.666667 / 1.732051 = 0.962250
        Assert.Equal(0.962250, red.TScore, 6);

        var green = Fruits().Collocates[1];
        // logDice = 14 + log2(2/5) = 12.678072; MI = log2(9/4) = 1.169925; t = (1 − 4/9)/1 = 0.555556
        Assert.Equal(12.678072, green.LogDice, 6);
        Assert.Equal(1.169925, green.MutualInformation, 6);
        Assert.Equal(0.555556, green.TScore, 6);
    }

    [Fact]
    public void The_formulas_on_their_own()
    {
        Assert.Equal(14.0, Keyness.LogDice(5, 5, 5), 10); // always together: the maximum
        Assert.Equal(13.0, Keyness.LogDice(5, 10, 10), 10); // half the time: 14 + log2(0.5)
        Assert.Equal(3.0, Keyness.MutualInformation(2, 4, 5, 80), 10); // log2(2·80/20) = log2 8
        Assert.Equal((4 - 1.0) / 2, Keyness.TScore(4, 10, 10, 100), 10); // (4 − 100/100)/√4
        Assert.Throws<ArgumentOutOfRangeException>(() => Keyness.LogDice(6, 10, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Keyness.TScore(-1, 10, 5, 100));
    }

    [Fact]
    public void Ties_in_the_measure_are_broken_by_cooccurrences_then_word()
    {
        // MI of red and green are both log2(2.25): red (3 co-occurrences) comes first.
        var result = Fruits(AssociationMeasure.MutualInformation);
        Assert.Equal(["red", "green"], result.Collocates.Select(c => c.Word));
        Assert.Equal(result.Collocates[0].MutualInformation, result.Collocates[0].Score);
    }

    [Fact]
    public void The_minimum_cooccurrence_and_top_filter_the_list()
    {
        Assert.Equal(["red"], Fruits(minimum: 2).Collocates.Select(c => c.Word));
        var top = CollocationAnalyzer.Analyze(Fruit, TermSet.Compile(["apple"]), new CollocationOptions { Window = 1, MinCooccurrence = 1, Top = 1 });
        Assert.Single(top.Collocates);
    }

    [Fact]
    public void A_token_that_is_itself_an_occurrence_of_the_node_is_never_its_collocate()
    {
        // "apple apple pie", window 1: the right window of the first apple is the second apple (a node, skipped
        // but still a position), the second apple's right window is pie.
        var result = CollocationAnalyzer.Analyze(["apple apple pie"], TermSet.Compile(["apple"]), new CollocationOptions { Window = 1, MinCooccurrence = 1 });
        Assert.Equal(2, result.Nodes);
        Assert.Equal([("pie", 1L)], result.Collocates.Select(c => (c.Word, c.Cooccurrences)));
    }

    [Fact]
    public void A_chinese_node_is_found_substring_true_even_where_the_segmenter_cuts_it()
    {
        // Tokens: 维护/国家/安全/和/发展/利益 (国家安全 is not a jieba word). The node 国家安全 covers 国家 and 安全;
        // window 1 reaches 维护 on the left and 和 on the right.
        var result = CollocationAnalyzer.Analyze(["维护国家安全和发展利益"], TermSet.Compile(["國家安全"]), new CollocationOptions { Window = 1, MinCooccurrence = 1 });
        Assert.Equal(1, result.Nodes);
        Assert.Equal(6, result.Tokens);
        Assert.Equal(["和", "维护"], result.Collocates.Select(c => c.Word).Order(StringComparer.Ordinal));
        Assert.All(result.Collocates, c => Assert.Equal("zh", c.Language));
    }

    [Fact]
    public void Windows_stop_at_the_document_edges()
    {
        var result = CollocationAnalyzer.Analyze(["apple", "pie"], TermSet.Compile(["apple"]), new CollocationOptions { Window = 5, MinCooccurrence = 1 });
        Assert.Empty(result.Collocates);
        Assert.Equal(2, result.Tokens);
    }

    [Fact]
    public void No_occurrence_gives_an_empty_list()
    {
        var result = CollocationAnalyzer.Analyze(["", "，。", "red pear"], TermSet.Compile(["apple"]));
        Assert.Equal(0, result.Nodes);
        Assert.Empty(result.Collocates);
    }

    [Fact]
    public void A_window_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CollocationAnalyzer.Analyze(Fruit, TermSet.Compile(["apple"]), new CollocationOptions { Window = 0 }));
    }
}
