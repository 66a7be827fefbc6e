using System.Collections.Concurrent;
using ScottPlot;
using SkiaSharp;

namespace Vigil.Cli.Charts;

/// <summary>
/// Which font draws each piece of text in one chart. When any label has Han characters the Chinese font draws all
/// text (one consistent face), unless that font lacks Latin letters (Droid Sans Fallback), in which case it draws only
/// the texts that have Han and the Latin font draws the rest.
/// </summary>
internal sealed class ChartFonts
{
    /// <summary>The warning the command prints when a chart needs Chinese and the machine has no Chinese font.</summary>
    public const string NoHanFontWarning = "no font with Chinese characters found; install fonts-noto-cjk or fonts-arphic-gbsn00lp";

    /// <summary>Sans-serif Latin faces, best first (Skia's own default here is often a serif face).</summary>
    private static readonly string[] PreferredLatin = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Open Sans"];

    private static readonly Lazy<(string Name, SKTypeface Typeface)> Latin = new(FindLatin, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Han faces by the private name ScottPlot knows them under; read by the one resolver registered below.</summary>
    private static readonly ConcurrentDictionary<string, SKTypeface> HanFaces = new(StringComparer.Ordinal);

    private readonly HanFont? han;
    private readonly string? hanName;
    private readonly bool hanForAll;

    // ScottPlot's resolver list is a plain List read by every render; adding to it once, before any chart of ours is
    // drawn (the static constructor runs before first use), keeps it safe when charts render on several threads.
    static ChartFonts() => Fonts.FontResolvers.Add(new HanFontResolver());

    private ChartFonts(HanFont? han, bool hanForAll)
    {
        this.han = han;
        this.hanForAll = hanForAll;
        hanName = han is null ? null : Register(han);
    }

    /// <summary>
    /// Chooses the fonts for a chart. Each group is the texts drawn in one style (all category labels share the x-axis
    /// tick style, all series names the legend); what may look wrong is added to <paramref name="warnings"/>.
    /// </summary>
    public static ChartFonts Choose(IReadOnlyList<IReadOnlyList<string>> groups, HanFont? han, ICollection<string> warnings)
    {
        var needsHan = groups.Any(g => g.Any(ChartText.ContainsHan));
        if (needsHan && han is null)
        {
            warnings.Add(NoHanFontWarning);
        }

        var fonts = new ChartFonts(needsHan ? han : null, needsHan && han is { CoversLatin: true });
        var missing = new List<string>();
        foreach (var group in groups)
        {
            var typeface = fonts.TypefaceFor(group);
            missing.AddRange(group.Where(t => !typeface.ContainsGlyphs(Visible(t))
                // Without any Chinese font every Han label misses glyphs; the warning above already says what to do.
                && !(needsHan && han is null && ChartText.ContainsHan(t))));
        }

        if (missing.Count > 0)
        {
            warnings.Add($"some characters of {missing.Count} label(s) are not in the chart font and may show as boxes, e.g. '{missing[0]}'");
        }

        return fonts;
    }

    /// <summary>The ScottPlot font name for a group of texts drawn in one style.</summary>
    public string NameFor(IReadOnlyList<string> group) => UsesHan(group) ? hanName! : Latin.Value.Name;

    /// <summary>The ScottPlot font name for one text.</summary>
    public string NameFor(string text) => NameFor([text]);

    /// <summary>The typeface that will draw a group of texts (for measuring them).</summary>
    public SKTypeface TypefaceFor(IReadOnlyList<string> group) => UsesHan(group) ? han!.Typeface : Latin.Value.Typeface;

    /// <summary>The typeface that will draw one text.</summary>
    public SKTypeface TypefaceFor(string text) => TypefaceFor([text]);

    private bool UsesHan(IReadOnlyList<string> group) => han is not null && (hanForAll || group.Any(ChartText.ContainsHan));

    private static string Visible(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>
    /// Makes the font file known to ScottPlot under a name no installed family has, so ScottPlot's own lookup (which
    /// would pick face 0 of a collection, or nothing for a file outside the system directories) never intercepts it.
    /// </summary>
    private static string Register(HanFont font)
    {
        var name = $"vigil-han:{font.Path}#{font.FaceIndex}";
        HanFaces.TryAdd(name, font.Typeface);
        return name;
    }

    private static (string, SKTypeface) FindLatin()
    {
        var installed = new HashSet<string>(SKFontManager.Default.FontFamilies, StringComparer.OrdinalIgnoreCase);
        var name = PreferredLatin.FirstOrDefault(installed.Contains) ?? Fonts.Default;
        return (name, Fonts.GetTypeface(name, bold: false, italic: false));
    }

    /// <summary>Answers ScottPlot's lookups of the registered Han fonts, in every weight and slant (each file gives one face).</summary>
    private sealed class HanFontResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            HanFaces.GetValueOrDefault(fontName);

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => HanFaces.GetValueOrDefault(fontName);
    }
}
