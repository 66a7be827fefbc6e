using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Vigil.Web.Tests;

/// <summary><c>POST /api/detect</c> and <c>GET /api/detectors</c>: a hand-worked series, both body forms, and hostile CSV.</summary>
public sealed class DetectApiTests(SharedHost shared) : IClassFixture<SharedHost>
{
    /// <summary>
    /// Daily from 2024-01-01: 10 11 10 12 11 10 11 50 11 10. Robust-z over the previous 5 points (min-periods 5): the first
    /// five warm up; 2024-01-08 (50) has median 11 and MAD 1 of 10 12 11 10 11, spread 1.4826, z = 39 / 1.4826 = 26.305;
    /// 2024-01-06 (z −0.67), -07 (0), -09 (0), -10 (MAD 0: spread 1.2533 × 8, z −0.1) are ordinary.
    /// </summary>
    private const string Csv = "timestamp,value\n2024-01-01,10\n2024-01-02,11\n2024-01-03,10\n2024-01-04,12\n2024-01-05,11\n"
        + "2024-01-06,10\n2024-01-07,11\n2024-01-08,50\n2024-01-09,11\n2024-01-10,10\n";

    private async Task<HttpResponseMessage> Post(string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-CSRF-TOKEN", shared.Csrf);
        return await shared.Admin.SendAsync(request);
    }

    private static StringContent CsvBody(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    private static void AssertTheOneAnomaly(JsonElement result)
    {
        Assert.Equal("robust-z", result.GetProperty("detector").GetString());
        Assert.Equal(10, result.GetProperty("points").GetInt32());
        Assert.Equal(5, result.GetProperty("scored").GetInt32());
        var anomaly = Assert.Single(result.GetProperty("anomalies").EnumerateArray());
        Assert.Equal("2024-01-08T00:00:00Z", anomaly.GetProperty("timestamp").GetString());
        Assert.Equal(50, anomaly.GetProperty("value").GetDouble());
        Assert.Equal(11, anomaly.GetProperty("baseline").GetDouble());
        Assert.Equal(1.4826, anomaly.GetProperty("spread").GetDouble(), 4);
        Assert.Equal(39 / 1.4826, anomaly.GetProperty("statistic").GetDouble(), 2);
        Assert.True(anomaly.GetProperty("score").GetDouble() > 0.5);
        Assert.Contains("robust z", anomaly.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_body_flags_the_point_worked_out_by_hand()
    {
        var result = await Ok(await Post("/api/detect?detector=robust-z&param=window=5&param=min-periods=5", CsvBody(Csv)));
        AssertTheOneAnomaly(result);
        Assert.Equal("5", result.GetProperty("parameters").GetProperty("window").GetString());
        Assert.Empty(result.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task A_json_body_gives_the_same_answer_as_the_csv()
    {
        var points = Csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))
            .Select(f => new { timestamp = f[0], value = double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture) }).ToList();
        var body = new Dictionary<string, object>
        {
            ["points"] = points,
            ["detector"] = "robust-z",
            ["params"] = new Dictionary<string, object> { ["window"] = 5, ["min-periods"] = "5" }, // a number or a string
        };
        var result = await Ok(await Post("/api/detect", JsonContent.Create(body)));
        AssertTheOneAnomaly(result);
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_line_and_the_rest_are_analysed()
    {
        var text = Csv.Replace("2024-01-03,10\n", "2024-01-03,ten\n", StringComparison.Ordinal).Replace("2024-01-09,11\n", "yesterday,11\n", StringComparison.Ordinal);
        var result = await Ok(await Post("/api/detect?detector=robust-z&param=window=5&param=min-periods=5", CsvBody(text)));
        var problems = result.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal([4, 10], problems.Select(p => p.GetProperty("row").GetInt32()));
        Assert.Contains("'ten'", problems[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(8, result.GetProperty("points").GetInt32());

        var json = new Dictionary<string, object> { ["points"] = new object[] { new { timestamp = "2024-01-01", value = 1 }, new { timestamp = "soon", value = 2 }, "x", new { timestamp = "2024-01-02", value = "NaN" } } };
        var fromJson = await Ok(await Post("/api/detect", JsonContent.Create(json)));
        Assert.Equal([2, 3, 4], fromJson.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("row").GetInt32()));
        Assert.Contains("points[1].timestamp", fromJson.GetProperty("problems")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("detector=prophet", "detector", "unknown detector 'prophet'")]
    [InlineData("detector=robust-z&param=window=1", "params", "window")]
    [InlineData("detector=robust-z&param=colour=red", "params", "no parameter 'colour'")]
    [InlineData("detector=robust-z&param=window", "param", "NAME=VALUE")]
    [InlineData("detector=auto&param=window=5", "params", "auto takes no")]
    public async Task A_bad_detector_or_parameter_is_a_400_naming_it(string query, string field, string words)
    {
        var response = await Post("/api/detect?" + query, CsvBody(Csv));
        var detail = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(words, detail, StringComparison.Ordinal);
        Assert.Equal(field, (await response.JsonAsync()).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("timestamp,value\n")]
    [InlineData("\u0000\u0001\u0002binary\u00ff\n\u0000")]
    [InlineData("=cmd|' /C calc'!A0,1\n@SUM(1+1),2\n")]
    [InlineData("<script>alert(1)</script>,5\n<img src=x onerror=alert(1)>,6\n")]
    [InlineData("2024-01-01,Infinity\n2024-01-02,NaN\n2024-01-03,1e999\n")]
    public async Task Hostile_csv_with_no_usable_row_is_a_400_that_says_why(string text)
    {
        var response = await Post("/api/detect", CsvBody(text));
        var detail = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("no data rows", detail, StringComparison.Ordinal);
        Assert.Equal("points", (await response.JsonAsync()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Hostile_rows_among_good_ones_are_skipped_and_echoed_safely()
    {
        // Out of order, a 100,000-character field, quotes, a formula and markup; the good rows still run.
        var text = "timestamp,value\n2024-01-02,1\n2024-01-01,2\n\"2024-01-03\",\"3\"\n" + new string('9', 100_000) + ",4\n=1+1,5\n<b>x</b>,6\n2024-01-04;7\n2024-01-05,8\n";
        var response = await Post("/api/detect?detector=robust-z&param=window=2&param=min-periods=2", CsvBody(text));
        var result = await Ok(response);
        Assert.Equal(3, result.GetProperty("points").GetInt32()); // rows 2, 4 and 9
        Assert.Equal([3, 5, 6, 7, 8], result.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("row").GetInt32()));
        Assert.True(result.GetProperty("problems")[1].GetProperty("message").GetString()!.Length < 400, "a long field is clipped in the message");

        // The answer is JSON: markup from the request is escaped in the raw text, never echoed as HTML.
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<b>", raw, StringComparison.Ordinal);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_content_types_and_malformed_json_are_refused()
    {
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Post("/api/detect", new ByteArrayContent([1, 2, 3]))).StatusCode);
        await (await Post("/api/detect", new StringContent("{\"points\":", Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest);
        var response = await Post("/api/detect", new StringContent("{\"points\":5}", Encoding.UTF8, "application/json"));
        await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("points", (await response.JsonAsync()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_detectors_are_listed_with_their_parameters_and_defaults()
    {
        var list = await Ok(await shared.Admin.GetAsync("/api/detectors"));
        var byName = list.GetProperty("items").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);
        Assert.Contains("auto", byName.Keys);
        var window = byName["robust-z"].GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "window");
        Assert.Equal("100", window.GetProperty("default").GetString());
        Assert.Equal("integer", window.GetProperty("kind").GetString());
        Assert.Contains("ewma", byName.Keys);
    }
}
