namespace Vigil.Core.Statistics;

/// <summary>
/// Frequency-comparison statistics used by keyness, formulation candidates and collocations.
/// Every function is a pure function of counts, so each result can be checked by hand.
/// </summary>
public static class Keyness
{
    /// <summary>
    /// Log-likelihood G² for a word seen <paramref name="a"/> times in corpus A of <paramref name="sizeA"/>
    /// tokens and <paramref name="b"/> times in corpus B of <paramref name="sizeB"/> tokens — the two-cell
    /// form used by keyness tools (Rayson &amp; Garside 2000):
    /// E_A = sizeA·(a+b)/(sizeA+sizeB), E_B = sizeB·(a+b)/(sizeA+sizeB),
    /// G² = 2·(a·ln(a/E_A) + b·ln(b/E_B)), with 0·ln 0 = 0.
    /// Always ≥ 0; 3.84 is p &lt; 0.05, 6.63 p &lt; 0.01, 10.83 p &lt; 0.001, 15.13 p &lt; 0.0001 (1 d.f.).
    /// </summary>
    public static double LogLikelihood(long a, long sizeA, long b, long sizeB)
    {
        ValidateCounts(a, sizeA, b, sizeB);
        var total = (double)sizeA + sizeB;
        if (total == 0 || a + b == 0)
        {
            return 0;
        }

        var expectedA = sizeA * (double)(a + b) / total;
        var expectedB = sizeB * (double)(a + b) / total;
        var g2 = 2 * (Term(a, expectedA) + Term(b, expectedB));
        return g2 < 0 ? 0 : g2; // rounding can give -1e-16 when the rates are equal
    }

    /// <summary>
    /// G² with a sign: positive when the word is relatively more frequent in A than in B, negative when less.
    /// </summary>
    public static double SignedLogLikelihood(long a, long sizeA, long b, long sizeB)
    {
        var g2 = LogLikelihood(a, sizeA, b, sizeB);
        return RelativelyMoreFrequentInA(a, sizeA, b, sizeB) ? g2 : -g2;
    }

    /// <summary>
    /// Hardie's log ratio: log2 of the ratio of relative frequencies, (a/sizeA)/(b/sizeB). A zero count is
    /// replaced by 0.5 so the value stays finite. +1 means twice as frequent in A; −1 half as frequent.
    /// </summary>
    public static double LogRatio(long a, long sizeA, long b, long sizeB)
    {
        ValidateCounts(a, sizeA, b, sizeB);
        if (sizeA == 0 || sizeB == 0)
        {
            return 0;
        }

        var fa = (a == 0 ? 0.5 : a) / (double)sizeA;
        var fb = (b == 0 ? 0.5 : b) / (double)sizeB;
        return Math.Log2(fa / fb);
    }

    /// <summary>True when a/sizeA &gt; b/sizeB (compared exactly in integers).</summary>
    public static bool RelativelyMoreFrequentInA(long a, long sizeA, long b, long sizeB) =>
        (decimal)a * sizeB > (decimal)b * sizeA;

    /// <summary>The 1-d.f. chi-square critical value for a significance level (0.05, 0.01, 0.001 or 0.0001).</summary>
    public static double CriticalValue(double p) => p switch
    {
        0.05 => 3.84,
        0.01 => 6.63,
        0.001 => 10.83,
        0.0001 => 15.13,
        _ => throw new ArgumentOutOfRangeException(nameof(p), p, "Use 0.05, 0.01, 0.001 or 0.0001."),
    };

    /// <summary>
    /// logDice (Rychlý 2008) of a collocate seen <paramref name="cooccurrences"/> times near a node that occurs
    /// <paramref name="node"/> times, the collocate occurring <paramref name="collocate"/> times in all:
    /// 14 + log2(2·f_xy / (f_x + f_y)). At most 14 when every occurrence of each is together (if f_xy ≤ both);
    /// independent of corpus size, so comparable across corpora. Zero co-occurrences give −∞.
    /// </summary>
    public static double LogDice(long cooccurrences, long node, long collocate)
    {
        ValidateAssociation(cooccurrences, node, collocate, null);
        return node + collocate == 0 ? double.NegativeInfinity : 14 + Math.Log2(2.0 * cooccurrences / (node + collocate));
    }

    /// <summary>
    /// Pointwise mutual information (Church &amp; Hanks 1990): log2(f_xy·N / (f_x·f_y)), not adjusted for the
    /// window span (as in Sketch Engine). N is the number of tokens. Zero co-occurrences give −∞.
    /// </summary>
    public static double MutualInformation(long cooccurrences, long node, long collocate, long tokens)
    {
        ValidateAssociation(cooccurrences, node, collocate, tokens);
        return node == 0 || collocate == 0 ? double.NegativeInfinity : Math.Log2((double)cooccurrences * tokens / ((double)node * collocate));
    }

    /// <summary>
    /// t-score: (f_xy − f_x·f_y/N) / √f_xy, the observed co-occurrences against those expected if node and
    /// collocate were independent, in units of the observed count's standard deviation. 0 when f_xy = 0.
    /// </summary>
    public static double TScore(long cooccurrences, long node, long collocate, long tokens)
    {
        ValidateAssociation(cooccurrences, node, collocate, tokens);
        if (cooccurrences == 0 || tokens == 0)
        {
            return 0;
        }

        return (cooccurrences - ((double)node * collocate / tokens)) / Math.Sqrt(cooccurrences);
    }

    private static void ValidateAssociation(long cooccurrences, long node, long collocate, long? tokens)
    {
        if (cooccurrences < 0 || node < 0 || collocate < 0 || tokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cooccurrences), "Frequencies must not be negative.");
        }

        if (cooccurrences > collocate)
        {
            throw new ArgumentOutOfRangeException(nameof(cooccurrences), $"Co-occurrences ({cooccurrences}) exceed the collocate's frequency ({collocate}).");
        }
    }

    private static double Term(long observed, double expected) => observed == 0 ? 0 : observed * Math.Log(observed / expected);

    private static void ValidateCounts(long a, long sizeA, long b, long sizeB)
    {
        if (a < 0 || b < 0 || sizeA < 0 || sizeB < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(a), "Counts and corpus sizes must not be negative.");
        }

        if (a > sizeA || b > sizeB)
        {
            throw new ArgumentOutOfRangeException(nameof(a), $"A count ({a} or {b}) exceeds its corpus size ({sizeA} or {sizeB}).");
        }
    }
}
