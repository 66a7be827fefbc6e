using Vigil.Core.Backtesting;
using Vigil.Core.Detection;

namespace Vigil.Core.Tests.Backtesting;

public sealed class LabelsFileTests
{
    private static readonly DateTimeOffset T0 = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly List<SeriesPoint> Points = Enumerable.Range(0, 100).Select(i => new SeriesPoint(T0.AddMinutes(i), 1)).ToList();

    [Fact]
    public void NAB_combined_windows_are_matched_by_the_end_of_the_series_path()
    {
        const string Json = """
            {
              "realX/a.csv": [["2015-01-01 00:40:00.000000", "2015-01-01 00:59:00.000000"]],
              "realX/b.csv": []
            }
            """;
        var windows = LabelsFile.Parse(Json, "labels.json", "/data/nab/data/realX/a.csv", Points, out var error);

        Assert.Null(error);
        var w = Assert.Single(windows!);
        Assert.Equal((T0.AddMinutes(40), T0.AddMinutes(59)), (w.Start, w.End));
        Assert.Equal(T0.AddMinutes(49.5), w.Reference);
    }

    [Fact]
    public void Lists_of_pairs_and_objects_are_read()
    {
        var pairs = LabelsFile.Parse("""[["2015-01-01T00:10:00Z", "2015-01-01T00:20:00Z"]]""", "l", "x.csv", Points, out _);
        var objects = LabelsFile.Parse("""[{"start": "2015-01-01 00:10", "end": "2015-01-01 00:20", "label": "2015-01-01 00:12"}]""", "l", "x.csv", Points, out _);

        Assert.Equal(T0.AddMinutes(10), Assert.Single(pairs!).Start);
        Assert.Equal(T0.AddMinutes(12), Assert.Single(objects!).Reference);
    }

    [Fact]
    public void Labelled_points_become_centred_windows_covering_a_tenth_of_the_series()
    {
        // 100 points, 2 labels → ⌊10/2⌋ = 5 points per window, centred: label 30 → 28–32; label 70 → 68–72.
        var windows = LabelsFile.Parse("""["2015-01-01 00:30:00", "2015-01-01 01:10:00"]""", "l", "x.csv", Points, out var error);

        Assert.Null(error);
        Assert.Equal([(28, 32), (68, 72)], windows!.Select(w => ((int)(w.Start - T0).TotalMinutes, (int)(w.End - T0).TotalMinutes)));
        Assert.Equal(T0.AddMinutes(30), windows![0].Reference);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("""{"a.csv": [], "b.csv": []}""", "no entry for 'x.csv'")]
    [InlineData("""[["2015-01-01", "yesterday"]]""", "window 1 is not a pair of ISO 8601 timestamps")]
    [InlineData("""[["2015-01-02", "2015-01-01"]]""", "window 1 ends before it starts")]
    [InlineData("""[42]""", "item 1 is neither")]
    [InlineData("""["2015-01-01", ["2015-01-01", "2015-01-02"]]""", "mixes windows and single timestamps")]
    [InlineData("""{"start": 1}""", "expected a list of windows")]
    public void Malformed_labels_say_what_is_wrong(string json, string message)
    {
        Assert.Null(LabelsFile.Parse(json, "labels.json", "x.csv", Points, out var error));
        Assert.Contains(message, error);
        Assert.StartsWith("labels.json", error);
    }
}
