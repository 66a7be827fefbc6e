namespace Vigil.Core.Terms;

/// <summary>
/// Generates the regular inflected forms of English words (plural/3rd person, past, participle) for
/// <c>--stem</c>. It generates rather than stems so that a count never includes a different word that
/// merely shares a stem ("secure" is not a form of "security"). Phrases inflect each word; the number of
/// combinations is capped.
/// </summary>
internal static class Inflector
{
    private const int MaxForms = 64;

    private static readonly Dictionary<string, string[]> Irregular = new(StringComparer.Ordinal)
    {
        ["child"] = ["children"], ["man"] = ["men"], ["woman"] = ["women"], ["person"] = ["people"],
        ["crisis"] = ["crises"], ["analysis"] = ["analyses"], ["thesis"] = ["theses"], ["criterion"] = ["criteria"],
        ["phenomenon"] = ["phenomena"], ["datum"] = ["data"], ["medium"] = ["media"],
        ["fight"] = ["fought", "fighting", "fights"], ["seek"] = ["sought", "seeking", "seeks"],
        ["hold"] = ["held", "holding", "holds"], ["lead"] = ["led", "leading", "leads"], ["build"] = ["built", "building", "builds"],
        ["take"] = ["took", "taken", "taking", "takes"], ["make"] = ["made", "making", "makes"], ["rise"] = ["rose", "risen", "rising", "rises"],
        ["strike"] = ["struck", "striking", "strikes"], ["win"] = ["won", "winning", "wins"], ["meet"] = ["met", "meeting", "meets"],
    };

    public static IReadOnlyList<string> Expand(string phrase)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> combos = [""];
        foreach (var word in words)
        {
            var forms = Forms(word);
            combos = combos.SelectMany(prefix => forms.Select(f => prefix.Length == 0 ? f : prefix + " " + f)).Take(MaxForms).ToList();
        }

        return combos.Prepend(phrase).Distinct(StringComparer.Ordinal).ToList();
    }

    internal static IReadOnlyList<string> Forms(string w)
    {
        var forms = new List<string> { w };
        if (w.Length < 2 || !w.All(c => c is >= 'a' and <= 'z'))
        {
            return forms;
        }

        if (Irregular.TryGetValue(w, out var irregular))
        {
            forms.AddRange(irregular);
        }

        var last = w[^1];
        var beforeLast = w[^2];
        if (last == 'y' && !IsVowel(beforeLast))
        {
            forms.AddRange([w[..^1] + "ies", w[..^1] + "ied", w + "ing"]);
        }
        else if (w.EndsWith('s') || w.EndsWith('x') || w.EndsWith('z') || w.EndsWith("ch", StringComparison.Ordinal) || w.EndsWith("sh", StringComparison.Ordinal))
        {
            forms.AddRange([w + "es", w + "ed", w + "ing"]);
        }
        else if (last == 'e')
        {
            forms.AddRange([w + "s", w + "d", w[..^1] + "ing"]);
        }
        else
        {
            forms.AddRange([w + "s", w + "ed", w + "ing"]);
            // Consonant doubling for short consonant-vowel-consonant words: plan → planned, planning.
            if (w.Length <= 4 && !IsVowel(last) && last is not ('w' or 'x' or 'y') && IsVowel(beforeLast) && (w.Length < 3 || !IsVowel(w[^3])))
            {
                forms.AddRange([w + last + "ed", w + last + "ing"]);
            }
        }

        // A plural given as the term: also match its singular.
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            forms.Add(w[..^3] + "y");
        }
        else if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && w.Length > 3)
        {
            forms.Add(w[..^1]);
        }

        return forms;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
