using System.Text;

namespace Vigil.Formats.Tests;

/// <summary>Small factories for test input; everything is generated, nothing is a checked-in binary.</summary>
internal static class TestFiles
{
    public static readonly ParseLimits Limits = new();

    public static ParseOutcome Parse(byte[] content, string fileName, ParseLimits? limits = null) =>
        new ParserRegistry().Parse(content, fileName, limits ?? Limits, TestContext.Current.CancellationToken);

    public static ParseOutcome Parse(string text, string fileName, ParseLimits? limits = null) =>
        Parse(Encoding.UTF8.GetBytes(text), fileName, limits);

    public static ParsedDocument Succeed(ParseOutcome outcome)
    {
        Assert.True(outcome.Succeeded, outcome.Error);
        return outcome.Document!;
    }

    /// <summary>A PNG signature and IHDR chunk followed by deterministic pseudo-random bytes.</summary>
    public static byte[] FakePng(int length = 4096)
    {
        byte[] header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        header.CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] RandomBytes(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
