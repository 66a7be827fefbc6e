using Vigil.Core.Analysis;
using Vigil.Core.Documents;
using Vigil.Core.Events.Extraction;

namespace Vigil.Core.Tests;

/// <summary>The rule-based event extractor: every rule on a hand-written sentence, negatives, spans, scripts, numbers, dates, hostile text.</summary>
public sealed class EventExtractorTests
{
    private static readonly EventExtractor Extractor = EventExtractor.Default;

    private static IReadOnlyList<EventProposal> Extract(string text) => Extractor.Extract(text, TestContext.Current.CancellationToken);

    private static void AssertSpan(string original, SourceSpan span) => Assert.Equal(span.Text, original.Substring(span.Start, span.Length));

    /// <summary>Every span a proposal reports is the original text at its offsets.</summary>
    private static void AssertSpansExact(string original, IEnumerable<EventProposal> proposals)
    {
        foreach (var p in proposals)
        {
            AssertSpan(original, p.Trigger);
            AssertSpan(original, p.Sentence);
            Assert.True(p.Trigger.Start >= p.Sentence.Start && p.Trigger.End <= p.Sentence.End, $"trigger of {p.Rule} lies outside its sentence");
            if (p.Actor is { } actor)
            {
                AssertSpan(original, actor);
            }

            if (p.DateSpan is { } date)
            {
                AssertSpan(original, date);
            }

            foreach (var t in p.Targets)
            {
                AssertSpan(original, t);
            }

            foreach (var c in p.Countries)
            {
                AssertSpan(original, c.Span);
            }

            foreach (var q in p.Quantities)
            {
                AssertSpan(original, q.Span);
                AssertSpan(original, q.Number);
            }
        }
    }

    // One hand-written sentence per rule: the rule, the sentence, the words it must report as the trigger.
    private static readonly (string Rule, string Sentence, string Trigger)[] Examples =
    [
        ("sanction.counter/zh/impose", "商务部宣布对三家美国企业实施制裁。", "对三家美国企业实施制裁"),
        ("sanction.counter/zh/countermeasure", "决定对两名加拿大议员采取反制措施。", "对两名加拿大议员采取反制"),
        ("sanction.counter/zh/list", "外交部决定将五家美国军工企业列入反制清单。", "将五家美国军工企业列入反制清单"),
        ("sanction.counter/zh/announce", "外交部今天宣布相关反制措施。", "宣布相关反制措施"),
        ("sanction.counter/zh/freeze", "外交部决定冻结该机构在华的全部财产。", "冻结该机构在华的全部财产"),
        ("sanction.counter/zh/entry-ban", "外交部宣布禁止该议员入境。", "禁止该议员入境"),
        ("sanction/zh/impose", "美国财政部对两名中国官员实施制裁。", "对两名中国官员实施制裁"),
        ("sanction.counter/en/impose", "Beijing imposed sanctions on a Czech senator on Monday.", "imposed sanctions on a Czech senator"),
        ("sanction.counter/en/sanctioned", "China sanctioned two American think tanks over their reports.", "sanctioned two American think tanks"),
        ("sanction.counter/en/freeze", "China's foreign ministry said it would freeze the assets of the institute in China.", "freeze the assets of the institute"),
        ("sanction.counter/en/countermeasures", "The ministry adopted countermeasures against three defence firms.", "adopted countermeasures against three defence firms"),
        ("sanction.counter/en/retaliation", "China retaliated with sanctions of its own.", "retaliated with sanctions"),
        ("sanction.counter/en/passive", "The countermeasures announced by China's foreign ministry take effect at once.", "countermeasures announced by China's foreign ministry"),
        ("sanction/en/impose", "The European Union imposed sanctions on four Chinese officials in March 2021.", "imposed sanctions on four Chinese officials"),
        ("sanction/en/sanctioned", "Washington sanctioned senior Hong Kong officials in August 2020.", "sanctioned senior Hong Kong officials"),
        ("sanction/en/adjective", "Protests followed the British sanctions against a Chinese official.", "British sanctions against a Chinese official"),
        ("sanction/en/passive", "The sanctions imposed by Brussels were the first in three decades.", "sanctions imposed by Brussels"),
        ("export-control.listing/zh/list", "商务部将两家美国企业列入不可靠实体清单。", "将两家美国企业列入不可靠实体清单"),
        ("export-control.listing/zh/listed", "两家美国企业被列入不可靠实体清单。", "列入不可靠实体清单"),
        ("export-control.listing/en/add", "Beijing put a US drone maker on its unreliable entity list.", "put a US drone maker on its unreliable entity list"),
        ("export-control.listing/en/added", "Three Chinese universities were added to the Entity List.", "Three Chinese universities were added to the Entity List"),
        ("police.training/zh/for", "公安部将为东盟国家培训五百名执法人员。", "为东盟国家培训五百名执法人员"),
        ("police.training/zh/course", "中国警官学院为老挝警察举办了禁毒培训班。", "举办了禁毒培训班"),
        ("police.training/zh/attend", "二十名柬埔寨警官在中国参加了反恐培训。", "参加了反恐培训"),
        ("police.training/en/train", "China will train 1,000 Pacific police officers.", "train 1,000 Pacific police officers"),
        ("police.training/en/train-officers", "Chinese police instructors trained 40 Fijian officers in riot control.", "trained 40 Fijian officers"),
        ("police.training/en/received", "Kyrgyz police received training from Chinese experts.", "received training"),
        ("police.training/en/course", "Cambodian police officers attended a course run by the Chinese People's Police University.", "course"),
        ("police.meeting/zh/meet", "公安部部长会见了来访的老挝公安部长。", "会见"),
        ("police.meeting/zh/dialogue", "中国—东盟执法安全合作部长级对话在北京举行。", "对话在北京举行"),
        ("police.meeting/en/meet", "China's public security minister met his Serbian counterpart in Belgrade.", "met"),
        ("police.meeting/en/forum", "An international forum on police cooperation opened in Lianyungang on Tuesday.", "forum on police cooperation opened"),
        ("police.agreement/zh/sign", "中国与老挝签署执法安全合作协议。", "签署执法安全合作协议"),
        ("police.agreement/en/sign", "China and Samoa signed a police cooperation agreement.", "signed a police cooperation agreement"),
        ("police.agreement/en/sign-deal", "China signed a deal with Vanuatu covering police equipment.", "signed a deal with Vanuatu covering police"),
        ("police.agreement/en/sign-on", "China and Fiji signed a memorandum of understanding on policing.", "signed a memorandum of understanding on policing"),
        ("police.joint-patrol/zh/patrol", "中国与意大利警方在罗马开展联合巡逻。", "联合巡逻"),
        ("police.joint-patrol/en/patrol", "Chinese officers will take part in joint patrols in Milan.", "joint patrols"),
        ("police.joint-patrol/en/together", "Chinese and Serbian officers patrolled the streets together.", "patrolled the streets together"),
        ("police.station-overseas/zh/station", "当地警方关闭了一处海外警务服务站。", "海外警务服务站"),
        ("police.station-overseas/en/station", "Police raided a Chinese police station in Rotterdam.", "Chinese police station"),
        ("law.extraterritorial-case/zh/wanted", "香港警方悬红通缉身在海外的三名人士。", "悬红"),
        ("law.extraterritorial-case/en/warrant", "Hong Kong issued arrest warrants for activists living in Britain.", "arrest warrants"),
        ("law.extraterritorial-case/en/absentia", "A court sentenced the dissident in absentia to ten years.", "sentenced the dissident in absentia"),
        ("law.extraterritorial-case/en/provision-used", "The extraterritorial clause was used against a Belizean businessman.", "extraterritorial clause was used against a Belizean businessman"),
        ("attack.overseas-interest/zh/attack", "一名中国工程师在当地遭枪击身亡。", "枪击"),
        ("attack.overseas-interest/en/attack", "Gunmen killed three Chinese workers at a mine in Mali.", "Gunmen"),
        ("cyber.incident/zh/attack", "某国政府网站遭到黑客攻击。", "遭到黑客攻击"),
        ("cyber.incident/en/breach", "Hackers breached the ministry's email servers.", "breached the ministry's email servers"),
        ("cyber.incident/en/attack-hit", "A ransomware attack hit the city's hospitals.", "ransomware attack hit"),
        ("cyber.incident/en/attack-on", "The company suffered a ransomware attack last week.", "suffered a ransomware attack"),
        ("diplomacy.initiative/zh/propose", "中方提出全球数据安全倡议。", "提出全球数据安全倡议"),
        ("diplomacy.initiative/zh/concept-paper", "全球安全倡议概念文件已于2023年2月正式发布。", "全球安全倡议概念文件"),
        ("diplomacy.initiative/en/propose", "Xi launched the Global Development Initiative at the UN in 2021.", "launched the Global Development Initiative"),
        ("diplomacy.initiative/en/passive", "The Global Civilization Initiative was proposed in March 2023.", "Global Civilization Initiative was proposed"),
        ("diplomacy.initiative/en/announcement-of", "The launch of the Global Security Initiative drew wide attention.", "launch of the Global Security Initiative"),
    ];

    public static TheoryData<string, string, string> RuleExamples
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var (rule, sentence, trigger) in Examples)
            {
                data.Add(rule, sentence, trigger);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(RuleExamples))]
    public void Each_rule_proposes_its_type_on_its_example_with_the_exact_trigger(string ruleId, string sentence, string trigger)
    {
        var rule = ExtractionRuleSet.BuiltIn.Rules.Single(r => r.Id == ruleId);
        var proposals = Extract(sentence);
        var proposal = Assert.Single(proposals, p => p.Type == rule.Type);
        Assert.Equal(ruleId, proposal.Rule);
        Assert.Equal(trigger, proposal.Trigger.Text);
        AssertSpansExact(sentence, proposals);
    }

    [Fact]
    public void Every_built_in_rule_has_an_example_above()
    {
        var covered = Examples.Select(e => e.Rule).ToHashSet(StringComparer.Ordinal);
        Assert.All(ExtractionRuleSet.BuiltIn.Rules, r => Assert.Contains(r.Id, covered));
    }

    [Theory]
    [InlineData("Sanctions rarely change a government's behaviour.")]
    [InlineData("中方坚决反对美方对中国企业实施单边制裁。")]
    [InlineData("The ministry denied it had placed any firm on the Unreliable Entity List.")]
    [InlineData("If the bill passes, China may impose countermeasures on US lawmakers.")]
    [InlineData("如果美方继续售台武器，中方将对美国军工企业实施制裁。")]
    [InlineData("The city police trained 800 officers in first aid.")]
    [InlineData("今年全省公安机关培训基层民警3000人次。")]
    [InlineData("公安部召开全国公安厅局长会议。")]
    [InlineData("外交部否认中方在海外设立警务服务站。")]
    [InlineData("所谓\"海外警察站\"的说法纯属捏造。")]
    [InlineData("Militants attacked a market in Peshawar, killing 12 people.")]
    [InlineData("No Chinese nationals were among the victims of the bombing.")]
    [InlineData("The firm said the outage was caused by a power cut, not a cyberattack.")]
    [InlineData("The Global Security Initiative calls for indivisible security.")]
    [InlineData("Police training programmes could deepen Beijing's influence in the Pacific.")]
    [InlineData("Beijing has repeatedly warned that it will retaliate against any sanctions.")]
    [InlineData("Officials expect the two sides to consider a police cooperation agreement.")]
    public void Generic_negated_hypothetical_and_domestic_sentences_propose_nothing(string sentence)
    {
        Assert.Empty(Extract(sentence));
    }

    [Theory]
    [InlineData("中方已对该公司实施制裁。", "中方并未对该公司实施制裁。")]
    [InlineData("China imposed sanctions on the senator.", "China may impose sanctions on the senator.")]
    [InlineData("China signed a police cooperation agreement with Fiji.", "China has not signed a police cooperation agreement with Fiji.")]
    [InlineData("Gunmen killed two Chinese workers near the dam.", "The embassy denied that gunmen had killed two Chinese workers near the dam.")]
    [InlineData("The Foreign Ministry said China would sanction the senator.", "China would sanction the senator.")]
    [InlineData("中国与老挝签署执法安全合作协议。", "报道称，中国并未与老挝签署执法安全合作协议。")]
    [InlineData("该网站遭到黑客攻击。", "该网站否认遭到黑客攻击。")]
    public void Negation_denial_and_modality_cancel_what_the_plain_sentence_proposes(string plain, string cancelled)
    {
        Assert.NotEmpty(Extract(plain));
        Assert.Empty(Extract(cancelled));
    }

    [Fact]
    public void A_time_frame_is_not_a_meeting_but_the_agreement_in_it_is_proposed()
    {
        var proposals = Extract("部长访问期间，两国签署了警务合作协议。");
        Assert.Equal(["police.agreement"], proposals.Select(p => p.Type));
    }

    [Theory]
    [InlineData("外交部宣布对美国两家军工企业采取反制措施。", "外交部宣佈對美國兩家軍工企業採取反制措施。")]
    [InlineData("商务部将三家美国实体列入不可靠实体清单。", "商務部將三家美國實體列入不可靠實體清單。")]
    [InlineData("中方承诺为太平洋岛国培训三千名警察。", "中方承諾為太平洋島國培訓三千名警察。")]
    [InlineData("武装分子袭击了中资企业营地，造成两名中国公民死亡。", "武裝分子襲擊了中資企業營地，造成兩名中國公民死亡。")]
    [InlineData("荷兰外交部表示，正在调查两处海外警务服务站。", "荷蘭外交部表示，正在調查兩處海外警務服務站。")]
    public void Traditional_text_gives_the_same_proposals_as_simplified(string simplified, string traditional)
    {
        var a = Extract(simplified);
        var b = Extract(traditional);
        Assert.NotEmpty(a);
        Assert.Equal(a.Select(p => (p.Type, p.Rule, p.Trigger.Start, p.Trigger.Length, p.Date, p.Countries.Count)),
            b.Select(p => (p.Type, p.Rule, p.Trigger.Start, p.Trigger.Length, p.Date, p.Countries.Count)));
        Assert.Equal(a.SelectMany(p => p.Quantities).Select(q => (q.Kind, q.Value)), b.SelectMany(p => p.Quantities).Select(q => (q.Kind, q.Value)));
        AssertSpansExact(traditional, b);
        Assert.Equal(b[0].Trigger.Text, traditional.Substring(a[0].Trigger.Start, a[0].Trigger.Length));
    }

    [Theory]
    [InlineData("In 2017 Xi offered to train 20,000 police officers from other countries.", "police.training", "trained", 20000)]
    [InlineData("截至目前，中方已为非洲国家培训2万名执法人员。", "police.training", "trained", 20000)]
    [InlineData("中方宣布将为太平洋岛国培训一百二十名警察。", "police.training", "trained", 120)]
    [InlineData("Over the past decade China has trained more than two thousand police officers from Latin America.", "police.training", "trained", 2000)]
    [InlineData("巴基斯坦发生爆炸袭击，造成两名中国公民死亡。", "attack.overseas-interest", "killed", 2)]
    [InlineData("Gunmen attacked a Chinese-run mine, killing nine Chinese nationals.", "attack.overseas-interest", "killed", 9)]
    [InlineData("武装分子袭击了一处中资工地，造成三人受伤。", "attack.overseas-interest", "injured", 3)]
    [InlineData("外交部宣布对欧方10名人员和4个实体实施制裁。", "sanction.counter", "persons", 10)]
    [InlineData("外交部宣布对欧方10名人员和4个实体实施制裁。", "sanction.counter", "entities", 4)]
    [InlineData("商务部将28家美国实体列入出口管制管控名单。", "export-control.listing", "entities", 28)]
    public void Quantities_are_read_from_arabic_chinese_and_english_numerals(string sentence, string type, string kind, long value)
    {
        var proposal = Assert.Single(Extract(sentence), p => p.Type == type);
        var quantity = Assert.Single(proposal.Quantities, q => q.Kind == kind);
        Assert.Equal(value, quantity.Value);
        AssertSpan(sentence, quantity.Span);
        AssertSpan(sentence, quantity.Number);
    }

    [Fact]
    public void Quantities_come_from_the_clause_of_their_event()
    {
        var proposals = Extract("On 22 March 2021 China announced sanctions on ten European individuals and four entities, hours after the EU sanctioned four Chinese officials.");
        var counter = Assert.Single(proposals, p => p.Type == "sanction.counter");
        Assert.Equal([("persons", 10L), ("entities", 4L)], counter.Quantities.Select(q => (q.Kind, q.Value)));
        Assert.Equal(["ten European individuals", "four entities"], counter.Targets.Select(t => t.Text));
        Assert.Equal("China", counter.Actor?.Text);
        var eu = Assert.Single(proposals, p => p.Type == "sanction");
        Assert.Equal([("persons", 4L)], eu.Quantities.Select(q => (q.Kind, q.Value)));
        Assert.Equal("the EU", eu.Actor?.Text);
        Assert.Equal("2021-03-22", counter.Date?.ToString());
    }

    [Theory]
    [InlineData("2023年5月，中国人民警察大学为来自12个国家的86名警官举办了反恐培训班。", "2023-05", "sentence")]
    [InlineData("2024年10月6日，巴基斯坦发生爆炸袭击，造成两名中国公民死亡。", "2024-10-06", "sentence")]
    [InlineData("In March 2022 Chinese police began joint patrols with Serbian police.", "2022-03", "sentence")]
    [InlineData("On 22 March 2021 China imposed sanctions on ten European individuals.", "2021-03-22", "sentence")]
    [InlineData("On March 22, 2021, China imposed sanctions on ten European individuals.", "2021-03-22", "sentence")]
    [InlineData("In 2017, Beijing hosted Interpol's General Assembly.", "2017", "sentence")]
    [InlineData("In March 2024, two attacks hit Chinese projects. On October 6, gunmen killed two Chinese workers at a dam.", "2024-10-06", "sentence+paragraph-year")]
    [InlineData("The ministry published its report in July 2023. Hackers breached the ministry's networks, it said.", "2023-07", "paragraph")]
    public void Dates_stated_in_the_sentence_or_its_paragraph_are_read(string text, string date, string source)
    {
        var proposal = Extract(text)[^1];
        Assert.Equal(date, proposal.Date?.ToString());
        Assert.Equal(source, proposal.DateSource);
        Assert.NotNull(proposal.DateSpan);
        AssertSpan(text, proposal.DateSpan!.Value);
    }

    [Theory]
    [InlineData("Last month China imposed sanctions on a Czech senator.")]
    [InlineData("今年，外交部宣布对美国两家军工企业采取反制措施。")]
    [InlineData("China imposed sanctions on a Czech senator on Monday.")]
    public void Relative_or_missing_dates_are_left_to_the_document(string text)
    {
        var proposal = Assert.Single(Extract(text));
        Assert.Null(proposal.Date);
        Assert.Null(proposal.DateSource);
    }

    [Fact]
    public void Spans_point_into_the_original_across_line_breaks_hyphenation_and_full_width_text()
    {
        const string original = "Weekly report\r\n\r\nOn 22 March 2021 China an-\r\nnounced sanctions on ten European\r\nindividuals and four entities.\r\n\r\n"
            + "外交部２０２４年４月宣布，对美国两家军工\r\n企业采取反制措施。\r\n";
        var proposals = Extract(original);
        AssertSpansExact(original, proposals);
        Assert.Equal(2, proposals.Count);

        var en = proposals[0];
        Assert.Equal("an-\r\nnounced sanctions on ten European\r\nindividuals and four entities", en.Trigger.Text);
        Assert.Equal(1, en.Paragraph);
        Assert.Equal("en", en.Language);

        var zh = proposals[1];
        Assert.Equal("sanction.counter", zh.Type);
        Assert.Equal("对美国两家军工\r\n企业采取反制", zh.Trigger.Text);
        Assert.Equal("2024-04", zh.Date?.ToString());
        Assert.Equal("２０２４年４月", zh.DateSpan?.Text);
        Assert.Equal("外交部", zh.Actor?.Text);
        Assert.Equal("zh", zh.Language);
        Assert.Equal(2, zh.Paragraph);
    }

    [Fact]
    public void Countries_come_from_the_gazetteer_with_their_spans()
    {
        const string text = "中国与老挝签署执法安全合作协议，并将为柬埔寨培训二百名警察。";
        var proposals = Extract(text);
        AssertSpansExact(text, proposals);
        var agreement = Assert.Single(proposals, p => p.Type == "police.agreement");
        Assert.Equal(["CN", "LA", "KH"], agreement.Countries.Select(c => c.Code));
        Assert.Equal(["中国", "老挝", "柬埔寨"], agreement.Countries.Select(c => c.Span.Text));
        var training = Assert.Single(proposals, p => p.Type == "police.training");
        Assert.Equal(200, Assert.Single(training.Quantities).Value);
    }

    [Fact]
    public void The_same_text_gives_the_same_proposals_in_the_same_order()
    {
        const string text = "Beijing imposed sanctions on a Czech senator. 中方承诺为太平洋岛国培训三千名警察。Gunmen killed three Chinese workers at a mine in Mali.";
        var first = Extract(text);
        var second = new EventExtractor(ExtractionRuleSet.BuiltIn, GazetteerCountryFinder.BuiltIn).Extract(text, TestContext.Current.CancellationToken);
        Assert.Equal(["sanction.counter", "police.training", "attack.overseas-interest"], first.Select(p => p.Type));
        Assert.Equal(first.Select(p => (p.Type, p.Rule, p.Trigger, p.Sentence, p.Confidence)), second.Select(p => (p.Type, p.Rule, p.Trigger, p.Sentence, p.Confidence)));
    }

    [Fact]
    public void A_long_sentence_lowers_the_confidence_by_a_tenth()
    {
        var filler = string.Concat(Enumerable.Repeat("after weeks of talks between officials of both governments ", 6));
        var shortOne = Assert.Single(Extract("Beijing imposed sanctions on a Czech senator."));
        var longOne = Assert.Single(Extract($"Beijing, {filler}, imposed sanctions on a Czech senator."));
        Assert.Equal(0.9, shortOne.Confidence);
        Assert.Equal(0.8, longOne.Confidence);
    }

    public sealed class HostileText
    {
        [Theory]
        [InlineData("")]
        [InlineData("   \n\n\t  ")]
        [InlineData("。。。！！？？；；....!!??")]
        [InlineData("\0\u0001\u0007\u001b\u007f\u0085")]
        public void Empty_or_punctuation_only_text_gives_nothing(string text)
        {
            Assert.Empty(EventExtractor.Default.Extract(text, TestContext.Current.CancellationToken));
        }

        [Fact]
        public void Control_characters_and_lone_surrogates_do_not_break_spans()
        {
            const string text = "外交部\0宣布对\u0007美国企业\u001b实施制裁。\uD800 Beijing imposed sanctions on \uDC00 a Czech senator.";
            var proposals = EventExtractor.Default.Extract(text, TestContext.Current.CancellationToken);
            Assert.NotEmpty(proposals);
            AssertSpansExact(text, proposals);
        }

        [Fact]
        public void A_huge_line_without_stops_is_read_in_bounded_sentences()
        {
            var text = string.Concat(Enumerable.Repeat("China imposed sanctions on a Czech senator and ", 20_000)) + "外交部宣布对美国企业实施制裁";
            var proposals = EventExtractor.Default.Extract(text, TestContext.Current.CancellationToken);
            Assert.True(proposals.Count > 100, $"only {proposals.Count} proposals");
            Assert.All(proposals, p => Assert.InRange(p.Sentence.Length, 1, SentenceSplitter.MaxSentenceLength));
            Assert.Equal("sanction.counter", proposals[^1].Type);
            AssertSpansExact(text, proposals);
        }

        [Fact]
        public void Cancellation_is_honoured()
        {
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            Assert.Throws<OperationCanceledException>(() => EventExtractor.Default.Extract(AnalysisPipeline.Default.Content("China imposed sanctions on a Czech senator."), cts.Token));
        }
    }

    [Fact]
    public void A_stored_document_is_read_with_its_paragraphs()
    {
        const string text = "第一段没有事件。\n\n商务部将两家美国企业列入不可靠实体清单。";
        var analysis = AnalysisPipeline.Default.Run(text);
        var content = new DocumentContent(text, analysis.Normalized, analysis.Paragraphs, []);
        var proposal = Assert.Single(EventExtractor.Default.Extract(content, TestContext.Current.CancellationToken));
        Assert.Equal(1, proposal.Paragraph);
        Assert.Equal(["两家美国企业"], proposal.Targets.Select(t => t.Text));
        Assert.Equal("商务部", proposal.Actor?.Text);
    }
}
