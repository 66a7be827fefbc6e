using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigil.Storage.Sqlite;
using Vigil.Web.Auth;

namespace Vigil.Web.Tests;

/// <summary>
/// The early-warning API: indicators over a posted series, the watch, the alert inbox (ack/resolve, filters, paging),
/// detect, and the risk register, on a fixed clock. Expected values are worked out by hand in the comments.
/// </summary>
public sealed class WarningApiTests
{
    /// <summary>The server's clock: every alert and assessment is stamped with it.</summary>
    internal static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    internal const string AnalystPassword = "analyst password 1";

    /// <summary>
    /// Monthly from 2023-01, fourteen values: 10 11 10 12 11 10 11 50 11 10 12 11 60 11. With robust-z over the previous 5
    /// points (min-periods 5, threshold 3.5):
    /// 2023-08 (50): previous 10 12 11 10 11 → median 11, |deviations| 1 1 0 1 0 → MAD 1, spread 1.4826, z = 39 / 1.4826 = 26.3;
    /// 2024-01 (60): previous 50 11 10 12 11 → median 11, |deviations| 39 0 1 1 0 → MAD 1, z = 49 / 1.4826 = 33.0;
    /// every other scored point is within |z| ≤ 0.67 (e.g. 2023-10 (10): previous 11 10 11 50 11 → MAD 0, so the spread is
    /// 1.2533 × the mean absolute deviation 8 = 10.03, z = −0.1). So two alerts, both critical (u = z / 3.5 ≥ 3).
    /// </summary>
    internal const string Series = "timestamp,value\n2023-01,10\n2023-02,11\n2023-03,10\n2023-04,12\n2023-05,11\n2023-06,10\n2023-07,11\n2023-08,50\n"
        + "2023-09,11\n2023-10,10\n2023-11,12\n2023-12,11\n2024-01,60\n2024-02,11\n";

    internal static object Indicator(string id = "imports", string name = "Rare-earth imports (illustrative)") => new
    {
        id,
        name,
        period = "month",
        source = new { kind = "csv", csv = Series, file = "imports.csv" },
        detector = new { name = "robust-z", @params = new Dictionary<string, string> { ["window"] = "5", ["min-periods"] = "5" } },
    };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    internal static async Task<WebHost> StartAsync() =>
        await WebHost.StartAsync(documents: false, configure: o => o with { Time = new FixedClock(Now) });

    private static async Task<(HttpClient Client, string Csrf)> AnalystAsync(WebHost host)
    {
        Assert.True(host.Users.AddUser("ana", Roles.Analyst, AnalystPassword).Succeeded);
        return await host.SignInAsync("ana", AnalystPassword);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, string csrf, HttpMethod method, string path, object? body = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content ?? (body is null ? null : JsonContent.Create(body)) };
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    private static async Task<(string Field, string Detail)> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var detail = await response.ProblemAsync(status);
        var json = await response.JsonAsync();
        return (json.TryGetProperty("field", out var f) ? f.GetString() ?? "" : "", detail);
    }

    [Fact]
    public async Task The_watch_over_a_posted_series_raises_the_alerts_worked_out_by_hand_and_ack_and_resolve_record_who()
    {
        await using var host = await StartAsync();
        var (ana, csrf) = await AnalystAsync(host);

        var added = await Send(ana, csrf, HttpMethod.Post, "/api/indicators", Indicator());
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var definition = await added.JsonAsync();
        Assert.Equal("csv", definition.GetProperty("source").GetProperty("kind").GetString());
        Assert.Equal("imports.csv", definition.GetProperty("source").GetProperty("file").GetString());

        var series = await Ok(await ana.GetAsync("/api/indicators/imports/series"));
        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(14, points.Count);
        Assert.Equal("2023-08", points[7].GetProperty("period").GetString());
        Assert.Equal(50, points[7].GetProperty("value").GetDouble());

        var report = await Ok(await Send(ana, csrf, HttpMethod.Post, "/api/watch"));
        Assert.Equal(2, report.GetProperty("new").GetInt32());
        var outcome = report.GetProperty("indicators")[0];
        Assert.Equal("imports", outcome.GetProperty("id").GetString());
        Assert.Equal(14, outcome.GetProperty("points").GetInt32());
        Assert.Equal(2, outcome.GetProperty("flagged").GetInt32());
        var raised = report.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal(["2023-08", "2024-01"], raised.Select(a => a.GetProperty("peak").GetString()));
        Assert.Equal([50.0, 60.0], raised.Select(a => a.GetProperty("value").GetDouble()));
        Assert.All(raised, a => Assert.Equal(11, a.GetProperty("baseline").GetDouble()));
        Assert.All(raised, a => Assert.Equal("critical", a.GetProperty("severity").GetString()));

        // A second watch on the same data raises nothing.
        Assert.Equal(0, (await Ok(await Send(ana, csrf, HttpMethod.Post, "/api/watch"))).GetProperty("new").GetInt32());

        var first = await Ok(await ana.GetAsync("/api/alerts/1"));
        Assert.Equal("new", first.GetProperty("state").GetString());
        Assert.Equal("2025-03-10T12:00:00Z", first.GetProperty("raised_at").GetString());
        Assert.Contains("2023-08", first.GetProperty("explanation").GetString(), StringComparison.Ordinal);

        var acked = await Ok(await Send(ana, csrf, HttpMethod.Post, "/api/alerts/1/ack", new { note = "looking into it" }));
        Assert.Equal("acknowledged", acked.GetProperty("state").GetString());
        var entry = acked.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("acknowledged", entry.GetProperty("state").GetString());
        Assert.Equal("ana", entry.GetProperty("by").GetString());
        Assert.Equal("2025-03-10T12:00:00Z", entry.GetProperty("at").GetString());
        Assert.Equal("looking into it", entry.GetProperty("note").GetString());

        var resolved = await Ok(await Send(ana, csrf, HttpMethod.Post, "/api/alerts/2/resolve"));
        Assert.Equal("resolved", resolved.GetProperty("state").GetString());
        Assert.Equal("ana", resolved.GetProperty("history").EnumerateArray().Last().GetProperty("by").GetString());
        Assert.Equal(JsonValueKind.Null, resolved.GetProperty("history").EnumerateArray().Last().GetProperty("note").ValueKind);

        // Acknowledging twice, or a resolved alert, is a conflict that says why.
        Assert.Contains("already acknowledged", (await Problem(await Send(ana, csrf, HttpMethod.Post, "/api/alerts/1/ack"), HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
        Assert.Contains("is resolved", (await Problem(await Send(ana, csrf, HttpMethod.Post, "/api/alerts/2/ack"), HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);

        // State filters; newest first; open (the default) is everything not resolved.
        async Task<List<long>> Ids(string query) =>
            [.. (await Ok(await ana.GetAsync("/api/alerts" + query))).GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt64())];
        Assert.Equal([1L], await Ids(""));
        Assert.Equal([1L], await Ids("?state=acknowledged"));
        Assert.Equal([2L], await Ids("?state=resolved"));
        Assert.Empty(await Ids("?state=new"));
        Assert.Equal([2L, 1L], await Ids("?state=all"));
        Assert.Equal([2L, 1L], await Ids("?state=all&severity=critical"));
        Assert.Empty(await Ids("?state=all&severity=low"));
        Assert.Equal([2L, 1L], await Ids("?state=all&indicator=imports"));

        // Paging: one per page, newest first, with the total.
        var page1 = await Ok(await ana.GetAsync("/api/alerts?state=all&pageSize=1"));
        var page2 = await Ok(await ana.GetAsync("/api/alerts?state=all&pageSize=1&page=2"));
        Assert.Equal(2, page1.GetProperty("total").GetInt32());
        Assert.Equal(2, page1.GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.Equal(1, page2.GetProperty("items")[0].GetProperty("id").GetInt64());

        // The indicator counts its alerts by state.
        var shown = await Ok(await ana.GetAsync("/api/indicators/imports"));
        Assert.Equal(14, shown.GetProperty("rows").GetInt32());
        Assert.Equal(1, shown.GetProperty("alerts").GetProperty("acknowledged").GetInt32());
        Assert.Equal(1, shown.GetProperty("alerts").GetProperty("resolved").GetInt32());
    }

    [Fact]
    public async Task A_viewer_reads_alerts_but_may_not_acknowledge_resolve_watch_or_add()
    {
        await using var host = await StartAsync();
        var (ana, csrf) = await AnalystAsync(host);
        await Ok(await Send(ana, csrf, HttpMethod.Post, "/api/indicators", Indicator()));
        await Ok(await Send(ana, csrf, HttpMethod.Post, "/api/watch"));

        var (vic, vicCsrf) = await host.SignInAsync("vic", WebHost.ViewerPassword);
        Assert.Equal(2, (await Ok(await vic.GetAsync("/api/alerts"))).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(vic, vicCsrf, HttpMethod.Post, "/api/alerts/1/ack")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(vic, vicCsrf, HttpMethod.Post, "/api/alerts/1/resolve")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(vic, vicCsrf, HttpMethod.Post, "/api/watch")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(vic, vicCsrf, HttpMethod.Post, "/api/indicators", Indicator("other"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(vic, vicCsrf, HttpMethod.Delete, "/api/indicators/imports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(vic, vicCsrf, HttpMethod.Post, "/api/risks/x/assess", new { likelihood = 1, impact = 1 })).StatusCode);
        Assert.Equal("new", (await Ok(await vic.GetAsync("/api/alerts/1"))).GetProperty("state").GetString());

        // Without a session nothing is readable.
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().GetAsync("/api/alerts")).StatusCode);
    }

    [Fact]
    public async Task Acknowledging_without_the_csrf_token_is_refused_and_changes_nothing()
    {
        await using var host = await StartAsync();
        var (ana, csrf) = await AnalystAsync(host);
        await Ok(await Send(ana, csrf, HttpMethod.Post, "/api/indicators", Indicator()));
        await Ok(await Send(ana, csrf, HttpMethod.Post, "/api/watch"));

        using var without = new HttpRequestMessage(HttpMethod.Post, "/api/alerts/1/ack");
        Assert.Contains("CSRF", await (await ana.SendAsync(without)).ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/alerts/1/ack");
        forged.Headers.Add("X-CSRF-TOKEN", "forged");
        await (await ana.SendAsync(forged)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("new", (await Ok(await ana.GetAsync("/api/alerts/1"))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_acknowledgement_waits_while_another_process_watches_the_same_data()
    {
        await using var host = await StartAsync();
        var (ana, csrf) = await AnalystAsync(host);
        await Ok(await Send(ana, csrf, HttpMethod.Post, "/api/indicators", Indicator()));
        await Ok(await Send(ana, csrf, HttpMethod.Post, "/api/watch"));

        // A second store on the same data directory holds the lock, as 'vigil watch' in another process does.
        using var cli = SqliteWarningStore.Open(host.DataDirectory);
        var held = cli.LockChanges();
        var ack = Send(ana, csrf, HttpMethod.Post, "/api/alerts/1/ack", new { note = "after the CLI's watch" });
        await Task.Delay(400);
        Assert.False(ack.IsCompleted, "the acknowledgement did not wait for the other process");
        Assert.Equal(Vigil.Core.Alerts.AlertState.New, cli.GetAlert(1)!.State);

        held.Dispose();
        var acked = await Ok(await ack.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("acknowledged", acked.GetProperty("state").GetString());
    }

    [Fact]
    public void The_alert_change_lock_is_exclusive_and_says_who_may_hold_it()
    {
        var data = Path.Combine(Path.GetTempPath(), "vigil-warning-lock-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            using var first = SqliteWarningStore.Open(data);
            using var second = SqliteWarningStore.Open(data);
            using (first.LockChanges())
            {
                var busy = Assert.Throws<WarningStoreBusyException>(() => second.LockChanges(TimeSpan.FromMilliseconds(200)));
                Assert.Contains("vigil.db.warning-lock", busy.Message, StringComparison.Ordinal);
                Assert.Contains("try again", busy.Message, StringComparison.Ordinal);
            }

            // Released: the next holder gets it at once.
            using var again = second.LockChanges(TimeSpan.Zero);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Theory]
    [InlineData("""{"id":"bad id!","name":"x","period":"month","source":{"kind":"terms","terms":["安全"]}}""", "id")]
    [InlineData("""{"id":"a","name":"x","period":"fortnight","source":{"kind":"terms","terms":["安全"]}}""", "period")]
    [InlineData("""{"id":"a","name":"","period":"month","source":{"kind":"terms","terms":["安全"]}}""", "name")]
    [InlineData("""{"id":"a","name":"x","period":"month","source":{"kind":"terms","terms":[]}}""", "source.terms")]
    [InlineData("""{"id":"a","name":"x","period":"month","source":{"kind":"tea"}}""", "source.kind")]
    [InlineData("""{"id":"a","name":"x","period":"month","source":{"kind":"domain","domain":"econ"}}""", "source.domain")]
    [InlineData("""{"id":"a","name":"x","period":"month","source":{"kind":"formulation","formulation":"no-such-thing"}}""", "source.formulation")]
    [InlineData("""{"id":"a","name":"x","period":"month","source":{"kind":"events","country":"Atlantis"}}""", "source.country")]
    [InlineData("""{"id":"a","name":"x","period":"month","source":{"kind":"csv","csv":"2024-01,1\n2024-01,2\n"}}""", "source.csv")]
    [InlineData("""{"id":"a","name":"x","period":"month","source":{"kind":"csv","csv":"2024-01,1\n2024-02,NaN\n"}}""", "source.csv")]
    [InlineData("""{"id":"a","name":"x","period":"month","source":{"kind":"terms","terms":["安全"]},"detector":{"name":"prophet"}}""", "detector")]
    [InlineData("""{"id":"a","name":"x","period":"month","source":{"kind":"terms","terms":["安全"]},"detector":{"name":"robust-z","params":{"window":"-3"}}}""", "detector")]
    [InlineData("""[1,2]""", "")]
    [InlineData("""{"id":""", "")]
    public async Task A_bad_indicator_is_a_400_naming_the_field(string body, string field)
    {
        await using var host = await StartAsync();
        var (ana, csrf) = await AnalystAsync(host);
        var (named, detail) = await Problem(await Send(ana, csrf, HttpMethod.Post, "/api/indicators", content: new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Equal(field, named);
        if (field.Length > 0)
        {
            Assert.Contains(field.Split('.')[^1], detail, StringComparison.Ordinal);
        }

        Assert.Equal(0, (await Ok(await ana.GetAsync("/api/indicators"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_bad_csv_row_is_named_by_its_line()
    {
        await using var host = await StartAsync();
        var (ana, csrf) = await AnalystAsync(host);
        var body = new { id = "a", name = "x", period = "month", source = new { kind = "csv", csv = "timestamp,value\n2024-01,1\n2024-02,lots\n" } };
        var (field, detail) = await Problem(await Send(ana, csrf, HttpMethod.Post, "/api/indicators", body), HttpStatusCode.BadRequest);
        Assert.Equal("source.csv", field);
        Assert.Contains("line 3", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_things_are_404_problem_details_and_a_taken_id_is_a_conflict()
    {
        await using var host = await StartAsync();
        var (ana, csrf) = await AnalystAsync(host);
        Assert.Contains("no alert 7", (await Problem(await ana.GetAsync("/api/alerts/7"), HttpStatusCode.NotFound)).Detail, StringComparison.Ordinal);
        Assert.Contains("no alert 7", (await Problem(await Send(ana, csrf, HttpMethod.Post, "/api/alerts/7/ack"), HttpStatusCode.NotFound)).Detail, StringComparison.Ordinal);
        Assert.Contains("no indicator 'nope'", (await Problem(await ana.GetAsync("/api/indicators/nope"), HttpStatusCode.NotFound)).Detail, StringComparison.Ordinal);
        Assert.Contains("no indicator 'nope'", (await Problem(await ana.GetAsync("/api/indicators/nope/series"), HttpStatusCode.NotFound)).Detail, StringComparison.Ordinal);
        Assert.Contains("no risk 'nope'", (await Problem(await ana.GetAsync("/api/risks/nope"), HttpStatusCode.NotFound)).Detail, StringComparison.Ordinal);
        Assert.Equal("state", (await Problem(await ana.GetAsync("/api/alerts?state=sleeping"), HttpStatusCode.BadRequest)).Field);
        Assert.Equal("severity", (await Problem(await ana.GetAsync("/api/alerts?severity=apocalyptic"), HttpStatusCode.BadRequest)).Field);
        Assert.Equal("indicators", (await Problem(await Send(ana, csrf, HttpMethod.Post, "/api/watch", new { indicators = new[] { "nope" } }), HttpStatusCode.BadRequest)).Field);

        Assert.Equal(HttpStatusCode.Created, (await Send(ana, csrf, HttpMethod.Post, "/api/indicators", Indicator())).StatusCode);
        Assert.Equal("id", (await Problem(await Send(ana, csrf, HttpMethod.Post, "/api/indicators", Indicator()), HttpStatusCode.Conflict)).Field);
        var removed = await Ok(await Send(ana, csrf, HttpMethod.Delete, "/api/indicators/imports"));
        Assert.Equal("imports", removed.GetProperty("removed").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Send(ana, csrf, HttpMethod.Delete, "/api/indicators/imports")).StatusCode);
    }

    [Fact]
    public async Task The_risk_register_adds_assesses_and_counts_risks_on_the_heat_map_with_the_trend_from_alerts()
    {
        await using var host = await StartAsync();
        var (ana, csrf) = await AnalystAsync(host);
        await Ok(await Send(ana, csrf, HttpMethod.Post, "/api/indicators", Indicator()));
        await Ok(await Send(ana, csrf, HttpMethod.Post, "/api/watch"));

        var a = await Send(ana, csrf, HttpMethod.Post, "/api/risks", new
        {
            id = "re-supply", domain = "economic", title = "Rare-earth supply squeeze", owner = "supply-chain desk", likelihood = 4, impact = 5,
            indicators = new[] { "imports" }, review_date = "2025-01-31", note = "first look",
        });
        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        var risk = await a.JsonAsync();
        Assert.Equal(20, risk.GetProperty("score").GetInt32());
        Assert.Equal("critical", risk.GetProperty("rating").GetString());
        Assert.Equal("↑", risk.GetProperty("arrow").GetString()); // imports has open alerts
        Assert.True(risk.GetProperty("review_due").GetBoolean()); // 2025-01-31 is before the clock's 2025-03-10
        Assert.Equal("ana", risk.GetProperty("history")[0].GetProperty("by").GetString());

        await Ok(await Send(ana, csrf, HttpMethod.Post, "/api/risks", new { id = "cyber-1", domain = "cyber", title = "Grid intrusion", likelihood = 2, impact = 3 }));
        await Ok(await Send(ana, csrf, HttpMethod.Post, "/api/risks", new { id = "cyber-2", domain = "cyber", title = "Cable cut", likelihood = 2, impact = 3 }));

        var assessed = await Ok(await Send(ana, csrf, HttpMethod.Post, "/api/risks/re-supply/assess", new { likelihood = 3, impact = 5, note = "new supplier" }));
        Assert.Equal(15, assessed.GetProperty("score").GetInt32());
        Assert.Equal(2, assessed.GetProperty("history").GetArrayLength());
        Assert.Equal("new supplier", assessed.GetProperty("history")[1].GetProperty("note").GetString());

        // Rows run from likelihood 5 down to 1; columns are impact 1 to 5.
        var map = await Ok(await ana.GetAsync("/api/risks/heatmap"));
        Assert.Equal(3, map.GetProperty("total").GetInt32());
        var rows = map.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("likelihood").GetInt32(), r => r.GetProperty("impact").EnumerateArray().Select(c => c.GetInt32()).ToArray());
        Assert.Equal([0, 0, 0, 0, 1], rows[3]);
        Assert.Equal([0, 0, 2, 0, 0], rows[2]);
        Assert.Equal(0, rows[5].Sum() + rows[4].Sum() + rows[1].Sum());
        var cyber = await Ok(await ana.GetAsync("/api/risks/heatmap?domain=cyber"));
        Assert.Equal(2, cyber.GetProperty("total").GetInt32());

        var list = await Ok(await ana.GetAsync("/api/risks?domain=cyber"));
        Assert.Equal(["cyber-1", "cyber-2"], list.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.All(list.GetProperty("items").EnumerateArray(), r => Assert.Equal("→", r.GetProperty("arrow").GetString()));

        // Every wrong field at once, the first named in 'field'.
        var (field, detail) = await Problem(await Send(ana, csrf, HttpMethod.Post, "/api/risks",
            new { id = "x", domain = "econ", title = "t", likelihood = 6, impact = 2, review_date = "tomorrow" }), HttpStatusCode.BadRequest);
        Assert.Equal("domain", field);
        Assert.Contains("likelihood 6 is out of range", detail, StringComparison.Ordinal);
        Assert.Contains("review date 'tomorrow'", detail, StringComparison.Ordinal);
        Assert.Equal("impact", (await Problem(await Send(ana, csrf, HttpMethod.Post, "/api/risks/re-supply/assess", new { likelihood = 2 }), HttpStatusCode.BadRequest)).Field);
        Assert.Equal("likelihood", (await Problem(await Send(ana, csrf, HttpMethod.Post, "/api/risks/re-supply/assess", new { likelihood = "high", impact = 2 }), HttpStatusCode.BadRequest)).Field);
        Assert.Equal("domain", (await Problem(await ana.GetAsync("/api/risks?domain=econ"), HttpStatusCode.BadRequest)).Field);
        Assert.Equal("id", (await Problem(await Send(ana, csrf, HttpMethod.Post, "/api/risks", new { id = "cyber-1", domain = "cyber", title = "again", likelihood = 1, impact = 1 }), HttpStatusCode.BadRequest)).Field);
    }
}
