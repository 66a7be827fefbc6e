using System.Text;

namespace Vigil.Formats;

/// <summary>
/// Joins the words of one PDF text line. Latin words get a space between them; Chinese and Japanese have no
/// spaces between characters, so a boundary between two CJK characters or CJK punctuation gets none
/// (国家安全, never 国 家 安 全). A line-final hyphen is kept: the caller's normaliser repairs hyphenation.
/// </summary>
internal static class PdfLineAssembler
{
    public static string Join(IEnumerable<string> words)
    {
        var line = new StringBuilder();
        foreach (var word in words)
        {
            if (word.Length == 0)
            {
                continue;
            }

            if (line.Length > 0 && !(EndsWithCjk(line) && StartsWithCjk(word)))
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        return line.ToString();
    }

    /// <summary>Han ideographs, kana, CJK symbols and punctuation, and full-width forms — scripts written without spaces.</summary>
    internal static bool IsCjk(int codePoint) => codePoint switch
    {
        >= 0x2E80 and <= 0x2FDF => true,   // CJK radicals, Kangxi radicals
        >= 0x3000 and <= 0x303F => true,   // CJK symbols and punctuation (、。「」)
        >= 0x3040 and <= 0x30FF => true,   // Hiragana, Katakana
        >= 0x3100 and <= 0x31BF => true,   // Bopomofo
        >= 0x31F0 and <= 0x31FF => true,   // Katakana extensions
        >= 0x3200 and <= 0x33FF => true,   // enclosed CJK, compatibility
        >= 0x3400 and <= 0x4DBF => true,   // extension A
        >= 0x4E00 and <= 0x9FFF => true,   // unified ideographs
        >= 0xF900 and <= 0xFAFF => true,   // compatibility ideographs
        >= 0xFE30 and <= 0xFE4F => true,   // CJK compatibility forms
        >= 0xFF00 and <= 0xFFEF => true,   // full-width forms (，：？)
        >= 0x20000 and <= 0x3FFFF => true, // extensions B onwards
        _ => false,
    };

    private static bool EndsWithCjk(StringBuilder text)
    {
        var index = text.Length - 1;
        var c = text[index];
        if (char.IsLowSurrogate(c) && index > 0 && char.IsHighSurrogate(text[index - 1]))
        {
            return IsCjk(char.ConvertToUtf32(text[index - 1], c));
        }

        return IsCjk(c);
    }

    private static bool StartsWithCjk(string text) =>
        char.IsHighSurrogate(text[0]) && text.Length > 1 && char.IsLowSurrogate(text[1])
            ? IsCjk(char.ConvertToUtf32(text[0], text[1]))
            : IsCjk(text[0]);
}
