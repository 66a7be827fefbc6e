namespace Vigil.Cli.Charts;

/// <summary>The image formats a chart can be written in, chosen by the file extension.</summary>
internal enum ChartFormat
{
    /// <summary>A raster image (.png).</summary>
    Png,

    /// <summary>A vector image (.svg), text kept as text.</summary>
    Svg,
}

/// <summary>A chart written to <see cref="Path"/> (full path), with what may look wrong in it (the command prints these).</summary>
internal sealed record ChartResult(string Path, ChartFormat Format, IReadOnlyList<string> Warnings);
