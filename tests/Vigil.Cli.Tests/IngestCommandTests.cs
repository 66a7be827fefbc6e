using System.Text;
using System.Text.Json;

namespace Vigil.Cli.Tests;

public sealed class IngestCommandTests
{
    [Fact]
    public void Good_files_are_ingested_and_each_bad_file_gets_a_one_line_reason_with_exit_code_2()
    {
        using var cli = new CliRunner();
        cli.Write("en.md", "---\ntitle: Brief\ndate: 2022-10-16\nsource: Digest\n---\n# Heading\n\nNational security is discussed here.");
        cli.Write("zh.txt", "坚持总体国家安全观。\n统筹发展和安全。");
        cli.Write("empty.txt", "");
        cli.WriteBytes("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]);
        cli.WriteBytes("broken.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer garbage"));

        var result = cli.Run("ingest", cli.Files);

        Assert.Equal(2, result.ExitCode);
        var json = result.Json;
        Assert.Equal(2, json.GetProperty("ingested").GetInt32());
        Assert.Equal(0, json.GetProperty("duplicates").GetInt32());
        var failed = json.GetProperty("failed").EnumerateArray().ToDictionary(f => Path.GetFileName(f.GetProperty("path").GetString()!), f => f.GetProperty("error").GetString()!);
        Assert.Equal(["broken.pdf", "empty.txt", "image.txt"], failed.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("empty", failed["empty.txt"], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("binary", failed["image.txt"], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("PDF", failed["broken.pdf"], StringComparison.Ordinal);
        Assert.All(failed.Values, e => Assert.DoesNotContain('\n', e));
    }

    [Fact]
    public void Ingesting_the_same_content_again_or_at_another_path_adds_no_document_but_records_the_path()
    {
        using var cli = new CliRunner();
        var first = cli.Write("a/report.txt", "National security report.");
        Assert.Equal(0, cli.Run("ingest", first).ExitCode);
        var copy = cli.Write("b/copy.txt", "National security report.");

        var again = cli.Run("ingest", cli.Files).Json;

        Assert.Equal(0, again.GetProperty("ingested").GetInt32());
        Assert.Equal(2, again.GetProperty("duplicates").GetInt32());
        var docs = cli.Run("docs").Json.EnumerateArray().ToList();
        Assert.Single(docs);
        Assert.Equal([first, copy], docs[0].GetProperty("paths").EnumerateArray().Select(p => p.GetString()).ToArray());
    }

    [Fact]
    public void Docs_reports_metadata_language_and_the_bases_of_rates()
    {
        using var cli = new CliRunner();
        cli.Write("brief.md", "---\ntitle: Bilingual brief\ndate: 2023-05\nsource: Digest\n---\nThe holistic approach to national security keeps growing in scope.\n\n总体国家安全观涵盖的领域不断拓展。");
        Assert.Equal(0, cli.Run("ingest", cli.Files, "--source", "Override").ExitCode);

        var doc = cli.Run("docs").Json.EnumerateArray().Single();

        Assert.Equal("Bilingual brief", doc.GetProperty("title").GetString());
        Assert.Equal("2023-05", doc.GetProperty("date").GetString());
        Assert.Equal("front-matter", doc.GetProperty("date_source").GetString());
        Assert.Equal("Override", doc.GetProperty("source").GetString());
        Assert.Equal("mixed", doc.GetProperty("language").GetString());
        Assert.Equal(10, doc.GetProperty("words").GetInt32());
        Assert.Equal(16, doc.GetProperty("han").GetInt32());
        Assert.Equal(16, doc.GetProperty("id").GetString()!.Length);
        foreach (var key in new[] { "id", "title", "path", "paths", "source", "date", "language", "chars", "words", "han" })
        {
            Assert.True(doc.TryGetProperty(key, out _), $"docs JSON lacks '{key}'");
        }
    }

    [Fact]
    public void A_date_option_overrides_front_matter_and_a_bad_date_is_a_usage_error()
    {
        using var cli = new CliRunner();
        cli.Write("a.md", "---\ndate: 2019-01-01\n---\ntext");
        Assert.Equal(1, cli.Run("ingest", cli.Files, "--date", "16.10.2022").ExitCode);
        Assert.Equal(0, cli.Run("ingest", cli.Files, "--date", "2022").ExitCode);
        var doc = cli.Run("docs").Json.EnumerateArray().Single();
        Assert.Equal("2022", doc.GetProperty("date").GetString());
        Assert.Equal("option", doc.GetProperty("date_source").GetString());
    }

    [Fact]
    public void A_file_over_the_size_limit_is_reported_and_the_others_go_on()
    {
        using var cli = new CliRunner();
        cli.Write("big.txt", new string('a', 2 * 1024 * 1024));
        cli.Write("small.txt", "small text");
        var result = cli.Run("ingest", cli.Files, "--max-file-mb", "1");
        Assert.Equal(2, result.ExitCode);
        var failure = result.Json.GetProperty("failed").EnumerateArray().Single();
        Assert.Contains("--max-file-mb", failure.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, result.Json.GetProperty("ingested").GetInt32());
    }

    [Fact]
    public void A_50_mb_single_line_file_is_ingested_and_counted()
    {
        using var cli = new CliRunner();
        var line = new StringBuilder(50 * 1024 * 1024);
        while (line.Length < 50 * 1024 * 1024)
        {
            line.Append("security and development ");
        }

        cli.Write("one-line.txt", line.ToString());
        Assert.Equal(0, cli.Run("ingest", cli.Files).ExitCode);
        var count = cli.Run("count", "security").Json.EnumerateArray().Single();
        Assert.Equal(line.Length / "security and development ".Length, count.GetProperty("count").GetInt64());
    }

    [Fact]
    public void Gbk_and_big5_files_are_decoded_and_counted_together()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var cli = new CliRunner();
        cli.WriteBytes("gbk.txt", Encoding.GetEncoding("GB18030").GetBytes("坚持总体国家安全观，维护国家安全。国家安全是民族复兴的根基。"));
        cli.WriteBytes("big5.txt", Encoding.GetEncoding("big5").GetBytes("堅持總體國家安全觀，維護國家安全。國家安全是民族復興的根基。"));
        Assert.Equal(0, cli.Run("ingest", cli.Files).ExitCode);
        var docs = cli.Run("docs").Json.EnumerateArray().ToDictionary(d => Path.GetFileName(d.GetProperty("path").GetString()!));
        Assert.Equal("zh-Hans", docs["gbk.txt"].GetProperty("language").GetString());
        Assert.Equal("zh-Hant", docs["big5.txt"].GetProperty("language").GetString());
        var counts = cli.Run("count", "國家安全").Json.EnumerateArray().Select(r => r.GetProperty("count").GetInt64()).ToArray();
        Assert.Equal([3L, 3L], counts);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_byte_offset_not_mangled()
    {
        using var cli = new CliRunner();
        var bytes = Encoding.UTF8.GetBytes("国家安全 national security 国家安全 national security ").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes(" more 安全 text")).ToArray();
        cli.WriteBytes("bad.txt", bytes);
        var result = cli.Run("ingest", cli.Files);
        Assert.Equal(2, result.ExitCode);
        var error = result.Json.GetProperty("failed")[0].GetProperty("error").GetString()!;
        Assert.Contains("byte", error, StringComparison.Ordinal);
        Assert.Contains((bytes.Length - Encoding.UTF8.GetByteCount(" more 安全 text") - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_path_is_a_failure_named_in_the_report()
    {
        using var cli = new CliRunner();
        cli.Write("ok.txt", "text");
        var result = cli.Run("ingest", cli.Files, Path.Combine(cli.Root, "nope"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file", result.Json.GetProperty("failed")[0].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_terminal_ingest_shows_a_summary_and_a_table_of_failures()
    {
        using var cli = new CliRunner();
        cli.Write("ok.txt", "text");
        cli.Write("empty.txt", "");
        var result = cli.Run(terminal: true, "ingest", cli.Files);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("1 new documents", result.Console, StringComparison.Ordinal);
        Assert.Contains("empty.txt", result.Console, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Unknown_commands_and_options_are_usage_errors()
    {
        using var cli = new CliRunner();
        Assert.Equal(1, cli.Run("frobnicate").ExitCode);
        var result = cli.Run("count", "安全", "--by", "planet");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("planet", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_of_ingest_is_one_object_with_the_documented_keys()
    {
        using var cli = new CliRunner();
        cli.Write("a.txt", "text");
        var result = cli.Run("ingest", cli.Files, "--json");
        Assert.Single(result.Out.Trim().Split('\n'));
        var keys = result.Json.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("ingested", keys);
        Assert.Contains("duplicates", keys);
        Assert.Contains("failed", keys);
        Assert.Equal(JsonValueKind.Array, result.Json.GetProperty("failed").ValueKind);
    }
}
