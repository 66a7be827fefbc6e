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
/// (expected values worked out by hand from the texts below), and that an index written before term vectors were kept
/// (marks found by re-analysing the text), or one mixing both kinds of document, answers byte for byte the same.
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
        var result = await corpus.GetAsync(corpus.Vectors, "security");
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
        var result = await corpus.GetAsync(corpus.Vectors, "\"national security\"");
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
        var result = await corpus.GetAsync(corpus.Vectors, query);
        Assert.Equal(titles.Length, result.GetProperty("total").GetInt32());
        Assert.Equal(titles, Hits(result).Select(h => h.Title));
    }

    [Fact]
    public async Task A_title_query_marks_the_word_in_the_body()
    {
        var hit = Assert.Single(Hits(await corpus.GetAsync(corpus.Vectors, "title:supply")));
        Assert.Equal(SupplyBody + " ", hit.Text);
        Assert.Equal(["Supply", "supply"], hit.Marked);
    }

    [Fact]
    public async Task A_chinese_term_finds_both_scripts_and_marks_the_original_characters()
    {
        var result = await corpus.GetAsync(corpus.Vectors, "國家安全");
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
        var hits = Hits(await corpus.GetAsync(corpus.Vectors, "安")).ToDictionary(h => h.Title!);
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
        var result = await corpus.GetAsync(corpus.Vectors, query, filter);
        Assert.Equal(titles, Hits(result).Select(h => h.Title).Order(StringComparer.Ordinal));
        Assert.Equal(titles.Length, result.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_or_across_languages_counts_each_matching_document_once()
    {
        var result = await corpus.GetAsync(corpus.Vectors, "export OR 网络");
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
    public async Task An_index_without_term_vectors_or_mixing_both_answers_the_same(string query)
    {
        foreach (var variant in new[] { "", "&pageSize=1&page=2", "&lang=zh", "&from=2019&to=2021" })
        {
            var expected = await corpus.RawAsync(corpus.Vectors, query, variant);
            Assert.Equal(expected, await corpus.RawAsync(corpus.Plain, query, variant));
            Assert.Equal(expected, await corpus.RawAsync(corpus.Mixed, query, variant));
        }
    }

    [Fact]
    public async Task A_fresh_index_places_every_mark_from_its_term_vectors()
    {
        var vectors = corpus.Index(corpus.Vectors);
        var plain = corpus.Index(corpus.Plain);
        var (vectorsBefore, plainBefore) = (vectors.ReanalysedHits, plain.ReanalysedHits);
        foreach (var query in new[] { "security", "国家安全", "安" })
        {
            Assert.Equal(await corpus.RawAsync(corpus.Vectors, query, ""), await corpus.RawAsync(corpus.Plain, query, ""));
        }

        Assert.Equal(vectorsBefore, vectors.ReanalysedHits);
        Assert.Equal(plainBefore + 6, plain.ReanalysedHits);
    }

    [Fact]
    public void The_index_says_whether_marks_need_re_analysis()
    {
        Assert.False(corpus.NeedsReanalysis(corpus.VectorsData));
        Assert.True(corpus.NeedsReanalysis(corpus.PlainData));
        Assert.True(corpus.NeedsReanalysis(corpus.MixedData));
    }

    private sealed record Hit(string? Title, double Score, string Text, string Html, int[][] Marks, string[] Marked);

    private static List<Hit> Hits(JsonElement result) => result.GetProperty("items").EnumerateArray().Select(item =>
    {
        var text = item.GetProperty("snippet_text").GetString()!;
        var marks = item.GetProperty("marks").EnumerateArray().Select(m => m.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        return new Hit(item.GetProperty("title").GetString(), item.GetProperty("score").GetDouble(), text, item.GetProperty("snippet").GetString()!, marks,
            [.. marks.Select(m => text[m[0]..m[1]])]);
    }).ToList();

    /// <summary>The documents ingested once, and three servers: a fresh index, one without term vectors, one mixing both.</summary>
    public sealed class Corpus : IAsyncLifetime
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "vigil-search-results-" + Guid.NewGuid().ToString("N"));
        private readonly List<WebApplication> _apps = [];
        private readonly List<HttpClient> _clients = [];

        public string VectorsData => Path.Combine(_root, "vectors");

        public string PlainData => Path.Combine(_root, "plain");

        public string MixedData => Path.Combine(_root, "mixed");

        public HttpClient Vectors { get; private set; } = null!;

        public HttpClient Plain { get; private set; } = null!;

        public HttpClient Mixed { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Directory.CreateDirectory(VectorsData);
            await WebHost.IngestAsync(_root, VectorsData, Documents);
            SqliteConnection.ClearAllPools();
            Rebuild(PlainData, _ => false);
            Rebuild(MixedData, i => i % 2 == 0);
            Vectors = await StartAsync(VectorsData);
            Plain = await StartAsync(PlainData);
            Mixed = await StartAsync(MixedData);
        }

        /// <summary>A copy of the documents with an index written as before term vectors (or, per document, either way).</summary>
        private void Rebuild(string data, Func<int, bool> vectors)
        {
            Directory.CreateDirectory(data);
            File.Copy(Path.Combine(VectorsData, "vigil.db"), Path.Combine(data, "vigil.db"));
            using var store = SqliteDocumentStore.Open(data);
            using var index = LuceneSearchIndex.Open(data);
            var i = 0;
            foreach (var info in store.List())
            {
                // One commit per document: separate segments, as an old index that later gained new documents.
                index.WriteTermVectors = vectors(i++);
                index.Upsert(new AnalyzedDocument(info, store.GetContent(info.Id)!));
                index.Commit();
            }
        }

        public bool NeedsReanalysis(string data)
        {
            using var index = LuceneSearchIndex.Open(data);
            return index.MarksNeedReanalysis();
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
