using SkiaSharp;

namespace Vigil.Cli.Charts;

/// <summary>A font file that has Han characters.</summary>
/// <param name="FaceIndex">The face inside a collection (.ttc); 0 for a single font.</param>
/// <param name="CoversLatin">True when the font also has ASCII letters and digits, so it can draw every label of a chart.</param>
internal sealed record HanFont(string FamilyName, string Path, int FaceIndex, bool CoversLatin)
{
    /// <summary>The loaded face; kept for the life of the process (ScottPlot caches typefaces and never disposes them).</summary>
    public required SKTypeface Typeface { get; init; }

    public override string ToString() => $"{FamilyName} ({Path}{(FaceIndex > 0 ? $"#{FaceIndex}" : "")})";
}

/// <summary>
/// Finds a font with Chinese characters by reading the font files in the usual font directories.
/// </summary>
/// <remarks>
/// Vigil ships SkiaSharp's native library without fontconfig (SkiaSharp.NativeAssets.Linux.NoDependencies, so charts
/// render on minimal machines and in containers). Without fontconfig Skia cannot answer "which font has 安?"
/// (<c>SKFontManager.MatchCharacter</c> returns null) and ScottPlot's automatic font falls back to a Latin font that draws
/// Chinese as boxes. So Vigil looks itself: every .ttf/.otf/.ttc/.otc file under the font directories, in ordinal path
/// order, is opened and asked for Han glyphs; the best one wins (see <see cref="Rank"/>). The result is deterministic for
/// a given set of installed fonts.
/// </remarks>
internal static class HanFontLocator
{
    /// <summary>Characters a font must have to count as a Chinese font (common simplified characters of the domain).</summary>
    internal const string HanProbe = "安全国家经济";

    /// <summary>Characters a font must have to draw Latin labels and numbers too.</summary>
    internal const string LatinProbe = "AZaz09.,-()%";

    /// <summary>Sans-serif families that draw Simplified Chinese well, best first; any other Han font ranks after them.</summary>
    private static readonly string[] Preferred =
    [
        "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
        "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "SimHei",
    ];

    private const int MaxFiles = 20_000;
    private const int MaxFacesPerFile = 32;

    private static readonly Lazy<HanFont?> InstalledFont = new(() => Find(DefaultDirectories()), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The best Han font installed on this machine, or null; found once per process.</summary>
    public static HanFont? Installed => InstalledFont.Value;

    /// <summary>The font directories of Linux, macOS and Windows that exist here, system-wide first.</summary>
    public static IReadOnlyList<string> DefaultDirectories()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var xdgData = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        string?[] candidates =
        [
            "/usr/share/fonts",
            "/usr/local/share/fonts",
            string.IsNullOrEmpty(xdgData) ? null : Path.Combine(xdgData, "fonts"),
            string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".local", "share", "fonts"),
            string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".fonts"),
            "/System/Library/Fonts",
            "/Library/Fonts",
            string.IsNullOrEmpty(home) ? null : Path.Combine(home, "Library", "Fonts"),
            OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.Fonts) : null,
        ];
        return candidates.OfType<string>().Where(d => d.Length > 0 && Directory.Exists(d)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The best Han font among the font files under <paramref name="directories"/>, or null when none has Han.</summary>
    public static HanFont? Find(IEnumerable<string> directories)
    {
        HanFont? best = null;
        foreach (var file in FontFiles(directories))
        {
            for (var index = 0; index < MaxFacesPerFile; index++)
            {
                var typeface = Open(file, index);
                if (typeface is null)
                {
                    break;
                }

                if (!typeface.ContainsGlyphs(HanProbe))
                {
                    typeface.Dispose();
                    continue;
                }

                var candidate = new HanFont(typeface.FamilyName, file, index, typeface.ContainsGlyphs(LatinProbe)) { Typeface = typeface };
                if (best is null || Rank(candidate).CompareTo(Rank(best)) < 0)
                {
                    best?.Typeface.Dispose();
                    best = candidate;
                }
                else
                {
                    typeface.Dispose();
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Lower is better: a font that also draws Latin text first (one font for the whole chart looks right and never
    /// mixes boxes into "2024" or "GDP"), then a preferred sans-serif family; ties keep the first file in path order.
    /// </summary>
    private static (int Latin, int Family) Rank(HanFont font)
    {
        var preferred = Array.FindIndex(Preferred, f => string.Equals(f, font.FamilyName, StringComparison.OrdinalIgnoreCase));
        return (font.CoversLatin ? 0 : 1, preferred < 0 ? Preferred.Length : preferred);
    }

    private static SKTypeface? Open(string file, int index)
    {
        try
        {
            return SKTypeface.FromFile(file, index);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // A font file we cannot read is simply not a candidate.
            return null;
        }
    }

    private static IEnumerable<string> FontFiles(IEnumerable<string> directories)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            MaxRecursionDepth = 8,
            AttributesToSkip = FileAttributes.System,
        };
        var files = new List<string>();
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            var found = Directory.EnumerateFiles(directory, "*", options)
                .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".ttf" or ".otf" or ".ttc" or ".otc")
                .ToList();
            found.Sort(StringComparer.Ordinal);
            files.AddRange(found.Take(MaxFiles - files.Count));
            if (files.Count >= MaxFiles)
            {
                break;
            }
        }

        return files;
    }
}
