using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vigil.Web.Tests;

/// <summary>Each API group over the test documents, as an admin session; expected values worked out from <see cref="TestDocuments"/>.</summary>
public sealed class ApiTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private readonly HttpClient _client = shared.Admin;

    /// <summary>A document's id: the first 16 hex digits of the SHA-256 of the file's bytes (UTF-8, as written).</summary>
    private static string Id(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private async Task<JsonElement> Get(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    private async Task<string> Problem(string path, HttpStatusCode status)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        return await response.ProblemAsync(status);
    }

    [Fact]
    public async Task Documents_are_listed_a_page_at_a_time_with_the_total()
    {
        var first = await Get("/api/documents?pageSize=3");
        var second = await Get("/api/documents?pageSize=3&page=2");
        Assert.Equal(4, first.GetProperty("total").GetInt32());
        Assert.Equal(3, first.GetProperty("page_size").GetInt32());

        // The store's order: by path (en-…, hostile…, zh-2012…, zh-2021…).
        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Equal([Id(TestDocuments.English), Id(TestDocuments.Hostile), Id(TestDocuments.ChineseOld), Id(TestDocuments.ChineseNew)], ids);
        Assert.Empty((await Get("/api/documents?pageSize=3&page=3")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/documents?page=0")]
    [InlineData("/api/documents?pageSize=0")]
    [InlineData("/api/documents?pageSize=10001")]
    public async Task Out_of_range_paging_is_a_bad_request(string path) => Assert.Contains("page", await Problem(path, HttpStatusCode.BadRequest), StringComparison.Ordinal);

    [Fact]
    public async Task Documents_are_filtered_by_language_and_source()
    {
        var chinese = await Get("/api/documents?lang=zh");
        Assert.Equal(2, chinese.GetProperty("total").GetInt32());
        Assert.Equal(3, (await Get("/api/documents?source=Test%20Bulletin")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_document_is_found_by_id_prefix_with_its_metadata_and_original_text()
    {
        var id = Id(TestDocuments.English);
        var doc = await Get($"/api/documents/{id[..8]}");
        Assert.Equal(id, doc.GetProperty("id").GetString());
        Assert.Equal("Supply Chains Report", doc.GetProperty("title").GetString());
        Assert.Equal("2020-06-01", doc.GetProperty("date").GetString());
        Assert.Equal("Test Bulletin", doc.GetProperty("source").GetString());

        using var text = await _client.GetAsync(new Uri($"/api/documents/{id}/text", UriKind.Relative));
        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
        var body = await text.Content.ReadAsStringAsync();
        Assert.StartsWith("Illustrative test text. The security of supply chains", body, StringComparison.Ordinal);
        Assert.DoesNotContain("date: 2020", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/documents/0000000000000000")]
    [InlineData("/api/documents/abc")]
    [InlineData("/api/documents/not-hex-at-all")]
    public async Task An_unknown_document_is_404_problem_details(string path) => Assert.Contains("no document matches", await Problem(path, HttpStatusCode.NotFound), StringComparison.Ordinal);

    [Fact]
    public async Task Search_finds_the_two_documents_with_security_and_marks_the_word_in_each_snippet()
    {
        var result = await Get("/api/search?q=security");
        Assert.Equal(2, result.GetProperty("total").GetInt32());
        Assert.True(result.GetProperty("total_exact").GetBoolean());
        var hits = result.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { Id(TestDocuments.English), Id(TestDocuments.Hostile) }.Order(StringComparer.Ordinal),
            hits.Select(h => h.GetProperty("doc").GetString()!).Order(StringComparer.Ordinal));
        foreach (var hit in hits)
        {
            var text = hit.GetProperty("snippet_text").GetString()!;
            var marks = hit.GetProperty("marks").EnumerateArray().Select(m => (m[0].GetInt32(), m[1].GetInt32())).ToList();
            Assert.NotEmpty(marks);
            Assert.All(marks, m => Assert.Equal("security", text[m.Item1..m.Item2], ignoreCase: true));
        }
    }

    [Fact]
    public async Task Many_searches_at_once_all_get_the_same_answer_while_they_wait_for_a_core()
    {
        // The server runs one search per core; 40 at once must queue, not fail, and each answer is the lone search's.
        var alone = (await Get("/api/search?q=security")).GetRawText();
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ => (await Get("/api/search?q=security")).GetRawText()));
        Assert.All(answers, a => Assert.Equal(alone, a));
        Assert.Equal(2, JsonDocument.Parse(alone).RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_pages_do_not_overlap()
    {
        var one = await Get("/api/search?q=security&pageSize=1&page=1");
        var two = await Get("/api/search?q=security&pageSize=1&page=2");
        Assert.Equal(2, one.GetProperty("total").GetInt32());
        Assert.NotEqual(one.GetProperty("items")[0].GetProperty("doc").GetString(), two.GetProperty("items")[0].GetProperty("doc").GetString());
    }

    [Fact]
    public async Task Search_filters_by_domain_date_and_language()
    {
        var food = await Get("/api/search?q=" + Uri.EscapeDataString("安全") + "&domain=food");
        Assert.Equal([Id(TestDocuments.ChineseNew)], food.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("doc").GetString()));
        Assert.Equal(1, food.GetProperty("total").GetInt32());
        Assert.Equal(0, (await Get("/api/search?q=" + Uri.EscapeDataString("安全") + "&domain=cyber")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await Get("/api/search?q=security&from=2020&to=2020-12")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await Get("/api/search?q=security&lang=zh")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/api/search", "give a query")]
    [InlineData("/api/search?q=security&from=2020-13", "is not a date")]
    [InlineData("/api/search?q=%22unbalanced", "cannot read the query")]
    [InlineData("/api/search?q=security&domain=nowhere", "unknown domain")]
    public async Task Bad_searches_say_what_to_fix(string path, string expected) =>
        Assert.Contains(expected, await Problem(path, HttpStatusCode.BadRequest), StringComparison.Ordinal);

    [Fact]
    public async Task Count_gives_the_three_occurrences_of_security_and_its_rate()
    {
        var id = Id(TestDocuments.English);
        var words = (await Get($"/api/documents/{id}")).GetProperty("words").GetInt32();
        var rows = (await Get($"/api/count?term=security&doc={id}")).GetProperty("items").EnumerateArray().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(3, row.GetProperty("count").GetInt64());
        Assert.Equal(words, row.GetProperty("basis").GetInt64());
        Assert.Equal(3.0 / words * 10_000, row.GetProperty("per10k").GetDouble(), 4);
    }

    [Fact]
    public async Task Count_by_corpus_sums_all_documents()
    {
        var row = Assert.Single((await Get("/api/count?term=security&by=corpus")).GetProperty("items").EnumerateArray());
        Assert.Equal(4, row.GetProperty("count").GetInt64());
        Assert.Equal(4, row.GetProperty("docs").GetInt32());
    }

    [Fact]
    public async Task Kwic_lists_each_occurrence_with_its_original_spelling()
    {
        var result = await Get($"/api/kwic?term=security&doc={Id(TestDocuments.English)}");
        Assert.Equal(3, result.GetProperty("total").GetInt32());
        Assert.Equal(["security", "Security", "security"], result.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("match").GetString()));
    }

    [Fact]
    public async Task Term_requests_without_terms_or_with_unknown_documents_are_bad_requests()
    {
        Assert.Contains("at least one term", await Problem("/api/count", HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("no document matches 'ffffffffff'", await Problem("/api/count?term=x&doc=ffffffffff", HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("by must be", await Problem("/api/count?term=x&by=week", HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_2021_text_is_assigned_food_security_on_its_two_food_terms()
    {
        var rows = await Get($"/api/documents/{Id(TestDocuments.ChineseNew)}/domains");
        var food = rows[0].GetProperty("domains").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "food");
        Assert.True(food.GetProperty("assigned").GetBoolean());

        // E = 3 (粮食安全) + 3 (耕地红线) = 6; score = 1 − exp(−6 / 4) = 0.7769 (a short text: no length normalisation).
        Assert.Equal(0.7769, food.GetProperty("score").GetDouble(), 4);
        Assert.Equal(["粮食安全", "耕地红线"], food.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("term").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Evidence_spans_point_at_their_terms_in_the_original_text()
    {
        var id = Id(TestDocuments.ChineseNew);
        var text = await _client.GetStringAsync(new Uri($"/api/documents/{id}/text", UriKind.Relative));
        var evidence = await Get($"/api/documents/{id}/evidence");
        var spans = evidence.GetProperty("spans").EnumerateArray().ToList();
        Assert.NotEmpty(spans);
        foreach (var span in spans)
        {
            var (start, end) = (span.GetProperty("start").GetInt32(), span.GetProperty("end").GetInt32());
            Assert.Equal(span.GetProperty("term").GetString(), text[start..end]);
        }

        var food = spans.Where(s => s.GetProperty("domain").GetString() == "food").Select(s => s.GetProperty("start").GetInt32()).ToList();
        Assert.Equal([text.IndexOf("粮食安全", StringComparison.Ordinal), text.IndexOf("耕地红线", StringComparison.Ordinal)], food);
    }

    [Fact]
    public async Task The_formulations_found_in_the_2021_text_are_its_four()
    {
        // The dictionary's Chinese forms found in the text (checked by hand against formulations.txt): 总体国家安全观,
        // 统筹发展和安全, 粮食安全 and 耕地红线, once each.
        var found = await Get($"/api/documents/{Id(TestDocuments.ChineseNew)}/formulations");
        Assert.Equal(["arable-land-red-line:1", "development-and-security:1", "food-security:1", "holistic-national-security:1"],
            found.EnumerateArray().Select(f => $"{f.GetProperty("id").GetString()}:{f.GetProperty("count").GetInt64()}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Classify_reads_a_posted_text_without_storing_it()
    {
        var (client, csrf) = (_client, shared.Csrf);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/classify?level=paragraph") { Content = new StringContent("粮食安全是基础。\n\n要守住耕地红线。", Encoding.UTF8, "text/plain") };
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        using var response = await client.SendAsync(request);
        var result = await response.JsonAsync();
        Assert.Equal("request.txt", result.GetProperty("file").GetString());
        Assert.Contains(result.GetProperty("domains").EnumerateArray(), d => d.GetProperty("id").GetString() == "food" && d.GetProperty("assigned").GetBoolean());
        Assert.Equal(2, result.GetProperty("paragraphs").GetArrayLength());
        Assert.Equal(4, (await Get("/api/documents")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("2014", 11)]
    [InlineData("2021", 16)]
    [InlineData("2024", 20)]
    public async Task The_taxonomy_of_each_version_has_its_number_of_fields(string version, int domains) =>
        Assert.Equal(domains, (await Get($"/api/taxonomy?version={version}")).GetProperty("domains").GetArrayLength());

    [Fact]
    public async Task An_unknown_taxonomy_version_is_a_bad_request() =>
        Assert.Contains("unknown taxonomy version '1999'", await Problem("/api/taxonomy?version=1999", HttpStatusCode.BadRequest), StringComparison.Ordinal);

    [Fact]
    public async Task The_domains_list_pages_over_documents()
    {
        var page = await Get("/api/domains?pageSize=2");
        Assert.Equal(4, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_term_trend_per_document_is_the_rate_of_each()
    {
        var id = Id(TestDocuments.English);
        var words = (await Get($"/api/documents/{id}")).GetProperty("words").GetInt32();
        var rows = (await Get("/api/trend?term=security&by=doc")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        var english = rows.Single(r => r.GetProperty("doc").GetString() == id);
        Assert.Equal(3, english.GetProperty("count").GetInt64());
        Assert.Equal(3.0 / words * 10_000, english.GetProperty("value").GetDouble(), 4);
    }

    [Fact]
    public async Task The_securitisation_trend_per_year_has_the_three_dated_years()
    {
        var rows = (await Get("/api/trend?index=securitization&by=year")).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("key").GetString()).ToList();
        Assert.Equal(["2012", "2020", "2021", "(undated)"], rows);
    }

    [Theory]
    [InlineData("/api/trend", "exactly one")]
    [InlineData("/api/trend?term=a&index=securitization", "exactly one")]
    [InlineData("/api/trend?domain=nowhere", "unknown domain")]
    [InlineData("/api/trend?index=securitization&by=week", "by must be")]
    public async Task Bad_trend_requests_say_what_to_fix(string path, string expected) =>
        Assert.Contains(expected, await Problem(path, HttpStatusCode.BadRequest), StringComparison.Ordinal);

    [Fact]
    public async Task The_diff_from_2012_to_2021_shows_what_appeared_and_disappeared()
    {
        var diff = await Get($"/api/tifa/diff?a={Id(TestDocuments.ChineseOld)}&b={Id(TestDocuments.ChineseNew)}");
        static List<string?> Ids(JsonElement list) => list.EnumerateArray().Select(c => c.GetProperty("id").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["arable-land-red-line", "development-and-security", "food-security", "holistic-national-security"], Ids(diff.GetProperty("appeared")));
        Assert.Equal(["strategic-opportunity"], Ids(diff.GetProperty("disappeared")));
        Assert.Empty(diff.GetProperty("rose").EnumerateArray());
        Assert.Equal(Id(TestDocuments.ChineseOld), diff.GetProperty("a").GetProperty("docs")[0].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("/api/tifa/diff", "give two documents")]
    [InlineData("/api/tifa/diff?a-source=x", "give both --a-source and --b-source")]
    [InlineData("/api/tifa/diff?a=ffffffffffffffff&b=eeeeeeeeeeeeeeee", "no document matches")]
    public async Task Bad_diffs_say_what_to_fix(string path, string expected) =>
        Assert.Contains(expected, await Problem(path, HttpStatusCode.BadRequest), StringComparison.Ordinal);

    [Fact]
    public async Task The_formulation_dictionary_pages_through_every_entry_once()
    {
        var first = await Get("/api/tifa/formulations?pageSize=50");
        var total = first.GetProperty("total").GetInt32();
        var ids = new List<string?>();
        for (var page = 1; (page - 1) * 50 < total; page++)
        {
            ids.AddRange((await Get($"/api/tifa/formulations?pageSize=50&page={page}")).GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        }

        Assert.Equal(total, ids.Count);
        Assert.Equal(total, ids.Distinct().Count());
        Assert.Contains("strategic-opportunity", ids);
    }

    [Fact]
    public async Task The_timeline_of_a_formulation_counts_it_per_year()
    {
        var rows = (await Get("/api/tifa/timeline/strategic-opportunity?by=year")).GetProperty("items").EnumerateArray()
            .ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("count").GetInt64());
        Assert.Equal(1, rows["2012"]);
        Assert.Equal(0, rows["2021"]);
        Assert.Contains("unknown formulation", await Problem("/api/tifa/timeline/no-such-thing", HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keyness_compares_one_document_with_the_other_three()
    {
        var result = await Get($"/api/keyness?a={Id(TestDocuments.English)}&min-freq=1&lang=en");
        Assert.Equal(1, result.GetProperty("a").GetProperty("docs").GetInt32());
        Assert.Equal(3, result.GetProperty("b").GetProperty("docs").GetInt32());
        Assert.Contains("give set A", await Problem("/api/keyness", HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collocates_count_the_four_occurrences_of_security()
    {
        var result = await Get("/api/collocates?term=security&min-freq=1");
        Assert.Equal(4, result.GetProperty("node").GetInt64());
        Assert.Equal("logdice", result.GetProperty("measure").GetString());
        Assert.Contains("measure must be", await Problem("/api/collocates?term=security&measure=x", HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }
}

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Twenty_concurrent_clients_searching_all_get_the_same_answers_while_a_file_is_ingested()
    {
        await using var host = await WebHost.StartAsync();
        var (admin, csrf) = await host.SignInAsync("ada", WebHost.AdminPassword);
        var (_, key, _) = host.Users.AddKey("load", Vigil.Web.Auth.Roles.Viewer);
        var queries = new[] { "security", Uri.EscapeDataString("安全"), "supply", Uri.EscapeDataString("\"security reviews\"") };
        var expected = new Dictionary<string, int>();
        foreach (var q in queries)
        {
            expected[q] = (await (await admin.GetAsync(new Uri($"/api/search?q={q}", UriKind.Relative))).JsonAsync()).GetProperty("total").GetInt32();
        }

        // An upload that matches none of the queries runs meanwhile: it commits to the index under the searches.
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = UploadTests.Files(("other.txt", "A note on grain reserves only."u8.ToArray())) };
        upload.Headers.Add("X-CSRF-TOKEN", csrf);
        var ingest = admin.SendAsync(upload);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(async client =>
        {
            using var http = host.Client();
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            var totals = new List<(string, int)>();
            for (var i = 0; i < 10; i++)
            {
                var q = queries[(client + i) % queries.Length];
                using var response = await http.GetAsync(new Uri($"/api/search?q={q}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                totals.Add((q, (await response.JsonAsync()).GetProperty("total").GetInt32()));
            }

            return totals;
        }));
        Assert.Equal(HttpStatusCode.OK, (await ingest).StatusCode);
        Assert.All(results.SelectMany(r => r), r => Assert.Equal(expected[r.Item1], r.Item2));
    }
}
