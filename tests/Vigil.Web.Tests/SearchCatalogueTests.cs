using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Core.Ingestion;
using Vigil.Web.Hosting;

namespace Vigil.Web.Tests;

/// <summary>The server's cache of what search hits show: reused within an index generation, emptied by any commit.</summary>
public sealed class SearchCatalogueTests
{
    [Fact]
    public async Task Entries_are_reused_within_a_generation_and_read_again_after_a_commit()
    {
        await using var host = await WebHost.StartAsync(users: false);
        var workspace = (WebWorkspace)host.App.Services.GetService(typeof(WebWorkspace))!;
        var catalogue = new SearchCatalogue(workspace);
        var id = workspace.Store.List().First(d => d.Title == "Supply Chains Report").Id;

        Assert.Equal("Supply Chains Report", catalogue.At(7)(id)!.Title);
        Assert.Equal("Supply Chains Report", catalogue.At(7)(id)!.Title);
        Assert.Equal((1L, 1L), catalogue.Counts);

        Assert.Equal("Supply Chains Report", catalogue.At(8)(id)!.Title);
        Assert.Equal((1L, 2L), catalogue.Counts);

        // Unknown ids are not remembered (the index can list a document before the store's commit is visible).
        Assert.Null(catalogue.At(8)("0000000000000000"));
        Assert.Null(catalogue.At(8)("0000000000000000"));
        Assert.Equal((1L, 4L), catalogue.Counts);
    }

    [Fact]
    public async Task A_document_ingested_while_the_server_runs_is_found_with_its_title()
    {
        await using var host = await WebHost.StartAsync(users: false);
        using var client = host.Client();
        Assert.Equal(2, await TotalAsync(client, "security"));

        var file = Path.Combine(host.Root, "late.md");
        await File.WriteAllTextAsync(file, "---\ntitle: Late Security Memo\ndate: 2023-02-01\n---\nA late memo on port security.\n");
        var workspace = (WebWorkspace)host.App.Services.GetService(typeof(WebWorkspace))!;
        var report = await workspace.IngestAsync([file], new IngestOptions(), CancellationToken.None);
        Assert.Empty(report.Failed);

        var result = await client.GetFromJsonAsync<JsonElement>("/api/search?q=security");
        Assert.Equal(3, result.GetProperty("total").GetInt32());
        Assert.Contains(result.GetProperty("items").EnumerateArray(), h => h.GetProperty("title").GetString() == "Late Security Memo");
    }

    private static async Task<int> TotalAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString(query))).GetProperty("total").GetInt32();
}
