using System.Text;
using Vigil.Core.Segmentation;
using Vigil.Core.Text;

namespace Vigil.Core.Tests;

/// <summary>
/// The jieba-algorithm segmenter. Expected cuts of real sentences were checked by hand against jieba's
/// dictionary and agree with <c>jieba.cut(s, HMM=False)</c> of jieba 0.42.1; the small dictionaries below are
/// worked through by hand in the comments.
/// </summary>
public sealed class SegmentationTests
{
    private static string[] Cut(string text) => ChineseSegmenter.Default.Tokenize(text).Select(t => t.Text).ToArray();

    private static ChineseSegmenter Small(string dictionary) => ChineseSegmenter.Load(new StringReader(dictionary), "test dictionary");

    private static string[] Cut(ChineseSegmenter segmenter, string text) => segmenter.Tokenize(text).Select(t => t.Text).ToArray();

    [Theory]
    [InlineData("我来到北京清华大学", "我/来到/北京/清华大学")]
    [InlineData("他来到了网易杭研大厦", "他/来到/了/网易/杭/研/大厦")] // 杭研 is not in the dictionary; without the HMM it stays two characters
    [InlineData("结婚的和尚未结婚的", "结婚/的/和/尚未/结婚/的")] // the classic ambiguity: not 和尚
    [InlineData("研究生命起源", "研究/生命/起源")]
    [InlineData("坚持总体国家安全观", "坚持/总体/国家/安全观")]
    [InlineData("他说中华人民共和国全国人民代表大会常务委员会开会", "他/说/中华人民共和国/全国人民代表大会常务委员会/开会")]
    public void Sentences_are_cut_as_jieba_cuts_them_without_the_hmm(string text, string expected)
    {
        Assert.Equal(expected, string.Join('/', Cut(text)));
    }

    [Fact]
    public void The_route_with_the_greatest_product_of_word_probabilities_wins()
    {
        // total = 10 + 5 + 10 + 2 + 10 = 37. Routes over 研究生命起源:
        //   研究/生命/起源: ln10 + ln10 + ln10 − 3 ln37 = 6.908 − 10.833 = −3.925
        //   研究生/命/起源: ln5 + ln2 + ln10 − 3 ln37  = 4.605 − 10.833 = −6.228
        // (研/究… are not words: a character that starts no word is the only fallback.)
        var segmenter = Small("研究 10\n研究生 5\n生命 10\n命 2\n起源 10\n");
        Assert.Equal(["研究", "生命", "起源"], Cut(segmenter, "研究生命起源"));
        Assert.Equal(37, segmenter.TotalFrequency);
        Assert.Equal(5, segmenter.WordCount);
    }

    [Fact]
    public void On_a_tie_the_longer_word_wins_as_in_jieba()
    {
        // total = 1 + 3 + 3 + 2 = 9. 甲乙: ln1 − ln9 = −ln9; 甲/乙: 2·ln3 − 2·ln9 = −ln9. Equal (also in doubles):
        // jieba takes max over (score, end), so the longer word wins.
        var segmenter = Small("甲乙 1\n甲 3\n乙 3\n丙 2\n");
        Assert.Equal(["甲乙", "丙", "丁"], Cut(segmenter, "甲乙丙丁"));
    }

    [Fact]
    public void A_character_that_is_only_a_prefix_is_a_word_of_its_own_when_no_word_follows()
    {
        // 甲 is a prefix of 甲乙 (frequency 0 in jieba's prefix dictionary), not a word; 丙 is unknown.
        var segmenter = Small("甲乙 5\n");
        Assert.Equal(["甲", "丙", "甲乙"], Cut(segmenter, "甲丙甲乙"));
        Assert.Equal(0, segmenter.Frequency("甲"));
        Assert.Equal(5, segmenter.Frequency("甲乙"));
    }

    [Fact]
    public void The_shipped_dictionary_is_jieba_0_42_1()
    {
        // Sum of the second column of jieba's dict.txt (awk '{s+=$2} END {print s}'): 60,101,967.
        var segmenter = ChineseSegmenter.Default;
        Assert.Equal(60_101_967, segmenter.TotalFrequency);
        Assert.Equal(9921, segmenter.Frequency("安全")); // "安全 9921 an"
        Assert.Equal(922, segmenter.Frequency("清華大學")); // folded to 清华大学 (922)
        Assert.Equal(0, segmenter.Frequency("国家安全")); // not a jieba word: 国家/安全
        Assert.True(segmenter.WordCount > 340_000);
    }

    [Fact]
    public void Words_that_fold_alike_are_one_word_with_the_sum_of_their_frequencies()
    {
        // jieba has both 显著 (2721) and 显着 (3); the fold maps 著 to 着, so folded text cannot tell them apart.
        Assert.Equal(2724, ChineseSegmenter.Default.Frequency("显著"));
        Assert.Equal(["水平", "显着", "提高"], Cut("水平显著提高"));
    }

    [Fact]
    public void Traditional_text_is_cut_like_its_simplified_form()
    {
        var simplified = "我来到北京清华大学。国家安全是民族复兴的根基，社会稳定是国家强盛的前提。";
        var traditional = "我來到北京清華大學。國家安全是民族復興的根基，社會穩定是國家強盛的前提。";
        var s = ChineseSegmenter.Default.Tokenize(simplified);
        var t = ChineseSegmenter.Default.Tokenize(traditional);
        Assert.Equal(s.Select(x => (x.Start, x.End, x.Text)), t.Select(x => (x.Start, x.End, x.Text)));
        Assert.Equal("我/来到/北京/清华大学/国家/安全/是/民族/复兴/的/根基/社会/稳定/是/国家/强盛/的/前提", string.Join('/', t.Select(x => x.Text)));
    }

    [Fact]
    public void Latin_words_numbers_and_punctuation_are_told_apart()
    {
        var tokens = ChineseSegmenter.Default.Tokenize("AI安全：2024年GDP增长5.2%，China's 5G-era!");
        Assert.Equal(
            [("ai", TokenKind.Latin), ("安全", TokenKind.Han), ("2024", TokenKind.Number), ("年", TokenKind.Han), ("gdp", TokenKind.Latin),
             ("增长", TokenKind.Han), ("5", TokenKind.Number), ("2", TokenKind.Number), ("china", TokenKind.Latin), ("s", TokenKind.Latin),
             ("5g", TokenKind.Latin), ("era", TokenKind.Latin)],
            tokens.Select(t => (t.Text, t.Kind)));
    }

    [Fact]
    public void Han_tokens_cover_every_han_character_once_in_order_and_offsets_map_back()
    {
        var text = TextNormalizer.Default.Normalize(
            "2023年，《總體國家安全觀》提出：統籌發展和安全（development and security）。\n第二段：维护国家安全和发展利益，AI與數據安全。").Text;
        var tokens = ChineseSegmenter.Default.Tokenize(text);
        var folded = MatchFolding.Fold(text);

        var han = new StringBuilder();
        foreach (var c in folded)
        {
            if (CharClass.IsHan(c))
            {
                han.Append(c);
            }
        }

        Assert.Equal(han.ToString(), string.Concat(tokens.Where(t => t.Kind == TokenKind.Han).Select(t => t.Text)));
        var previousEnd = 0;
        foreach (var t in tokens)
        {
            Assert.True(t.Start >= previousEnd && t.End > t.Start, $"token {t} overlaps or is empty");
            Assert.Equal(t.Text, MatchFolding.Fold(text[t.Start..t.End]));
            previousEnd = t.End;
        }
    }

    [Fact]
    public void Folded_and_normalised_input_give_the_same_spans()
    {
        var text = "國家安全與 Development，統籌發展和安全";
        List<TokenSpan> fromNormalised = [], fromFolded = [];
        ChineseSegmenter.Default.Segment(text, fromNormalised);
        ChineseSegmenter.Default.Segment(MatchFolding.Fold(text), fromFolded);
        Assert.Equal(fromNormalised, fromFolded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("，。！？、…——“”（）《》 \n\t.,;:!?")]
    [InlineData("ロシア ひらがな 한국어 ∑∫ ★☆")]
    public void Text_without_words_gives_no_tokens(string text)
    {
        Assert.Empty(ChineseSegmenter.Default.Tokenize(text));
    }

    [Fact]
    public void Kana_and_hangul_are_skipped_but_other_alphabets_are_words()
    {
        Assert.Equal(["русский", "中文", "ελληνικά"], Cut("ロシアрусский한국어中文ελληνικά"));
    }

    [Fact]
    public void A_megabyte_of_one_han_character_is_cut_into_single_characters()
    {
        // 的的 is not a jieba word (only a prefix of 的的确确), so every 的 is a word: 1,048,576 tokens.
        var text = new string('的', 1 << 20);
        var tokens = new List<TokenSpan>();
        ChineseSegmenter.Default.Segment(text, tokens);
        Assert.Equal(1 << 20, tokens.Count);
        Assert.All(tokens.Take(10), t => Assert.Equal(1, t.Length));
        Assert.Equal(text.Length, tokens[^1].End);
    }

    [Fact]
    public void Supplementary_han_characters_are_one_token_and_never_split()
    {
        // 𠮷 (U+20BB7, CJK Extension B) is a surrogate pair and not in the dictionary: a word of its own, two UTF-16 units.
        var tokens = ChineseSegmenter.Default.Tokenize("𠮷野家的牛肉饭𠀀𠀁");
        Assert.Equal(["𠮷", "野", "家", "的", "牛肉", "饭", "𠀀", "𠀁"], tokens.Select(t => t.Text));
        Assert.Equal((0, 2), (tokens[0].Start, tokens[0].End));
        Assert.All(tokens, t => Assert.Equal(TokenKind.Han, t.Kind));
    }

    [Fact]
    public void A_lone_surrogate_is_not_a_token_and_does_not_break_its_neighbours()
    {
        var text = "安全\uD842国家\uDFB7发展";
        Assert.Equal(["安全", "国家", "发展"], Cut(text));
    }

    [Fact]
    public void A_very_long_dictionary_word_is_found_whole()
    {
        // 2,000 characters U+4E00… cycling through 500 (some are traditional: the word and the text fold alike).
        var word = string.Concat(Enumerable.Range(0, 2000).Select(i => (char)('\u4E00' + (i % 500))));
        var segmenter = Small($"{word} 3\n一 1\n");
        var tokens = segmenter.Tokenize("一" + word + "一");
        Assert.Equal(["一", MatchFolding.Fold(word), "一"], tokens.Select(t => t.Text));
        Assert.Equal((1, 2001), (tokens[1].Start, tokens[1].End));
    }

    [Fact]
    public void A_malformed_dictionary_line_is_named()
    {
        var error = Assert.Throws<InvalidDataException>(() => Small("安全 10\n国家 many\n"));
        Assert.Equal("test dictionary, line 2: expected 'word frequency [tag]', found '国家 many'.", error.Message);
    }

    [Fact]
    public void The_segmenter_gives_the_same_tokens_from_many_threads()
    {
        var text = string.Concat(Enumerable.Repeat("统筹发展和安全，坚持总体国家安全观。", 200));
        var expected = ChineseSegmenter.Default.Tokenize(text);
        Parallel.For(0, 16, _ => Assert.Equal(expected, ChineseSegmenter.Default.Tokenize(text)));
    }
}

/// <summary>The statistics tokenizer's options.</summary>
public sealed class SegmentationWordTokenizerTests
{
    [Fact]
    public void Numbers_are_left_out_unless_asked_for()
    {
        const string text = "2022年GDP增长3%";
        Assert.Equal(["年", "gdp", "增长"], WordTokenizer.Default.Tokenize(text).Select(t => t.Text));
        var withNumbers = new WordTokenizer(new TokenizerOptions { IncludeNumbers = true });
        Assert.Equal(["2022", "年", "gdp", "增长", "3"], withNumbers.Tokenize(text).Select(t => t.Text));
    }

    [Fact]
    public void Minimum_length_counts_characters_not_utf16_units()
    {
        var tokenizer = new WordTokenizer(new TokenizerOptions { MinLength = 2 });
        // 𠮷 is one character in two UTF-16 units: too short. 的 and "a" are one character.
        Assert.Equal(["安全", "is"], tokenizer.Tokenize("𠮷的安全 is a").Select(t => t.Text));
    }

    [Fact]
    public void Apostrophes_and_hyphens_split_words_like_the_word_count_does()
    {
        Assert.Equal(["china", "s", "well", "known", "don", "t"], WordTokenizer.Default.Tokenize("China's well-known don’t").Select(t => t.Text));
    }

    [Fact]
    public void A_minimum_length_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WordTokenizer(new TokenizerOptions { MinLength = 0 }));
    }
}
