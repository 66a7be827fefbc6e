namespace Vigil.Cli.Tests;

public sealed class QueryCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public QueryCommandTests()
    {
        _cli.Write("zh.md", "---\ntitle: 简体\ndate: 2022-10-16\nsource: A\n---\n坚持总体国家安全观，统筹发展和安全。\n\n维护国家\n安全。");
        _cli.Write("hant.md", "---\ntitle: 繁體\ndate: 2017\nsource: B\n---\n堅持總體國家安全觀，維護國家安全。");
        _cli.Write("en.md", "---\ntitle: English\ndate: 2012-11\nsource: A\n---\nThe securities regulator spoke about national\nsecurity and food security. Security matters.");
        Assert.Equal(0, _cli.Run("ingest", _cli.Files).ExitCode);
    }

    public void Dispose() => _cli.Dispose();

    private string IdOf(string file) =>
        _cli.Run("docs").Json.EnumerateArray().Single(d => d.GetProperty("path").GetString()!.EndsWith(file, StringComparison.Ordinal)).GetProperty("id").GetString()!;

    [Fact]
    public void Count_returns_a_row_per_document_and_term_with_rates()
    {
        var rows = _cli.Run("count", "安全", "security", "--doc", IdOf("zh.md")).Json.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(3, rows[0].GetProperty("count").GetInt64());
        Assert.Equal(0, rows[1].GetProperty("count").GetInt64());
        // 3 per 22 Han characters (counted by hand).
        Assert.Equal(Math.Round(3 * 10_000.0 / 22, 4), rows[0].GetProperty("per10k").GetDouble(), 6);
        foreach (var key in new[] { "doc", "path", "term", "count", "per10k" })
        {
            Assert.True(rows[0].TryGetProperty(key, out _), $"count JSON lacks '{key}'");
        }
    }

    [Fact]
    public void Count_by_year_and_source_groups_and_sums()
    {
        var byYear = _cli.Run("count", "國家安全", "--by", "year").Json.EnumerateArray().ToDictionary(r => r.GetProperty("year").GetString()!, r => r.GetProperty("count").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["2012"] = 0, ["2017"] = 2, ["2022"] = 2 }, byYear);
        var bySource = _cli.Run("count", "security", "--by", "source").Json.EnumerateArray().ToDictionary(r => r.GetProperty("source").GetString()!, r => r.GetProperty("count").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["A"] = 3, ["B"] = 0 }, bySource);
    }

    [Fact]
    public void Count_with_a_terms_file_and_nonzero()
    {
        var file = _cli.Write("terms.txt", "# comment\n国家安全\n\nfood security\n");
        var rows = _cli.Run("count", "--terms-file", file, "--nonzero").Json.EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.True(r.GetProperty("count").GetInt64() > 0));
    }

    [Fact]
    public void Count_of_an_unknown_document_is_a_usage_error_naming_it()
    {
        var result = _cli.Run("count", "安全", "--doc", "no-such-doc");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-doc", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Documents_resolve_by_path_file_name_and_id_prefix()
    {
        var id = IdOf("en.md");
        foreach (var reference in new[] { id, id[..6], Path.Combine(_cli.Files, "en.md"), "en.md" })
        {
            var rows = _cli.Run("count", "security", "--doc", reference).Json.EnumerateArray().ToList();
            Assert.Equal(id, rows.Single().GetProperty("doc").GetString());
            Assert.Equal(3, rows.Single().GetProperty("count").GetInt64());
        }
    }

    [Fact]
    public void Kwic_shows_original_text_around_each_match_with_offsets_into_the_original()
    {
        var lines = _cli.Run("kwic", "国家安全", "--width", "5", "--doc", IdOf("zh.md")).Json.EnumerateArray().ToList();
        Assert.Equal(2, lines.Count);
        var original = File.ReadAllText(Path.Combine(_cli.Files, "zh.md"));
        var body = original[(original.IndexOf("---\n", 4, StringComparison.Ordinal) + 4)..];
        var second = lines[1];
        var offset = second.GetProperty("offset").GetInt32();
        Assert.Equal("国家\n安全", body.Substring(offset, second.GetProperty("end").GetInt32() - offset));
        Assert.Equal("国家安全", second.GetProperty("match").GetString());
        Assert.EndsWith("维护", second.GetProperty("left").GetString(), StringComparison.Ordinal);
        foreach (var key in new[] { "doc", "path", "left", "match", "right", "offset" })
        {
            Assert.True(second.TryGetProperty(key, out _), $"kwic JSON lacks '{key}'");
        }
    }

    [Fact]
    public void Kwic_limit_caps_the_lines()
    {
        Assert.Single(_cli.Run("kwic", "安全", "--limit", "1").Json.EnumerateArray());
    }

    [Fact]
    public void Search_in_traditional_finds_simplified_and_marks_the_hit()
    {
        var hits = _cli.Run("search", "國家安全").Json.EnumerateArray().ToList();
        Assert.Equal(2, hits.Count);
        Assert.All(hits, h => Assert.Contains("<mark>", h.GetProperty("snippet").GetString(), StringComparison.Ordinal));
        foreach (var key in new[] { "doc", "path", "title", "score", "snippet" })
        {
            Assert.True(hits[0].TryGetProperty(key, out _), $"search JSON lacks '{key}'");
        }
    }

    [Fact]
    public void Search_phrases_booleans_and_filters()
    {
        Assert.Single(_cli.Run("search", "\"national security\"").Json.EnumerateArray());
        Assert.Empty(_cli.Run("search", "\"security national\"").Json.EnumerateArray());
        Assert.Single(_cli.Run("search", "安全 NOT 统筹").Json.EnumerateArray());
        Assert.Single(_cli.Run("search", "安全", "--lang", "zh-Hant").Json.EnumerateArray());
        Assert.Equal(2, _cli.Run("search", "安全", "--lang", "zh").Json.EnumerateArray().Count());
        Assert.Single(_cli.Run("search", "安全", "--source", "A").Json.EnumerateArray());
        Assert.Single(_cli.Run("search", "安全", "--from", "2020", "--to", "2022-12-31").Json.EnumerateArray());
        Assert.Single(_cli.Run("search", "安").Json.EnumerateArray(), h => h.GetProperty("title").GetString() == "简体");
    }

    [Fact]
    public void Search_stems_english_words()
    {
        var hit = _cli.Run("search", "regulators").Json.EnumerateArray().Single();
        Assert.Contains("<mark>regulator</mark>", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_query_gives_one_line_and_exit_code_1()
    {
        var result = _cli.Run("search", "security AND (");
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reindex_rebuilds_the_index_from_the_database()
    {
        Directory.Delete(Path.Combine(_cli.DataDirectory, "index"), recursive: true);
        Assert.Empty(_cli.Run("search", "安全").Json.EnumerateArray());
        var result = _cli.Run("reindex");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.Json.GetProperty("indexed").GetInt32());
        Assert.Equal(2, _cli.Run("search", "安全").Json.EnumerateArray().Count());
    }

    [Fact]
    public void Hostile_html_contributes_its_text_but_never_its_script()
    {
        _cli.Write("hostile.html", "<html><head><title>T</title><script>var security = 'secret';</script></head><body><nav>security menu</nav><article><p>Real <b>security</b> text &amp; more.</p></article><footer>security footer</footer></body></html>");
        Assert.Equal(0, _cli.Run("ingest", _cli.Files).ExitCode);
        var rows = _cli.Run("count", "security", "secret", "--doc", "hostile.html").Json.EnumerateArray().Select(r => r.GetProperty("count").GetInt64()).ToArray();
        Assert.Equal([1L, 0L], rows);
    }
}
