using System.Runtime.InteropServices;
using Vigil.Core.Statistics;
using Vigil.Core.Terms;
using Vigil.Core.Text;

namespace Vigil.Core.Tifa;

/// <summary>
/// Phrases not in the dictionary that are significantly more frequent in B than in A: candidates for new
/// formulations. Counted on the folded normalised text, n-grams hashed as spans of the texts (no string per
/// position); strings are made only for the few n-grams that pass the thresholds.
/// </summary>
/// <remarks>
/// <para>Chinese: character n-grams, n = 4…8, inside runs of Han characters (never across punctuation, digits,
/// Latin or a paragraph break); an n-gram starting with 的, 了 or 着, or ending with 的, 了, 和, 及, 把 or 被, is skipped
/// (a fragment, not a phrase). English: word n-grams, n = 2…6, where a word is a run of letters and digits (an
/// apostrophe or hyphen between two letters stays inside the word) and consecutive words are separated by exactly one
/// space — so an n-gram never crosses sentence punctuation (. ; : ! ?), commas, brackets, quotes or a paragraph
/// break; one that starts or ends with a stop word or a number is skipped. Every position counts (n-grams overlap).</para>
/// <para>Kept: b ≥ the minimum frequency, signed G² (B over A, against Han characters for Chinese and words for
/// English) ≥ 6.63 (p &lt; 0.01), and at most half of the phrase's occurrences in B overlapping an occurrence of a
/// dictionary form (full or near, any formulation).</para>
/// <para>Pruning, between a phrase S and a longer phrase L that contains it (Chinese: as a substring; English: as
/// consecutive words): first, longest first, S is dropped when a kept L has b(L) ≥ 0.8·b(S) — the longer phrase
/// absorbs it; then a kept L is dropped when a candidate S inside it (kept or absorbed) has b(L) &lt; 0.8·b(S) and
/// G²(L) ≤ G²(S) — a much rarer extension that is no more key than the phrase it extends adds nothing. Last, kept
/// n-grams of the maximum length grow into the longer phrase they are part of (see <see cref="Grow"/>), and the
/// pruning is applied again. Ranked by G² descending, then phrase. A phrase is shown as the normalised text of its
/// first occurrence in B (English in lower case).</para>
/// </remarks>
internal static class PhraseCandidates
{
    public const int MinHan = 4;
    public const int MaxHan = 8;
    public const int MinWords = 2;
    public const int MaxWords = 6;

    /// <summary>The sizes G² and rates are measured against.</summary>
    public readonly record struct Bases(long HanA, long WordsA, long HanB, long WordsB);

    private static readonly HashSet<string> s_stopWords = new(
    [
        "a", "an", "the", "of", "and", "or", "but", "nor", "to", "in", "on", "at", "by", "for", "from", "with", "without", "into", "onto",
        "as", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did", "will", "would", "shall",
        "should", "can", "could", "may", "might", "must", "this", "that", "these", "those", "it", "its", "it's", "we", "our", "us", "they",
        "their", "them", "he", "his", "him", "she", "her", "i", "my", "me", "you", "your", "which", "who", "whom", "whose", "what", "when",
        "where", "why", "how", "not", "no", "so", "than", "then", "too", "very", "also", "such", "there", "here", "if", "about", "over",
        "under", "between", "through", "during", "before", "after", "above", "below", "up", "down", "out", "off", "all", "any", "both",
        "each", "more", "most", "other", "some", "own", "same", "only", "s", "t", "while", "against", "among", "within", "upon", "via",
    ], StringComparer.Ordinal);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_stopLookup = s_stopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Finds candidates; <paramref name="coverageB"/> holds, per B document, the prefix sum of positions covered by dictionary forms.</summary>
    public static List<PhraseCandidate> Find(IReadOnlyList<TrackedDocument> a, IReadOnlyList<TrackedDocument> b, IReadOnlyList<int[]> coverageB, Bases bases,
        int minFrequency, int top)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minFrequency, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var documents = a.Concat(b).ToArray();
        var texts = documents.Select(d => d.Folded).ToArray();
        var table = new Dictionary<SpanKey, Tally>(new SpanComparer(texts));
        for (var t = 0; t < texts.Length; t++)
        {
            var side = t < a.Count ? 0 : 1;
            var coverage = side == 1 ? coverageB[t - a.Count] : null;
            CountHan(texts, t, side, coverage, table);
            CountWords(texts, t, side, coverage, table);
        }

        var pool = new Dictionary<string, Item>(StringComparer.Ordinal);
        foreach (var (key, tally) in table)
        {
            if (tally.B < minFrequency || tally.Covered * 2L > tally.B)
            {
                continue;
            }

            var item = Score(texts[key.Text].Substring(key.Start, key.Length), !tally.English, tally.A, tally.B, bases);
            if (item.G2 >= Critical)
            {
                // Shown as the normalised text of its first occurrence in B (folding would show variant characters).
                item.Display = tally.English ? item.Key : documents[tally.FirstText].Normalized.Substring(tally.FirstStart, key.Length);
                pool[item.Key] = item;
            }
        }

        var kept = Grow(Prune(pool), a, b, coverageB, bases);
        var ranked = kept.OrderByDescending(c => c.G2).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new PhraseCandidate(c.Display, c.Chinese ? "zh" : "en", c.A, c.B,
                TermCounter.Per10K(c.A, c.Chinese, bases.WordsA, bases.HanA), TermCounter.Per10K(c.B, c.Chinese, bases.WordsB, bases.HanB),
                Math.Round(c.G2, 4), Math.Round(c.LogRatio, 4)));
        return (top == 0 ? ranked : ranked.Take(top)).ToList();
    }

    private static double Critical => Keyness.CriticalValue(0.01);

    private static Item Score(string key, bool chinese, long a, long b, Bases bases)
    {
        long sizeA = chinese ? bases.HanA : bases.WordsA, sizeB = chinese ? bases.HanB : bases.WordsB;
        return new Item(key, chinese, a, b, Keyness.SignedLogLikelihood(b, sizeB, a, sizeA), Keyness.LogRatio(b, sizeB, a, sizeA));
    }

    /// <summary>Applies the two pruning rules (see the class remarks) to candidates keyed by folded phrase.</summary>
    internal static List<Item> Prune(IReadOnlyDictionary<string, Item> pool)
    {
        // Rule 1, longest first: a kept phrase absorbs the shorter ones it contains whose b it nearly matches (≥ 80%).
        var absorbed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in pool.Values.OrderByDescending(c => c.Units).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            if (absorbed.Contains(l.Key))
            {
                continue;
            }

            foreach (var s in l.SubPhrases())
            {
                if (pool.TryGetValue(s, out var shorter) && 5 * l.B >= 4 * shorter.B)
                {
                    absorbed.Add(s);
                }
            }
        }

        // Rule 2: a kept longer phrase that is a much rarer (< 80%), no more key extension of a candidate inside it adds
        // nothing. The shorter one counts even when absorbed: its occurrences then live on in the phrase that absorbed it.
        return pool.Values.Where(l => !absorbed.Contains(l.Key)
            && !l.SubPhrases().Any(s => pool.TryGetValue(s, out var shorter) && 5 * l.B < 4 * shorter.B && l.G2 <= shorter.G2)).ToList();
    }

    /// <summary>
    /// Grows each kept phrase of the maximum n-gram length one unit at a time, right then left, by the neighbour that
    /// most often follows (precedes) it in B, while the longer phrase — counted exactly in A and B — keeps at least 80%
    /// of the seed's b, stays significant and is not mostly inside dictionary forms. The longest grown phrase whose
    /// edges are allowed (no stop word, no 的/了… edge) replaces the seed.
    /// </summary>
    private static List<Item> Grow(List<Item> kept, IReadOnlyList<TrackedDocument> a, IReadOnlyList<TrackedDocument> b, IReadOnlyList<int[]> coverageB, Bases bases)
    {
        var grown = new Dictionary<string, Item>(StringComparer.Ordinal);
        foreach (var seed in kept)
        {
            var best = seed;
            if (seed.Units == seed.MaxUnits)
            {
                var current = seed;
                foreach (var right in new[] { true, false })
                {
                    current = best;
                    for (var step = 0; step < MaxGrowth && current.Units < MaxGrownUnits(seed.Chinese); step++)
                    {
                        if (Neighbour(current, right, b) is not { } next)
                        {
                            break;
                        }

                        var key = right ? current.Key + (seed.Chinese ? "" : " ") + next : next + (seed.Chinese ? "" : " ") + current.Key;
                        var inB = Occurrences(key, !seed.Chinese, b);
                        if (5L * inB.Count < 4L * seed.B || Covered(inB, key.Length, coverageB) * 2L > inB.Count)
                        {
                            break;
                        }

                        var z = Score(key, seed.Chinese, Occurrences(key, !seed.Chinese, a).Count, inB.Count, bases);
                        if (z.G2 < Critical)
                        {
                            break;
                        }

                        var (doc, start) = inB[0];
                        z.Display = seed.Chinese ? b[doc].Normalized.Substring(start, key.Length) : key;
                        current = z;
                        if (HasGoodEdges(z))
                        {
                            best = z;
                        }
                    }
                }
            }

            grown.TryAdd(best.Key, best);
        }

        return Prune(grown);
    }

    private const int MaxGrowth = 24;

    private static int MaxGrownUnits(bool chinese) => chinese ? 32 : 16;

    /// <summary>The unit that most often follows (or precedes) the phrase in B; ties go to the smaller string.</summary>
    private static string? Neighbour(Item item, bool right, IReadOnlyList<TrackedDocument> b)
    {
        var tally = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (doc, start) in Occurrences(item.Key, !item.Chinese, b))
        {
            var text = b[doc].Folded;
            string? unit;
            if (item.Chinese)
            {
                var i = right ? start + item.Key.Length : start - 1;
                unit = i >= 0 && i < text.Length && CharClass.IsHan(text[i]) ? text[i].ToString() : null;
            }
            else
            {
                unit = right ? WordAfter(text, start + item.Key.Length) : WordBefore(text, start);
            }

            if (unit is not null)
            {
                tally[unit] = tally.GetValueOrDefault(unit) + 1;
            }
        }

        return tally.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).FirstOrDefault();
    }

    /// <summary>The word after a single space at <paramref name="end"/>, or null.</summary>
    private static string? WordAfter(string text, int end)
    {
        if (end + 1 >= text.Length || text[end] != ' ' || !CharClass.IsWordChar(text[end + 1]))
        {
            return null;
        }

        var i = end + 1;
        while (i < text.Length && IsTokenChar(text, i))
        {
            i++;
        }

        return text[(end + 1)..i];
    }

    /// <summary>The word before a single space ending at <paramref name="start"/>, or null.</summary>
    private static string? WordBefore(string text, int start)
    {
        if (start < 2 || text[start - 1] != ' ' || !CharClass.IsWordChar(text[start - 2]))
        {
            return null;
        }

        var i = start - 1;
        while (i > 0 && IsTokenChar(text, i - 1))
        {
            i--;
        }

        return text[i..(start - 1)];
    }

    /// <summary>Part of a word: a letter or digit, or an apostrophe or hyphen between two of them.</summary>
    private static bool IsTokenChar(string text, int i) =>
        CharClass.IsWordChar(text[i])
        || ((text[i] == '\'' || text[i] == '-') && i > 0 && i + 1 < text.Length && CharClass.IsWordChar(text[i - 1]) && CharClass.IsWordChar(text[i + 1]));

    /// <summary>Every occurrence (document, start) of a folded phrase; English ones must start and end on word edges.</summary>
    private static List<(int Doc, int Start)> Occurrences(string phrase, bool english, IReadOnlyList<TrackedDocument> documents)
    {
        var found = new List<(int, int)>();
        for (var d = 0; d < documents.Count; d++)
        {
            var text = documents[d].Folded;
            for (var i = text.IndexOf(phrase, StringComparison.Ordinal); i >= 0; i = i + 1 < text.Length ? text.IndexOf(phrase, i + 1, StringComparison.Ordinal) : -1)
            {
                var end = i + phrase.Length;
                if (!english || ((i == 0 || !IsTokenChar(text, i - 1)) && (end == text.Length || !IsTokenChar(text, end))))
                {
                    found.Add((d, i));
                }
            }
        }

        return found;
    }

    /// <summary>Occurrences in B that overlap a dictionary form.</summary>
    private static int Covered(List<(int Doc, int Start)> occurrences, int length, IReadOnlyList<int[]> coverageB) =>
        occurrences.Count(o => coverageB[o.Doc][o.Start + length] - coverageB[o.Doc][o.Start] > 0);

    private static bool HasGoodEdges(Item item)
    {
        if (item.Chinese)
        {
            return !IsBadHanStart(item.Key[0]) && !IsBadHanEnd(item.Key[^1]);
        }

        var words = item.Key.Split(' ');
        return !IsSkippedWord(words[0]) && !IsSkippedWord(words[^1]);
    }

    private static bool IsSkippedWord(string word) => s_stopWords.Contains(word) || word.All(char.IsAsciiDigit);

    /// <summary>A candidate while it is being pruned: keyed by its folded text.</summary>
    internal sealed class Item(string key, bool chinese, long a, long b, double g2, double logRatio)
    {
        public string Key { get; } = key;

        public string Display { get; set; } = key;

        public bool Chinese { get; } = chinese;

        public long A { get; } = a;

        public long B { get; } = b;

        public double G2 { get; } = g2;

        public double LogRatio { get; } = logRatio;

        /// <summary>Characters (Chinese) or words (English).</summary>
        public int Units => Chinese ? Key.Length : Key.Count(ch => ch == ' ') + 1;

        public int MaxUnits => Chinese ? MaxHan : MaxWords;

        /// <summary>The first <paramref name="n"/> units.</summary>
        public string Head(int n) => Chinese ? Key[..n] : string.Join(' ', Key.Split(' ').Take(n));

        /// <summary>The last <paramref name="n"/> units.</summary>
        public string Tail(int n) => Chinese ? Key[^n..] : string.Join(' ', Key.Split(' ').TakeLast(n));

        /// <summary>The shorter phrases of the same kind inside it (Chinese: substrings of 4+ characters; English: runs of 2+ words).</summary>
        public IEnumerable<string> SubPhrases()
        {
            if (Chinese)
            {
                for (var n = MinHan; n < Key.Length; n++)
                {
                    for (var i = 0; i + n <= Key.Length; i++)
                    {
                        yield return Key.Substring(i, n);
                    }
                }

                yield break;
            }

            var words = Key.Split(' ');
            for (var n = MinWords; n < words.Length; n++)
            {
                for (var i = 0; i + n <= words.Length; i++)
                {
                    yield return string.Join(' ', words, i, n);
                }
            }
        }
    }

    private static void CountHan(string[] texts, int t, int side, int[]? coverage, Dictionary<SpanKey, Tally> table)
    {
        var text = texts[t];
        var i = 0;
        while (i < text.Length)
        {
            if (!CharClass.IsHan(text[i]))
            {
                i++;
                continue;
            }

            var runEnd = i;
            while (runEnd < text.Length && CharClass.IsHan(text[runEnd]))
            {
                runEnd++;
            }

            for (var s = i; s + MinHan <= runEnd; s++)
            {
                if (IsBadHanStart(text[s]))
                {
                    continue;
                }

                var hash = 2166136261u;
                var limit = Math.Min(runEnd, s + MaxHan);
                for (var e = s; e < limit; e++)
                {
                    hash = (hash ^ text[e]) * 16777619u;
                    var length = e - s + 1;
                    if (length >= MinHan && !IsBadHanEnd(text[e]))
                    {
                        Add(table, new SpanKey(t, s, length, (int)hash), side, false, coverage);
                    }
                }
            }

            i = runEnd;
        }
    }

    private static void CountWords(string[] texts, int t, int side, int[]? coverage, Dictionary<SpanKey, Tally> table)
    {
        var text = texts[t];
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (!CharClass.IsWordChar(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var hash = 2166136261u;
            var digits = true;
            while (i < text.Length && IsTokenChar(text, i))
            {
                hash = (hash ^ text[i]) * 16777619u;
                digits &= char.IsAsciiDigit(text[i]);
                i++;
            }

            var span = text.AsSpan(start, i - start);
            var skip = digits || s_stopLookup.Contains(span);
            tokens.Add(new Token(start, i, hash, skip));
        }

        for (var k = 0; k < tokens.Count; k++)
        {
            if (tokens[k].Skip)
            {
                continue;
            }

            var hash = tokens[k].Hash;
            for (var m = k + 1; m < tokens.Count && m - k < MaxWords; m++)
            {
                // Consecutive words only: exactly one space between them.
                if (tokens[m].Start != tokens[m - 1].End + 1 || text[tokens[m - 1].End] != ' ')
                {
                    break;
                }

                hash = (hash * 31u) ^ tokens[m].Hash;
                if (!tokens[m].Skip)
                {
                    Add(table, new SpanKey(t, tokens[k].Start, tokens[m].End - tokens[k].Start, (int)hash), side, true, coverage);
                }
            }
        }
    }

    private static void Add(Dictionary<SpanKey, Tally> table, SpanKey key, int side, bool english, int[]? coverage)
    {
        ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(table, key, out _);
        tally.English = english;
        if (side == 0)
        {
            tally.A++;
            return;
        }

        if (tally.B++ == 0)
        {
            tally.FirstText = key.Text;
            tally.FirstStart = key.Start;
        }

        if (coverage![key.Start + key.Length] - coverage[key.Start] > 0)
        {
            tally.Covered++;
        }
    }

    private static bool IsBadHanStart(char c) => c is '的' or '了' or '着';

    private static bool IsBadHanEnd(char c) => c is '的' or '了' or '和' or '及' or '把' or '被';

    private readonly record struct Token(int Start, int End, uint Hash, bool Skip);

    /// <summary>An n-gram as a span of one of the texts; equal when the spans' characters are equal.</summary>
    private readonly record struct SpanKey(int Text, int Start, int Length, int Hash);

    private struct Tally
    {
        public int A;
        public int B;
        public int Covered;
        public int FirstText;   // first occurrence in B
        public int FirstStart;
        public bool English;
    }

    private sealed class SpanComparer(string[] texts) : IEqualityComparer<SpanKey>
    {
        public bool Equals(SpanKey x, SpanKey y) =>
            x.Hash == y.Hash && x.Length == y.Length && texts[x.Text].AsSpan(x.Start, x.Length).SequenceEqual(texts[y.Text].AsSpan(y.Start, y.Length));

        public int GetHashCode(SpanKey obj) => obj.Hash;
    }
}
