using Vigil.Core.Text;

namespace Vigil.Core.Tests;

public sealed class TextNormalizerTests
{
    private static NormalizedText Normalize(string s) => TextNormalizer.Default.Normalize(s);

    /// <summary>Every normalised span must map back to original text that normalises to the same thing.</summary>
    private static string Original(string original, NormalizedText n, int start, int end)
    {
        var (os, oe) = n.Map.ToOriginal(start, end);
        return original[os..oe];
    }

    [Fact]
    public void Full_width_ascii_and_digits_fold_to_half_width()
    {
        var n = Normalize("ＡＩ安全 １２３，");
        Assert.Equal("AI安全 123,", n.Text);
        Assert.Equal("１２３", Original("ＡＩ安全 １２３，", n, 5, 8));
    }

    [Fact]
    public void Ideographic_space_and_runs_of_spaces_become_one_space()
    {
        Assert.Equal("a b c", Normalize("a\u3000\u3000b \t  c").Text);
    }

    [Fact]
    public void Curly_quotes_are_unified_with_ascii_quotes()
    {
        Assert.Equal("\"security\" isn't", Normalize("“security” isn’t").Text);
    }

    [Fact]
    public void A_line_break_inside_an_english_paragraph_becomes_a_space()
    {
        var n = Normalize("national\nsecurity matters\n\nNext paragraph");
        Assert.Equal("national security matters\nNext paragraph", n.Text);
        Assert.Equal(2, n.Paragraphs.Count);
    }

    [Fact]
    public void A_line_break_between_han_characters_is_removed()
    {
        const string original = "维护国家\n安全是头等大事\n\n第二段";
        var n = Normalize(original);
        Assert.Equal("维护国家安全是头等大事\n第二段", n.Text);
        var start = n.Text.IndexOf("国家安全", StringComparison.Ordinal);
        Assert.Equal("国家\n安全", Original(original, n, start, start + 4));
    }

    [Fact]
    public void A_word_hyphenated_across_a_line_break_is_repaired_and_maps_back_to_both_halves()
    {
        const string original = "national secu-\nrity and self-reliance";
        var n = Normalize(original);
        Assert.Equal("national security and self-reliance", n.Text);
        Assert.Equal("secu-\nrity", Original(original, n, 9, 17));
    }

    [Fact]
    public void A_hyphen_before_a_capitalised_line_is_kept()
    {
        Assert.Equal("Sino- American talks\nNext.", Normalize("Sino-\nAmerican talks\n\nNext.").Text);
    }

    [Fact]
    public void Soft_hyphens_and_zero_width_spaces_are_dropped()
    {
        Assert.Equal("security 安全", Normalize("secu\u00ADrity 安\u200B全").Text);
    }

    [Fact]
    public void A_text_without_blank_lines_has_one_paragraph_per_line()
    {
        var n = Normalize("第一段。\n第二段。\n第三段。");
        Assert.Equal(3, n.Paragraphs.Count);
        Assert.Equal("第一段。\n第二段。\n第三段。", n.Text);
    }

    [Fact]
    public void A_hard_wrapped_text_without_blank_lines_is_joined_into_one_paragraph()
    {
        var line = new string('x', 60);
        var n = Normalize($"{line} and\n{line} then\nend.");
        Assert.Single(n.Paragraphs);
    }

    [Fact]
    public void An_indented_line_starts_a_new_paragraph_even_between_blank_line_paragraphs()
    {
        var n = Normalize("第一段开始\n第一段继续\n\u3000\u3000第二段\n\n第三段");
        Assert.Equal(["第一段开始第一段继续", "第二段", "第三段"], n.Paragraphs.Select(p => n.Text[p.Start..p.End]).ToArray());
    }

    [Fact]
    public void Windows_line_endings_behave_like_unix_ones()
    {
        Assert.Equal(Normalize("a\nb\n\nc").Text, Normalize("a\r\nb\r\n\r\nc").Text);
    }

    [Fact]
    public void Combining_sequences_are_composed()
    {
        Assert.Equal("caf\u00E9 d\u00E9j\u00E0", Normalize("cafe\u0301 de\u0301ja\u0300").Text);
    }

    [Fact]
    public void Compatibility_ideographs_and_ligatures_fold_and_keep_their_original_span()
    {
        const string original = "\uFB01nance";
        var n = Normalize(original);
        Assert.Equal("finance", n.Text);
        Assert.Equal("\uFB01", Original(original, n, 0, 2));
        Assert.Equal("\uFB01nance", Original(original, n, 0, 7));
    }

    [Fact]
    public void Leading_and_trailing_whitespace_is_dropped()
    {
        Assert.Equal("text", Normalize("\n\n  text  \n\n").Text);
        Assert.Equal("", Normalize(" \n\t ").Text);
    }

    [Fact]
    public void A_lone_surrogate_is_kept_rather_than_crashing()
    {
        var n = Normalize("a\uD800b");
        Assert.Equal("a\uD800b", n.Text);
    }

    [Fact]
    public void Every_normalised_character_maps_inside_the_original_text_on_random_input()
    {
        var random = new Random(7);
        const string alphabet = "ab安全國 -\n\r\t\u3000ＡＢ１“”\u00AD\u200Bé\u0301";
        for (var round = 0; round < 300; round++)
        {
            var original = new string(Enumerable.Range(0, random.Next(0, 60)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var n = Normalize(original);
            Assert.Equal(n.Text.Length, n.Map.NormalizedLength);
            Assert.Equal(original.Length, n.Map.OriginalLength);
            var previous = 0;
            for (var i = 0; i < n.Text.Length; i++)
            {
                var (s, e) = n.Map.ToOriginal(i, i + 1);
                Assert.InRange(s, previous, original.Length);
                Assert.InRange(e, s, original.Length);
                previous = s;
            }
        }
    }
}
