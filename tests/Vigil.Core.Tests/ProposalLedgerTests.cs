using Vigil.Core.Events;
using Vigil.Core.Events.Extraction;
using Vigil.Core.Tests.Events;
using Vigil.Storage.Sqlite;

namespace Vigil.Core.Tests;

/// <summary>Extraction proposals become proposed ledger events with the same span, type, date and counts.</summary>
public sealed class ProposalLedgerTests
{
    [Fact]
    public void Every_type_the_extractor_proposes_is_a_ledger_type()
    {
        foreach (var type in EventTypes.All)
        {
            Assert.NotNull(EventTypeCatalog.BuiltIn.Find(type));
        }
    }

    [Fact]
    public void A_training_proposal_becomes_a_proposed_event_with_its_span_count_and_the_documents_date()
    {
        const string text = "Police officers of both countries met in Vientiane. China will train 300 Lao police officers next year.";
        var proposal = Assert.Single(EventExtractor.Default.Extract(text, TestContext.Current.CancellationToken), p => p.Type == "police.training");
        var e = ProposalLedger.ToEvent(proposal, "0123456789abcdef", "2023-06", EventTypeCatalog.BuiltIn);

        Assert.Equal(EventStatus.Proposed, e.Status);
        Assert.Equal("police.training", e.Type);
        Assert.Equal(300, e.Quantities["trained"]);
        Assert.Equal("2023-06", e.Date.Text); // the sentence states no date: the document's
        Assert.Contains(e.Issues, i => i.StartsWith("date:", StringComparison.Ordinal));
        var provenance = Assert.Single(e.Provenance);
        Assert.Equal("0123456789abcdef", provenance.Document);
        Assert.Equal(proposal.Trigger.Text, text[provenance.Start!.Value..provenance.End!.Value]);
        Assert.Equal(EventIdentity.ForDocumentSpan("police.training", "0123456789abcdef", proposal.Trigger.Start, proposal.Trigger.End), e.Id);
        Assert.Equal(EventTypeCatalog.BuiltIn.Find("police.training")!.Domains, e.Domains);
        Assert.Equal(proposal.Sentence.Text.Trim(), e.Summary);
        Assert.Null(e.SummaryZh);

        // Same proposal, same id: re-extraction finds the event again.
        Assert.Equal(e.Id, ProposalLedger.ToEvent(proposal, "0123456789abcdef", null, EventTypeCatalog.BuiltIn).Id);
        Assert.False(ProposalLedger.ToEvent(proposal, "0123456789abcdef", null, EventTypeCatalog.BuiltIn).Date.IsKnown);
    }

    [Fact]
    public void A_chinese_sanction_keeps_the_stated_date_actor_and_countries()
    {
        const string text = "2024年8月28日，外交部宣布对美国两家军工企业采取反制措施。";
        var proposal = Assert.Single(EventExtractor.Default.Extract(text, TestContext.Current.CancellationToken));
        var e = ProposalLedger.ToEvent(proposal, "fedcba9876543210", "2025", EventTypeCatalog.BuiltIn);
        Assert.Equal("sanction.counter", e.Type);
        Assert.Equal("2024-08-28", e.Date.Text);
        Assert.Empty(e.Issues);
        Assert.Equal("外交部", e.Body);
        Assert.Equal(["US"], e.Countries);
        Assert.Null(e.Summary);
        Assert.Equal(text, e.SummaryZh);
    }

    [Fact]
    public void China_named_in_the_sentence_is_not_one_of_the_events_countries()
    {
        const string text = "2023年5月，巴基斯坦发生袭击事件，造成3名中国工程师死亡。";
        var proposal = Assert.Single(EventExtractor.Default.Extract(text, TestContext.Current.CancellationToken));
        Assert.Contains(proposal.Countries, c => c.Code == "CN"); // the extractor reports every country it reads
        var e = ProposalLedger.ToEvent(proposal, "fedcba9876543210", null, EventTypeCatalog.BuiltIn);
        Assert.Equal("attack.overseas-interest", e.Type);
        Assert.Equal(["PK"], e.Countries);
        Assert.Equal(3, e.Quantities["killed"]);
    }

    [Fact]
    public void Storing_writes_a_repeated_span_once_and_keeps_a_rejection_when_stored_again()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vigil-proposals-" + Guid.NewGuid().ToString("N"));
        try
        {
            const string text = "China will train 300 Lao police officers next year. 2024年8月28日，外交部宣布对美国两家军工企业采取反制措施。";
            var events = EventExtractor.Default.Extract(text, TestContext.Current.CancellationToken)
                .Select(p => ProposalLedger.ToEvent(p, "0123456789abcdef", "2023", EventTypeCatalog.BuiltIn)).ToList();
            Assert.Equal(2, events.Count);
            var change = new ChangeContext("tester", new FixedClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
            using var store = SqliteEventStore.Open(dir);

            // The first event twice (two rules on one span): one event, both inputs told "created".
            var first = ProposalLedger.Store(store, [events[0], events[1], events[0]], change);
            Assert.Equal([UpsertOutcome.Created, UpsertOutcome.Created, UpsertOutcome.Created], first);
            Assert.Equal(2, store.Count());

            store.SetStatus(events[1].Id, EventStatus.Rejected, "not an event", change);
            Assert.Equal([UpsertOutcome.Unchanged, UpsertOutcome.Unchanged], ProposalLedger.Store(store, events, change));
            Assert.Equal(EventStatus.Rejected, store.Get(events[1].Id)!.Status);
            Assert.Empty(ProposalLedger.Store(store, [], change));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
