using Microsoft.Playwright;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// The alert inbox and the risk register with a hostile indicator name and risk title (their own server, so the
/// README's screenshots from <see cref="WarningBrowserTests"/> stay plain): the markup shows as text and runs nothing.
/// </summary>
public sealed class HostileWarningBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string HostileName = "Imports <script>window.__pwned = 1;</script><img src=x onerror=\"window.__pwned = 2;\">";
    private const string HostileTitle = "Port closure <img src=x onerror=\"window.__pwned = 3;\"><script>window.__pwned = 4;</script>";

    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _dialogs = [];

    public async ValueTask InitializeAsync()
    {
        if (!BrowserFixture.Available)
        {
            return;
        }

        await WarningBrowserTests.SeedAsync(fixture, HostileName, HostileTitle);
        (_context, _page) = await fixture.OpenPageAsync(1200, 900, _consoleErrors, _dialogs);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    private async Task AssertNothingRanAsync()
    {
        Assert.Equal("undefined", await _page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Equal(0, await _page.Locator("main script, main img").CountAsync());
        Assert.Empty(_dialogs);
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task A_hostile_indicator_name_shows_as_text_in_the_inbox()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await BrowserFixture.SignInAsync(_page, "/alerts.html?state=all");
        await _page.WaitForSelectorAsync("#alert-2 .explanation");
        foreach (var id in new[] { 1, 2 })
        {
            Assert.StartsWith(HostileName + " (imports) was unusual in ", await _page.TextContentAsync($"#alert-{id} .explanation"), StringComparison.Ordinal);
        }

        // The series chart (its series carries the name too) draws.
        await _page.ClickAsync("#alert-2 details:nth-of-type(2) summary");
        await _page.WaitForSelectorAsync("#alert-2 .mini-chart canvas");
        await AssertNothingRanAsync();
    }

    [Fact]
    public async Task A_hostile_risk_title_shows_as_text_in_the_register_and_its_detail()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await BrowserFixture.SignInAsync(_page, "/risks.html");
        await _page.WaitForSelectorAsync("#register-table tr[data-id=re-supply]");
        Assert.Contains(HostileTitle, await _page.TextContentAsync("#register-table tr[data-id=re-supply]"), StringComparison.Ordinal);

        await _page.ClickAsync("#register-table tr[data-id=re-supply] button.link");
        await _page.WaitForSelectorAsync("#assess");
        Assert.Contains(HostileTitle, await _page.TextContentAsync("#detail h2"), StringComparison.Ordinal);
        await AssertNothingRanAsync();
    }
}
