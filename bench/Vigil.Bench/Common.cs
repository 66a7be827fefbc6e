using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary>Command-line options shared by the suites.</summary>
internal sealed class BenchOptions
{
    public int? Docs { get; set; }

    public int Seed { get; set; } = 42;

    public List<int>? Sizes { get; set; }

    public int Queries { get; set; } = 200;

    public bool InProcess { get; set; }

    public bool KeepTemp { get; set; }

    public string? TempRoot { get; set; }

    /// <summary>web: concurrent clients.</summary>
    public int Clients { get; set; } = 50;

    /// <summary>web: seconds measured (after the warm-up).</summary>
    public int Seconds { get; set; } = 30;

    /// <summary>web: seconds of load before measuring (the JIT's tiered, profile-guided compilation settles meanwhile).</summary>
    public int Warmup { get; set; } = 15;

    /// <summary>web: a data directory to build once and reuse.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>web: instead of the load, write every query's answer (several pages and filters) to this file, one JSON line each.</summary>
    public string? Dump { get; set; }

    /// <summary>web --dump: find snippet marks by re-analysing each hit's text even where the index holds their offsets.</summary>
    public bool Reanalyse { get; set; }

    /// <summary>web: no load; time the search path (index, marks, catalogue) one query at a time, each way in turn.</summary>
    public bool SearchPath { get; set; }

    /// <summary>web: drive the load with Debian's <c>wrk</c> (a separate C process) instead of .NET clients in this process.</summary>
    public bool Wrk { get; set; }

    public static BenchOptions Parse(string[] args, int start)
    {
        var o = new BenchOptions();
        for (var i = start; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--docs":
                    o.Docs = ParseCount(Value());
                    break;
                case "--seed":
                    o.Seed = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--sizes":
                    o.Sizes = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseCount)];
                    break;
                case "--queries":
                    o.Queries = ParseCount(Value());
                    break;
                case "--inproc":
                    o.InProcess = true;
                    break;
                case "--keep":
                    o.KeepTemp = true;
                    break;
                case "--tmp":
                    o.TempRoot = Value();
                    break;
                case "--clients":
                    o.Clients = ParseCount(Value());
                    break;
                case "--seconds":
                    o.Seconds = ParseCount(Value());
                    break;
                case "--warmup":
                    o.Warmup = ParseCount(Value());
                    break;
                case "--data":
                    o.DataDirectory = Value();
                    break;
                case "--dump":
                    o.Dump = Value();
                    break;
                case "--reanalyse":
                    o.Reanalyse = true;
                    break;
                case "--path":
                    o.SearchPath = true;
                    break;
                case "--wrk":
                    o.Wrk = true;
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return o;
    }

    private static int ParseCount(string s)
    {
        s = s.Trim().Replace("_", "", StringComparison.Ordinal);
        var multiplier = 1;
        if (s.EndsWith('k') || s.EndsWith('K'))
        {
            multiplier = 1000;
            s = s[..^1];
        }
        else if (s.EndsWith('m') || s.EndsWith('M'))
        {
            multiplier = 1_000_000;
            s = s[..^1];
        }

        var n = int.Parse(s, CultureInfo.InvariantCulture) * multiplier;
        return n > 0 ? n : throw new ArgumentException($"'{s}' is not a positive count");
    }
}

/// <summary>Plain-text tables, JSON output and small helpers.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string RepoRoot { get; } = FindRepoRoot();

    public static void Table(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, headers.Count).Select(c => all.Max(r => c < r.Count ? DisplayWidth(r[c]) : 0)).ToArray();
        Console.WriteLine();
        Console.WriteLine(title);
        var line = string.Join("-+-", widths.Select(w => new string('-', w)));
        for (var r = 0; r < all.Count; r++)
        {
            var cells = all[r];
            var sb = new StringBuilder();
            for (var c = 0; c < widths.Length; c++)
            {
                var cell = c < cells.Count ? cells[c] : "";
                var pad = new string(' ', widths[c] - DisplayWidth(cell));
                var numeric = c > 0 && cell.Length > 0 && (char.IsDigit(cell[0]) || cell[0] == '-' || cell[0] == '×');
                sb.Append(numeric ? pad + cell : cell + pad);
                if (c < widths.Length - 1)
                {
                    sb.Append(" | ");
                }
            }

            Console.WriteLine(sb.ToString().TrimEnd());
            if (r == 0)
            {
                Console.WriteLine(line);
            }
        }
    }

    public static void WriteJson(string suite, object value)
    {
        var dir = Path.Combine(RepoRoot, "bench-out");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, suite + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(value, JsonOptions) + "\n");
        Console.WriteLine($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
    }

    public static object Machine() => new
    {
        date = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        cores = Environment.ProcessorCount,
        os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        memoryGiB = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0, 1),
        cpu = CpuModel(),
    };

    public static long PeakWorkingSet()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.PeakWorkingSet64;
    }

    public static string Mb(long bytes) => F(bytes / 1048576.0, 1) + " MiB";

    public static string F(double v, int digits) => v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Ratio(double v) => "×" + (v >= 100 ? F(v, 0) : v >= 10 ? F(v, 1) : F(v, 2));

    public static double Round(double v, int digits = 3) => Math.Round(v, digits);

    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = p / 100.0 * (sorted.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (rank - lo));
    }

    public static string MakeTemp(BenchOptions options, string name)
    {
        var root = options.TempRoot ?? Path.GetTempPath();
        var dir = Path.Combine(root, $"vigil-bench-{name}-{Environment.ProcessId}-{DateTime.UtcNow:HHmmss}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void RemoveTemp(BenchOptions options, string dir)
    {
        if (options.KeepTemp)
        {
            Console.WriteLine($"(kept {dir})");
            return;
        }

        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException ex)
        {
            Console.WriteLine($"(could not remove {dir}: {ex.Message})");
        }
    }

    public static long DirectorySize(string dir) =>
        Directory.Exists(dir) ? new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;

    private static int DisplayWidth(string s)
    {
        var w = 0;
        foreach (var c in s)
        {
            w += c >= '\u2E80' && c <= '\uFFEF' ? 2 : 1;
        }

        return w;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.sln")))
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}

/// <summary>Result of a timed child process.</summary>
internal sealed record ChildRun(int ExitCode, double Seconds, long PeakRssBytes, string Stdout, string Stderr);

/// <summary>Runs a child process, timing it with a Stopwatch and sampling its peak RSS (VmHWM) from /proc.</summary>
internal static class Child
{
    public static ChildRun Run(string file, IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string>? env = null, bool captureStdout = true)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        if (env is not null)
        {
            foreach (var (k, v) in env)
            {
                psi.Environment[k] = v;
            }
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        p.OutputDataReceived += (_, e) =>
        {
            if (captureStdout && e.Data is not null)
            {
                lock (stdout)
                {
                    stdout.AppendLine(e.Data);
                }
            }
        };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        long peak = 0;
        var status = $"/proc/{p.Id}/status";
        while (!p.WaitForExit(25))
        {
            peak = Math.Max(peak, ReadHwm(status));
        }

        p.WaitForExit();
        clock.Stop();
        return new ChildRun(p.ExitCode, clock.Elapsed.TotalSeconds, peak, stdout.ToString(), stderr.ToString());
    }

    private static long ReadHwm(string statusPath)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            // The process exited between the check and the read.
        }

        return 0;
    }
}
