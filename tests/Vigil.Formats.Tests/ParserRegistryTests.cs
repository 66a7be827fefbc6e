using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Vigil.Formats.Tests;

public sealed class ParserRegistryTests
{
    [Theory]
    [InlineData("a.txt", true)]
    [InlineData("a.TEXT", true)]
    [InlineData("notes.Md", true)]
    [InlineData("notes.markdown", true)]
    [InlineData("page.HTML", true)]
    [InlineData("page.htm", true)]
    [InlineData("page.xhtml", true)]
    [InlineData("/data/report.pdf", true)]
    [InlineData("memo.docx", true)]
    [InlineData(".pdf", true)]
    [InlineData("memo.doc", false)]
    [InlineData("image.png", false)]
    [InlineData("README", false)]
    public void Supported_extensions_are_recognised_case_insensitively(string name, bool supported)
    {
        Assert.Equal(supported, ParserRegistry.IsSupportedExtension(name));
    }

    [Fact]
    public void A_pdf_without_an_extension_is_sniffed()
    {
        var builder = new PdfDocumentBuilder();
        builder.AddPage(PageSize.A4).AddText("Sniffed PDF text.", 12, new PdfPoint(50, 700), builder.AddStandard14Font(Standard14Font.Helvetica));

        var document = TestFiles.Succeed(TestFiles.Parse(builder.Build(), "download"));

        Assert.Equal("pdf", document.Format);
        Assert.Equal("Sniffed PDF text.", document.Text);
    }

    [Fact]
    public void A_docx_with_an_unknown_extension_is_sniffed()
    {
        var bytes = DocxParserTests.Zip(("word/document.xml", "x"u8.ToArray()));

        Assert.Equal("docx", FormatDetector.Detect(bytes, "attachment.bin"));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body><p>Sniffed page</p></body></html>")]
    [InlineData("\n\n  <html><body><p>Sniffed page</p></body></html>")]
    [InlineData("\uFEFF<!doctype HTML><p>Sniffed page</p>")]
    [InlineData("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Sniffed page</p></body></html>")]
    public void Html_without_an_extension_is_sniffed(string html)
    {
        var document = TestFiles.Succeed(TestFiles.Parse(html, "page"));

        Assert.Equal("html", document.Format);
        Assert.Equal("Sniffed page", document.Text);
    }

    [Fact]
    public void Text_without_an_extension_is_read_as_plain_text()
    {
        var document = TestFiles.Succeed(TestFiles.Parse("Just some notes\nabout 网络安全.", "NOTES"));

        Assert.Equal("txt", document.Format);
        Assert.Equal("Just some notes", document.Title);
    }

    [Fact]
    public void Binary_content_with_an_unknown_extension_is_unsupported()
    {
        var outcome = TestFiles.Parse(TestFiles.FakePng(), "photo.png");

        Assert.Equal("unsupported format: binary content (.png)", outcome.Error);
    }

    [Fact]
    public void Binary_content_without_an_extension_says_so()
    {
        var outcome = TestFiles.Parse(TestFiles.FakePng(), "blob");

        Assert.Equal("unsupported format: binary content (no extension)", outcome.Error);
    }

    [Fact]
    public void A_zip_that_is_not_word_without_an_extension_is_unsupported()
    {
        var outcome = TestFiles.Parse(DocxParserTests.Zip(("a.txt", "x"u8.ToArray())), "archive");

        Assert.StartsWith("unsupported format", outcome.Error);
    }

    [Fact]
    public void Content_over_the_file_size_limit_fails_cleanly()
    {
        var outcome = TestFiles.Parse(new byte[3 * 1024 * 1024], "big.txt", new ParseLimits { MaxFileBytes = 1024 * 1024 });

        Assert.Equal("file is 3 MB, over the size limit of 1 MB; raise it with --max-file-mb", outcome.Error);
    }

    [Fact]
    public void An_empty_file_of_any_format_fails_as_empty()
    {
        foreach (var name in new[] { "a.txt", "a.md", "a.html", "a.pdf", "a.docx", "a" })
        {
            Assert.Equal("empty file", TestFiles.Parse([], name).Error);
        }
    }

    [Fact]
    public void Damaged_utf8_without_an_extension_reports_the_encoding_problem_not_binary()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("国家安全是民族复兴的根基"), 0xFF, .. Encoding.UTF8.GetBytes("国家安全")];

        var outcome = TestFiles.Parse(bytes, "notes");

        Assert.StartsWith("invalid UTF-8 at byte 36", outcome.Error);
    }

    [Fact]
    public void Hostile_inputs_never_throw()
    {
        var registry = new ParserRegistry();
        var inputs = new List<byte[]>
        {
            TestFiles.RandomBytes(10_000, seed: 1),
            "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"u8.ToArray(),
            "PK\u0003\u0004"u8.ToArray().Concat(TestFiles.RandomBytes(500, seed: 2)).ToArray(),
            Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<table><tr><td>", 3000))),
        };

        foreach (var bytes in inputs)
        {
            foreach (var name in new[] { "x.txt", "x.md", "x.html", "x.pdf", "x.docx", "x" })
            {
                var outcome = registry.Parse(bytes, name, TestFiles.Limits, TestContext.Current.CancellationToken);
                Assert.True(outcome.Succeeded || !string.IsNullOrWhiteSpace(outcome.Error));
                Assert.DoesNotContain("\n", outcome.Error ?? string.Empty, StringComparison.Ordinal);
            }
        }
    }
}
