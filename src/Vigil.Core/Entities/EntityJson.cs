namespace Vigil.Core.Entities;

/// <summary>
/// The JSON of entity-list results (<c>vigil entities lists|match --json</c>), shared with the web API's
/// <c>/api/entities</c> so both write the same shapes.
/// </summary>
public static class EntityJson
{
    /// <summary><c>{lists: [{list, entries, rejected, file, sha256, importedAt}]}</c>.</summary>
    public static object Lists(IReadOnlyList<ListInfo> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        return new
        {
            lists = lists.Select(l => new { list = l.ListId, entries = l.Entries, rejected = l.Rejected, file = l.SourceFile, sha256 = l.Sha256, importedAt = l.ImportedAt }),
        };
    }

    /// <summary><c>{matches: [{query, results: [{list, name, matched, field, score, entry, source}]}]}</c>.</summary>
    public static object Matches(IEnumerable<(string Query, IReadOnlyList<EntityMatch> Results)> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new
        {
            matches = results.Select(r => new
            {
                query = r.Query,
                results = r.Results.Select(m => new
                {
                    list = m.Entry.ListId,
                    name = m.Entry.Name,
                    matched = m.Matched,
                    field = m.MatchedField,
                    score = m.Score,
                    entry = Entry(m.Entry),
                    source = Source(m.Entry),
                }),
            }),
        };
    }

    /// <summary>A list entry's own fields.</summary>
    public static object Entry(ListEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new
        {
            kind = e.Kind,
            name = e.Name,
            aliases = e.Aliases,
            chineseName = e.ChineseName,
            country = e.Country,
            startDate = e.StartDate,
            endDate = e.EndDate,
            details = e.Details.ToDictionary(d => d.Key, d => d.Value),
        };
    }

    /// <summary>Where the entry comes from: <c>{file, row, url}</c>.</summary>
    public static object Source(ListEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new { file = e.SourceFile, row = e.Row, url = e.SourceUrl };
    }
}
