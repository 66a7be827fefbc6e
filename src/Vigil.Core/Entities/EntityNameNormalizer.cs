using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Vigil.Core.Text;

namespace Vigil.Core.Entities;

/// <summary>A name reduced for comparison (see <see cref="EntityNameNormalizer"/>).</summary>
/// <param name="Key">Normalised, legal-form suffixes removed: "huawei technologies", "华为技术".</param>
/// <param name="Core"><see cref="Key"/> with group words (Group, Holding(s), 集团, 控股) also removed from the end.</param>
/// <param name="IsChinese">True when the name has more Han characters than Latin letters and digits.</param>
public sealed record NormalizedName(string Key, string Core, bool IsChinese)
{
    /// <summary>The distinct space-separated tokens of <see cref="Core"/>.</summary>
    public IReadOnlySet<string> CoreTokens { get; } = Core.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// Reduces organisation and person names for matching, in this order: Unicode NFKC (full-width forms),
/// lower case and traditional → simplified (<see cref="MatchFolding"/>), diacritics removed, "&amp;" read as
/// "and", apostrophes and full stops removed, every other punctuation mark a space, white space collapsed,
/// no spaces next to Han characters, a leading "the" dropped. Then <b>legal-form suffixes</b> are removed
/// from the end, repeatedly — English: co, company, ltd, limited, inc, incorporated, corp, corporation, llc,
/// plc, pte, gmbh, ag, sa, bv, nv, kk; Chinese and Japanese: 股份有限公司, 有限责任公司, 有限公司, 株式会社,
/// 有限会社, 合同会社, 公司 (but not 分公司, a branch) — giving
/// <see cref="NormalizedName.Key"/>. <b>Group words</b> (group, holding, holdings, 集团, 控股) are removed from
/// the end only for <see cref="NormalizedName.Core"/>, a weaker comparison: "BGI Group" and "BGI" are
/// different entities on the 1260H list and must not look identical.
/// </summary>
public static class EntityNameNormalizer
{
    /// <summary>English legal-form words removed from the end of a name.</summary>
    public static IReadOnlySet<string> LegalForms { get; } =
        new[] { "co", "company", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "llc", "plc", "pte", "gmbh", "ag", "sa", "bv", "nv", "kk" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Organisational words removed from the end for the core comparison only.</summary>
    public static IReadOnlySet<string> GroupWords { get; } = new[] { "group", "holding", "holdings" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Chinese legal-form suffixes, longest first.</summary>
    public static IReadOnlyList<string> HanLegalForms { get; } = ["股份有限公司", "有限责任公司", "有限公司", "株式会社", "有限会社", "合同会社", "公司"];

    /// <summary>Chinese group words removed for the core comparison only.</summary>
    public static IReadOnlyList<string> HanGroupWords { get; } = ["集团", "控股"];

    /// <summary>Normalises <paramref name="name"/>.</summary>
    public static NormalizedName Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var tokens = Tokens(name);
        StripEnd(tokens, groupWords: false);
        var key = Join(tokens);
        StripEnd(tokens, groupWords: true);
        var core = Join(tokens);
        var han = key.Count(CharClass.IsHan);
        var latin = key.Count(c => !CharClass.IsHan(c) && char.IsLetterOrDigit(c));
        return new NormalizedName(key, core, han > latin);
    }

    /// <summary>
    /// <paramref name="surface"/> without trailing legal-form words (and the commas and full stops around
    /// them), as written: "Huawei Technologies Co., Ltd." → "Huawei Technologies"; 华为技术有限公司 → 华为技术.
    /// Returns the input when nothing would be left.
    /// </summary>
    public static string StripLegalSuffix(string surface)
    {
        ArgumentNullException.ThrowIfNull(surface);
        var s = surface.TrimEnd();
        for (var changed = true; changed;)
        {
            changed = false;
            var trimmed = s.TrimEnd(' ', ',', '.', '，', '。');
            foreach (var han in HanLegalForms)
            {
                var folded = MatchFolding.FoldScript(trimmed);
                if (folded.EndsWith(han, StringComparison.Ordinal) && !(han == "公司" && folded.EndsWith("分公司", StringComparison.Ordinal)) && trimmed.Length > han.Length)
                {
                    s = trimmed[..^han.Length];
                    changed = true;
                    break;
                }
            }

            if (changed)
            {
                continue;
            }

            var end = trimmed.Length;
            var start = end;
            while (start > 0 && char.IsLetter(trimmed[start - 1]))
            {
                start--;
            }

            if (start < end && start > 0 && !char.IsLetterOrDigit(trimmed[start - 1]) && LegalForms.Contains(trimmed[start..end].ToLowerInvariant()))
            {
                s = trimmed[..start];
                changed = true;
            }
        }

        s = s.TrimEnd(' ', ',', '，', '(', '（');
        return s.Any(char.IsLetterOrDigit) ? s : surface.Trim();
    }

    private static List<string> Tokens(string name)
    {
        var folded = MatchFolding.Fold(TextNormalizer.Default.NormalizeQuery(name)).Normalize(NormalizationForm.FormD);
        var tokens = new List<string>();
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString().Normalize(NormalizationForm.FormC));
                current.Clear();
            }
        }

        foreach (var c in folded)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                || c is '\'' or '.' or '`' or '\u2019')
            {
                continue;
            }

            if (c == '&')
            {
                Flush();
                tokens.Add("and");
            }
            else if (CharClass.IsHan(c))
            {
                Flush();
                tokens.Add(c.ToString());
            }
            else if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else
            {
                Flush();
            }
        }

        Flush();
        if (tokens.Count > 1 && tokens[0] == "the")
        {
            tokens.RemoveAt(0);
        }

        return tokens;
    }

    private static void StripEnd(List<string> tokens, bool groupWords)
    {
        for (var changed = true; changed && tokens.Count > 1;)
        {
            changed = false;
            var last = tokens[^1];
            if (LegalForms.Contains(last) || (groupWords && GroupWords.Contains(last)))
            {
                tokens.RemoveAt(tokens.Count - 1);
                changed = true;
                continue;
            }

            foreach (var suffix in groupWords ? HanLegalForms.Concat(HanGroupWords) : HanLegalForms)
            {
                if (EndsWithHan(tokens, suffix) && tokens.Count > suffix.Length
                    && !(suffix == "公司" && tokens.Count > 2 && tokens[^3] == "分"))
                {
                    tokens.RemoveRange(tokens.Count - suffix.Length, suffix.Length);
                    changed = true;
                    break;
                }
            }
        }
    }

    private static bool EndsWithHan(List<string> tokens, string suffix)
    {
        if (tokens.Count < suffix.Length)
        {
            return false;
        }

        for (var i = 0; i < suffix.Length; i++)
        {
            if (tokens[tokens.Count - suffix.Length + i] != suffix[i].ToString())
            {
                return false;
            }
        }

        return true;
    }

    private static string Join(List<string> tokens)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0 && !CharClass.IsHan(tokens[i - 1][^1]) && !CharClass.IsHan(tokens[i][0]))
            {
                sb.Append(' ');
            }

            sb.Append(tokens[i]);
        }

        return sb.ToString();
    }
}
