using Vigil.Core.Text;

namespace Vigil.Core.Events.Extraction;

/// <summary>A sentence of a normalised text: [Start, End) and the paragraph it belongs to.</summary>
public readonly record struct SentenceRange(int Paragraph, int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// Splits the paragraphs of a normalised text (<see cref="TextNormalizer"/>) into sentences. Chinese ends a
/// sentence at 。！？ and at ； between Han text; English at . ! ? followed by a space (or the end) and not
/// following an abbreviation (Mr., U.S., e.g., Jan., a single initial) or running on in lower case.
/// Closing quotes and brackets stay with the sentence they close. A run longer than
/// <see cref="MaxSentenceLength"/> (a table, a wall of text without stops) is cut at the last clause mark or
/// space before the limit, so one hostile line never becomes one enormous sentence.
/// </summary>
public static class SentenceSplitter
{
    /// <summary>Longest sentence handed to the rules, in UTF-16 units.</summary>
    public const int MaxSentenceLength = 1000;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "p.r.c", "e.u",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "gen", "col", "lt", "sgt", "gov", "sen", "rep", "inc", "ltd", "co", "corp", "jr", "sr", "fig", "p", "pp", "vol",
        "art", "approx", "est", "dept", "univ", "cf", "al",
    };

    /// <summary>The sentences of every paragraph of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<SentenceRange> Split(NormalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<SentenceRange>();
        for (var p = 0; p < text.Paragraphs.Count; p++)
        {
            var range = text.Paragraphs[p];
            SplitParagraph(text.Text, p, range.Start, range.End, result);
        }

        return result;
    }

    /// <summary>The sentences of <paramref name="s"/>[start, end) (one paragraph), appended to <paramref name="into"/>.</summary>
    public static void SplitParagraph(string s, int paragraph, int start, int end, List<SentenceRange> into)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(into);
        var sentenceStart = start;
        var i = start;
        while (i < end)
        {
            var c = s[i];
            var stop = c switch
            {
                '。' or '！' or '？' or '!' or '?' => true,
                ';' or '；' => PreviousNonSpaceIsHan(s, sentenceStart, i),
                '.' => EndsEnglishSentence(s, sentenceStart, i, end),
                _ => false,
            };
            if (stop)
            {
                var j = i + 1;
                while (j < end && IsCloser(s[j]))
                {
                    j++;
                }

                Add(s, paragraph, sentenceStart, j, into);
                sentenceStart = j;
                i = j;
                continue;
            }

            i++;
        }

        Add(s, paragraph, sentenceStart, end, into);
    }

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '」' or '』' or '”' or '’' or '）' or '》' or '】';

    private static bool PreviousNonSpaceIsHan(string s, int from, int i)
    {
        for (var k = i - 1; k >= from; k--)
        {
            if (!char.IsWhiteSpace(s[k]))
            {
                return CharClass.IsHan(s[k]) || CharClass.IsCjkPunctuation(s[k]) || s[k] is '"' or ')';
            }
        }

        return false;
    }

    private static bool EndsEnglishSentence(string s, int from, int i, int end)
    {
        // "...." and "3.5" are not sentence ends.
        if (i + 1 < end && (s[i + 1] == '.' || char.IsAsciiDigit(s[i + 1])))
        {
            return false;
        }

        var j = i + 1;
        while (j < end && IsCloser(s[j]))
        {
            j++;
        }

        if (j < end && CharClass.IsHan(s[j]))
        {
            return true;
        }

        if (j < end && s[j] != ' ')
        {
            return false;
        }

        // The word before the stop: an abbreviation or a single initial does not end a sentence.
        var w = i;
        while (w > from && (char.IsLetter(s[w - 1]) || s[w - 1] == '.'))
        {
            w--;
        }

        var word = s[w..i];
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return false;
        }

        if (word.Length > 0 && Abbreviations.Contains(word))
        {
            return false;
        }

        // A sentence that runs on in lower case after the stop has not ended ("approx. five", "vs. the").
        var k = j;
        while (k < end && s[k] == ' ')
        {
            k++;
        }

        return k >= end || !char.IsLower(s[k]);
    }

    private static void Add(string s, int paragraph, int start, int end, List<SentenceRange> into)
    {
        while (start < end && char.IsWhiteSpace(s[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(s[end - 1]))
        {
            end--;
        }

        while (end - start > MaxSentenceLength)
        {
            var cut = CutPoint(s, start, start + MaxSentenceLength);
            into.Add(new SentenceRange(paragraph, start, cut));
            start = cut;
            while (start < end && char.IsWhiteSpace(s[start]))
            {
                start++;
            }
        }

        if (end > start)
        {
            into.Add(new SentenceRange(paragraph, start, end));
        }
    }

    private static int CutPoint(string s, int start, int limit)
    {
        // Prefer the last clause mark in the second half of the window, then the last space, else cut hard.
        var floor = start + (MaxSentenceLength / 2);
        for (var k = limit - 1; k > floor; k--)
        {
            if (s[k] is ',' or '，' or ';' or ':' or '、')
            {
                return k + 1;
            }
        }

        for (var k = limit - 1; k > floor; k--)
        {
            if (s[k] == ' ')
            {
                return k;
            }
        }

        // Never cut between the halves of a surrogate pair.
        return char.IsLowSurrogate(s[limit]) ? limit - 1 : limit;
    }
}
