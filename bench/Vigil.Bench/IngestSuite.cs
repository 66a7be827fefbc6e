using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Vigil.Core.Analysis;
using Vigil.Core.Ingestion;
using Vigil.Formats;
using Vigil.Search.Lucene;
using Vigil.Storage.Sqlite;

namespace Vigil.Bench;

/// <summary>
/// Ingest throughput: Vigil's full ingest (hash, parse, normalise, analyse, SQLite store, Lucene index) of D
/// generated .txt files into a fresh data directory, against the sqlite3 CLI building an FTS5 index over the
/// same files in one transaction.
/// </summary>
internal static class IngestSuite
{
    public static object Run(BenchOptions options)
    {
        var docs = options.Docs ?? 20_000;
        var temp = Report.MakeTemp(options, "ingest");
        try
        {
            var docsDir = Path.Combine(temp, "docs");
            Console.WriteLine($"ingest: writing {docs:N0} generated .txt files (seed {options.Seed}) to {docsDir} (not timed)...");
            var files = WriteCorpus(new CorpusGenerator(options.Seed), docs, docsDir);
            var bytes = files.Sum(f => new FileInfo(f).Length);
            var mb = bytes / 1e6;
            Console.WriteLine($"  {files.Count:N0} files, {mb:F1} MB");

            var vigil = RunVigil(options, temp, docsDir);
            var fts = RunFts5(temp, files, "unicode61", "fts5(body)");
            var trigram = RunFts5(temp, files, "trigram", "fts5(body, tokenize='trigram')");

            var breakdown = IngestBreakdown.Run(options, files, temp);

            var vigilMbs = mb / vigil.Seconds;
            var ftsMbs = mb / fts.Seconds;
            var triMbs = mb / trigram.Seconds;
            Report.Table($"ingest — {docs:N0} docs, {mb:F1} MB (ratio = Vigil MB/s ÷ baseline MB/s; >1 means Vigil is faster)",
                ["system", "seconds", "docs/s", "MB/s", "Vigil ÷ this", "peak RSS", "on disk"],
                [
                    ["Vigil ingest (" + vigil.How + ")", Report.F(vigil.Seconds, 2), Report.F(docs / vigil.Seconds, 0), Report.F(vigilMbs, 2), "×1.00", Report.Mb(vigil.PeakRss), Report.Mb(vigil.DiskBytes)],
                    ["sqlite3 FTS5 (unicode61) [baseline]", Report.F(fts.Seconds, 2), Report.F(docs / fts.Seconds, 0), Report.F(ftsMbs, 2), Report.Ratio(vigilMbs / ftsMbs), Report.Mb(fts.PeakRss), Report.Mb(fts.DiskBytes)],
                    ["sqlite3 FTS5 (trigram) [extra]", Report.F(trigram.Seconds, 2), Report.F(docs / trigram.Seconds, 0), Report.F(triMbs, 2), Report.Ratio(vigilMbs / triMbs), Report.Mb(trigram.PeakRss), Report.Mb(trigram.DiskBytes)],
                ]);
            if (vigil.Detail is not null)
            {
                Console.WriteLine($"  Vigil's own report: {vigil.Detail}");
            }

            return new
            {
                suite = "ingest",
                machine = Report.Machine(),
                docs,
                seed = options.Seed,
                bytes,
                method = "wall time of each process (Stopwatch); files were just written, so both read from the page cache; MB = 10^6 bytes",
                vigil = new
                {
                    how = vigil.How,
                    seconds = Report.Round(vigil.Seconds),
                    docsPerSecond = Report.Round(docs / vigil.Seconds, 1),
                    mbPerSecond = Report.Round(vigilMbs),
                    peakRssBytes = vigil.PeakRss,
                    diskBytes = vigil.DiskBytes,
                    report = vigil.Detail,
                },
                fts5 = Describe(fts, docs, mb),
                fts5Trigram = Describe(trigram, docs, mb),
                ratioVsFts5 = Report.Round(vigilMbs / ftsMbs),
                ratioVsFts5Trigram = Report.Round(vigilMbs / triMbs),
                breakdown,
                peakWorkingSetBytes = Report.PeakWorkingSet(),
            };
        }
        finally
        {
            Report.RemoveTemp(options, temp);
        }
    }

    private sealed record Timed(string How, double Seconds, long PeakRss, long DiskBytes, string? Detail);

    private static object Describe(Timed t, int docs, double mb) => new
    {
        how = t.How,
        seconds = Report.Round(t.Seconds),
        docsPerSecond = Report.Round(docs / t.Seconds, 1),
        mbPerSecond = Report.Round(mb / t.Seconds),
        peakRssBytes = t.PeakRss,
        diskBytes = t.DiskBytes,
    };

    public static List<string> WriteCorpus(CorpusGenerator generator, int docs, string dir)
    {
        var files = new string[docs];
        var utf8 = new UTF8Encoding(false);
        Parallel.For(0, docs, i =>
        {
            var sub = Path.Combine(dir, (i / 1000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(sub);
            var path = Path.Combine(sub, $"doc{i:D7}.txt");
            File.WriteAllText(path, generator.Generate(i).Text, utf8);
            files[i] = path;
        });
        return [.. files];
    }

    private static Timed RunVigil(BenchOptions options, string temp, string docsDir)
    {
        var data = Path.Combine(temp, "vigil-data");
        var launcher = Path.Combine(Report.RepoRoot, "vigil");
        var dll = Path.Combine(Report.RepoRoot, ".vigil-build", "vigil.dll");
        if (!options.InProcess && File.Exists(launcher))
        {
            // Let the launcher build (or confirm) the CLI first, outside the timing.
            var build = Child.Run(launcher, ["--help"]);
            if (build.ExitCode == 0 && File.Exists(dll))
            {
                Console.WriteLine("  Vigil: timing the built CLI as a child process (dotnet .vigil-build/vigil.dll ingest --json)...");
                var run = Child.Run("dotnet", [dll, "--data", data, "ingest", docsDir, "--json"]);
                if (run.ExitCode != 0)
                {
                    throw new InvalidOperationException($"vigil ingest failed ({run.ExitCode}): {run.Stderr}{run.Stdout}");
                }

                string? detail = null;
                try
                {
                    using var json = JsonDocument.Parse(run.Stdout);
                    var r = json.RootElement;
                    detail = $"ingested {r.GetProperty("ingested")}, failed {r.GetProperty("failed").GetArrayLength()}, "
                        + $"{r.GetProperty("seconds")} s inside IngestAsync (the rest of the wall time is process start-up and shutdown)";
                }
                catch (JsonException)
                {
                    detail = run.Stdout.Trim();
                }

                return new Timed("CLI child process", run.Seconds, run.PeakRssBytes, Report.DirectorySize(data), detail);
            }

            Console.WriteLine($"  ./vigil did not build ({build.ExitCode}); falling back to in-process ingest.");
        }

        Console.WriteLine("  Vigil: timing Ingestor.IngestAsync in-process...");
        var clock = Stopwatch.StartNew();
        IngestReport report;
        using (var store = SqliteDocumentStore.Open(data))
        using (var index = LuceneSearchIndex.Open(data))
        {
            var ingestor = new Ingestor(store, index, new ParserRegistry(), AnalysisPipeline.Default, TimeProvider.System);
            report = ingestor.IngestAsync([docsDir], new IngestOptions(), null, CancellationToken.None).GetAwaiter().GetResult();
        }

        clock.Stop();
        return new Timed("in-process", clock.Elapsed.TotalSeconds, Report.PeakWorkingSet(), Report.DirectorySize(data),
            $"ingested {report.Ingested}, failed {report.Failed.Count}");
    }

    private static Timed RunFts5(string temp, List<string> files, string name, string table)
    {
        var db = Path.Combine(temp, $"fts5-{name}.db");
        var script = Path.Combine(temp, $"fts5-{name}.sql");
        var sb = new StringBuilder();
        sb.AppendLine(".bail on");
        sb.AppendLine("BEGIN;");
        sb.AppendLine($"CREATE VIRTUAL TABLE d USING {table};");
        foreach (var f in files)
        {
            sb.Append("INSERT INTO d(body) VALUES (CAST(readfile('").Append(f.Replace("'", "''", StringComparison.Ordinal)).AppendLine("') AS TEXT));");
        }

        sb.AppendLine("COMMIT;");
        File.WriteAllText(script, sb.ToString(), new UTF8Encoding(false));
        Console.WriteLine($"  FTS5 ({name}): timing sqlite3 {Path.GetFileName(db)} \".read {Path.GetFileName(script)}\"...");
        var run = Child.Run("sqlite3", [db, $".read {script}"]);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"sqlite3 failed ({run.ExitCode}): {run.Stderr}");
        }

        var check = Child.Run("sqlite3", [db, "SELECT count(*) FROM d;"]);
        var rows = check.Stdout.Trim();
        if (rows != files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"FTS5 table holds {rows} rows, expected {files.Count}");
        }

        return new Timed($"sqlite3 {table}", run.Seconds, run.PeakRssBytes, new FileInfo(db).Length, null);
    }
}
