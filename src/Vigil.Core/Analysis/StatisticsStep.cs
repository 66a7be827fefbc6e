using Vigil.Core.Text;

namespace Vigil.Core.Analysis;

/// <summary>
/// Counts what per-10k rates are measured against: words (maximal runs of non-CJK letters and digits in
/// the normalised text) and Han characters; and the original text's Unicode characters.
/// </summary>
internal sealed class StatisticsStep : IAnalysisStep
{
    public string Name => "statistics";

    public void Apply(AnalysisContext context)
    {
        var (words, han) = Count(context.Normalized.Text);
        context.Words = words;
        context.Han = han;
        var chars = 0;
        foreach (var _ in context.Original.EnumerateRunes())
        {
            chars++;
        }

        context.Chars = chars;
    }

    /// <summary>Words and Han characters in a text (the definitions the README states).</summary>
    public static (int Words, int Han) Count(ReadOnlySpan<char> text)
    {
        int words = 0, han = 0;
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (CharClass.IsWordChar(c))
            {
                if (!inWord)
                {
                    words++;
                    inWord = true;
                }

                continue;
            }

            inWord = false;
            if (CharClass.IsHan(c))
            {
                han++;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) && CharClass.IsHan(char.ConvertToUtf32(c, text[i + 1])))
            {
                han++;
                i++;
            }
        }

        return (words, han);
    }
}
