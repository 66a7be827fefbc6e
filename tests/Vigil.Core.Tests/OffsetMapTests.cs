using Vigil.Core.Text;

namespace Vigil.Core.Tests;

public sealed class OffsetMapTests
{
    [Fact]
    public void A_map_survives_a_round_trip_through_bytes()
    {
        var b = new OffsetMap.Builder();
        b.Add(5, 5);
        b.Add(2, 0);
        b.Add(3, 1);
        b.Add(4, 4);
        var map = b.Build();
        var copy = OffsetMap.FromBytes(map.ToBytes());
        for (var i = 0; i <= map.NormalizedLength; i++)
        {
            Assert.Equal(map.ToOriginalStart(i), copy.ToOriginalStart(i));
            Assert.Equal(map.ToOriginalEnd(i), copy.ToOriginalEnd(i));
        }
    }

    [Fact]
    public void Equal_length_segments_merge_into_one()
    {
        var b = new OffsetMap.Builder();
        b.Add(3, 3);
        b.Add(1, 1);
        b.Add(2, 2);
        Assert.Equal(1, b.Build().SegmentCount);
    }

    [Fact]
    public void Deletions_and_contractions_map_spans_to_the_whole_original_piece()
    {
        // "ab" copied, "XYZ" (3) became "q" (1), "cd" copied.
        var b = new OffsetMap.Builder();
        b.Add(2, 2);
        b.Add(3, 1);
        b.Add(2, 2);
        var map = b.Build();
        Assert.Equal((2, 5), map.ToOriginal(2, 3));
        Assert.Equal((0, 7), map.ToOriginal(0, 5));
        Assert.Equal(5, map.ToOriginalStart(3));
    }

    [Fact]
    public void Corrupt_bytes_are_refused_with_a_message()
    {
        var ex = Assert.Throws<InvalidDataException>(() => OffsetMap.FromBytes(new byte[11]));
        Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
    }
}
