using Vigil.Core.Documents;
using Vigil.Core.Events;
using Vigil.Core.Geo;

namespace Vigil.Core.Tests.Events;

/// <summary>Counting events: the group fields, bloc membership on the event's date, order.</summary>
public sealed class EventStatisticsTests
{
    private static int _next;

    private static LedgerEvent Event(string? country, string? date, string kind = "person", string type = "sanction.counter", string? body = "Ministry of Foreign Affairs")
    {
        EventDate.TryParse(date, out var d);
        var n = Interlocked.Increment(ref _next);
        return new LedgerEvent
        {
            Id = n.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
            Type = type,
            Date = d,
            Body = body,
            Targets = [new EventTarget { NameEn = "Target " + n, Kind = kind, Country = country }],
            Countries = country is null ? [] : [country],
            Status = EventStatus.Confirmed,
        };
    }

    private static IReadOnlyList<EventCountRow> Count(IEnumerable<LedgerEvent> events, params string[] by) =>
        EventStatistics.Count(events, by, ["EU"], Gazetteer.BuiltIn);

    [Fact]
    public void A_uk_target_counts_as_eu_before_brexit_and_as_gb_after()
    {
        Assert.Equal("EU", EventStatistics.BlocOf("GB", new EventDate(new PartialDate(2019, 6, 1)), ["EU"], Gazetteer.BuiltIn));
        Assert.Equal("EU", EventStatistics.BlocOf("GB", new EventDate(new PartialDate(2020, 1, 31)), ["EU"], Gazetteer.BuiltIn));
        Assert.Equal("GB", EventStatistics.BlocOf("GB", new EventDate(new PartialDate(2020, 2, 1)), ["EU"], Gazetteer.BuiltIn));
        Assert.Equal("GB", EventStatistics.BlocOf("GB", new EventDate(new PartialDate(2021, 3, 22)), ["EU"], Gazetteer.BuiltIn));
        // Month and year precision use the first day: January 2020 and the year 2020 both start before 1 Feb 2020.
        Assert.Equal("EU", EventStatistics.BlocOf("GB", new EventDate(new PartialDate(2020, 1, null)), ["EU"], Gazetteer.BuiltIn));
        Assert.Equal("EU", EventStatistics.BlocOf("GB", new EventDate(new PartialDate(2020, null, null)), ["EU"], Gazetteer.BuiltIn));
        // An unknown date: the country stays itself.
        Assert.Equal("GB", EventStatistics.BlocOf("GB", EventDate.Unknown, ["EU"], Gazetteer.BuiltIn));
    }

    [Fact]
    public void Eu_institutions_are_eu_others_stay_themselves_and_none_is_unknown()
    {
        var on = new EventDate(new PartialDate(2021, 3, 22));
        Assert.Equal("EU", EventStatistics.BlocOf("EU", on, ["EU"], Gazetteer.BuiltIn));
        Assert.Equal("EU", EventStatistics.BlocOf("DE", on, ["EU"], Gazetteer.BuiltIn));
        Assert.Equal("US", EventStatistics.BlocOf("US", on, ["EU"], Gazetteer.BuiltIn));
        Assert.Equal("unknown", EventStatistics.BlocOf(null, on, ["EU"], Gazetteer.BuiltIn));
        // Croatia joined the EU on 1 July 2013.
        Assert.Equal("HR", EventStatistics.BlocOf("HR", new EventDate(new PartialDate(2013, 6, 30)), ["EU"], Gazetteer.BuiltIn));
        Assert.Equal("EU", EventStatistics.BlocOf("HR", new EventDate(new PartialDate(2013, 7, 1)), ["EU"], Gazetteer.BuiltIn));
    }

    [Fact]
    public void Counts_by_bloc_and_kind_in_count_then_key_order()
    {
        var events = new[]
        {
            Event("GB", "2019-12-02"), Event("GB", "2021-03-22"), Event("GB", "2021-03-22"), Event("DE", "2021-03-22"),
            Event("EU", "2021-03-22", "organization"), Event("US", "2020-07-13"), Event(null, "2024-09-18", "company"),
        };
        var rows = Count(events, "target-bloc", "target-kind");
        Assert.Equal(
        [
            (new[] { "EU", "person" }, 2), (new[] { "GB", "person" }, 2), (new[] { "EU", "organization" }, 1),
            (new[] { "US", "person" }, 1), (new[] { "unknown", "company" }, 1),
        ], rows.Select(r => (r.Keys.ToArray(), r.Count)));
    }

    [Fact]
    public void Counts_by_year_month_type_body_and_status_with_unknowns_named()
    {
        var events = new[]
        {
            Event("US", "2020-07-13"), Event("US", "2020-07"), Event("US", "2020"), Event("US", null, body: null),
            Event("US", "2021-01-05", type: "export-control.listing", body: "Ministry of Commerce"),
        };
        Assert.Equal([("2020", 3), ("2021", 1), ("unknown", 1)], Count(events, "year").Select(r => (r.Keys[0], r.Count)));
        Assert.Equal([("2020-07", 2), ("2020 (no month)", 1), ("2021-01", 1), ("unknown", 1)], Count(events, "month").Select(r => (r.Keys[0], r.Count)));
        Assert.Equal([("sanction.counter", 4), ("export-control.listing", 1)], Count(events, "type").Select(r => (r.Keys[0], r.Count)));
        Assert.Equal([("Ministry of Foreign Affairs", 3), ("Ministry of Commerce", 1), ("unknown", 1)], Count(events, "body").Select(r => (r.Keys[0], r.Count)));
        Assert.Equal([("confirmed", 5)], Count(events, "status").Select(r => (r.Keys[0], r.Count)));
        var announced = events.Select((e, i) => e with { SourceUrl = i < 3 ? "https://example.org/a" : null }).ToList();
        Assert.Equal([("https://example.org/a", 3), ("unknown", 2)], Count(announced, "announcement").Select(r => (r.Keys[0], r.Count)));
    }

    [Fact]
    public void An_event_with_targets_in_two_groups_counts_once_in_each()
    {
        var e = Event("US", "2021-03-22") with
        {
            Targets = [new EventTarget { NameEn = "A", Kind = "person", Country = "US" }, new EventTarget { NameEn = "B", Kind = "person", Country = "CA" }, new EventTarget { NameEn = "C", Kind = "person", Country = "US" }],
        };
        Assert.Equal([("CA", 1), ("US", 1)], Count([e], "target-country").Select(r => (r.Keys[0], r.Count)));
        Assert.Equal([("person", 1)], Count([e], "target-kind").Select(r => (r.Keys[0], r.Count)));
    }

    [Fact]
    public void An_event_without_targets_counts_by_its_countries()
    {
        var e = new LedgerEvent { Id = "00000000000000aa", Type = "police.joint-patrol", Date = new EventDate(new PartialDate(2019, 7, 1)), Countries = ["IT", "RS"] };
        Assert.Equal([("EU", "unknown", 1), ("RS", "unknown", 1)], Count([e], "target-bloc", "target-kind").Select(r => (r.Keys[0], r.Keys[1], r.Count)));
    }

    [Fact]
    public void Unknown_fields_and_blocs_are_refused_or_reported()
    {
        Assert.Throws<ArgumentException>(() => Count([], "colour"));
        var (ids, unknown) = EventStatistics.ResolveBlocs(["eu", "欧盟", "G7", "Atlantis"], Gazetteer.BuiltIn);
        Assert.Equal(["EU", "G7"], ids);
        Assert.Equal(["Atlantis"], unknown);
    }
}
