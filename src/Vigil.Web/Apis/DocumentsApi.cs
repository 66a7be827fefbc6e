using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Core.Documents;
using Vigil.Core.Domains;
using Vigil.Core.Output;
using Vigil.Core.Storage;
using Vigil.Core.Tifa;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary>
/// <c>/api/documents</c>: the catalogue (<c>vigil docs</c>), one document's metadata, its original text, its
/// domains with evidence (<c>vigil domains --doc</c>), the evidence as spans of the text, and the formulations in it.
/// </summary>
public static class DocumentsApi
{
    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/documents").WithTags("documents").RequireAuthorization(Policies.Read);
        group.MapGet("/", List).WithName("ListDocuments").WithSummary("Stored documents with their metadata (vigil docs), a page at a time");
        group.MapGet("/{id}", Get).WithName("GetDocument").WithSummary("One document's metadata; id is an id or a unique id prefix (4+ characters)");
        group.MapGet("/{id}/text", Text).WithName("GetDocumentText").WithSummary("The original text as extracted, as text/plain");
        group.MapGet("/{id}/domains", Domains).WithName("GetDocumentDomains").WithSummary("Security domains of the document or its paragraphs, with evidence (vigil domains --doc)");
        group.MapGet("/{id}/evidence", Evidence).WithName("GetDocumentEvidence").WithSummary("Every evidence match of every domain as a span of the original text");
        group.MapGet("/{id}/formulations", Formulations).WithName("GetDocumentFormulations").WithSummary("Formulations (提法) of the dictionary found in the document");
        return group;
    }

    public static Results<Ok<PagedList>, ProblemHttpResult> List(WebWorkspace workspace, string? lang, string? source, int? page, int? pageSize)
    {
        var (paging, problem) = Paging.From(page, pageSize);
        if (problem is not null)
        {
            return problem;
        }

        var docs = workspace.Store.List(new DocumentFilter { Language = Blank(lang), Source = Blank(source) });
        return TypedResults.Ok(paging.Of(docs, JsonShapes.Document));
    }

    public static Results<Ok<object>, ProblemHttpResult> Get(WebWorkspace workspace, string id) =>
        Find(workspace, id) is { } info ? TypedResults.Ok(JsonShapes.Document(info)) : NotFound(id);

    public static Results<ContentHttpResult, ProblemHttpResult> Text(WebWorkspace workspace, string id)
    {
        if (Find(workspace, id) is not { } info)
        {
            return NotFound(id);
        }

        return workspace.Store.GetContent(info.Id) is { } content
            ? TypedResults.Text(content.Original, "text/plain; charset=utf-8")
            : MissingText(info);
    }

    public static Results<Ok<IReadOnlyList<object>>, ProblemHttpResult> Domains(WebWorkspace workspace, string id, string? level, string? taxonomy, bool? all)
    {
        if (level is not (null or "doc" or "paragraph"))
        {
            return Problems.BadRequest($"level must be doc or paragraph (got '{level}').");
        }

        if (Find(workspace, id) is not { } info)
        {
            return NotFound(id);
        }

        var (load, classifier) = workspace.Taxonomy(Blank(taxonomy));
        if (classifier is null)
        {
            return Problems.BadRequest(string.Join(" ", load.Errors));
        }

        if (workspace.Store.GetContent(info.Id) is not { } content)
        {
            return MissingText(info);
        }

        var includeAll = all ?? false;
        IReadOnlyList<object> rows = level == "paragraph"
            ? [.. classifier.ClassifyParagraphs(content, includeAll).Select((p, i) => JsonShapes.ParagraphDomains(info, i, load.Taxonomy!, p))]
            : [JsonShapes.DocumentDomains(info, load.Taxonomy!, classifier.ClassifyDocument(content, includeAll))];
        return TypedResults.Ok(rows);
    }

    public static Results<Ok<object>, ProblemHttpResult> Evidence(WebWorkspace workspace, string id, string? taxonomy)
    {
        if (Find(workspace, id) is not { } info)
        {
            return NotFound(id);
        }

        var (load, classifier) = workspace.EvidenceTaxonomy(Blank(taxonomy));
        if (classifier is null)
        {
            return Problems.BadRequest(string.Join(" ", load.Errors));
        }

        if (workspace.Store.GetContent(info.Id) is not { } content)
        {
            return MissingText(info);
        }

        var result = classifier.ClassifyDocument(content);
        var view = load.Taxonomy!;
        return TypedResults.Ok<object>(new
        {
            doc = info.Id,
            taxonomy = view.Version,
            threshold = classifier.Parameters.Threshold,
            domains = result.Domains.Select(d => new
            {
                id = d.Id,
                zh = view.Find(d.Id)!.ZhIn(view.Version),
                en = view.Find(d.Id)!.EnIn(view.Version),
                score = d.Score,
                assigned = d.Assigned,
                matches = d.Terms.Sum(t => t.Count),
            }),
            spans = EvidenceSpans.Of(result).Select(JsonShapes.EvidenceSpan),
        });
    }

    public static Results<Ok<IReadOnlyList<object>>, ProblemHttpResult> Formulations(WebWorkspace workspace, string id)
    {
        if (Find(workspace, id) is not { } info)
        {
            return NotFound(id);
        }

        var found = DocumentFormulations.Find(workspace.Formulations, TrackedDocument.Load(workspace.Store, info));
        return TypedResults.Ok<IReadOnlyList<object>>([.. found.Select(JsonShapes.FoundFormulation)]);
    }

    /// <summary>A document by id or unique id prefix (paths are not accepted in a URL segment).</summary>
    internal static DocumentInfo? Find(WebWorkspace workspace, string id) =>
        id.Length is >= 4 and <= 64 && id.All(char.IsAsciiHexDigit) ? workspace.Store.Resolve(id) : null;

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ProblemHttpResult NotFound(string id) =>
        Problems.NotFound($"no document matches '{id}'; GET /api/documents lists ids (an id prefix needs 4 or more hex digits and must be unique).");

    private static ProblemHttpResult MissingText(DocumentInfo info) =>
        Problems.Status(StatusCodes.Status409Conflict, "The document has no stored text", $"document {info.Id} ({info.Path}) has no stored text; ingest it again.");
}
