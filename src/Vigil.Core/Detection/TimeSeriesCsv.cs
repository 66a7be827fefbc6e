using System.Globalization;
using System.Text;

namespace Vigil.Core.Detection;

/// <summary>A row of a series file that could not be read, and why.</summary>
/// <param name="Row">1-based line number in the file (the header is line 1).</param>
public sealed record SeriesRowProblem(int Row, string Message);

/// <summary>The points read from a series file, and the rows that were skipped.</summary>
public sealed record SeriesFile(IReadOnlyList<SeriesPoint> Points, IReadOnlyList<SeriesRowProblem> Problems);

/// <summary>
/// Reads <c>timestamp,value</c> files — the Numenta Anomaly Benchmark format — leniently where it is safe and strictly
/// where a guess could change a number. Tolerated: a UTF-8/UTF-16 byte-order mark, blank lines, spaces around fields,
/// double-quoted fields, a header in any case (the <c>timestamp</c> and <c>value</c> columns are found by name, other
/// columns ignored; without those names the first two columns are used), no header at all, and a tab or semicolon
/// instead of the comma. Timestamps are ISO 8601 dates or date-times, with a space or a <c>T</c>, optional seconds and
/// fractions, and an optional zone (<c>Z</c> or <c>±hh:mm</c>); without a zone they are read as UTC. Each bad row —
/// a missing field, an unreadable timestamp or value, NaN or infinity, a timestamp earlier than the previous row's —
/// is reported with its line number and skipped; the rest are read.
/// </summary>
public static class TimeSeriesCsv
{
    private static readonly string[] Formats = BuildFormats();

    /// <summary>Reads a file (see the type remarks). I/O failures throw; bad content never does.</summary>
    /// <param name="keepFileOrder">
    /// False (default): a row whose timestamp is earlier than the previous row's is reported and skipped. True: rows are
    /// kept in file order whatever their timestamps (a benchmark is replayed exactly as published).
    /// </param>
    public static SeriesFile Read(string path, bool keepFileOrder = false)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, keepFileOrder);
    }

    /// <summary>Reads from a stream (UTF-8 unless a byte-order mark says otherwise).</summary>
    public static SeriesFile Read(Stream stream, bool keepFileOrder = false)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return Read(reader, keepFileOrder);
    }

    /// <summary>Reads from text.</summary>
    public static SeriesFile Read(TextReader reader, bool keepFileOrder = false)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var points = new List<SeriesPoint>();
        var problems = new List<SeriesRowProblem>();
        char? delimiter = null;
        int timeColumn = 0, valueColumn = 1;
        var sawFirst = false;
        var previousRow = 0;
        var row = 0;
        while (reader.ReadLine() is { } line)
        {
            row++;
            if (row == 1 && line.Length > 0 && line[0] == '\uFEFF')
            {
                line = line[1..];
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            delimiter ??= line.Contains(',', StringComparison.Ordinal) ? ',' : line.Contains('\t', StringComparison.Ordinal) ? '\t' : line.Contains(';', StringComparison.Ordinal) ? ';' : ',';
            var fields = Split(line, delimiter.Value);
            if (!sawFirst)
            {
                sawFirst = true;
                if (!TryParseTimestamp(fields[0], out _))
                {
                    // A header: find the columns by name; otherwise the first two columns.
                    var names = fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
                    var t = names.FindIndex(n => n is "timestamp" or "time" or "date" or "datetime");
                    var v = names.FindIndex(n => n == "value");
                    timeColumn = t >= 0 ? t : 0;
                    valueColumn = v >= 0 ? v : timeColumn == 0 ? 1 : 0;
                    continue;
                }
            }

            var needed = Math.Max(timeColumn, valueColumn) + 1;
            if (fields.Count < needed)
            {
                problems.Add(new SeriesRowProblem(row, $"has {fields.Count} field(s); expected timestamp and value separated by '{Show(delimiter.Value)}'"));
                continue;
            }

            var timeText = fields[timeColumn].Trim();
            if (!TryParseTimestamp(timeText, out var timestamp))
            {
                problems.Add(new SeriesRowProblem(row, $"timestamp '{Clip(timeText)}' is not an ISO 8601 date or date-time (e.g. 2014-04-10 16:15:00 or 2014-04-10T16:15:00Z)"));
                continue;
            }

            var valueText = fields[valueColumn].Trim();
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                problems.Add(new SeriesRowProblem(row, valueText.Length == 0 ? "value is empty" : $"value '{Clip(valueText)}' is not a finite number (use a point as decimal separator, e.g. 12.5)"));
                continue;
            }

            if (!keepFileOrder && points.Count > 0 && timestamp < points[^1].Timestamp)
            {
                problems.Add(new SeriesRowProblem(row, $"timestamp {Format(timestamp)} is earlier than row {previousRow}'s ({Format(points[^1].Timestamp)}); rows must be in time order"));
                continue;
            }

            points.Add(new SeriesPoint(timestamp, value));
            previousRow = row;
        }

        return new SeriesFile(points, problems);
    }

    /// <summary>Parses an ISO 8601 date or date-time as <see cref="Read(TextReader, bool)"/> does (UTC when no zone is given).</summary>
    public static bool TryParseTimestamp(string text, out DateTimeOffset timestamp) =>
        DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp);

    /// <summary>A timestamp as ISO 8601: <c>2014-04-10T16:15:00Z</c> in UTC, else with its offset; fractions only when present.</summary>
    public static string Format(DateTimeOffset timestamp)
    {
        var pattern = timestamp.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF";
        return timestamp.Offset == TimeSpan.Zero
            ? timestamp.UtcDateTime.ToString(pattern, CultureInfo.InvariantCulture) + "Z"
            : timestamp.ToString(pattern + "zzz", CultureInfo.InvariantCulture);
    }

    private static string[] BuildFormats()
    {
        var formats = new List<string> { "yyyy-MM-dd" };
        foreach (var separator in new[] { " ", "'T'" })
        {
            foreach (var time in new[] { "HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF" })
            {
                foreach (var zone in new[] { "", "Z", "'Z'", "zzz", " zzz" })
                {
                    formats.Add($"yyyy-MM-dd{separator}{time}{zone}");
                }
            }
        }

        return [.. formats];
    }

    private static List<string> Split(string line, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.ToString().Trim().Length == 0)
            {
                quoted = true;
                field.Clear();
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static string Show(char delimiter) => delimiter == '\t' ? "tab" : delimiter.ToString();

    private static string Clip(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
