using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Vigil.Web.Auth;

namespace Vigil.Web.Tests;

public sealed class AuthTests
{
    [Fact]
    public async Task Without_credentials_the_api_answers_401_with_problem_details()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        using var client = host.Client();
        using var response = await client.GetAsync(new Uri("/api/documents", UriKind.Relative));
        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_the_right_one_opens_a_session()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        using var client = host.Client();
        var csrf = await WebHost.CsrfAsync(client);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { name = "ada", password = "not the password" }) };
        wrong.Headers.Add("X-CSRF-TOKEN", csrf);
        using var refused = await client.SendAsync(wrong);
        await refused.ProblemAsync(HttpStatusCode.Unauthorized);

        var (session, _) = await host.SignInAsync("ada", WebHost.AdminPassword);
        using var ok = await session.GetAsync(new Uri("/api/documents", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var who = await (await session.GetAsync(new Uri("/api/session", UriKind.Relative))).JsonAsync();
        Assert.Equal("ada", who.GetProperty("user").GetString());
        Assert.Equal("admin", who.GetProperty("role").GetString());
        Assert.False(who.GetProperty("local").GetBoolean());
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_strict()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        using var client = host.Client();
        var csrf = await WebHost.CsrfAsync(client);
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { name = "ada", password = WebHost.AdminPassword }) };
        login.Headers.Add("X-CSRF-TOKEN", csrf);
        using var response = await client.SendAsync(login);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("vigil_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_viewer_reads_but_may_not_ingest_or_manage_users()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        var (viewer, csrf) = await host.SignInAsync("vic", WebHost.ViewerPassword);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(new Uri("/api/documents", UriKind.Relative))).StatusCode);
        await (await viewer.GetAsync(new Uri("/api/users", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden);

        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = UploadTests.Files(("a.txt", "some text"u8.ToArray())) };
        upload.Headers.Add("X-CSRF-TOKEN", csrf);
        await (await viewer.SendAsync(upload)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_manages_users_through_the_api()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        var (admin, csrf) = await host.SignInAsync("ada", WebHost.AdminPassword);
        using var add = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(new { name = "ana", role = "analyst", password = "analyst password" }) };
        add.Headers.Add("X-CSRF-TOKEN", csrf);
        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(add)).StatusCode);
        var users = await (await admin.GetAsync(new Uri("/api/users", UriKind.Relative))).JsonAsync();
        Assert.Equal(["ada:admin", "ana:analyst", "vic:viewer"], users.EnumerateArray().Select(u => $"{u.GetProperty("name")}:{u.GetProperty("role")}"));
    }

    [Fact]
    public async Task A_state_changing_request_without_the_csrf_token_is_refused()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        var (admin, csrf) = await host.SignInAsync("ada", WebHost.AdminPassword);
        using var without = new HttpRequestMessage(HttpMethod.Post, "/api/classify") { Content = new StringContent("粮食安全 耕地红线", null, "text/plain") };
        var detail = await (await admin.SendAsync(without)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("CSRF", detail, StringComparison.Ordinal);

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/classify") { Content = new StringContent("粮食安全 耕地红线", null, "text/plain") };
        forged.Headers.Add("X-CSRF-TOKEN", "forged-token");
        await (await admin.SendAsync(forged)).ProblemAsync(HttpStatusCode.BadRequest);

        using var with = new HttpRequestMessage(HttpMethod.Post, "/api/classify") { Content = new StringContent("粮食安全 耕地红线", null, "text/plain") };
        with.Headers.Add("X-CSRF-TOKEN", csrf);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(with)).StatusCode);
    }

    [Fact]
    public async Task A_csrf_token_of_another_session_is_refused()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        var (_, adaToken) = await host.SignInAsync("ada", WebHost.AdminPassword);
        var (vic, _) = await host.SignInAsync("vic", WebHost.ViewerPassword);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        request.Headers.Add("X-CSRF-TOKEN", adaToken);
        await (await vic.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_api_key_works_as_bearer_or_x_api_key_without_csrf_and_stops_when_revoked()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        var (key, secret, _) = host.Users.AddKey("script", Roles.Admin);
        using var client = host.Client();

        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(bearer)).StatusCode);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/classify") { Content = new StringContent("粮食安全", null, "text/plain") };
        post.Headers.Add("X-Api-Key", secret);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(post)).StatusCode);

        Assert.True(host.Users.RevokeKey(key!.Id).Succeeded);
        using var revoked = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
        revoked.Headers.Add("X-Api-Key", secret);
        await (await client.SendAsync(revoked)).ProblemAsync(HttpStatusCode.Unauthorized);

        using var unknown = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
        unknown.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "vigil_not-a-key");
        await (await client.SendAsync(unknown)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_viewer_api_key_may_not_ingest()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        var (_, secret, _) = host.Users.AddKey("reader", Roles.Viewer);
        using var client = host.Client();
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = UploadTests.Files(("a.txt", "some text"u8.ToArray())) };
        upload.Headers.Add("X-Api-Key", secret);
        await (await client.SendAsync(upload)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Login_attempts_beyond_the_limit_get_429_with_retry_after()
    {
        await using var host = await WebHost.StartAsync(documents: false, configure: o => o with { LoginAttempts = 3, LoginWindow = TimeSpan.FromMinutes(5) });
        using var client = host.Client();
        var csrf = await WebHost.CsrfAsync(client);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { name = "ada", password = "wrong password " + i }) };
            request.Headers.Add("X-CSRF-TOKEN", csrf);
            last = await client.SendAsync(request);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("300", last!.Headers.GetValues("Retry-After").Single());
        await last.ProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Changing_a_role_or_removing_a_user_ends_their_session()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        var (vic, _) = await host.SignInAsync("vic", WebHost.ViewerPassword);
        Assert.True(host.Users.SetRole("vic", Roles.Analyst).Succeeded);
        await (await vic.GetAsync(new Uri("/api/documents", UriKind.Relative))).ProblemAsync(HttpStatusCode.Unauthorized);

        var (ada, _) = await host.SignInAsync("ada", WebHost.AdminPassword);
        Assert.True(host.Users.RemoveUser("ada").Succeeded);
        await (await ada.GetAsync(new Uri("/api/documents", UriKind.Relative))).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Without_users_on_loopback_everyone_is_the_local_admin_until_a_user_is_added()
    {
        await using var host = await WebHost.StartAsync(users: false, documents: false);
        using var client = host.Client();
        var session = await (await client.GetAsync(new Uri("/api/session", UriKind.Relative))).JsonAsync();
        Assert.Equal("local", session.GetProperty("user").GetString());
        Assert.Equal("admin", session.GetProperty("role").GetString());
        Assert.True(session.GetProperty("local").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/users", UriKind.Relative))).StatusCode);

        Assert.True(host.Users.AddUser("ada", Roles.Admin, WebHost.AdminPassword).Succeeded);
        await (await client.GetAsync(new Uri("/api/documents", UriKind.Relative))).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task In_local_mode_state_changes_still_need_the_csrf_token()
    {
        await using var host = await WebHost.StartAsync(users: false, documents: false);
        using var client = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = UploadTests.Files(("a.txt", "some text"u8.ToArray())) };
        await (await client.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://127.1.2.3:80", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://192.168.1.10:5080", false)]
    [InlineData("http://example.org:5080", false)]
    public void Loopback_addresses_are_recognised(string url, bool loopback) => Assert.Equal(loopback, VigilWebOptions.IsLoopbackUrl(url));

    [Fact]
    public void A_non_loopback_bind_without_users_is_refused_with_the_reason_and_allowed_once_a_user_exists()
    {
        var data = Path.Combine(Path.GetTempPath(), "vigil-web-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new VigilWebOptions { DataDirectory = data, Urls = "http://0.0.0.0:5080" };
            var refusal = VigilWebApp.CheckStart(options);
            Assert.NotNull(refusal);
            Assert.Contains("no user is configured", refusal, StringComparison.Ordinal);
            Assert.Null(VigilWebApp.CheckStart(options with { Urls = "http://127.0.0.1:5080;http://[::1]:5080" }));

            Assert.True(UserStore.Open(data, TimeProvider.System).AddUser("ada", Roles.Admin, WebHost.AdminPassword).Succeeded);
            Assert.Null(VigilWebApp.CheckStart(options));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
