using System.Text;
using CsvHelper;
using Vigil.Core.Geo;

namespace Vigil.Core.Events.Import;

/// <summary>A row and what is wrong with it (flagged: imported with fields unknown; rejected: not imported).</summary>
public sealed record ImportRowIssue(int Row, string Message);

/// <summary>Options of an import.</summary>
public sealed record EventImportOptions
{
    /// <summary>The field delimiter (',' by default; ';', tab and '|' are the others files use).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The status of new events (a row's own status column, where the format has one, wins).</summary>
    public EventStatus Status { get; init; } = EventStatus.Confirmed;

    /// <summary>The largest record read, in bytes: beyond it the file is taken to have an unclosed quote and reading stops.</summary>
    public int MaxRecordBytes { get; init; } = 16 * 1024 * 1024;
}

/// <summary>
/// What an import did. Accounting: every data row counts once, in <see cref="Imported"/>, <see cref="Updated"/>,
/// <see cref="Unchanged"/>, <see cref="Merged"/> (a later row of an event an earlier row of the file already gave)
/// or <see cref="Rejected"/>; so Rows = Imported + Updated + Unchanged + Merged + Rejected.Count. Flagged rows are
/// counted in one of the first four and also listed in <see cref="Flagged"/>.
/// </summary>
public sealed record EventImportReport
{
    /// <summary>The file as given.</summary>
    public required string File { get; init; }

    public required string Format { get; init; }

    /// <summary>Data rows read (the header is not counted).</summary>
    public int Rows { get; init; }

    /// <summary>Events created.</summary>
    public int Imported { get; init; }

    /// <summary>Events that existed and changed (recorded in their history).</summary>
    public int Updated { get; init; }

    /// <summary>Events that existed and did not change.</summary>
    public int Unchanged { get; init; }

    /// <summary>Rows that identify the same event as an earlier row of the file: their provenance was added to it.</summary>
    public int Merged { get; init; }

    /// <summary>Events in the ledger with provenance from a file of this name that this file no longer has (kept, not deleted).</summary>
    public int Absent { get; init; }

    /// <summary>Rows imported with something unknown or odd, one entry per row.</summary>
    public IReadOnlyList<ImportRowIssue> Flagged { get; init; } = [];

    /// <summary>Rows not imported, one entry per row.</summary>
    public IReadOnlyList<ImportRowIssue> Rejected { get; init; } = [];

    /// <summary>A problem with the whole file (wrong delimiter, missing columns, empty, reading stopped); null when none.</summary>
    public string? Error { get; init; }

    /// <summary>True when the file was refused before any row was read (nothing changed in the ledger).</summary>
    public bool FileRejected { get; init; }

    /// <summary>True when the ledger did not change at all (every row unchanged, merged or rejected).</summary>
    public bool NothingChanged => Imported == 0 && Updated == 0;
}

/// <summary>
/// Streams a CSV file of events into the ledger: rows are read one at a time (CsvHelper), turned into events by an
/// <see cref="IEventRowFormat"/>, staged in the store (which combines rows of the same event on disk) and applied
/// in batches. Memory does not grow with the file. Bad rows are reported by number and never stop the rest.
/// </summary>
public sealed class EventImporter(IEventStore store, EventTypeCatalog types, Gazetteer gazetteer)
{
    private static readonly char[] Delimiters = [',', ';', '\t', '|'];

    /// <summary>Imports <paramref name="path"/>; <paramref name="progress"/> gets the bytes read so far.</summary>
    public EventImportReport Import(string path, IEventRowFormat format, EventImportOptions options, ChangeContext change,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(change);
        var fileName = Path.GetFileName(path);
        EventImportReport Refuse(string error) => new() { File = path, Format = format.Name, Error = error, FileRejected = true };

        if (new FileInfo(path).Length == 0)
        {
            return Refuse($"{fileName} is empty: there is no header row, so there is nothing to import.");
        }

        var malformed = new Dictionary<long, CsvMalformedRecord>();
        var readerOptions = new CsvReaderOptions
        {
            Separator = options.Delimiter,
            HasHeader = true,
            TrackLineNumbers = true,
            MaxRecordSize = options.MaxRecordBytes,
            OnMalformedRecord = m => malformed.TryAdd(m.RecordNumber, m),
        };

        using var reader = CsvReader.FromFile(path, readerOptions);
        IReadOnlyList<string> header;
        try
        {
            header = reader.Headers.Select((h, i) => i == 0 ? h.TrimStart('\uFEFF').Trim() : h.Trim()).ToList();
        }
        catch (CsvFormatException ex)
        {
            return Refuse($"{fileName}: the header row cannot be read ({ex.Message}).");
        }

        if (header.Count == 0 || header.All(h => h.Length == 0))
        {
            return Refuse($"{fileName} has no header row (the first line is empty).");
        }

        if (header.Count == 1)
        {
            var other = Delimiters.Where(d => d != options.Delimiter)
                .Select(d => (Delimiter: d, Count: header[0].Count(c => c == d)))
                .Where(d => d.Count > 0).OrderByDescending(d => d.Count).FirstOrDefault();
            if (other.Count > 0)
            {
                return Refuse($"{fileName}: the header is a single column ('{Shorten(header[0])}'); the file seems to use {Name(other.Delimiter)} as its delimiter, not {Name(options.Delimiter)}. If so, give --delimiter {Arg(other.Delimiter)}.");
            }
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].Length > 0 && !columns.TryAdd(header[i], i))
            {
                return Refuse($"{fileName}: column '{header[i]}' appears twice in the header (columns {columns[header[i]] + 1} and {i + 1}); rename one.");
            }
        }

        var missing = format.Bind(columns.Keys);
        if (missing.Count > 0)
        {
            return Refuse($"{fileName}: missing required column(s) for --format {format.Name}: {string.Join(", ", missing)}. The header has: {string.Join(", ", header)}.");
        }

        var context = new EventRowContext(fileName, options.Status, types, gazetteer);
        var flagged = new List<ImportRowIssue>();
        var rejected = new List<ImportRowIssue>();
        int rows = 0, merged = 0;
        string? error = null;
        using var session = store.BeginImport(change with { Reason = change.Reason ?? $"import {fileName}" });
        for (;;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (!reader.Read())
                {
                    break;
                }
            }
            catch (CsvFormatException ex)
            {
                var at = rows + 1;
                error = $"{fileName}: reading stopped at row {at}{(ex.LineNumber > 0 ? $" (line {ex.LineNumber})" : "")}: {ex.Message} This usually means a quote that is never closed. Rows 1–{rows} were read; the rest of the file was not.";
                rejected.Add(new ImportRowIssue(at, $"not read: {ex.Message} (probably an unclosed quote); the rest of the file was not read"));
                rows = at;
                break;
            }

            rows++;
            var n = (int)reader.RowNumber;
            var line = reader.LineNumber;
            var values = reader.Current.ToArray();
            if (n % 4096 == 0)
            {
                progress?.Report(reader.ByteOffset);
            }

            if (malformed.Remove(n + 1, out var bad))
            {
                rejected.Add(new ImportRowIssue(n, Malformed(bad, reader.ByteOffset, header, options.Delimiter, values, line)));
                continue;
            }

            if (values.Length != header.Count)
            {
                var multiline = values.Any(v => v.Contains('\n', StringComparison.Ordinal));
                rejected.Add(new ImportRowIssue(n, $"line {line} has {values.Length} field(s) where the header has {header.Count}; "
                    + (multiline ? "a quoted field runs over several lines, so a quote is probably not closed" : "check the quoting and the delimiters of this row")));
                continue;
            }

            EventRowResult result;
            try
            {
                result = format.Read(new EventRow(n, columns, values), context);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
            {
                result = EventRowResult.Reject($"row {n}: could not be read: {ex.Message}");
            }

            if (result.Event is null)
            {
                rejected.Add(new ImportRowIssue(n, StripRow(result.Error ?? "rejected", n)));
                continue;
            }

            var (firstRow, conflicts) = session.Stage(result.Event, n);
            var issues = result.Issues.Select(i => StripRow(i, n)).ToList();
            if (firstRow is { } first)
            {
                merged++;
                issues.Insert(0, $"same event as row {first} (the same identifying fields); this row's provenance was added to that event");
                issues.AddRange(conflicts.Select(c => StripRow(c, n)));
            }

            if (issues.Count > 0)
            {
                flagged.Add(new ImportRowIssue(n, string.Join("; ", issues)));
            }
        }

        progress?.Report(new FileInfo(path).Length);
        var absent = session.CountAbsent(fileName);
        var applied = session.Apply(cancellationToken);
        return new EventImportReport
        {
            File = path,
            Format = format.Name,
            Rows = rows,
            Imported = applied.Created,
            Updated = applied.Updated,
            Unchanged = applied.Unchanged,
            Merged = merged,
            Absent = absent,
            Flagged = flagged,
            Rejected = rejected,
            Error = error,
        };
    }

    private static string Malformed(CsvMalformedRecord bad, long recordOffset, IReadOnlyList<string> header, char delimiter, string[] values, long line)
    {
        var what = bad.Reason switch
        {
            CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
            CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a quoted field",
            CsvMalformedReason.UnterminatedQuote => "a quoted field that is never closed (it ran to the end of the file)",
            CsvMalformedReason.LineBreakInQuotes => "a line break inside a quoted field",
            _ => "malformed quoting",
        };
        var field = FieldAt(bad.RawRecord, bad.ByteOffset - recordOffset, delimiter);
        var column = field >= 0 && field < header.Count ? $"column '{header[field]}'" : $"field {field + 1}";
        return $"bad quoting in {column} (line {line}): {what}; the row is not imported. Quote the whole field and double any quote inside it (\"\")."
            + (values.Length != header.Count ? $" The row read as {values.Length} field(s) where the header has {header.Count}." : "");
    }

    /// <summary>The 0-based field at a byte offset of a raw record, counting delimiters outside quotes.</summary>
    private static int FieldAt(string raw, long offset, char delimiter)
    {
        var bytes = Encoding.UTF8.GetBytes(raw);
        var field = 0;
        var quoted = false;
        for (var i = 0; i < bytes.Length && i < offset; i++)
        {
            if (bytes[i] == '"')
            {
                quoted = !quoted;
            }
            else if (bytes[i] == delimiter && !quoted)
            {
                field++;
            }
        }

        return field;
    }

    private static string StripRow(string message, int row)
    {
        var prefix = $"row {row}: ";
        return message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static string Name(char delimiter) => delimiter switch
    {
        ',' => "',' (comma)",
        ';' => "';' (semicolon)",
        '\t' => "tab",
        '|' => "'|' (pipe)",
        _ => $"'{delimiter}'",
    };

    private static string Arg(char delimiter) => delimiter switch
    {
        '\t' => "tab",
        _ => $"'{delimiter}'",
    };
}
