using Vigil.Core.Documents;

namespace Vigil.Core.Tests;

public sealed class PartialDateTests
{
    [Theory]
    [InlineData("2022", "2022", "2022-01-01", "2022-12-31")]
    [InlineData("2024-02", "2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("2022-10-16", "2022-10-16", "2022-10-16", "2022-10-16")]
    public void Valid_dates_keep_their_precision(string text, string shown, string first, string last)
    {
        Assert.True(PartialDate.TryParse(text, out var d));
        Assert.Equal(shown, d.ToString());
        Assert.Equal(first, d.First.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(last, d.Last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("22")]
    [InlineData("2022-13")]
    [InlineData("2023-02-29")]
    [InlineData("2022/10/16")]
    [InlineData("16.10.2022")]
    [InlineData("")]
    [InlineData("2022-1-5")]
    public void Invalid_dates_are_refused(string text) => Assert.False(PartialDate.TryParse(text, out _));

    [Fact]
    public void Parse_explains_the_expected_format()
    {
        var ex = Assert.Throws<FormatException>(() => PartialDate.Parse("yesterday", "--date"));
        Assert.Contains("YYYY, YYYY-MM or YYYY-MM-DD", ex.Message, StringComparison.Ordinal);
    }
}
