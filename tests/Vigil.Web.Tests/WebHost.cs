using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Vigil.Core.Ingestion;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Tests;

/// <summary>
/// A Vigil web server on a test server (or on a loopback port for the browser tests) over a temporary data
/// directory holding <see cref="TestDocuments"/>; clients keep cookies like a browser.
/// </summary>
internal sealed class WebHost : IAsyncDisposable
{
    public const string AdminPassword = "correct horse battery";
    public const string ViewerPassword = "viewer password 1";

    private WebHost(string root, WebApplication app)
    {
        Root = root;
        App = app;
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public WebApplication App { get; }

    public UserStore Users => (UserStore)App.Services.GetService(typeof(UserStore))!;

    /// <summary>
    /// Starts a server. <paramref name="users"/>: add an admin "ada" and a viewer "vic" (else local mode);
    /// <paramref name="kestrel"/>: listen on a real loopback port instead of a test server.
    /// </summary>
    public static async Task<WebHost> StartAsync(bool users = true, bool documents = true, bool kestrel = false,
        Func<VigilWebOptions, VigilWebOptions>? configure = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "vigil-web-test-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(root, "data");
        CopyDirectory(await Template(users, documents).ConfigureAwait(false), data);

        var options = new VigilWebOptions { DataDirectory = data, Urls = kestrel ? "http://127.0.0.1:0" : VigilWebOptions.DefaultUrls };
        options = configure?.Invoke(options) ?? options;
        var app = VigilWebApp.Build(options, builder =>
        {
            if (!kestrel)
            {
                builder.WebHost.UseTestServer();
            }
        });
        await app.StartAsync().ConfigureAwait(false);
        return new WebHost(root, app);
    }

    private static readonly Dictionary<(bool, bool), Task<string>> Templates = [];

    /// <summary>
    /// A data directory with the test documents and users, made once per test run and copied for each server:
    /// hashing the two passwords (PBKDF2, 600,000 iterations) and ingesting take seconds that every test would repeat.
    /// </summary>
    private static Task<string> Template(bool users, bool documents)
    {
        lock (Templates)
        {
            if (!Templates.TryGetValue((users, documents), out var template))
            {
                template = Task.Run(async () =>
                {
                    var root = Path.Combine(Path.GetTempPath(), "vigil-web-template-" + Guid.NewGuid().ToString("N"));
                    var data = Path.Combine(root, "data");
                    Directory.CreateDirectory(data);
                    if (documents)
                    {
                        await IngestAsync(root, data, TestDocuments.All).ConfigureAwait(false);
                    }

                    if (users)
                    {
                        var store = UserStore.Open(data, TimeProvider.System);
                        Assert.True(store.AddUser("ada", Roles.Admin, AdminPassword).Succeeded);
                        Assert.True(store.AddUser("vic", Roles.Viewer, ViewerPassword).Succeeded);
                    }

                    // Closes the pooled connections, so the database is whole in vigil.db before it is copied.
                    SqliteConnection.ClearAllPools();
                    return data;
                });
                Templates[(users, documents)] = template;
            }

            return template;
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Writes the documents as files and ingests them (as 'vigil ingest' would).</summary>
    public static async Task IngestAsync(string root, string data, IEnumerable<(string Name, string Text)> documents)
    {
        var files = Path.Combine(root, "files");
        Directory.CreateDirectory(files);
        var paths = new List<string>();
        foreach (var (name, text) in documents)
        {
            var path = Path.Combine(files, name);
            await File.WriteAllTextAsync(path, text).ConfigureAwait(false);
            paths.Add(path);
        }

        using var workspace = WebWorkspace.Open(data, TimeProvider.System);
        var report = await workspace.IngestAsync(paths, new IngestOptions(), CancellationToken.None).ConfigureAwait(false);
        Assert.Empty(report.Failed);
    }

    /// <summary>A client that keeps cookies (session, CSRF) between requests.</summary>
    public HttpClient Client()
    {
        var server = App.GetTestServer();
        return new HttpClient(new CookieHandler(server.CreateHandler())) { BaseAddress = server.BaseAddress };
    }

    /// <summary>A client signed in as <paramref name="name"/>, and its CSRF token.</summary>
    public async Task<(HttpClient Client, string Csrf)> SignInAsync(string name, string password)
    {
        var client = Client();
        var csrf = await CsrfAsync(client).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { name, password }) };
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        using var response = await client.SendAsync(request).ConfigureAwait(false);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The token is bound to the user: fetch a new one after signing in.
        return (client, await CsrfAsync(client).ConfigureAwait(false));
    }

    public static async Task<string> CsrfAsync(HttpClient client)
    {
        var session = await client.GetFromJsonAsync<JsonElement>("/api/session").ConfigureAwait(false);
        return session.GetProperty("csrf").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    /// <summary>Keeps cookies across requests like a browser (the test server's handler has no cookie container).</summary>
    private sealed class CookieHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var header = _cookies.GetCookieHeader(uri);
            if (header.Length > 0)
            {
                request.Headers.Remove("Cookie");
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    _cookies.SetCookies(uri, value);
                }
            }

            return response;
        }
    }
}

/// <summary>Reading responses in tests.</summary>
internal static class Responses
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false)).RootElement;

    /// <summary>Asserts a problem-details response with this status, and returns its detail.</summary>
    public static async Task<string> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync().ConfigureAwait(false);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "";
    }
}
