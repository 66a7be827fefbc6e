using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vigil.Core.Events.Import;

namespace Vigil.Core.Tests.Events;

/// <summary>Runs alone: it measures the managed heap, which other tests running at the same time would disturb.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>
/// A file much larger than the memory the import may use is streamed: the managed heap stays bounded while every row
/// is read and stored. The file is generated into a temporary folder (~300 MB): each row carries a long column the
/// map does not use, so the bytes are large while the number of events keeps the test under a minute.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class LargeImportTests : IDisposable
{
    private const int Rows = 60_000;
    private const int FillerChars = 5_400;
    private const long HeapLimit = 96L * 1024 * 1024;
    private readonly EventTestBench _bench = new();

    public void Dispose() => _bench.Dispose();

    [Fact]
    public async Task A_300_mb_file_streams_in_bounded_memory_and_every_row_is_stored()
    {
        var path = Path.Combine(_bench.Root, "large.csv");
        var filler = new string('x', FillerChars);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write("type,date,target.name_en,target.kind,target.country,source_url,filler\n");
            for (var i = 1; i <= Rows; i++)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"sanction.counter,{2015 + (i % 10)}-{1 + (i % 12):D2}-{1 + (i % 28):D2},Target number {i},company,{(i % 3 == 0 ? "JP" : "US")},https://example.org/n/{i % 500},\"{filler}\"\n"));
            }
        }

        var bytes = new FileInfo(path).Length;
        Assert.True(bytes > 3 * HeapLimit, $"the file ({bytes} bytes) must be much larger than the memory bound");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: false);
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
                await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
            }
        }, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var map = new ColumnMap(); // the header names the fields; 'filler' is no field and is not read into events
        var report = _bench.ImportCsv(path, map);
        clock.Stop();
        stop.Cancel();
        await sampler;

        Assert.Equal((Rows, Rows, 0, 0), (report.Rows, report.Imported, report.Merged, report.Rejected.Count));
        Assert.Empty(report.Flagged);
        Assert.Equal(Rows, _bench.Store.Count());
        Assert.True(peak < HeapLimit, $"peak managed heap above baseline {peak / 1048576.0:F1} MiB for a {bytes / 1048576.0:F0} MiB file (limit {HeapLimit / 1048576} MiB)");
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"large import: {bytes / 1048576.0:F0} MiB, {Rows} rows in {clock.Elapsed.TotalSeconds:F1} s; peak heap +{peak / 1048576.0:F1} MiB"));
    }
}
