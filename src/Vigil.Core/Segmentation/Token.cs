namespace Vigil.Core.Segmentation;

/// <summary>What a token is made of.</summary>
public enum TokenKind
{
    /// <summary>A Chinese word: a run of Han characters cut by <see cref="ChineseSegmenter"/>.</summary>
    Han,

    /// <summary>An alphabetic word: a run of letters and digits outside the CJK blocks with at least one letter.</summary>
    Latin,

    /// <summary>A run of digits only (no letter).</summary>
    Number,
}

/// <summary>A token of a normalised text.</summary>
/// <param name="Start">Start in the normalised (and folded) text.</param>
/// <param name="End">End (exclusive) in the normalised text.</param>
/// <param name="Text">The folded form (lower case, simplified Chinese): the word that statistics count.</param>
public readonly record struct Token(int Start, int End, string Text, TokenKind Kind)
{
    public int Length => End - Start;

    /// <summary>"zh" for Chinese words; "en" for alphabetic words and numbers.</summary>
    public string Language => Kind == TokenKind.Han ? TokenLanguage.Chinese : TokenLanguage.English;
}

/// <summary>A token without its text, for loops that must not allocate.</summary>
public readonly record struct TokenSpan(int Start, int End, TokenKind Kind)
{
    public int Length => End - Start;
}

/// <summary>The two language groups statistics compare words within.</summary>
public static class TokenLanguage
{
    /// <summary>Chinese words (<see cref="TokenKind.Han"/>).</summary>
    public const string Chinese = "zh";

    /// <summary>Alphabetic words and numbers.</summary>
    public const string English = "en";

    /// <summary>The language group of a folded word: "zh" when it starts with a Han character, else "en".</summary>
    public static string Of(ReadOnlySpan<char> word) =>
        word.Length > 0 && (Text.CharClass.IsHan(word[0]) || char.IsHighSurrogate(word[0])) ? Chinese : English;
}
