using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vigil.Core.Analysis;
using Vigil.Core.Documents;
using Vigil.Core.Text;
using Vigil.Search.Lucene;

namespace Vigil.Bench;

/// <summary>
/// Search latency of the Lucene index (<see cref="LuceneSearchIndex.SearchIds"/>, top 10, BM25, one thread)
/// at one or more corpus sizes, for rare / medium / very common terms picked by their measured document
/// frequency, plus phrase and AND queries; the baseline is a brute-force scan of the same folded texts
/// held in memory.
/// </summary>
internal static class SearchSuite
{
    private const int Warmup = 20;

    private sealed record QuerySpec(string Label, string Lucene, string[] Needles, string Note);

    public static object Run(BenchOptions options)
    {
        var sizes = options.Sizes ?? [options.Docs ?? 100_000];
        var results = new List<object>();
        foreach (var size in sizes)
        {
            results.Add(RunSize(options, size));
        }

        return new
        {
            suite = "search",
            machine = Report.Machine(),
            seed = options.Seed,
            queriesPerKind = options.Queries,
            method = "Lucene: LuceneSearchIndex.SearchIds(query, 10) (parse + BM25 top 10 + stored ids), one thread, "
                + $"{Warmup} warm-up queries then N timed; baseline: brute-force ordinal IndexOf scan over all folded texts in memory "
                + "(one thread, full scan to count every match), median of a few runs",
            sizes = results,
            peakWorkingSetBytes = Report.PeakWorkingSet(),
        };
    }

    private static object RunSize(BenchOptions options, int docs)
    {
        var temp = Report.MakeTemp(options, $"search{docs}");
        try
        {
            var generator = new CorpusGenerator(options.Seed);
            var folded = new string[docs];
            long utf8Bytes = 0;
            Console.WriteLine($"\nsearch: indexing {docs:N0} generated documents into a fresh Lucene index ({Environment.ProcessorCount} threads: generate, analyse, Upsert)...");
            var clock = Stopwatch.StartNew();
            var done = 0;
            var step = Math.Max(1, docs / 10);
            using (var index = LuceneSearchIndex.Open(temp))
            {
                Parallel.For(0, docs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
                {
                    var doc = generator.Generate(i);
                    var analysis = AnalysisPipeline.Default.Run(doc.Text);
                    var bytes = Encoding.UTF8.GetByteCount(doc.Text);
                    Interlocked.Add(ref utf8Bytes, bytes);
                    var id = i.ToString("x8", CultureInfo.InvariantCulture);
                    var info = new DocumentInfo
                    {
                        Id = id,
                        Sha256 = id,
                        Format = "txt",
                        Language = analysis.Language,
                        Languages = analysis.Languages,
                        Chars = analysis.Chars,
                        Words = analysis.Words,
                        Han = analysis.Han,
                        Bytes = bytes,
                        Paths = [$"doc{i:D7}.txt"],
                    };
                    index.Upsert(new AnalyzedDocument(info, new DocumentContent(doc.Text, analysis.Normalized, analysis.Paragraphs, [])));
                    folded[i] = MatchFolding.Fold(analysis.Normalized.Text);
                    var n = Interlocked.Increment(ref done);
                    if (n % step == 0)
                    {
                        Console.WriteLine($"  {n:N0} docs, {clock.Elapsed.TotalSeconds:F0} s, {n / clock.Elapsed.TotalSeconds:F0} docs/s");
                    }
                });
                index.Commit();
            }

            clock.Stop();
            var indexSeconds = clock.Elapsed.TotalSeconds;
            var indexBytes = Report.DirectorySize(Path.Combine(temp, "index"));
            var segments = Directory.GetFiles(Path.Combine(temp, "index"), "*.si").Length;
            Console.WriteLine($"  indexed in {indexSeconds:F1} s ({docs / indexSeconds:F0} docs/s, {utf8Bytes / 1e6 / indexSeconds:F2} MB/s), "
                + $"index {Report.Mb(indexBytes)}, {segments} segments");

            using var search = LuceneSearchIndex.Open(temp);
            var dfClock = Stopwatch.StartNew();
            var (queries, dfTable) = PickQueries(search, docs);
            dfClock.Stop();
            Console.WriteLine($"  measured document frequency of {dfTable.Count} vocabulary terms in {dfClock.Elapsed.TotalSeconds:F1} s");

            var rows = new List<IReadOnlyList<string>>();
            var measured = new List<object>();
            var bruteRuns = docs >= 500_000 ? 3 : 5;
            foreach (var q in queries)
            {
                var (total, _) = search.SearchIds(q.Lucene, 10);
                for (var w = 0; w < Warmup; w++)
                {
                    search.SearchIds(q.Lucene, 10);
                }

                var gcPause = GC.GetTotalPauseDuration();
                var gen2 = GC.CollectionCount(2);
                var times = new List<double>(options.Queries);
                for (var r = 0; r < options.Queries; r++)
                {
                    var t = Stopwatch.GetTimestamp();
                    search.SearchIds(q.Lucene, 10);
                    times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }

                var gcPauseMs = (GC.GetTotalPauseDuration() - gcPause).TotalMilliseconds;
                gen2 = GC.CollectionCount(2) - gen2;
                times.Sort();
                var brute = new List<double>();
                var bruteTotal = 0;
                for (var r = 0; r < bruteRuns; r++)
                {
                    var t = Stopwatch.GetTimestamp();
                    bruteTotal = BruteForce(folded, q.Needles);
                    brute.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }

                brute.Sort();
                var p50 = Report.Percentile(times, 50);
                var p99 = Report.Percentile(times, 99);
                var bruteP50 = Report.Percentile(brute, 50);
                rows.Add([q.Label, q.Lucene, Report.F(100.0 * total / docs, 3) + "%", total.ToString("N0", CultureInfo.InvariantCulture),
                    Report.F(p50, 3), Report.F(p99, 3), Report.F(bruteP50, 1), Report.Ratio(bruteP50 / p50), Report.F(gcPauseMs, 1),
                    bruteTotal == total ? "=" : bruteTotal.ToString("N0", CultureInfo.InvariantCulture)]);
                measured.Add(new
                {
                    label = q.Label,
                    query = q.Lucene,
                    note = q.Note,
                    totalHits = total,
                    docFrequency = Report.Round((double)total / docs, 6),
                    p50Ms = Report.Round(p50, 4),
                    p90Ms = Report.Round(Report.Percentile(times, 90), 4),
                    p99Ms = Report.Round(p99, 4),
                    meanMs = Report.Round(times.Average(), 4),
                    maxMs = Report.Round(times[^1], 4),
                    gcPauseMsDuringTimedQueries = Report.Round(gcPauseMs, 3),
                    gen2CollectionsDuringTimedQueries = gen2,
                    bruteForceMedianMs = Report.Round(bruteP50, 3),
                    bruteForceRuns = bruteRuns,
                    bruteForceTotal = bruteTotal,
                    speedupVsBruteForce = Report.Round(bruteP50 / p50, 1),
                });
            }

            Report.Table($"search — {docs:N0} docs ({utf8Bytes / 1e6:F0} MB), {options.Queries} queries each after {Warmup} warm-up; latency in ms; "
                + "baseline = brute-force IndexOf scan of all folded texts in memory (speedup = brute p50 ÷ Lucene p50)",
                ["kind", "query", "DF", "hits", "p50 ms", "p99 ms", "brute ms", "speedup", "GC pause ms", "brute hits"], rows);
            foreach (var q in queries.Where(q => q.Note.Length > 0))
            {
                Console.WriteLine($"  note: {q.Label}: {q.Note}");
            }

            return new
            {
                docs,
                utf8Bytes,
                indexSeconds = Report.Round(indexSeconds, 2),
                indexDocsPerSecond = Report.Round(docs / indexSeconds, 1),
                indexMBPerSecond = Report.Round(utf8Bytes / 1e6 / indexSeconds),
                indexBytes,
                segments,
                dfMeasureSeconds = Report.Round(dfClock.Elapsed.TotalSeconds, 2),
                queries = measured,
                documentFrequencies = dfTable,
                peakWorkingSetBytes = Report.PeakWorkingSet(),
            };
        }
        finally
        {
            Report.RemoveTemp(options, temp);
        }
    }

    private static (List<QuerySpec> Queries, Dictionary<string, int> Df) PickQueries(LuceneSearchIndex search, int docs)
    {
        var en = Vocabulary.EnglishCommon.Skip(30).Concat(Vocabulary.EnglishRare).Where(w => !w.Contains(' ', StringComparison.Ordinal)).Distinct().ToList();
        var zh = Vocabulary.ChineseCommon.Where(w => w.Length == 2).Concat(Vocabulary.ChineseRare.Where(w => w.Length == 2)).Distinct().ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in en.Concat(zh))
        {
            df[term] = search.SearchIds(term, 1).Total;
        }

        var list = new List<QuerySpec>();
        foreach (var (lang, terms) in new[] { ("en", en), ("zh", zh) })
        {
            list.Add(Pick($"{lang} rare", terms, df, docs, 0, 0.001, 0.0005));
            list.Add(Pick($"{lang} medium", terms, df, docs, 0.01, 0.05, 0.025));
            list.Add(Pick($"{lang} very common", terms, df, docs, 0.30, 1.0, 0.45));
        }

        list.Add(new QuerySpec("en phrase", "\"national security\"", ["national security"], ""));
        list.Add(new QuerySpec("en AND", "security AND development", ["security", "development"], ""));
        list.Add(new QuerySpec("zh phrase (4 chars)", "国家安全", ["国家安全"], ""));
        list.Add(new QuerySpec("zh AND", "安全 AND 发展", ["安全", "发展"], ""));
        return (list, df);
    }

    private static QuerySpec Pick(string label, List<string> terms, Dictionary<string, int> df, int docs, double lo, double hi, double target)
    {
        var inBand = terms.Where(t => df[t] > 0 && df[t] < hi * docs && df[t] >= lo * docs).ToList();
        var pool = inBand.Count > 0 ? inBand : terms.Where(t => df[t] > 0).ToList();
        var best = pool.OrderBy(t => Math.Abs(Math.Log((double)df[t] / docs) - Math.Log(target))).ThenBy(t => t, StringComparer.Ordinal).First();
        var note = inBand.Count > 0 ? "" : $"no vocabulary term has DF in [{lo:P1}, {hi:P1}); took the nearest ({(double)df[best] / docs:P3})";
        return new QuerySpec(label, best, [best], note);
    }

    /// <summary>Documents containing every needle (ordinal; alphabetic edges on word boundaries).</summary>
    private static int BruteForce(string[] folded, string[] needles)
    {
        var count = 0;
        foreach (var text in folded)
        {
            var all = true;
            foreach (var needle in needles)
            {
                if (!Contains(text, needle))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                count++;
            }
        }

        return count;
    }

    private static bool Contains(string text, string needle)
    {
        var leftWord = char.IsAsciiLetterOrDigit(needle[0]);
        var rightWord = char.IsAsciiLetterOrDigit(needle[^1]);
        var at = 0;
        while ((at = text.IndexOf(needle, at, StringComparison.Ordinal)) >= 0)
        {
            var end = at + needle.Length;
            if (!(leftWord && at > 0 && char.IsAsciiLetterOrDigit(text[at - 1])) && !(rightWord && end < text.Length && char.IsAsciiLetterOrDigit(text[end])))
            {
                return true;
            }

            at++;
        }

        return false;
    }
}
