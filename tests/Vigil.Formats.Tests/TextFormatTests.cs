using System.Text;

namespace Vigil.Formats.Tests;

public sealed class TextFormatTests
{
    [Fact]
    public void Plain_text_is_returned_verbatim_with_its_first_short_line_as_title()
    {
        const string text = "\n  Threat Landscape 2024  \n\nBody line one.\r\nBody line two.\n";

        var document = TestFiles.Succeed(TestFiles.Parse(text, "report.txt"));

        Assert.Equal("txt", document.Format);
        Assert.Equal(text, document.Text);
        Assert.Equal("Threat Landscape 2024", document.Title);
        Assert.Equal("utf-8", document.Encoding);
        Assert.Null(document.Date);
    }

    [Fact]
    public void A_long_first_line_is_not_a_title()
    {
        var document = TestFiles.Succeed(TestFiles.Parse(new string('a', 121) + "\nmore", "long.txt"));

        Assert.Null(document.Title);
    }

    [Fact]
    public void Markdown_front_matter_gives_title_date_source_and_metadata()
    {
        const string body = "# Heading in body\n\nSome *markup* stays.\n";
        var text = "---\ntitle: \"Cyber Security Strategy\"\ndate: 2023-05\nsource: Ministry X\nauthor: J. Doe\n---\n" + body;

        var document = TestFiles.Succeed(TestFiles.Parse(text, "strategy.MD"));

        Assert.Equal("md", document.Format);
        Assert.Equal(body, document.Text);
        Assert.Equal("Cyber Security Strategy", document.Title);
        Assert.Equal("2023-05", document.Date);
        Assert.Equal("Ministry X", document.Source);
        Assert.Equal("J. Doe", document.Metadata["author"]);
        Assert.Empty(document.Warnings);
    }

    [Fact]
    public void Markdown_without_front_matter_takes_its_title_from_the_first_h1()
    {
        const string text = "Intro paragraph.\n\n```\n# not a heading\n```\n\n## Sub\n\n# 国家安全战略 #\n";

        var document = TestFiles.Succeed(TestFiles.Parse(text, "notes.markdown"));

        Assert.Equal(text, document.Text);
        Assert.Equal("国家安全战略", document.Title);
    }

    [Fact]
    public void Front_matter_datetime_is_truncated_to_the_date()
    {
        var document = TestFiles.Succeed(TestFiles.Parse("---\ndate: 2022-10-16T08:00\n---\ntext", "a.md"));

        Assert.Equal("2022-10-16", document.Date);
    }

    [Fact]
    public void Front_matter_with_an_unusable_date_warns_and_records_no_date()
    {
        var document = TestFiles.Succeed(TestFiles.Parse("---\ntitle: T\ndate: 16/10/2022\n---\ntext", "a.md"));

        Assert.Null(document.Date);
        Assert.Equal("T", document.Title);
        var warning = Assert.Single(document.Warnings);
        Assert.Contains("16/10/2022", warning);
    }

    [Fact]
    public void Front_matter_with_an_impossible_day_is_rejected()
    {
        var document = TestFiles.Succeed(TestFiles.Parse("---\ndate: 2023-02-30\n---\ntext", "a.md"));

        Assert.Null(document.Date);
        Assert.Single(document.Warnings);
    }

    [Fact]
    public void Text_files_understand_front_matter_too()
    {
        var document = TestFiles.Succeed(TestFiles.Parse("---\ntitle: Briefing\ndate: 2021\nsource: Agency\n---\nBody.\n", "b.txt"));

        Assert.Equal("Body.\n", document.Text);
        Assert.Equal("Briefing", document.Title);
        Assert.Equal("2021", document.Date);
        Assert.Equal("Agency", document.Source);
    }

    [Fact]
    public void A_leading_horizontal_rule_without_key_lines_is_not_front_matter()
    {
        const string text = "---\nJust a rule and prose.\n---\nMore.";

        var document = TestFiles.Succeed(TestFiles.Parse(text, "rule.md"));

        Assert.Equal(text, document.Text);
    }

    [Fact]
    public void An_empty_file_fails_as_empty()
    {
        var outcome = TestFiles.Parse([], "empty.txt");

        Assert.False(outcome.Succeeded);
        Assert.Equal("empty file", outcome.Error);
    }

    [Fact]
    public void A_blank_file_fails_with_no_text()
    {
        var outcome = TestFiles.Parse(" \n\t\n", "blank.md");

        Assert.StartsWith("no text found", outcome.Error);
    }

    [Fact]
    public void A_png_renamed_txt_fails_as_binary()
    {
        var outcome = TestFiles.Parse(TestFiles.FakePng(), "image.txt");

        Assert.False(outcome.Succeeded);
        Assert.Equal(TextDecoder.BinaryContentError, outcome.Error);
    }

    [Fact]
    public void Gbk_text_file_is_decoded_and_reports_its_encoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("gb18030").GetBytes("国家安全是民族复兴的根基\n正文。");

        var document = TestFiles.Succeed(TestFiles.Parse(bytes, "cn.txt"));

        Assert.Equal("gb18030", document.Encoding);
        Assert.Equal("国家安全是民族复兴的根基", document.Title);
    }

    [Fact]
    public void Invalid_utf8_in_a_text_file_names_the_byte_offset()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("网络安全法第一条"), 0xE7, 0x41, .. Encoding.UTF8.GetBytes("网络安全法第二条")];

        var outcome = TestFiles.Parse(bytes, "broken.txt");

        Assert.Equal("invalid UTF-8 at byte 24; re-save the file as UTF-8 or pass --encoding NAME", outcome.Error);
    }

    [Fact]
    public void Forced_encoding_in_the_limits_is_used_by_the_text_parser()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("big5").GetBytes("國家安全");

        var document = TestFiles.Succeed(TestFiles.Parse(bytes, "tw.txt", new ParseLimits { ForcedEncoding = "big5" }));

        Assert.Equal("國家安全", document.Text);
        Assert.Equal("big5", document.Encoding);
    }

    [Fact]
    public void A_50_megabyte_single_line_text_file_decodes()
    {
        var bytes = new byte[50 * 1024 * 1024];
        bytes.AsSpan().Fill((byte)'x');

        var document = TestFiles.Succeed(TestFiles.Parse(bytes, "huge.txt"));

        Assert.Equal(bytes.Length, document.Text.Length);
        Assert.Null(document.Title); // one line far longer than a title
    }
}
