namespace Vigil.Web.Tests.Browser;

/// <summary>
/// The alert inbox and the risk register with a hostile indicator name and risk titles (their own server, so the
/// README's screenshots and counts in <see cref="WarningBrowserTests"/> stay as they are): the markup shows as text and
/// runs nothing — also in a risk added through the page's form.
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

    [Fact]
    public async Task An_analyst_adds_a_risk_from_the_page_and_it_lands_in_its_cell()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        const string Title = "Customs data outage <img src=x onerror=\"window.__pwned = 5;\">";
        await SignInAsync("/risks.html");
        await Page.WaitForSelectorAsync("#add-risk:not([hidden])");
        await Page.WaitForSelectorAsync("#register-table");
        await Page.ClickAsync("#add-risk summary");

        // An id in use is refused with the API's reason, and nothing is added.
        await Page.FillAsync("#add-form input[name=id]", "re-supply");
        await Page.SelectOptionAsync("#add-domain", "cyber");
        await Page.FillAsync("#add-form input[name=title]", Title);
        await Page.ClickAsync("#add-form button[type=submit]");
        await Page.WaitForFunctionAsync("() => document.getElementById('add-result').textContent.includes('exists')");
        Assert.Contains("a risk with this id exists", await Page.TextContentAsync("#add-result"), StringComparison.Ordinal);

        await Page.FillAsync("#add-form input[name=id]", "customs-outage");
        await Page.SelectOptionAsync("#add-form select[name=likelihood]", "1");
        await Page.SelectOptionAsync("#add-form select[name=impact]", "2");
        await Page.FillAsync("#add-form input[name=owner]", "trade desk");
        await Page.FillAsync("#add-form input[name=indicators]", "imports");
        await Page.ClickAsync("#add-form button[type=submit]");
        await Page.WaitForSelectorAsync("#register-table tr[data-id=customs-outage]");
        await Page.WaitForFunctionAsync("() => document.querySelector('#detail h2')?.textContent.includes('customs-outage')");

        // The heat map counts it at likelihood 1 × impact 2; the register and the detail show the title as text.
        var cells = await Page.EvaluateAsync<int[][]>("() => echarts.getInstanceByDom(document.getElementById('heatmap')).getOption().series[0].data.map(d => d.value)");
        Assert.Equal(1, cells.Single(c => c[0] == 1 && c[1] == 0)[2]);
        Assert.Contains(Title, await Page.TextContentAsync("#register-table tr[data-id=customs-outage]"), StringComparison.Ordinal);
        Assert.Equal("2 low", await Page.TextContentAsync("#register-table tr[data-id=customs-outage] td:nth-child(6)"));
        Assert.Equal("↑", await Page.TextContentAsync("#register-table tr[data-id=customs-outage] td:nth-child(7)"));
        Assert.Contains("owner trade desk", await Page.TextContentAsync("#detail .meta"), StringComparison.Ordinal);
        Assert.Equal("Added customs-outage.", await Page.TextContentAsync("#add-result"));
        await AssertNothingRanAsync(refusedWith: 400);
    }
}
