using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Core.Entities;
using Vigil.Core.Geo;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary>
/// <c>/api/entities</c> (<c>vigil entities lists|match</c>): the imported entity lists and names matched against them;
/// <c>/api/gazetteer/lookup</c> (<c>vigil gazetteer lookup</c>): what country code a field resolves to.
/// </summary>
public static class EntitiesApi
{
    /// <summary>The most names one match request may look for.</summary>
    public const int MaxNames = 100;

    public static RouteGroupBuilder MapEntitiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/entities").WithTags("entities").RequireAuthorization(Policies.Read);
        group.MapGet("/lists", Lists).WithName("ListEntityLists").WithSummary("The imported entity lists (vigil entities lists --json)");
        group.MapGet("/match", Match).WithName("MatchEntities")
            .WithSummary("Match names (repeat name=) against the imported lists with a similarity score (vigil entities match --json); list, min-score, limit");
        var gazetteer = app.MapGroup("/api/gazetteer").WithTags("gazetteer").RequireAuthorization(Policies.Read);
        gazetteer.MapGet("/blocs", Blocs).WithName("GazetteerBlocs").WithSummary("The blocs (EU, G7, …) event filters and statistics know: id, English and Chinese name");
        gazetteer.MapGet("/lookup", Lookup).WithName("GazetteerLookup").WithSummary("Resolve country fields (repeat q=) to ISO codes (vigil gazetteer lookup --json)");
        return group;
    }

    public static Ok<object> Lists(EventLedger ledger)
    {
        using var store = ledger.OpenEntities();
        return TypedResults.Ok(EntityJson.Lists(store.Lists()));
    }

    public static Results<Ok<object>, ProblemHttpResult> Match(EventLedger ledger, HttpContext context, string? list, int? limit)
    {
        ArgumentNullException.ThrowIfNull(context);
        var names = context.Request.Query["name"].Select(n => n?.Trim() ?? "").Where(n => n.Length > 0).ToList();
        if (names.Count == 0)
        {
            return Problems.Field("name", "give one or more names to look for (name=…, repeatable).");
        }

        if (names.Count > MaxNames || names.Any(n => n.Length > 500))
        {
            return Problems.Field("name", $"at most {MaxNames} names of at most 500 characters per request.");
        }

        var min = EntityMatcher.DefaultMinScore;
        var minText = context.Request.Query["min-score"].ToString();
        if (minText.Length > 0 && (!double.TryParse(minText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out min)
            || double.IsNaN(min) || min is < 0 or > 1))
        {
            return Problems.Field("min-score", $"min-score must be a number between 0 and 1 (got '{minText}').");
        }

        var max = limit ?? 5;
        if (max is < 0 or > 1000)
        {
            return Problems.Field("limit", "limit must be 0 (all) to 1000.");
        }

        var listId = string.IsNullOrWhiteSpace(list) ? "all" : list.Trim();
        if (listId != "all" && !EntityLists.All.Contains(listId, StringComparer.Ordinal))
        {
            return Problems.Field("list", $"list must be one of {string.Join(", ", EntityLists.All)} or all (got '{listId}').");
        }

        IReadOnlyList<ListEntry> entries;
        using (var store = ledger.OpenEntities())
        {
            entries = store.Entries(listId == "all" ? null : listId);
        }

        if (entries.Count == 0)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "No entity list is imported",
                listId == "all"
                    ? "no entity list is imported; run 'vigil entities import FILE --list cn-sanctions|us-1260h' first."
                    : $"the {listId} list is not imported; run 'vigil entities import FILE --list {listId}' first.");
        }

        var matcher = new EntityMatcher(entries);
        return TypedResults.Ok(EntityJson.Matches(names.Select(q => (q, matcher.Match(q, min, max))).ToList()));
    }

    public static Ok<object> Blocs() =>
        TypedResults.Ok<object>(Gazetteer.BuiltIn.Blocs.Select(b => new { id = b.Id, name = b.NameEn, name_zh = b.NameZh }).ToList());

    public static Results<Ok<object>, ProblemHttpResult> Lookup(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fields = context.Request.Query["q"].Select(q => q ?? "").Where(q => q.Trim().Length > 0).ToList();
        if (fields.Count == 0 || fields.Count > MaxNames || fields.Any(f => f.Length > 500))
        {
            return Problems.Field("q", $"give 1 to {MaxNames} country fields (q=…, repeatable) of at most 500 characters.");
        }

        return TypedResults.Ok(GazetteerJson.Lookup(Gazetteer.BuiltIn, fields, out _));
    }
}
