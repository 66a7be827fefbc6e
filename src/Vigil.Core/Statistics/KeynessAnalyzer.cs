using Vigil.Core.Documents;
using Vigil.Core.Segmentation;
using Vigil.Core.Storage;

namespace Vigil.Core.Statistics;

/// <summary>What a keyness comparison keeps.</summary>
public sealed record KeynessOptions
{
    /// <summary>Keep words with a + b at least this (default 5).</summary>
    public int MinFrequency { get; init; } = 5;

    /// <summary>Significance level: 0.05 (G² ≥ 3.84, the default), 0.01, 0.001 or 0.0001.</summary>
    public double P { get; init; } = 0.05;

    /// <summary>At most this many words per direction (0: all).</summary>
    public int Top { get; init; }

    /// <summary>Only words of this language group, "zh" or "en" (null: both).</summary>
    public string? Language { get; init; }
}

/// <summary>Which set a keyword is relatively more frequent in.</summary>
public enum KeywordDirection
{
    /// <summary>More frequent in A than in B (a positive keyword of A).</summary>
    A,

    /// <summary>More frequent in B than in A (a negative keyword of A).</summary>
    B,
}

/// <summary>One word compared between two sets.</summary>
/// <param name="Word">The folded word.</param>
/// <param name="Language">"zh" or "en": the group whose token totals the rates and G² use.</param>
/// <param name="A">Occurrences in set A.</param>
/// <param name="B">Occurrences in set B.</param>
/// <param name="APer10K">A per 10,000 tokens of A's language group.</param>
/// <param name="G2">Log-likelihood G² (two cells, <see cref="Keyness.LogLikelihood"/>).</param>
/// <param name="LogRatio">Hardie's log ratio (<see cref="Keyness.LogRatio"/>): + when relatively more frequent in A.</param>
public sealed record Keyword(string Word, string Language, long A, long B, double APer10K, double BPer10K, double G2, double LogRatio, KeywordDirection Direction);

/// <summary>Size of one side of a comparison.</summary>
public sealed record KeynessSet(int Documents, long ChineseTokens, long EnglishTokens);

/// <summary>The outcome of a keyness comparison: the two sets' sizes and the significant words.</summary>
/// <param name="CriticalValue">The G² threshold used (from <see cref="KeynessOptions.P"/>).</param>
public sealed record KeynessResult(KeynessSet A, KeynessSet B, double CriticalValue, IReadOnlyList<Keyword> Words);

/// <summary>
/// Keywords of set A against set B (a reference corpus), by log-likelihood. Each word is compared within its
/// own language group: a Chinese word's corpus sizes are the Chinese-token totals of A and B, an English word's
/// the English-token totals, so a bilingual corpus does not dilute either language's rates. Words are kept when
/// a + b ≥ <see cref="KeynessOptions.MinFrequency"/> and G² ≥ the critical value; A's keywords come first, then
/// B's, each by G² (rounded to 4 decimals) descending, ties by word (ordinal).
/// </summary>
public static class KeynessAnalyzer
{
    /// <summary>Compares two frequency lists.</summary>
    public static KeynessResult Compare(WordFrequencies a, WordFrequencies b, KeynessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options ??= new KeynessOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinFrequency, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Top, nameof(options));
        if (options.Language is not (null or TokenLanguage.Chinese or TokenLanguage.English))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Language, "Language is \"zh\", \"en\" or null.");
        }

        var critical = Keyness.CriticalValue(options.P);
        var words = new List<Keyword>();
        foreach (var word in a.Words.Keys.Union(b.Words.Keys))
        {
            var language = TokenLanguage.Of(word);
            if (options.Language is not null && language != options.Language)
            {
                continue;
            }

            long fa = a[word], fb = b[word];
            if (fa + fb < options.MinFrequency)
            {
                continue;
            }

            long sizeA = a.TokensOf(language), sizeB = b.TokensOf(language);
            var g2 = Keyness.LogLikelihood(fa, sizeA, fb, sizeB);
            if (g2 < critical)
            {
                continue;
            }

            words.Add(new Keyword(word, language, fa, fb, Per10K(fa, sizeA), Per10K(fb, sizeB), g2, Keyness.LogRatio(fa, sizeA, fb, sizeB),
                Keyness.RelativelyMoreFrequentInA(fa, sizeA, fb, sizeB) ? KeywordDirection.A : KeywordDirection.B));
        }

        var ordered = new List<Keyword>();
        foreach (var direction in (KeywordDirection[])[KeywordDirection.A, KeywordDirection.B])
        {
            var side = words.Where(w => w.Direction == direction)
                .OrderByDescending(w => Math.Round(w.G2, 4))
                .ThenBy(w => w.Word, StringComparer.Ordinal);
            ordered.AddRange(options.Top > 0 ? side.Take(options.Top) : side);
        }

        return new KeynessResult(SizeOf(a), SizeOf(b), critical, ordered);
    }

    /// <summary>Counts the words of two sets of stored documents and compares them.</summary>
    public static KeynessResult Compare(IDocumentStore store, IReadOnlyList<DocumentInfo> a, IReadOnlyList<DocumentInfo> b, KeynessOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var fa = WordFrequencies.Count(store, a, cancellationToken: cancellationToken);
        var fb = WordFrequencies.Count(store, b, cancellationToken: cancellationToken);
        return Compare(fa, fb, options);
    }

    /// <summary>Occurrences per 10,000 tokens (0 when there are no tokens).</summary>
    public static double Per10K(long count, long tokens) => tokens == 0 ? 0 : count * 10_000.0 / tokens;

    private static KeynessSet SizeOf(WordFrequencies f) => new(f.Documents, f.ChineseTokens, f.EnglishTokens);
}
