using ScottPlot;

namespace Vigil.Cli.Charts;

/// <summary>Writes a <see cref="ChartSpec"/> as a PNG or SVG file.</summary>
/// <remarks>
/// Errors the command line should report: <see cref="ArgumentException"/> (unknown extension, size out of range, a
/// malformed spec) → exit 1; <see cref="IOException"/> (missing directory, path is a directory, disk full) or
/// <see cref="UnauthorizedAccessException"/> → exit 3. Their messages name the file and say what to do.
/// </remarks>
internal static class ChartWriter
{
    public const int MinSize = 200;
    public const int MaxSize = 8000;

    /// <summary>
    /// Renders the chart and writes it to <paramref name="path"/>; the extension (.png or .svg) picks the format. The
    /// whole image is rendered in memory first, then written to a temporary file beside the target and moved over it, so
    /// a failure never leaves a partial file. The directory must exist (it is not created).
    /// </summary>
    /// <returns>The full path, the format, and warnings to print (e.g. no Chinese font installed).</returns>
    public static ChartResult Write(ChartSpec spec, string path, int width = 1000, int height = 560) =>
        Write(spec, path, width, height, HanFontLocator.Installed);

    /// <summary><see cref="Write(ChartSpec,string,int,int)"/> with the Chinese font given (tests use null for "none installed").</summary>
    internal static ChartResult Write(ChartSpec spec, string path, int width, int height, HanFont? hanFont)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var format = FormatOf(path);
        if (width is < MinSize or > MaxSize || height is < MinSize or > MaxSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(width), $"chart size {width}×{height} is out of range; width and height must be {MinSize} to {MaxSize} pixels.");
        }

        spec.Validate();
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"cannot write chart '{path}': directory '{directory}' does not exist; create it first.");
        }

        if (Directory.Exists(full))
        {
            throw new IOException($"cannot write chart '{path}': it is a directory; give a file name ending in .png or .svg.");
        }

        var warnings = new List<string>();
        var bytes = Render(spec, format, width, height, hanFont, warnings);
        WriteAtomically(full, bytes);
        return new ChartResult(full, format, warnings);
    }

    /// <summary>The format for a file name: .png or .svg (any case); anything else is an <see cref="ArgumentException"/>.</summary>
    public static ChartFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => ChartFormat.Png,
        ".svg" => ChartFormat.Svg,
        _ => throw new ArgumentException($"cannot write chart '{path}': the file name must end in .png or .svg.", nameof(path)),
    };

    /// <summary>The image bytes of a chart (no file is touched).</summary>
    internal static byte[] Render(ChartSpec spec, ChartFormat format, int width, int height, HanFont? hanFont, ICollection<string> warnings)
    {
        using var plot = ChartPlot.Build(spec, hanFont, width, height, warnings);
        return format == ChartFormat.Svg
            ? SvgCanonicalizer.Canonicalize(plot.GetSvgXml(width, height), ChartText.Clean(spec.Title))
            : plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        // The temporary file sits in the target directory so the final move is a rename on the same file system.
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
