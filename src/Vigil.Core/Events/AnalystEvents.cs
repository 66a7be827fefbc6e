using Vigil.Core.Geo;

namespace Vigil.Core.Events;

/// <summary>A target as an analyst enters it: names, kind and a country field (a code or a name the gazetteer knows).</summary>
public sealed record TargetDraft
{
    public string? NameEn { get; init; }

    public string? NameZh { get; init; }

    public string? Kind { get; init; }

    public string? Country { get; init; }

    public string? Position { get; init; }
}

/// <summary>
/// An event an analyst records by hand (the web workbench's form, <c>POST /api/events</c>): the fields as typed, before
/// they are checked. <see cref="AnalystEvents.Create"/> validates them against the type catalog and the gazetteer.
/// </summary>
public sealed record EventDraft
{
    public string? Type { get; init; }

    public string? Date { get; init; }

    public string? EndDate { get; init; }

    public string? Body { get; init; }

    public IReadOnlyList<TargetDraft>? Targets { get; init; }

    /// <summary>Country fields (codes or names); the targets' countries are added to them.</summary>
    public IReadOnlyList<string>? Countries { get; init; }

    public string? Summary { get; init; }

    public string? SummaryZh { get; init; }

    /// <summary>The published source (the official notice or report): an http(s) URL. Required: every event is sourced.</summary>
    public string? SourceUrl { get; init; }

    public string? Notes { get; init; }

    /// <summary>proposed, confirmed (default: the analyst has read the source) or rejected.</summary>
    public string? Status { get; init; }
}

/// <summary>
/// Events recorded and edited by analysts. The CLI's interactive review and the web API share these rules:
/// a new type brings its default domains unless the analyst set domains, a note is appended to the notes.
/// </summary>
public static class AnalystEvents
{
    /// <summary>The longest text accepted in one field (a name, a summary, a note).</summary>
    public const int MaxFieldLength = 4000;

    /// <summary>The most targets one event may have.</summary>
    public const int MaxTargets = 100;

    /// <summary>A problem with one field of the draft: the field's JSON name and what to do.</summary>
    public sealed record Problem(string Field, string Message);

    /// <summary>
    /// The event the draft describes, or null and the first problem (naming the field). The id is derived from the type,
    /// the target names (or the summary), the body and the source URL (<see cref="EventIdentity.ForDatasetTarget"/> and
    /// <see cref="EventIdentity.ForDatasetEvent"/>), so entering the same event twice finds the same id.
    /// </summary>
    public static LedgerEvent? Create(EventDraft draft, EventTypeCatalog types, Gazetteer gazetteer, out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(gazetteer);
        problem = null;
        var type = Trim(draft.Type)?.ToLowerInvariant();
        if (type is null || types.Find(type) is null)
        {
            problem = new Problem("type", type is null
                ? "type is required: an event type id such as sanction.counter or police.training (GET /api/events/types lists them)."
                : $"type '{type}' is not an event type (GET /api/events/types lists them; DATA/event-types.txt adds types).");
            return null;
        }

        if (!EventDate.TryParse(draft.Date, out var date))
        {
            problem = new Problem("date", $"date '{draft.Date}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (or leave it empty when unknown).");
            return null;
        }

        if (!EventDate.TryParse(draft.EndDate, out var endDate))
        {
            problem = new Problem("end_date", $"end_date '{draft.EndDate}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD.");
            return null;
        }

        if (endDate.First is { } end && date.First is { } start && end < start)
        {
            problem = new Problem("end_date", "end_date is before date.");
            return null;
        }

        var sourceUrl = Trim(draft.SourceUrl);
        if (sourceUrl is null || !Uri.TryCreate(sourceUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            problem = new Problem("source_url", sourceUrl is null
                ? "source_url is required: the published notice or report the event comes from (an http or https URL)."
                : $"source_url '{sourceUrl}' is not an http or https URL.");
            return null;
        }

        var targets = new List<EventTarget>();
        var countries = new List<string>();
        var drafts = draft.Targets ?? [];
        if (drafts.Count > MaxTargets)
        {
            problem = new Problem("targets", $"an event may have at most {MaxTargets} targets (got {drafts.Count}).");
            return null;
        }

        for (var i = 0; i < drafts.Count; i++)
        {
            var t = drafts[i];
            var field = $"targets[{i}]";
            var en = Trim(t.NameEn);
            var zh = Trim(t.NameZh);
            if (en is null && zh is null)
            {
                problem = new Problem(field + ".name_en", $"{field} has no name; give name_en or name_zh.");
                return null;
            }

            var kind = Trim(t.Kind)?.ToLowerInvariant();
            if (kind is not null && !EventTarget.Kinds.Contains(kind, StringComparer.Ordinal))
            {
                problem = new Problem(field + ".kind", $"{field}.kind '{kind}' is not one of {string.Join(", ", EventTarget.Kinds)}.");
                return null;
            }

            string? code = null;
            if (Trim(t.Country) is { } country)
            {
                if (CountryCode(country, gazetteer) is not { } resolved)
                {
                    problem = new Problem(field + ".country", UnknownCountry(field + ".country", country, gazetteer));
                    return null;
                }

                code = resolved;
                if (!countries.Contains(code, StringComparer.Ordinal))
                {
                    countries.Add(code);
                }
            }

            targets.Add(new EventTarget { NameEn = en, NameZh = zh, Kind = kind, Country = code, Position = Trim(t.Position) });
        }

        var countryFields = draft.Countries ?? [];
        for (var i = 0; i < countryFields.Count; i++)
        {
            if (Trim(countryFields[i]) is not { } country)
            {
                continue;
            }

            if (CountryCode(country, gazetteer) is not { } code)
            {
                problem = new Problem($"countries[{i}]", UnknownCountry($"countries[{i}]", country, gazetteer));
                return null;
            }

            if (!countries.Contains(code, StringComparer.Ordinal))
            {
                countries.Add(code);
            }
        }

        var summary = Trim(draft.Summary);
        if (targets.Count == 0 && summary is null)
        {
            problem = new Problem("targets", "targets or summary is required: an event needs a target (targets[0].name_en or name_zh) or a summary saying what happened.");
            return null;
        }

        var status = EventStatus.Confirmed;
        if (Trim(draft.Status) is { } statusText && !EventStatuses.TryParse(statusText, out status))
        {
            problem = new Problem("status", $"status '{statusText}' is not one of {string.Join(", ", EventStatuses.Names)}.");
            return null;
        }

        foreach (var (name, value) in new[] { ("body", draft.Body), ("summary", draft.Summary), ("summary_zh", draft.SummaryZh), ("notes", draft.Notes) })
        {
            if (value is { Length: > MaxFieldLength })
            {
                problem = new Problem(name, $"{name} is longer than {MaxFieldLength} characters.");
                return null;
            }
        }

        if (targets.Any(t => (t.NameEn?.Length ?? 0) > MaxFieldLength || (t.NameZh?.Length ?? 0) > MaxFieldLength || (t.Position?.Length ?? 0) > MaxFieldLength))
        {
            problem = new Problem("targets", $"a target's name or position is longer than {MaxFieldLength} characters.");
            return null;
        }

        var body = Trim(draft.Body);
        var names = string.Join("\u001e", targets.Select(t => EventIdentity.NormalizeName(t.DisplayName)).Order(StringComparer.Ordinal));
        var id = targets.Count > 0
            ? EventIdentity.ForDatasetTarget(type, names, body, sourceUrl)
            : EventIdentity.ForDatasetEvent(type, body, sourceUrl, countries, summary);
        return new LedgerEvent
        {
            Id = id,
            Type = type,
            Date = date,
            EndDate = endDate,
            Body = body,
            Targets = targets,
            Countries = countries,
            Domains = types.Find(type)!.Domains,
            Confidence = 1,
            Status = status,
            Notes = Trim(draft.Notes),
            Summary = summary,
            SummaryZh = Trim(draft.SummaryZh),
            SourceUrl = sourceUrl,
        };
    }

    /// <summary>
    /// An analyst's edit of type, date and notes (the CLI's review and <c>PATCH /api/events/{id}</c>): a new type brings
    /// its default domains unless the analyst has set domains; a note is appended on its own line.
    /// </summary>
    public static LedgerEvent Edit(LedgerEvent current, EventTypeCatalog types, string? type, EventDate? date, string? note)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(types);
        var typeId = type?.Trim() ?? current.Type;
        var addition = Trim(note);
        return current with
        {
            Type = typeId,
            Domains = typeId != current.Type && !current.Edited.Contains("domains") ? types.Find(typeId)?.Domains ?? current.Domains : current.Domains,
            Date = date ?? current.Date,
            Notes = addition is null ? current.Notes : string.IsNullOrEmpty(current.Notes) ? addition : current.Notes + "\n" + addition,
        };
    }

    private static string? CountryCode(string field, Gazetteer gazetteer) => gazetteer.Match(field)?.Code;

    private static string UnknownCountry(string field, string value, Gazetteer gazetteer)
    {
        var candidates = gazetteer.AmbiguousCodes(value);
        return candidates.Count > 0
            ? $"{field} '{value}' could mean {string.Join(" or ", candidates)}; give the ISO code or a fuller name."
            : $"{field} '{value}' is not a country name or ISO code the gazetteer knows (GET /api/gazetteer/lookup?q=… checks a name).";
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
