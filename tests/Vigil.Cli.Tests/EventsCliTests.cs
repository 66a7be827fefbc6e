using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil events extract</c> and <c>vigil eval events</c>.</summary>
public sealed class EventsCliTests
{
    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..16];

    [Fact]
    public void Extract_over_the_sample_corpus_proposes_the_hand_counted_events_with_exact_spans()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("ingest", TestPaths.SampleCorpus()).ExitCode);
        var result = cli.Run("events", "extract");
        Assert.Equal(0, result.ExitCode);
        var proposals = result.Json.GetProperty("proposals").EnumerateArray().ToList();

        // samples/README.md, "Events in the samples": each event once per language, nothing for the hard negatives.
        Assert.Equal(12, proposals.Count);
        var byType = proposals.GroupBy(p => p.GetProperty("type").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int>
        {
            ["police.meeting"] = 2, ["police.agreement"] = 2, ["police.training"] = 2,
            ["sanction.counter"] = 2, ["export-control.listing"] = 2, ["attack.overseas-interest"] = 2,
        }, byType);
        Assert.All(proposals.Where(p => p.GetProperty("type").GetString() == "police.training"),
            p => Assert.Equal(300, p.GetProperty("quantities").GetProperty("trained").GetProperty("value").GetInt64()));
        Assert.All(proposals.Where(p => p.GetProperty("type").GetString() == "attack.overseas-interest"),
            p => Assert.Equal(2, p.GetProperty("quantities").GetProperty("killed").GetProperty("value").GetInt64()));
        Assert.All(proposals.Where(p => p.GetProperty("type").GetString() == "police.meeting"), p => Assert.Equal("2023-06-17", p.GetProperty("date").GetString()));
        Assert.All(proposals.Where(p => p.GetProperty("type").GetString() == "sanction.counter"), p => Assert.Equal("2024-08-28", p.GetProperty("date").GetString()));
        Assert.All(proposals.Where(p => p.GetProperty("type").GetString() == "attack.overseas-interest"), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("date").ValueKind));

        foreach (var p in proposals)
        {
            Assert.Equal(
                ["doc", "path", "type", "text", "start", "length", "sentence", "paragraph", "language", "date", "date_precision", "date_source", "date_span",
                 "actor", "targets", "countries", "quantities", "rule", "confidence"],
                p.EnumerateObject().Select(o => o.Name));
            var sentence = p.GetProperty("sentence");
            int start = p.GetProperty("start").GetInt32(), length = p.GetProperty("length").GetInt32(), sStart = sentence.GetProperty("start").GetInt32();
            Assert.Equal(p.GetProperty("text").GetString(), sentence.GetProperty("text").GetString()!.Substring(start - sStart, length));
        }

        // A .txt document's original text is the file's text: the offsets point straight into it.
        var txt = File.ReadAllText(Path.Combine(TestPaths.SampleCorpus(), "bilingual-news-countermeasures-and-attacks.txt"));
        foreach (var p in proposals.Where(p => p.GetProperty("path").GetString()!.EndsWith(".txt", StringComparison.Ordinal)))
        {
            Assert.Equal(p.GetProperty("text").GetString(), txt.Substring(p.GetProperty("start").GetInt32(), p.GetProperty("length").GetInt32()));
            foreach (var t in p.GetProperty("targets").EnumerateArray())
            {
                Assert.Equal(t.GetProperty("text").GetString(), txt.Substring(t.GetProperty("start").GetInt32(), t.GetProperty("length").GetInt32()));
            }
        }

        var listing = proposals.Single(p => p.GetProperty("type").GetString() == "export-control.listing" && p.GetProperty("language").GetString() == "zh");
        Assert.Equal("將該公司列入不可靠實體清單", listing.GetProperty("text").GetString());
        Assert.Equal("商務部", listing.GetProperty("actor").GetProperty("text").GetString());
    }

    [Fact]
    public void Extract_filters_and_refuses_bad_options()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("ingest", TestPaths.SampleCorpus()).ExitCode);
        Assert.Equal(6, cli.Run("events", "extract", "--type", "police").Json.GetProperty("proposals").GetArrayLength());
        Assert.Equal(2, cli.Run("events", "extract", "--type", "sanction").Json.GetProperty("proposals").GetArrayLength());
        Assert.Equal(0, cli.Run("events", "extract", "--min-confidence", "1").Json.GetProperty("proposals").GetArrayLength());

        var doc = cli.Run("docs").Json.EnumerateArray().Single(d => d.GetProperty("path").GetString()!.EndsWith("bilingual-2023-news-police-cooperation.md", StringComparison.Ordinal));
        var one = cli.Run("events", "extract", "--doc", doc.GetProperty("id").GetString()!).Json.GetProperty("proposals").EnumerateArray().ToList();
        Assert.Equal(6, one.Count);
        Assert.All(one, p => Assert.Equal(doc.GetProperty("id").GetString(), p.GetProperty("doc").GetString()));

        Assert.Equal(1, cli.Run("events", "extract", "--type", "nothing").ExitCode);
        Assert.Equal(1, cli.Run("events", "extract", "--min-confidence", "1.5").ExitCode);
        Assert.Equal(1, cli.Run("events", "extract", "--doc", "ffffffffffff").ExitCode);

        var terminal = cli.Run(terminal: true, "events", "extract");
        Assert.Equal(0, terminal.ExitCode);
        Assert.Contains("12 proposal(s) in 12 document(s)", terminal.Console, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_on_an_empty_store_proposes_nothing()
    {
        using var cli = new CliRunner();
        var result = cli.Run("events", "extract");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, result.Json.GetProperty("proposals").GetArrayLength());
    }

    [Fact]
    public void Eval_scores_corpus_and_written_sentences_and_skips_what_it_cannot_rederive()
    {
        using var cli = new CliRunner();
        var corpus = Path.Combine(cli.Root, "corpus");
        Directory.CreateDirectory(Path.Combine(corpus, "news"));
        const string sanction = "外交部宣布对美国两家军工企业采取反制措施。";
        const string generic = "制裁解决不了问题。";
        File.WriteAllText(Path.Combine(corpus, "news", "a.txt"), $"标题\n{sanction}{generic}\n");
        const string attack = "Gunmen killed three Chinese workers at a mine in Mali.";
        const string missed = "Chinese and Serbian officers walked the beat side by side.";
        var written = cli.Write("written.tsv", $"# written for the test\nid\tlang\ttext\nW1\ten\t{attack}\nW2\ten\t{missed}\n");
        var labels = cli.Write("labels.tsv", string.Join("\n",
            "source\tref\tsha256_16\tlang\tsplit\ttypes\tnote",
            $"corpus\tnews/a.txt:2:0:{sanction.Length}\t{Hash(sanction)}\tzh\tdev\tsanction.counter\tcountermeasure",
            $"corpus\tnews/a.txt:2:{sanction.Length}:{generic.Length}\t{Hash(generic)}\tzh\tdev\t-\tgeneric",
            $"written\tW1\t{Hash(attack)}\ten\tdev\tattack.overseas-interest\tattack",
            $"written\tW2\t{Hash(missed)}\ten\tdev\tpolice.joint-patrol\tpatrol in other words",
            "corpus\tnews/a.txt:1:0:2\t0000000000000000\tzh\ttest\t-\tchanged"));

        var result = cli.Run("eval", "events", "--labels", labels, "--written", written, "--corpus", corpus, "--errors", "5");
        Assert.Equal(2, result.ExitCode); // one row could not be re-derived
        Assert.Contains("news/a.txt:1:0:2: the sentence's text differs", result.Error, StringComparison.Ordinal);
        var json = result.Json;
        Assert.Equal(4, json.GetProperty("sentences").GetInt32());

        // By hand: 2 proposals (the countermeasure, the attack), both right; 3 gold labels (the patrol is missed).
        var micro = json.GetProperty("micro");
        Assert.Equal((2, 2, 3), (micro.GetProperty("true_positives").GetInt32(), micro.GetProperty("predicted").GetInt32(), micro.GetProperty("support").GetInt32()));
        Assert.Equal(1.0, micro.GetProperty("precision").GetDouble());
        Assert.Equal(0.6667, micro.GetProperty("recall").GetDouble());
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("W2", error.GetProperty("ref").GetString());
        Assert.Equal(["police.joint-patrol"], error.GetProperty("missed").EnumerateArray().Select(e => e.GetString()));

        // Without the corpus only the written rows are scored, and the command says so.
        var noCorpus = cli.Run("eval", "events", "--labels", labels, "--written", written, "--corpus", Path.Combine(cli.Root, "absent"));
        Assert.Equal(2, noCorpus.ExitCode);
        Assert.Contains("corpus folder", noCorpus.Error, StringComparison.Ordinal);
        Assert.Equal(2, noCorpus.Json.GetProperty("sentences").GetInt32());

        Assert.Equal(0, cli.Run("eval", "events", "--labels", labels, "--written", written, "--corpus", corpus, "--split", "test").Json.GetProperty("sentences").GetInt32());
        Assert.Equal(1, cli.Run("eval", "events", "--labels", Path.Combine(cli.Root, "none.tsv")).ExitCode);

        var terminal = cli.Run(terminal: true, "eval", "events", "--labels", labels, "--written", written, "--corpus", corpus, "--errors", "1");
        Assert.Contains("micro", terminal.Console, StringComparison.Ordinal);
        Assert.Contains("walked the beat", terminal.Console, StringComparison.Ordinal);
    }
}
