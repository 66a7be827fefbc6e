using System.Text;
using Vigil.Core.Events;
using Vigil.Core.Geo;

namespace Vigil.Core.Tests.Events;

/// <summary>
/// The import of the real OpenSanctions PRC list (../shared/corpus/sanctions-opensanctions/cn_sanctions.csv). The
/// expected numbers are worked out here from the file with a separate, minimal RFC 4180 reader, not by Vigil's
/// importer; the spot-checked rows were read by hand.
/// </summary>
public sealed class RealSanctionsImportTests : IDisposable
{
    private readonly EventTestBench _bench = new();

    public void Dispose() => _bench.Dispose();


    private sealed record Row(int Number, Dictionary<string, string> Values)
    {
        public string this[string column] => Values[column].Trim();

        /// <summary>The identifying fields of docs/events.md: topic, name (lower case, single spaces), body, source URL.</summary>
        public string Key => string.Join("|", this["Topics"], string.Join(' ', (this["Name"].Length > 0 ? this["Name"] : this["Chinese name"]).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)), this["Body"], this["Source URL"]);
    }

    private static List<Row> Rows(string path)
    {
        var records = SimpleCsv.Read(path);
        var header = records[0];
        return records.Skip(1).Select((r, i) => new Row(i + 1, header.Select((h, j) => (h, v: r[j])).ToDictionary(x => x.h, x => x.v))).ToList();
    }

    [Fact]
    public void Every_row_is_accounted_for_and_rows_of_one_event_are_merged()
    {
        var path = SharedCorpus.Require("sanctions-opensanctions/cn_sanctions.csv");
        var rows = Rows(path);
        var distinct = rows.Select(r => r.Key).Distinct().Count();

        var r = _bench.ImportOs(path);
        Assert.Equal(rows.Count, r.Rows);
        Assert.Equal(610, r.Rows);
        Assert.Empty(r.Rejected);
        Assert.Null(r.Error);
        Assert.Equal(distinct, r.Imported);
        Assert.Equal(rows.Count - distinct, r.Merged);
        Assert.Equal(9, r.Merged);
        EventTestBench.AssertAccounting(r);
        Assert.Equal(distinct, _bench.Store.Count());

        // Flagged: no country, no date, no body or no source URL, or a later row of an event.
        var firstOfKey = new HashSet<string>();
        var expectedFlagged = rows.Where(x =>
        {
            var later = !firstOfKey.Add(x.Key);
            return later || x["Country"].Length == 0 || x["Date"].Length == 0 || x["Body"].Length == 0 || x["Source URL"].Length == 0;
        }).Select(x => x.Number).ToList();
        Assert.Equal(expectedFlagged, r.Flagged.Select(f => f.Row));
        Assert.Equal(77, r.Flagged.Count);
    }

    [Fact]
    public void Dates_are_parsed_from_both_forms_and_an_empty_one_stays_unknown_in_the_store()
    {
        var path = SharedCorpus.Require("sanctions-opensanctions/cn_sanctions.csv");
        _bench.ImportOs(path);
        LedgerEvent ByRow(int row) => _bench.Store.Query().Single(e => e.Provenance.Any(p => p.Row == row));

        // Read by hand from the file: row 1 "02.12.2019"; row 6 "13.07.20"; row 82 "03.08.22" ending "13.07.23";
        // row 583 "13.08.2025" ending "24.04.2026"; row 128 has no date and no body.
        Assert.Equal(("2019-12-02", "National Endowment for Democracy", "US"), (ByRow(1).Date.Text, ByRow(1).Targets[0].NameEn, ByRow(1).Targets[0].Country));
        Assert.Equal(("2020-07-13", "US Congressional-Executive Commission on China"), (ByRow(6).Date.Text, ByRow(6).Targets[0].NameEn));
        Assert.Equal(("2022-08-03", "2023-07-13", "sanction"), (ByRow(82).Date.Text, ByRow(82).EndDate.Text, ByRow(82).Type));
        Assert.Equal(("2025-08-13", "2026-04-24", "LT"), (ByRow(583).Date.Text, ByRow(583).EndDate.Text, ByRow(583).Targets[0].Country));
        var undated = ByRow(128);
        Assert.Equal(("Alliance of Democracies Foundation", "DK"), (undated.Targets[0].NameEn, undated.Targets[0].Country));
        Assert.False(undated.Date.IsKnown);
        Assert.Null(undated.Body);
        Assert.Contains(undated.Issues, i => i.Contains("no Date", StringComparison.Ordinal));

        var rows = Rows(path);
        var datedRows = rows.Count(x => x["Date"].Length > 0);
        Assert.Equal(609, datedRows);
        Assert.Single(_bench.Store.Query(), e => !e.Date.IsKnown);
    }

    [Fact]
    public void Country_names_and_codes_merge_into_one_code_and_empty_ones_stay_unknown()
    {
        var path = SharedCorpus.Require("sanctions-opensanctions/cn_sanctions.csv");
        var rows = Rows(path);
        // The names in the file, mapped by hand; every other value is already an ISO code.
        var names = new Dictionary<string, string> { ["Japan"] = "JP", ["Czech Republic"] = "CZ", ["Germany"] = "DE", ["Belgium"] = "BE" };
        string? Code(Row x) => x["Country"].Length == 0 ? null : names.GetValueOrDefault(x["Country"], x["Country"]);
        // Per event: the first row's country, else a later row's (the merge rule).
        var expected = rows.GroupBy(x => x.Key).Select(g => g.Select(Code).FirstOrDefault(c => c is not null) ?? "unknown")
            .GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());

        _bench.ImportOs(path);
        var counted = EventStatistics.Count(_bench.Store.Query(), ["target-country"], ["EU"], Gazetteer.BuiltIn)
            .ToDictionary(x => x.Keys[0], x => x.Count);
        Assert.Equal(expected.OrderBy(kv => kv.Key), counted.OrderBy(kv => kv.Key));
        Assert.Equal(83, counted["JP"]);   // 80 "Japan" + 3 "JP"
        Assert.Equal(5, counted["CZ"]);    // 4 "Czech Republic" + 1 "CZ"
        Assert.Equal(8, counted["DE"]);    // 7 "DE" + 1 "Germany"
        Assert.Equal(67, counted["unknown"]); // 76 empty, less the 9 merged into a row with US
        Assert.All(_bench.Store.Query(new EventFilter { FlaggedOnly = true }).Where(e => e.Targets[0].Country is null),
            e => Assert.Contains(e.Issues, i => i.Contains("no Country", StringComparison.Ordinal)));
    }

    [Fact]
    public void Types_follow_the_topics_with_the_two_list_subtypes()
    {
        var path = SharedCorpus.Require("sanctions-opensanctions/cn_sanctions.csv");
        var rows = Rows(path);
        int Events(Func<Row, bool> where) => rows.Where(where).Select(x => x.Key).Distinct().Count();

        _bench.ImportOs(path);
        int Stored(string prefix) => _bench.Store.Query(new EventFilter { TypePrefix = prefix }).Count();
        Assert.Equal(Events(x => x["Topics"] == "sanction.counter"), Stored("sanction.counter"));
        Assert.Equal(Events(x => x["Topics"] == "sanction.counter" && x["List"] == "UEL"), Stored("sanction.counter.unreliable-entity"));
        Assert.Equal(66, Stored("sanction.counter.unreliable-entity"));
        Assert.Equal(Events(x => x["Topics"] == "export.control"), Stored("export-control"));
        Assert.Equal(Events(x => x["List"] == "Export Control Watch List"), Stored("export-control.watch-list"));
        Assert.Equal(Events(x => x["Topics"] is "sanction" or "sanction.counter"), Stored("sanction"));
    }

    [Fact]
    public void Importing_the_file_again_changes_nothing()
    {
        var path = SharedCorpus.Require("sanctions-opensanctions/cn_sanctions.csv");
        var first = _bench.ImportOs(path);
        _bench.Reopen();
        var again = _bench.ImportOs(path);
        Assert.Equal((0, 0, first.Imported, first.Merged, 0), (again.Imported, again.Updated, again.Unchanged, again.Merged, again.Absent));
        Assert.True(again.NothingChanged);
        Assert.All(_bench.Store.Query(), e => Assert.Single(_bench.Store.History(e.Id)));
    }
}
