using System.Globalization;
using Vigil.Core.Documents;

namespace Vigil.Core.Events.Import;

/// <summary>How dataset fields are read: dates, numbers and lists. Each reader says what it could not read.</summary>
public static class EventFieldReader
{
    /// <summary>
    /// Two-digit years (<c>dd.mm.yy</c>) follow the POSIX <c>strptime %y</c> convention: 00–68 are 2000–2068,
    /// 69–99 are 1969–1999.
    /// </summary>
    public const int TwoDigitYearPivot = 69;

    /// <summary>
    /// Reads a date: <c>YYYY</c>, <c>YYYY-MM</c>, <c>YYYY-MM-DD</c>, <c>dd.mm.yyyy</c>, <c>dd.mm.yy</c> (also with one-digit
    /// day or month) or <c>mm.yyyy</c>. Empty is unknown without an issue; anything else unreadable is unknown with
    /// an issue naming the value.
    /// </summary>
    public static (EventDate Date, string? Issue) Date(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (EventDate.Unknown, null);
        }

        var value = text.Trim();
        if (PartialDate.TryParse(value, out var iso))
        {
            return (new EventDate(iso), null);
        }

        var parts = value.Split('.');
        if (parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
        {
            if (parts.Length == 3 && parts[0].Length <= 2 && parts[1].Length <= 2 && parts[2].Length is 2 or 4)
            {
                var day = int.Parse(parts[0], CultureInfo.InvariantCulture);
                var month = int.Parse(parts[1], CultureInfo.InvariantCulture);
                var year = int.Parse(parts[2], CultureInfo.InvariantCulture);
                if (parts[2].Length == 2)
                {
                    year += year < TwoDigitYearPivot ? 2000 : 1900;
                }

                if (year >= 1000 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
                {
                    return (new EventDate(new PartialDate(year, month, day)), null);
                }

                return (EventDate.Unknown, $"{what} '{value}' is not a calendar date (day.month.year); kept as unknown");
            }

            if (parts.Length == 2 && parts[0].Length <= 2 && parts[1].Length == 4)
            {
                var month = int.Parse(parts[0], CultureInfo.InvariantCulture);
                var year = int.Parse(parts[1], CultureInfo.InvariantCulture);
                if (year >= 1000 && month is >= 1 and <= 12)
                {
                    return (new EventDate(new PartialDate(year, month, null)), null);
                }
            }
        }

        return (EventDate.Unknown, $"{what} '{value}' is not a date (use dd.mm.yyyy, dd.mm.yy or YYYY[-MM[-DD]]); kept as unknown");
    }

    /// <summary>
    /// Reads a number: invariant digits with an optional sign and decimal point; thousands separated by commas,
    /// spaces or underscores ("20,000", "20 000") are accepted.
    /// </summary>
    public static bool TryNumber(string? text, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var cleaned = text.Trim().Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)
            .Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
        return double.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>Splits a list field on ';', '；', '、' and '|' (not on ',', which occurs inside names), trimming and dropping empties.</summary>
    public static IReadOnlyList<string> List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split([';', '；', '、', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Splits a list of identifiers (countries, domains) on ',' as well.</summary>
    public static IReadOnlyList<string> Codes(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split([';', '；', '、', '|', ',', '，'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
