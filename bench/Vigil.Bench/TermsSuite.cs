using System.Diagnostics;
using System.Text;
using Vigil.Core.Terms;
using Vigil.Core.Text;

namespace Vigil.Bench;

/// <summary>
/// Multi-term counting throughput: <see cref="TermCounter.CountFolded"/> over one folded text, single thread,
/// against GNU <c>grep -F -f</c> over the same text written as UTF-8 (same patterns, C locale).
/// </summary>
internal static class TermsSuite
{
    private const int Runs = 3;

    public static object Run(BenchOptions options)
    {
        var docs = options.Docs ?? 100_000;
        var generator = new CorpusGenerator(options.Seed);
        Console.WriteLine($"terms: generating {docs:N0} documents (seed {options.Seed}), normalising and folding (not timed)...");
        var prep = Stopwatch.StartNew();
        var folded = FoldedCorpus(generator, docs);
        prep.Stop();
        Console.WriteLine($"  prepared {folded.Length:N0} UTF-16 chars in {prep.Elapsed.TotalSeconds:F1} s");

        var sets = TermLists(options.Seed);
        var temp = Report.MakeTemp(options, "terms");
        try
        {
            var synthetic = Measure("synthetic", folded, sets, temp);
            object? real = null;
            var realDir = Path.GetFullPath(Path.Combine(Report.RepoRoot, "..", "shared", "corpus", "cpc-congress-reports"));
            var realFiles = Directory.Exists(realDir) ? Directory.GetFiles(realDir, "*.txt").Order(StringComparer.Ordinal).ToArray() : [];
            if (realFiles.Length == 0)
            {
                Console.WriteLine($"\nreal corpus: {realDir}/*.txt not found; skipped.");
            }
            else
            {
                var (realText, copies, originalBytes) = RealCorpus(realFiles);
                Console.WriteLine($"\nreal corpus: {realFiles.Length} files, {originalBytes:N0} bytes of UTF-8 after normalising; repeated ×{copies} "
                    + "so each timing covers tens of MB (grep's process start would otherwise dominate).");
                real = Measure("real (cpc-congress-reports)", realText, sets, temp);
            }

            return new
            {
                suite = "terms",
                machine = Report.Machine(),
                docs,
                seed = options.Seed,
                method = "TermCounter.CountFolded over one folded string, 1 thread, best of 3 after a warm-up; grep -F (LC_ALL=C) on the same folded text as UTF-8, best of 3; MB = 10^6 bytes of UTF-8",
                synthetic,
                real,
                peakWorkingSetBytes = Report.PeakWorkingSet(),
            };
        }
        finally
        {
            Report.RemoveTemp(options, temp);
        }
    }

    /// <summary>The 1-term and 500-term lists (deterministic for a seed).</summary>
    public static List<(string Name, string[] Terms)> TermLists(int seed)
    {
        var rng = new SplitMix64((ulong)(uint)seed ^ 0x5EED_7E55UL);
        var english = Pick(["security", "national security", "development"],
            Vocabulary.EnglishCommon.Skip(40).Concat(Vocabulary.EnglishRare).Where(w => !w.Contains(' ', StringComparison.Ordinal)).ToList(),
            220, 250, " ", ref rng);
        var chinese = Pick(["安全", "国家安全", "发展"],
            Vocabulary.ChineseCommon.Where(w => w.Length >= 2).Concat(Vocabulary.ChineseRare).ToList(),
            220, 250, "", ref rng);
        return
        [
            ("1 term: security", ["security"]),
            ("1 term: 安全", ["安全"]),
            ("500 terms (250 en + 250 zh)", [.. english, .. chinese]),
        ];
    }

    private static List<string> Pick(string[] required, List<string> pool, int singles, int total, string joiner, ref SplitMix64 rng)
    {
        var list = new List<string>(required);
        var seen = new HashSet<string>(required, StringComparer.Ordinal);
        var order = pool.ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        foreach (var w in order)
        {
            if (list.Count >= singles)
            {
                break;
            }

            if (seen.Add(w))
            {
                list.Add(w);
            }
        }

        // Phrases: two vocabulary words, the first from the commoner half so some of them occur.
        while (list.Count < total)
        {
            var a = pool[rng.Next(pool.Count / 2)];
            var b = pool[rng.Next(pool.Count)];
            var phrase = a + joiner + b;
            if (a != b && seen.Add(phrase))
            {
                list.Add(phrase);
            }
        }

        return list;
    }

    private static string FoldedCorpus(CorpusGenerator generator, int docs)
    {
        var normalized = new string[docs];
        Parallel.For(0, docs, i => normalized[i] = TextNormalizer.Default.Normalize(generator.Generate(i).Text).Text);
        var joined = string.Join('\n', normalized);
        return MatchFolding.Fold(joined);
    }

    private static (string Text, int Copies, long OriginalBytes) RealCorpus(string[] files)
    {
        var parts = files.Select(f => TextNormalizer.Default.Normalize(File.ReadAllText(f)).Text).ToArray();
        var one = MatchFolding.Fold(string.Join('\n', parts));
        var bytes = Encoding.UTF8.GetByteCount(one);
        var copies = (int)Math.Max(1, Math.Ceiling(64_000_000.0 / (bytes + 1)));
        var sb = new StringBuilder((one.Length + 1) * copies);
        for (var i = 0; i < copies; i++)
        {
            sb.Append(one).Append('\n');
        }

        return (sb.ToString(), copies, bytes);
    }

    private static object Measure(string label, string folded, List<(string Name, string[] Terms)> sets, string temp)
    {
        var textPath = Path.Combine(temp, "text.txt");
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(textPath, folded, utf8);
        var bytes = new FileInfo(textPath).Length;
        var mb = bytes / 1e6;
        Console.WriteLine($"\n[{label}] {mb:F1} MB of UTF-8 ({folded.Length:N0} UTF-16 chars)");

        var rows = new List<IReadOnlyList<string>>();
        var results = new List<object>();
        var cEnv = new Dictionary<string, string> { ["LC_ALL"] = "C" };
        foreach (var (name, terms) in sets)
        {
            var compile = Stopwatch.StartNew();
            var set = TermSet.Compile(terms);
            compile.Stop();

            var termsPath = Path.Combine(temp, "terms.txt");
            var patterns = set.Patterns.Select(p => p.Folded).Distinct(StringComparer.Ordinal).ToArray();
            File.WriteAllText(termsPath, string.Join('\n', patterns) + "\n", utf8);

            // Ours: let the scan loop reach tier-1 code (40 calls on a small slice, then a pause for the
            // background JIT), one full warm-up pass, then best of 3.
            var slice = folded.AsSpan(0, Math.Min(folded.Length, 200_000));
            for (var w = 0; w < 40; w++)
            {
                TermCounter.CountFolded(set, slice);
            }

            Thread.Sleep(300);
            var counts = TermCounter.CountFolded(set, folded);
            var ours = double.MaxValue;
            for (var r = 0; r < Runs; r++)
            {
                var clock = Stopwatch.StartNew();
                counts = TermCounter.CountFolded(set, folded);
                clock.Stop();
                ours = Math.Min(ours, clock.Elapsed.TotalSeconds);
            }

            var total = counts.Sum();
            string? sanity = null;
            long? independent = null;
            if (terms.Length == 1)
            {
                independent = IndependentCount(folded, MatchFolding.FoldQuery(terms[0]));
                sanity = independent == total ? "ok" : $"MISMATCH (ours {total}, independent {independent})";
            }

            // Not "> /dev/null": GNU grep notices that and stops at the first match. Piped to wc -l instead,
            // which also gives its (non-overlapping, boundary-blind) match count.
            var grepO = BestOf(() => Child.Run("/bin/sh", ["-c", "grep -F -o -f \"$0\" \"$1\" | wc -l", termsPath, textPath], env: cEnv));
            var grepC = BestOf(() => Child.Run("grep", ["-F", "-c", "-f", termsPath, textPath], env: cEnv));
            var oursMbs = mb / ours;
            var grepOMbs = mb / grepO.Seconds;
            var grepCMbs = mb / grepC.Seconds;
            rows.Add([name, Report.F(oursMbs, 0), Report.F(grepOMbs, 0), Report.Ratio(oursMbs / grepOMbs), Report.F(grepCMbs, 0),
                Report.Ratio(oursMbs / grepCMbs), total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), sanity ?? "-"]);
            results.Add(new
            {
                name,
                terms = terms.Length,
                patterns = patterns.Length,
                automata = set.Matcher.AutomatonCount,
                compileMs = Report.Round(compile.Elapsed.TotalMilliseconds),
                oursSeconds = Report.Round(ours, 4),
                oursMBps = Report.Round(oursMbs, 1),
                grepOSeconds = Report.Round(grepO.Seconds, 4),
                grepOMBps = Report.Round(grepOMbs, 1),
                grepOMatches = grepO.Stdout.Trim(),
                grepCSeconds = Report.Round(grepC.Seconds, 4),
                grepCMBps = Report.Round(grepCMbs, 1),
                grepCLines = grepC.Stdout.Trim(),
                ratioVsGrepO = Report.Round(oursMbs / grepOMbs),
                ratioVsGrepC = Report.Round(oursMbs / grepCMbs),
                occurrences = total,
                independentCount = independent,
                sanity,
            });
        }

        Report.Table($"terms [{label}] — {mb:F1} MB, MB/s per core (ratio = ours ÷ grep; >1 means Vigil is faster)",
            ["term set", "ours MB/s", "grep -o|wc MB/s", "ours/grep-o", "grep -c MB/s", "ours/grep-c", "occurrences", "sanity (1 term)"], rows);
        return new { label, utf8Bytes = bytes, chars = folded.Length, sets = results };
    }

    private static ChildRun BestOf(Func<ChildRun> run)
    {
        ChildRun? best = null;
        for (var r = 0; r < Runs; r++)
        {
            var result = run();
            if (result.ExitCode > 1 || result.Stderr.Length > 0)
            {
                throw new InvalidOperationException($"grep failed ({result.ExitCode}): {result.Stderr}");
            }

            if (best is null || result.Seconds < best.Seconds)
            {
                best = result;
            }
        }

        return best!;
    }

    /// <summary>
    /// A deliberately naive count: every (overlapping) ordinal occurrence; an alphabetic edge must not touch
    /// another letter or digit (char.IsLetterOrDigit, not Vigil's own CharClass), Han terms match anywhere.
    /// </summary>
    private static long IndependentCount(string text, string term)
    {
        var leftWord = char.IsAsciiLetterOrDigit(term[0]);
        var rightWord = char.IsAsciiLetterOrDigit(term[^1]);
        long count = 0;
        var at = 0;
        while ((at = text.IndexOf(term, at, StringComparison.Ordinal)) >= 0)
        {
            var end = at + term.Length;
            var ok = !(leftWord && at > 0 && IsWord(text[at - 1])) && !(rightWord && end < text.Length && IsWord(text[end]));
            if (ok)
            {
                count++;
            }

            at++;
        }

        return count;

        static bool IsWord(char c) => char.IsLetterOrDigit(c) && !(c >= '\u2E80');
    }
}
