using Vigil.Core.Detection;

namespace Vigil.Core.Tests.Detection;

public sealed class RollingWindowTests
{
    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }

    [Fact]
    public void Median_and_MAD_match_sorting_the_last_values_from_scratch()
    {
        var random = new Random(3);
        var window = new RollingWindow(17);
        var all = new List<double>();
        for (var i = 0; i < 500; i++)
        {
            // Whole numbers from a small range: plenty of ties, the hard case for a sorted window.
            var x = random.Next(-5, 6) * (i % 50 == 0 ? 10 : 1);
            window.Add(x);
            all.Add(x);
            var last = all.TakeLast(17).ToList();
            var median = Median(last);

            Assert.Equal(median, window.Median());
            Assert.Equal(Median(last.Select(v => Math.Abs(v - median))), window.MedianAbsoluteDeviation(median));
            Assert.Equal(last.Average(v => Math.Abs(v - median)), window.MeanAbsoluteDeviation(median), 12);
            Assert.Equal(last[0], window.Oldest);
        }
    }

    [Fact]
    public void The_resolution_is_the_smallest_gap_between_distinct_values()
    {
        var resolution = new Resolution();
        Assert.Equal(0, resolution.SpreadFloor);
        foreach (var x in new[] { 3.0, 3.0, 3.5, 10, 3.2 })
        {
            resolution.Add(x);
        }

        // Distinct values 3, 3.2, 3.5, 10: gaps 0.2, 0.3, 6.5.
        Assert.Equal(0.2, resolution.Quantum, 12);
        Assert.Equal(0.2 / Math.Sqrt(12), resolution.SpreadFloor, 12);
        Assert.Equal(1, resolution.Floor(1));
    }
}
