using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using Vigil.Core.Text;

namespace Vigil.Core.Segmentation;

/// <summary>
/// Chinese word segmentation by jieba's algorithm (accurate mode without the HMM, i.e. <c>jieba.cut(text,
/// HMM=False)</c>) over jieba's dictionary, for statistics only — counting stays substring-true.
/// <para>
/// Over each run of Han characters: every dictionary word that starts at each position forms a DAG; the
/// route with the greatest sum of ln(freq) − ln(total) is found by dynamic programming from the right
/// (on a tie the longer word wins, as in jieba); a character that starts no dictionary word is a word of
/// its own with frequency 1. The text is folded first (<see cref="MatchFolding"/>: lower case, traditional
/// → simplified, one UTF-16 unit for one), so traditional text is cut as its simplified form and every
/// token's offsets are offsets of the normalised text. Deterministic: no model, no randomness.
/// </para>
/// <para>
/// Other text: a run of letters and digits outside the CJK blocks (<see cref="CharClass.IsWordChar"/>) is
/// one <see cref="TokenKind.Latin"/> token, or <see cref="TokenKind.Number"/> when it has no letter;
/// punctuation, symbols, white space, kana and Hangul are not tokens.
/// </para>
/// Immutable after loading and safe to use from many threads at once.
/// </summary>
public sealed class ChineseSegmenter
{
    private const string ResourceName = "Vigil.Core.Segmentation.Data.jieba-dict.txt.gz";

    private static readonly Lazy<ChineseSegmenter> Shared = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly PrefixDictionary _dictionary;

    private ChineseSegmenter(PrefixDictionary dictionary)
    {
        _dictionary = dictionary;
    }

    /// <summary>The segmenter over jieba 0.42.1's dictionary shipped with Vigil (loaded once, on first use).</summary>
    public static ChineseSegmenter Default => Shared.Value;

    /// <summary>Distinct words in the (folded) dictionary.</summary>
    public int WordCount => _dictionary.WordCount;

    /// <summary>Sum of all frequencies of the dictionary file (jieba's <c>total</c>, which every weight is relative to).</summary>
    public long TotalFrequency => _dictionary.Total;

    /// <summary>The prefix dictionary (for the benchmark's baseline segmenter).</summary>
    internal PrefixDictionary Dictionary => _dictionary;

    /// <summary>The dictionary frequency of a word, after folding it (0 for words not in the dictionary).</summary>
    public long Frequency(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return _dictionary.Frequency(MatchFolding.Fold(word));
    }

    /// <summary>
    /// Reads a dictionary in jieba's format: one <c>word frequency [tag]</c> per line, separated by single
    /// spaces; blank lines are skipped. Words are folded, and words that fold alike are summed; words that are
    /// not all Han are left out (they can never match inside a run of Han characters) but their frequencies
    /// count in the total, as in jieba. A word with frequency 0 is ignored (in jieba it is only a prefix, which
    /// changes no cut).
    /// </summary>
    /// <param name="name">Names the dictionary in error messages.</param>
    /// <exception cref="InvalidDataException">A line is malformed (the message names the line).</exception>
    public static ChineseSegmenter Load(TextReader dictionary, string name)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        var text = dictionary.ReadToEnd();

        // Folding is one UTF-16 unit for one, so the whole file folds at once and each word is its span.
        var folded = new char[text.Length];
        MatchFolding.Fold(text, folded);

        // Words that fold alike (显著 and 显着, 臺灣 and 台湾) become one word with the sum of their frequencies:
        // the folded text no longer tells them apart. (jieba lets the last of repeated lines win; the shipped
        // dictionary repeats only B超, which is not all Han.)
        var words = new List<(int Start, int Length, long Frequency)>();
        long total = 0;
        long edges = 0;
        var lineNumber = 0;
        for (var start = 0; start < text.Length;)
        {
            var newline = text.AsSpan(start).IndexOf('\n');
            var end = newline < 0 ? text.Length : start + newline;
            lineNumber++;
            var (wordStart, wordLength, frequency) = ParseLine(text, start, end, name, lineNumber);
            start = end + 1;
            if (wordLength == 0)
            {
                continue;
            }

            total = checked(total + frequency);
            if (IsAllHan(folded.AsSpan(wordStart, wordLength)))
            {
                words.Add((wordStart, wordLength, frequency));
                edges += wordLength - 1;
            }
        }

        if (total <= 0)
        {
            throw new InvalidDataException($"{name}: no word with a positive frequency.");
        }

        // Frequent words first: their nodes get the smallest ids and their edges the first slots, so the part of
        // the trie that running text touches most sits together in memory (5–15% faster on the congress reports,
        // measured side by side in one process).
        words.Sort((x, y) => x.Frequency != y.Frequency ? y.Frequency.CompareTo(x.Frequency) : x.Start.CompareTo(y.Start));
        var builder = new PrefixDictionary.Builder((int)Math.Min(edges, PrefixDictionary.MaxNodes));
        foreach (var (wordStart, wordLength, frequency) in words)
        {
            builder.Add(folded.AsSpan(wordStart, wordLength), frequency);
        }

        return new ChineseSegmenter(builder.Build(total));
    }

    /// <summary>One dictionary line [start, end): the word's span and its frequency; a blank line gives length 0.</summary>
    private static (int Start, int Length, long Frequency) ParseLine(string text, int start, int end, string name, int lineNumber)
    {
        var line = text.AsSpan(start, end - start);
        var trimmed = line.Trim();
        if (trimmed.IsEmpty)
        {
            return (0, 0, 0);
        }

        var wordStart = start + (line.Length - line.TrimStart().Length);
        var space = trimmed.IndexOf(' ');
        var rest = space < 0 ? [] : trimmed[(space + 1)..];
        var nextSpace = rest.IndexOf(' ');
        if (space <= 0 || !long.TryParse(nextSpace < 0 ? rest : rest[..nextSpace], NumberStyles.None, CultureInfo.InvariantCulture, out var frequency))
        {
            throw new InvalidDataException($"{name}, line {lineNumber}: expected 'word frequency [tag]', found '{trimmed}'.");
        }

        return (wordStart, space, frequency);
    }

    /// <summary>Tokens of a normalised text: Chinese words, alphabetic words and numbers, in order, with their folded text.</summary>
    public IReadOnlyList<Token> Tokenize(string normalized) =>
        new WordTokenizer(new TokenizerOptions { IncludeNumbers = true }, this).Tokenize(normalized);

    /// <summary>
    /// Appends the tokens of <paramref name="text"/> to <paramref name="output"/>, with offsets into it. The
    /// text may be normalised or already folded: Han runs are folded on the way (the fold keeps a character Han
    /// or not Han, and lower-casing keeps a letter a letter), so both give the same tokens. Allocates nothing
    /// but the list's growth; scratch buffers come from the shared array pool.
    /// </summary>
    public void Segment(ReadOnlySpan<char> text, List<TokenSpan> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var scratch = new Scratch();
        try
        {
            var n = text.Length;
            var i = 0;
            while (i < n)
            {
                var c = text[i];
                if (c < 0x80)
                {
                    if (CharClass.IsWordChar(c))
                    {
                        i = WordRun(text, i, output);
                    }
                    else
                    {
                        i++;
                    }

                    continue;
                }

                var han = HanLength(text, i);
                if (han > 0)
                {
                    var j = i + han;
                    while (j < n && (han = HanLength(text, j)) > 0)
                    {
                        j += han;
                    }

                    SegmentHan(text[i..j], i, output, ref scratch);
                    i = j;
                }
                else if (CharClass.IsWordChar(c))
                {
                    i = WordRun(text, i, output);
                }
                else
                {
                    i++;
                }
            }
        }
        finally
        {
            scratch.Return();
        }
    }

    /// <summary>Appends the word-character run starting at <paramref name="i"/>; returns where it ends.</summary>
    private static int WordRun(ReadOnlySpan<char> text, int i, List<TokenSpan> output)
    {
        var j = i;
        var letter = false;
        while (j < text.Length && CharClass.IsWordChar(text[j]))
        {
            letter |= !IsDigit(text[j]);
            j++;
        }

        output.Add(new TokenSpan(i, j, letter ? TokenKind.Latin : TokenKind.Number));
        return j;
    }

    /// <summary>The Chinese words of one run of Han characters (jieba's DAG and route, <see cref="PrefixDictionary.Route"/>); <paramref name="offset"/> is where the run starts.</summary>
    private void SegmentHan(ReadOnlySpan<char> original, int offset, List<TokenSpan> output, ref Scratch scratch)
    {
        var n = original.Length;
        scratch.Ensure(n + 1);
        var run = scratch.Chars.AsSpan(0, n);
        var fold = HanScript.Default.FoldTable;
        for (var k = 0; k < n; k++)
        {
            run[k] = fold[original[k]];
        }

        var to = scratch.Next.AsSpan(0, n + 1);
        _dictionary.Route(run, scratch.Score.AsSpan(0, n + 1), to);
        for (var i = 0; i < n;)
        {
            var e = to[i];
            output.Add(new TokenSpan(offset + i, offset + e, TokenKind.Han));
            i = e;
        }
    }

    /// <summary>1 for a BMP Han character at <paramref name="i"/>, 2 for a supplementary one (a surrogate pair), else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int HanLength(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (CharClass.IsHan(c))
        {
            return 1;
        }

        return char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
            && CharClass.IsHan(char.ConvertToUtf32(c, text[i + 1])) ? 2 : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(char c) => c < 0x80 ? (uint)(c - '0') <= 9 : char.IsDigit(c);

    private static bool IsAllHan(ReadOnlySpan<char> word)
    {
        if (word.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < word.Length;)
        {
            var width = HanLength(word, i);
            if (width == 0)
            {
                return false;
            }

            i += width;
        }

        return true;
    }

    /// <summary>Per-call buffers for one Han run: its folded characters and the route.</summary>
    private struct Scratch
    {
        public char[] Chars;
        public double[] Score;
        public int[] Next;

        public void Ensure(int length)
        {
            if (Score is not null && Score.Length >= length)
            {
                return;
            }

            Return();
            length = Math.Max(length, 256);
            Chars = ArrayPool<char>.Shared.Rent(length);
            Score = ArrayPool<double>.Shared.Rent(length);
            Next = ArrayPool<int>.Shared.Rent(length);
        }

        public void Return()
        {
            if (Score is not null)
            {
                ArrayPool<char>.Shared.Return(Chars);
                ArrayPool<double>.Shared.Return(Score);
                ArrayPool<int>.Shared.Return(Next);
                Chars = null!;
                Score = null!;
                Next = null!;
            }
        }
    }

    private static ChineseSegmenter LoadDefault()
    {
        using var stream = typeof(ChineseSegmenter).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded dictionary {ResourceName} is missing from {typeof(ChineseSegmenter).Assembly.GetName().Name}.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 20);
        return Load(reader, "jieba-dict.txt");
    }
}
