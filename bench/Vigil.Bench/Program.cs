using System.Diagnostics;
using System.Globalization;
using Vigil.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.OutputEncoding = System.Text.Encoding.UTF8;

const string Usage = """
    usage: dotnet run -c Release --project bench/Vigil.Bench -- <suite> [options]
      suites:  terms | ingest | search | segment | web | all
      --docs N        documents to generate (terms: 100000, ingest: 20000, search: 100000)
      --sizes A,B     search: index sizes to measure (e.g. 100000,1000000); overrides --docs
      --seed S        corpus seed (default 42)
      --queries N     search: timed queries per kind (default 200)
      --inproc        ingest: run Vigil in-process instead of timing the built CLI
      --tmp DIR       where temporary files go (default: the system temp folder)
      --keep          keep temporary files
      --clients N     web: concurrent clients (default 50)
      --seconds S     web: seconds measured after the warm-up (default 30)
      --warmup S      web: seconds of load before measuring (default 15)
      --data DIR      web: data directory to build once and reuse
      --dump FILE     web: no load; write each query's answers (pages, filters) to FILE to compare two builds
      --reanalyse     web --dump: snippet marks by re-analysing the text, not from the offsets in the index
      --wrk           web: the load from Debian's wrk (apt-get install wrk) in its own process, not .NET clients here
      --path          web: no load; CPU per search (top 10 with snippets) each way: re-analysis, offsets from the index, + catalogue cache
    Writes bench-out/<suite>.json at the repository root.
    """;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args, 1);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

#if DEBUG
Console.WriteLine("WARNING: Debug build; figures are meaningless. Use -c Release.");
#endif

var suites = args[0] switch
{
    "all" => new[] { "terms", "ingest", "search", "segment" },
    "terms" or "ingest" or "search" or "segment" or "web" => [args[0]],
    _ => [],
};
if (suites.Length == 0)
{
    Console.Error.WriteLine($"unknown suite '{args[0]}'");
    Console.Error.WriteLine(Usage);
    return 2;
}

var generator = new CorpusGenerator(options.Seed);
Console.WriteLine($"Vigil.Bench — {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; "
    + $"vocabulary {Vocabulary.EnglishCount} en / {Vocabulary.ChineseCount} zh; "
    + $"traditional table {generator.TraditionalPairsKept} pairs kept, {generator.TraditionalPairsDropped} dropped");

foreach (var suite in suites)
{
    var clock = Stopwatch.StartNew();
    object result = suite switch
    {
        "terms" => TermsSuite.Run(options),
        "ingest" => IngestSuite.Run(options),
        "segment" => SegmentSuite.Run(options),
        "web" => WebSuite.Run(options),
        _ => SearchSuite.Run(options),
    };
    Console.WriteLine($"{suite}: done in {clock.Elapsed.TotalSeconds:F0} s; peak working set of this process so far {Report.Mb(Report.PeakWorkingSet())}");
    Report.WriteJson(suite, result);
}

return 0;
