using System.Globalization;
using Vigil.Core.Domains;

namespace Vigil.Core.Events.Import;

/// <summary>A problem in a column map, naming where (file:line or the option) and what.</summary>
public sealed record ColumnMapProblem(string Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>
/// Which CSV column feeds which event field, and defaults for fields a file leaves empty. Text form, one entry per
/// line: <c>field = Column name</c> or <c>default.field = value</c>; <c>#</c> starts a comment. Without a map, a
/// column named like a field (any case) feeds it.
/// </summary>
public sealed class ColumnMap
{
    /// <summary>The event fields a column can feed (plus <c>quantity.NAME</c> for any quantity name).</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        "id", "type", "date", "end_date", "body", "summary", "summary_zh", "source_url", "programs", "notes", "confidence", "status",
        "countries", "domains", "target.name_en", "target.name_zh", "target.aliases", "target.kind", "target.country",
        "target.position", "target.wikidata_id",
    ];

    /// <summary>The fields that may have a default.</summary>
    public static IReadOnlyList<string> DefaultableFields { get; } =
        ["type", "body", "source_url", "programs", "confidence", "status", "countries", "domains", "target.kind", "target.country"];

    private readonly Dictionary<string, string> _columns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _defaults = new(StringComparer.Ordinal);

    /// <summary>Field → column.</summary>
    public IReadOnlyDictionary<string, string> Columns => _columns;

    /// <summary>Field → default value.</summary>
    public IReadOnlyDictionary<string, string> Defaults => _defaults;

    /// <summary>True when nothing is mapped (the header then maps itself).</summary>
    public bool IsEmpty => _columns.Count == 0 && _defaults.Count == 0;

    /// <summary>Adds the entries of a map file's text; problems name the file and line.</summary>
    public IReadOnlyList<ColumnMapProblem> AddText(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<ColumnMapProblem>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (Add(line) is { } problem)
            {
                problems.Add(new ColumnMapProblem($"{file}:{number}", problem));
            }
        }

        return problems;
    }

    /// <summary>Adds one <c>field=Column</c> or <c>default.field=value</c> entry; returns a problem or null.</summary>
    public string? Add(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var eq = entry.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return $"'{entry}' is not 'field = Column' or 'default.field = value'.";
        }

        var field = entry[..eq].Trim().ToLowerInvariant();
        var value = entry[(eq + 1)..].Trim();
        if (value.Length == 0)
        {
            return $"'{field}' has no column name (or default value) after '='.";
        }

        if (field.StartsWith("default.", StringComparison.Ordinal))
        {
            var target = field["default.".Length..];
            if (!DefaultableFields.Contains(target, StringComparer.Ordinal))
            {
                return $"'{target}' cannot have a default; fields with defaults: {string.Join(", ", DefaultableFields)}.";
            }

            _defaults[target] = value;
            return null;
        }

        if (!IsField(field))
        {
            return $"unknown field '{field}'; fields: {string.Join(", ", Fields)}, quantity.NAME.";
        }

        _columns[field] = value;
        return null;
    }

    /// <summary>True for a known field or quantity.NAME (NAME: lower-case letters, digits and '_').</summary>
    public static bool IsField(string field) =>
        Fields.Contains(field, StringComparer.Ordinal)
        || (field.StartsWith("quantity.", StringComparison.Ordinal) && field.Length > "quantity.".Length
            && field["quantity.".Length..].All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'));

    /// <summary>The map to use for a header: this map, or (when empty) the columns named like fields.</summary>
    public ColumnMap For(IReadOnlyCollection<string> header)
    {
        if (!IsEmpty)
        {
            return this;
        }

        var map = new ColumnMap();
        foreach (var column in header)
        {
            var field = column.Trim().ToLowerInvariant();
            if (IsField(field))
            {
                map._columns[field] = column.Trim();
            }
        }

        return map;
    }
}

/// <summary>
/// A CSV file of events of any layout, read through a <see cref="ColumnMap"/>. One event per row (rows that identify
/// the same event are combined). See docs/events.md for the rules and the map format.
/// </summary>
public sealed class GenericCsvFormat : IEventRowFormat
{
    private readonly ColumnMap _map;
    private ColumnMap _resolved;

    /// <summary>A format reading columns through <paramref name="map"/> (an empty map: columns named like fields).</summary>
    public GenericCsvFormat(ColumnMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _map = map;
        _resolved = map;
    }

    public string Name => "csv";

    public IReadOnlyList<string> Bind(IReadOnlyCollection<string> header)
    {
        _resolved = _map.For(header);
        var missing = new List<string>();
        foreach (var (field, column) in _resolved.Columns.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (!header.Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                missing.Add($"{column} (for {field})");
            }
        }

        if (!_resolved.Columns.ContainsKey("type") && !_resolved.Defaults.ContainsKey("type"))
        {
            missing.Add("a column for 'type' (or default.type in the map)");
        }

        if (!_resolved.Columns.ContainsKey("target.name_en") && !_resolved.Columns.ContainsKey("target.name_zh") && !_resolved.Columns.ContainsKey("summary"))
        {
            missing.Add("a column for 'target.name_en', 'target.name_zh' or 'summary'");
        }

        return missing;
    }

    public EventRowResult Read(EventRow row, EventRowContext context)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(context);
        var n = row.Number;
        string? Get(string field) => _resolved.Columns.TryGetValue(field, out var column) ? row[column] : null;
        string? GetOrDefault(string field) => Get(field) ?? (_resolved.Defaults.TryGetValue(field, out var d) ? d : null);
        string Column(string field) => _resolved.Columns.TryGetValue(field, out var column) ? column : field;

        var nameEn = Get("target.name_en");
        var nameZh = Get("target.name_zh");
        var summary = Get("summary");
        if (nameEn is null && nameZh is null && summary is null)
        {
            return EventRowResult.Reject($"row {n}: no target name and no summary (columns {string.Join(", ", new[] { "target.name_en", "target.name_zh", "summary" }.Where(f => _resolved.Columns.ContainsKey(f)).Select(Column))} are empty); nothing says what the event is");
        }

        var issues = new List<string>();
        var raw = new SortedDictionary<string, string>(StringComparer.Ordinal);

        var typeText = GetOrDefault("type");
        string type;
        if (typeText is null)
        {
            issues.Add($"row {n}: no type; typed other");
            type = "other";
        }
        else if (context.Types.Find(typeText.ToLowerInvariant()) is { } known)
        {
            type = known.Id;
        }
        else
        {
            issues.Add($"row {n}: type '{typeText}' ({Column("type")}) is not a known event type; typed other (raw value kept; add it to event-types.txt)");
            raw["type"] = typeText;
            type = "other";
        }

        var (date, dateIssue) = EventFieldReader.Date(Get("date"), Column("date"));
        if (Get("date") is null)
        {
            issues.Add($"row {n}: no date; date unknown");
        }
        else if (dateIssue is not null)
        {
            issues.Add($"row {n}: {dateIssue}");
            raw["date"] = Get("date")!;
        }

        var (end, endIssue) = EventFieldReader.Date(Get("end_date"), Column("end_date"));
        if (endIssue is not null)
        {
            issues.Add($"row {n}: {endIssue}");
            raw["end_date"] = Get("end_date")!;
        }

        var targetCountries = EventRowSteps.Countries(GetOrDefault("target.country"), "target.country", context.Gazetteer, issues, raw, n);
        var countries = EventRowSteps.Countries(GetOrDefault("countries"), "countries", context.Gazetteer, issues, raw, n);
        var allCountries = targetCountries.Concat(countries).Distinct(StringComparer.Ordinal).ToList();

        var domains = context.Types.Find(type)?.Domains ?? [];
        if (GetOrDefault("domains") is { } domainText)
        {
            var listed = EventFieldReader.Codes(domainText).Select(d => d.ToLowerInvariant()).ToList();
            var unknown = listed.Where(d => TaxonomyLoader.BuiltIn.Find(d) is null).ToList();
            if (unknown.Count > 0)
            {
                issues.Add($"row {n}: unknown domain id(s) {string.Join(", ", unknown)} in {Column("domains")}; left out (raw value kept)");
                raw["domains"] = domainText;
            }

            domains = listed.Where(d => TaxonomyLoader.BuiltIn.Find(d) is not null).Distinct(StringComparer.Ordinal).ToList();
        }

        var quantities = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (field, column) in _resolved.Columns.Where(c => c.Key.StartsWith("quantity.", StringComparison.Ordinal)).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var text = row[column];
            if (text is null)
            {
                continue;
            }

            if (EventFieldReader.TryNumber(text, out var number))
            {
                quantities[field["quantity.".Length..]] = number;
            }
            else
            {
                issues.Add($"row {n}: {column} '{text}' is not a number; {field} left out (raw value kept)");
                raw[field] = text;
            }
        }

        var confidence = 1.0;
        if (GetOrDefault("confidence") is { } confidenceText)
        {
            if (double.TryParse(confidenceText, NumberStyles.Float, CultureInfo.InvariantCulture, out var c) && c is >= 0 and <= 1)
            {
                confidence = c;
            }
            else
            {
                issues.Add($"row {n}: confidence '{confidenceText}' is not a number from 0 to 1; 1 used (raw value kept)");
                raw["confidence"] = confidenceText;
            }
        }

        var status = context.Status;
        if (GetOrDefault("status") is { } statusText)
        {
            if (EventStatuses.TryParse(statusText, out var s))
            {
                status = s;
            }
            else
            {
                issues.Add($"row {n}: status '{statusText}' is not proposed, confirmed or rejected; {EventStatuses.Name(context.Status)} used (raw value kept)");
                raw["status"] = statusText;
            }
        }

        var body = GetOrDefault("body");
        var sourceUrl = GetOrDefault("source_url");
        List<EventTarget> targets = [];
        if (nameEn is not null || nameZh is not null)
        {
            var kind = GetOrDefault("target.kind") is { } kindText ? EventRowSteps.Kind(kindText, n, issues, raw, "target.kind") : null;
            targets.Add(new EventTarget
            {
                NameEn = nameEn,
                NameZh = nameZh,
                Aliases = EventFieldReader.List(Get("target.aliases")),
                Kind = kind,
                Country = targetCountries.Count > 0 ? targetCountries[0] : null,
                Position = Get("target.position"),
                WikidataId = Get("target.wikidata_id"),
            });
        }

        // Identity uses the type as written (not "other"), so adding the type to event-types.txt later keeps the id.
        var identityType = typeText?.Trim().ToLowerInvariant() ?? type;
        var id = Get("id") is { } external ? EventIdentity.ForExternalId(context.File, external)
            : targets.Count > 0 ? EventIdentity.ForDatasetTarget(identityType, (nameEn ?? nameZh)!, body, sourceUrl)
            : EventIdentity.ForDatasetEvent(identityType, body, sourceUrl, allCountries, summary);
        var e = new LedgerEvent
        {
            Id = id,
            Type = type,
            Date = date,
            EndDate = end,
            Body = body,
            Targets = targets,
            Countries = allCountries,
            Domains = domains,
            Quantities = quantities,
            Provenance = [EventProvenance.FromDataset(context.File, n, sourceUrl)],
            Confidence = confidence,
            Status = status,
            Notes = Get("notes"),
            Summary = summary,
            SummaryZh = Get("summary_zh"),
            SourceUrl = sourceUrl,
            Programs = EventFieldReader.List(GetOrDefault("programs")),
            Issues = issues,
            Raw = raw,
        };
        return new EventRowResult(e, issues, null);
    }
}
