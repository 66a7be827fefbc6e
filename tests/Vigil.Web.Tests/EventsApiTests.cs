using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigil.Web.Auth;

namespace Vigil.Web.Tests;

/// <summary>
/// A server whose ledger holds four events recorded through the API by the analyst "ana" (see <see cref="Seed"/>),
/// with the expected counts worked out by hand from those events.
/// </summary>
public sealed class EventsHost : IAsyncLifetime
{
    public const string AnalystPassword = "analyst password 1";

    internal WebHost Host { get; private set; } = null!;

    internal HttpClient Analyst { get; private set; } = null!;

    internal string Csrf { get; private set; } = "";

    internal HttpClient Viewer { get; private set; } = null!;

    internal string ViewerCsrf { get; private set; } = "";

    /// <summary>The ids of <see cref="Seed"/>'s events, in order.</summary>
    internal List<string> Ids { get; } = [];

    /// <summary>
    /// The events (illustrative, written for these tests):
    /// 0 sanction.counter 2021-03-22 MFA, targets DE person + FR person (EU bloc on that date); 1 sanction.counter 2020-12 MFA, target US company;
    /// 2 police.training 2023-05 MPS, target none, summary, countries RS; 3 export-control.listing 2020-01-15 MOFCOM, target GB company
    /// (the UK was in the EU until 31 January 2020), status proposed.
    /// </summary>
    internal static readonly object[] Seed =
    [
        new
        {
            type = "sanction.counter", date = "2021-03-22", body = "Ministry of Foreign Affairs", source_url = "https://example.org/notice/1",
            targets = new object[] { new { name_en = "Example Person A", kind = "person", country = "Germany" }, new { name_en = "Example Person B", name_zh = "示例乙", kind = "person", country = "法国" } },
        },
        new
        {
            type = "sanction.counter", date = "2020-12", body = "Ministry of Foreign Affairs", source_url = "https://example.org/notice/2",
            targets = new object[] { new { name_en = "Example Defence Corp", kind = "company", country = "US" } },
        },
        new
        {
            type = "police.training", date = "2023-05", body = "Ministry of Public Security", source_url = "https://example.org/notice/3",
            summary = "Illustrative: a training course for 86 officers from Serbia.", countries = new[] { "Serbia" },
        },
        new
        {
            type = "export-control.listing", date = "2020-01-15", body = "MOFCOM", source_url = "https://example.org/notice/4", status = "proposed",
            targets = new object[] { new { name_en = "Example Optics Ltd", kind = "company", country = "United Kingdom" } },
        },
    ];

    public async ValueTask InitializeAsync()
    {
        Host = await WebHost.StartAsync();
        Assert.True(Host.Users.AddUser("ana", Roles.Analyst, AnalystPassword).Succeeded);
        (Analyst, Csrf) = await Host.SignInAsync("ana", AnalystPassword);
        (Viewer, ViewerCsrf) = await Host.SignInAsync("vic", WebHost.ViewerPassword);
        foreach (var e in Seed)
        {
            using var response = await Send(Analyst, Csrf, HttpMethod.Post, "/api/events", e);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            Ids.Add((await response.JsonAsync()).GetProperty("id").GetString()!);
        }
    }

    internal static async Task<HttpResponseMessage> Send(HttpClient client, string? csrf, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }

        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", csrf);
        }

        return await client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Analyst.Dispose();
        Viewer.Dispose();
        await Host.DisposeAsync();
    }
}

public sealed class EventsApiTests(EventsHost fixture) : IClassFixture<EventsHost>
{
    private readonly HttpClient _client = fixture.Analyst;

    private async Task<JsonElement> Get(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];

    /// <summary>The problem's detail and its <c>field</c> extension.</summary>
    private static async Task<(string Detail, string? Field)> FieldProblem(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var detail = await response.ProblemAsync(status);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (detail, json.TryGetProperty("field", out var f) ? f.GetString() : null);
    }

    [Fact]
    public async Task The_list_is_in_date_order_and_filters_by_type_status_country_bloc_body_and_dates()
    {
        var ids = fixture.Ids;

        // By first day: 2020-01-15 (3), 2020-12 (1), 2021-03-22 (0), 2023-05 (2).
        var all = await Get("/api/events");
        Assert.Equal(4, all.GetProperty("total").GetInt32());
        Assert.Equal([ids[3], ids[1], ids[0], ids[2]], Ids(all));

        Assert.Equal([ids[1], ids[0]], Ids(await Get("/api/events?type=sanction")));
        Assert.Equal([ids[3]], Ids(await Get("/api/events?status=proposed")));
        Assert.Equal([ids[0]], Ids(await Get("/api/events?country=%E6%B3%95%E5%9B%BD")));  // 法国 → FR
        Assert.Equal([ids[2]], Ids(await Get("/api/events?country=rs")));
        Assert.Equal([ids[2]], Ids(await Get("/api/events?body=ministry%20of%20public%20security")));
        Assert.Equal([ids[1], ids[0]], Ids(await Get("/api/events?from=2020-06&to=2021")));

        // EU members on the event's date: DE and FR in 2021, and the UK on 15 January 2020 (it left on 31 January 2020).
        Assert.Equal([ids[3], ids[0]], Ids(await Get("/api/events?bloc=EU")));
        Assert.Equal([ids[3], ids[1], ids[0]], Ids(await Get("/api/events?bloc=G7")));
        Assert.Equal([ids[2]], Ids(await Get("/api/events?text=serbia")));
    }

    [Fact]
    public async Task The_list_comes_a_page_at_a_time_with_the_total()
    {
        var second = await Get("/api/events?pageSize=3&page=2");
        Assert.Equal(4, second.GetProperty("total").GetInt32());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(3, second.GetProperty("page_size").GetInt32());
        Assert.Equal([fixture.Ids[2]], Ids(second));
    }

    [Theory]
    [InlineData("/api/events?from=2021-13", "from")]
    [InlineData("/api/events?from=2022&to=2021", "from")]
    [InlineData("/api/events?status=maybe", "status")]
    [InlineData("/api/events?bloc=Narnia%20Pact", "bloc")]
    [InlineData("/api/events/stats?by=colour", "by")]
    [InlineData("/api/events/stats?by=type&blocs=XX", "blocs")]
    [InlineData("/api/events/export?format=xml", "format")]
    [InlineData("/api/events/export?format=ftm&dataset=Bad-Name", "dataset")]
    public async Task A_bad_query_value_is_a_problem_naming_the_field(string path, string field)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        var (detail, named) = await FieldProblem(response);
        Assert.Equal(field, named);
        Assert.Contains(field, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/events/0000000000000000")]
    [InlineData("/api/events/xyz")]
    public async Task An_unknown_event_is_404_problem_details(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Contains("no event matches", await response.ProblemAsync(HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_is_shown_with_its_fields_resolved_and_its_creation_in_the_history()
    {
        var e = await Get($"/api/events/{fixture.Ids[0][..8]}");
        Assert.Equal(fixture.Ids[0], e.GetProperty("id").GetString());
        Assert.Equal(["DE", "FR"], e.GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("confirmed", e.GetProperty("status").GetString());
        Assert.Equal("day", e.GetProperty("date_precision").GetString());
        Assert.Equal("示例乙", e.GetProperty("targets")[1].GetProperty("name_zh").GetString());
        var created = Assert.Single(e.GetProperty("history").EnumerateArray());
        Assert.Equal("created", created.GetProperty("action").GetString());
        Assert.Equal("ana", created.GetProperty("by").GetString());
    }

    [Theory]
    [InlineData("""{"type":"sanction.imaginary","source_url":"https://example.org/x","summary":"s"}""", "type")]
    [InlineData("""{"type":"sanction","date":"22.03.2021","source_url":"https://example.org/x","summary":"s"}""", "date")]
    [InlineData("""{"type":"sanction","source_url":"https://example.org/x","summary":"s","countries":["US","Narnia"]}""", "countries[1]")]
    [InlineData("""{"type":"sanction","source_url":"https://example.org/x","targets":[{"name_en":"A","country":"Atlantis"}]}""", "targets[0].country")]
    [InlineData("""{"type":"sanction","source_url":"https://example.org/x","targets":[{"name_en":"A","kind":"alien"}]}""", "targets[0].kind")]
    [InlineData("""{"type":"sanction","source_url":"javascript:alert(1)","summary":"s"}""", "source_url")]
    [InlineData("""{"type":"sanction","summary":"s"}""", "source_url")]
    [InlineData("""{"type":"sanction","source_url":"https://example.org/x"}""", "targets")]
    public async Task Recording_an_event_with_a_bad_field_is_a_problem_naming_it_and_stores_nothing(string json, string field)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Post, "/api/events", content);
        var (detail, named) = await FieldProblem(response);
        Assert.Equal(field, named);
        Assert.StartsWith(field.Split('[')[0], detail, StringComparison.Ordinal);
        Assert.Equal(4, (await Get("/api/events?pageSize=1")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Recording_the_same_event_twice_is_a_conflict_naming_its_id()
    {
        using var response = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Post, "/api/events", EventsHost.Seed[1]);
        await response.ProblemAsync(HttpStatusCode.Conflict);
        var problem = await response.JsonAsync();
        Assert.Equal(fixture.Ids[1], problem.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Stats_count_as_the_cli_does()
    {
        // By type: sanction.counter 2 (events 0, 1), export-control.listing 1, police.training 1; ties by key.
        var byType = await Get("/api/events/stats?by=type");
        Assert.Equal(
            [("sanction.counter", 2), ("export-control.listing", 1), ("police.training", 1)],
            byType.EnumerateArray().Select(r => (r.GetProperty("type").GetString()!, r.GetProperty("count").GetInt32())));

        // By target bloc (EU by default): event 0's two targets are both EU → once; event 3 (GB, 2020-01-15) → EU; US; RS (no targets: its country).
        var byBloc = await Get("/api/events/stats?by=target-bloc");
        Assert.Equal([("EU", 2), ("RS", 1), ("US", 1)], byBloc.EnumerateArray().Select(r => (r.GetProperty("target-bloc").GetString()!, r.GetProperty("count").GetInt32())));

        // Two fields, with a filter: sanctions by year and target kind.
        var rows = await Get("/api/events/stats?by=year,target-kind&type=sanction");
        Assert.Equal([("2020", "company", 1), ("2021", "person", 1)],
            rows.EnumerateArray().Select(r => (r.GetProperty("year").GetString()!, r.GetProperty("target-kind").GetString()!, r.GetProperty("count").GetInt32())));
    }

    [Fact]
    public async Task Countries_for_the_map_carry_the_iso_numeric_and_alpha3_codes()
    {
        var data = await Get("/api/events/countries?type=sanction");
        Assert.Equal(2, data.GetProperty("events").GetInt32());
        Assert.Equal(0, data.GetProperty("unknown").GetInt32());

        // ISO 3166-1: Germany 276 DEU, France 250 FRA, United States 840 USA; one event each.
        var countries = data.GetProperty("countries").EnumerateArray()
            .Select(c => (c.GetProperty("code").GetString(), c.GetProperty("alpha3").GetString(), c.GetProperty("numeric").GetString(), c.GetProperty("count").GetInt32()))
            .ToList();
        Assert.Equal([("DE", "DEU", "276", 1), ("FR", "FRA", "250", 1), ("US", "USA", "840", 1)], countries);
    }

    [Fact]
    public async Task A_viewer_may_read_but_every_change_is_forbidden()
    {
        var (viewer, csrf) = (fixture.Viewer, fixture.ViewerCsrf);
        using (var read = await viewer.GetAsync(new Uri("/api/events", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Post, "/api/events", EventsHost.Seed[2]),
            (HttpMethod.Post, $"/api/events/{fixture.Ids[3]}/status", new { status = "confirmed" }),
            (HttpMethod.Patch, $"/api/events/{fixture.Ids[3]}", new { note = "viewer note" }),
            (HttpMethod.Post, "/api/events/extract", new { dry_run = true }),
            (HttpMethod.Post, "/api/events/import", Multipart("a.csv", "type,summary\nother,x\n", ("format", "csv"))),
        })
        {
            using var response = await EventsHost.Send(viewer, csrf, method, path, body);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {(int)response.StatusCode}");
        }

        var e = await Get($"/api/events/{fixture.Ids[3]}");
        Assert.Equal("proposed", e.GetProperty("status").GetString());
        Assert.Single(e.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task A_cookie_session_change_without_the_csrf_token_is_refused()
    {
        using var response = await EventsHost.Send(_client, null, HttpMethod.Post, $"/api/events/{fixture.Ids[2]}/status", new { status = "rejected" });
        Assert.Contains("CSRF", await response.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal("confirmed", (await Get($"/api/events/{fixture.Ids[2]}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("csv", "text/csv", "vigil-events.csv")]
    [InlineData("jsonl", "application/x-ndjson", "vigil-events.jsonl")]
    [InlineData("ftm", "application/x-ndjson", "vigil-events.ftm.jsonl")]
    [InlineData("ftm-statements", "text/csv", "vigil-events.ftm-statements.csv")]
    public async Task Exports_are_downloads_with_their_content_type_and_file_name(string format, string type, string file)
    {
        using var response = await _client.GetAsync(new Uri($"/api/events/export?format={format}&type=sanction", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(file, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.NotEmpty(text);
    }

    [Fact]
    public async Task Exports_round_trip_the_events_they_select()
    {
        // Two sanction events: two JSON lines that are the events themselves, and a header plus two CSV records.
        var jsonl = await _client.GetStringAsync(new Uri("/api/events/export?format=jsonl&type=sanction", UriKind.Relative));
        var lines = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([fixture.Ids[1], fixture.Ids[0]], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()));

        var csv = await _client.GetStringAsync(new Uri("/api/events/export?format=csv&type=sanction", UriKind.Relative));
        var records = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, records.Length);
        Assert.StartsWith("id,type,type_label,status,", records[0], StringComparison.Ordinal);
        Assert.StartsWith(fixture.Ids[1] + ",sanction.counter,", records[1], StringComparison.Ordinal);

        // FtM: per sanction event, each target as a Person/Company plus one Sanction per target: 2 + 2 (event 0) + 1 + 1 (event 1).
        var ftm = await _client.GetStringAsync(new Uri("/api/events/export?format=ftm&type=sanction", UriKind.Relative));
        var schemas = ftm.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("schema").GetString()).ToList();
        Assert.Equal(3, schemas.Count(s => s == "Sanction"));
        Assert.Equal(2, schemas.Count(s => s == "Person"));
        Assert.Equal(1, schemas.Count(s => s == "Company"));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_event_entity_and_gazetteer_routes()
    {
        var doc = await Get("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[]
        {
            "/api/events", "/api/events/{id}", "/api/events/{id}/status", "/api/events/stats", "/api/events/countries", "/api/events/types",
            "/api/events/export", "/api/events/import", "/api/events/extract", "/api/entities/lists", "/api/entities/match", "/api/gazetteer/lookup",
        })
        {
            Assert.Contains(expected, paths);
        }
    }

    [Fact]
    public async Task Types_blocs_and_gazetteer_lookup_answer_for_the_forms()
    {
        var types = await Get("/api/events/types");
        Assert.Contains(types.EnumerateArray(), t => t.GetProperty("id").GetString() == "police.training" && t.GetProperty("parent").GetString() == "police");
        var blocs = await Get("/api/gazetteer/blocs");
        Assert.Contains(blocs.EnumerateArray(), b => b.GetProperty("id").GetString() == "EU");
        var lookup = await Get("/api/gazetteer/lookup?q=Japan&q=%E6%97%A5%E6%9C%AC&q=Narnia");
        Assert.Equal(["JP", "JP", null], lookup.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        Assert.Equal(1, lookup.GetProperty("unknown").GetInt32());
    }

    [Fact]
    public async Task Entity_matching_without_lists_says_to_import_one_and_the_lists_are_empty()
    {
        Assert.Empty((await Get("/api/entities/lists")).GetProperty("lists").EnumerateArray());
        using var response = await _client.GetAsync(new Uri("/api/entities/match?name=Example", UriKind.Relative));
        Assert.Contains("vigil entities import", await response.ProblemAsync(HttpStatusCode.Conflict), StringComparison.Ordinal);
        using var bad = await _client.GetAsync(new Uri("/api/entities/match?name=Example&min-score=2", UriKind.Relative));
        Assert.Equal("min-score", (await FieldProblem(bad)).Field);
    }

    internal static MultipartFormDataContent Multipart(string name, string text, params (string Key, string Value)[] fields) => Multipart(name, text, fields, "file");

    internal static MultipartFormDataContent Multipart(string name, string text, (string Key, string Value)[] fields, string part)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, part, name);
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        return content;
    }
}

/// <summary>The API calls that change the ledger, on a server of their own so the read tests' counts hold whatever the order.</summary>
public sealed class EventsChangeTests(EventsHost fixture) : IClassFixture<EventsHost>
{
    private readonly HttpClient _client = fixture.Analyst;

    private async Task<JsonElement> Get(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    private static async Task<(string Detail, string? Field)> FieldProblem(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var detail = await response.ProblemAsync(status);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (detail, json.TryGetProperty("field", out var f) ? f.GetString() : null);
    }

    private static MultipartFormDataContent Multipart(string name, string text, params (string Key, string Value)[] fields) => EventsApiTests.Multipart(name, text, fields, "file");

    private static MultipartFormDataContent Multipart(string name, string text, (string Key, string Value)[] fields, string part) => EventsApiTests.Multipart(name, text, fields, part);

    [Fact]
    public async Task Setting_a_status_records_the_signed_in_user_and_the_note_in_the_history()
    {
        // A fresh event of its own, so the other tests' expectations on the seed are untouched.
        using (var created = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Post, "/api/events", new
        {
            type = "police.meeting", date = "2024-04", source_url = "https://example.org/notice/9", summary = "Illustrative: a ministerial police meeting.", status = "proposed",
        }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var id = (await Get("/api/events?type=police.meeting")).GetProperty("items")[0].GetProperty("id").GetString()!;
        using var response = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Post, $"/api/events/{id}/status", new { status = "confirmed", note = "checked against the notice" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("confirmed", body.GetProperty("status").GetString());
        Assert.Equal("proposed", body.GetProperty("previous").GetString());
        Assert.True(body.GetProperty("changed").GetBoolean());

        using var note = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Patch, $"/api/events/{id}", new { note = "second look: fine" });
        Assert.Equal(HttpStatusCode.OK, note.StatusCode);

        var e = await Get($"/api/events/{id}");
        Assert.Equal("checked against the notice\nsecond look: fine", e.GetProperty("notes").GetString());
        var history = e.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["created", "status", "edited"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.All(history, h => Assert.Equal("ana", h.GetProperty("by").GetString()));
        Assert.Equal("checked against the notice", history[1].GetProperty("note").GetString());
        Assert.Equal("confirmed", history[1].GetProperty("after").GetProperty("status").GetString());

        using var bad = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Post, $"/api/events/{id}/status", new { status = "approved" });
        Assert.Equal("status", (await FieldProblem(bad)).Field);
    }

    /// <summary>
    /// A small hostile CSV (generic format, columns named like fields), with the report worked out from docs/events.md:
    /// row 1 is imported as it is (markup and a javascript: URL are only text to the ledger); row 2 has a date that is
    /// not a calendar date and an unknown country (imported, flagged); row 3 an unknown type (typed other, flagged);
    /// row 4 names nobody (rejected); row 5 has a stray quote (rejected); row 6 has one field too many (rejected).
    /// </summary>
    internal const string HostileCsv =
        "type,date,body,target.name_en,target.country,source_url,notes\n"
        + "police.training,2023-05,Ministry of Public Security,\"<img src=x onerror=\"\"window.__pwned=5\"\">\",RS,javascript:alert(1),<script>window.__pwned=6</script>\n"
        + "sanction.counter,2020-02-31,MFA,Example Person C,Narnia,https://example.org/a,\n"
        + "imaginary-type,2021,MFA,Example Person D,US,https://example.org/b,\n"
        + ",2021,MFA,,,https://example.org/c,\n"
        + "police.training,2022,\"unclosed \"quote,Example E,RS,https://example.org/d,\n"
        + "police.training,2022,MPS,Example F,RS,https://example.org/e,note,extra\n";

    [Fact]
    public async Task Importing_a_hostile_csv_reports_each_row_and_keeps_the_rest()
    {
        using var response = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Post, "/api/events/import",
            Multipart("hostile-events.csv", HostileCsv, ("format", "csv"), ("no_watch", "1")));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var report = await response.JsonAsync();
        Assert.Equal("hostile-events.csv", report.GetProperty("file").GetString());
        Assert.Equal("csv", report.GetProperty("format").GetString());
        Assert.Equal(6, report.GetProperty("rows").GetInt32());
        Assert.Equal(3, report.GetProperty("imported").GetInt32());
        Assert.Equal([4, 5, 6], report.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));
        Assert.Equal([2, 3], report.GetProperty("flagged").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));
        Assert.Contains("Narnia", report.GetProperty("flagged")[0].GetProperty("issue").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("error").ValueKind);

        var imported = await Get("/api/events?file=hostile-events.csv");
        Assert.Equal(3, imported.GetProperty("total").GetInt32());
        var hostile = imported.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "police.training");
        Assert.Equal("<img src=x onerror=\"window.__pwned=5\">", hostile.GetProperty("targets")[0].GetProperty("name_en").GetString());
        Assert.Equal("javascript:alert(1)", hostile.GetProperty("source_url").GetString());
        Assert.Equal("hostile-events.csv", hostile.GetProperty("provenance")[0].GetProperty("file").GetString());
        Assert.Equal(1, hostile.GetProperty("provenance")[0].GetProperty("row").GetInt32());
        Assert.Equal("ana", (await Get($"/api/events/{hostile.GetProperty("id").GetString()}")).GetProperty("history")[0].GetProperty("by").GetString());

        // The same file again changes nothing.
        using var again = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Post, "/api/events/import",
            Multipart("hostile-events.csv", HostileCsv, ("format", "csv"), ("no_watch", "1")));
        var second = await again.JsonAsync();
        Assert.Equal(0, second.GetProperty("imported").GetInt32());
        Assert.Equal(3, second.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task An_import_that_is_not_a_csv_or_has_a_bad_option_is_refused_naming_it()
    {
        using (var type = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Post, "/api/events/import", Multipart("events.exe", "MZ", ("format", "csv"))))
        {
            await type.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        }

        using (var format = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Post, "/api/events/import", Multipart("e.csv", "a\n", ("format", "excel"))))
        {
            Assert.Equal("format", (await FieldProblem(format)).Field);
        }

        using (var map = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Post, "/api/events/import", Multipart("e.csv", "a\n", ("format", "csv"), ("map_column", "colour=A"))))
        {
            Assert.Equal("map_column", (await FieldProblem(map)).Field);
        }

        // A whole file the importer refuses (';'-delimited read as ','): 422 with the report.
        using var refused = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Post, "/api/events/import",
            Multipart("semi.csv", "Type;Name;Country\nPerson;A;US\n", ("format", "opensanctions-cn")));
        var detail = await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("delimiter", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extraction_from_one_document_stores_proposals_whose_span_is_in_its_text()
    {
        // An illustrative English sentence the extraction rules read as a police joint patrol (see the Core tests), naming Serbia.
        const string text = "Illustrative test text. In March 2022 Chinese police began joint patrols with Serbian police in Belgrade, Serbia.";
        var (admin, csrf) = await fixture.Host.SignInAsync("ada", WebHost.AdminPassword);
        using (admin)
        {
            using var upload = await EventsHost.Send(admin, csrf, HttpMethod.Post, "/api/ingest", Multipart("patrols.txt", text, [], "files"));
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }

        var doc = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        using var dry = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Post, "/api/events/extract", new { doc, dry_run = true });
        var dryRun = await dry.JsonAsync();
        Assert.Equal(JsonValueKind.Null, dryRun.GetProperty("stored").ValueKind);
        Assert.Equal(0, (await Get($"/api/events?doc={doc}")).GetProperty("total").GetInt32());

        using var run = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Post, "/api/events/extract", new { doc });
        var result = await run.JsonAsync();
        var proposal = Assert.Single(result.GetProperty("proposals").EnumerateArray(), p => p.GetProperty("type").GetString() == "police.joint-patrol");
        var proposals = result.GetProperty("proposals").GetArrayLength();
        Assert.Equal(proposals, result.GetProperty("stored").GetProperty("created").GetInt32());

        var listed = await Get($"/api/events?doc={doc}");
        Assert.Equal(proposals, listed.GetProperty("total").GetInt32());
        var stored = listed.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "police.joint-patrol");
        Assert.Equal(proposal.GetProperty("id").GetString(), stored.GetProperty("id").GetString());
        Assert.Equal("proposed", stored.GetProperty("status").GetString());
        Assert.Equal("2022-03", stored.GetProperty("date").GetString());
        Assert.Equal(["RS"], stored.GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        var p = stored.GetProperty("provenance")[0];
        var (start, end) = (p.GetProperty("start").GetInt32(), p.GetProperty("end").GetInt32());
        Assert.Equal(text[start..end], p.GetProperty("quote").GetString());
        Assert.Contains("patrol", text[start..end], StringComparison.Ordinal);

        using var missing = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Post, "/api/events/extract", new { doc = "0123456789abcdef" });
        await missing.ProblemAsync(HttpStatusCode.NotFound);
        using var badType = await EventsHost.Send(_client, fixture.Csrf, HttpMethod.Post, "/api/events/extract", new { type = "weather" });
        Assert.Equal("type", (await FieldProblem(badType)).Field);
    }
}
