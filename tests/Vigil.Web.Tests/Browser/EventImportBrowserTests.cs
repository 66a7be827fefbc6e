using Microsoft.Playwright;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// Adding events from the events page (its own server, so the ledger other browser tests count is not changed):
/// importing a list — the report counts what <c>vigil events import</c> counts, names the rejected and flagged rows,
/// shows hostile cell values as text, and links to the imported events — and recording one by hand, with the API's
/// reason for a refusal; a viewer has neither form.
/// </summary>
public sealed class EventImportBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    // Illustrative rows: two good ones (one to be flagged: an unknown country, written as markup), one with neither a
    // target name nor a summary (rejected).
    private const string Csv = """
        Type,Date,Target,Target country,Summary
        sanction.counter,2024-03-01,Example Drone Works,United States,Illustrative: countermeasures against a drone maker
        sanction.counter,2024-03-02,Example Survey Institute,"<img src=x onerror=""window.__pwned = 1"">",Illustrative: countermeasures against a think tank
        sanction.counter,2024-03-03,,,
        """;

    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _dialogs = [];

    public async ValueTask InitializeAsync()
    {
        if (BrowserFixture.Available)
        {
            (_context, _page) = await fixture.OpenPageAsync(1300, 1000, _consoleErrors, _dialogs);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    /// <summary>Signs in as the admin, opens the import form, sends <paramref name="csv"/> with the column map and waits for the answer.</summary>
    private async Task ImportAsync(string name, string csv, string map)
    {
        await BrowserFixture.SignInAsync(_page, "/events.html");
        await _page.WaitForSelectorAsync("#import:not([hidden])");
        await _page.ClickAsync("#import summary");
        await _page.SetInputFilesAsync("#import-file", new FilePayload { Name = name, MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await _page.FillAsync("#import-map", map);
        await _page.ClickAsync("#import-form button[type=submit]");
        await _page.WaitForSelectorAsync("#import-result .message:not(:has-text('Importing'))");
    }

    [Fact]
    public async Task An_analyst_imports_a_csv_and_sees_its_report_and_its_events()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await ImportAsync("illustrative-import.csv", Csv, "type = Type\ndate = Date\ntarget.name_en = Target\ntarget.country = Target country\nsummary = Summary");

        var report = await _page.TextContentAsync("#import-result .message");
        // No indicator is defined on this server, so the watch after the import has nothing to say.
        Assert.Equal("illustrative-import.csv: 3 row(s) read — 2 new, 0 updated, 0 unchanged, 0 merged, 1 rejected, 1 flagged.", report);
        var rejected = _page.Locator("#import-result table").Nth(0).Locator("tbody tr");
        Assert.Equal(1, await rejected.CountAsync());
        Assert.Equal("3", await rejected.Locator("td").Nth(0).TextContentAsync());
        var flagged = await _page.Locator("#import-result table").Nth(1).Locator("tbody td").Nth(1).TextContentAsync();
        Assert.Contains("<img src=x onerror=\"window.__pwned = 1\">", flagged, StringComparison.Ordinal);

        // The link shows just this file's events.
        await _page.ClickAsync("#import-result button.link-dark");
        await _page.WaitForFunctionAsync("() => new URLSearchParams(location.search).get('file') === 'illustrative-import.csv'");
        await _page.WaitForFunctionAsync("() => document.querySelectorAll('#events-table tbody tr').length === 2");
        Assert.Contains("imported from the file illustrative-import.csv", await _page.TextContentAsync("#scope"), StringComparison.Ordinal);

        Assert.Equal("undefined", await _page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Equal(0, await _page.Locator("main img").CountAsync());
        Assert.Empty(_dialogs);
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task A_file_the_import_refuses_says_why_and_imports_nothing()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await ImportAsync("wrong-columns.csv", "Kind,When\nx,2024\n", "type = Type\ntarget.name_en = Target");
        await _page.WaitForSelectorAsync("#import-result .message.error");
        var error = await _page.TextContentAsync("#import-result .message.error");
        Assert.Contains("wrong-columns.csv", error, StringComparison.Ordinal);
        Assert.Contains("Type", error, StringComparison.Ordinal);
        Assert.DoesNotContain(_consoleErrors, e => !e.Contains("422", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_viewer_has_no_import_form()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await BrowserFixture.SignInAsync(_page, "/events.html", "vic", WebHost.ViewerPassword);
        await _page.WaitForSelectorAsync("#events-table, #list .message");
        Assert.True(await _page.Locator("#import").IsHiddenAsync());
        Assert.True(await _page.Locator("#record").IsHiddenAsync());
    }

    [Fact]
    public async Task An_analyst_records_an_event_by_hand_and_sees_it_with_its_history()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await BrowserFixture.SignInAsync(_page, "/events.html");
        await _page.WaitForSelectorAsync("#record:not([hidden])");
        await _page.ClickAsync("#record summary");

        // The fields that make an event's identity (type, target, body, source URL), then Record.
        async Task RecordAsync(string sourceUrl)
        {
            await _page.SelectOptionAsync("#record-type", "sanction.counter");
            await _page.FillAsync("#record-form input[name=body]", "Ministry of Commerce");
            await _page.FillAsync("#record-form input[name=source_url]", sourceUrl);
            await _page.FillAsync("#record-targets .target input[name=name_en]", "Example Avionics Ltd (illustrative)");
            await _page.SelectOptionAsync("#record-targets .target select[name=kind]", "company");
            await _page.FillAsync("#record-targets .target input[name=country]", "United States");
            await _page.ClickAsync("#record-form button[type=submit]");
        }

        await _page.FillAsync("#record-form input[name=date]", "2024-05-20");
        await _page.FillAsync("#record-form input[name=countries]", "美国");

        // A source URL that is not a web address gets the API's reason.
        await RecordAsync("ftp://example.org/notice");
        await _page.WaitForFunctionAsync("() => document.getElementById('record-result').textContent.includes('source_url')");
        Assert.Contains("is not an http or https URL", await _page.TextContentAsync("#record-result"), StringComparison.Ordinal);

        await RecordAsync("https://example.org/illustrative/notice-9");
        await _page.WaitForFunctionAsync("() => document.getElementById('record-result').textContent.startsWith('Recorded ')");
        var id = (await _page.TextContentAsync("#record-result"))!["Recorded ".Length..].TrimEnd('.');
        await _page.WaitForFunctionAsync("id => new URLSearchParams(location.search).get('id') === id", id);
        await _page.WaitForSelectorAsync("#detail h3:has-text('History')");
        var detail = await _page.TextContentAsync("#detail");
        Assert.Contains("Example Avionics Ltd (illustrative) · company · US", detail, StringComparison.Ordinal);
        Assert.Contains("2024-05-20", detail, StringComparison.Ordinal);
        Assert.Contains("proposed", await _page.TextContentAsync("#detail .meta-table"), StringComparison.Ordinal);

        // The same event again (the form was cleared) is refused as already in the ledger.
        await RecordAsync("https://example.org/illustrative/notice-9");
        await _page.WaitForFunctionAsync("() => document.getElementById('record-result').textContent.includes('same type')");
        Assert.Contains(id, await _page.TextContentAsync("#record-result"), StringComparison.Ordinal);
        Assert.DoesNotContain(_consoleErrors, e => !e.Contains("status of 400", StringComparison.Ordinal) && !e.Contains("status of 409", StringComparison.Ordinal));
        Assert.Empty(_dialogs);
    }
}
