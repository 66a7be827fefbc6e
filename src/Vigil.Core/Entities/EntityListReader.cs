using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Vigil.Core.Geo;

namespace Vigil.Core.Entities;

/// <summary>
/// Reads the OpenSanctions CSV files of the two lists (docs/entities.md): <c>cn_sanctions.csv</c>
/// (<see cref="EntityLists.CnSanctions"/>) and <c>us_dod_chinese_milcorps_1260h.csv</c>
/// (<see cref="EntityLists.Us1260H"/>). Comma-separated, UTF-8 with or without a byte-order mark, RFC 4180
/// quoting. A file whose header lacks a required column is refused whole; a malformed row (wrong number of
/// fields, a stray or unbalanced quote, an empty name) is rejected with its row number and the rest are read.
/// After an unbalanced quote, reading resumes on the line after the one the bad row started on, so one
/// broken quote loses one row, not the rest of the file.
/// </summary>
public static class EntityListReader
{
    /// <summary>Largest file read (the lists are a few hundred kilobytes; this bounds memory on a wrong file).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    private static readonly string[] CnRequired = ["Type", "Name", "Alias", "Chinese name", "Country", "Date", "End date", "Source URL"];
    private static readonly string[] UsRequired = ["Name", "Clean Name", "Alias", "Previous Name", "Start date", "End date", "Source Url"];

    // Columns that become first-class fields; every other non-empty column is kept in Details.
    private static readonly HashSet<string> CnFields = new(CnRequired, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> UsFields = new(["Clean Name", "Alias", "Previous Name", "Start date", "End date", "Source Url"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads <paramref name="path"/> as list <paramref name="listId"/>.</summary>
    public static ListReadResult Read(string path, string listId)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!EntityLists.All.Contains(listId))
        {
            throw new ArgumentException($"Unknown list '{listId}'; known: {string.Join(", ", EntityLists.All)}.", nameof(listId));
        }

        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (info.Length > MaxFileBytes)
        {
            return new ListReadResult { FileError = $"{path}: {info.Length:N0} bytes is larger than an entity list can be ({MaxFileBytes:N0}); is it the right file?" };
        }

        var bytes = File.ReadAllBytes(full);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        try
        {
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetCharCount(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new ListReadResult { Sha256 = sha, FileError = $"{path}: not UTF-8 text; save the list as UTF-8 CSV" };
        }

        return Parse(bytes, full, listId) with { Sha256 = sha };
    }

    /// <summary>Parses CSV bytes already in memory (<paramref name="sourceFile"/> is recorded on each entry).</summary>
    public static ListReadResult Parse(ReadOnlyMemory<byte> data, string sourceFile, string listId)
    {
        var name = Path.GetFileName(sourceFile);
        var entries = new List<ListEntry>();
        var rejected = new List<RejectedRow>();
        string[]? header = null;
        string? headerLine = null;
        var rows = 0;
        var offset = 0;
        var lineBase = 0L;
        while (offset < data.Length)
        {
            // One pass reads until the end, or until a malformed row that spans lines (an unbalanced quote
            // swallowing the lines after it): that row is rejected and the next pass starts on its second line.
            long? spanningLine = null;
            var malformed = new List<CsvMalformedRecord>();
            var options = new CsvReaderOptions
            {
                HasHeader = false,
                Separator = ',',
                DetectSeparatorHint = false,
                Mode = CsvMode.Rfc4180,
                AllowLineBreaksInQuotes = true,
                SkipEmptyLines = true,
                TrackLineNumbers = true,
                FieldCountMismatch = CsvFieldCountHandling.Allow,
                MalformedData = CsvMalformedDataHandling.Skip,
                OnMalformedRecord = record =>
                {
                    malformed.Add(record);
                    if (spanningLine is null && record.RawRecord.Contains('\n', StringComparison.Ordinal))
                    {
                        spanningLine = record.LineNumber;
                    }
                },
            };
            using (var csv = CsvReader.Create(data[offset..], options))
            {
                while (spanningLine is null && csv.Read())
                {
                    if (spanningLine is not null)
                    {
                        break;
                    }

                    var line = lineBase + csv.LineNumber;
                    var fields = csv.Current.ToArray();
                    if (header is null)
                    {
                        header = [.. fields.Select(f => f.Trim().TrimStart('\uFEFF'))];
                        headerLine = Encoding.UTF8.GetString(csv.RawRecord);
                        if (MissingColumns(header, headerLine, name, listId) is { } error)
                        {
                            return new ListReadResult { FileError = error };
                        }

                        continue;
                    }

                    rows++;
                    if (fields.Length != header.Length)
                    {
                        rejected.Add(new RejectedRow((int)line, $"{fields.Length} fields where the header has {header.Length} (a stray comma or a missing quote?)"));
                        continue;
                    }

                    var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    for (var i = 0; i < header.Length; i++)
                    {
                        values.TryAdd(header[i], fields[i].Trim());
                    }

                    var (entry, problem) = listId == EntityLists.CnSanctions
                        ? CnEntry(values, header, (int)line, sourceFile)
                        : UsEntry(values, header, (int)line, sourceFile);
                    if (entry is null)
                    {
                        rejected.Add(new RejectedRow((int)line, problem!));
                    }
                    else
                    {
                        entries.Add(entry);
                    }
                }
            }

            foreach (var bad in malformed.Where(m => spanningLine is null || m.LineNumber <= spanningLine))
            {
                rows++;
                rejected.Add(new RejectedRow((int)(lineBase + bad.LineNumber), Explain(bad)));
            }

            if (spanningLine is null)
            {
                break;
            }

            // Resume at the start of the line after the one the spanning row started on.
            var resume = offset;
            for (var l = 1L; l <= spanningLine && resume < data.Length; l++)
            {
                var next = data.Span[resume..].IndexOf((byte)'\n');
                resume = next < 0 ? data.Length : resume + next + 1;
            }

            lineBase += spanningLine.Value;
            offset = resume;
        }

        if (header is null)
        {
            return new ListReadResult { FileError = $"{name}: the file is empty or has no header row" };
        }

        rejected.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new ListReadResult { Entries = entries, Rejected = rejected, Rows = rows };
    }

    private static string? MissingColumns(string[] header, string headerLine, string name, string listId)
    {
        var required = listId == EntityLists.CnSanctions ? CnRequired : UsRequired;
        var missing = required.Where(r => !header.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var hint = header.Length == 1 && (headerLine.Contains(';', StringComparison.Ordinal) || headerLine.Contains('\t', StringComparison.Ordinal))
            ? $" The header looks {(headerLine.Contains(';', StringComparison.Ordinal) ? "semicolon" : "tab")}-separated; Vigil reads comma-separated files."
            : "";
        return $"{name}: the header lacks column(s) {string.Join(", ", missing.Select(m => $"\"{m}\""))} of a {listId} file.{hint} Nothing was imported.";
    }

    private static string Explain(CsvMalformedRecord record) => record.Reason switch
    {
        CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.LineBreakInQuotes =>
            "unbalanced quote: a quoted field is never closed; fix the quoting of this row (reading resumed on the next line)",
        CsvMalformedReason.TextAfterClosingQuote when record.RawRecord.Contains('\n', StringComparison.Ordinal) =>
            "unbalanced quote: a quoted field runs over the following lines; fix the quoting of this row (reading resumed on the next line)",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote; quote the whole field and double quotes inside it (\"\")",
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field; quote the whole field and double quotes inside it (\"\")",
        _ => $"malformed row ({record.Reason})",
    };

    private static (ListEntry?, string?) CnEntry(Dictionary<string, string> v, string[] header, int row, string sourceFile)
    {
        var name = v["Name"];
        if (name.Length == 0)
        {
            return (null, "the Name column is empty");
        }

        var country = v["Country"];
        return (new ListEntry
        {
            ListId = EntityLists.CnSanctions,
            Row = row,
            Name = name,
            Aliases = SplitList(v["Alias"], commas: false),
            ChineseName = Empty(v["Chinese name"]),
            Kind = Empty(v["Type"]?.ToLowerInvariant()),
            Country = country.Length == 0 ? null : Gazetteer.BuiltIn.Match(country)?.Code ?? country,
            StartDate = Date(v["Date"]),
            EndDate = Date(v["End date"]),
            SourceFile = sourceFile,
            SourceUrl = Empty(v["Source URL"]),
            Details = Details(v, header, CnFields),
        }, null);
    }

    private static (ListEntry?, string?) UsEntry(Dictionary<string, string> v, string[] header, int row, string sourceFile)
    {
        var name = v["Clean Name"].Length > 0 ? v["Clean Name"] : v["Name"];
        if (name.Length == 0)
        {
            return (null, "the Name and Clean Name columns are empty");
        }

        var aliases = SplitList(v["Alias"], commas: true).Concat(SplitList(v["Previous Name"], commas: false))
            .Where(a => !string.Equals(a, name, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        return (new ListEntry
        {
            ListId = EntityLists.Us1260H,
            Row = row,
            Name = name,
            Aliases = aliases,
            Kind = "company",
            StartDate = Date(v["Start date"]),
            EndDate = Date(v["End date"]),
            SourceFile = sourceFile,
            SourceUrl = Empty(v["Source Url"]),
            Details = Details(v, header, UsFields),
        }, null);
    }

    private static List<KeyValuePair<string, string>> Details(Dictionary<string, string> v, string[] header, HashSet<string> fields) =>
        [.. header.Distinct(StringComparer.OrdinalIgnoreCase).Where(h => !fields.Contains(h) && v[h].Length > 0).Select(h => new KeyValuePair<string, string>(h, v[h]))];

    /// <summary>
    /// Splits a list field on ";" (and on "," where <paramref name="commas"/>, unless the comma belongs to a
    /// legal form as in "Co., Ltd.").
    /// </summary>
    internal static List<string> SplitList(string value, bool commas)
    {
        var result = new List<string>();
        foreach (var part in value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!commas)
            {
                result.Add(part);
                continue;
            }

            var pieces = part.Split(',');
            var current = pieces[0];
            for (var i = 1; i < pieces.Length; i++)
            {
                var next = pieces[i].TrimStart();
                var firstWord = new string([.. next.TakeWhile(char.IsLetter)]).ToLowerInvariant();
                if (EntityNameNormalizer.LegalForms.Contains(firstWord))
                {
                    current += "," + pieces[i];
                }
                else
                {
                    result.Add(current.Trim());
                    current = pieces[i];
                }
            }

            result.Add(current.Trim());
        }

        return [.. result.Where(r => r.Length > 0)];
    }

    /// <summary>dd.mm.yyyy, dd.mm.yy (read as 20yy) or yyyy-mm-dd → yyyy-mm-dd; anything else is kept as given; empty → null.</summary>
    internal static string? Date(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        string[] formats = ["dd.MM.yyyy", "yyyy-MM-dd", "d.M.yyyy"];
        if (DateOnly.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        // Two-digit years: every PRC sanction on the list is from this century, so 23 is 2023 (not .NET's 1923-or-2023 window rule).
        var parts = value.Split('.');
        if (parts.Length == 3 && parts[2].Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(2000 + y, m))
        {
            return new DateOnly(2000 + y, m, d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return value;
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
