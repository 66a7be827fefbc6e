using System.Buffers;
using System.Globalization;
using System.Text;

namespace Vigil.Formats;

/// <summary>The result of decoding bytes to text: either the text and the encoding used, or a one-line reason.</summary>
/// <param name="Text">The decoded text without any byte order mark; null when decoding failed.</param>
/// <param name="EncodingName">Web name of the encoding used ("utf-8", "utf-16le", "utf-16be", "gb18030", "big5", ...).</param>
/// <param name="Error">Why the bytes could not be decoded; null on success.</param>
public sealed record DecodedText(string? Text, string? EncodingName, string? Error)
{
    /// <summary>True when <see cref="Text"/> holds the decoded text.</summary>
    public bool Succeeded => Text is not null;

    internal static DecodedText Ok(string text, string encodingName) => new(text, encodingName, null);

    internal static DecodedText Fail(string error) => new(null, null, error);
}

/// <summary>
/// Decodes the bytes of a text file without ever silently mangling them: a byte order mark wins, then strict
/// UTF-8, then UTF-16 without a BOM (by its NUL-byte pattern), then GB18030 or Big5 (by their trail bytes).
/// Every decode is strict; bytes that fit no candidate are reported with their offset.
/// </summary>
public static class TextDecoder
{
    /// <summary>Reason given for content that is not text at all.</summary>
    public const string BinaryContentError = "binary content, not a supported text format";

    internal const string Utf8Name = "utf-8";
    internal const string Utf16LeName = "utf-16le";
    internal const string Utf16BeName = "utf-16be";
    internal const string Utf32LeName = "utf-32le";
    internal const string Utf32BeName = "utf-32be";
    internal const string Gb18030Name = "gb18030";
    internal const string Big5Name = "big5";

    // C0 controls that never occur in real text; tab, LF, FF and CR are legitimate.
    private static readonly SearchValues<char> StrayControls = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);
    private static readonly Encoding StrictUtf16Le = new UnicodeEncoding(false, false, true);
    private static readonly Encoding StrictUtf16Be = new UnicodeEncoding(true, false, true);
    private static readonly Encoding StrictUtf32Le = new UTF32Encoding(false, false, true);
    private static readonly Encoding StrictUtf32Be = new UTF32Encoding(true, false, true);

    static TextDecoder()
    {
        // GB18030 and Big5 live in the code-pages provider on .NET (Core); registering twice is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Decodes <paramref name="bytes"/>, detecting the encoding unless <paramref name="forcedEncoding"/> names one.</summary>
    /// <param name="bytes">The file content.</param>
    /// <param name="forcedEncoding">An encoding web name (e.g. "gb18030", "big5", "utf-8") that overrides detection; decoding stays strict.</param>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string? forcedEncoding = null)
    {
        if (!string.IsNullOrWhiteSpace(forcedEncoding))
        {
            return DecodeForced(bytes, forcedEncoding.Trim());
        }

        var bom = DetectBom(bytes);
        if (bom is not null)
        {
            var (name, encoding, length) = bom.Value;
            return DecodeStrict(bytes[length..], encoding, name, length);
        }

        if (bytes.IsEmpty)
        {
            return DecodedText.Ok(string.Empty, Utf8Name);
        }

        var utf16 = TryUtf16WithoutBom(bytes);
        if (utf16 is not null)
        {
            return utf16;
        }

        if (bytes.Contains((byte)0))
        {
            return DecodedText.Fail(BinaryContentError);
        }

        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return CheckTextLike(StrictUtf8.GetString(bytes), Utf8Name);
        }

        // Neither UTF-8, GB18030 nor Big5 uses bytes below 0x20 inside a multi-byte character, so stray
        // control bytes mean binary content whatever the encoding; saying "invalid UTF-8" would mislead.
        if (!IsTextLike(bytes))
        {
            return DecodedText.Fail(BinaryContentError);
        }

        var scan = Utf8Scan.Run(bytes);
        if (scan.LooksLikeDamagedUtf8)
        {
            return DecodedText.Fail(InvalidUtf8Message(scan.FirstInvalidOffset));
        }

        return DecodeChinese(bytes, scan.FirstInvalidOffset);
    }

    /// <summary>True when <paramref name="name"/> is an encoding <see cref="Decode"/> accepts as forced.</summary>
    public static bool IsKnownEncoding(string name) => ResolveStrict(name.Trim()) is not null;

    /// <summary>Resolves an encoding web name to a strict (exception-throwing) encoding and the name to report.</summary>
    /// <returns>null when the name is unknown.</returns>
    internal static (Encoding Encoding, string Name)? ResolveStrict(string name)
    {
        switch (name.ToLowerInvariant())
        {
            case "utf-8" or "utf8":
                return (StrictUtf8, Utf8Name);
            case "utf-16" or "utf-16le" or "utf16" or "utf16le" or "unicode":
                return (StrictUtf16Le, Utf16LeName);
            case "utf-16be" or "utf16be" or "unicodefffe":
                return (StrictUtf16Be, Utf16BeName);
            case "utf-32" or "utf-32le" or "utf32" or "utf32le":
                return (StrictUtf32Le, Utf32LeName);
            case "utf-32be" or "utf32be":
                return (StrictUtf32Be, Utf32BeName);
            // GB18030 is a strict superset of GBK and GB2312, so declaring either never loses text.
            case "gb18030" or "gbk" or "gb2312" or "cp936" or "x-gbk" or "windows-936":
                return (Strict(Gb18030Name), Gb18030Name);
            case "big5" or "big5-hkscs" or "cp950" or "x-x-big5":
                return (Strict(Big5Name), Big5Name);
        }

        try
        {
            var encoding = Strict(name);
            return (encoding, encoding.WebName.ToLowerInvariant());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Decodes strictly under one encoding; a failure names the first bad byte's offset.</summary>
    internal static DecodedText DecodeStrict(ReadOnlySpan<byte> bytes, Encoding encoding, string name, int offsetBase = 0)
    {
        string text;
        try
        {
            text = encoding.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = offsetBase + FirstInvalidOffset(bytes, encoding, ex);
            return DecodedText.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"invalid {name} at byte {offset}; re-save the file in a known encoding or pass --encoding NAME"));
        }

        return CheckTextLike(text, name);
    }

    internal static string InvalidUtf8Message(long offset) => string.Create(
        CultureInfo.InvariantCulture,
        $"invalid UTF-8 at byte {offset}; re-save the file as UTF-8 or pass --encoding NAME");

    private static Encoding Strict(string name) =>
        Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    private static DecodedText DecodeForced(ReadOnlySpan<byte> bytes, string forcedEncoding)
    {
        var resolved = ResolveStrict(forcedEncoding);
        if (resolved is null)
        {
            return DecodedText.Fail($"unknown encoding '{forcedEncoding}'; use a web name such as utf-8, gb18030 or big5");
        }

        var (encoding, name) = resolved.Value;
        var preamble = encoding.Preamble;
        var skip = !preamble.IsEmpty && bytes.StartsWith(preamble) ? preamble.Length : 0;
        if (skip == 0 && name == Utf8Name && bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            skip = 3; // our strict UTF-8 instance has no preamble, but a BOM is still not text.
        }

        return DecodeStrict(bytes[skip..], encoding, name, skip);
    }

    private static (string Name, Encoding Encoding, int Length)? DetectBom(ReadOnlySpan<byte> bytes)
    {
        // UTF-32LE must be tested before UTF-16LE: its BOM starts with the UTF-16LE one.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return (Utf32LeName, StrictUtf32Le, 4);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (Utf32BeName, StrictUtf32Be, 4);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Utf8Name, StrictUtf8, 3);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Utf16LeName, StrictUtf16Le, 2);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Utf16BeName, StrictUtf16Be, 2);
        }

        return null;
    }

    /// <summary>
    /// UTF-16 without a BOM shows itself through NULs: Latin text has a NUL in every other byte, on the odd
    /// positions for little-endian and the even ones for big-endian. Returns null when the pattern is absent.
    /// </summary>
    private static DecodedText? TryUtf16WithoutBom(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 64 * 1024)];
        int evenNuls = 0, oddNuls = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            if (sample[i] == 0)
            {
                if ((i & 1) == 0)
                {
                    evenNuls++;
                }
                else
                {
                    oddNuls++;
                }
            }
        }

        var pairs = sample.Length / 2;
        if (pairs == 0 || bytes.Length % 2 != 0)
        {
            return null;
        }

        // At least a fifth of the code units must carry the NUL, and nearly all NULs must sit on one parity.
        string name;
        Encoding encoding;
        if (oddNuls * 5 >= pairs && evenNuls * 20 <= oddNuls)
        {
            (name, encoding) = (Utf16LeName, StrictUtf16Le);
        }
        else if (evenNuls * 5 >= pairs && oddNuls * 20 <= evenNuls)
        {
            (name, encoding) = (Utf16BeName, StrictUtf16Be);
        }
        else
        {
            return null;
        }

        string text;
        try
        {
            text = encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        return IsTextLike(text) ? DecodedText.Ok(text, name) : null;
    }

    /// <summary>Chooses between GB18030 (simplified) and Big5 (traditional) for bytes that are not UTF-8.</summary>
    private static DecodedText DecodeChinese(ReadOnlySpan<byte> bytes, long firstInvalidUtf8)
    {
        var gb = TryDecode(bytes, Strict(Gb18030Name));
        var big5 = TryDecode(bytes, Strict(Big5Name));

        if (gb is null && big5 is null)
        {
            return DecodedText.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"invalid UTF-8 at byte {firstInvalidUtf8} and not valid GB18030 or Big5 either; re-save the file as UTF-8 or pass --encoding NAME"));
        }

        // Big5 trail bytes are often 0x40-0x7E; GB2312-range text almost never has a trail byte below 0x80,
        // and GBK text that does also decodes as GB18030. So: Big5 wins only when it decodes and the low trails say so.
        var (pairs, lowTrails) = CountDoubleBytePairs(bytes);
        var lowTrailShare = pairs == 0 ? 0 : (double)lowTrails / pairs;
        var preferBig5 = big5 is not null && (gb is null || lowTrailShare > 0.1);

        return preferBig5
            ? CheckTextLike(big5!, Big5Name)
            : CheckTextLike(gb!, Gb18030Name);
    }

    private static (int Pairs, int LowTrails) CountDoubleBytePairs(ReadOnlySpan<byte> bytes)
    {
        int pairs = 0, lowTrails = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b < 0x81 || b == 0xFF || i + 1 >= bytes.Length)
            {
                continue;
            }

            var trail = bytes[i + 1];
            if (trail is >= 0x30 and <= 0x39)
            {
                i += 3; // GB18030 four-byte sequence; neither a GB2312 nor a Big5 pair.
                continue;
            }

            pairs++;
            if (trail < 0x80)
            {
                lowTrails++;
            }

            i++;
        }

        return (pairs, lowTrails);
    }

    private static string? TryDecode(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static long FirstInvalidOffset(ReadOnlySpan<byte> bytes, Encoding encoding, DecoderFallbackException ex)
    {
        if (encoding is UTF8Encoding)
        {
            return Utf8Scan.Run(bytes).FirstInvalidOffset;
        }

        // DecoderFallbackException.Index is relative to the buffer the decoder was working on, which for a
        // one-shot GetString is the whole input; clamp it to be safe.
        return Math.Clamp(ex.Index, 0, Math.Max(0, bytes.Length - 1));
    }

    private static DecodedText CheckTextLike(string text, string name) =>
        IsTextLike(text) ? DecodedText.Ok(text, name) : DecodedText.Fail(BinaryContentError);

    /// <summary>True unless more than 1% of the characters (and at least one) are stray C0 controls or NUL.</summary>
    internal static bool IsTextLike(ReadOnlySpan<char> text)
    {
        var strays = 0;
        var rest = text;
        while (true)
        {
            var index = rest.IndexOfAny(StrayControls);
            if (index < 0)
            {
                break;
            }

            strays++;
            rest = rest[(index + 1)..];
        }

        return strays == 0 || strays * 100L <= text.Length;
    }

    private static bool IsTextLike(ReadOnlySpan<byte> bytes)
    {
        var strays = 0;
        foreach (var b in bytes)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not (byte)'\f')
            {
                strays++;
            }
        }

        return strays == 0 || strays * 100L <= bytes.Length;
    }

    /// <summary>How a non-UTF-8 byte string fares as UTF-8: many good multi-byte sequences and few bad bytes mean damage.</summary>
    private readonly record struct Utf8Scan(int ValidMultiByte, int Invalid, long FirstInvalidOffset)
    {
        public bool LooksLikeDamagedUtf8 => ValidMultiByte >= 2 && ValidMultiByte >= 4 * Invalid;

        public static Utf8Scan Run(ReadOnlySpan<byte> bytes)
        {
            int valid = 0, invalid = 0;
            long first = -1;
            var i = 0;
            while (i < bytes.Length)
            {
                var asciiRun = bytes[i..].IndexOfAnyExceptInRange((byte)0x00, (byte)0x7F);
                if (asciiRun < 0)
                {
                    break;
                }

                i += asciiRun;
                var status = System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed);
                if (status == OperationStatus.Done)
                {
                    valid++;
                }
                else
                {
                    invalid++;
                    if (first < 0)
                    {
                        first = i;
                    }
                }

                i += Math.Max(1, consumed);
            }

            return new Utf8Scan(valid, invalid, first < 0 ? 0 : first);
        }
    }
}
