using System.Diagnostics;
using System.Security.Cryptography;
using Vigil.Core.Analysis;
using Vigil.Core.Documents;
using Vigil.Core.Storage;
using Vigil.Core.Text;
using Vigil.Formats;
using Vigil.Search.Lucene;
using Vigil.Storage.Sqlite;

namespace Vigil.Bench;

/// <summary>
/// Where ingest time goes: the stages of <c>Ingestor</c> replayed one by one on a sample of the files, on one
/// thread, each timed separately (a diagnosis, not a baseline).
/// </summary>
internal static class IngestBreakdown
{
    private static readonly string[] StageNames = ["read file", "SHA-256", "parse (txt)", "normalise", "step: language", "step: statistics", "SQLite store commit", "Lucene Upsert (fold + analyse)", "Lucene commit"];

    public static object Run(BenchOptions options, IReadOnlyList<string> files, string temp)
    {
        var sample = files.Take(Math.Min(files.Count, 4000)).ToList();
        Console.WriteLine($"  breakdown: replaying the ingest stages one by one on {sample.Count:N0} files, 1 thread...");
        // Warm-up pass into a throw-away directory so every stage runs tier-1 JIT code (Lucene's indexing
        // chain needs a thousand or so documents to get there).
        Replay(sample.Take(Math.Min(1000, sample.Count)).ToList(), Path.Combine(temp, "breakdown-warmup"));
        var ticks = Replay(sample, Path.Combine(temp, "breakdown"));
        var bytes = sample.Sum(f => new FileInfo(f).Length);
        var total = ticks.Sum();
        var rows = new List<IReadOnlyList<string>>();
        var stages = new List<object>();
        for (var s = 0; s < StageNames.Length; s++)
        {
            var ms = ticks[s] * 1000.0 / Stopwatch.Frequency;
            rows.Add([StageNames[s], Report.F(ms * 1000 / sample.Count, 1), Report.F(100.0 * ticks[s] / total, 1) + "%"]);
            stages.Add(new { stage = StageNames[s], microsecondsPerDoc = Report.Round(ms * 1000 / sample.Count, 1), share = Report.Round((double)ticks[s] / total, 4) });
        }

        var seconds = (double)total / Stopwatch.Frequency;
        rows.Add(["total", Report.F(seconds * 1e6 / sample.Count, 1), "100%"]);
        Report.Table($"ingest stages — {sample.Count:N0} files on 1 thread: µs per document (implies {sample.Count / seconds:F0} docs/s, {bytes / 1e6 / seconds:F2} MB/s per core)",
            ["stage", "µs/doc", "share"], rows);
        return new { files = sample.Count, bytes, docsPerSecondOneCore = Report.Round(sample.Count / seconds, 1), mbPerSecondOneCore = Report.Round(bytes / 1e6 / seconds), stages };
    }

    private static long[] Replay(List<string> files, string data)
    {
        var t = new long[StageNames.Length];
        var parser = new ParserRegistry();
        var limits = new ParseLimits();
        var steps = AnalysisPipeline.Default.Steps;
        using var store = SqliteDocumentStore.Open(data);
        using var index = LuceneSearchIndex.Open(data);
        var batch = new List<StoreWrite>();
        foreach (var path in files)
        {
            var c = Stopwatch.GetTimestamp();
            var bytes = File.ReadAllBytes(path);
            c = Lap(t, 0, c);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            c = Lap(t, 1, c);
            var parsed = parser.Parse(bytes, path, limits, CancellationToken.None).Document ?? throw new InvalidOperationException($"cannot parse {path}");
            c = Lap(t, 2, c);
            var context = new AnalysisContext(parsed.Text, TextNormalizer.Default.Normalize(parsed.Text));
            c = Lap(t, 3, c);
            steps[0].Apply(context);
            c = Lap(t, 4, c);
            steps[1].Apply(context);
            c = Lap(t, 5, c);
            var info = new DocumentInfo
            {
                Id = sha[..16],
                Sha256 = sha,
                Format = parsed.Format,
                Encoding = parsed.Encoding,
                Language = context.Language,
                Languages = context.Languages,
                Chars = context.Chars,
                Words = context.Words,
                Han = context.Han,
                Bytes = bytes.Length,
                Paths = [path],
                IngestedAt = "2025-01-01T00:00:00Z",
            };
            var doc = new AnalyzedDocument(info, new DocumentContent(parsed.Text, context.Normalized, context.Paragraphs, parsed.PageStarts));
            batch.Add(new NewDocumentWrite(doc, path, bytes.Length, 0));
            if (batch.Count == 64)
            {
                c = Stopwatch.GetTimestamp();
                store.Commit(batch);
                batch.Clear();
                c = Lap(t, 6, c);
            }

            c = Stopwatch.GetTimestamp();
            index.Upsert(doc);
            Lap(t, 7, c);
        }

        var e = Stopwatch.GetTimestamp();
        if (batch.Count > 0)
        {
            store.Commit(batch);
        }

        e = Lap(t, 6, e);
        index.Commit();
        Lap(t, 8, e);
        return t;
    }

    private static long Lap(long[] t, int stage, long start)
    {
        var now = Stopwatch.GetTimestamp();
        t[stage] += now - start;
        return now;
    }
}
