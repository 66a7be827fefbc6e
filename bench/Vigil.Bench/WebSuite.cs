using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Vigil.Core.Analysis;
using Vigil.Core.Documents;
using Vigil.Core.Storage;
using Vigil.Search.Lucene;
using Vigil.Storage.Sqlite;
using Vigil.Web;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Bench;

/// <summary>
/// Load on the web server: <c>--clients</c> concurrent clients (default 50) each sending <c>GET /api/search</c>
/// (top 10 with snippets, as the search page asks) back to back, for <c>--seconds</c> (default 30) after a 5 s
/// warm-up, against a data directory of <c>--docs</c> generated documents (default 100,000) in SQLite and Lucene.
/// Server (Kestrel, <see cref="VigilWebApp"/>) and clients run in this process on loopback and share the machine's
/// cores; latency is measured by the client from sending the request to reading the whole response.
/// </summary>
internal static class WebSuite
{
    public static object Run(BenchOptions options)
    {
        var docs = options.Docs ?? 100_000;
        var data = options.DataDirectory ?? Path.Combine(Report.MakeTemp(options, "web"), "data");
        var build = EnsureCorpus(data, docs, options.Seed);
        if (options.SearchPath)
        {
            return new { suite = "web-path", machine = Report.Machine(), docs, result = SearchPath(data) };
        }

        if (options.Dump is not null)
        {
            return Dump(data, options.Dump, options.Reanalyse).GetAwaiter().GetResult();
        }

        var result = options.Wrk ? LoadWithWrk(data, options, docs).GetAwaiter().GetResult() : Load(data, options, docs).GetAwaiter().GetResult();
        if (options.DataDirectory is null)
        {
            Report.RemoveTemp(options, Path.GetDirectoryName(data)!);
        }

        return new
        {
            suite = "web",
            machine = Report.Machine(),
            seed = options.Seed,
            docs,
            build,
            method = options.Wrk
                ? $"wrk -t2 -c{options.Clients} (a separate process) sending GET /api/search?q=…&pageSize=10 (X-Api-Key) back to back over loopback to Kestrel in this process; "
                  + $"{options.Warmup} s warm-up run, then {options.Seconds} s measured; latency = wrk's, request sent to response read; CPU = the server's alone"
                : $"{options.Clients} client tasks in this process, each sending GET /api/search?q=…&pageSize=10 (X-Api-Key) back to back over loopback "
                + $"to Kestrel in the same process; {options.Warmup} s warm-up, then {options.Seconds} s measured; latency = request sent to response read",
            result,
            peakWorkingSetBytes = Report.PeakWorkingSet(),
        };
    }

    /// <summary>Stores and indexes the generated documents (the ingest path without file parsing), unless the directory already has them.</summary>
    private static object EnsureCorpus(string data, int docs, int seed)
    {
        using (var existing = SqliteDocumentStore.Open(data))
        {
            if (existing.Count() == docs)
            {
                Console.WriteLine($"web: reusing {docs:N0} documents in {data}");
                return new { reused = true };
            }

            if (existing.Count() != 0)
            {
                throw new ArgumentException($"{data} holds {existing.Count():N0} documents, not {docs:N0}; give an empty or matching --data directory.");
            }
        }

        Console.WriteLine($"\nweb: storing and indexing {docs:N0} generated documents in {data} ...");
        var clock = Stopwatch.StartNew();
        var generator = new CorpusGenerator(seed);
        using var store = SqliteDocumentStore.Open(data);
        using var index = LuceneSearchIndex.Open(data);
        const int Chunk = 2048;
        for (var start = 0; start < docs; start += Chunk)
        {
            var count = Math.Min(Chunk, docs - start);
            var analyzed = new AnalyzedDocument[count];
            Parallel.For(0, count, j =>
            {
                var i = start + j;
                var doc = generator.Generate(i);
                var bytes = Encoding.UTF8.GetBytes(doc.Text);
                var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
                var analysis = AnalysisPipeline.Default.Run(doc.Text);
                var info = new DocumentInfo
                {
                    Id = sha[..16],
                    Sha256 = sha,
                    Title = $"Generated document {i}",
                    Date = (2000 + (i % 25)).ToString(CultureInfo.InvariantCulture),
                    Source = $"source-{i % 20:D2}",
                    Format = "txt",
                    Language = analysis.Language,
                    Languages = analysis.Languages,
                    Chars = analysis.Chars,
                    Words = analysis.Words,
                    Han = analysis.Han,
                    Bytes = bytes.Length,
                    Paths = [$"generated/doc{i:D7}.txt"],
                };
                var document = new AnalyzedDocument(info, new DocumentContent(doc.Text, analysis.Normalized, analysis.Paragraphs, []));
                index.Upsert(document);
                analyzed[j] = document;
            });
            var writes = analyzed.Select(d => (StoreWrite)new NewDocumentWrite(d, d.Info.Paths[0], d.Info.Bytes, 0)).ToList();
            var ids = store.Commit(writes).Select(w => w.Id).ToList();
            index.Commit();
            store.MarkIndexed(ids);
            if ((start / Chunk) % 10 == 0)
            {
                Console.WriteLine($"  {start + count:N0} documents, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }

        Console.WriteLine($"web: {docs:N0} documents stored and indexed in {clock.Elapsed.TotalSeconds:F1} s");
        return new { reused = false, seconds = Report.Round(clock.Elapsed.TotalSeconds, 1) };
    }

    private static string[] Queries()
    {
        static string Q(string word) => word.Contains(' ', StringComparison.Ordinal) ? $"\"{word}\"" : word;
        var queries = new List<string>();
        queries.AddRange(Vocabulary.EnglishCommon.Take(120).Select(Q));
        queries.AddRange(Vocabulary.ChineseCommon.Take(80).Select(Q));
        queries.AddRange(Vocabulary.EnglishRare.Take(40).Select(Q));
        queries.AddRange(Vocabulary.ChineseRare.Take(40).Select(Q));
        queries.AddRange(["\"national security\"", "security AND development", "国家安全", "安全 AND 发展", "technology OR innovation", "supply NOT chain"]);
        return [.. queries];
    }

    /// <summary>
    /// Every distinct query's answer, as JSON lines, over several pages and filters: two builds (or an index with and
    /// read with and without its offsets, <c>--reanalyse</c>) must write the same file byte for byte.
    /// </summary>
    private static async Task<object> Dump(string data, string file, bool reanalyse)
    {
        var (_, key, _) = UserStore.Open(data, TimeProvider.System).AddKey("bench-dump", Roles.Viewer);
        await using var app = VigilWebApp.Build(new VigilWebOptions { DataDirectory = data, Urls = "http://127.0.0.1:0" });
        await app.StartAsync().ConfigureAwait(false);
        app.Services.GetRequiredService<WebWorkspace>().Index.ForceReanalysis = reanalyse;
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First().TrimEnd('/')), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        string[] variants = ["&pageSize=10", "&pageSize=10&page=3", "&pageSize=50&lang=en", "&pageSize=20&lang=zh&from=2005&to=2012-06",
            "&pageSize=10&source=source-07", "&pageSize=10&lang=zh-Hant"];
        var lines = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var q in Queries())
        {
            foreach (var variant in variants)
            {
                var url = "/api/search?q=" + Uri.EscapeDataString(q) + variant;
                using var response = await http.GetAsync(url).ConfigureAwait(false);
                lines.Add(url + "\t" + (int)response.StatusCode + "\t" + await response.Content.ReadAsStringAsync().ConfigureAwait(false));
            }
        }

        await app.StopAsync().ConfigureAwait(false);
        await File.WriteAllLinesAsync(file, lines).ConfigureAwait(false);
        Console.WriteLine($"web: {lines.Count:N0} answers written to {file} in {clock.Elapsed.TotalSeconds:F1} s");
        return new { dump = file, answers = lines.Count };
    }

    /// <summary>
    /// The search path without HTTP, one query at a time on one thread: every distinct query (top 10 with snippets) each
    /// way in turn, for several rounds; per way the least process CPU time of a round (the round least disturbed by
    /// other work on the machine), per query. Ratios are to the way before the index kept offsets (re-analysis, two look-ups per hit).
    /// </summary>
    private static object SearchPath(string data)
    {
        const int Rounds = 6;
        using var workspace = WebWorkspace.Open(data, TimeProvider.System);
        var index = workspace.Index;
        var store = workspace.Store;
        var catalogue = new SearchCatalogue(workspace);
        if (index.MarksNeedReindex())
        {
            Console.WriteLine("web: this index was written by an older Vigil (offsets in term vectors, or none); 'vigil reindex' (or a fresh --data) measures the way it is written now");
        }

        var requests = Queries().Select(q => new Core.Search.SearchRequest { Query = q, Limit = 10 }).ToArray();
        var ways = new (string Name, Action<Core.Search.SearchRequest> Run)[]
        {
            ("ranking only (BM25 top 10, ids)", r => index.SearchIds(r.Query, r.Limit)),
            ("re-analysis + 2 look-ups per hit (before)", r => { index.ForceReanalysis = true; index.Search(r, store.GetContent, store.Get); }),
            ("offsets from the index + 2 look-ups per hit", r => { index.ForceReanalysis = false; index.Search(r, store.GetContent, store.Get); }),
            ("offsets from the index + catalogue cache (server)", r => { index.ForceReanalysis = false; index.Search(r, store.GetContent, catalogue.At(index.Generation())); }),
        };
        var best = new double[ways.Length];
        Array.Fill(best, double.MaxValue);
        using var process = Process.GetCurrentProcess();
        for (var round = 0; round <= Rounds; round++)
        {
            for (var w = 0; w < ways.Length; w++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                foreach (var request in requests)
                {
                    ways[w].Run(request);
                }

                process.Refresh();
                if (round > 0)
                {
                    // Round 0 warms the JIT, the OS cache and the catalogue.
                    best[w] = Math.Min(best[w], (process.TotalProcessorTime - cpu).TotalMilliseconds / requests.Length);
                }
            }
        }

        index.ForceReanalysis = false;
        var before = best[1];
        var rows = ways.Select((w, i) => new { way = w.Name, cpuMsPerSearch = Report.Round(best[i], 3), speedup = Report.Round(before / best[i], 2) }).ToList();
        Report.Table($"web --path: one search (top 10 with snippets) over the stored documents, least CPU of {Rounds} rounds of {requests.Length} queries",
            ["way", "CPU ms/search", "before ÷ this"],
            rows.Select(r => (IReadOnlyList<string>)[r.way, Report.F(r.cpuMsPerSearch, 3), Report.Ratio(r.speedup)]));
        var loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;
        Console.WriteLine($"load average {loadAverage}");
        return new { rounds = Rounds, queries = requests.Length, rows, loadAverage };
    }

    private static async Task<object> Load(string data, BenchOptions options, int docs)
    {
        var (_, key, _) = UserStore.Open(data, TimeProvider.System).AddKey("bench", Roles.Viewer);
        await using var app = VigilWebApp.Build(new VigilWebOptions { DataDirectory = data, Urls = "http://127.0.0.1:0" });
        await app.StartAsync().ConfigureAwait(false);
        var baseUrl = app.Urls.First().TrimEnd('/');
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var queries = Queries();
        var urls = queries.Select(q => "/api/search?pageSize=10&q=" + Uri.EscapeDataString(q)).ToArray();

        Console.WriteLine($"web: {options.Clients} clients, {queries.Length} distinct queries, {options.Warmup} s warm-up + {options.Seconds} s measured on {baseUrl}");
        var clock = Stopwatch.StartNew();
        using var process = Process.GetCurrentProcess();
        var cpuAtStart = TimeSpan.Zero;
        var gcAtStart = GcSnapshot.Now();
        var cpuTimer = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Warmup)).ConfigureAwait(false);
            process.Refresh();
            cpuAtStart = process.TotalProcessorTime;
            gcAtStart = GcSnapshot.Now();
        });
        var measureFrom = TimeSpan.FromSeconds(options.Warmup);
        var end = measureFrom + TimeSpan.FromSeconds(options.Seconds);
        var errors = 0;
        var perClient = await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async client =>
        {
            var rng = new Random(options.Seed + client);
            var latencies = new List<double>();
            while (clock.Elapsed < end)
            {
                var url = urls[rng.Next(urls.Length)];
                var started = clock.Elapsed;
                try
                {
                    using var response = await http.GetAsync(url).ConfigureAwait(false);
                    await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }

                if (started >= measureFrom)
                {
                    latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                }
            }

            return latencies;
        })).ConfigureAwait(false);
        await cpuTimer.ConfigureAwait(false);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuAtStart;
        var gc = GcSnapshot.Now().Since(gcAtStart);
        var (catalogueHits, catalogueMisses) = app.Services.GetRequiredService<SearchCatalogue>().Counts;
        await app.StopAsync().ConfigureAwait(false);

        var all = perClient.SelectMany(l => l).Order().ToList();
        var throughput = all.Count / (double)options.Seconds;
        var row = new
        {
            clients = options.Clients,
            seconds = options.Seconds,
            requests = all.Count,
            errors,
            throughputPerSecond = Report.Round(throughput, 1),
            p50Ms = Report.Round(Report.Percentile(all, 50), 2),
            p90Ms = Report.Round(Report.Percentile(all, 90), 2),
            p99Ms = Report.Round(Report.Percentile(all, 99), 2),
            maxMs = Report.Round(all.Count > 0 ? all[^1] : double.NaN, 2),

            // Process CPU (server and clients) per request: on a busy shared machine latency also measures the other
            // processes; this does not. Cores ÷ this is the throughput an idle machine could reach.
            cpuMsPerRequest = Report.Round(all.Count > 0 ? cpu.TotalMilliseconds / all.Count : double.NaN, 3),
            catalogueHitRate = Report.Round(catalogueHits / (double)Math.Max(1, catalogueHits + catalogueMisses), 3),
            loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null,
            serverGc = System.Runtime.GCSettings.IsServerGC,
            gc = gc.ToJson(all.Count, options.Seconds),
        };
        Print($"web: GET /api/search (top 10 with snippets) over {docs:N0} documents, {options.Clients} concurrent clients", ["clients", "CPU ms/req"],
            new LoadLine(row.clients, row.requests, row.errors, row.throughputPerSecond, row.p50Ms, row.p90Ms, row.p99Ms, row.maxMs, row.cpuMsPerRequest,
                row.loadAverage, row.catalogueHitRate, row.serverGc), gc.Describe(all.Count, options.Seconds, "server and clients"));
        return row;
    }

    /// <summary>
    /// The same load from Debian's <c>wrk</c> (apt-get install wrk): a C load generator in its own process, so the
    /// clients cost far less CPU than .NET's HttpClient in this one and the process CPU measured is the server's alone.
    /// The queries are the same, drawn at random (seeded) by a Lua script per request.
    /// </summary>
    private static async Task<object> LoadWithWrk(string data, BenchOptions options, int docs)
    {
        const string Wrk = "/usr/bin/wrk";
        if (!File.Exists(Wrk))
        {
            throw new ArgumentException("--wrk needs Debian's wrk: apt-get install wrk");
        }

        var (_, key, _) = UserStore.Open(data, TimeProvider.System).AddKey("bench-wrk", Roles.Viewer);
        await using var app = VigilWebApp.Build(new VigilWebOptions { DataDirectory = data, Urls = "http://127.0.0.1:0" });
        await app.StartAsync().ConfigureAwait(false);
        var baseUrl = app.Urls.First().TrimEnd('/');
        var queries = Queries();
        var script = Path.Combine(Path.GetTempPath(), $"vigil-bench-wrk-{Environment.ProcessId}.lua");

        // Escaped paths are plain ASCII without quotes or backslashes, so they sit safely in Lua strings.
        var lua = new StringBuilder();
        lua.Append(CultureInfo.InvariantCulture, $"math.randomseed({options.Seed})\n");
        lua.Append(CultureInfo.InvariantCulture, $"wrk.headers[\"X-Api-Key\"] = \"{key}\"\n");
        lua.Append("local paths = {\n");
        foreach (var q in queries)
        {
            lua.Append(CultureInfo.InvariantCulture, $"  \"/api/search?pageSize=10&q={Uri.EscapeDataString(q)}\",\n");
        }

        lua.Append("}\nrequest = function()\n  return wrk.format(\"GET\", paths[math.random(#paths)])\nend\n");
        await File.WriteAllTextAsync(script, lua.ToString()).ConfigureAwait(false);
        Console.WriteLine($"web: wrk, {options.Clients} connections, {queries.Length} distinct queries, {options.Warmup} s warm-up + {options.Seconds} s measured on {baseUrl}");
        try
        {
            if (options.Warmup > 0)
            {
                await RunWrk(Wrk, script, baseUrl, options.Clients, options.Warmup).ConfigureAwait(false);
            }

            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuAtStart = process.TotalProcessorTime;
            var gcAtStart = GcSnapshot.Now();
            var output = await RunWrk(Wrk, script, baseUrl, options.Clients, options.Seconds).ConfigureAwait(false);
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuAtStart;
            var gc = GcSnapshot.Now().Since(gcAtStart);
            var (catalogueHits, catalogueMisses) = app.Services.GetRequiredService<SearchCatalogue>().Counts;
            await app.StopAsync().ConfigureAwait(false);

            var parsed = WrkOutput.Parse(output);
            var row = new
            {
                clients = options.Clients,
                seconds = options.Seconds,
                requests = parsed.Requests,
                errors = parsed.Errors,
                throughputPerSecond = Report.Round(parsed.RequestsPerSecond, 1),
                p50Ms = Report.Round(parsed.Percentile(50), 2),
                p75Ms = Report.Round(parsed.Percentile(75), 2),
                p90Ms = Report.Round(parsed.Percentile(90), 2),
                p99Ms = Report.Round(parsed.Percentile(99), 2),
                maxMs = Report.Round(parsed.MaxMs, 2),
                serverCpuMsPerRequest = Report.Round(parsed.Requests > 0 ? cpu.TotalMilliseconds / parsed.Requests : double.NaN, 3),
                catalogueHitRate = Report.Round(catalogueHits / (double)Math.Max(1, catalogueHits + catalogueMisses), 3),
                loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null,
                serverGc = System.Runtime.GCSettings.IsServerGC,
                gc = gc.ToJson(parsed.Requests, options.Seconds),
                wrk = output,
            };
            Print($"web (wrk): GET /api/search (top 10 with snippets) over {docs:N0} documents, {options.Clients} connections", ["connections", "server CPU ms/req"],
                new LoadLine(row.clients, row.requests, row.errors, row.throughputPerSecond, row.p50Ms, row.p90Ms, row.p99Ms, row.maxMs, row.serverCpuMsPerRequest,
                    row.loadAverage, row.catalogueHitRate, row.serverGc), gc.Describe(parsed.Requests, options.Seconds, "server"));
            return row;
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>One load run's figures as both ways print them.</summary>
    private sealed record LoadLine(int Clients, long Requests, long Errors, double Throughput, double P50, double P90, double P99, double Max, double CpuMs,
        string? LoadAverage, double CatalogueHitRate, bool ServerGc);

    /// <summary>The load table (<paramref name="columns"/>: the clients' and the CPU column's names), the cache and GC lines, and the verdict.</summary>
    private static void Print(string title, string[] columns, LoadLine l, string gcLine)
    {
        Report.Table(title, [columns[0], "requests", "errors", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", columns[1], "load avg"],
            [[l.Clients.ToString(CultureInfo.InvariantCulture), l.Requests.ToString("N0", CultureInfo.InvariantCulture), l.Errors.ToString(CultureInfo.InvariantCulture),
              Report.F(l.Throughput, 1), Report.F(l.P50, 2), Report.F(l.P90, 2), Report.F(l.P99, 2), Report.F(l.Max, 1), Report.F(l.CpuMs, 2), l.LoadAverage ?? "?"]]);
        Console.WriteLine($"catalogue entries from memory: {l.CatalogueHitRate:P1} of look-ups (warm-up included)");
        Console.WriteLine(gcLine);
        Verdict(l.P99, l.ServerGc);
    }

    private static async Task<string> RunWrk(string wrk, string script, string baseUrl, int connections, int seconds)
    {
        var start = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "30s", "--latency", "-s", script, baseUrl + "/" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
        }

        return await stdout.ConfigureAwait(false);
    }

    /// <summary>Which collector ran (what <c>./vigil serve</c> uses is the server one) and whether the issue's target is met.</summary>
    private static void Verdict(double p99Ms, bool serverGc)
    {
        Console.WriteLine(serverGc ? "garbage collector: server (as ./vigil serve runs)"
            : "garbage collector: workstation — ./vigil serve runs with DOTNET_gcServer=1; set it here too to measure what it serves");
        Console.WriteLine($"target p99 < 100 ms: {(p99Ms < 100 ? "met" : "NOT met")}");
    }
}

/// <summary>The garbage collector's counters at one moment, to report what a measured window cost it.</summary>
internal readonly record struct GcSnapshot(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcSnapshot Now() => new(GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0), GC.CollectionCount(1),
        GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public GcSnapshot Since(GcSnapshot start) =>
        new(AllocatedBytes - start.AllocatedBytes, Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, Paused - start.Paused);

    public object ToJson(long requests, int seconds) => new
    {
        allocatedKbPerRequest = Report.Round(requests > 0 ? AllocatedBytes / 1024.0 / requests : double.NaN, 1),
        collections = new { gen0 = Gen0, gen1 = Gen1, gen2 = Gen2 },
        pausedMs = Report.Round(Paused.TotalMilliseconds, 1),
        pausedShare = Report.Round(Paused.TotalSeconds / Math.Max(1, seconds), 4),
    };

    public string Describe(long requests, int seconds, string who) => string.Create(CultureInfo.InvariantCulture,
        $"garbage collection ({who}): {(requests > 0 ? AllocatedBytes / 1024.0 / requests : double.NaN):F1} KB allocated per request; {Gen0:N0} gen-0, {Gen1:N0} gen-1, {Gen2:N0} gen-2 collections; paused {Paused.TotalMilliseconds:N0} ms ({Paused.TotalSeconds / Math.Max(1, seconds):P1} of the window)");
}
