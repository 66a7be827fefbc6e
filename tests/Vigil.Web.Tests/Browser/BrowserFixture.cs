using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// A Vigil server on a loopback port (Kestrel) with the test documents and the repository's sample corpus, and
/// Debian's Chromium (<c>/usr/bin/chromium</c>) driven by Playwright. No browser is ever downloaded: without
/// that file the browser tests skip and say why (CI installs it; see .ci/run).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    internal WebHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static bool Available => File.Exists(ChromiumPath);

    public const string SkipReason = "Chromium is not installed at " + ChromiumPath + " (Debian package 'chromium'; .ci/run installs it): browser tests skipped.";

    /// <summary>
    /// A new browser context and page on the test server, with every console error and page error collected into
    /// <paramref name="consoleErrors"/> (a CSP violation is one) and each dialog recorded in <paramref name="dialogs"/>
    /// and dismissed. Timeouts are generous: on a loaded 2-core machine Chromium and the server share the cores with the test run.
    /// </summary>
    public async Task<(IBrowserContext Context, IPage Page)> OpenPageAsync(int width, int height, List<string> consoleErrors, List<string>? dialogs = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(90_000);
        page.SetDefaultNavigationTimeout(90_000);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => consoleErrors.Add(error);
        if (dialogs is not null)
        {
            page.Dialog += async (_, dialog) =>
            {
                dialogs.Add(dialog.Message);
                await dialog.DismissAsync();
            };
        }

        return (context, page);
    }

    /// <summary>
    /// Opens <paramref name="next"/> signed out and signs in on the login page it is sent to. The page sends a signed-out
    /// visitor to the login page from script, after it has asked for the session; the redirect can land before or after
    /// GotoAsync returns, so this polls the location rather than wait for a navigation event that may already have happened.
    /// </summary>
    public static async Task SignInAsync(IPage page, string next, string name = "ada", string password = WebHost.AdminPassword)
    {
        await page.GotoAsync(next);
        await page.WaitForFunctionAsync("() => location.pathname === '/login.html' && location.search.startsWith('?next=')");
        await page.WaitForSelectorAsync("#name");
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login button[type=submit]");
        await page.WaitForFunctionAsync("() => !location.pathname.startsWith('/login')");
        await page.WaitForSelectorAsync(".top .who");
    }

    public async ValueTask InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        Host = await WebHost.StartAsync(kestrel: true);
        var samples = Screenshots.RepositoryFolder("samples/corpus");
        if (samples is not null)
        {
            await WebHost.IngestAsync(Path.Combine(Host.Root, "samples"), Host.DataDirectory,
                Directory.GetFiles(samples).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f))));
        }

        BaseUrl = Host.App.Urls.First().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,

            // Root in a container has no user namespace for Chromium's sandbox.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

/// <summary>Where screenshots go: the test output, and docs/screenshots/ when VIGIL_SCREENSHOTS=1.</summary>
internal static class Screenshots
{
    public static string? RepositoryFolder(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.sln")))
            {
                var path = Path.Combine(dir.FullName, relative);
                return Directory.Exists(path) ? path : null;
            }
        }

        return null;
    }

    public static async Task SaveAsync(IPage page, string name)
    {
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        var output = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(output);
        await File.WriteAllBytesAsync(Path.Combine(output, name), bytes);
        if (Environment.GetEnvironmentVariable("VIGIL_SCREENSHOTS") == "1" && RepositoryFolder("docs") is { } docs)
        {
            Directory.CreateDirectory(Path.Combine(docs, "screenshots"));
            await File.WriteAllBytesAsync(Path.Combine(docs, "screenshots", name), bytes);
        }
    }
}
