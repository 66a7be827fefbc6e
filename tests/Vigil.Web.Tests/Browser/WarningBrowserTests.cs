using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Core.Indicators;
using Vigil.Core.Risks;
using Vigil.Web.Hosting;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// The alert inbox and the risk register in a real browser: acknowledging an alert changes its state in place, and the
/// heat map is painted with the register's counts and a cell click filters the table. Their screenshots are the
/// README's, so the data is illustrative and plain; hostile names are <see cref="HostileWarningBrowserTests"/>'s.
/// </summary>
public sealed class WarningBrowserTests(BrowserFixture fixture)
    : WarningPageTests(fixture, IndicatorName, RiskTitle), IClassFixture<BrowserFixture>
{
    internal const string IndicatorName = "Rare-earth export licences granted (illustrative)";
    internal const string RiskTitle = "Rare-earth supply disruption (illustrative)";

    /// <summary>
    /// Once per server: an imported series with two anomalies (<see cref="WarningApiTests.Series"/>: alerts for 2023-08 and
    /// 2024-01), the watch, and three risks (two in the cell L2 × I3, one at L4 × I5).
    /// </summary>
    /// <summary>The seed, with the indicator's name and the L4 × I5 risk's title given (<see cref="HostileWarningBrowserTests"/> makes them hostile).</summary>
    internal static async Task SeedAsync(BrowserFixture fixture, string indicatorName, string riskTitle)
    {
        var warning = fixture.Host.App.Services.GetRequiredService<WarningWorkspace>();
        if (warning.Store.GetIndicator("imports") is not null)
        {
            return;
        }

        var read = ImportedSeries.Parse(Encoding.UTF8.GetBytes(WarningApiTests.Series), "imports.csv", IndicatorPeriod.Month);
        Assert.Empty(read.Errors);
        Assert.True(warning.Store.AddIndicator(new IndicatorDefinition
        {
            Id = "imports",
            Name = indicatorName,
            Period = IndicatorPeriod.Month,
            Source = new CsvSource("imports.csv", read.Sha256),
            Detector = new DetectorSpec("robust-z", new SortedDictionary<string, string>(StringComparer.Ordinal) { ["window"] = "5", ["min-periods"] = "5" }),
        }, read.Points));
        var (report, error) = await warning.WatchAsync(null, CancellationToken.None);
        Assert.Null(error);
        Assert.Equal(2, report!.New.Count);

        var workspace = fixture.Host.App.Services.GetRequiredService<WebWorkspace>();
        var register = new RiskRegister(warning.Store, workspace.Taxonomy(null).Load.Taxonomy!, i => warning.Store.GetIndicator(i) is not null, warning.Time);
        foreach (var input in new[]
        {
            new RiskInput("re-supply", "economic", riskTitle, "Illustrative: licences to export rare-earth magnets are withheld for a quarter, and two product lines lose their only supplier.", "supply-chain desk", 4, 5, ["imports"], "2099-12-31", "analyst", null),
            new RiskInput("cyber-1", "cyber", "Grid intrusion (illustrative)", null, "cyber team", 2, 3, [], null, "analyst", null),
            new RiskInput("cyber-2", "cyber", "Undersea cable cut (illustrative)", null, "cyber team", 2, 3, [], null, "analyst", null),
        })
        {
            Assert.NotNull(register.Add(input).Risk);
        }
    }

    [Fact]
    public async Task Acknowledging_an_alert_in_the_inbox_changes_its_state_and_records_who()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await SignInAsync("/alerts.html?state=all");
        await Page.WaitForSelectorAsync("#alert-1 button.ack");

        // Newest first, each explained in words.
        var ids = await Page.Locator(".alert-card").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.id)");
        Assert.Equal(["2", "1"], ids);
        Assert.StartsWith(IndicatorName + " (imports) was unusual in 2023-08.", await Page.TextContentAsync("#alert-1 .explanation"), StringComparison.Ordinal);
        await Page.WaitForFunctionAsync("() => document.getElementById('new-count').textContent.startsWith('2 new')");

        await Page.FillAsync("#alert-1 input.note", "checked against customs data");
        await Page.ClickAsync("#alert-1 button.ack");
        await Page.WaitForSelectorAsync("#alert-1[data-state=acknowledged]");
        Assert.Equal("acknowledged", await Page.TextContentAsync("#alert-1 .badge.state"));
        Assert.Equal(0, await Page.Locator("#alert-1 button.ack").CountAsync());
        Assert.Equal(1, await Page.Locator("#alert-1 button.resolve").CountAsync());
        await Page.WaitForFunctionAsync("() => document.getElementById('new-count').textContent.startsWith('1 new')");

        // The history says who and why (the signed-in user), also through the API.
        await Page.ClickAsync("#alert-1 details:last-of-type summary");
        var last = Page.Locator("#alert-1 table.history tbody tr").Last;
        Assert.Equal("acknowledged", await last.Locator("td").Nth(1).TextContentAsync());
        Assert.Equal("ada", await last.Locator("td").Nth(2).TextContentAsync());
        Assert.Equal("checked against customs data", await last.Locator("td").Nth(3).TextContentAsync());
        var stored = await Page.EvaluateAsync<JsonElement>("() => fetch('/api/alerts/1').then(r => r.json())");
        Assert.Equal("acknowledged", stored.GetProperty("state").GetString());

        // The series chart around the other alert draws with the flagged point.
        await Page.ClickAsync("#alert-2 details:nth-of-type(2) summary");
        await Page.WaitForSelectorAsync("#alert-2 .mini-chart canvas");
        var flagged = await Page.EvaluateAsync<double?[]>("() => echarts.getInstanceByDom(document.querySelector('#alert-2 .mini-chart')).getOption().series[1].data");
        Assert.Contains(60.0, flagged);

        await Screenshots.SaveAsync(Page, "alerts.png");
        await AssertNothingRanAsync();
    }

    [Fact]
    public async Task The_risk_heat_map_is_painted_with_the_register_counts_and_a_cell_filters_the_table()
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await SignInAsync("/risks.html");
        await Page.WaitForSelectorAsync("#heatmap canvas");
        await Page.WaitForSelectorAsync("#register-table tbody tr");

        // [impact − 1, likelihood − 1, count]: two risks at L2 × I3, one at L4 × I5, nothing elsewhere.
        var cells = await Page.EvaluateAsync<int[][]>("() => echarts.getInstanceByDom(document.getElementById('heatmap')).getOption().series[0].data.map(d => d.value)");
        Assert.Equal(25, cells.Length);
        Assert.Equal(2, cells.Single(c => c[0] == 2 && c[1] == 1)[2]);
        Assert.Equal(1, cells.Single(c => c[0] == 4 && c[1] == 3)[2]);
        Assert.Equal(3, cells.Sum(c => c[2]));
        var painted = await Page.EvaluateAsync<int>("""
            () => {
              const c = document.querySelector('#heatmap canvas');
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let n = 0;
              for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
              return n;
            }
            """);
        Assert.True(painted > 10_000, $"{painted} painted pixels");
        Assert.Equal(3, await Page.Locator("#register-table tbody tr").CountAsync());
        Assert.Contains(RiskTitle, await Page.TextContentAsync("#register-table"), StringComparison.Ordinal);
        Assert.Equal("↑", await Page.TextContentAsync("#register-table tr[data-id=re-supply] td:nth-child(7)"));

        // Click the L2 × I3 cell: the table keeps its two risks.
        var point = await Page.EvaluateAsync<double[]>("() => echarts.getInstanceByDom(document.getElementById('heatmap')).convertToPixel({ seriesIndex: 0 }, [2, 1])");
        var box = await Page.Locator("#heatmap").BoundingBoxAsync();
        await Page.Mouse.ClickAsync(box!.X + (float)point[0], box.Y + (float)point[1]);
        await Page.WaitForFunctionAsync("() => document.querySelectorAll('#register-table tbody tr').length === 2");
        Assert.Equal(["cyber-1", "cyber-2"], await Page.Locator("#register-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));

        // Show all again, open the L4 × I5 risk and record an assessment.
        await Page.Mouse.ClickAsync(box.X + (float)point[0], box.Y + (float)point[1]);
        await Page.WaitForFunctionAsync("() => document.querySelectorAll('#register-table tbody tr').length === 3");
        await Page.ClickAsync("#register-table tr[data-id=re-supply] button.link");
        await Page.WaitForSelectorAsync("#assess");
        await Page.SelectOptionAsync("#assess select[name=likelihood]", "3");
        await Page.FillAsync("#assess input[name=note]", "second supplier found");
        await Page.ClickAsync("#assess button[type=submit]");
        await Page.WaitForFunctionAsync("() => document.querySelectorAll('#assessments tbody tr').length === 2");
        Assert.Equal("15 critical", await Page.TextContentAsync("#register-table tr[data-id=re-supply] td:nth-child(6)"));

        await Screenshots.SaveAsync(Page, "risks.png");
        await AssertNothingRanAsync();
    }
}

/// <summary>
/// A signed-out page on a server seeded with one indicator's alerts and three risks (<see cref="WarningBrowserTests.SeedAsync"/>),
/// the names given, with the page's console errors and dialogs collected.
/// </summary>
public abstract class WarningPageTests(BrowserFixture fixture, string indicatorName, string riskTitle) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _dialogs = [];

    protected IPage Page { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!BrowserFixture.Available)
        {
            return;
        }

        await WarningBrowserTests.SeedAsync(fixture, indicatorName, riskTitle);
        (_context, Page) = await fixture.OpenPageAsync(1200, 900, _consoleErrors, _dialogs);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected Task SignInAsync(string next) => BrowserFixture.SignInAsync(Page, next);

    /// <summary>
    /// No script ran, no dialog opened, nothing failed in the console — but the browser's own line for a refusal the
    /// test provoked on purpose (<paramref name="refusedWith"/>, e.g. 400).
    /// </summary>
    protected async Task AssertNothingRanAsync(int? refusedWith = null)
    {
        Assert.Equal("undefined", await Page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Equal(0, await Page.Locator("main script, main img").CountAsync());
        Assert.Empty(_dialogs);
        Assert.DoesNotContain(_consoleErrors, e => refusedWith is not { } status || !e.Contains($"status of {status}", StringComparison.Ordinal));
    }
}
