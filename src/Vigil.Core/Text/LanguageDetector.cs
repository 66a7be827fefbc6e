using System.Collections.Frozen;

namespace Vigil.Core.Text;

/// <summary>Language/script labels Vigil assigns to documents and paragraphs.</summary>
public static class LanguageTag
{
    public const string English = "en";
    public const string Simplified = "zh-Hans";
    public const string Traditional = "zh-Hant";
    public const string Mixed = "mixed";
    public const string Other = "other";

    /// <summary>No language-bearing text (numbers, punctuation only).</summary>
    public const string None = "none";

    /// <summary>True for the two Chinese tags.</summary>
    public static bool IsChinese(string tag) => tag is Simplified or Traditional;
}

/// <summary>Evidence counted over a span of normalised text, the basis of the language decision.</summary>
public readonly record struct LanguageEvidence(int Han, int TraditionalOnly, int SimplifiedOnly, int LatinLetters, int OtherLetters, int Kana, int Words, int EnglishFunctionWords)
{
    public static LanguageEvidence operator +(LanguageEvidence a, LanguageEvidence b) => new(
        a.Han + b.Han, a.TraditionalOnly + b.TraditionalOnly, a.SimplifiedOnly + b.SimplifiedOnly, a.LatinLetters + b.LatinLetters,
        a.OtherLetters + b.OtherLetters, a.Kana + b.Kana, a.Words + b.Words, a.EnglishFunctionWords + b.EnglishFunctionWords);
}

/// <summary>
/// Tells English, simplified Chinese, traditional Chinese and other text apart, per paragraph, from
/// character evidence: Han characters against Latin letters (a Latin letter weighs a third of a Han
/// character, roughly their information per character), characters written only in traditional or only
/// in simplified Chinese, and the share of English function words among Latin words.
/// </summary>
public sealed class LanguageDetector
{
    private static readonly FrozenSet<string> FunctionWords = new[]
    {
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by", "it", "are", "be", "this",
        "was", "from", "at", "its", "an", "or", "has", "have", "will", "not", "which", "their", "we", "our", "they",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly HanScript _script;

    public LanguageDetector(HanScript script) => _script = script;

    /// <summary>A detector over the shipped script tables.</summary>
    public static LanguageDetector Default { get; } = new(HanScript.Default);

    /// <summary>Counts the evidence in a span of text.</summary>
    public LanguageEvidence Measure(ReadOnlySpan<char> text)
    {
        int han = 0, trad = 0, simp = 0, latin = 0, other = 0, kana = 0, words = 0, function = 0;
        Span<char> word = stackalloc char[8];
        var wordLength = 0;
        var inWord = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (CharClass.IsWordChar(c))
            {
                if (!inWord)
                {
                    words++;
                    inWord = true;
                    wordLength = 0;
                }

                if (wordLength < word.Length)
                {
                    word[wordLength] = c < 0x80 ? (char)(c | 0x20) : c;
                }

                wordLength++;
                if (CharClass.IsLatinLetter(c))
                {
                    latin++;
                }
                else if (char.IsLetter(c))
                {
                    other++;
                }

                continue;
            }

            if (inWord)
            {
                inWord = false;
                if (wordLength <= word.Length && FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word[..wordLength]))
                {
                    function++;
                }
            }

            if (CharClass.IsHan(c))
            {
                han++;
                if (_script.IsTraditionalOnly(c))
                {
                    trad++;
                }
                else if (_script.IsSimplifiedOnly(c))
                {
                    simp++;
                }
            }
            else if (CharClass.IsKana(c))
            {
                kana++;
            }
            else if (CharClass.IsHangul(c))
            {
                other++;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && CharClass.IsHan(char.ConvertToUtf32(c, text[i + 1])))
            {
                han++;
            }
        }

        return new LanguageEvidence(han, trad, simp, latin, other, kana, words, function);
    }

    /// <summary>Labels a span of text: en, zh-Hans, zh-Hant, other or none.</summary>
    public string Detect(ReadOnlySpan<char> text) => Decide(Measure(text));

    /// <summary>Labels measured evidence.</summary>
    public static string Decide(LanguageEvidence e)
    {
        var hanWeight = e.Han + e.Kana;
        var latinWeight = e.LatinLetters / 3.0;
        var otherWeight = e.OtherLetters / 2.0;
        if (hanWeight == 0 && e.LatinLetters == 0 && e.OtherLetters == 0)
        {
            return LanguageTag.None;
        }

        if (hanWeight >= latinWeight && hanWeight >= otherWeight)
        {
            // Japanese uses Han too; a real share of kana says it is not Chinese.
            if (e.Kana * 10 >= hanWeight)
            {
                return LanguageTag.Other;
            }

            return e.TraditionalOnly > e.SimplifiedOnly ? LanguageTag.Traditional : LanguageTag.Simplified;
        }

        if (otherWeight > latinWeight)
        {
            return LanguageTag.Other;
        }

        // Latin script: English when function words are there in English proportions; short runs
        // (titles, headings, names) with no function words count as English too.
        if (e.Words < 8)
        {
            return LanguageTag.English;
        }

        return e.EnglishFunctionWords * 100 >= e.Words * 12 ? LanguageTag.English : LanguageTag.Other;
    }
}
