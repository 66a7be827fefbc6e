using Vigil.Core.Analysis;
using Vigil.Core.Events.Extraction;

namespace Vigil.Core.Tests;

/// <summary>The parts of the extractor: numerals, sentence splitting, date finding and the rules file format.</summary>
public sealed class EventExtractionPartsTests
{
    public sealed class Numerals
    {
        [Theory]
        [InlineData("20,000", 20000)]
        [InlineData("1,234,567", 1234567)]
        [InlineData("86", 86)]
        [InlineData("2万", 20000)]
        [InlineData("1.5万", 15000)]
        [InlineData("2.5 million", 2500000)]
        [InlineData("3 thousand", 3000)]
        [InlineData("三千", 3000)]
        [InlineData("一百二十", 120)]
        [InlineData("十二", 12)]
        [InlineData("二十", 20)]
        [InlineData("两万", 20000)]
        [InlineData("三万五千", 35000)]
        [InlineData("一百万", 1000000)]
        [InlineData("一亿两千万", 120000000)]
        [InlineData("二〇二三", 2023)]
        [InlineData("一", 1)]
        [InlineData("forty", 40)]
        [InlineData("Forty", 40)]
        [InlineData("two thousand", 2000)]
        [InlineData("twenty-five", 25)]
        [InlineData("one hundred and twenty", 120)]
        [InlineData("nine", 9)]
        public void Numerals_are_read(string text, long value)
        {
            Assert.True(NumeralParser.TryParse(text, out var parsed));
            Assert.Equal(value, parsed);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData(null)]
        [InlineData("abc")]
        [InlineData("1.5")]
        [InlineData("2 dozen")]
        [InlineData("三个")]
        [InlineData("99999999999999999999999")]
        public void What_is_not_a_whole_number_is_refused(string? text)
        {
            Assert.False(NumeralParser.TryParse(text, out _));
        }
    }

    public sealed class Sentences
    {
        private static List<string> Split(string text)
        {
            var normalized = AnalysisPipeline.Default.Run(text).Normalized;
            return SentenceSplitter.Split(normalized).Select(s => normalized.Text[s.Start..s.End]).ToList();
        }

        [Fact]
        public void Chinese_ends_at_full_stops_and_at_semicolons_between_han()
        {
            // NFKC makes ！？； ASCII in the normalised text the rules read.
            Assert.Equal(["中方宣布制裁。", "美方表示反对!", "双方签署协议;", "此后继续会谈?", "完"], Split("中方宣布制裁。美方表示反对！双方签署协议；此后继续会谈？完"));
        }

        [Fact]
        public void English_ends_at_stops_but_not_after_abbreviations_initials_or_decimals()
        {
            Assert.Equal(
                ["Mr. Li met U.S. officials on Jan. 5 in Washington.", "Growth was 3.5 per cent.", "J. Smith said so, e.g. in the report.", "Done!"],
                Split("Mr. Li met U.S. officials on Jan. 5 in Washington. Growth was 3.5 per cent. J. Smith said so, e.g. in the report. Done!"));
        }

        [Fact]
        public void Closing_quotes_stay_with_their_sentence_and_english_semicolons_do_not_split()
        {
            Assert.Equal(["He said: \"It is over.\"", "Three attacks took place; five people were killed."],
                Split("He said: \u201CIt is over.\u201D Three attacks took place; five people were killed."));
        }

        [Fact]
        public void A_sentence_never_crosses_a_paragraph()
        {
            var normalized = AnalysisPipeline.Default.Run("First paragraph without a stop\n\n第二段没有句号").Normalized;
            var sentences = SentenceSplitter.Split(normalized);
            Assert.Equal([0, 1], sentences.Select(s => s.Paragraph));
        }

        [Fact]
        public void Overlong_runs_are_cut_at_a_clause_mark_or_space()
        {
            var text = string.Concat(Enumerable.Repeat("word, ", 500));
            var normalized = AnalysisPipeline.Default.Run(text).Normalized;
            var sentences = SentenceSplitter.Split(normalized);
            Assert.True(sentences.Count >= 3);
            Assert.All(sentences, s => Assert.InRange(s.Length, 1, SentenceSplitter.MaxSentenceLength));
            Assert.All(sentences.SkipLast(1), s => Assert.Equal(',', normalized.Text[s.End - 1]));
            Assert.Equal(normalized.Text.TrimEnd().Length, sentences[^1].End);
        }
    }

    public sealed class Dates
    {
        [Theory]
        [InlineData("2023年5月", 2023, 5, null)]
        [InlineData("2024年10月6日", 2024, 10, 6)]
        [InlineData("二〇二三年三月", 2023, 3, null)]
        [InlineData("二〇二三年十二月二十一日", 2023, 12, 21)]
        [InlineData("22 march 2021", 2021, 3, 22)]
        [InlineData("march 22, 2021", 2021, 3, 22)]
        [InlineData("in september 2019", 2019, 9, null)]
        [InlineData("in 2017", 2017, null, null)]
        [InlineData("3月22日", null, 3, 22)]
        [InlineData("on october 6,", null, 10, 6)]
        public void Explicit_dates_are_found_in_folded_text(string folded, int? year, int? month, int? day)
        {
            var mention = Assert.Single(DateFinder.Find(folded));
            Assert.Equal((year, month, day), (mention.Year, mention.Month, mention.Day));
        }

        [Theory]
        [InlineData("china may impose sanctions")]
        [InlineData("train 2000 police officers")]
        [InlineData("last month and on monday")]
        [InlineData("今年和去年")]
        public void Numbers_modals_and_relative_dates_are_not_dates(string folded)
        {
            Assert.Empty(DateFinder.Find(folded));
        }

        [Fact]
        public void An_impossible_day_gives_no_date()
        {
            var mention = Assert.Single(DateFinder.Find("2023年2月30日"));
            Assert.Null(mention.ToDate());
            Assert.Equal("2023-10-06", DateFinder.Find("10月6日").Single().ToDate(2023)?.ToString());
        }
    }

    public sealed class RulesFile
    {
        [Fact]
        public void A_small_rules_file_parses_and_proposes()
        {
            const string text = """
                define cn = 中国|\bchina\b
                actor cn = 中国|\bchina\b
                cue negation clause-before = 并未|\bnot\b
                type sanction.counter
                  quantity persons "persons" = (?<n>\d+)\s*名
                rule test/zh
                  type sanction.counter
                  trigger 对(?<target>[^,;。]{1,20})实施制裁
                  actor cn required
                  confidence 0.7
                """;
            var rules = ExtractionRuleSet.Parse(text, "test.vrules");
            var extractor = new EventExtractor(rules);
            var p = Assert.Single(extractor.Extract("中国对5名议员实施制裁。", TestContext.Current.CancellationToken));
            Assert.Equal(("sanction.counter", "test/zh", 0.7), (p.Type, p.Rule, p.Confidence));
            Assert.Equal(5, Assert.Single(p.Quantities).Value);
            Assert.Empty(p.Countries); // no gazetteer given
            Assert.Empty(extractor.Extract("中国并未对5名议员实施制裁。", TestContext.Current.CancellationToken));
            Assert.Empty(extractor.Extract("美国对5名议员实施制裁。", TestContext.Current.CancellationToken));
        }

        [Fact]
        public void Every_problem_of_a_broken_file_is_reported_with_its_line()
        {
            const string text = """
                define bad name = x
                rule a
                  type no.such.type
                  trigger x
                rule b
                  type sanction
                  trigger (?=lookahead)x
                rule c
                  type sanction
                rule d
                  type sanction
                  trigger {undefined_macro}
                  confidence 2
                rule d
                  type sanction
                  trigger y
                  actor nobody required
                cue negation somewhere = not
                type sanction
                  quantity persons "p" = \d+
                """;
            var ex = Assert.Throws<ExtractionRulesException>(() => ExtractionRuleSet.Parse(text, "bad.vrules"));
            var errors = string.Join("\n", ex.Errors);
            Assert.Contains("bad.vrules:1: expected 'define NAME = PATTERN'", errors, StringComparison.Ordinal);
            Assert.Contains("bad.vrules:3: unknown event type 'no.such.type'", errors, StringComparison.Ordinal);
            Assert.Contains("bad.vrules:7: bad pattern", errors, StringComparison.Ordinal);
            Assert.Contains("bad.vrules:8: rule c has no 'trigger' line", errors, StringComparison.Ordinal);
            Assert.Contains("bad.vrules:12: '{undefined_macro}' is not defined", errors, StringComparison.Ordinal);
            Assert.Contains("bad.vrules:13: confidence must be a number in (0, 1]", errors, StringComparison.Ordinal);
            Assert.Contains("bad.vrules:14: rule id 'd' is used twice", errors, StringComparison.Ordinal);
            Assert.Contains("bad.vrules:14: rule d names actor class 'nobody'", errors, StringComparison.Ordinal);
            Assert.Contains("bad.vrules:18: expected 'cue KIND SCOPE = PATTERN'", errors, StringComparison.Ordinal);
            Assert.Contains("bad.vrules:20: a quantity pattern needs a group (?<n>", errors, StringComparison.Ordinal);
        }

        [Fact]
        public void The_built_in_rules_load_and_cover_every_type()
        {
            var rules = ExtractionRuleSet.BuiltIn;
            Assert.Equal(EventTypes.All.OrderBy(t => t, StringComparer.Ordinal), rules.Rules.Select(r => r.Type).Distinct().OrderBy(t => t, StringComparer.Ordinal));
            Assert.All(rules.Rules, r => Assert.InRange(r.Confidence, 0.5, 1));
            Assert.NotNull(rules.ForeignMarker);
            Assert.Contains(rules.Cues, c => c.Kind == "negation");
        }
    }
}
