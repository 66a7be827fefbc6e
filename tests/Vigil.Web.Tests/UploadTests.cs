using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Web.Tests;

public sealed class UploadTests
{
    /// <summary>A multipart body with one part per file (field "files"), plus form fields.</summary>
    internal static MultipartFormDataContent Files(params (string Name, byte[] Bytes)[] files) => Files(files, []);

    internal static MultipartFormDataContent Files((string Name, byte[] Bytes)[] files, (string Key, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

            // Set the raw header so names like "../x" reach the server unchanged (as a hostile client would send them).
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"files\"", FileName = "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"" };
            content.Add(part);
        }

        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        return content;
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string csrf, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = content };
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        return await client.SendAsync(request);
    }

    private static string Id(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];

    [Fact]
    public async Task An_uploaded_file_is_kept_under_uploads_and_ingested_once()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        var (admin, csrf) = await host.SignInAsync("ada", WebHost.AdminPassword);
        var bytes = "An uploaded note about supply chain security."u8.ToArray();
        using var first = await Upload(admin, csrf, Files([("note.txt", bytes)], [("source", "Upload Desk"), ("date", "2024-05")]));
        var report = await first.JsonAsync();
        Assert.Equal(1, report.GetProperty("ingested").GetInt32());
        var upload = report.GetProperty("uploads")[0];
        Assert.Equal("new", upload.GetProperty("status").GetString());
        Assert.Equal(Id(bytes), upload.GetProperty("doc").GetString());
        Assert.True(File.Exists(Path.Combine(host.DataDirectory, "uploads", Id(bytes), "note.txt")));

        var doc = await (await admin.GetAsync(new Uri($"/api/documents/{Id(bytes)}", UriKind.Relative))).JsonAsync();
        Assert.Equal("Upload Desk", doc.GetProperty("source").GetString());
        Assert.Equal("2024-05", doc.GetProperty("date").GetString());

        using var again = await Upload(admin, csrf, Files(("note.txt", bytes)));
        var second = await again.JsonAsync();
        Assert.Equal(0, second.GetProperty("ingested").GetInt32());
        Assert.Equal("duplicate", second.GetProperty("uploads")[0].GetProperty("status").GetString());

        // The new document is searchable at once.
        var search = await (await admin.GetAsync(new Uri("/api/search?q=uploaded", UriKind.Relative))).JsonAsync();
        Assert.Equal(1, search.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("../../../escape.txt")]
    [InlineData("..\\..\\escape.txt")]
    [InlineData("/etc/escape.txt")]
    [InlineData("....//....//escape.txt")]
    public async Task A_file_name_with_a_path_is_reduced_to_its_plain_name_inside_uploads(string name)
    {
        await using var host = await WebHost.StartAsync(documents: false);
        var (admin, csrf) = await host.SignInAsync("ada", WebHost.AdminPassword);
        var bytes = Encoding.UTF8.GetBytes("Path traversal attempt " + name);
        using var response = await Upload(admin, csrf, Files((name, bytes)));
        var upload = (await response.JsonAsync()).GetProperty("uploads")[0];
        Assert.Equal("new", upload.GetProperty("status").GetString());
        var stored = Directory.GetFiles(host.Root, "escape.txt", SearchOption.AllDirectories);
        Assert.Equal([Path.Combine(host.DataDirectory, "uploads", Id(bytes), "escape.txt")], stored);
    }

    [Fact]
    public async Task Files_of_other_types_and_empty_files_are_rejected_each_with_a_reason_and_the_rest_ingested()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        var (admin, csrf) = await host.SignInAsync("ada", WebHost.AdminPassword);
        using var response = await Upload(admin, csrf, Files(("tool.exe", [0x4d, 0x5a, 0x90]), ("empty.txt", []), ("..", "x"u8.ToArray()), ("ok.md", "# A heading\n\nSome text."u8.ToArray())));
        var report = await response.JsonAsync();
        var uploads = report.GetProperty("uploads").EnumerateArray().Select(u => (u.GetProperty("name").GetString(), u.GetProperty("status").GetString(), u.GetProperty("error").GetString())).ToList();
        Assert.Equal(("tool.exe", "rejected"), (uploads[0].Item1, uploads[0].Item2));
        Assert.Contains(".docx", uploads[0].Item3, StringComparison.Ordinal);
        Assert.Equal(("empty.txt", "rejected", "empty file"), uploads[1]);
        Assert.Equal(("..", "rejected"), (uploads[2].Item1, uploads[2].Item2));
        Assert.Equal(("ok.md", "new", null), uploads[3]);
        Assert.Equal(3, report.GetProperty("rejected").GetInt32());
        Assert.Equal(1, report.GetProperty("ingested").GetInt32());
    }

    [Fact]
    public async Task A_file_that_cannot_be_parsed_fails_with_the_parser_message()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        var (admin, csrf) = await host.SignInAsync("ada", WebHost.AdminPassword);
        using var response = await Upload(admin, csrf, Files(("broken.pdf", "%PDF-1.7 this is not really a PDF"u8.ToArray())));
        var upload = (await response.JsonAsync()).GetProperty("uploads")[0];
        Assert.Equal("failed", upload.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(upload.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_413()
    {
        await using var host = await WebHost.StartAsync(documents: false, configure: o => o with { MaxUploadBytes = 1024 });
        var (admin, csrf) = await host.SignInAsync("ada", WebHost.AdminPassword);
        using var response = await Upload(admin, csrf, Files(("big.txt", Encoding.UTF8.GetBytes(new string('a', 4096)))));
        Assert.Contains("limited to", await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(host.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task Too_many_files_in_one_request_is_a_bad_request()
    {
        await using var host = await WebHost.StartAsync(documents: false, configure: o => o with { MaxUploadFiles = 2 });
        var (admin, csrf) = await host.SignInAsync("ada", WebHost.AdminPassword);
        using var response = await Upload(admin, csrf, Files(("a.txt", "a"u8.ToArray()), ("b.txt", "b"u8.ToArray()), ("c.txt", "c"u8.ToArray())));
        Assert.Contains("at most 2", await response.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_multipart_is_415()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        var (admin, csrf) = await host.SignInAsync("ada", WebHost.AdminPassword);
        using var response = await Upload(admin, csrf, new StringContent("{\"files\": []}", Encoding.UTF8, "application/json"));
        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_bad_date_is_a_bad_request_and_nothing_is_stored()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        var (admin, csrf) = await host.SignInAsync("ada", WebHost.AdminPassword);
        using var response = await Upload(admin, csrf, Files([("a.txt", "text"u8.ToArray())], [("date", "2024-13-40")]));
        Assert.Contains("is not a date", await response.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(host.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task Classify_refuses_a_file_type_it_cannot_read()
    {
        await using var host = await WebHost.StartAsync(documents: false);
        var (admin, csrf) = await host.SignInAsync("ada", WebHost.AdminPassword);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/classify") { Content = Files(("x.exe", [1, 2, 3])) };
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        await (await admin.SendAsync(request)).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\boot.ini", "boot.ini")]
    [InlineData("report.txt", "report.txt")]
    [InlineData("  .hidden.txt ", "hidden.txt")]
    [InlineData("a\u0000b\u001f.txt", "ab.txt")]
    [InlineData("x:y*z?.txt", "xyz.txt")]
    [InlineData("..", null)]
    [InlineData("/", null)]
    [InlineData("", null)]
    public void Client_file_names_become_plain_names(string name, string? expected) => Assert.Equal(expected, Hosting.Uploads.SafeFileName(name));
}
