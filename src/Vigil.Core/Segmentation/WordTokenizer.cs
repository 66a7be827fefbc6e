using Vigil.Core.Text;

namespace Vigil.Core.Segmentation;

/// <summary>Which tokens statistics see.</summary>
public sealed record TokenizerOptions
{
    /// <summary>Keep runs of digits (<see cref="TokenKind.Number"/>); off by default, so "2022" and "20" are not words.</summary>
    public bool IncludeNumbers { get; init; }

    /// <summary>Shortest token kept, in characters (a supplementary-plane character counts as one). 1 keeps all.</summary>
    public int MinLength { get; init; } = 1;
}

/// <summary>
/// The tokens statistics (keyness, collocations) count, over a document's normalised text:
/// <list type="bullet">
/// <item>Chinese words: each run of Han characters cut by <see cref="ChineseSegmenter"/> (jieba's algorithm);</item>
/// <item>alphabetic words: maximal runs of letters and digits outside the CJK blocks (<see cref="CharClass.IsWordChar"/>,
/// the same words the <c>words</c> count and English whole-word matching use), with at least one letter — so an
/// apostrophe or hyphen splits a word ("china's" → "china", "s"; "well-known" → "well", "known");</item>
/// <item>numbers (runs of digits only), only with <see cref="TokenizerOptions.IncludeNumbers"/>;</item>
/// <item>nothing else: punctuation, symbols, white space, kana and Hangul are never tokens.</item>
/// </list>
/// A token's text is its folded form (lower case, simplified Chinese); its offsets are those of the
/// normalised text. Immutable and thread-safe.
/// </summary>
public sealed class WordTokenizer
{
    private readonly ChineseSegmenter? _segmenter;

    /// <param name="segmenter">The segmenter for Chinese (default: <see cref="ChineseSegmenter.Default"/>, loaded on first use).</param>
    public WordTokenizer(TokenizerOptions? options = null, ChineseSegmenter? segmenter = null)
    {
        Options = options ?? new TokenizerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MinLength, 1, nameof(options));
        _segmenter = segmenter;
    }

    /// <summary>Default options: Chinese and alphabetic words of any length, no numbers.</summary>
    public static WordTokenizer Default { get; } = new();

    public TokenizerOptions Options { get; }

    private ChineseSegmenter Segmenter => _segmenter ?? ChineseSegmenter.Default;

    /// <summary>The tokens of a normalised text, in order, with their folded text.</summary>
    public IReadOnlyList<Token> Tokenize(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var folded = MatchFolding.Fold(normalized);
        var spans = new List<TokenSpan>();
        Tokenize(normalized, spans);
        return spans.ConvertAll(s => new Token(s.Start, s.End, folded.Substring(s.Start, s.Length), s.Kind));
    }

    /// <summary>Appends the tokens of a normalised (or folded) text to <paramref name="output"/>, without their text.</summary>
    public void Tokenize(ReadOnlySpan<char> normalized, List<TokenSpan> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var first = output.Count;
        Segmenter.Segment(normalized, output);
        if (Options.IncludeNumbers && Options.MinLength == 1)
        {
            return;
        }

        // Filter in place.
        var kept = first;
        for (var i = first; i < output.Count; i++)
        {
            var t = output[i];
            if (Keep(normalized, t))
            {
                output[kept++] = t;
            }
        }

        output.RemoveRange(kept, output.Count - kept);
    }

    private bool Keep(ReadOnlySpan<char> text, TokenSpan token)
    {
        if (token.Kind == TokenKind.Number && !Options.IncludeNumbers)
        {
            return false;
        }

        if (Options.MinLength == 1)
        {
            return true;
        }

        var characters = token.Length;
        if (characters >= Options.MinLength * 2)
        {
            return true;
        }

        foreach (var c in text.Slice(token.Start, token.Length))
        {
            characters -= char.IsLowSurrogate(c) ? 1 : 0;
        }

        return characters >= Options.MinLength;
    }
}
