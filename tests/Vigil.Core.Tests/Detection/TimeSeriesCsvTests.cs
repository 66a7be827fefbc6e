using System.Text;
using Vigil.Core.Detection;

namespace Vigil.Core.Tests.Detection;

public sealed class TimeSeriesCsvTests
{
    private static SeriesFile Read(string text, bool keepFileOrder = false) => TimeSeriesCsv.Read(new StringReader(text), keepFileOrder);

    [Fact]
    public void A_NAB_file_reads_as_UTC_points()
    {
        var file = Read("timestamp,value\n2014-04-10 16:15:00,12.5\n2014-04-10 16:20:00,13\n");

        Assert.Empty(file.Problems);
        Assert.Equal(
            [new SeriesPoint(new DateTimeOffset(2014, 4, 10, 16, 15, 0, TimeSpan.Zero), 12.5), new SeriesPoint(new DateTimeOffset(2014, 4, 10, 16, 20, 0, TimeSpan.Zero), 13)],
            file.Points);
    }

    [Fact]
    public void A_byte_order_mark_spaces_quotes_T_zones_and_fractions_are_tolerated()
    {
        var text = "\uFEFF Value , Timestamp ,note\n" +
            " 1.5 , 2014-04-10T16:15:00Z ,a\n" +
            "\"2\",\"2014-04-10T18:15:00+02:00\",\"b, c\"\n" +
            "3,2014-04-10 16:15:00.000000,x\n" +
            "\n" +
            "4e1,2014-04-11,y\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text[1..])).ToArray();
        var file = TimeSeriesCsv.Read(new MemoryStream(bytes));

        Assert.Empty(file.Problems);
        Assert.Equal([1.5, 2, 3, 40], file.Points.Select(p => p.Value));
        var t = new DateTimeOffset(2014, 4, 10, 16, 15, 0, TimeSpan.Zero);
        Assert.Equal([t, t, t, new DateTimeOffset(2014, 4, 11, 0, 0, 0, TimeSpan.Zero)], file.Points.Select(p => p.Timestamp.ToUniversalTime()));
    }

    [Fact]
    public void A_file_without_header_and_with_semicolons_is_read()
    {
        var file = Read("2020-01-01;1\n2020-01-02;2\n");

        Assert.Empty(file.Problems);
        Assert.Equal([1.0, 2.0], file.Points.Select(p => p.Value));
    }

    [Fact]
    public void Bad_rows_are_reported_by_line_number_and_skipped()
    {
        var file = Read(
            "timestamp,value\n" +           // 1
            "2020-01-01 00:00:00,1\n" +      // 2 ok
            "2020-01-01 01:00:00\n" +        // 3 one field
            "yesterday,2\n" +                // 4 bad time
            "2020-01-01 02:00:00,abc\n" +    // 5 bad value
            "2020-01-01 03:00:00,NaN\n" +    // 6 not finite
            "2020-01-01 04:00:00,\n" +       // 7 empty
            "2020-01-01 05:00:00,1,5\n" +    // 8 ok (extra field ignored)
            "2019-12-31 00:00:00,9\n" +      // 9 out of order
            "13/01/2020,1\n" +               // 10 not ISO
            "2020-01-01 06:00:00,-Infinity\n" + // 11
            "2020-01-01 07:00:00,7\n");      // 12 ok

        Assert.Equal([1.0, 1.0, 7.0], file.Points.Select(p => p.Value));
        Assert.Equal([3, 4, 5, 6, 7, 9, 10, 11], file.Problems.Select(p => p.Row));
        Assert.Contains("has 1 field(s)", file.Problems[0].Message);
        Assert.Contains("'yesterday' is not an ISO 8601", file.Problems[1].Message);
        Assert.Contains("'abc' is not a finite number", file.Problems[2].Message);
        Assert.Contains("'NaN' is not a finite number", file.Problems[3].Message);
        Assert.Equal("value is empty", file.Problems[4].Message);
        Assert.Equal("timestamp 2019-12-31T00:00:00Z is earlier than row 8's (2020-01-01T05:00:00Z); rows must be in time order", file.Problems[5].Message);
    }

    [Fact]
    public void A_benchmark_replay_keeps_rows_in_file_order()
    {
        var file = Read("timestamp,value\n2020-01-01 02:00:00,1\n2020-01-01 01:00:00,2\n", keepFileOrder: true);

        Assert.Empty(file.Problems);
        Assert.Equal([1.0, 2.0], file.Points.Select(p => p.Value));
    }

    [Fact]
    public void Empty_and_header_only_files_give_no_points_and_no_crash()
    {
        Assert.Empty(Read("").Points);
        Assert.Empty(Read("timestamp,value\n").Points);
        Assert.Empty(Read("\n\n  \n").Problems);
    }

    [Fact]
    public void Timestamps_are_written_back_as_ISO_8601()
    {
        Assert.Equal("2014-04-10T16:15:00Z", TimeSeriesCsv.Format(new DateTimeOffset(2014, 4, 10, 16, 15, 0, TimeSpan.Zero)));
        Assert.Equal("2014-04-10T16:15:00.5+08:00", TimeSeriesCsv.Format(new DateTimeOffset(2014, 4, 10, 16, 15, 0, 500, TimeSpan.FromHours(8))));
    }
}
