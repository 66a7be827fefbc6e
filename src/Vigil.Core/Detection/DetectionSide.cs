namespace Vigil.Core.Detection;

/// <summary>Which departures a detector flags.</summary>
public enum DetectionSide
{
    /// <summary>Rises and falls.</summary>
    Both,

    /// <summary>Rises only.</summary>
    Up,

    /// <summary>Falls only.</summary>
    Down,
}

internal static class DetectionSides
{
    public static readonly string[] Names = ["both", "up", "down"];

    public static DetectionSide Parse(string name) => name switch
    {
        "up" => DetectionSide.Up,
        "down" => DetectionSide.Down,
        _ => DetectionSide.Both,
    };

    /// <summary>How far a signed statistic goes in the flagged direction (0 when it goes the other way).</summary>
    public static double Magnitude(double signed, DetectionSide side) => side switch
    {
        DetectionSide.Up => Math.Max(signed, 0),
        DetectionSide.Down => Math.Max(-signed, 0),
        _ => Math.Abs(signed),
    };
}
