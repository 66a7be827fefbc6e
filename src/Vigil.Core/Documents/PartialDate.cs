using System.Globalization;

namespace Vigil.Core.Documents;

/// <summary>A date known to year, month or day precision (YYYY, YYYY-MM, YYYY-MM-DD).</summary>
public readonly record struct PartialDate(int Year, int? Month, int? Day)
{
    /// <summary>"year", "month" or "day".</summary>
    public string Precision => Day is not null ? "day" : Month is not null ? "month" : "year";

    /// <summary>The first day the date can mean.</summary>
    public DateOnly First => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>The last day the date can mean.</summary>
    public DateOnly Last => Day is not null ? First : Month is not null ? First.AddMonths(1).AddDays(-1) : new DateOnly(Year, 12, 31);

    public override string ToString() => Day is not null
        ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}")
        : Month is not null ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}") : Year.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Parses YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date, year 1000–9999).</summary>
    public static bool TryParse(string? text, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('-');
        if (parts.Length > 3 || parts[0].Length != 4 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1000)
        {
            return false;
        }

        int? month = null, day = null;
        if (parts.Length >= 2)
        {
            if (parts[1].Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m is < 1 or > 12)
            {
                return false;
            }

            month = m;
        }

        if (parts.Length == 3)
        {
            if (parts[2].Length != 2 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d < 1 || d > DateTime.DaysInMonth(year, month!.Value))
            {
                return false;
            }

            day = d;
        }

        date = new PartialDate(year, month, day);
        return true;
    }

    /// <summary>Parses or explains what a valid value looks like.</summary>
    public static PartialDate Parse(string text, string what) =>
        TryParse(text, out var date) ? date : throw new FormatException($"{what} '{text}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022-10-16).");
}
