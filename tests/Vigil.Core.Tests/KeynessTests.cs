using Vigil.Core.Statistics;

namespace Vigil.Core.Tests;

public class KeynessTests
{
    [Fact]
    public void LogLikelihood_matches_a_hand_worked_example()
    {
        // a=10 in 1,000 tokens, b=2 in 1,000. E = 6 each.
        // G² = 2(10 ln(10/6) + 2 ln(2/6)) = 2(5.108256 - 2.197225) = 5.822062
        Assert.Equal(5.822062, Keyness.LogLikelihood(10, 1000, 2, 1000), 5);
        Assert.Equal(-5.822062, Keyness.SignedLogLikelihood(2, 1000, 10, 1000), 5);
    }

    [Fact]
    public void LogLikelihood_with_a_zero_count_and_unequal_sizes()
    {
        // a=5 of 100, b=0 of 300: E_A = 100*5/400 = 1.25; G² = 2*5*ln(4) = 13.862944
        Assert.Equal(13.862944, Keyness.LogLikelihood(5, 100, 0, 300), 5);
    }

    [Fact]
    public void Equal_rates_give_zero_and_never_negative()
    {
        Assert.Equal(0, Keyness.LogLikelihood(7, 1000, 14, 2000));
        Assert.Equal(0, Keyness.LogLikelihood(0, 10, 0, 10));
    }

    [Fact]
    public void LogRatio_is_log2_of_relative_frequencies_with_half_for_zero()
    {
        Assert.Equal(1.0, Keyness.LogRatio(20, 1000, 10, 1000), 10);
        Assert.Equal(-2.0, Keyness.LogRatio(5, 1000, 40, 2000), 10);
        Assert.Equal(Math.Log2(4 / 0.5), Keyness.LogRatio(4, 100, 0, 100), 10);
    }

    [Fact]
    public void Counts_larger_than_their_corpus_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Keyness.LogLikelihood(11, 10, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Keyness.LogRatio(-1, 10, 0, 10));
    }
}
