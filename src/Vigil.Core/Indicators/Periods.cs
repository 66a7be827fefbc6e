using System.Globalization;
using Vigil.Core.Documents;

namespace Vigil.Core.Indicators;

/// <summary>
/// Period keys and their first days: day 2024-03-05, week 2024-W09 (ISO 8601), month 2024-03, year 2024. Keys of one
/// period kind sort in time order as ordinal strings.
/// </summary>
public static class Periods
{
    /// <summary>The key of the period holding <paramref name="day"/>.</summary>
    public static string KeyOf(IndicatorPeriod period, DateOnly day) => period switch
    {
        IndicatorPeriod.Day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IndicatorPeriod.Week => string.Create(CultureInfo.InvariantCulture,
            $"{ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue)):D4}-W{ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)):D2}"),
        IndicatorPeriod.Month => day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => day.Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    /// <summary>The first day of the period holding <paramref name="day"/>.</summary>
    public static DateOnly StartOf(IndicatorPeriod period, DateOnly day) => period switch
    {
        IndicatorPeriod.Day => day,
        IndicatorPeriod.Week => DateOnly.FromDateTime(ISOWeek.ToDateTime(ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue)),
            ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)), DayOfWeek.Monday)),
        IndicatorPeriod.Month => new DateOnly(day.Year, day.Month, 1),
        _ => new DateOnly(day.Year, 1, 1),
    };

    /// <summary>The first day of the next period.</summary>
    public static DateOnly Next(IndicatorPeriod period, DateOnly start) => period switch
    {
        IndicatorPeriod.Day => start.AddDays(1),
        IndicatorPeriod.Week => start.AddDays(7),
        IndicatorPeriod.Month => start.AddMonths(1),
        _ => start.AddYears(1),
    };

    /// <summary>The first day of every period from the one holding <paramref name="first"/> to the one holding <paramref name="last"/>.</summary>
    public static IEnumerable<DateOnly> Range(IndicatorPeriod period, DateOnly first, DateOnly last)
    {
        var end = StartOf(period, last);
        for (var start = StartOf(period, first); start <= end; start = Next(period, start))
        {
            yield return start;
        }
    }

    /// <summary>
    /// The period of a document date (YYYY, YYYY-MM or YYYY-MM-DD), or null when the date is not precise enough for
    /// the period (a date known only to the month has no day or week; a year-only date has no month).
    /// </summary>
    public static DateOnly? StartOfDocumentDate(IndicatorPeriod period, string? date)
    {
        if (!PartialDate.TryParse(date, out var d))
        {
            return null;
        }

        var precise = period switch
        {
            IndicatorPeriod.Year => true,
            IndicatorPeriod.Month => d.Month is not null,
            _ => d.Day is not null,
        };
        return precise ? StartOf(period, d.First) : null;
    }

    /// <summary>The period start as a UTC timestamp (midnight).</summary>
    public static DateTimeOffset ToTimestamp(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
