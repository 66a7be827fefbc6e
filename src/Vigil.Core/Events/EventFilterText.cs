using Vigil.Core.Documents;
using Vigil.Core.Geo;

namespace Vigil.Core.Events;

/// <summary>
/// The ledger's filters as a user types them (command-line options, URL query values), before they are checked.
/// <see cref="TryParse"/> turns them into an <see cref="EventFilter"/>; the CLI and the web API share it, so
/// <c>--country Japan</c> and <c>?country=Japan</c> select the same events.
/// </summary>
public sealed record EventFilterText
{
    public string? Type { get; init; }

    public string? Status { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public string? Country { get; init; }

    public string? Bloc { get; init; }

    public string? Body { get; init; }

    public string? Text { get; init; }

    public bool Flagged { get; init; }

    public string? File { get; init; }

    public string? Document { get; init; }

    /// <summary>A problem with one field: its name (as the user wrote it, with the prefix given) and what is wrong.</summary>
    public sealed record Problem(string Field, string Message);

    /// <summary>
    /// The filter, or null and the problem naming the field. <paramref name="prefix"/> is put before field names in
    /// messages ("--" on the command line, "" for query parameters).
    /// </summary>
    public EventFilter? TryParse(Gazetteer gazetteer, string prefix, out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        problem = null;
        DateOnly? from = null, to = null;
        if (Blank(From) is { } f)
        {
            if (!PartialDate.TryParse(f, out var d))
            {
                problem = new Problem(prefix + "from", $"{prefix}from '{f}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD.");
                return null;
            }

            from = d.First;
        }

        if (Blank(To) is { } t)
        {
            if (!PartialDate.TryParse(t, out var d))
            {
                problem = new Problem(prefix + "to", $"{prefix}to '{t}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD.");
                return null;
            }

            to = d.Last;
        }

        if (from > to)
        {
            problem = new Problem(prefix + "from", $"{prefix}from is after {prefix}to.");
            return null;
        }

        EventStatus? status = null;
        if (Blank(Status) is { } s)
        {
            if (!EventStatuses.TryParse(s, out var parsed))
            {
                problem = new Problem(prefix + "status", $"{prefix}status '{s}' is not one of {string.Join(", ", EventStatuses.Names)}.");
                return null;
            }

            status = parsed;
        }

        string? bloc = null;
        if (Blank(Bloc) is { } b)
        {
            if (gazetteer.Bloc(b) is not { } found)
            {
                problem = new Problem(prefix + "bloc", $"{prefix}bloc '{b}' is not a bloc Vigil knows ({string.Join(", ", gazetteer.Blocs.Select(x => x.Id))}).");
                return null;
            }

            bloc = found.Id;
        }

        return new EventFilter
        {
            TypePrefix = Blank(Type)?.ToLowerInvariant(),
            Status = status,
            From = from,
            To = to,
            // A name or code the gazetteer knows ("Japan", "日本", "jp") becomes its code; anything else is taken as given.
            Country = Blank(Country) is { } country ? gazetteer.Match(country)?.Code ?? country.ToUpperInvariant() : null,
            Bloc = bloc,
            Body = Blank(Body),
            Text = Blank(Text),
            FlaggedOnly = Flagged,
            File = Blank(File),
            Document = Blank(Document)?.ToLowerInvariant(),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
