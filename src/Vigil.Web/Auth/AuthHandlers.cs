using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Vigil.Web.Auth;

/// <summary>Authentication scheme names and the claims Vigil sets.</summary>
public static class AuthSchemes
{
    /// <summary>Picks one of the others per request.</summary>
    public const string Selector = "vigil";
    public const string Cookie = "vigil-cookie";
    public const string ApiKey = "vigil-api-key";
    public const string Local = "vigil-local";

    /// <summary>How the request was authenticated: password, api-key or local.</summary>
    public const string MethodClaim = "vigil:method";

    /// <summary>The user's stamp when the session began (a changed stamp ends the session).</summary>
    public const string StampClaim = "vigil:stamp";

    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The API key a request carries (<c>Authorization: Bearer KEY</c> or <c>X-Api-Key: KEY</c>), or null.</summary>
    public static string? ApiKeyOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValue(ApiKeyHeader, out var header) && header.Count > 0)
        {
            return header[0] ?? "";
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    internal static ClaimsPrincipal Principal(string name, string role, string method, string scheme, params Claim[] extra)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), new Claim(MethodClaim, method), .. extra],
            scheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }
}

/// <summary>Scripts: an API key in <c>Authorization: Bearer</c> or <c>X-Api-Key</c>.</summary>
internal sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserStore users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = AuthSchemes.ApiKeyOf(Request);
        if (secret is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (users.FindKey(secret) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is unknown or revoked."));
        }

        var principal = AuthSchemes.Principal(key.Name, key.Role, "api-key", Scheme.Name, new Claim("vigil:key", key.Id));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }
}

/// <summary>
/// Local single-user mode: while no user exists and the server listens on loopback only, every request is
/// the administrator "local" (the person at this machine). The first <c>vigil users add</c> ends it.
/// </summary>
internal sealed class LocalModeHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, LocalMode local)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string UserName = "local";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!local.Active)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var principal = AuthSchemes.Principal(UserName, Roles.Admin, "local", Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }
}

/// <summary>Whether local single-user mode is on (see <see cref="LocalModeHandler"/>); asked per request, so adding a user ends it at once.</summary>
public sealed class LocalMode(UserStore users, VigilWebOptions options)
{
    public bool Active => options.LoopbackOnly && !users.HasUsers();
}
