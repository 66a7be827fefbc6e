using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vigil.Web.Auth;

namespace Vigil.Web.Hosting;

/// <summary>The security headers, the loopback host check and CSRF validation, as middleware.</summary>
internal static class SecurityMiddleware
{
    /// <summary>
    /// Scripts and styles only from this server (no inline script, no CDN); no framing; no plug-ins; the
    /// referrer never leaves; responses are never sniffed into another type.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string CsrfHeader = "X-CSRF-TOKEN";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// On a loopback-only server, a request must name a loopback host: a web page elsewhere whose domain is
    /// re-pointed at 127.0.0.1 (DNS rebinding) then cannot read from the server as if it were the same site.
    /// </summary>
    public static IApplicationBuilder UseLoopbackHostCheck(this IApplicationBuilder app, VigilWebOptions options) => app.Use((context, next) =>
    {
        if (!options.LoopbackOnly || IsLoopbackHost(context.Request.Host.Host))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
        return Results.Problem(statusCode: StatusCodes.Status421MisdirectedRequest, title: "Host not served",
            detail: "this server listens on loopback only; use http://127.0.0.1 or http://localhost.").ExecuteAsync(context);
    });

    /// <summary>
    /// Every state-changing API request from a browser (cookie session or local mode) must carry the CSRF token
    /// of <c>GET /api/session</c> in <c>X-CSRF-TOKEN</c>; requests with an API key carry no cookie and are exempt.
    /// </summary>
    public static IApplicationBuilder UseCsrfProtection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var method = context.Request.Method;
        var unsafeMethod = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
        if (unsafeMethod && context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && AuthSchemes.ApiKeyOf(context.Request) is null)
        {
            var antiforgery = context.RequestServices.GetService(typeof(IAntiforgery)) as IAntiforgery;
            if (antiforgery is null || !await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid CSRF token",
                    detail: $"send the token of GET /api/session in the {CsrfHeader} header (scripts: use an API key instead of a session).").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    });

    private static bool IsLoopbackHost(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
