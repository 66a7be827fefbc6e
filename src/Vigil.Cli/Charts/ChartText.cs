using System.Globalization;
using System.Text;
using Vigil.Core.Text;

namespace Vigil.Cli.Charts;

/// <summary>Label text as charts draw it: one line, no control characters, shortened with an ellipsis.</summary>
internal static class ChartText
{
    /// <summary>The ellipsis that marks a shortened label.</summary>
    public const string Ellipsis = "…";

    /// <summary>
    /// One printable line: control characters (new lines, tabs, NUL...) become spaces and lone surrogates U+FFFD, so a
    /// hostile label can neither break the layout nor make the SVG invalid XML.
    /// </summary>
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                builder.Append('\uFFFD');
            }
            else
            {
                builder.Append(char.IsControl(c) ? ' ' : c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>
    /// <see cref="Clean"/>, then cut to at most <paramref name="maxColumns"/> terminal columns (Han and other wide
    /// characters count two) including the ellipsis; never splits a surrogate pair or a combining sequence.
    /// </summary>
    public static string Shorten(string text, int maxColumns)
    {
        var clean = Clean(text);
        if (Columns(clean) <= maxColumns)
        {
            return clean;
        }

        var budget = maxColumns - 1;
        var builder = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(clean);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var width = Columns(element);
            if (width > budget)
            {
                break;
            }

            budget -= width;
            builder.Append(element);
        }

        return builder.ToString().TrimEnd() + Ellipsis;
    }

    /// <summary>Display width in columns: East Asian wide characters count two, everything else one.</summary>
    public static int Columns(string text)
    {
        var columns = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            columns += IsWide(rune.Value) ? 2 : 1;
        }

        return columns;
    }

    /// <summary>True when the text holds a Han character (the case that needs a Chinese font).</summary>
    public static bool ContainsHan(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (CharClass.IsHan(rune.Value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWide(int codePoint) =>
        CharClass.IsHan(codePoint)
        || (codePoint >= 0x1100 && codePoint <= 0x115F) // Hangul jamo
        || (codePoint >= 0x2E80 && codePoint <= 0x303E) // CJK radicals, punctuation
        || (codePoint >= 0x3041 && codePoint <= 0x33FF) // kana, CJK symbols
        || (codePoint >= 0xAC00 && codePoint <= 0xD7A3) // Hangul syllables
        || (codePoint >= 0xFE30 && codePoint <= 0xFE4F) // CJK compatibility forms
        || (codePoint >= 0xFF00 && codePoint <= 0xFF60) // full-width forms
        || (codePoint >= 0xFFE0 && codePoint <= 0xFFE6);
}
