using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Core.Indicators;

/// <summary>One row of an imported series, as stored in the data directory.</summary>
/// <param name="Period">The period key the row falls in.</param>
/// <param name="Timestamp">The timestamp as written in the file.</param>
/// <param name="Line">The row's line in the file (1-based), for messages.</param>
public sealed record ImportedPoint(string Period, DateOnly Start, string Timestamp, double Value, int Line);

/// <summary>The result of reading a series file: the points, or every problem found (each names the line).</summary>
public sealed record ImportedSeriesResult(IReadOnlyList<ImportedPoint> Points, string Sha256, IReadOnlyList<string> Errors);

/// <summary>
/// Reads <c>timestamp,value</c> CSV files (the Numenta Anomaly Benchmark layout; a header row is optional).
/// A timestamp is YYYY, YYYY-MM, YYYY-MM-DD or a date and time ("2014-04-01 00:05:00", ISO 8601 with T and an
/// optional Z or offset, converted to UTC); only its date is used. Each row must fall in its own period of the
/// indicator: a series is not summed or averaged on import. A file with any bad row is refused whole, with every
/// bad row named, so an imported series never has silent holes.
/// </summary>
public static class ImportedSeries
{
    /// <summary>Largest file read (64 MiB).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Most rows a series may have.</summary>
    public const int MaxRows = 1_000_000;

    private const int MaxErrors = 20;

    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
    ];

    /// <summary>Reads a file (UTF-8, with or without BOM).</summary>
    public static ImportedSeriesResult Read(string path, IndicatorPeriod period)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return new([], "", [$"{path}: file not found"]);
        }

        if (info.Length > MaxBytes)
        {
            return new([], "", [$"{path}: {info.Length:N0} bytes is more than the {MaxBytes / 1024 / 1024} MiB a series file may have"]);
        }

        var bytes = File.ReadAllBytes(path);
        return Parse(bytes, path, period);
    }

    /// <summary>Parses the bytes of a series file; <paramref name="file"/> is used in messages.</summary>
    public static ImportedSeriesResult Parse(byte[] bytes, string file, IndicatorPeriod period)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new([], sha, [$"{file}: not UTF-8 text; save it as UTF-8 CSV (timestamp,value)"]);
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var errors = new List<string>();
        var points = new List<ImportedPoint>();
        var byPeriod = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var lineNo = i + 1;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (points.Count == 0 && byPeriod.Count == 0 && errors.Count == 0 && IsHeader(fields))
            {
                continue;
            }

            if (points.Count >= MaxRows)
            {
                errors.Add($"{file}: more than {MaxRows:N0} rows; split the series");
                break;
            }

            if (fields.Length != 2)
            {
                Add(errors, $"{file} line {lineNo}: expected 2 fields (timestamp,value), found {fields.Length}");
                continue;
            }

            var stamp = Unquote(fields[0]);
            var valueText = Unquote(fields[1]);
            if (!TryParseDate(stamp, period, out var start))
            {
                Add(errors, $"{file} line {lineNo}: timestamp '{Shorten(stamp)}' is not a date (use YYYY-MM-DD, 'YYYY-MM-DD hh:mm:ss' or ISO 8601; YYYY-MM or YYYY for monthly or yearly series)");
                continue;
            }

            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || Math.Abs(value) > 1e15)
            {
                Add(errors, $"{file} line {lineNo}: value '{Shorten(valueText)}' is not a finite number (use a dot for decimals, no thousands separators)");
                continue;
            }

            var key = Periods.KeyOf(period, start);
            if (byPeriod.TryGetValue(key, out var earlier))
            {
                Add(errors, $"{file} line {lineNo}: falls in the same {PeriodNames.Of(period)} ({key}) as line {earlier}; give one row per period or use a shorter --period");
                continue;
            }

            byPeriod[key] = lineNo;
            points.Add(new ImportedPoint(key, start, stamp, value, lineNo));
        }

        if (errors.Count == 0 && points.Count == 0)
        {
            errors.Add($"{file}: no rows; the file needs lines of timestamp,value");
        }

        points.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new ImportedSeriesResult(errors.Count > 0 ? [] : points, sha, errors);
    }

    /// <summary>
    /// Rebuilds the rows of an imported series from (timestamp, value) pairs, e.g. from an export file, with the same
    /// checks as a CSV file; <paramref name="where"/> names the source in messages.
    /// </summary>
    public static (IReadOnlyList<ImportedPoint> Points, IReadOnlyList<string> Errors) FromRows(IEnumerable<(string Timestamp, double Value)> rows, IndicatorPeriod period, string where)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new List<string>();
        var points = new List<ImportedPoint>();
        var byPeriod = new Dictionary<string, int>(StringComparer.Ordinal);
        var row = 0;
        foreach (var (stamp, value) in rows)
        {
            row++;
            if (!TryParseDate(stamp ?? "", period, out var start))
            {
                Add(errors, $"{where} row {row}: timestamp '{Shorten(stamp ?? "")}' is not a date for a {PeriodNames.Of(period)}ly series");
                continue;
            }

            if (!double.IsFinite(value) || Math.Abs(value) > 1e15)
            {
                Add(errors, $"{where} row {row}: value is not a finite number");
                continue;
            }

            var key = Periods.KeyOf(period, start);
            if (!byPeriod.TryAdd(key, row))
            {
                Add(errors, $"{where} row {row}: falls in the same {PeriodNames.Of(period)} ({key}) as row {byPeriod[key]}");
                continue;
            }

            points.Add(new ImportedPoint(key, start, stamp!, value, row));
        }

        points.Sort((a, b) => a.Start.CompareTo(b.Start));
        return (errors.Count > 0 ? [] : points, errors);
    }

    private static void Add(List<string> errors, string message)
    {
        if (errors.Count < MaxErrors)
        {
            errors.Add(message);
        }
        else if (errors.Count == MaxErrors)
        {
            errors.Add("(further errors not shown)");
        }
    }

    private static bool IsHeader(string[] fields) =>
        fields.Length == 2 && !double.TryParse(Unquote(fields[1]), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        && !char.IsAsciiDigit(Unquote(fields[0]).FirstOrDefault());

    private static string Unquote(string field)
    {
        var f = field.Trim();
        return f.Length >= 2 && f[0] == '"' && f[^1] == '"' ? f[1..^1].Trim() : f;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>The period start of a timestamp; a YYYY or YYYY-MM timestamp is accepted only where the period is that coarse.</summary>
    internal static bool TryParseDate(string text, IndicatorPeriod period, out DateOnly start)
    {
        start = default;
        if (Documents.PartialDate.TryParse(text, out var partial))
        {
            var precise = period switch
            {
                IndicatorPeriod.Year => true,
                IndicatorPeriod.Month => partial.Month is not null,
                _ => partial.Day is not null,
            };
            if (!precise)
            {
                return false;
            }

            start = Periods.StartOf(period, partial.First);
            return true;
        }

        if (text.Length is < 16 or > 40)
        {
            return false;
        }

        if (DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var stamp))
        {
            start = Periods.StartOf(period, DateOnly.FromDateTime(stamp.UtcDateTime));
            return true;
        }

        return false;
    }
}
