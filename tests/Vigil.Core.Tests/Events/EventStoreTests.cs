using System.Text.Json.Nodes;
using Vigil.Core.Documents;
using Vigil.Core.Events;

namespace Vigil.Core.Tests.Events;

/// <summary>The SQLite ledger: upserts, history, status, edits, queries.</summary>
public sealed class EventStoreTests : IDisposable
{
    private readonly EventTestBench _bench = new();

    public void Dispose() => _bench.Dispose();

    private static LedgerEvent Proposal(int start, string type = "police.training", string doc = "aaaabbbbccccdddd") =>
        LedgerEvent.ProposeFromDocument(type, doc, start, start + 40, "to train 2,000 police officers") with
        {
            Date = new EventDate(new PartialDate(2023, 5, null)),
            Countries = ["RS"],
            Quantities = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["officers_trained"] = 2000 },
            Summary = "Police training",
            Domains = ["overseas-interests"],
        };

    [Fact]
    public void Upserting_a_proposal_again_is_unchanged_and_a_changed_one_is_updated()
    {
        var store = _bench.Store;
        Assert.Equal([UpsertOutcome.Created, UpsertOutcome.Created], store.Upsert([Proposal(10), Proposal(100)], _bench.Change("extractor")));
        Assert.Equal([UpsertOutcome.Unchanged], store.Upsert([Proposal(10)], _bench.Change("extractor")));

        var changed = Proposal(10) with { Quantities = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["officers_trained"] = 20000 } };
        Assert.Equal([UpsertOutcome.Updated], store.Upsert([changed], _bench.Change("extractor")));
        var history = store.History(changed.Id);
        Assert.Equal(["created", "updated"], history.Select(h => h.Action));
        Assert.Equal("{\"quantities\":{\"officers_trained\":2000}}", history[1].Before);
        Assert.Equal("{\"quantities\":{\"officers_trained\":20000}}", history[1].After);
        Assert.Equal(("extractor", "2025-03-01T09:30:00Z"), (history[1].By, history[1].At));
    }

    [Fact]
    public void A_status_change_is_recorded_and_a_rejected_event_stays()
    {
        var store = _bench.Store;
        var e = Proposal(10);
        store.Upsert([e], _bench.Change());
        _bench.Clock.Now = new DateTimeOffset(2025, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var rejected = store.SetStatus(e.Id, EventStatus.Rejected, "not a training, a visit", _bench.Change("li.wei"))!;
        Assert.Equal((EventStatus.Rejected, "not a training, a visit"), (rejected.Status, rejected.Notes));

        var entry = store.History(e.Id)[^1];
        Assert.Equal(("status", "li.wei", "2025-03-02T10:00:00Z", "not a training, a visit"), (entry.Action, entry.By, entry.At, entry.Note));
        Assert.Equal("proposed", (string?)JsonNode.Parse(entry.Before!)!["status"]);
        Assert.Equal("rejected", (string?)JsonNode.Parse(entry.After)!["status"]);

        Assert.Equal(1, store.Count());
        Assert.Single(store.Query(new EventFilter { Status = EventStatus.Rejected }));
        Assert.Empty(store.Query(new EventFilter { Status = EventStatus.Proposed }));

        // The same status again changes nothing and records nothing.
        store.SetStatus(e.Id, EventStatus.Rejected, null, _bench.Change("li.wei"));
        Assert.Equal(2, store.History(e.Id).Count);
        Assert.Null(store.SetStatus("0000000000000000", EventStatus.Confirmed, null, _bench.Change()));
    }

    [Fact]
    public void An_edit_marks_the_fields_and_a_later_upsert_keeps_them()
    {
        var store = _bench.Store;
        var e = Proposal(10);
        store.Upsert([e], _bench.Change());
        var edited = store.Edit(e.Id, x => x with { Type = "police.meeting", Date = new EventDate(new PartialDate(2023, 5, 17)), Notes = "checked" }, _bench.Change("analyst"))!;
        Assert.Equal(["date", "type"], edited.Edited);
        Assert.Equal("edited", store.History(e.Id)[^1].Action);

        Assert.Equal([UpsertOutcome.Unchanged], store.Upsert([Proposal(10)], _bench.Change("extractor")));
        var after = store.Get(e.Id)!;
        Assert.Equal(("police.meeting", "2023-05-17", "checked"), (after.Type, after.Date.Text, after.Notes));
    }

    [Fact]
    public void Queries_filter_by_type_prefix_status_dates_country_and_text()
    {
        var store = _bench.Store;
        var a = Proposal(10) with { Targets = [new EventTarget { NameEn = "Belgrade Police Academy", NameZh = "貝爾格萊德警察學院", Kind = "organization", Country = "RS" }] };
        var b = Proposal(100, "police.station-overseas") with { Date = new EventDate(new PartialDate(2022, 11, 3)), Countries = ["NL"] };
        var c = Proposal(200, "sanction.counter") with { Date = EventDate.Unknown, Countries = ["US"] };
        store.Upsert([a, b, c], _bench.Change());

        Assert.Equal([b.Id, a.Id], store.Query(new EventFilter { TypePrefix = "police" }).Select(e => e.Id));
        Assert.Empty(store.Query(new EventFilter { TypePrefix = "polic" }));
        Assert.Equal([a.Id], store.Query(new EventFilter { From = new DateOnly(2023, 1, 1) }).Select(e => e.Id));
        Assert.Equal([b.Id], store.Query(new EventFilter { To = new DateOnly(2022, 12, 31) }).Select(e => e.Id));
        Assert.Equal([b.Id], store.Query(new EventFilter { Country = "nl" }).Select(e => e.Id));
        // Text is folded: traditional matches simplified, any case.
        Assert.Equal([a.Id], store.Query(new EventFilter { Text = "贝尔格莱德" }).Select(e => e.Id));
        Assert.Equal([a.Id], store.Query(new EventFilter { Text = "POLICE ACADEMY" }).Select(e => e.Id));
        // Unknown dates sort last.
        Assert.Equal([b.Id, a.Id, c.Id], store.Query().Select(e => e.Id));
    }

    [Fact]
    public void Resolves_a_unique_id_prefix()
    {
        var e = Proposal(10);
        _bench.Store.Upsert([e], _bench.Change());
        Assert.Equal(e.Id, _bench.Store.Resolve(e.Id[..6].ToUpperInvariant())!.Id);
        Assert.Null(_bench.Store.Resolve(e.Id[..3]));
        Assert.Null(_bench.Store.Resolve("zzzz"));
    }

    [Fact]
    public void An_event_survives_the_round_trip_through_json()
    {
        var e = Proposal(10) with
        {
            Targets = [new EventTarget { NameEn = "A", NameZh = "甲", Aliases = ["A1"], Kind = "state", Country = "EU", Position = "p", WikidataId = "Q1", Address = "addr" }],
            EndDate = new EventDate(new PartialDate(2024, null, null)),
            Programs = ["X"],
            Issues = ["row 1: something"],
            Raw = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Country"] = "Narnia" },
            Confidence = 0.25,
            SourceUrl = "https://example.org",
            SummaryZh = "培训",
            Notes = "n",
        };
        // The direct writer and the JSON tree write the same text.
        Assert.Equal(EventJson.Text(EventJson.ToJson(e)), EventJson.Serialize(e));
        var back = EventJson.Deserialize(EventJson.Serialize(e));
        Assert.Empty(EventMerge.Diff(e, back));
        Assert.Equal(EventJson.Serialize(e), EventJson.Serialize(back));
    }
}
