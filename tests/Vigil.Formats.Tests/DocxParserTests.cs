using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Vigil.Formats.Tests;

public sealed class DocxParserTests
{
    private static byte[] BuildDocx(Action<WordprocessingDocument>? configure = null, params OpenXmlElement[] bodyElements)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(bodyElements));
            configure?.Invoke(document);
        }

        return stream.ToArray();
    }

    private static Paragraph Para(string text, string? styleId = null)
    {
        var paragraph = new Paragraph(new Run(new Text(text)));
        if (styleId is not null)
        {
            paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = styleId }));
        }

        return paragraph;
    }

    private static byte[] ReportDocx(Action<WordprocessingDocument>? configure = null) => BuildDocx(
        configure,
        Para("Annual Security Review", "Heading1"),
        Para("First paragraph of findings."),
        new Paragraph(),
        new Paragraph(new Run(new Text("Actor"), new TabChar(), new Text("APT41"), new Break(), new Text("Second line"))),
        new Table(new TableRow(new TableCell(Para("Cell in a table")))),
        Para("After the table."));

    [Fact]
    public void Paragraphs_tables_tabs_and_breaks_become_blocks_in_document_order()
    {
        var document = TestFiles.Succeed(TestFiles.Parse(ReportDocx(), "review.docx"));

        Assert.Equal("docx", document.Format);
        Assert.Equal(
            "Annual Security Review\n\nFirst paragraph of findings.\n\nActor\tAPT41\nSecond line\n\nCell in a table\n\nAfter the table.",
            document.Text);
    }

    [Fact]
    public void Without_a_core_title_the_first_heading1_paragraph_is_the_title()
    {
        var document = TestFiles.Succeed(TestFiles.Parse(ReportDocx(), "review.docx"));

        Assert.Equal("Annual Security Review", document.Title);
    }

    [Fact]
    public void Core_properties_give_the_title_and_author()
    {
        var bytes = ReportDocx(d =>
        {
            d.PackageProperties.Title = "Core Title";
            d.PackageProperties.Creator = "Analysis Unit";
        });

        var document = TestFiles.Succeed(TestFiles.Parse(bytes, "review.DOCX"));

        Assert.Equal("Core Title", document.Title);
        Assert.Equal("Analysis Unit", document.Metadata["author"]);
        Assert.Null(document.Date);
    }

    [Fact]
    public void A_localised_heading_style_is_recognised_by_its_name()
    {
        var bytes = BuildDocx(
            d =>
            {
                var styles = d.MainDocumentPart!.AddNewPart<StyleDefinitionsPart>();
                styles.Styles = new Styles(new Style(new StyleName { Val = "heading 1" }) { Type = StyleValues.Paragraph, StyleId = "1" });
            },
            Para("正文第一段。"),
            Para("国家安全报告", "1"));

        var document = TestFiles.Succeed(TestFiles.Parse(bytes, "cn.docx"));

        Assert.Equal("国家安全报告", document.Title);
    }

    [Fact]
    public void A_document_with_only_empty_paragraphs_fails_with_no_text()
    {
        var outcome = TestFiles.Parse(BuildDocx(null, new Paragraph(), new Paragraph(new Run())), "blank.docx");

        Assert.StartsWith("no text found", outcome.Error);
    }

    [Fact]
    public void A_zip_that_is_not_a_word_document_fails()
    {
        var outcome = TestFiles.Parse(Zip(("readme.txt", "hello"u8.ToArray())), "not-word.docx");

        Assert.Equal("not a Word document: the zip has no word/document.xml", outcome.Error);
    }

    [Fact]
    public void Random_bytes_named_docx_fail_as_not_a_zip()
    {
        var outcome = TestFiles.Parse(TestFiles.RandomBytes(3000), "fake.docx");

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("not a DOCX (not a valid zip archive", outcome.Error);
    }

    [Fact]
    public void A_package_expanding_past_the_limit_is_refused_naming_the_option()
    {
        var outcome = TestFiles.Parse(ReportDocx(), "review.docx", new ParseLimits { MaxDecompressedBytes = 1000 });

        Assert.False(outcome.Succeeded);
        Assert.Contains("over the limit", outcome.Error);
        Assert.Contains("--max-decompressed-mb", outcome.Error);
    }

    [Fact]
    public void A_highly_compressed_large_entry_is_refused_as_a_zip_bomb()
    {
        var bytes = Zip(("word/document.xml", "<w:document/>"u8.ToArray()), ("word/media/zeros.bin", new byte[20 * 1024 * 1024]));

        var outcome = TestFiles.Parse(bytes, "bomb.docx");

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("zip bomb suspected: entry 'word/media/zeros.bin'", outcome.Error);
        Assert.Contains("--max-decompressed-mb", outcome.Error);
    }

    [Fact]
    public void A_zip_with_a_document_part_but_no_package_structure_fails_cleanly()
    {
        var outcome = TestFiles.Parse(Zip(("word/document.xml", "<not xml"u8.ToArray())), "bare.docx");

        Assert.Equal("not a Word document: it has no main document body", outcome.Error);
    }

    [Fact]
    public void A_word_package_with_broken_document_xml_fails_cleanly()
    {
        using var stream = new MemoryStream();
        stream.Write(ReportDocx());
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("word/document.xml")!.Delete();
            using var entry = zip.CreateEntry("word/document.xml").Open();
            entry.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>"u8);
        }

        var outcome = TestFiles.Parse(stream.ToArray(), "broken.docx");

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("not a readable Word document: ", outcome.Error);
    }

    /// <summary>A zip at maximum compression, as a zip bomb would be made.</summary>
    internal static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }
}
