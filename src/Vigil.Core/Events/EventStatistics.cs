using Vigil.Core.Geo;

namespace Vigil.Core.Events;

/// <summary>One row of a count: the values of the group-by fields (in the order asked) and the number of events.</summary>
public sealed record EventCountRow(IReadOnlyList<string> Keys, int Count);

/// <summary>
/// Counts events grouped by fields. The count is a number of events: an event counts once in each group its targets
/// fall in, so with several targets in different groups the counts add up to more than the events (with one target per
/// event, as in the datasets, they add up exactly). See docs/events.md for each field.
/// </summary>
public static class EventStatistics
{
    /// <summary>The value of a field that is not known.</summary>
    public const string Unknown = "unknown";

    /// <summary>The group-by fields (announcement: the source URL of the notice, to count targets per announcement).</summary>
    public static IReadOnlyList<string> Fields { get; } = ["type", "year", "month", "target-country", "target-bloc", "target-kind", "body", "status", "announcement"];

    /// <summary>Resolves bloc names or ids ("EU", "European Union", "欧盟") to bloc ids; returns those it does not know.</summary>
    public static (IReadOnlyList<string> Ids, IReadOnlyList<string> Unknown) ResolveBlocs(IEnumerable<string> names, Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(gazetteer);
        var ids = new List<string>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            if (gazetteer.Bloc(name.Trim()) is { } bloc)
            {
                if (!ids.Contains(bloc.Id, StringComparer.Ordinal))
                {
                    ids.Add(bloc.Id);
                }
            }
            else
            {
                unknown.Add(name);
            }
        }

        return (ids, unknown);
    }

    /// <summary>
    /// Counts <paramref name="events"/> by the fields <paramref name="by"/> (each one of <see cref="Fields"/>). Rows are
    /// ordered by count (descending), then by the keys (ordinal).
    /// </summary>
    /// <param name="blocs">Bloc ids for target-bloc, in priority order (a country in two of them counts under the first).</param>
    public static IReadOnlyList<EventCountRow> Count(IEnumerable<LedgerEvent> events, IReadOnlyList<string> by, IReadOnlyList<string> blocs, Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(blocs);
        ArgumentNullException.ThrowIfNull(gazetteer);
        var unknownField = by.FirstOrDefault(f => !Fields.Contains(f, StringComparer.Ordinal));
        if (unknownField is not null)
        {
            throw new ArgumentException($"unknown group-by field '{unknownField}'; fields: {string.Join(", ", Fields)}.", nameof(by));
        }

        var counts = new Dictionary<string, (string[] Keys, int Count)>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (country, kind) in Subjects(e))
            {
                var keys = by.Select(f => Value(e, f, country, kind, blocs, gazetteer)).ToArray();
                var key = string.Join('\u001f', keys);
                if (!seen.Add(key))
                {
                    continue;
                }

                counts[key] = counts.TryGetValue(key, out var c) ? (c.Keys, c.Count + 1) : (keys, 1);
            }
        }

        return counts.Values
            .OrderByDescending(c => c.Count)
            .ThenBy(c => string.Join('\u001f', c.Keys), StringComparer.Ordinal)
            .Select(c => new EventCountRow(c.Keys, c.Count))
            .ToList();
    }

    /// <summary>
    /// The target country of an event on its date, as target-bloc counts it: EU institutions (code EU) are "EU"; a
    /// country that was a member of one of <paramref name="blocs"/> on the event's first day counts as that bloc;
    /// with an unknown date, or in no bloc, the country stays itself; no country is "unknown".
    /// </summary>
    public static string BlocOf(string? country, EventDate date, IReadOnlyList<string> blocs, Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(blocs);
        ArgumentNullException.ThrowIfNull(gazetteer);
        if (country is null)
        {
            return Unknown;
        }

        if (country == "EU")
        {
            return "EU";
        }

        if (date.First is { } day)
        {
            foreach (var bloc in blocs)
            {
                if (gazetteer.IsMember(bloc, country, day))
                {
                    return bloc;
                }
            }
        }

        return country;
    }

    /// <summary>
    /// True when one of the event's subjects (each target's country; without targets, each country) counts under
    /// <paramref name="blocId"/> by <see cref="BlocOf"/>: a member on the event's first day, or EU institutions for EU.
    /// </summary>
    public static bool InBloc(LedgerEvent e, string blocId, Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(blocId);
        IReadOnlyList<string> blocs = [blocId];
        return Subjects(e).Any(s => BlocOf(s.Country, e.Date, blocs, gazetteer) == blocId);
    }

    /// <summary>The (country, kind) of each target; an event without targets has one subject per country (or one unknown).</summary>
    private static IEnumerable<(string? Country, string? Kind)> Subjects(LedgerEvent e)
    {
        if (e.Targets.Count > 0)
        {
            foreach (var t in e.Targets)
            {
                yield return (t.Country, t.Kind);
            }

            yield break;
        }

        if (e.Countries.Count == 0)
        {
            yield return (null, null);
            yield break;
        }

        foreach (var country in e.Countries)
        {
            yield return (country, null);
        }
    }

    private static string Value(LedgerEvent e, string field, string? country, string? kind, IReadOnlyList<string> blocs, Gazetteer gazetteer) => field switch
    {
        "type" => e.Type,
        "year" => e.Date.Value is { } y ? y.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) : Unknown,
        "month" => e.Date.Value is { } m
            ? m.Month is null ? $"{m.Year:D4} (no month)" : m.First.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)
            : Unknown,
        "target-country" => country ?? Unknown,
        "target-bloc" => BlocOf(country, e.Date, blocs, gazetteer),
        "target-kind" => kind ?? Unknown,
        "body" => e.Body ?? Unknown,
        "status" => EventStatuses.Name(e.Status),
        "announcement" => e.SourceUrl ?? Unknown,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "unknown field"),
    };
}
