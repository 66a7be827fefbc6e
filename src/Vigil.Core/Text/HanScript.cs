using System.Collections.Frozen;
using System.Reflection;

namespace Vigil.Core.Text;

/// <summary>
/// Simplified/traditional knowledge from OpenCC's character dictionaries (Apache-2.0): a fold of every
/// traditional or regional variant to one simplified form, and the sets of characters used only in
/// simplified or only in traditional writing. Folding maps one UTF-16 unit to one, so offsets never move.
/// </summary>
public sealed class HanScript
{
    private static readonly Lazy<HanScript> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly char[] _fold;
    private readonly FrozenSet<char> _traditionalOnly;
    private readonly FrozenSet<char> _simplifiedOnly;

    private HanScript(char[] fold, FrozenSet<char> traditionalOnly, FrozenSet<char> simplifiedOnly)
    {
        _fold = fold;
        _traditionalOnly = traditionalOnly;
        _simplifiedOnly = simplifiedOnly;
    }

    /// <summary>The tables shipped with Vigil (loaded once; immutable and thread-safe).</summary>
    public static HanScript Default => Shared.Value;

    /// <summary>Number of characters that fold to another form.</summary>
    public int FoldCount { get; private set; }

    /// <summary>The simplified form of <paramref name="c"/> (itself when it has none).</summary>
    public char Fold(char c) => _fold[c];

    /// <summary>The table behind <see cref="Fold"/>, indexed by UTF-16 unit, for tight loops.</summary>
    internal char[] FoldTable => _fold;

    /// <summary>True when <paramref name="c"/> is written only in traditional Chinese.</summary>
    public bool IsTraditionalOnly(char c) => _traditionalOnly.Contains(c);

    /// <summary>True when <paramref name="c"/> is written only in simplified Chinese.</summary>
    public bool IsSimplifiedOnly(char c) => _simplifiedOnly.Contains(c);

    private static HanScript Load()
    {
        var fold = new char[65536];
        for (var i = 0; i < fold.Length; i++)
        {
            fold[i] = (char)i;
        }

        var count = 0;
        foreach (var line in ReadResourceLines("han-fold.tsv"))
        {
            // Only BMP pairs are usable for a 1:1 fold; the generator already dropped pairs of unequal length.
            if (line.Length == 3 && line[1] == '\t')
            {
                fold[line[0]] = line[2];
                count++;
            }
        }

        HashSet<char> traditional = [], simplified = [];
        foreach (var line in ReadResourceLines("han-script.tsv"))
        {
            var target = line.StartsWith("T\t", StringComparison.Ordinal) ? traditional
                : line.StartsWith("S\t", StringComparison.Ordinal) ? simplified : null;
            if (target is null)
            {
                continue;
            }

            foreach (var c in line.AsSpan(2))
            {
                if (!char.IsSurrogate(c))
                {
                    target.Add(c);
                }
            }
        }

        return new HanScript(fold, traditional.ToFrozenSet(), simplified.ToFrozenSet()) { FoldCount = count };
    }

    private static IEnumerable<string> ReadResourceLines(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Vigil.Core.Text.Data." + name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from Vigil.Core; the build is broken.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                yield return line;
            }
        }
    }
}
