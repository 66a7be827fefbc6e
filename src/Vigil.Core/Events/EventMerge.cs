namespace Vigil.Core.Events;

/// <summary>
/// How events combine. Sources (imports, extraction) own the descriptive fields; the analyst owns status, notes and any
/// field listed in <see cref="LedgerEvent.Edited"/>. These rules are pure functions so every store applies them alike.
/// </summary>
public static class EventMerge
{
    /// <summary>The fields a source (dataset row, extraction rule) supplies and may later correct.</summary>
    public static IReadOnlyList<string> SourceFields { get; } =
    [
        "type", "date", "end_date", "body", "targets", "countries", "domains", "quantities", "confidence",
        "summary", "summary_zh", "source_url", "programs", "issues", "raw",
    ];

    /// <summary>The fields an analyst may edit in review (recorded in <see cref="LedgerEvent.Edited"/>).</summary>
    public static IReadOnlyList<string> EditableFields { get; } = ["type", "date", "end_date", "body", "countries", "domains", "summary", "summary_zh"];

    /// <summary>
    /// The stored event after a source delivers <paramref name="incoming"/> again: source fields from the incoming
    /// event except those the analyst edited; status, notes and edits kept; provenance from the incoming event's
    /// origins (a file, a document) replaced by the incoming entries, other origins kept.
    /// </summary>
    public static LedgerEvent Absorb(LedgerEvent stored, LedgerEvent incoming)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(incoming);
        var edited = stored.Edited.ToHashSet(StringComparer.Ordinal);
        T Pick<T>(string field, T storedValue, T incomingValue) => edited.Contains(field) ? storedValue : incomingValue;
        var origins = incoming.Provenance.Select(p => p.Origin).ToHashSet(StringComparer.Ordinal);
        return stored with
        {
            Type = Pick("type", stored.Type, incoming.Type),
            Date = Pick("date", stored.Date, incoming.Date),
            EndDate = Pick("end_date", stored.EndDate, incoming.EndDate),
            Body = Pick("body", stored.Body, incoming.Body),
            Targets = Pick("targets", stored.Targets, incoming.Targets),
            Countries = Pick("countries", stored.Countries, incoming.Countries),
            Domains = Pick("domains", stored.Domains, incoming.Domains),
            Quantities = Pick("quantities", stored.Quantities, incoming.Quantities),
            Confidence = Pick("confidence", stored.Confidence, incoming.Confidence),
            Summary = Pick("summary", stored.Summary, incoming.Summary),
            SummaryZh = Pick("summary_zh", stored.SummaryZh, incoming.SummaryZh),
            SourceUrl = Pick("source_url", stored.SourceUrl, incoming.SourceUrl),
            Programs = Pick("programs", stored.Programs, incoming.Programs),
            Issues = Pick("issues", stored.Issues, incoming.Issues),
            Raw = Pick("raw", stored.Raw, incoming.Raw),
            Provenance = SortProvenance(stored.Provenance.Where(p => !origins.Contains(p.Origin)).Concat(incoming.Provenance)),
        };
    }

    /// <summary>
    /// Two rows of one file that identify the same event: the later row adds its provenance, targets' missing details,
    /// countries, programs and issues to the first. Where both give a different value for a single-valued field the
    /// first row's is kept and the difference is returned (and added to the issues) so the import can report it.
    /// </summary>
    public static (LedgerEvent Combined, IReadOnlyList<string> Conflicts) Combine(LedgerEvent first, LedgerEvent later, int laterRow, int firstRow)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(later);
        var conflicts = new List<string>();
        string? Scalar(string field, string? a, string? b)
        {
            if (string.IsNullOrEmpty(a))
            {
                return b;
            }

            if (!string.IsNullOrEmpty(b) && !a.Equals(b, StringComparison.Ordinal))
            {
                conflicts.Add($"row {laterRow}: {field} '{b}' differs from row {firstRow}'s '{a}'; kept row {firstRow}'s");
            }

            return a;
        }

        var dateText = Scalar("date", first.Date.Text, later.Date.Text);
        var endText = Scalar("end date", first.EndDate.Text, later.EndDate.Text);
        EventDate.TryParse(dateText, out var date);
        EventDate.TryParse(endText, out var end);
        var quantities = new SortedDictionary<string, double>(first.Quantities.ToDictionary(), StringComparer.Ordinal);
        foreach (var (name, value) in later.Quantities)
        {
            quantities.TryAdd(name, value);
        }

        var raw = new SortedDictionary<string, string>(first.Raw.ToDictionary(), StringComparer.Ordinal);
        foreach (var (name, value) in later.Raw)
        {
            raw.TryAdd(name, value);
        }

        var combined = first with
        {
            Date = date,
            EndDate = end,
            Body = Scalar("body", first.Body, later.Body),
            Summary = Scalar("summary", first.Summary, later.Summary),
            SummaryZh = Scalar("Chinese summary", first.SummaryZh, later.SummaryZh),
            SourceUrl = Scalar("source URL", first.SourceUrl, later.SourceUrl),
            Targets = CombineTargets(first.Targets, later.Targets),
            Countries = Union(first.Countries, later.Countries),
            Domains = Union(first.Domains, later.Domains),
            Programs = Union(first.Programs, later.Programs),
            Quantities = quantities,
            Raw = raw,
            Confidence = Math.Max(first.Confidence, later.Confidence),
            Provenance = SortProvenance(first.Provenance.Concat(later.Provenance)),
        };
        combined = combined with { Issues = Union(Union(first.Issues, later.Issues), conflicts) };
        return (combined, conflicts);
    }

    /// <summary>The fields whose JSON differs between two states of an event (timestamps are not compared).</summary>
    public static IReadOnlyList<string> Diff(LedgerEvent before, LedgerEvent after)
    {
        var changed = new List<string>();
        foreach (var field in EventJson.Fields)
        {
            if (field is "created_at" or "updated_at")
            {
                continue;
            }

            if (!string.Equals(EventJson.Text(EventJson.Field(before, field)), EventJson.Text(EventJson.Field(after, field)), StringComparison.Ordinal))
            {
                changed.Add(field);
            }
        }

        return changed;
    }

    /// <summary>The given fields of an event as a JSON object (for history entries).</summary>
    public static string Snapshot(LedgerEvent e, IEnumerable<string> fields)
    {
        var o = new System.Text.Json.Nodes.JsonObject();
        foreach (var field in fields)
        {
            o[field] = EventJson.Field(e, field);
        }

        return EventJson.Text(o);
    }

    /// <summary>Provenance in a canonical order (origin, then row or span), duplicates removed.</summary>
    public static IReadOnlyList<EventProvenance> SortProvenance(IEnumerable<EventProvenance> entries) =>
        entries.Distinct()
            .OrderBy(p => p.Origin, StringComparer.Ordinal)
            .ThenBy(p => p.Row ?? p.Start ?? 0)
            .ThenBy(p => p.End ?? 0)
            .ThenBy(p => p.SourceUrl ?? "", StringComparer.Ordinal)
            .ThenBy(p => p.Quote ?? "", StringComparer.Ordinal)
            .ToList();

    private static List<string> Union(IEnumerable<string> a, IEnumerable<string> b)
    {
        var list = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in a.Concat(b))
        {
            if (seen.Add(item))
            {
                list.Add(item);
            }
        }

        return list;
    }

    private static List<EventTarget> CombineTargets(IReadOnlyList<EventTarget> first, IReadOnlyList<EventTarget> later)
    {
        var result = first.ToList();
        foreach (var t in later)
        {
            var key = EventIdentity.NormalizeName(t.NameEn ?? t.NameZh ?? "");
            var index = result.FindIndex(r => EventIdentity.NormalizeName(r.NameEn ?? r.NameZh ?? "") == key);
            if (index < 0)
            {
                result.Add(t);
                continue;
            }

            var r = result[index];
            result[index] = r with
            {
                NameEn = r.NameEn ?? t.NameEn,
                NameZh = r.NameZh ?? t.NameZh,
                Aliases = Union(r.Aliases, t.Aliases),
                Kind = r.Kind ?? t.Kind,
                Country = r.Country ?? t.Country,
                Position = r.Position ?? t.Position,
                PositionZh = r.PositionZh ?? t.PositionZh,
                WikidataId = r.WikidataId ?? t.WikidataId,
                Address = r.Address ?? t.Address,
            };
        }

        return result;
    }
}
