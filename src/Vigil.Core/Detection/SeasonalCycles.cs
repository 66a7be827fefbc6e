using System.Globalization;

namespace Vigil.Core.Detection;

/// <summary>A calendar cycle a series may repeat on, in points.</summary>
/// <param name="Period">Points per cycle.</param>
/// <param name="Cycle">"daily", "weekly", "yearly"...</param>
public sealed record SeasonalCycle(int Period, string Cycle);

/// <summary>
/// Infers the time step of a series from its timestamps, and the calendar cycles worth testing for that step: a
/// sub-daily step gives daily and weekly cycles (hourly data: 24 and 168 points), a daily step a weekly cycle (7),
/// a weekly step a yearly one (52), a monthly step a yearly one (12), a quarterly step a yearly one (4).
/// </summary>
public static class SeasonalCycles
{
    /// <summary>The median spacing of consecutive timestamps (zero spacings from repeated timestamps are skipped); null with fewer than two distinct times.</summary>
    public static TimeSpan? Step(IEnumerable<DateTimeOffset> timestamps)
    {
        var gaps = new List<long>();
        DateTimeOffset? previous = null;
        foreach (var t in timestamps)
        {
            if (previous is { } p && t > p)
            {
                gaps.Add((t - p).Ticks);
            }

            previous = t;
        }

        if (gaps.Count == 0)
        {
            return null;
        }

        gaps.Sort();
        return TimeSpan.FromTicks(gaps[(gaps.Count - 1) / 2]);
    }

    /// <summary>The calendar cycles for a step, most natural first; empty when none fits (e.g. yearly data).</summary>
    public static IReadOnlyList<SeasonalCycle> For(TimeSpan step)
    {
        var day = TimeSpan.FromDays(1);
        var cycles = new List<SeasonalCycle>();
        if (step <= TimeSpan.Zero)
        {
            return cycles;
        }

        if (step < TimeSpan.FromHours(20))
        {
            var perDay = (int)Math.Round(day / step);
            if (perDay >= 2)
            {
                cycles.Add(new SeasonalCycle(perDay, "daily"));
                cycles.Add(new SeasonalCycle(perDay * 7, "weekly"));
            }
        }
        else if (step <= TimeSpan.FromHours(28))
        {
            cycles.Add(new SeasonalCycle(7, "weekly"));
        }
        else if (step >= TimeSpan.FromDays(6) && step <= TimeSpan.FromDays(8))
        {
            cycles.Add(new SeasonalCycle(52, "yearly"));
        }
        else if (step >= TimeSpan.FromDays(28) && step <= TimeSpan.FromDays(31))
        {
            cycles.Add(new SeasonalCycle(12, "yearly"));
        }
        else if (step >= TimeSpan.FromDays(89) && step <= TimeSpan.FromDays(92))
        {
            cycles.Add(new SeasonalCycle(4, "yearly"));
        }

        return cycles;
    }

    /// <summary>The step in words ("5 minutes", "1 hour", "1 day").</summary>
    public static string Describe(TimeSpan step)
    {
        static string Plural(double n, string unit) => $"{n.ToString("0.##", CultureInfo.InvariantCulture)} {unit}{(n == 1 ? "" : "s")}";
        return step.TotalDays >= 1 ? Plural(step.TotalDays, "day")
            : step.TotalHours >= 1 ? Plural(step.TotalHours, "hour")
            : step.TotalMinutes >= 1 ? Plural(step.TotalMinutes, "minute")
            : Plural(step.TotalSeconds, "second");
    }

    /// <summary>Sample autocorrelation of <paramref name="values"/> at <paramref name="lag"/> (NaN when undefined).</summary>
    public static double Autocorrelation(IReadOnlyList<double> values, int lag)
    {
        var n = values.Count;
        if (lag <= 0 || lag >= n)
        {
            return double.NaN;
        }

        var mean = values.Average();
        double numerator = 0, denominator = 0;
        for (var i = 0; i < n; i++)
        {
            var d = values[i] - mean;
            denominator += d * d;
            if (i + lag < n)
            {
                numerator += d * (values[i + lag] - mean);
            }
        }

        return denominator == 0 ? double.NaN : numerator / denominator;
    }
}
