using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Web.Apis;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web;

/// <summary>
/// Builds the web workbench: the REST API under <c>/api</c>, the OpenAPI document at <c>/openapi/v1.json</c>
/// and the pages, over one data directory. <c>vigil serve</c> and the tests use this same builder.
/// </summary>
public static class VigilWebApp
{
    /// <summary>
    /// Null when the server may start with these options; otherwise why not. A server reachable from other
    /// machines must have users: local single-user mode is only for loopback.
    /// </summary>
    public static string? CheckStart(VigilWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UrlList.Count == 0)
        {
            return "give at least one address to listen on (--urls http://127.0.0.1:5080).";
        }

        if (options.LoopbackOnly)
        {
            return null;
        }

        var users = UserStore.Open(options.DataDirectory, options.Time);
        return users.HasUsers() ? null
            : $"refusing to listen on {options.Urls}: it is reachable from other machines and no user is configured, so anyone could use it. "
              + "Add a user first ('vigil users add NAME --role admin'), or listen on loopback only (the default, http://127.0.0.1:5080).";
    }

    /// <summary>Builds the application; <paramref name="configure"/> may adjust the builder (tests use a test server).</summary>
    public static WebApplication Build(VigilWebOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(VigilWebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls([.. options.UrlList]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Small by default; the upload endpoints raise it per request to MaxUploadBytes.
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // vigil serve prints where it listens itself. The key ring in DATA/web-keys is not encrypted at rest (there is no
        // platform key store on Linux); docs/web.md says to protect the data directory, so the warning is not repeated at every start.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(options.Time);
        services.AddSingleton(_ => WebWorkspace.Open(options.DataDirectory, options.Time));
        services.AddSingleton<SearchCatalogue>();
        services.AddSingleton(_ => UserStore.Open(options.DataDirectory, options.Time));
        services.AddSingleton(_ => EventLedger.Open(options.DataDirectory, options.Time));
        services.AddSingleton<LocalMode>();
        services.AddSingleton<WarningWorkspace>();

        services.ConfigureHttpJsonOptions(json =>
        {
            // The CLI's JSON: names as written (snake_case), nulls kept; Chinese unescaped, HTML-significant characters escaped.
            json.SerializerOptions.PropertyNamingPolicy = null;
            json.SerializerOptions.DictionaryKeyPolicy = null;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });
        services.AddProblemDetails();
        services.AddOpenApi();

        services.AddDataProtection()
            .SetApplicationName("Vigil")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDirectory, "web-keys")));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = SecurityMiddleware.CsrfHeader;
            o.Cookie.Name = "vigil_csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.SuppressXFrameOptionsHeader = true;
        });

        services.AddAuthentication(AuthSchemes.Selector)
            .AddPolicyScheme(AuthSchemes.Selector, "API key, local mode or session", o => o.ForwardDefaultSelector = context =>
                AuthSchemes.ApiKeyOf(context.Request) is not null ? AuthSchemes.ApiKey
                : context.RequestServices.GetRequiredService<LocalMode>().Active ? AuthSchemes.Local
                : AuthSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(AuthSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, LocalModeHandler>(AuthSchemes.Local, null)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = "vigil_session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = options.SessionLifetime;
                o.SlidingExpiration = true;
                o.TimeProvider = options.Time;
                o.Events = new CookieAuthenticationEvents
                {
                    // The API answers 401/403; the pages send the browser to the login page themselves.
                    OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; },
                    OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; },
                    OnValidatePrincipal = ValidateSession,
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.AtLeast(Roles.Viewer)))
            .AddPolicy(Policies.Analyst, p => p.RequireRole(Roles.AtLeast(Roles.Analyst)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.AtLeast(Roles.Admin)));

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.LoginWindow.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
                    detail: $"at most {options.LoginAttempts} attempts per {options.LoginWindow.TotalSeconds:0} s from one address; wait and try again.")
                    .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
            limiter.AddPolicy(SessionApi.LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.LoginAttempts, Window = options.LoginWindow, QueueLimit = 0 }));
        });

        configure?.Invoke(builder);

        var app = builder.Build();
        var assets = new EmbeddedAssets(typeof(VigilWebApp).Assembly, File.GetLastWriteTimeUtc(typeof(VigilWebApp).Assembly.Location));
        app.UseExceptionHandler();
        app.UseSecurityHeaders();
        app.UseLoopbackHostCheck(options);
        app.UseStatusCodePages();
        app.Use((context, next) =>
        {
            // The search page is the home page (the embedded assets have no directories for UseDefaultFiles to list).
            if (context.Request.Path == "/")
            {
                context.Request.Path = "/index.html";
            }

            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = assets });
        app.UseAuthentication();
        app.UseCsrfProtection();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapSessionApi();
        app.MapDocumentsApi();
        app.MapSearchApi();
        app.MapTermsApi();
        app.MapDomainsApi();
        app.MapTrendApi();
        app.MapTifaApi();
        app.MapStatisticsApi();
        app.MapIngestApi();
        app.MapAdminApi();
        app.MapEventsApi();
        app.MapEntitiesApi();
        app.MapIndicatorsApi();
        app.MapDetectApi();
        app.MapAlertsApi();
        app.MapRisksApi();

        // Unknown API paths answer with problem details rather than falling through to the pages.
        app.Map("/api/{**rest}", () => Problems.NotFound("no such API endpoint; /openapi/v1.json lists them.")).ExcludeFromDescription();
        return app;
    }

    /// <summary>A session ends when its user is removed or their stamp changed (new role or password).</summary>
    private static async Task ValidateSession(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
        var name = context.Principal?.Identity?.Name;
        var stamp = context.Principal?.FindFirstValue(AuthSchemes.StampClaim);
        if (name is null || users.FindUser(name) is not { } user || user.Stamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie).ConfigureAwait(false);
        }
    }
}
