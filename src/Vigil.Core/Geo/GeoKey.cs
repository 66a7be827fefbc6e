using System.Globalization;
using System.Text;
using Vigil.Core.Text;

namespace Vigil.Core.Geo;

/// <summary>
/// The lookup key of a country or bloc name: what two spellings must share to be the same name.
/// Unicode-normalised (NFKC: full-width forms fold), lower case, traditional Han folded to simplified,
/// diacritics dropped (Côte → cote), "&amp;" read as "and", full stops and apostrophes dropped (U.S. → us,
/// People's → peoples), any other punctuation a space, runs of single letters joined (U. S. A. → usa),
/// no spaces next to Han characters, and a leading "the" dropped.
/// </summary>
internal static class GeoKey
{
    public static string Of(string text)
    {
        var folded = MatchFolding.Fold(TextNormalizer.Default.NormalizeQuery(text)).Normalize(NormalizationForm.FormD);
        var tokens = new List<string>();
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        foreach (var c in folded)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (c is '.' or '\'' or '\u2019' or '`')
            {
                continue;
            }

            if (c == '&')
            {
                Flush();
                tokens.Add("and");
            }
            else if (char.IsLetterOrDigit(c))
            {
                // A Han character is a token of its own, so spaces around it disappear when joining.
                if (CharClass.IsHan(c))
                {
                    Flush();
                    tokens.Add(c.ToString());
                }
                else
                {
                    current.Append(c);
                }
            }
            else
            {
                Flush();
            }
        }

        Flush();
        var merged = new List<string>(tokens.Count);
        var lastIsLetterRun = false;
        foreach (var token in tokens)
        {
            // "u s a" (from "U. S. A.") reads as one abbreviation; a written-out word never starts such a run.
            var single = token.Length == 1 && char.IsLetter(token[0]) && !CharClass.IsHan(token[0]);
            if (single && lastIsLetterRun)
            {
                merged[^1] += token;
            }
            else
            {
                merged.Add(token);
                lastIsLetterRun = single;
            }
        }

        if (merged.Count > 1 && merged[0] == "the")
        {
            merged.RemoveAt(0);
        }

        var sb = new StringBuilder();
        for (var i = 0; i < merged.Count; i++)
        {
            if (i > 0 && !CharClass.IsHan(merged[i - 1][^1]) && !CharClass.IsHan(merged[i][0]))
            {
                sb.Append(' ');
            }

            sb.Append(merged[i]);
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>True when the text contains a Han character (a Chinese form).</summary>
    public static bool HasHan(string text) => text.Any(CharClass.IsHan);
}
