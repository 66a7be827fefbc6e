using System.Security.Cryptography;
using System.Text;
using Vigil.Core.Events.Extraction;

namespace Vigil.Core.Tests;

/// <summary>The labelled event set (eval/events) and its scoring.</summary>
public sealed class EventEvaluationTests
{
    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.sln")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        throw new FileNotFoundException(relative);
    }

    private static (List<LabelledSentence> Records, Dictionary<string, string> Written) LoadSet()
    {
        var (records, problems) = EventEvaluation.LoadLabels(RepositoryFile("eval/events/labels.tsv"));
        var (written, writtenProblems) = EventEvaluation.LoadWritten(RepositoryFile("eval/events/written.tsv"));
        Assert.Empty(problems);
        Assert.Empty(writtenProblems);
        return (records, written);
    }

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..16];

    [Fact]
    public void The_labelled_set_is_whole_its_splits_follow_the_hash_rule_and_written_texts_match_their_hashes()
    {
        var (records, written) = LoadSet();

        // 250 sentences in the first batch (95 from the corpus, 155 written), 85 in the second (20 and 65) and
        // 60 written in the third.
        Assert.Equal(395, records.Count);
        Assert.Equal(115, records.Count(r => r.Source == "corpus"));
        Assert.Equal(280, records.Count(r => r.Source == "written"));
        Assert.Equal(280, written.Count);
        foreach (var r in records)
        {
            Assert.Equal(Convert.ToInt32(r.Sha256[..2], 16) % 10 < 3 ? "test" : "dev", r.Split);
            Assert.Contains(r.Lang, new[] { "en", "zh" });
            if (r.Source == "written")
            {
                Assert.Equal(r.Sha256, Hash(written[r.Ref]));
            }
        }

        // Every type has positives in the set.
        Assert.All(EventTypes.All, t => Assert.Contains(records, r => r.Types.Contains(t)));
    }

    [Fact]
    public void The_written_dev_sentences_meet_the_precision_and_recall_targets()
    {
        var (records, written) = LoadSet();
        var report = EventEvaluation.Evaluate(EventExtractor.Default, records, written, corpusRoot: null, "dev", TestContext.Current.CancellationToken);

        // The corpus rows are skipped (no corpus given) and say so; the written ones are all scored.
        Assert.Equal(records.Count(r => r.Split == "dev" && r.Source == "written"), report.Sentences);
        Assert.StartsWith($"{records.Count(r => r.Split == "dev" && r.Source == "corpus")} corpus sentence(s)", Assert.Single(report.Skipped), StringComparison.Ordinal);
        Assert.True(report.MicroPrecision >= 0.8, $"precision {report.MicroPrecision}");
        Assert.True(report.MicroRecall >= 0.5, $"recall {report.MicroRecall}");
    }

    [Fact]
    public void The_whole_dev_split_with_the_corpus_meets_the_targets_and_every_corpus_sentence_resolves()
    {
        var root = Path.GetDirectoryName(SharedCorpus.Require("analyses/greitens-china-police-abroad-2022.txt"))!;
        var corpusRoot = Path.GetDirectoryName(root)!;
        var (records, written) = LoadSet();
        var all = EventEvaluation.Evaluate(EventExtractor.Default, records, written, corpusRoot, "all", TestContext.Current.CancellationToken);
        Assert.Empty(all.Skipped);
        Assert.Equal(395, all.Sentences);

        var dev = EventEvaluation.Evaluate(EventExtractor.Default, records, written, corpusRoot, "dev", TestContext.Current.CancellationToken);
        Assert.True(dev.MicroPrecision >= 0.8, $"precision {dev.MicroPrecision}");
        Assert.True(dev.MicroRecall >= 0.5, $"recall {dev.MicroRecall}");
    }

    [Fact]
    public void A_corpus_sentence_is_located_by_line_and_code_points()
    {
        // 𝒳 is one code point and two UTF-16 units; the location counts code points.
        const string file = "\uFEFFfirst line\r\nA𝒳B 中文句子。Next.\r\n";
        Assert.Equal("𝒳B 中文句子。", EventEvaluation.SentenceAt(file, 2, 1, 8));
        Assert.Equal("first", EventEvaluation.SentenceAt(file, 1, 0, 5));
        Assert.Null(EventEvaluation.SentenceAt(file, 2, 10, 50));
        Assert.Null(EventEvaluation.SentenceAt(file, 9, 0, 1));
        Assert.True(EventEvaluation.TryParseLocation("a/b.txt:12:3:40", out var f, out var line, out var start, out var length));
        Assert.Equal(("a/b.txt", 12, 3, 40), (f, line, start, length));
        Assert.False(EventEvaluation.TryParseLocation("a/b.txt:0:3:40", out _, out _, out _, out _));
        Assert.False(EventEvaluation.TryParseLocation("a/b.txt:3:40", out _, out _, out _, out _));
    }

    [Fact]
    public void Bad_records_are_reported_with_their_line_and_left_out()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-events-eval");
        try
        {
            var labels = Path.Combine(dir.FullName, "labels.tsv");
            File.WriteAllLines(labels,
            [
                "# comment",
                EventEvaluation.LabelsHeader,
                "written\tW1\t0123456789abcdef\ten\tdev\tsanction\tok",
                "written\tW2\t0123456789abcdef\ten\tdev\tno.such.type\tbad type",
                "written\tW3\t0123456789abcdef\ten\tmaybe\t-\tbad split",
                "written\tW4\tnothex\ten\tdev\t-\tbad hash",
                "corpus\tfile-without-location\t0123456789abcdef\ten\tdev\t-\tbad ref",
                "written\tW1\t0123456789abcdef\ten\tdev\t-\tduplicate",
                "elsewhere\tW5\t0123456789abcdef\ten\tdev\t-\tbad source",
                "written\tW6",
            ]);
            var (records, problems) = EventEvaluation.LoadLabels(labels);
            Assert.Equal(["W1"], records.Select(r => r.Ref));
            Assert.Equal(7, problems.Count);
            Assert.Contains($"{labels}:4: unknown event type(s) no.such.type.", problems);
            Assert.Contains($"{labels}:5: split 'maybe' must be dev or test.", problems);
            Assert.Contains($"{labels}:8: W1 is already labelled on line 3.", problems);

            File.WriteAllText(labels, "wrong header\n");
            Assert.StartsWith($"{labels}:1: the first line must be the header", Assert.Single(EventEvaluation.LoadLabels(labels).Problems), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Scores_are_per_type_and_micro_at_sentence_level()
    {
        static LabelledSentence Gold(string id, params string[] types) => new("written", id, "0000000000000000", "en", "dev", types, "", 1);
        static EventProposal Proposed(string type) => new(type, "r", 0.9, new SourceSpan(0, 1, "x"), new SourceSpan(0, 1, "x"), 0, "en", null, null, null, null, [], [], []);

        // Worked by hand: training gold 2, proposed 2, correct 1; meeting gold 1, proposed 1, correct 1;
        // attack gold 0, proposed 1. Micro: 2 correct of 4 proposed, of 3 gold.
        var scored = new List<(LabelledSentence, string, IReadOnlyList<EventProposal>)>
        {
            (Gold("A", "police.training", "police.meeting"), "a", [Proposed("police.training"), Proposed("police.meeting")]),
            (Gold("B", "police.training"), "b", []),
            (Gold("C"), "c", [Proposed("police.training"), Proposed("attack.overseas-interest")]),
            (Gold("D"), "d", []),
        };
        var report = EventEvaluation.Score(scored, []);
        var training = report.Types.Single(t => t.Type == "police.training");
        Assert.Equal((2, 2, 1, 0.5, 0.5), (training.Support, training.Predicted, training.TruePositives, training.Precision, training.Recall));
        var attack = report.Types.Single(t => t.Type == "attack.overseas-interest");
        Assert.Equal((0, 1, 0, 0.0), (attack.Support, attack.Predicted, attack.TruePositives, attack.Precision));
        Assert.Equal((2, 4, 3), (report.TruePositives, report.Predicted, report.Support));
        Assert.Equal(0.5, report.MicroPrecision);
        Assert.Equal(0.6667, report.MicroRecall);
        Assert.Equal(0.5714, report.MicroF1);
        Assert.Equal(["B", "C"], report.Errors.Select(e => e.Sentence.Ref));
    }
}
