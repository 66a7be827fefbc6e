using System.Security.Cryptography;
using System.Text;
using Microsoft.Playwright;

namespace Vigil.Web.Tests.Browser;

/// <summary>The pages in a real browser: sign in, search, read a document with its evidence, compare, chart, ingest, and hostile text.</summary>
public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _dialogs = [];

    private static string Id(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    public async ValueTask InitializeAsync()
    {
        if (!BrowserFixture.Available)
        {
            return;
        }

        (_context, _page) = await fixture.OpenPageAsync(1200, 900, _consoleErrors, _dialogs);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    private Task SignInAsync(string next = "/") => BrowserFixture.SignInAsync(_page, next);

    /// <summary>No console errors (a CSP violation is one) and no dialog.</summary>
    private void AssertQuiet()
    {
        Assert.Empty(_consoleErrors);
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task Signing_in_and_searching_shows_hits_with_the_word_highlighted()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await SignInAsync();
        Assert.Equal("ada · admin", await _page.TextContentAsync(".top .who span"));
        await _page.FillAsync("#q", "security");
        await _page.ClickAsync("#search button[type=submit]");
        await _page.WaitForSelectorAsync(".hit .snippet mark");
        var marks = await _page.Locator(".hit .snippet mark").AllTextContentsAsync();
        Assert.NotEmpty(marks);
        Assert.All(marks, m => Assert.Equal("security", m, ignoreCase: true));
        Assert.Contains("q=security", _page.Url, StringComparison.Ordinal);

        // The README's screenshot: a bilingual query, whose hits leave out the hostile test document.
        await _page.FillAsync("#q", "\"national security\" OR 国家安全");
        await _page.ClickAsync("#search button[type=submit]");
        await _page.WaitForFunctionAsync("() => decodeURIComponent(location.search).includes('国家安全')");
        await _page.WaitForSelectorAsync(".hit .snippet mark");
        var titles = await _page.Locator(".hit h2").AllTextContentsAsync();
        Assert.DoesNotContain(titles, t => t.Contains("Hostile", StringComparison.Ordinal));
        Assert.Contains(await _page.Locator(".hit .snippet mark").AllTextContentsAsync(), m => m is "国家安全" or "國家安全");
        await Screenshots.SaveAsync(_page, "search.png");
        AssertQuiet();
    }

    [Fact]
    public async Task A_document_shows_its_evidence_marked_in_the_text_and_its_formulations()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await SignInAsync($"/document.html?id={Id(TestDocuments.ChineseNew)}");
        await _page.WaitForSelectorAsync("#text mark.evidence");
        var marked = await _page.Locator("#text mark.evidence").AllTextContentsAsync();
        Assert.Contains("粮食安全", marked);
        Assert.Contains("耕地红线", marked);
        Assert.Contains("food: 粮食安全 (+3)", await _page.Locator("#text mark.evidence", new PageLocatorOptions { HasText = "粮食安全" }).First.GetAttributeAsync("title"), StringComparison.Ordinal);
        Assert.Contains("arable-land-red-line", await _page.TextContentAsync("main"), StringComparison.Ordinal);

        // Switching the food domain off removes its marks.
        var before = await _page.Locator("#text mark.evidence").CountAsync();
        await _page.Locator(".chip", new PageLocatorOptions { HasText = "food security" }).ClickAsync();
        Assert.True(await _page.Locator("#text mark.evidence").CountAsync() < before);
        await _page.Locator(".chip", new PageLocatorOptions { HasText = "food security" }).ClickAsync();
        await Screenshots.SaveAsync(_page, "document.png");
        AssertQuiet();
    }

    [Fact]
    public async Task Comparing_the_2012_and_2021_texts_lists_what_appeared_and_disappeared()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await SignInAsync("/compare.html");
        await _page.WaitForSelectorAsync($"#a option[value='{Id(TestDocuments.ChineseOld)}']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await _page.SelectOptionAsync("#a", Id(TestDocuments.ChineseOld));
        await _page.SelectOptionAsync("#b", Id(TestDocuments.ChineseNew));
        await _page.ClickAsync("#compare button[type=submit]");
        await _page.WaitForSelectorAsync("section.change h2");
        var headings = await _page.Locator("section.change h2").AllTextContentsAsync();
        Assert.Contains("Appeared (4)", headings);
        Assert.Contains("Disappeared (1)", headings);
        var appeared = await _page.Locator("section.change", new PageLocatorOptions { HasText = "Appeared (4)" }).TextContentAsync();
        Assert.Contains("总体国家安全观", appeared, StringComparison.Ordinal);
        Assert.Contains("战略机遇期", await _page.Locator("section.change", new PageLocatorOptions { HasText = "Disappeared (1)" }).TextContentAsync(), StringComparison.Ordinal);
        await Screenshots.SaveAsync(_page, "compare.png");
        AssertQuiet();
    }

    [Fact]
    public async Task The_securitisation_chart_renders_with_data()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await SignInAsync("/trends.html?mode=index&by=year");
        await _page.WaitForSelectorAsync("#chart canvas");
        var data = await _page.EvaluateAsync<double?[]>("() => echarts.getInstanceByDom(document.getElementById('chart')).getOption().series[0].data");
        Assert.True(data.Length >= 3, $"{data.Length} points");
        Assert.All(data, v => Assert.True(v is >= 0 and <= 100, $"{v}"));
        Assert.Contains(data, v => v > 0);

        // The canvas has been drawn on: some pixels are not blank.
        var painted = await _page.EvaluateAsync<int>("""
            () => {
              const c = document.querySelector('#chart canvas');
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let n = 0;
              for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
              return n;
            }
            """);
        Assert.True(painted > 1000, $"{painted} painted pixels");
        Assert.True(await _page.Locator("#table tbody tr").CountAsync() >= 3);
        await Screenshots.SaveAsync(_page, "trends.png");
        AssertQuiet();
    }

    [Fact]
    public async Task Uploading_a_file_shows_progress_and_the_new_document()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await SignInAsync("/ingest.html");
        await _page.WaitForSelectorAsync("#limits:not(:empty)");
        await _page.SetInputFilesAsync("#files", [
            new FilePayload { Name = "browser-upload.txt", MimeType = "text/plain", Buffer = "A note uploaded from the browser test about grain reserves."u8.ToArray() },
            new FilePayload { Name = "program.exe", MimeType = "application/octet-stream", Buffer = [0x4d, 0x5a] },
        ]);
        await _page.FillAsync("#source", "Browser Desk");
        await _page.ClickAsync("#ingest button[type=submit]");
        await _page.WaitForSelectorAsync("#uploads tr.new a");
        await _page.WaitForSelectorAsync("#uploads tr.rejected");
        Assert.Equal("new document", await _page.TextContentAsync("#uploads tr.new a"));
        Assert.Contains("not accepted", await _page.TextContentAsync("#uploads tr.rejected"), StringComparison.Ordinal);
        Assert.Equal(1.0, await _page.EvaluateAsync<double>("() => document.querySelector('#uploads tr.new progress').value"));
        await Screenshots.SaveAsync(_page, "ingest.png");
        AssertQuiet();
    }

    [Fact]
    public async Task A_hostile_document_is_shown_as_text_and_runs_nothing()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await SignInAsync("/?q=hostile");
        await _page.WaitForSelectorAsync(".hit .snippet");
        var snippet = await _page.TextContentAsync(".hit .snippet");
        Assert.Contains("<script>", snippet, StringComparison.Ordinal);

        await _page.ClickAsync(".hit h2 a");
        await _page.WaitForSelectorAsync("#text");
        await _page.WaitForFunctionAsync("() => document.getElementById('text').textContent.includes('end of note')");
        var text = await _page.TextContentAsync("#text");
        Assert.Contains("<script>window.__pwned = 1;", text, StringComparison.Ordinal);
        Assert.Contains("onerror=\"window.__pwned = 2;", text, StringComparison.Ordinal);
        Assert.Contains("href=\"javascript:window.__pwned=3;", text, StringComparison.Ordinal);

        // Nothing in the text became an element, nothing ran.
        Assert.Equal(0, await _page.Locator("#text script, #text img, #text a, #text svg, .snippet script, .snippet img").CountAsync());
        Assert.Equal("undefined", await _page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Empty(_dialogs);
        Assert.DoesNotContain(_consoleErrors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Empty(_consoleErrors);
    }
}
