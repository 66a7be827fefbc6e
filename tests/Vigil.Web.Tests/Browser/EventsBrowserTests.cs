using Microsoft.Playwright;
using Vigil.Core.Events;
using Vigil.Core.Events.Import;
using Vigil.Core.Geo;
using Vigil.Web.Hosting;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// The events page in Chromium over a ledger of two events recorded by "ada" (illustrative) and the rows of
/// <see cref="IllustrativeCsv"/>, imported as a dataset would be. Its screenshot is the README's; the hostile rows of
/// <see cref="EventsChangeTests.HostileCsv"/> are <see cref="HostileEventsBrowserTests"/>'s, on a server of their own.
/// </summary>
public sealed class EventsBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _dialogs = [];
    private IBrowserContext? _context;
    private IPage _page = null!;

    /// <summary>A counter-sanction on two EU persons (DE, FR) and a proposed police training with Serbia.</summary>
    private static readonly EventDraft[] Drafts =
    [
        new()
        {
            Type = "sanction.counter", Date = "2021-03-22", Body = "Ministry of Foreign Affairs", SourceUrl = "https://example.org/notice/1",
            Targets = [new TargetDraft { NameEn = "Example Person A", Kind = "person", Country = "DE" }, new TargetDraft { NameEn = "Example Person B", Kind = "person", Country = "FR" }],
        },
        new()
        {
            Type = "police.training", Date = "2023-05", Body = "Ministry of Public Security", SourceUrl = "https://example.org/notice/3", Status = "proposed",
            Summary = "Illustrative: a training course for officers from Serbia.", Countries = ["Serbia"],
        },
    ];

    /// <summary>
    /// <see cref="EventsChangeTests.HostileCsv"/> with its first row made plain: the same three rows imported (one to RS,
    /// one with an unknown country, one of an unknown type), one rejected, reading stopped at an unclosed quote.
    /// </summary>
    internal const string IllustrativeCsv =
        "type,date,body,target.name_en,target.country,source_url,notes\n"
        + "police.training,2023-05,Ministry of Public Security,Example Police Academy,RS,https://example.org/f,Illustrative row\n"
        + "sanction.counter,2020-02-31,MFA,Example Person C,Narnia,https://example.org/a,\n"
        + "imaginary-type,2021,MFA,Example Person D,US,https://example.org/b,\n"
        + ",2021,MFA,,,https://example.org/c,\n"
        + "police.training,2022,\"unclosed \"quote,Example E,RS,https://example.org/d,\n"
        + "police.training,2022,MPS,Example F,RS,https://example.org/e,note,extra\n";

    public async ValueTask InitializeAsync()
    {
        if (!BrowserFixture.Available)
        {
            return;
        }

        Seed(fixture.Host);
        (_context, _page) = await fixture.OpenPageAsync(1400, 1000, _consoleErrors, _dialogs);
    }

    /// <summary>Writes the events into the server's ledger (idempotent: the same events again change nothing).</summary>
    private static void Seed(WebHost host)
    {
        var ledger = (EventLedger)host.App.Services.GetService(typeof(EventLedger))!;
        var change = new ChangeContext("ada", TimeProvider.System);
        foreach (var draft in Drafts)
        {
            var e = AnalystEvents.Create(draft, EventTypeCatalog.BuiltIn, Gazetteer.BuiltIn, out var problem) ?? throw new InvalidOperationException(problem!.Message);
            ledger.Store.Upsert([e], change);
        }

        Import(host, "illustrative-events.csv", IllustrativeCsv);
    }

    /// <summary>Imports <paramref name="csv"/> into the server's ledger as <c>vigil events import --format csv</c> would (again: nothing changes).</summary>
    internal static void Import(WebHost host, string name, string csv)
    {
        var ledger = (EventLedger)host.App.Services.GetService(typeof(EventLedger))!;
        var file = Path.Combine(host.Root, name);
        File.WriteAllText(file, csv);
        var report = new EventImporter(ledger.Store, EventTypeCatalog.BuiltIn, Gazetteer.BuiltIn)
            .Import(file, new GenericCsvFormat(new ColumnMap()), new EventImportOptions(), new ChangeContext("ada", TimeProvider.System));
        Assert.Null(report.Error);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    private Task SignInAsync(string next, string name = "ada", string password = WebHost.AdminPassword) =>
        BrowserFixture.SignInAsync(_page, next, name, password);

    /// <summary>The colour the map's canvas shows at a longitude/latitude, as "r,g,b".</summary>
    private Task<string> MapColourAt(double lon, double lat) => _page.EvaluateAsync<string>("""
        ([lon, lat]) => {
          const box = document.getElementById('map');
          const chart = echarts.getInstanceByDom(box);
          const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [lon, lat]);
          const canvas = box.querySelector('canvas');
          const ratio = canvas.width / canvas.clientWidth;
          const d = canvas.getContext('2d').getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data;
          return `${d[0]},${d[1]},${d[2]}`;
        }
        """, new[] { lon, lat });

    private Task WaitForMapAsync() => _page.WaitForFunctionAsync("() => document.getElementById('map').dataset.countries !== undefined && echarts.getInstanceByDom(document.getElementById('map'))");

    [Fact]
    public async Task The_events_page_shows_the_table_a_timeline_and_the_map_painted_where_there_are_events()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await SignInAsync("/events.html");
        await _page.WaitForSelectorAsync("#events-table tbody tr");
        await WaitForMapAsync();

        // Two recorded events and the three rows of the file that were imported.
        Assert.Equal(5, await _page.Locator("#events-table tbody tr").CountAsync());
        Assert.Contains("5 events", await _page.TextContentAsync(".pager span"), StringComparison.Ordinal);

        // Target countries by count, then code: RS 2 (the training and the academy row), then DE and FR (the sanction) and
        // US (the unknown-type row) 1 each.
        Assert.Equal("RS DE FR US", await _page.GetAttributeAsync("#map", "data-countries"));

        // The canvas is painted: Germany (10.4° E, 51.1° N) in the blue scale, Brazil (no events) in the grey of no data.
        const string grey = "227,230,236";
        var germany = await MapColourAt(10.4, 51.1);
        Assert.NotEqual(grey, germany);
        Assert.Equal(grey, await MapColourAt(-51.9, -14.2));

        // The timeline has a bar series per type.
        var series = await _page.EvaluateAsync<string[]>("() => echarts.getInstanceByDom(document.getElementById('timeline')).getOption().series.map(s => s.name)");
        Assert.Contains("sanction.counter", series);
        Assert.Contains("police.training", series);

        await _page.ClickAsync("#events-table tbody tr:has-text('Example Person A')");
        await _page.WaitForSelectorAsync("#detail h3:has-text('History')");
        await Screenshots.SaveAsync(_page, "events.png");

        // Clicking Germany on the map filters the table to it.
        var point = await _page.EvaluateAsync<double[]>("() => echarts.getInstanceByDom(document.getElementById('map')).convertToPixel({ seriesIndex: 0 }, [10.4, 51.1])");
        var box = (await _page.Locator("#map").BoundingBoxAsync())!;
        await _page.Mouse.ClickAsync((float)(box.X + point[0]), (float)(box.Y + point[1]));
        await _page.WaitForFunctionAsync("() => new URLSearchParams(location.search).get('country') === 'DE'");
        await _page.WaitForFunctionAsync("() => document.querySelectorAll('#events-table tbody tr').length === 1");
        Assert.Equal("DE", await _page.InputValueAsync("#country"));
        Assert.Contains("Example Person A", await _page.TextContentAsync("#events-table tbody"), StringComparison.Ordinal);
        Assert.Empty(_consoleErrors);
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task Confirming_an_event_changes_its_status_and_adds_to_its_history()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await SignInAsync("/events.html?type=police.training&text=illustrative");
        await _page.ClickAsync("#events-table tbody tr:has-text('training course')");
        await _page.WaitForSelectorAsync("#review-note");
        await _page.FillAsync("#review-note", "checked against the notice");
        await _page.ClickAsync("#detail button.confirm");
        await _page.WaitForSelectorAsync("#detail .meta-table .status.confirmed");
        await _page.WaitForFunctionAsync("() => document.querySelectorAll('#detail table.history tbody tr').length === 2");
        var last = await _page.TextContentAsync("#detail table.history tbody tr:last-child");
        Assert.Contains("ada", last, StringComparison.Ordinal);
        Assert.Contains("status", last, StringComparison.Ordinal);
        Assert.Contains("checked against the notice", last, StringComparison.Ordinal);
        Assert.Contains("confirmed", await _page.TextContentAsync("#events-table tbody tr.selected"), StringComparison.Ordinal);
        Assert.Empty(_consoleErrors);

        // A viewer sees the event and its history but no review actions.
        await _context!.ClearCookiesAsync();
        await SignInAsync(_page.Url.Replace(fixture.BaseUrl, "", StringComparison.Ordinal), "vic", WebHost.ViewerPassword);
        await _page.WaitForSelectorAsync("#detail h3:has-text('History')");
        Assert.Equal(0, await _page.Locator("#review-note, #detail button.confirm").CountAsync());
    }
}

/// <summary>The document page's events, on a server of its own (extraction adds events the events-page tests would count).</summary>
public sealed class DocumentEventsBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly List<string> _consoleErrors = [];
    private IBrowserContext? _context;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        if (!BrowserFixture.Available)
        {
            return;
        }

        (_context, _page) = await fixture.OpenPageAsync(1200, 900, _consoleErrors);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    private Task SignInAsync(string next) => BrowserFixture.SignInAsync(_page, next);

    [Fact]
    public async Task A_document_lists_the_events_proposed_from_it_and_an_event_span_is_marked_in_its_text()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        var samples = Screenshots.RepositoryFolder("samples/corpus");
        Assert.SkipWhen(samples is null, "the repository's samples/corpus folder is not found from the test output");
        var bytes = await File.ReadAllBytesAsync(Path.Combine(samples!, "bilingual-2023-news-police-cooperation.md"));
        var doc = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..16];

        await SignInAsync($"/document.html?id={doc}");
        await _page.WaitForSelectorAsync("#events p, #events table");
        await _page.ClickAsync("#extract");
        await _page.WaitForSelectorAsync("#doc-events tbody tr");
        var rows = await _page.Locator("#doc-events tbody tr").CountAsync();

        // The page lists exactly what the ledger holds for this document.
        var total = await _page.EvaluateAsync<int>("async d => (await (await fetch(`/api/events?doc=${d}`)).json()).total", doc);
        Assert.True(total > 0);
        Assert.Equal(total, rows);
        Assert.StartsWith($"/events.html?doc={doc}&id=", await _page.GetAttributeAsync("#doc-events tbody tr:first-child td:nth-child(2) a", "href"), StringComparison.Ordinal);

        // The span link marks the event's quote in the original text.
        var quote = await _page.EvaluateAsync<string>("async d => (await (await fetch(`/api/events?doc=${d}`)).json()).items[0].provenance[0].quote", doc);
        await _page.ClickAsync("#doc-events tbody tr:first-child td:nth-child(3) a");
        await _page.WaitForSelectorAsync("#text mark.provenance");
        Assert.Equal(quote, await _page.TextContentAsync("#text mark.provenance"));
        Assert.Empty(_consoleErrors);
    }
}

/// <summary>
/// The events page over the rows of <see cref="EventsChangeTests.HostileCsv"/> (markup in a target name, a script in a
/// note, a <c>javascript:</c> source URL), on a server of their own: shown as text, nothing runs.
/// </summary>
public sealed class HostileEventsBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _dialogs = [];
    private IBrowserContext? _context;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        if (!BrowserFixture.Available)
        {
            return;
        }

        var ledger = (EventLedger)fixture.Host.App.Services.GetService(typeof(EventLedger))!;
        if (ledger.Store.Count() == 0)
        {
            EventsBrowserTests.Import(fixture.Host, "hostile-events.csv", EventsChangeTests.HostileCsv);
        }

        (_context, _page) = await fixture.OpenPageAsync(1400, 1000, _consoleErrors, _dialogs);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    private Task SignInAsync(string next) => BrowserFixture.SignInAsync(_page, next);

    [Fact]
    public async Task A_hostile_event_is_shown_as_text_and_runs_nothing()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await SignInAsync("/events.html?file=hostile-events.csv");
        await _page.WaitForSelectorAsync("#events-table tbody tr");
        Assert.Equal(3, await _page.Locator("#events-table tbody tr").CountAsync()); // the three rows of the file that were imported
        Assert.Contains("imported from the file hostile-events.csv", await _page.TextContentAsync("#scope"), StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=\"window.__pwned=5\">", await _page.TextContentAsync("#events-table tbody"), StringComparison.Ordinal);

        await _page.ClickAsync("#events-table tbody tr:has-text('onerror')");
        await _page.WaitForSelectorAsync("#detail h3:has-text('History')");
        var detail = await _page.TextContentAsync("#detail");
        Assert.Contains("<script>window.__pwned=6</script>", detail, StringComparison.Ordinal);
        Assert.Contains("javascript:alert(1)", detail, StringComparison.Ordinal);

        // The javascript: URL is text, not a link; nothing from the event became an element; nothing ran.
        Assert.Equal(0, await _page.Locator("a[href^='javascript'], #detail img, #detail script, #events-table img, #events-table script").CountAsync());
        Assert.True(await _page.Locator("#detail .unsafe-url").CountAsync() >= 1);
        Assert.Equal("undefined", await _page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Empty(_dialogs);
        Assert.Empty(_consoleErrors);
    }
}
