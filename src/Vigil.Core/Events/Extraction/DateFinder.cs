using System.Text.RegularExpressions;
using Vigil.Core.Documents;

namespace Vigil.Core.Events.Extraction;

/// <summary>A date expression found in folded text: the date, or only a month and day when no year is written.</summary>
/// <param name="Start">Offset in the searched text.</param>
/// <param name="Length">Length of the expression.</param>
/// <param name="Year">The year, or null for "3月22日" / "October 6".</param>
public readonly record struct DateMention(int Start, int Length, int? Year, int? Month, int? Day)
{
    /// <summary>The date, completed with <paramref name="year"/> when the expression has none; null if not a real date.</summary>
    public PartialDate? ToDate(int? year = null)
    {
        var y = Year ?? year;
        if (y is null or < 1000 or > 9999)
        {
            return null;
        }

        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var text = Month is null ? string.Create(inv, $"{y:D4}")
            : Day is null ? string.Create(inv, $"{y:D4}-{Month:D2}") : string.Create(inv, $"{y:D4}-{Month:D2}-{Day:D2}");
        return PartialDate.TryParse(text, out var date) ? date : null;
    }
}

/// <summary>
/// Finds explicit dates in folded (lower-case, simplified) text: 2023年5月, 2024年10月6日, 二〇二三年, 3月22日;
/// "22 March 2021", "March 22, 2021", "in March 2022", "in 2017", "October 6". Relative dates
/// (今年, last month, on Monday) are not dates: the caller falls back to the document's date.
/// </summary>
public static partial class DateFinder
{
    private const string Months = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";

    // Longer forms first, so "22 March 2021" wins over "March 2021" at the same place.
    [GeneratedRegex(@"(?<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?:(?<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月\s*(?:(?<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号])?)?", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseDate();

    [GeneratedRegex(@"(?<![\d年])(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*[日号]", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseMonthDay();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<mon>" + Months + @")\.?,?\s+(?<y>\d{4})\b"
        + @"|\b(?<mon>" + Months + @")\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})\b"
        + @"|\b(?<mon>" + Months + @")\.?,?\s+(?:of\s+)?(?<y>\d{4})\b"
        + @"|\b(?:in|since|during|early|late|mid-?|by|from|until|of|spring|summer|autumn|fall|winter)\s+(?<y>(?:19|20)\d{2})\b(?!\s*(?:police|officers|people|chinese|members|\d))"
        + @"|^(?<y>(?:19|20)\d{2}),"
        + @"|\b(?:on\s+)?(?<mon>" + Months + @")\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d)"
        + @"|\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<mon>" + Months + @")\b(?!\.?,?\s*(?:of\s+)?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishDate();

    /// <summary>Every date expression in <paramref name="folded"/>, in text order, none overlapping.</summary>
    public static IReadOnlyList<DateMention> Find(string folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        var found = new List<DateMention>();
        foreach (Match m in ChineseDate().Matches(folded))
        {
            if (NumeralParser.TryParse(m.Groups["y"].Value, out var y))
            {
                found.Add(new DateMention(m.Index, m.Length, (int)y, Number(m.Groups["m"]), Number(m.Groups["d"])));
            }
        }

        foreach (Match m in ChineseMonthDay().Matches(folded))
        {
            found.Add(new DateMention(m.Index, m.Length, null, Number(m.Groups["m"]), Number(m.Groups["d"])));
        }

        foreach (Match m in EnglishDate().Matches(folded))
        {
            // "may" is a month only with a day or a year beside it, which every pattern above requires.
            int? year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
            int? month = m.Groups["mon"].Success ? MonthNumber(m.Groups["mon"].Value) : null;
            var start = m.Index;
            var length = m.Length;
            if (m.Value.StartsWith("on ", StringComparison.Ordinal))
            {
                start += 3;
                length -= 3;
            }
            else if (!m.Groups["mon"].Success && m.Groups["y"].Success && m.Groups["y"].Index > m.Index)
            {
                // "in 2017": the date is the year, not the preposition.
                start = m.Groups["y"].Index;
                length = m.Groups["y"].Length;
            }
            else if (m.Value.EndsWith(',') && !m.Groups["mon"].Success)
            {
                length--;
            }

            found.Add(new DateMention(start, length, year, month, Number(m.Groups["d"])));
        }

        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var result = new List<DateMention>();
        foreach (var d in found)
        {
            if (result.Count == 0 || d.Start >= result[^1].Start + result[^1].Length)
            {
                result.Add(d);
            }
        }

        return result;
    }

    private static int? Number(Group g) => g.Success && NumeralParser.TryParse(g.Value, out var v) && v is > 0 and < 100 ? (int)v : null;

    private static int MonthNumber(string name) => name[..3] switch
    {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        _ => 12,
    };
}
