namespace Vigil.Web.Tests.Browser;

/// <summary>
/// The alert inbox and the risk register with a hostile indicator name and risk title (their own server, so the
/// README's screenshots from <see cref="WarningBrowserTests"/> stay plain): the markup shows as text and runs nothing.
/// </summary>
public sealed class HostileWarningBrowserTests(BrowserFixture fixture)
    : WarningPageTests(fixture, HostileName, HostileTitle), IClassFixture<BrowserFixture>
{
    private const string HostileName = "Imports <script>window.__pwned = 1;</script><img src=x onerror=\"window.__pwned = 2;\">";
    private const string HostileTitle = "Port closure <img src=x onerror=\"window.__pwned = 3;\"><script>window.__pwned = 4;</script>";

    [Fact]
    public async Task A_hostile_indicator_name_shows_as_text_in_the_inbox()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await SignInAsync("/alerts.html?state=all");
        await Page.WaitForSelectorAsync("#alert-2 .explanation");
        foreach (var id in new[] { 1, 2 })
        {
            Assert.StartsWith(HostileName + " (imports) was unusual in ", await Page.TextContentAsync($"#alert-{id} .explanation"), StringComparison.Ordinal);
        }

        // The series chart (its series carries the name too) draws.
        await Page.ClickAsync("#alert-2 details:nth-of-type(2) summary");
        await Page.WaitForSelectorAsync("#alert-2 .mini-chart canvas");
        await AssertNothingRanAsync();
    }

    [Fact]
    public async Task A_hostile_risk_title_shows_as_text_in_the_register_and_its_detail()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await SignInAsync("/risks.html");
        await Page.WaitForSelectorAsync("#register-table tr[data-id=re-supply]");
        Assert.Contains(HostileTitle, await Page.TextContentAsync("#register-table tr[data-id=re-supply]"), StringComparison.Ordinal);

        await Page.ClickAsync("#register-table tr[data-id=re-supply] button.link");
        await Page.WaitForSelectorAsync("#assess");
        Assert.Contains(HostileTitle, await Page.TextContentAsync("#detail h2"), StringComparison.Ordinal);
        await AssertNothingRanAsync();
    }
}
