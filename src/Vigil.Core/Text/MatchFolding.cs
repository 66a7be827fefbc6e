namespace Vigil.Core.Text;

/// <summary>
/// The fold that makes matching case- and script-insensitive: lower case (invariant) and every
/// traditional or variant Han character to its simplified form. It maps each UTF-16 unit to exactly one,
/// so an offset in folded text is the same offset in the normalised text.
/// </summary>
public static class MatchFolding
{
    /// <summary>Folds <paramref name="normalized"/> (already normalised by <see cref="TextNormalizer"/>).</summary>
    public static string Fold(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return string.Create(normalized.Length, normalized, static (dst, src) => Fold(src, dst));
    }

    /// <summary>Folds <paramref name="source"/> into <paramref name="destination"/> (same length).</summary>
    public static void Fold(ReadOnlySpan<char> source, Span<char> destination)
    {
        var table = HanScript.Default.FoldTable;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c < 0x80)
            {
                destination[i] = (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
            }
            else
            {
                var h = table[c];
                destination[i] = h != c ? h : char.ToLowerInvariant(c);
            }
        }
    }

    /// <summary>Folds only the Han script (traditional → simplified), leaving case alone (for query syntax such as AND/OR).</summary>
    public static string FoldScript(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var table = HanScript.Default.FoldTable;
        return string.Create(text.Length, text, (dst, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                dst[i] = table[src[i]];
            }
        });
    }

    /// <summary>Normalises then folds a query term, so it can be matched against folded document text.</summary>
    public static string FoldQuery(string term) => Fold(TextNormalizer.Default.NormalizeQuery(term));
}
