using Vigil.Core.Text;

namespace Vigil.Core.Terms;

/// <summary>How a term is matched.</summary>
public sealed record TermOptions
{
    /// <summary>Also match inflected forms of English words (plural, -ed, -ing...).</summary>
    public bool Stem { get; init; }
}

/// <summary>One concrete string searched for, and the term it stands for.</summary>
/// <param name="Term">Index of the user's term.</param>
/// <param name="Folded">The pattern in folded (lower-case, simplified) normalised form.</param>
/// <param name="LeftBoundary">The pattern starts with a word character, so the text before it must not be one.</param>
/// <param name="RightBoundary">The pattern ends with a word character, so the text after it must not be one.</param>
public readonly record struct TermPattern(int Term, string Folded, bool LeftBoundary, bool RightBoundary);

/// <summary>
/// A compiled list of terms: each term becomes one or more folded patterns (inflected forms with
/// <see cref="TermOptions.Stem"/>) in a single <see cref="TermMatcher"/>. Chinese is matched as substrings
/// (no word boundaries); an alphabetic edge of a term must sit on a word boundary, so "art" is not found
/// in "party" but 安全 is found in 国家安全.
/// </summary>
public sealed class TermSet
{
    private TermSet(IReadOnlyList<string> terms, IReadOnlyList<TermPattern> patterns, TermMatcher matcher, bool[] chinese)
    {
        Terms = terms;
        Patterns = patterns;
        Matcher = matcher;
        _chinese = chinese;
    }

    private readonly bool[] _chinese;

    /// <summary>The terms as the user gave them.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>All patterns, indexed as the matcher reports them.</summary>
    public IReadOnlyList<TermPattern> Patterns { get; }

    /// <summary>The automaton over <see cref="Patterns"/>.</summary>
    public TermMatcher Matcher { get; }

    /// <summary>
    /// True when the term is counted against Han characters (it contains one); false when it is counted
    /// against words. This decides the per-10k basis.
    /// </summary>
    public bool IsChinese(int term) => _chinese[term];

    /// <summary>Compiles the terms, or says in one line which one is unusable (for a user to fix).</summary>
    public static (TermSet? Set, string? Error) TryCompile(IReadOnlyList<string> terms, TermOptions? options = null)
    {
        try
        {
            return (Compile(terms, options), null);
        }
        catch (ArgumentException ex)
        {
            return (null, ex.Message.Split(" (Parameter")[0]);
        }
    }

    /// <summary>Compiles terms. Blank terms are a user error and are reported, not ignored.</summary>
    public static TermSet Compile(IReadOnlyList<string> terms, TermOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        options ??= new TermOptions();
        var patterns = new List<TermPattern>();
        var chinese = new bool[terms.Count];
        for (var t = 0; t < terms.Count; t++)
        {
            var folded = MatchFolding.FoldQuery(terms[t]).Trim();
            if (folded.Length == 0)
            {
                throw new ArgumentException($"Term {t + 1} (\"{terms[t]}\") is empty after normalisation; give a word, phrase or Chinese term.", nameof(terms));
            }

            chinese[t] = folded.Any(CharClass.IsHan) || HasSupplementaryHan(folded);
            var forms = options.Stem && !chinese[t] ? Inflector.Expand(folded) : [folded];
            foreach (var form in forms.Distinct(StringComparer.Ordinal))
            {
                patterns.Add(new TermPattern(t, form, CharClass.IsWordChar(form[0]), CharClass.IsWordChar(form[^1])));
            }
        }

        var matcher = TermMatcher.Build(patterns.Select(p => p.Folded).ToList());
        return new TermSet([.. terms], patterns, matcher, chinese);
    }

    private static bool HasSupplementaryHan(string s)
    {
        for (var i = 0; i + 1 < s.Length; i++)
        {
            if (char.IsSurrogatePair(s[i], s[i + 1]) && CharClass.IsHan(char.ConvertToUtf32(s[i], s[i + 1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the match of <paramref name="pattern"/> at [start, end) of <paramref name="folded"/> respects its word boundaries.</summary>
    public bool IsValidMatch(ReadOnlySpan<char> folded, int pattern, int start, int end)
    {
        var p = Patterns[pattern];
        if (p.LeftBoundary && start > 0 && CharClass.IsWordChar(folded[start - 1]))
        {
            return false;
        }

        return !(p.RightBoundary && end < folded.Length && CharClass.IsWordChar(folded[end]));
    }
}
