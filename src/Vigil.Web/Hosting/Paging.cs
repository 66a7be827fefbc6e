using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigil.Web.Hosting;

/// <summary>A page of a list: <c>?page=1&amp;pageSize=50</c> (pages count from 1).</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 10_000;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>Reads the query values; a problem (400) when they are out of range.</summary>
    public static (Paging Paging, ProblemHttpResult? Problem) From(int? page, int? pageSize, int defaultPageSize = DefaultPageSize)
    {
        var p = page ?? 1;
        var size = pageSize ?? defaultPageSize;
        if (p < 1 || p > 1_000_000)
        {
            return (default, Problems.BadRequest($"page must be 1 to 1000000 (got {p})."));
        }

        if (size < 1 || size > MaxPageSize)
        {
            return (default, Problems.BadRequest($"pageSize must be 1 to {MaxPageSize} (got {size})."));
        }

        return (new Paging(p, size), null);
    }

    /// <summary>The page of <paramref name="all"/> with the total, as every list endpoint returns it.</summary>
    public PagedList Of<T>(IEnumerable<T> all, Func<T, object> shape)
    {
        ArgumentNullException.ThrowIfNull(all);
        var total = 0;
        var items = new List<object>(Math.Min(PageSize, 1024));
        foreach (var item in all)
        {
            if (total >= Skip && items.Count < PageSize)
            {
                items.Add(shape(item));
            }

            total++;
        }

        return new PagedList(items, Page, PageSize, total);
    }
}

/// <summary>The envelope of a list: the items of one page and the number of items in all pages.</summary>
public sealed record PagedList(
    [property: JsonPropertyName("items")] IReadOnlyList<object> Items,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("total")] int Total);

/// <summary>Errors as RFC 9457 problem details.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "The request cannot be used as it is");

    /// <summary>A 400 naming the request field at fault (also as the extension <c>field</c>, for a form to point at it).</summary>
    public static ProblemHttpResult Field(string field, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "The request cannot be used as it is",
            extensions: new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
