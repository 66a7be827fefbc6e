using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Formats;

namespace Vigil.Web.Hosting;

/// <summary>One uploaded file held in memory, with the name it may be stored under.</summary>
/// <param name="ClientName">The name the client sent (for messages only; never used as a path).</param>
/// <param name="SafeName">A plain file name derived from it, or null when none could be.</param>
public sealed record UploadedFile(string ClientName, string? SafeName, byte[] Bytes);

/// <summary>
/// Reading request bodies that carry documents: size limits enforced while reading (not only from
/// Content-Length), multipart only where files are expected, and client file names reduced to a plain name
/// with an accepted extension before anything touches the disk.
/// </summary>
public static class Uploads
{
    /// <summary>The extensions Vigil can ingest (the parsers' list).</summary>
    public static IReadOnlyCollection<string> AcceptedExtensions => FormatDetector.SupportedExtensions;

    /// <summary>Reads the files of a multipart/form-data request (and its form fields), or a problem.</summary>
    public static async Task<(IReadOnlyList<UploadedFile>? Files, IFormCollection? Form, ProblemHttpResult? Problem)> ReadFilesAsync(HttpContext context, long maxBytes,
        int maxFiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!request.HasFormContentType || !(request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Send the files as multipart/form-data",
                "upload files as multipart/form-data, one part per file (field name: files)."));
        }

        if (TooLarge(context, maxBytes) is { } tooLarge)
        {
            return (null, null, tooLarge);
        }

        IFormCollection form;
        try
        {
            context.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
            {
                MultipartBodyLengthLimit = maxBytes,
                ValueCountLimit = maxFiles + 16,
                BufferBodyLengthLimit = maxBytes,
            }));
            form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return (null, null, Limit(maxBytes, ex.Message));
        }

        if (form.Files.Count == 0)
        {
            return (null, null, Problems.BadRequest("the request has no file; add one part per file (field name: files)."));
        }

        if (form.Files.Count > maxFiles)
        {
            return (null, null, Problems.BadRequest($"the request has {form.Files.Count} files; send at most {maxFiles} per request."));
        }

        var files = new List<UploadedFile>(form.Files.Count);
        foreach (var file in form.Files)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            files.Add(new UploadedFile(file.FileName, SafeFileName(file.FileName), buffer.ToArray()));
        }

        return (files, form, null);
    }

    /// <summary>Reads one text: a text/plain body (UTF-8), or the single file of a multipart request.</summary>
    public static async Task<(byte[]? Bytes, string? Name, ProblemHttpResult? Problem)> ReadSingleAsync(HttpContext context, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if ((request.ContentType ?? "").StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            if (TooLarge(context, maxBytes) is { } tooLarge)
            {
                return (null, null, tooLarge);
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            try
            {
                while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    buffer.Write(chunk, 0, read);
                    if (buffer.Length > maxBytes)
                    {
                        return (null, null, Limit(maxBytes, null));
                    }
                }
            }
            catch (BadHttpRequestException ex)
            {
                return (null, null, Limit(maxBytes, ex.Message));
            }

            return buffer.Length == 0
                ? (null, null, Problems.BadRequest("the request body is empty; send the text to classify."))
                : (buffer.ToArray(), "request.txt", null);
        }

        var (files, _, problem) = await ReadFilesAsync(context, maxBytes, 1, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        var file = files![0];
        if (file.SafeName is null || !AcceptedExtensions.Contains(Path.GetExtension(file.SafeName), StringComparer.OrdinalIgnoreCase))
        {
            return (null, null, UnsupportedType(file.ClientName));
        }

        return (file.Bytes, file.SafeName, null);
    }

    /// <summary>
    /// A plain file name from a client's name: the last path segment, without control or reserved characters,
    /// leading dots or trailing dots and spaces, at most 120 characters (keeping the extension). Null when
    /// nothing usable is left.
    /// </summary>
    public static string? SafeFileName(string? clientName)
    {
        if (string.IsNullOrEmpty(clientName))
        {
            return null;
        }

        var last = clientName[(Math.Max(clientName.LastIndexOf('/'), clientName.LastIndexOf('\\')) + 1)..];
        var sb = new StringBuilder(last.Length);
        foreach (var c in last)
        {
            if (!char.IsControl(c) && c is not (':' or '*' or '?' or '"' or '<' or '>' or '|') && !char.IsSurrogate(c) && c != '\u202e')
            {
                sb.Append(c);
            }
        }

        var name = sb.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        if (name.Length == 0)
        {
            return null;
        }

        if (name.Length > 120)
        {
            var extension = Path.GetExtension(name);
            extension = extension.Length > 10 ? "" : extension;
            name = name[..(120 - extension.Length)] + extension;
        }

        return name;
    }

    public static ProblemHttpResult UnsupportedType(string clientName) =>
        Problems.Status(StatusCodes.Status415UnsupportedMediaType, "This type of file is not accepted",
            $"'{clientName}': Vigil reads {string.Join(", ", AcceptedExtensions.Order(StringComparer.Ordinal))} files.");

    private static ProblemHttpResult? TooLarge(HttpContext context, long maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            return Limit(maxBytes, null);
        }

        // Kestrel enforces this while the body streams in, also for chunked requests without a length.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBytes + (64 * 1024);
        }

        return null;
    }

    private static ProblemHttpResult Limit(long maxBytes, string? detail) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "The upload is too large",
            string.Create(CultureInfo.InvariantCulture, $"uploads are limited to {maxBytes / 1048576.0:0.#} MB per request") + (detail is null ? "." : $" ({detail})."));
}
