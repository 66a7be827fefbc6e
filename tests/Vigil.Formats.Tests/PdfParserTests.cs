using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Vigil.Formats.Tests;

public sealed class PdfParserTests
{
    private const string CjkFontPath = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf";

    /// <summary>Builds a PDF whose pages each hold the given lines, top to bottom, in Helvetica.</summary>
    private static byte[] BuildPdf(params string[][] pages)
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = "Threat Assessment";
        builder.DocumentInformation.Author = "Research Desk";
        builder.DocumentInformation.CreationDate = "D:20240315120000Z";
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = 760.0;
            foreach (var line in lines)
            {
                page.AddText(line, 12, new PdfPoint(60, y), font);
                y -= 16;
            }
        }

        return builder.Build();
    }

    [Fact]
    public void Two_pages_give_two_page_starts_and_page_two_text_begins_at_the_second()
    {
        var bytes = BuildPdf(
            ["Cyber threats increased in 2023.", "Ransomware remained the main risk."],
            ["Second page findings follow here."]);

        var document = TestFiles.Succeed(TestFiles.Parse(bytes, "report.pdf"));

        Assert.Equal("pdf", document.Format);
        Assert.Equal(2, document.PageStarts.Count);
        Assert.Equal(0, document.PageStarts[0]);
        Assert.StartsWith("Cyber threats increased in 2023.", document.Text);
        Assert.Contains("Ransomware remained the main risk.", document.Text);
        Assert.StartsWith("Second page findings follow here.", document.Text[document.PageStarts[1]..]);
        Assert.Equal("\n\n", document.Text[(document.PageStarts[1] - 2)..document.PageStarts[1]]);
        Assert.Null(document.Encoding);
    }

    [Fact]
    public void Info_dictionary_gives_title_and_metadata_but_not_the_date()
    {
        var document = TestFiles.Succeed(TestFiles.Parse(BuildPdf(["Some text."]), "r.pdf"));

        Assert.Equal("Threat Assessment", document.Title);
        Assert.Equal("Research Desk", document.Metadata["author"]);
        Assert.Equal("2024-03-15", document.Metadata["pdf-created"]);
        Assert.Null(document.Date);
    }

    [Fact]
    public void A_page_without_text_is_a_warning_naming_the_page()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(PageSize.A4).AddText("Only page one has text.", 12, new PdfPoint(60, 700), font);
        builder.AddPage(PageSize.A4);

        var document = TestFiles.Succeed(TestFiles.Parse(builder.Build(), "gap.pdf"));

        Assert.Equal("Only page one has text.", document.Text);
        Assert.Equal(2, document.PageStarts.Count);
        Assert.Contains("page 2 has no text layer", document.Warnings);
    }

    [Fact]
    public void A_pdf_without_any_text_fails_as_needing_ocr()
    {
        var builder = new PdfDocumentBuilder();
        builder.AddPage(PageSize.A4);

        var outcome = TestFiles.Parse(builder.Build(), "scan.pdf");

        Assert.Equal("no text layer (scanned images?); OCR is not supported", outcome.Error);
    }

    [Fact]
    public void More_pages_than_the_limit_fails_naming_count_and_limit()
    {
        var outcome = TestFiles.Parse(BuildPdf(["one"], ["two"], ["three"]), "long.pdf", new ParseLimits { MaxPdfPages = 2 });

        Assert.False(outcome.Succeeded);
        Assert.Contains("3 pages", outcome.Error);
        Assert.Contains("limit of 2", outcome.Error);
        Assert.Contains("--max-pdf-pages", outcome.Error);
    }

    [Fact]
    public void A_truncated_pdf_fails_as_corrupt()
    {
        var bytes = BuildPdf(["Cyber threats increased in 2023."], ["Second page."]);

        var outcome = TestFiles.Parse(bytes[..(bytes.Length / 2)], "cut.pdf");

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("corrupt PDF: ", outcome.Error);
    }

    [Fact]
    public void An_encrypted_pdf_whose_password_is_not_empty_fails_asking_for_decryption()
    {
        // PdfPig cannot write encrypted files, so add a standard security handler to the trailer by hand;
        // its /U entry matches no empty user password. The trailer follows the xref table, so no offset moves.
        var pdf = Encoding.Latin1.GetString(BuildPdf(["Secret text."]));
        var dictionary = pdf.IndexOf("<<", pdf.LastIndexOf("trailer", StringComparison.Ordinal), StringComparison.Ordinal) + 2;
        var encrypted = pdf[..dictionary]
            + " /Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <" + new string('0', 64) + "> /U <" + new string('1', 64) + "> >> "
            + pdf[dictionary..];

        var outcome = TestFiles.Parse(Encoding.Latin1.GetBytes(encrypted), "locked.pdf");

        Assert.Equal("encrypted PDF; decrypt it first", outcome.Error);
    }

    [Fact]
    public void Random_bytes_named_pdf_are_not_a_pdf()
    {
        var outcome = TestFiles.Parse(TestFiles.RandomBytes(5000), "fake.pdf");

        Assert.Equal("not a PDF (no %PDF- header)", outcome.Error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_pdf_header_followed_by_garbage_fails_cleanly(bool withEofMarker)
    {
        byte[] bytes = [.. "%PDF-1.7\n"u8, .. TestFiles.RandomBytes(20_000, seed: 3), .. withEofMarker ? "\n%%EOF\n"u8.ToArray() : []];

        var outcome = TestFiles.Parse(bytes, "garbage.pdf");

        Assert.False(outcome.Succeeded);
        Assert.Matches("^(corrupt PDF: |no text layer)", outcome.Error);
        Assert.DoesNotContain("\n", outcome.Error);
    }

    [Fact]
    public void Chinese_text_in_an_embedded_truetype_font_has_no_spaces_between_characters()
    {
        if (!File.Exists(CjkFontPath))
        {
            Assert.Skip($"CJK TrueType font not installed ({CjkFontPath}; apt-get install fonts-arphic-gbsn00lp)");
        }

        var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(CjkFontPath));
        var page = builder.AddPage(PageSize.A4);
        page.AddText("国家安全是民族复兴的根基。", 14, new PdfPoint(60, 700), font);
        // The fallback font has no Latin glyphs (PdfPig refuses 'N'), so the Latin words use Helvetica.
        var latin = builder.AddStandard14Font(Standard14Font.Helvetica);
        page.AddText("Network", 14, new PdfPoint(60, 670), latin);
        page.AddText("安全", 14, new PdfPoint(130, 670), font);
        page.AddText("review", 14, new PdfPoint(165, 670), latin);

        var document = TestFiles.Succeed(TestFiles.Parse(builder.Build(), "cn.pdf"));

        Assert.Contains("国家安全是民族复兴的根基。", document.Text);
        Assert.Contains("Network 安全 review", document.Text);
    }
}

public sealed class PdfLineAssemblerTests
{
    [Fact]
    public void Latin_words_are_joined_with_spaces()
    {
        Assert.Equal("national security strategy", PdfLineAssembler.Join(["national", "security", "strategy"]));
    }

    [Fact]
    public void Han_characters_are_joined_without_spaces()
    {
        Assert.Equal("国家安全", PdfLineAssembler.Join(["国", "家", "安", "全"]));
    }

    [Fact]
    public void Cjk_punctuation_joins_without_spaces()
    {
        Assert.Equal("安全，发展。「总体」", PdfLineAssembler.Join(["安全", "，", "发展", "。", "「", "总体", "」"]));
    }

    [Fact]
    public void Mixed_scripts_keep_a_space_only_at_latin_boundaries()
    {
        Assert.Equal("使用 APT 组织攻击", PdfLineAssembler.Join(["使用", "APT", "组织", "攻击"]));
    }

    [Fact]
    public void A_line_final_hyphen_is_kept_for_the_normaliser()
    {
        Assert.Equal("critical infra-", PdfLineAssembler.Join(["critical", "infra-"]));
    }

    [Fact]
    public void Supplementary_plane_ideographs_count_as_cjk()
    {
        var extensionB = char.ConvertFromUtf32(0x20000);
        Assert.Equal("国" + extensionB + "家", PdfLineAssembler.Join(["国", extensionB, "家"]));
    }

    [Fact]
    public void Empty_words_are_skipped()
    {
        Assert.Equal("a b", PdfLineAssembler.Join(["a", "", "b"]));
        Assert.Equal(string.Empty, PdfLineAssembler.Join([]));
    }
}
