using System.Text;

namespace Vigil.Formats.Tests;

public sealed class TextDecoderTests
{
    static TextDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Simplified = "国家安全是民族复兴的根基";
    private const string Traditional = "國家安全是民族復興的根基";

    [Fact]
    public void Utf8_without_a_bom_decodes_as_utf8()
    {
        var result = TextDecoder.Decode(Encoding.UTF8.GetBytes("Risk report: 国家安全"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("Risk report: 国家安全", result.Text);
        Assert.Equal("utf-8", result.EncodingName);
    }

    [Fact]
    public void Utf8_bom_is_not_part_of_the_text()
    {
        var result = TextDecoder.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("hello")]);

        Assert.Equal("hello", result.Text);
        Assert.Equal("utf-8", result.EncodingName);
    }

    [Fact]
    public void Utf16_little_endian_with_bom_decodes()
    {
        var result = TextDecoder.Decode([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Hello 国家")]);

        Assert.Equal("Hello 国家", result.Text);
        Assert.Equal("utf-16le", result.EncodingName);
    }

    [Fact]
    public void Utf16_big_endian_with_bom_decodes()
    {
        var result = TextDecoder.Decode([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes("Hello 国家")]);

        Assert.Equal("Hello 国家", result.Text);
        Assert.Equal("utf-16be", result.EncodingName);
    }

    [Fact]
    public void Utf16_little_endian_without_bom_is_recognised_by_its_nul_pattern()
    {
        var result = TextDecoder.Decode(Encoding.Unicode.GetBytes("Annual threat assessment, 2024 edition.\r\n"));

        Assert.Equal("Annual threat assessment, 2024 edition.\r\n", result.Text);
        Assert.Equal("utf-16le", result.EncodingName);
    }

    [Fact]
    public void Gbk_encoded_simplified_chinese_decodes_as_gb18030()
    {
        var bytes = Encoding.GetEncoding("gb18030").GetBytes($"{Simplified}。\n第二段：网络安全。");

        var result = TextDecoder.Decode(bytes);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($"{Simplified}。\n第二段：网络安全。", result.Text);
        Assert.Equal("gb18030", result.EncodingName);
    }

    [Fact]
    public void Big5_encoded_traditional_chinese_decodes_as_big5()
    {
        var bytes = Encoding.GetEncoding("big5").GetBytes($"國家安全\n{Traditional}。");

        var result = TextDecoder.Decode(bytes);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($"國家安全\n{Traditional}。", result.Text);
        Assert.Equal("big5", result.EncodingName);
    }

    [Fact]
    public void Short_big5_text_is_still_told_apart_from_gbk()
    {
        var result = TextDecoder.Decode(Encoding.GetEncoding("big5").GetBytes("國家安全"));

        Assert.Equal("國家安全", result.Text);
        Assert.Equal("big5", result.EncodingName);
    }

    [Fact]
    public void Mostly_valid_utf8_with_a_bad_byte_is_reported_with_its_offset_not_read_as_gbk()
    {
        var good = Encoding.UTF8.GetBytes("国家安全是民族复兴的根基。");
        byte[] bytes = [.. good, 0xFF, .. good];

        var result = TextDecoder.Decode(bytes);

        Assert.False(result.Succeeded);
        Assert.Equal($"invalid UTF-8 at byte {good.Length}; re-save the file as UTF-8 or pass --encoding NAME", result.Error);
    }

    [Fact]
    public void Forced_encoding_overrides_detection()
    {
        // Valid UTF-8 ("é" is C3 A9) that the user says is GB18030: decoding obeys the user.
        var bytes = Encoding.UTF8.GetBytes("caf\u00e9");

        var result = TextDecoder.Decode(bytes, "gb18030");

        Assert.Equal("gb18030", result.EncodingName);
        Assert.Equal(Encoding.GetEncoding("gb18030").GetString(bytes), result.Text);
    }

    [Fact]
    public void Forced_encoding_stays_strict_and_names_the_bad_byte()
    {
        var result = TextDecoder.Decode([.. "abc"u8, 0xC3, 0x28, .. "def"u8], "utf-8");

        Assert.False(result.Succeeded);
        Assert.Contains("invalid utf-8 at byte 3", result.Error);
    }

    [Fact]
    public void Forced_gbk_is_read_as_its_superset_gb18030()
    {
        var result = TextDecoder.Decode(Encoding.GetEncoding("gb18030").GetBytes(Simplified), "GBK");

        Assert.Equal(Simplified, result.Text);
        Assert.Equal("gb18030", result.EncodingName);
    }

    [Fact]
    public void Unknown_forced_encoding_is_an_error_not_an_exception()
    {
        var result = TextDecoder.Decode("abc"u8, "klingon-8");

        Assert.False(result.Succeeded);
        Assert.Contains("unknown encoding 'klingon-8'", result.Error);
    }

    [Fact]
    public void Png_bytes_are_binary_content()
    {
        var result = TextDecoder.Decode(TestFiles.FakePng());

        Assert.Equal(TextDecoder.BinaryContentError, result.Error);
    }

    [Fact]
    public void Text_full_of_control_characters_is_binary_content()
    {
        var bytes = new byte[1000];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i % 3 == 0 ? 0x01 : 'a');
        }

        Assert.Equal(TextDecoder.BinaryContentError, TextDecoder.Decode(bytes).Error);
    }

    [Fact]
    public void Non_utf8_bytes_with_control_characters_are_binary_not_an_encoding_problem()
    {
        byte[] bytes = [(byte)'P', (byte)'K', 0x03, 0x04, .. TestFiles.RandomBytes(500, seed: 5).Select(b => b == 0 ? (byte)1 : b)];

        Assert.Equal(TextDecoder.BinaryContentError, TextDecoder.Decode(bytes).Error);
    }

    [Fact]
    public void Tabs_form_feeds_and_line_breaks_are_text()
    {
        var result = TextDecoder.Decode("a\tb\r\nc\fd"u8);

        Assert.Equal("a\tb\r\nc\fd", result.Text);
    }

    [Fact]
    public void Empty_bytes_decode_to_empty_text()
    {
        var result = TextDecoder.Decode([]);

        Assert.Equal(string.Empty, result.Text);
    }
}
