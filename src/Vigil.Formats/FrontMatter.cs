using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Formats;

/// <summary>
/// A "---" delimited block of <c>key: value</c> lines at the very start of a text or Markdown file.
/// Only flat keys are understood; anything that is not a key line, a comment, an indented or list
/// continuation means the "---" was a horizontal rule, not front matter.
/// </summary>
internal sealed partial class FrontMatter
{
    private FrontMatter(string body, string? title, string? date, string? source, Dictionary<string, string> metadata, List<string> warnings)
    {
        Body = body;
        Title = title;
        Date = date;
        Source = source;
        Metadata = metadata;
        Warnings = warnings;
    }

    /// <summary>The text after the closing delimiter line, verbatim (the whole text when there is no front matter).</summary>
    public string Body { get; }

    public string? Title { get; }

    /// <summary>YYYY, YYYY-MM or YYYY-MM-DD, or null when absent or unusable.</summary>
    public string? Date { get; }

    public string? Source { get; }

    public Dictionary<string, string> Metadata { get; }

    public List<string> Warnings { get; }

    public static FrontMatter Read(string text)
    {
        var none = new FrontMatter(text, null, null, null, [], []);
        var firstEnd = LineEnd(text, 0, out var firstNext);
        if (text.AsSpan(0, firstEnd).TrimEnd() is not "---")
        {
            return none;
        }

        var pairs = new List<(string Key, string Value)>();
        var position = firstNext;
        while (position < text.Length)
        {
            var end = LineEnd(text, position, out var next);
            var line = text[position..end];
            var trimmed = line.TrimEnd();
            if (trimmed is "---" or "...")
            {
                return Build(text[next..], pairs);
            }

            if (trimmed.Length == 0 || trimmed.StartsWith('#') || char.IsWhiteSpace(line[0]) || trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                position = next;
                continue;
            }

            var match = KeyLine().Match(trimmed);
            if (!match.Success)
            {
                return none;
            }

            pairs.Add((match.Groups["key"].Value.ToLowerInvariant(), Unquote(match.Groups["value"].Value.Trim())));
            position = next;
        }

        return none; // no closing delimiter: the "---" was a rule in the text
    }

    private static FrontMatter Build(string body, List<(string Key, string Value)> pairs)
    {
        string? title = null, date = null, source = null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var warnings = new List<string>();
        foreach (var (key, value) in pairs)
        {
            switch (key)
            {
                case "title":
                    title = value.Length == 0 ? null : value;
                    break;
                case "date":
                    date = NormalizeDate(value);
                    if (date is null && value.Length > 0)
                    {
                        warnings.Add($"front matter date '{value}' is not YYYY, YYYY-MM or YYYY-MM-DD; no date recorded");
                    }

                    break;
                case "source":
                    source = value.Length == 0 ? null : value;
                    break;
                default:
                    if (value.Length > 0)
                    {
                        metadata[key] = value;
                    }

                    break;
            }
        }

        return new FrontMatter(body, title, date, source, metadata, warnings);
    }

    /// <summary>Accepts YYYY, YYYY-MM, YYYY-MM-DD, and a YYYY-MM-DD date followed by a time (truncated to the date).</summary>
    internal static string? NormalizeDate(string value)
    {
        var match = DateValue().Match(value);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year < 1)
        {
            return null;
        }

        if (!match.Groups["m"].Success)
        {
            return match.Groups["y"].Value;
        }

        var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            return null;
        }

        if (!match.Groups["d"].Success)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}");
        }

        var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}");
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    /// <summary>Index where the line starting at <paramref name="start"/> ends (before CR/LF) and where the next begins.</summary>
    private static int LineEnd(string text, int start, out int next)
    {
        var newline = text.IndexOf('\n', start);
        if (newline < 0)
        {
            next = text.Length;
            return text.Length;
        }

        next = newline + 1;
        return newline > start && text[newline - 1] == '\r' ? newline - 1 : newline;
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_.\-]*)\s*:(?<value>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyLine();

    // The optional tail admits "2022-10-16T08:00" and "2022-10-16 08:00:00+08:00", which are truncated to the date.
    [GeneratedRegex(@"^(?<y>\d{4})(?:-(?<m>\d{2})(?:-(?<d>\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+\-]\d{2}:?\d{2})?)?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateValue();
}
