using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Vigil.Core.Documents;
using Vigil.Search.Lucene;
using Vigil.Storage.Sqlite;
using Vigil.Web.Hosting;

namespace Vigil.Web.Tests;

/// <summary>
/// Pins what <c>GET /api/search</c> answers — hits, order, totals, snippets and marks — on a small bilingual corpus
/// (expected values worked out by hand from the texts below), and that an index written by an older Vigil — offsets
/// in term vectors, or no offsets at all (marks found by re-analysing the text) — or one mixing the three kinds of
/// document, in separate segments or merged into one, answers byte for byte the same.
/// </summary>
public sealed class SearchResultsTests(SearchResultsTests.Corpus corpus) : IClassFixture<SearchResultsTests.Corpus>
{
    // Illustrative texts written for this test. English words are Porter-stemmed: security and Securing are both "secur".
    private const string PortBody = "Port security rose on the agenda. Securing ports needs national security planning across the supply chain.";
    private const string SupplyBody = "Supply chains face new export controls. National planning, security and trade were discussed; the chain of supply was reviewed.";
    private const string HansBody = "坚持总体国家安全观，统筹发展和安全。网络安全是国家安全的重要组成部分。";
    private const string HantBody = "堅持總體國家安全觀，網絡安全與國家安全並重。";
    private const string GrainBody = "Harvest figures for the grain sector were published in spring.";

    private static readonly (string Name, string Text)[] Documents =
    [
        ("port.md", Front("Port Security Review", "2019-04-02", "Harbour Desk") + PortBody + "\n"),
        ("supply.md", Front("Supply Chains", "2021-07-15", "Trade Notes") + SupplyBody + "\n"),
        ("hans.md", Front("简体示例", "2020-01-10", "新华示例") + HansBody + "\n"),
        ("hant.md", Front("繁體示例", "2018-05-20", "台北示例") + HantBody + "\n"),
        ("grain.md", Front("Grain Figures", "2022-09-01", "Farm Desk") + GrainBody + "\n"),
    ];

    private static string Front(string title, string date, string source) => $"---\ntitle: {title}\ndate: {date}\nsource: {source}\n---\n";

    [Fact]
    public async Task An_english_word_finds_every_inflection_with_the_title_match_first()
    {
        var result = await corpus.GetAsync(corpus.Fresh, "security");
        Assert.Equal(2, result.GetProperty("total").GetInt32());
        var hits = Hits(result);
        Assert.Equal(["Port Security Review", "Supply Chains"], hits.Select(h => h.Title));
        // The whole text fits the snippet; its final line break shows as a space.
        Assert.Equal(PortBody + " ", hits[0].Text);
        Assert.Equal(["security", "Securing", "security"], hits[0].Marked);
        Assert.Equal("Port <mark>security</mark> rose on the agenda. <mark>Securing</mark> ports needs national <mark>security</mark> planning across the supply chain. ",
            hits[0].Html);
        Assert.Equal([[5, 13], [34, 42], [64, 72]], hits[0].Marks);
        Assert.Equal(["security"], hits[1].Marked);
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public async Task A_phrase_finds_only_adjacent_words_and_marks_every_occurrence_of_its_words()
    {
        var result = await corpus.GetAsync(corpus.Fresh, "\"national security\"");
        var hit = Assert.Single(Hits(result));
        Assert.Equal("Port Security Review", hit.Title);
        Assert.Equal(["security", "Securing", "national", "security"], hit.Marked);
    }

    [Theory]
    [InlineData("security AND planning", new[] { "Port Security Review", "Supply Chains" })]
    [InlineData("security NOT export", new[] { "Port Security Review" })]
    [InlineData("title:supply", new[] { "Supply Chains" })]
    [InlineData("harvest AND security", new string[0])]
    public async Task Boolean_and_field_queries_keep_their_hits_in_order(string query, string[] titles)
    {
        var result = await corpus.GetAsync(corpus.Fresh, query);
        Assert.Equal(titles.Length, result.GetProperty("total").GetInt32());
        Assert.Equal(titles, Hits(result).Select(h => h.Title));
    }

    [Fact]
    public async Task A_title_query_marks_the_word_in_the_body()
    {
        var hit = Assert.Single(Hits(await corpus.GetAsync(corpus.Fresh, "title:supply")));
        Assert.Equal(SupplyBody + " ", hit.Text);
        Assert.Equal(["Supply", "supply"], hit.Marked);
    }

    [Fact]
    public async Task A_chinese_term_finds_both_scripts_and_marks_the_original_characters()
    {
        var result = await corpus.GetAsync(corpus.Fresh, "國家安全");
        Assert.Equal(2, result.GetProperty("total").GetInt32());
        var hits = Hits(result).ToDictionary(h => h.Title!);
        Assert.Equal(HansBody + " ", hits["简体示例"].Text);
        Assert.Equal(["国家安全", "安全", "安全", "国家安全"], hits["简体示例"].Marked);
        Assert.Equal(HantBody + " ", hits["繁體示例"].Text);
        Assert.Equal(["國家安全", "安全", "國家安全"], hits["繁體示例"].Marked);
        var scores = Hits(result).Select(h => h.Score).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task A_single_han_character_marks_each_occurrence()
    {
        var hits = Hits(await corpus.GetAsync(corpus.Fresh, "安")).ToDictionary(h => h.Title!);
        Assert.Equal(2, hits.Count);
        Assert.Equal(["安", "安", "安", "安"], hits["简体示例"].Marked);
        Assert.Equal(["安", "安", "安"], hits["繁體示例"].Marked);
    }

    [Theory]
    [InlineData("&lang=zh-Hant", "安全", new[] { "繁體示例" })]
    [InlineData("&lang=en", "security OR 安全", new[] { "Port Security Review", "Supply Chains" })]
    [InlineData("&from=2020", "security", new[] { "Supply Chains" })]
    [InlineData("&to=2019-12", "security", new[] { "Port Security Review" })]
    [InlineData("&source=Harbour%20Desk", "security", new[] { "Port Security Review" })]
    public async Task Filters_keep_only_matching_documents(string filter, string query, string[] titles)
    {
        var result = await corpus.GetAsync(corpus.Fresh, query, filter);
        Assert.Equal(titles, Hits(result).Select(h => h.Title).Order(StringComparer.Ordinal));
        Assert.Equal(titles.Length, result.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_or_across_languages_counts_each_matching_document_once()
    {
        var result = await corpus.GetAsync(corpus.Fresh, "export OR 网络");
        Assert.Equal(3, result.GetProperty("total").GetInt32());
        Assert.Equal(["Supply Chains", "简体示例", "繁體示例"], Hits(result).Select(h => h.Title).Order(StringComparer.Ordinal));
        Assert.Equal(["export"], Hits(result).Single(h => h.Title == "Supply Chains").Marked);
        Assert.Equal(["網絡"], Hits(result).Single(h => h.Title == "繁體示例").Marked);
    }

    public static TheoryData<string> Queries { get; } =
    [
        "security", "\"national security\"", "security AND planning", "security NOT export", "title:supply", "國家安全", "国家安全", "安",
        "安全", "export OR 网络", "supply chain", "\"supply chain\"", "harvest AND security", "the",
    ];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task An_index_written_by_an_older_vigil_or_mixing_layouts_answers_the_same(string query)
    {
        foreach (var variant in new[] { "", "&pageSize=1&page=2", "&lang=zh", "&from=2019&to=2021" })
        {
            var expected = await corpus.RawAsync(corpus.Fresh, query, variant);
            foreach (var other in new[] { corpus.Vectors, corpus.Plain, corpus.Mixed, corpus.Merged })
            {
                Assert.Equal(expected, await corpus.RawAsync(other, query, variant));
            }
        }
    }

    [Theory]
    [InlineData("安")]
    [InlineData("security OR 安全 OR harvest")]
    public async Task Each_page_is_its_slice_of_the_whole_ranking(string query)
    {
        var all = (await corpus.GetAsync(corpus.Fresh, query, "&pageSize=10")).GetProperty("items").EnumerateArray().Select(i => i.GetRawText()).ToList();
        Assert.True(all.Count >= 2, $"{all.Count} hits");
        for (var page = 1; page <= all.Count + 1; page++)
        {
            var items = (await corpus.GetAsync(corpus.Fresh, query, $"&pageSize=1&page={page}")).GetProperty("items").EnumerateArray().Select(i => i.GetRawText()).ToList();
            Assert.Equal(all.Skip(page - 1).Take(1), items);
        }
    }

    [Fact]
    public void Skipped_hits_are_ranked_but_no_text_is_read_for_them()
    {
        using var store = SqliteDocumentStore.Open(corpus.FreshData);
        using var index = LuceneSearchIndex.Open(corpus.FreshData);
        var read = new List<string>();
        DocumentContent? ContentOf(string id)
        {
            read.Add(id);
            return store.GetContent(id);
        }

        var whole = index.Search(new() { Query = "security OR 安全 OR harvest", Limit = 10 }, store.GetContent, store.Get);
        Assert.Equal(5, whole.Total);
        var page = index.Search(new() { Query = "security OR 安全 OR harvest", Limit = 4, Skip = 2 }, ContentOf, store.Get);
        Assert.Equal(whole.Total, page.Total);
        Assert.Equal(whole.Hits.Skip(2).Take(2), page.Hits, (a, b) => a.Doc == b.Doc && a.Snippet == b.Snippet && a.Score == b.Score);
        Assert.Equal(page.Hits.Select(h => h.Doc), read);
    }

    [Fact]
    public async Task Each_layout_places_its_marks_its_own_way()
    {
        var servers = new[] { corpus.Fresh, corpus.Vectors, corpus.Plain, corpus.Mixed, corpus.Merged };
        var before = servers.Select(s => (Vector: corpus.Index(s).VectorHits, Reanalysed: corpus.Index(s).ReanalysedHits)).ToArray();
        foreach (var query in new[] { "security", "国家安全", "安" })
        {
            foreach (var server in servers)
            {
                await corpus.RawAsync(server, query, "");
            }
        }

        // The three queries have 6 hits in all: port and supply, then hans and hant twice. What each server read them from:
        var read = servers.Select((s, i) => (corpus.Index(s).VectorHits - before[i].Vector, corpus.Index(s).ReanalysedHits - before[i].Reanalysed)).ToArray();
        Assert.Equal((0L, 0L), read[0]); // fresh: every mark from the postings
        Assert.Equal((6L, 0L), read[1]); // term vectors
        Assert.Equal((0L, 6L), read[2]); // re-analysis
        // Mixed: port and hant (written with vectors) from their vectors, supply (no offsets) re-analysed, hans (written
        // with offsets) from the postings. Merged: the merge keeps no offsets in the postings, so hans is re-analysed too.
        Assert.Equal((3L, 1L), read[3]);
        Assert.Equal((3L, 3L), read[4]);
    }

    [Fact]
    public void The_index_says_whether_it_needs_a_reindex()
    {
        Assert.False(corpus.NeedsReindex(corpus.FreshData));
        Assert.True(corpus.NeedsReindex(corpus.VectorsData));
        Assert.True(corpus.NeedsReindex(corpus.PlainData));
        Assert.True(corpus.NeedsReindex(corpus.MixedData));
        Assert.True(corpus.NeedsReindex(corpus.MergedData));
    }

    private sealed record Hit(string? Title, double Score, string Text, string Html, int[][] Marks, string[] Marked);

    private static List<Hit> Hits(JsonElement result) => result.GetProperty("items").EnumerateArray().Select(item =>
    {
        var text = item.GetProperty("snippet_text").GetString()!;
        var marks = item.GetProperty("marks").EnumerateArray().Select(m => m.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        return new Hit(item.GetProperty("title").GetString(), item.GetProperty("score").GetDouble(), text, item.GetProperty("snippet").GetString()!, marks,
            [.. marks.Select(m => text[m[0]..m[1]])]);
    }).ToList();

    /// <summary>
    /// The documents ingested once, and five servers: the fresh index (offsets in the postings), one written with term
    /// vectors, one with no offsets, one mixing the three (a segment per document) and that mix merged into one segment.
    /// </summary>
    public sealed class Corpus : IAsyncLifetime
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "vigil-search-results-" + Guid.NewGuid().ToString("N"));
        private readonly List<WebApplication> _apps = [];
        private readonly List<HttpClient> _clients = [];

        public string FreshData => Path.Combine(_root, "fresh");

        public string VectorsData => Path.Combine(_root, "vectors");

        public string PlainData => Path.Combine(_root, "plain");

        public string MixedData => Path.Combine(_root, "mixed");

        public string MergedData => Path.Combine(_root, "merged");

        public HttpClient Fresh { get; private set; } = null!;

        public HttpClient Vectors { get; private set; } = null!;

        public HttpClient Plain { get; private set; } = null!;

        public HttpClient Mixed { get; private set; } = null!;

        public HttpClient Merged { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Directory.CreateDirectory(FreshData);
            await WebHost.IngestAsync(_root, FreshData, Documents);
            SqliteConnection.ClearAllPools();
            Rebuild(VectorsData, _ => MarkLayout.TermVectors, merge: false);
            Rebuild(PlainData, _ => MarkLayout.None, merge: false);
            Rebuild(MixedData, MixedLayout, merge: false);
            Rebuild(MergedData, MixedLayout, merge: true);
            Fresh = await StartAsync(FreshData);
            Vectors = await StartAsync(VectorsData);
            Plain = await StartAsync(PlainData);
            Mixed = await StartAsync(MixedData);
            Merged = await StartAsync(MergedData);
        }

        // By title, so the counts in Each_layout_places_its_marks_its_own_way do not hang on the store's order.
        private static MarkLayout MixedLayout(DocumentInfo info) => info.Title switch
        {
            "Port Security Review" or "繁體示例" => MarkLayout.TermVectors,
            "Supply Chains" => MarkLayout.None,
            _ => MarkLayout.Offsets,
        };

        /// <summary>A copy of the documents with an index written the given way per document.</summary>
        private void Rebuild(string data, Func<DocumentInfo, MarkLayout> layout, bool merge)
        {
            Directory.CreateDirectory(data);
            File.Copy(Path.Combine(FreshData, "vigil.db"), Path.Combine(data, "vigil.db"));
            using var store = SqliteDocumentStore.Open(data);
            using var index = LuceneSearchIndex.Open(data);
            foreach (var info in store.List())
            {
                // One commit per document: separate segments, as an old index that later gained new documents.
                index.WriteLayout = layout(info);
                index.Upsert(new AnalyzedDocument(info, store.GetContent(info.Id)!));
                index.Commit();
            }

            if (merge)
            {
                index.MergeSegments(1);
                Assert.Equal(1, index.SegmentCount());
            }
        }

        public bool NeedsReindex(string data)
        {
            using var index = LuceneSearchIndex.Open(data);
            return index.MarksNeedReindex();
        }

        private async Task<HttpClient> StartAsync(string data)
        {
            var app = VigilWebApp.Build(new VigilWebOptions { DataDirectory = data, Urls = VigilWebOptions.DefaultUrls }, b => b.WebHost.UseTestServer());
            await app.StartAsync();
            _apps.Add(app);
            var client = app.GetTestClient();
            _clients.Add(client);
            return client;
        }

        /// <summary>The search index of the server <paramref name="client"/> talks to.</summary>
        public LuceneSearchIndex Index(HttpClient client) =>
            ((WebWorkspace)_apps[_clients.IndexOf(client)].Services.GetService(typeof(WebWorkspace))!).Index;

        public async Task<JsonElement> GetAsync(HttpClient client, string query, string filter = "") =>
            JsonDocument.Parse(await RawAsync(client, query, filter)).RootElement;

        public async Task<string> RawAsync(HttpClient client, string query, string variant)
        {
            using var response = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query) + variant);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            return body;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var app in _apps)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }
}
