using Vigil.Core.Geo;

namespace Vigil.Core.Events.Import;

/// <summary>One data row of a CSV file, with its columns looked up by header name (trimmed, case-insensitive).</summary>
public sealed class EventRow
{
    private readonly IReadOnlyDictionary<string, int> _columns;
    private readonly string[] _values;

    internal EventRow(int number, IReadOnlyDictionary<string, int> columns, string[] values)
    {
        Number = number;
        _columns = columns;
        _values = values;
    }

    /// <summary>The 1-based data row (the header is not counted).</summary>
    public int Number { get; }

    /// <summary>The trimmed value of the column, or null when the column is absent or the value empty.</summary>
    public string? this[string column]
    {
        get
        {
            if (!_columns.TryGetValue(column, out var index) || index >= _values.Length)
            {
                return null;
            }

            var value = _values[index].Trim();
            return value.Length == 0 ? null : value;
        }
    }

    /// <summary>True when the file has this column.</summary>
    public bool Has(string column) => _columns.ContainsKey(column);
}

/// <summary>What an import row turned into: an event (with issues that flag it) or an error that rejects the row.</summary>
public sealed record EventRowResult(LedgerEvent? Event, IReadOnlyList<string> Issues, string? Error)
{
    public static EventRowResult Reject(string error) => new(null, [], error);
}

/// <summary>What a format needs besides the row: the file's name, the defaults and the catalogs.</summary>
/// <param name="File">The file name (not the path): the dataset provenance of every row.</param>
public sealed record EventRowContext(string File, EventStatus Status, EventTypeCatalog Types, Gazetteer Gazetteer);

/// <summary>A CSV format of event rows: which columns it needs and how a row becomes an event.</summary>
public interface IEventRowFormat
{
    /// <summary>The format's name on the command line.</summary>
    string Name { get; }

    /// <summary>Prepares the format for a file with this header; returns what the header lacks (empty when nothing).</summary>
    IReadOnlyList<string> Bind(IReadOnlyCollection<string> header);

    /// <summary>The event of one row, or the reason the row is rejected. Must not throw on bad data.</summary>
    EventRowResult Read(EventRow row, EventRowContext context);
}

/// <summary>Shared steps of the formats: countries through the gazetteer, target kinds.</summary>
internal static class EventRowSteps
{
    /// <summary>One country field → codes; an unknown value is an issue and kept raw under <paramref name="field"/>.</summary>
    public static IReadOnlyList<string> Countries(string? value, string field, Gazetteer gazetteer, List<string> issues, SortedDictionary<string, string> raw, int row)
    {
        if (value is null)
        {
            return [];
        }

        var matches = gazetteer.MatchAll(value);
        if (matches.Count == 0)
        {
            var ambiguous = gazetteer.AmbiguousCodes(value);
            issues.Add(ambiguous.Count > 0
                ? $"row {row}: {field} '{value}' is ambiguous ({string.Join(", ", ambiguous)}); kept as unknown (raw value kept)"
                : $"row {row}: {field} '{value}' is not a known country; kept as unknown (raw value kept)");
            raw[field] = value;
            return [];
        }

        return matches.Select(m => m.Code).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A target kind from a dataset's entity type (Person, Organization, Company, …), or null with an issue.</summary>
    public static string? Kind(string? value, int row, List<string> issues, SortedDictionary<string, string> raw, string field)
    {
        if (value is null)
        {
            issues.Add($"row {row}: no {field}; target kind unknown");
            return null;
        }

        switch (value.Trim().ToLowerInvariant())
        {
            case "person":
            case "individual":
                return "person";
            case "organization":
            case "organisation":
            case "publicbody":
            case "public body":
                return "organization";
            case "company":
                return "company";
            case "state":
            case "country":
            case "government":
                return "state";
            default:
                issues.Add($"row {row}: {field} '{value}' is not person, organization, company or state; target kind unknown (raw value kept)");
                raw[field] = value;
                return null;
        }
    }
}
