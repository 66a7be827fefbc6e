using Vigil.Core.Detection;

namespace Vigil.Core.Tests.Detection;

/// <summary>Small series for detector tests: values at a fixed step from a fixed start.</summary>
internal static class SeriesFactory
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<SeriesPoint> Series(TimeSpan step, params double[] values) =>
        values.Select((v, i) => new SeriesPoint(Start + (step * i), v)).ToList();

    public static List<SeriesPoint> Hourly(params double[] values) => Series(TimeSpan.FromHours(1), values);

    public static DetectorResult[] Run(IDetector detector, IReadOnlyList<SeriesPoint> points) => DetectorRun.Run(detector, points);

    public static int[] Flagged(DetectorResult[] results) => results.Select((r, i) => (r, i)).Where(x => x.r.IsAnomaly).Select(x => x.i).ToArray();

    /// <summary>A deterministic noisy series with a spike and a step, for properties every detector must have.</summary>
    public static List<SeriesPoint> Noisy(int count = 400, int seed = 7)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = 50 + (10 * Math.Sin(2 * Math.PI * i / 24)) + (random.NextDouble() * 4) + (i >= 300 ? 15 : 0) + (i == 200 ? 40 : 0);
        }

        return Hourly(values);
    }
}
