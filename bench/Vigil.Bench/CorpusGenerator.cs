using System.Text;
using Vigil.Core.Text;

namespace Vigil.Bench;

internal enum DocLanguage
{
    English,
    Simplified,
    Traditional,
}

internal readonly record struct GeneratedDoc(int Index, DocLanguage Language, string Text);

/// <summary>
/// Deterministic synthetic corpus: document i depends only on (seed, i), so documents can be generated in
/// parallel, streamed, or regenerated identically. About 50% English, 35% simplified and 15% traditional
/// Chinese; each document is about 2 KB of UTF-8 (1.7–2.4 KB) in paragraphs of sentences.
/// </summary>
internal sealed class CorpusGenerator
{
    private const double CommonExponent = 1.1;
    private const double CommonShift = 2.7;
    private const double RareExponent = 1.1;

    // Chance that a document carries rare-tier words at all, and (given that) a second one.
    private const double RareDocChance = 0.3;
    private const double SecondRareChance = 0.3;

    private readonly ulong _seed;
    private readonly ZipfSampler _enCommon = new(Vocabulary.EnglishCommon.Count, CommonExponent, CommonShift);
    private readonly ZipfSampler _enRare = new(Vocabulary.EnglishRare.Count, RareExponent, 0);
    private readonly ZipfSampler _zhCommon = new(Vocabulary.ChineseCommon.Count, CommonExponent, CommonShift);
    private readonly ZipfSampler _zhRare = new(Vocabulary.ChineseRare.Count, RareExponent, 0);
    private readonly char[] _toTraditional;

    public CorpusGenerator(int seed)
    {
        _seed = (ulong)(uint)seed;
        _toTraditional = new char[65536];
        for (var i = 0; i < _toTraditional.Length; i++)
        {
            _toTraditional[i] = (char)i;
        }

        var kept = 0;
        var dropped = new List<char>();
        foreach (var (simplified, traditional) in Vocabulary.TraditionalTable())
        {
            // Keep a pair only if Vigil's fold maps the traditional form back: a traditional document then
            // folds to exactly the simplified text it was made from, so every suite sees the same terms.
            if (HanScript.Default.Fold(traditional) == simplified && _toTraditional[simplified] == simplified)
            {
                _toTraditional[simplified] = traditional;
                kept++;
            }
            else
            {
                dropped.Add(simplified);
            }
        }

        TraditionalPairsKept = kept;
        TraditionalPairsDropped = dropped.Count;
    }

    public int TraditionalPairsKept { get; }

    public int TraditionalPairsDropped { get; }

    public GeneratedDoc Generate(int index)
    {
        var rng = new SplitMix64(Mix(_seed, (ulong)index));
        var pick = rng.NextDouble();
        var language = pick < 0.50 ? DocLanguage.English : pick < 0.85 ? DocLanguage.Simplified : DocLanguage.Traditional;
        var target = 1700 + rng.Next(700);
        var text = language == DocLanguage.English ? English(ref rng, target) : Chinese(ref rng, target, language == DocLanguage.Traditional);
        return new GeneratedDoc(index, language, text);
    }

    private string English(ref SplitMix64 rng, int targetBytes)
    {
        var sb = new StringBuilder(targetBytes + 200);
        var rare = RareWords(ref rng, Vocabulary.EnglishRare, _enRare);
        var sentence = 0;
        var inParagraph = 0;
        var paragraphLength = 3 + rng.Next(4);
        while (sb.Length < targetBytes)
        {
            var words = 8 + rng.Next(13);
            for (var w = 0; w < words; w++)
            {
                var word = Vocabulary.EnglishCommon[_enCommon.Sample(ref rng)];
                if (sentence < rare.Count && w == words / 2)
                {
                    word = rare[sentence];
                }

                if (w == 0)
                {
                    sb.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
                }
                else
                {
                    sb.Append(word);
                }

                if (w == words - 1)
                {
                    sb.Append('.');
                }
                else
                {
                    sb.Append(rng.Next(12) == 0 ? ", " : " ");
                }
            }

            sentence++;
            if (++inParagraph >= paragraphLength)
            {
                sb.Append("\n\n");
                inParagraph = 0;
                paragraphLength = 3 + rng.Next(4);
            }
            else
            {
                sb.Append(' ');
            }
        }

        return sb.ToString().TrimEnd() + "\n";
    }

    private string Chinese(ref SplitMix64 rng, int targetBytes, bool traditional)
    {
        // All characters used are 3 bytes in UTF-8 (Han and CJK punctuation) except the newlines.
        var sb = new StringBuilder((targetBytes / 3) + 100);
        var rare = RareWords(ref rng, Vocabulary.ChineseRare, _zhRare);
        var sentence = 0;
        var inParagraph = 0;
        var paragraphLength = 3 + rng.Next(3);
        var bytes = 0;
        while (bytes < targetBytes)
        {
            var words = 6 + rng.Next(11);
            var start = sb.Length;
            var sinceComma = 0;
            for (var w = 0; w < words; w++)
            {
                var word = Vocabulary.ChineseCommon[_zhCommon.Sample(ref rng)];
                if (sentence < rare.Count && w == words / 2)
                {
                    word = rare[sentence];
                }

                sb.Append(word);
                if (w < words - 1 && ++sinceComma >= 3 && rng.Next(3) == 0)
                {
                    sb.Append('，');
                    sinceComma = 0;
                }
            }

            sb.Append('。');
            bytes += (sb.Length - start) * 3;
            sentence++;
            if (++inParagraph >= paragraphLength)
            {
                sb.Append("\n\n");
                bytes += 2;
                inParagraph = 0;
                paragraphLength = 3 + rng.Next(3);
            }
        }

        var text = sb.ToString().TrimEnd() + "\n";
        if (!traditional)
        {
            return text;
        }

        return string.Create(text.Length, (text, _toTraditional), static (dst, state) =>
        {
            for (var i = 0; i < dst.Length; i++)
            {
                dst[i] = state._toTraditional[state.text[i]];
            }
        });
    }

    private static List<string> RareWords(ref SplitMix64 rng, IReadOnlyList<string> list, ZipfSampler sampler)
    {
        var words = new List<string>(2);
        if (rng.NextDouble() < RareDocChance)
        {
            words.Add(list[sampler.Sample(ref rng)]);
            if (rng.NextDouble() < SecondRareChance)
            {
                words.Add(list[sampler.Sample(ref rng)]);
            }
        }

        return words;
    }

    private static ulong Mix(ulong seed, ulong index)
    {
        var z = (seed * 0x9E3779B97F4A7C15UL) ^ (index + 0x632BE59BD9B4E019UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>A small, fast, fully specified PRNG (so the corpus never depends on System.Random's implementation).</summary>
internal struct SplitMix64(ulong state)
{
    private ulong _state = state;

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public int Next(int bound) => (int)((NextULong() >> 33) % (ulong)bound);
}

/// <summary>Samples rank r (0-based) with probability proportional to 1 / (r + 1 + shift)^exponent.</summary>
internal sealed class ZipfSampler
{
    private readonly double[] _cumulative;

    public ZipfSampler(int count, double exponent, double shift)
    {
        _cumulative = new double[count];
        var total = 0.0;
        for (var r = 0; r < count; r++)
        {
            total += 1.0 / Math.Pow(r + 1 + shift, exponent);
            _cumulative[r] = total;
        }

        for (var r = 0; r < count; r++)
        {
            _cumulative[r] /= total;
        }
    }

    public int Sample(ref SplitMix64 rng)
    {
        var u = rng.NextDouble();
        var i = Array.BinarySearch(_cumulative, u);
        return Math.Min(i >= 0 ? i : ~i, _cumulative.Length - 1);
    }
}
