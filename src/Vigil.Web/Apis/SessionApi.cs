using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary>
/// <c>/api/session</c> and <c>/api/auth</c>: who is signed in (with the CSRF token the pages send back), sign in
/// with a password (rate-limited per client address), sign out.
/// </summary>
public static class SessionApi
{
    public const string LoginRateLimit = "login";

    public sealed record LoginRequest(string? Name, string? Password);

    public static RouteGroupBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("session").AllowAnonymous();
        group.MapGet("/session", Session).WithName("Session")
            .WithSummary("The signed-in user and role (null when nobody is), local mode, and a CSRF token for the X-CSRF-TOKEN header");
        group.MapPost("/auth/login", Login).WithName("Login").RequireRateLimiting(LoginRateLimit)
            .WithSummary("Sign in with {name, password}; sets the session cookie. Rate-limited per client address");
        group.MapPost("/auth/logout", (Delegate)Logout).WithName("Logout").WithSummary("End the session");
        return group;
    }

    public static Ok<object> Session(HttpContext context, IAntiforgery antiforgery, LocalMode local, VigilWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok<object>(new
        {
            user = signedIn ? user.Identity!.Name : null,
            role = signedIn ? user.FindFirstValue(ClaimTypes.Role) : null,
            method = signedIn ? user.FindFirstValue(AuthSchemes.MethodClaim) : null,
            local = local.Active,
            csrf = tokens.RequestToken,
            upload = new
            {
                max_bytes = options.MaxUploadBytes,
                max_files = options.MaxUploadFiles,
                extensions = Uploads.AcceptedExtensions.Order(StringComparer.Ordinal),
            },
        });
    }

    public static async Task<Results<Ok<object>, ProblemHttpResult>> Login(HttpContext context, LoginRequest? request, UserStore users, VigilWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (request?.Name is not { Length: > 0 } name || request.Password is not { Length: > 0 } password)
        {
            return Problems.BadRequest("send {\"name\": ..., \"password\": ...}.");
        }

        if (password.Length > 1024 || users.Verify(name, password) is not { } user)
        {
            return Problems.Status(StatusCodes.Status401Unauthorized, "Sign-in failed", "the name or the password is wrong.");
        }

        var principal = AuthSchemes.Principal(user.Name, user.Role, "password", AuthSchemes.Cookie, new Claim(AuthSchemes.StampClaim, user.Stamp));
        await context.SignInAsync(AuthSchemes.Cookie, principal, new AuthenticationProperties { IsPersistent = false }).ConfigureAwait(false);
        return TypedResults.Ok<object>(new { user = user.Name, role = user.Role });
    }

    public static async Task<NoContent> Logout(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.SignOutAsync(AuthSchemes.Cookie).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
