using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Vigil.Core.Documents;
using Vigil.Core.Ingestion;
using Vigil.Core.Output;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary>
/// <c>POST /api/ingest</c> (admin): upload files to ingest. Each file is kept under
/// <c>DATA/uploads/&lt;first 16 hex digits of its SHA-256&gt;/&lt;plain name&gt;</c> (nothing ingested is lost, and the
/// path is made by Vigil, never taken from the request) and ingested as <c>vigil ingest</c> would.
/// </summary>
public static class IngestApi
{
    public const string UploadFolder = "uploads";

    public static RouteGroupBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/ingest").WithTags("ingest").RequireAuthorization(Policies.Admin);
        group.MapPost("/", Ingest).WithName("Ingest")
            .WithSummary("Upload files (multipart/form-data, field files; optional fields source and date) and ingest them; per-file results in uploads");
        return group;
    }

    public static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Ingest(HttpContext context, WebWorkspace workspace, VigilWebOptions options,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(json);
        var (files, form, problem) = await Uploads.ReadFilesAsync(context, options.MaxUploadBytes, options.MaxUploadFiles, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var source = DocumentsApi.Blank(form!["source"].ToString());
        var date = DocumentsApi.Blank(form["date"].ToString());
        if (date is not null && !PartialDate.TryParse(date, out _))
        {
            return Problems.BadRequest($"date '{date}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD.");
        }

        if (source is { Length: > 200 })
        {
            return Problems.BadRequest("source is longer than 200 characters.");
        }

        var root = Path.GetFullPath(Path.Combine(workspace.DataDirectory, UploadFolder));
        var entries = new List<Entry>();
        foreach (var file in files!)
        {
            if (file.SafeName is null || !Uploads.AcceptedExtensions.Contains(Path.GetExtension(file.SafeName), StringComparer.OrdinalIgnoreCase))
            {
                entries.Add(new Entry(file.ClientName, null, null,
                    $"not accepted: Vigil reads {string.Join(", ", Uploads.AcceptedExtensions.Order(StringComparer.Ordinal))} files"));
                continue;
            }

            if (file.Bytes.Length == 0)
            {
                entries.Add(new Entry(file.ClientName, null, null, "empty file"));
                continue;
            }

            var id = Convert.ToHexStringLower(SHA256.HashData(file.Bytes))[..16];
            var folder = Path.Combine(root, id);
            var path = Path.GetFullPath(Path.Combine(folder, file.SafeName));

            // SafeFileName leaves a plain name; this check makes the guarantee explicit.
            if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                entries.Add(new Entry(file.ClientName, null, null, "not accepted: the file name is not a plain name"));
                continue;
            }

            Directory.CreateDirectory(folder);
            if (!File.Exists(path))
            {
                await File.WriteAllBytesAsync(path, file.Bytes, cancellationToken).ConfigureAwait(false);
            }

            entries.Add(new Entry(file.ClientName, path, id, null));
        }

        var paths = entries.Where(e => e.Path is not null).Select(e => e.Path!).Distinct(StringComparer.Ordinal).ToList();
        var report = paths.Count == 0 ? new IngestReport()
            : await workspace.IngestAsync(paths, new IngestOptions { Source = source, Date = date is null ? null : PartialDate.Parse(date, "date").ToString(), Parallelism = 2 },
                cancellationToken).ConfigureAwait(false);

        var failures = report.Failed.ToDictionary(f => f.Path, f => f.Error, StringComparer.Ordinal);
        var created = report.DocumentIds.ToHashSet(StringComparer.Ordinal);
        var uploads = new List<object>();
        foreach (var entry in entries)
        {
            if (entry.Path is null)
            {
                uploads.Add(new { name = entry.ClientName, status = "rejected", doc = (string?)null, error = entry.Error });
            }
            else if (failures.TryGetValue(entry.Path, out var error))
            {
                uploads.Add(new { name = entry.ClientName, status = "failed", doc = (string?)null, error = (string?)error });
            }
            else
            {
                // A file is "new" once: a second copy of the same content in this request is a duplicate.
                var isNew = created.Remove(entry.Id!);
                uploads.Add(new { name = entry.ClientName, status = isNew ? "new" : "duplicate", doc = (string?)entry.Id, error = (string?)null });
            }
        }

        var body = JsonSerializer.SerializeToNode(JsonShapes.IngestReport(report), json.Value.SerializerOptions)!.AsObject();
        body["rejected"] = entries.Count(e => e.Path is null);
        body["uploads"] = JsonSerializer.SerializeToNode(uploads, json.Value.SerializerOptions);
        return TypedResults.Ok(body);
    }

    private sealed record Entry(string ClientName, string? Path, string? Id, string? Error);
}
