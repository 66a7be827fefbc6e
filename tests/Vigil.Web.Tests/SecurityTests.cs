using System.Net;
using System.Text.RegularExpressions;

namespace Vigil.Web.Tests;

public sealed partial class SecurityTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private static readonly string[] Pages = ["/", "/index.html", "/document.html", "/compare.html", "/trends.html", "/ingest.html", "/login.html"];
    private readonly WebHost _host = shared.Host;

    [Theory]
    [InlineData("/")]
    [InlineData("/js/app.js")]
    [InlineData("/api/session")]
    [InlineData("/api/documents")]
    [InlineData("/no/such/page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = _host.Client();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scriptSrc);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Api_responses_are_not_cached()
    {
        using var client = _host.Client();
        using var response = await client.GetAsync(new Uri("/api/session", UriKind.Relative));
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task The_pages_have_no_inline_script_no_handler_attributes_no_inline_style_and_nothing_from_another_site()
    {
        using var client = _host.Client();
        foreach (var page in Pages)
        {
            var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
            foreach (Match script in ScriptTag().Matches(html))
            {
                Assert.Matches("src=\"/[^/]", script.Value);
                Assert.EndsWith("></script>", script.Value, StringComparison.Ordinal);
            }

            Assert.DoesNotMatch(HandlerAttribute(), html);
            Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_scripts_never_put_text_into_the_page_as_html()
    {
        using var client = _host.Client();
        foreach (var script in new[] { "app", "search", "document", "compare", "trends", "ingest", "login" })
        {
            var js = await client.GetStringAsync(new Uri($"/js/{script}.js", UriKind.Relative));
            Assert.DoesNotMatch(@"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(", js);
        }
    }

    [Theory]
    [InlineData("/../vigil.db")]
    [InlineData("/%2e%2e/vigil.db")]
    [InlineData("/js/../../vigil.db")]
    [InlineData("/js/%2e%2e%2f%2e%2e%2fvigil.db")]
    [InlineData("/js/..%5c..%5cvigil.db")]
    [InlineData("/vigil.db")]
    [InlineData("/web-keys/")]
    [InlineData("/uploads/")]
    [InlineData("/index/segments_1")]
    [InlineData("/vendor/")]
    [InlineData("/%2fetc%2fpasswd")]
    [InlineData("/api/documents/..%2f..%2fvigil.db")]
    [InlineData("/api/documents/..%2f..%2fvigil.db/text")]
    public async Task No_request_path_reaches_the_data_directory_or_the_file_system(string path)
    {
        using var response = await shared.Admin.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("SQLite format", System.Text.Encoding.ASCII.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_api_path_and_a_wrong_method_answer_with_problem_details()
    {
        using var client = _host.Client();
        await (await client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);
        var (admin, csrf) = (shared.Admin, shared.Csrf);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/search");
        delete.Headers.Add("X-CSRF-TOKEN", csrf);
        using var response = await admin.SendAsync(delete);
        Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_loopback_server_refuses_requests_for_another_host_name()
    {
        using var client = _host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        request.Headers.Host = "attacker.example";
        await (await client.SendAsync(request)).ProblemAsync(HttpStatusCode.MisdirectedRequest);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_api_group()
    {
        using var client = _host.Client();
        var doc = await (await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).JsonAsync();
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[]
        {
            "/api/session", "/api/auth/login", "/api/documents", "/api/documents/{id}", "/api/documents/{id}/text", "/api/documents/{id}/evidence",
            "/api/search", "/api/count", "/api/kwic", "/api/taxonomy", "/api/domains", "/api/classify", "/api/trend", "/api/tifa/formulations",
            "/api/tifa/diff", "/api/keyness", "/api/collocates", "/api/ingest", "/api/users", "/api/keys",
        })
        {
            Assert.Contains(expected, paths);
        }
    }

    [GeneratedRegex("<script[^>]*>[^<]*</script>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex HandlerAttribute();
}
