using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Vigil.Core.Segmentation;
using Vigil.Core.Statistics;
using Vigil.Core.Text;

namespace Vigil.Bench;

/// <summary>
/// Chinese segmentation throughput: <see cref="ChineseSegmenter.Segment"/> over one normalised text, single
/// thread, against two baselines timed in the same run on the same string: a plain forward-maximum-matching
/// segmenter over the same dictionary trie, and one pass of <c>MatchFolding.Fold</c>.
/// </summary>
internal static class SegmentSuite
{
    private const int Runs = 5;
    private const long TargetBytes = 32_000_000;

    public static object Run(BenchOptions options)
    {
        var load = Stopwatch.StartNew();
        var segmenter = ChineseSegmenter.Default;
        load.Stop();
        Console.WriteLine($"segment: dictionary loaded in {load.Elapsed.TotalMilliseconds:F0} ms (first use in this process: gunzip, parse, fold, build the trie); "
            + $"{segmenter.WordCount:N0} words, total frequency {segmenter.TotalFrequency:N0}");

        var realDir = Path.GetFullPath(Path.Combine(Report.RepoRoot, "..", "shared", "corpus", "cpc-congress-reports"));
        var realFiles = Directory.Exists(realDir) ? Directory.GetFiles(realDir, "*.txt").Order(StringComparer.Ordinal).ToArray() : [];
        string source, one;
        if (realFiles.Length > 0)
        {
            one = string.Join('\n', realFiles.Select(f => TextNormalizer.Default.Normalize(File.ReadAllText(f)).Text));
            source = $"real: {realFiles.Length} CPC congress reports ({realDir}), normalised";
        }
        else
        {
            one = Generated(options.Seed);
            source = $"generated: jieba dictionary words drawn by frequency (seed {options.Seed}), sentences of 8–20 words with ，and 。"
                + $" ({realDir}/*.txt not found)";
        }

        var bytesOne = Encoding.UTF8.GetByteCount(one);
        var copies = (int)Math.Max(1, Math.Ceiling(TargetBytes / (double)(bytesOne + 1)));
        var text = string.Join('\n', Enumerable.Repeat(one, copies));
        var mb = Encoding.UTF8.GetByteCount(text) / 1e6;
        var han = text.Count(CharClass.IsHan);
        Console.WriteLine($"  text: {source}; {bytesOne:N0} bytes of UTF-8, repeated ×{copies} = {mb:F1} MB ({text.Length:N0} UTF-16 chars, {100.0 * han / text.Length:F1}% Han)");

        var spans = new List<TokenSpan>(text.Length / 2);
        var baseline = new List<TokenSpan>(text.Length / 2);
        var folded = new char[text.Length];
        var dictionary = segmenter.Dictionary;
        var warm = one[..Math.Min(one.Length, 200_000)];

        // Each timed body runs 40 times on a slice first so the loops reach tier-1 code, then best of 5. Besides wall
        // time, the process's CPU time is taken: on a shared machine the thread can lose the core for a while.
        var ours = Time(warm, text, s => { spans.Clear(); segmenter.Segment(s, spans); });
        var fmm = Time(warm, text, s => { baseline.Clear(); ForwardMaximumMatching(dictionary, s, baseline); });
        var fold = Time(warm, text, s => MatchFolding.Fold(s, folded));
        var frequencies = Time(warm, text, s => new WordFrequencies().AddDocument(s), runs: 3);

        spans.Clear();
        segmenter.Segment(text, spans);
        baseline.Clear();
        ForwardMaximumMatching(dictionary, text, baseline);
        var hanTokens = spans.Where(s => s.Kind == TokenKind.Han).ToList();
        var same = SameSpans(hanTokens, baseline);

        string[] Row(string what, (double Wall, double Cpu) t, bool ratio = true) =>
            [what, Report.F(mb / t.Wall, 1), Report.F(mb / t.Cpu, 1), ratio ? Report.Ratio(t.Wall / ours.Wall) : ""];
        Report.Table($"segment, 1 thread, best of {Runs}, MB = 10^6 bytes of UTF-8 ({mb:F1} MB)",
            ["what", "MB/s", "MB/s of CPU time", "Vigil ÷ this (speed)"],
            [
                Row("Vigil: ChineseSegmenter.Segment (jieba DAG + route; folds Han runs)", ours),
                Row("baseline: forward maximum matching, same trie", fmm),
                Row("baseline: one MatchFolding.Fold pass", fold),
                Row("extra: WordFrequencies.AddDocument (fold + tokens + counts; what keyness runs)", frequencies, ratio: false),
            ]);
        var target = mb / ours.Wall >= 50 ? "met" : "NOT met";
        Console.WriteLine($"  Vigil: {mb / ours.Wall:F1} MB/s per core (target ≥ 50 MB/s: {target}); {hanTokens.Count:N0} Han tokens; "
            + $"forward maximum matching agrees on {100.0 * same / hanTokens.Count:F2}% of them");

        return new
        {
            suite = "segment",
            machine = Report.Machine(),
            text = source,
            bytes = (long)(mb * 1e6),
            copies,
            method = "one thread; best of 5 (wall clock, and separately process CPU time) after 40 warm-up calls on a 200k-char slice; "
                + "Segment(normalised text) into a reused List<TokenSpan>; MB = 10^6 bytes of UTF-8 of the normalised text",
            dictionaryLoadMs = Report.Round(load.Elapsed.TotalMilliseconds, 1),
            oursMBps = Report.Round(mb / ours.Wall, 1),
            oursCpuMBps = Report.Round(mb / ours.Cpu, 1),
            fmmMBps = Report.Round(mb / fmm.Wall, 1),
            foldMBps = Report.Round(mb / fold.Wall, 1),
            wordFrequenciesMBps = Report.Round(mb / frequencies.Wall, 1),
            oursOverFmm = Report.Round(fmm.Wall / ours.Wall),
            oursOverFold = Report.Round(fold.Wall / ours.Wall),
            hanTokens = hanTokens.Count,
            fmmAgreement = Report.Round((double)same / hanTokens.Count, 4),
            targetMBps = 50,
            peakWorkingSetBytes = Report.PeakWorkingSet(),
        };
    }


    /// <summary>Best wall time and best process CPU time (seconds) of <paramref name="runs"/> runs after a warm-up.</summary>
    private static (double Wall, double Cpu) Time(string warm, string text, Action<string> body, int runs = Runs)
    {
        for (var w = 0; w < 40; w++)
        {
            body(warm);
        }

        Thread.Sleep(300);
        using var process = Process.GetCurrentProcess();
        double wall = double.MaxValue, cpu = double.MaxValue;
        for (var r = 0; r < runs; r++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            body(text);
            wall = Math.Min(wall, clock.Elapsed.TotalSeconds);
            process.Refresh();
            cpu = Math.Min(cpu, (process.TotalProcessorTime - cpuStart).TotalSeconds);
        }

        return (wall, cpu);
    }

    /// <summary>Tokens with the same start and end in two lists ordered by start.</summary>
    private static int SameSpans(List<TokenSpan> x, List<TokenSpan> y)
    {
        int i = 0, j = 0, same = 0;
        while (i < x.Count && j < y.Count)
        {
            if (x[i].Start == y[j].Start)
            {
                same += x[i].End == y[j].End ? 1 : 0;
                i++;
                j++;
            }
            else if (x[i].Start < y[j].Start)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return same;
    }

    /// <summary>
    /// The baseline: at each position of a Han run, the longest dictionary word (else one character). Same trie,
    /// same fold of Han runs; no route, no probabilities. Other characters are skipped.
    /// </summary>
    private static void ForwardMaximumMatching(PrefixDictionary dictionary, ReadOnlySpan<char> text, List<TokenSpan> output)
    {
        var fold = HanScript.Default.FoldTable;
        var weights = dictionary.Weights;
        var i = 0;
        while (i < text.Length)
        {
            if (!CharClass.IsHan(text[i]))
            {
                i++;
                continue;
            }

            var end = i + 1;
            var node = dictionary.First(fold[text[i]]);
            for (var j = i; node != 0;)
            {
                if (weights[node] != double.NegativeInfinity)
                {
                    end = j + 1;
                }

                if (++j >= text.Length || !CharClass.IsHan(text[j]))
                {
                    break;
                }

                node = dictionary.Next(node, fold[text[j]]);
            }

            output.Add(new TokenSpan(i, end, TokenKind.Han));
            i = end;
        }
    }

    /// <summary>About 1 MB of sentences of jieba dictionary words (all-Han ones), drawn with probability ∝ frequency.</summary>
    private static string Generated(int seed)
    {
        using var stream = typeof(ChineseSegmenter).Assembly.GetManifestResourceStream("Vigil.Core.Segmentation.Data.jieba-dict.txt.gz")!;
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress), Encoding.UTF8);
        var words = new List<string>();
        var cumulative = new List<double>();
        var sum = 0.0;
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            if (parts.Length >= 2 && parts[0].All(CharClass.IsHan) && long.TryParse(parts[1], out var f) && f > 0)
            {
                words.Add(parts[0]);
                sum += f;
                cumulative.Add(sum);
            }
        }

        var rng = new SplitMix64((ulong)(uint)seed ^ 0x5E6_3E47UL);
        var sb = new StringBuilder();
        while (sb.Length < 333_000) // Han and CJK punctuation are 3 bytes each in UTF-8
        {
            var sentence = 8 + rng.Next(13);
            for (var w = 0; w < sentence; w++)
            {
                var index = cumulative.BinarySearch(rng.NextDouble() * sum);
                sb.Append(words[Math.Min(words.Count - 1, index < 0 ? ~index : index)]);
                if (w == sentence / 2)
                {
                    sb.Append('，');
                }
            }

            sb.Append('。');
        }

        return sb.ToString();
    }
}
