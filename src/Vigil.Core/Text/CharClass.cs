using System.Runtime.CompilerServices;

namespace Vigil.Core.Text;

/// <summary>Character classes the text engine agrees on everywhere (counting, statistics, search, language).</summary>
public static class CharClass
{
    /// <summary>True for a Han ideograph in the BMP (CJK Unified, Extension A, compatibility ideographs, 〇).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsHan(char c) =>
        (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF') || c == '\u3007';

    /// <summary>True for a Han ideograph given as a code point (adds the supplementary-plane extensions B–I).</summary>
    public static bool IsHan(int codePoint) =>
        codePoint < 0x10000 ? IsHan((char)codePoint) : (codePoint >= 0x20000 && codePoint <= 0x3FFFF);

    /// <summary>
    /// True for characters that make up an alphabetic "word": letters and digits outside the CJK blocks.
    /// English whole-word matching and word counts both use this definition.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWordChar(char c)
    {
        if (c < 0x80)
        {
            return (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9;
        }

        return c < '\u2E80' && char.IsLetterOrDigit(c);
    }

    /// <summary>True for Latin letters (ASCII and Latin-1/Extended), used to tell English from other text.</summary>
    public static bool IsLatinLetter(char c) =>
        (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (c >= '\u00C0' && c <= '\u024F' && c != '\u00D7' && c != '\u00F7');

    /// <summary>True for Japanese kana (used to keep Japanese from being labelled Chinese).</summary>
    public static bool IsKana(char c) => c >= '\u3040' && c <= '\u30FF';

    /// <summary>True for Hangul syllables and jamo.</summary>
    public static bool IsHangul(char c) => (c >= '\uAC00' && c <= '\uD7AF') || (c >= '\u1100' && c <= '\u11FF');

    /// <summary>True for CJK punctuation and full-width forms that sit between Han characters without spaces.</summary>
    public static bool IsCjkPunctuation(char c) =>
        (c >= '\u3000' && c <= '\u303F') || (c >= '\uFF00' && c <= '\uFFEF') || c == '\u2014' || c == '\u2026' || c == '\u00B7' || c == '\u2018' || c == '\u2019' || c == '\u201C' || c == '\u201D';

    /// <summary>Han or CJK punctuation: the characters Chinese line breaks are joined between without a space.</summary>
    public static bool IsCjk(char c) => IsHan(c) || IsCjkPunctuation(c) || IsKana(c) || char.IsSurrogate(c);
}
