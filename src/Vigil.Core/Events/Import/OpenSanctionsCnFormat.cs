namespace Vigil.Core.Events.Import;

/// <summary>
/// The OpenSanctions list of PRC sanctions and countermeasures (<c>datasets/cn/sanctions/sanctions.csv</c>): one
/// row per target of a measure. Columns Type, QID, Name, Alias, Chinese name, Country, Topics, Summary, Chinese
/// summary, Body, List, Date, End date, Source URL, Address. See docs/events.md for every rule.
/// </summary>
public sealed class OpenSanctionsCnFormat : IEventRowFormat
{
    /// <summary>The columns the format cannot work without.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = ["Type", "Name", "Chinese name", "Country", "Topics", "Body", "Date", "Source URL"];

    /// <summary>Topics → event types. A topic not listed here is flagged and typed <c>sanction</c>.</summary>
    public static IReadOnlyDictionary<string, string> TopicTypes { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["sanction.counter"] = "sanction.counter",
        ["sanction"] = "sanction",
        ["export.control"] = "export-control.listing",
    };

    public string Name => "opensanctions-cn";

    public IReadOnlyList<string> Bind(IReadOnlyCollection<string> header) =>
        RequiredColumns.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();

    public EventRowResult Read(EventRow row, EventRowContext context)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(context);
        var n = row.Number;
        var nameEn = row["Name"];
        var nameZh = row["Chinese name"];
        if (nameEn is null && nameZh is null)
        {
            return EventRowResult.Reject($"row {n}: no target name (columns Name and Chinese name are both empty); the row names nobody, so it is not imported");
        }

        var issues = new List<string>();
        var raw = new SortedDictionary<string, string>(StringComparer.Ordinal);

        var (topicType, type) = TypeOf(row, n, issues, raw);
        var (date, dateIssue) = EventFieldReader.Date(row["Date"], "Date");
        if (row["Date"] is null)
        {
            issues.Add($"row {n}: no Date; date unknown");
        }
        else if (dateIssue is not null)
        {
            issues.Add($"row {n}: {dateIssue}");
            raw["Date"] = row["Date"]!;
        }

        var (end, endIssue) = EventFieldReader.Date(row["End date"], "End date");
        if (endIssue is not null)
        {
            issues.Add($"row {n}: {endIssue}");
            raw["End date"] = row["End date"]!;
        }

        var country = row["Country"];
        if (country is null)
        {
            issues.Add($"row {n}: no Country; target country unknown");
        }

        var countries = EventRowSteps.Countries(country, "Country", context.Gazetteer, issues, raw, n);
        var body = row["Body"];
        if (body is null)
        {
            issues.Add($"row {n}: no Body; imposing authority unknown");
        }

        var sourceUrl = row["Source URL"];
        if (sourceUrl is null)
        {
            issues.Add($"row {n}: no Source URL; the announcement is unknown");
        }

        var target = new EventTarget
        {
            NameEn = nameEn,
            NameZh = nameZh,
            Aliases = EventFieldReader.List(row["Alias"]),
            Kind = EventRowSteps.Kind(row["Type"], n, issues, raw, "Type"),
            Country = countries.Count > 0 ? countries[0] : null,
            Position = row["Summary"],
            PositionZh = row["Chinese summary"],
            WikidataId = row["QID"],
            Address = row["Address"],
        };

        var e = new LedgerEvent
        {
            // The id uses the topic's type, not the List refinement, so a corrected List updates the event.
            Id = EventIdentity.ForDatasetTarget(topicType, (nameEn ?? nameZh)!, body, sourceUrl),
            Type = type,
            Date = date,
            EndDate = end,
            Body = body,
            Targets = [target],
            Countries = countries,
            Domains = context.Types.Find(type)?.Domains ?? [],
            Provenance = [EventProvenance.FromDataset(context.File, n, sourceUrl)],
            Confidence = 1,
            Status = context.Status,
            SourceUrl = sourceUrl,
            Programs = row["List"] is { } list ? [list] : [],
            Issues = issues,
            Raw = raw,
        };
        return new EventRowResult(e, issues, null);
    }

    private static (string Topic, string Type) TypeOf(EventRow row, int n, List<string> issues, SortedDictionary<string, string> raw)
    {
        var topics = EventFieldReader.Codes(row["Topics"]);
        string? type = null;
        foreach (var topic in topics)
        {
            if (TopicTypes.TryGetValue(topic, out var mapped))
            {
                type = mapped;
                break;
            }
        }

        if (type is null)
        {
            issues.Add(topics.Count == 0
                ? $"row {n}: no Topics; typed sanction"
                : $"row {n}: Topics '{row["Topics"]}' has no known topic (sanction.counter, sanction, export.control); typed sanction (raw value kept)");
            if (row["Topics"] is { } value)
            {
                raw["Topics"] = value;
            }

            return ("sanction", "sanction");
        }

        // Two lists are distinct instruments within a topic: the Unreliable Entity List (不可靠实体清单) and MOFCOM's
        // export-control watch list (关注名单). They get subtypes, so --type sanction.counter and --type export-control
        // still count exactly what the topics say.
        var list = row["List"];
        if (type == "sanction.counter" && list is not null && list.Equals("UEL", StringComparison.OrdinalIgnoreCase))
        {
            return (type, "sanction.counter.unreliable-entity");
        }

        if (type == "export-control.listing" && list is not null && list.Contains("watch list", StringComparison.OrdinalIgnoreCase))
        {
            return (type, "export-control.watch-list");
        }

        return (type, type);
    }
}
