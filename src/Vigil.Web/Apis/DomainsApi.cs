using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Core.Documents;
using Vigil.Core.Ingestion;
using Vigil.Core.Output;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary>
/// <c>/api/taxonomy</c>, <c>/api/domains</c> and <c>/api/classify</c>: the security-domain taxonomy, the domains of
/// stored documents, and of any text sent (not stored) — <c>vigil taxonomy</c>, <c>vigil domains</c>, <c>vigil classify</c>.
/// </summary>
public static class DomainsApi
{
    public static RouteGroupBuilder MapDomainsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("domains").RequireAuthorization(Policies.Read);
        group.MapGet("/taxonomy", Taxonomy).WithName("Taxonomy").WithSummary("The taxonomy of a version (2014, 2021, 2024) with lexicons (vigil taxonomy)");
        group.MapGet("/domains", Domains).WithName("Domains")
            .WithSummary("Domains of stored documents or their paragraphs, with evidence (vigil domains); pages count documents");
        group.MapPost("/classify", Classify).WithName("Classify")
            .WithSummary("Classify a text (text/plain body, or one multipart file) without storing it (vigil classify)");
        return group;
    }

    public static Results<Ok<object>, ProblemHttpResult> Taxonomy(WebWorkspace workspace, string? version)
    {
        var (load, _) = workspace.Taxonomy(DocumentsApi.Blank(version));
        return load.Taxonomy is { } taxonomy ? TypedResults.Ok(JsonShapes.Taxonomy(taxonomy)) : Problems.BadRequest(string.Join(" ", load.Errors));
    }

    public static Results<Ok<PagedList>, ProblemHttpResult> Domains(WebWorkspace workspace, string[]? doc, string? level, string? taxonomy, bool? all,
        int? page, int? pageSize)
    {
        var (paging, problem) = Paging.From(page, pageSize, 20);
        if (problem is not null)
        {
            return problem;
        }

        if (level is not (null or "doc" or "paragraph"))
        {
            return Problems.BadRequest($"level must be doc or paragraph (got '{level}').");
        }

        var (load, classifier) = workspace.Taxonomy(DocumentsApi.Blank(taxonomy));
        if (classifier is null)
        {
            return Problems.BadRequest(string.Join(" ", load.Errors));
        }

        var docs = DocumentSelection.Select(workspace.Store, doc);
        if (docs.Documents is null)
        {
            return Problems.BadRequest(docs.Error!);
        }

        // Classifying is the costly part: only the documents of the requested page are classified.
        var includeAll = all ?? false;
        var rows = new List<object>();
        foreach (var info in docs.Documents.Skip(paging.Skip).Take(paging.PageSize))
        {
            if (workspace.Store.GetContent(info.Id) is not { } content)
            {
                continue;
            }

            if (level == "paragraph")
            {
                rows.AddRange(classifier.ClassifyParagraphs(content, includeAll).Select((p, i) => JsonShapes.ParagraphDomains(info, i, load.Taxonomy!, p)));
            }
            else
            {
                rows.Add(JsonShapes.DocumentDomains(info, load.Taxonomy!, classifier.ClassifyDocument(content, includeAll)));
            }
        }

        return TypedResults.Ok(new PagedList(rows, paging.Page, paging.PageSize, docs.Documents.Count));
    }

    public static async Task<Results<Ok<object>, ProblemHttpResult>> Classify(HttpContext context, WebWorkspace workspace, VigilWebOptions options,
        string? level, string? taxonomy, bool? all, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (level is not (null or "doc" or "paragraph"))
        {
            return Problems.BadRequest($"level must be doc or paragraph (got '{level}').");
        }

        var (load, classifier) = workspace.Taxonomy(DocumentsApi.Blank(taxonomy));
        if (classifier is null)
        {
            return Problems.BadRequest(string.Join(" ", load.Errors));
        }

        var upload = await Uploads.ReadSingleAsync(context, options.MaxUploadBytes, cancellationToken).ConfigureAwait(false);
        if (upload.Problem is not null)
        {
            return upload.Problem;
        }

        var read = DocumentReader.Read(upload.Bytes!, upload.Name!, cancellationToken: cancellationToken);
        if (read.Content is not { } content)
        {
            return Problems.Status(StatusCodes.Status422UnprocessableEntity, "The text could not be read", $"{upload.Name}: {read.Error}");
        }

        var includeAll = all ?? false;
        var document = classifier.ClassifyDocument(content, includeAll);
        var paragraphs = level == "paragraph" ? classifier.ClassifyParagraphs(content, includeAll) : null;
        return TypedResults.Ok(JsonShapes.Classification(upload.Name!, load.Taxonomy!, document, paragraphs));
    }
}
