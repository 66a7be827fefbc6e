using System.Diagnostics;
using System.Text;

namespace Vigil.Formats.Tests;

public sealed class HtmlParserTests
{
    private const string Page = """
        <!DOCTYPE html>
        <html><head>
          <title>  Annual
            Threat Report </title>
          <meta property="article:published_time" content="2024-03-01T09:00:00Z">
          <meta name="author" content="Analysis Unit">
          <style>body { color: red }</style>
          <script>alert(1)</script>
        </head>
        <body>
          <header>Site banner</header>
          <nav><a href="/">Home</a> <a href="/about">About us</a></nav>
          <div role="navigation">Breadcrumbs here</div>
          <h1>Findings</h1>
          <p>First   paragraph
             with <b>bold</b> and&nbsp;entities: &amp; &lt;tag&gt; &#x56FD;&#23478;.</p>
          <div>Line one<br>Line two</div>
          <ul><li>Item A</li><li>Item B</li></ul>
          <table><tr><td>Cell 1</td><td>Cell 2</td></tr></table>
          <noscript>Enable JavaScript</noscript>
          <form><input name="q"><button>Search site</button></form>
          <aside>Related links</aside>
          <footer>Copyright footer</footer>
          <script>document.write('injected')</script>
        </body></html>
        """;

    [Fact]
    public void Main_text_is_split_into_blocks_without_scripts_styles_or_navigation()
    {
        var document = TestFiles.Succeed(TestFiles.Parse(Page, "page.html"));

        Assert.Equal("html", document.Format);
        Assert.Equal(
            "Findings\n\nFirst paragraph with bold and entities: & <tag> 国家.\n\nLine one\nLine two\n\nItem A\n\nItem B\n\nCell 1 Cell 2",
            document.Text);
        foreach (var hidden in new[] { "alert", "color: red", "Site banner", "Home", "About us", "Breadcrumbs", "Enable JavaScript", "Search site", "Related links", "Copyright", "injected" })
        {
            Assert.DoesNotContain(hidden, document.Text);
        }
    }

    [Fact]
    public void Title_comes_from_the_title_element_collapsed_and_trimmed()
    {
        var document = TestFiles.Succeed(TestFiles.Parse(Page, "page.html"));

        Assert.Equal("Annual Threat Report", document.Title);
    }

    [Fact]
    public void Published_time_is_metadata_never_the_date()
    {
        var document = TestFiles.Succeed(TestFiles.Parse(Page, "page.htm"));

        Assert.Equal("2024-03-01T09:00:00Z", document.Metadata["html-published"]);
        Assert.Equal("Analysis Unit", document.Metadata["author"]);
        Assert.Null(document.Date);
    }

    [Fact]
    public void Without_a_title_element_the_first_h1_is_the_title()
    {
        var document = TestFiles.Succeed(TestFiles.Parse("<html><body><h1> Cyber  <i>Posture</i> </h1><p>x</p></body></html>", "t.html"));

        Assert.Equal("Cyber Posture", document.Title);
    }

    [Fact]
    public void A_main_element_is_used_instead_of_the_whole_body()
    {
        var document = TestFiles.Succeed(TestFiles.Parse("<body><div>Sidebar junk</div><main><p>Real content</p></main></body>", "m.html"));

        Assert.Equal("Real content", document.Text);
    }

    [Fact]
    public void A_single_article_is_used_instead_of_the_whole_body()
    {
        var document = TestFiles.Succeed(TestFiles.Parse("<body><div>Teaser</div><article><p>Story</p></article></body>", "a.html"));

        Assert.Equal("Story", document.Text);
    }

    [Fact]
    public void Preformatted_text_keeps_its_line_breaks()
    {
        var document = TestFiles.Succeed(TestFiles.Parse("<body><pre>a  b\n  c</pre></body>", "p.html"));

        Assert.Equal("a  b\n  c", document.Text);
    }

    [Fact]
    public void A_gbk_page_with_a_meta_charset_is_decoded_with_it()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var html = "<html><head><meta charset=\"gbk\"><title>国家安全</title></head><body><p>国家安全是民族复兴的根基</p></body></html>";
        var bytes = Encoding.GetEncoding("gb18030").GetBytes(html);

        var document = TestFiles.Succeed(TestFiles.Parse(bytes, "cn.html"));

        Assert.Equal("gb18030", document.Encoding);
        Assert.Equal("国家安全", document.Title);
        Assert.Equal("国家安全是民族复兴的根基", document.Text);
    }

    [Fact]
    public void A_wrong_meta_charset_is_ignored_when_the_bytes_do_not_decode_under_it()
    {
        var html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\"></head><body><p>国家安全 \u00e9t\u00e9</p></body></html>";

        var document = TestFiles.Succeed(TestFiles.Parse(html, "wrong.html"));

        Assert.Equal("utf-8", document.Encoding);
        Assert.Equal("国家安全 \u00e9t\u00e9", document.Text);
    }

    [Fact]
    public void Ten_thousand_nested_divs_do_not_crash()
    {
        var html = new StringBuilder("<html><body>");
        html.Insert(html.Length, "<div>", 10_000).Append("deep text").Insert(html.Length, "</div>", 10_000).Append("</body></html>");
        var stopwatch = Stopwatch.StartNew();

        var document = TestFiles.Succeed(TestFiles.Parse(html.ToString(), "deep.html"));

        Assert.Equal("deep text", document.Text);
        Assert.Contains(document.Warnings, w => w.Contains("flattened", StringComparison.Ordinal));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void A_hundred_thousand_unclosed_divs_parse_quickly()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "bottom";
        var stopwatch = Stopwatch.StartNew();

        var document = TestFiles.Succeed(TestFiles.Parse(html, "unclosed.html"));

        Assert.Equal("bottom", document.Text);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Ordinary_nesting_is_left_alone()
    {
        var html = "<div><section><div><p>a</p></div></section></div><script>if (a<div) {}</script>";

        Assert.Same(html, HtmlNestingLimiter.Limit(html, HtmlNestingLimiter.MaxDepth, out var flattened));
        Assert.False(flattened);
    }

    [Fact]
    public void Over_deep_tags_are_removed_but_their_text_is_kept()
    {
        var limited = HtmlNestingLimiter.Limit("<div><div title='a>b'><div>x</div></div></div>", 2, out var flattened);

        Assert.True(flattened);
        Assert.Equal("<div><div title='a>b'>x</div></div>", limited);
    }

    [Fact]
    public void Unclosed_tags_and_huge_attributes_are_survived()
    {
        var html = "<html><body><p title=\"" + new string('x', 2_000_000) + "\">kept<div><span><b><i>unclosed" + string.Concat(Enumerable.Repeat("<p>para", 2000));

        var document = TestFiles.Succeed(TestFiles.Parse(html, "hostile.html"));

        Assert.StartsWith("kept", document.Text);
        Assert.Contains("unclosed", document.Text);
    }

    [Fact]
    public void A_script_only_page_fails_with_no_text()
    {
        var outcome = TestFiles.Parse("<html><head><script>var a = 1;</script></head><body><script>run()</script></body></html>", "s.html");

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("no text found", outcome.Error);
    }
}
