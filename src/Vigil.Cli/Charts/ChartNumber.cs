using System.Globalization;

namespace Vigil.Cli.Charts;

/// <summary>How charts write numbers: invariant culture, at most four significant digits after the point, no exponent.</summary>
internal static class ChartNumber
{
    /// <summary>The text for a finite value ("1234", "12.35", "0.001235"); "–" for NaN (no value).</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "–";
        }

        if (value == 0)
        {
            return "0";
        }

        // Four significant digits, but never fewer than the integer digits: rates per 10,000 are small, counts are whole.
        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var decimals = Math.Clamp(3 - magnitude, 0, 12);
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            return "0";
        }

        return rounded.ToString(decimals == 0 ? "0" : "0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }
}
