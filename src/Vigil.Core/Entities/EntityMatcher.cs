namespace Vigil.Core.Entities;

/// <summary>One list entry found for a query.</summary>
/// <param name="Matched">The entry's name, alias or Chinese name that scored best.</param>
/// <param name="MatchedField">name, alias or chinese.</param>
/// <param name="Score">Similarity in [0, 1], rounded to 4 decimals (see <see cref="EntityMatcher"/>).</param>
public sealed record EntityMatch(ListEntry Entry, string Matched, string MatchedField, double Score);

/// <summary>
/// Finds list entries whose names are similar to a query. The similarity of two names (each reduced by
/// <see cref="EntityNameNormalizer"/>) is:
/// <list type="bullet">
/// <item>1 when the keys are equal (the same name up to case, script, punctuation, diacritics and legal form);</item>
/// <item>0.95 when only the cores are equal (they differ by a trailing Group, Holdings, 集团, 控股);</item>
/// <item>0 when one is Chinese and the other not (no transliteration);</item>
/// <item>for two Chinese names, ½·Dice + ½·overlap over the character bigrams of the cores (unigrams for a
/// one-character core), where Dice = 2|A∩B|/(|A|+|B|) and overlap = |A∩B|/min(|A|,|B|), so a short name
/// wholly inside a longer one (华为 in 华为技术) still scores;</item>
/// <item>for two Latin names, ½·Jaro–Winkler of the cores (prefix scale 0.1, up to 4 characters) + ½·Dice
/// over their distinct tokens;</item>
/// </list>
/// capped at 0.94 when not equal, so only equal names reach 0.95. Results are ordered by score (descending),
/// then list id, entry name and row (ordinal), so the same input always gives the same order.
/// </summary>
public sealed class EntityMatcher
{
    /// <summary>The default minimum score of <c>vigil entities match</c>.</summary>
    public const double DefaultMinScore = 0.8;

    private readonly List<(ListEntry Entry, List<(string Field, string Text, NormalizedName Name)> Names)> _entries;

    /// <summary>Prepares <paramref name="entries"/> for matching (each name normalised once).</summary>
    public EntityMatcher(IEnumerable<ListEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries.Select(e => (e, e.Names().Select(n => (n.Field, n.Text, EntityNameNormalizer.Normalize(n.Text))).ToList()))];
    }

    /// <summary>Entries scoring at least <paramref name="minScore"/> against <paramref name="query"/>, best first, at most <paramref name="limit"/> (0: all).</summary>
    public IReadOnlyList<EntityMatch> Match(string query, double minScore = DefaultMinScore, int limit = 10)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = EntityNameNormalizer.Normalize(query);
        var results = new List<EntityMatch>();
        foreach (var (entry, names) in _entries)
        {
            EntityMatch? best = null;
            foreach (var (field, text, name) in names)
            {
                var score = Score(q, name);
                if (score >= minScore && (best is null || score > best.Score))
                {
                    best = new EntityMatch(entry, text, field, score);
                }
            }

            if (best is not null)
            {
                results.Add(best);
            }
        }

        results.Sort((a, b) =>
        {
            var c = b.Score.CompareTo(a.Score);
            if (c == 0)
            {
                c = string.CompareOrdinal(a.Entry.ListId, b.Entry.ListId);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(a.Entry.Name, b.Entry.Name);
            }

            return c != 0 ? c : a.Entry.Row.CompareTo(b.Entry.Row);
        });
        return limit > 0 && results.Count > limit ? results[..limit] : results;
    }

    /// <summary>The similarity of two names, in [0, 1] (the formula is in the class summary).</summary>
    public static double Score(string a, string b) => Score(EntityNameNormalizer.Normalize(a), EntityNameNormalizer.Normalize(b));

    /// <summary>The similarity of two normalised names.</summary>
    public static double Score(NormalizedName a, NormalizedName b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Key.Length == 0 || b.Key.Length == 0)
        {
            return 0;
        }

        if (a.Key == b.Key)
        {
            return 1;
        }

        if (a.Core.Length > 0 && a.Core == b.Core)
        {
            return 0.95;
        }

        if (a.IsChinese != b.IsChinese)
        {
            return 0;
        }

        double s;
        if (a.IsChinese)
        {
            var x = Grams(a.Core);
            var y = Grams(b.Core);
            var common = x.Count(y.Contains);
            s = x.Count == 0 || y.Count == 0 ? 0 : (0.5 * 2.0 * common / (x.Count + y.Count)) + (0.5 * common / Math.Min(x.Count, y.Count));
        }
        else
        {
            var common = a.CoreTokens.Count(b.CoreTokens.Contains);
            var dice = a.CoreTokens.Count + b.CoreTokens.Count == 0 ? 0 : 2.0 * common / (a.CoreTokens.Count + b.CoreTokens.Count);
            s = (0.5 * JaroWinkler(a.Core, b.Core)) + (0.5 * dice);
        }

        return Math.Round(Math.Min(0.94, s), 4);
    }

    /// <summary>Jaro–Winkler similarity (prefix scale 0.1, common prefix up to 4).</summary>
    public static double JaroWinkler(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == 0 && b.Length == 0)
        {
            return 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        var aUsed = new bool[a.Length];
        var bUsed = new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!bUsed[j] && a[i] == b[j])
                {
                    aUsed[i] = bUsed[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!aUsed[i])
            {
                continue;
            }

            while (!bUsed[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                transpositions++;
            }

            k++;
        }

        double m = matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3.0;
        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }

    private static HashSet<string> Grams(string core)
    {
        var han = new string([.. core.Where(Text.CharClass.IsHan)]);
        var grams = new HashSet<string>(StringComparer.Ordinal);
        if (han.Length == 1)
        {
            grams.Add(han);
        }

        for (var i = 0; i + 1 < han.Length; i++)
        {
            grams.Add(han.Substring(i, 2));
        }

        return grams;
    }
}
