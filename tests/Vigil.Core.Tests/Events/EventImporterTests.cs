using System.Text.Json.Nodes;
using Vigil.Core.Events;
using Vigil.Core.Events.Import;

namespace Vigil.Core.Tests.Events;

/// <summary>Imports of small files written here: accounting, dates, countries, re-imports, corrections and malformed CSV.</summary>
public sealed class EventImporterTests : IDisposable
{
    private const string Url1 = "https://example.org/notice/1";
    private const string Url2 = "https://example.org/notice/2";
    private readonly EventTestBench _bench = new();

    public void Dispose() => _bench.Dispose();

    public sealed class An_opensanctions_file : IDisposable
    {
        private readonly EventTestBench _bench = new();

        public void Dispose() => _bench.Dispose();

        [Fact]
        public void Imports_one_event_per_row_with_dates_countries_types_and_provenance()
        {
            var path = _bench.WriteOs("cn.csv",
                $"Person,Q1,Alice Example,,艾丽斯,US,sanction.counter,US Senator,,Ministry of Foreign Affairs,,13.07.20,,{Url1},",
                $"Company,,Example Heavy Industries Co.,,示例重工,Japan,export.control,,,Ministry of Commerce,List of Export Controls,24.02.2026,,{Url2},",
                $"Company,,Other Works Ltd.,,,JP,export.control,,,Ministry of Commerce,Export Control Watch List,5.3.2025,,{Url2},",
                $"Organization,,Example Institute,,,Czech Republic,sanction.counter,,,Ministry of Commerce,UEL,01.01.99,31.12.2030,{Url1},");
            var r = _bench.ImportOs(path);

            Assert.Equal((4, 4, 0, 0, 0), (r.Rows, r.Imported, r.Updated, r.Unchanged, r.Merged));
            Assert.Empty(r.Rejected);
            Assert.Empty(r.Flagged);
            EventTestBench.AssertAccounting(r);
            var events = _bench.Store.Query().ToList();
            Assert.Equal(4, events.Count);

            var alice = events.Single(e => e.Targets[0].NameEn == "Alice Example");
            Assert.Equal("sanction.counter", alice.Type);
            Assert.Equal("2020-07-13", alice.Date.Text); // dd.mm.yy, 20 → 2020
            Assert.Equal("day", alice.Date.Precision);
            Assert.Equal(("person", "US", "艾丽斯", "Q1", "US Senator"), (alice.Targets[0].Kind, alice.Targets[0].Country, alice.Targets[0].NameZh, alice.Targets[0].WikidataId, alice.Targets[0].Position));
            Assert.Equal("Ministry of Foreign Affairs", alice.Body);
            Assert.Equal(Url1, alice.SourceUrl);
            Assert.Equal(EventStatus.Confirmed, alice.Status);
            var p = Assert.Single(alice.Provenance);
            Assert.Equal(("dataset", "cn.csv", 1, Url1), (p.Kind, p.File, p.Row, p.SourceUrl));
            Assert.Equal(EventTypeCatalog.BuiltIn.Find("sanction.counter")!.Domains, alice.Domains);

            var heavy = events.Single(e => e.Targets[0].NameEn == "Example Heavy Industries Co.");
            Assert.Equal(("export-control.listing", "2026-02-24", "JP"), (heavy.Type, heavy.Date.Text, heavy.Targets[0].Country));
            var other = events.Single(e => e.Targets[0].NameEn == "Other Works Ltd.");
            Assert.Equal(("export-control.watch-list", "2025-03-05", "JP"), (other.Type, other.Date.Text, other.Targets[0].Country));
            var institute = events.Single(e => e.Targets[0].NameEn == "Example Institute");
            Assert.Equal(("sanction.counter.unreliable-entity", "1999-01-01", "2030-12-31", "CZ"), (institute.Type, institute.Date.Text, institute.EndDate.Text, institute.Targets[0].Country));
        }

        [Fact]
        public void Keeps_rows_with_unknown_date_country_or_topic_and_flags_them_with_the_raw_value()
        {
            var path = _bench.WriteOs("cn.csv",
                $"Person,,No Date Person,,,DK,sanction.counter,,,,,,,{Url1},",
                $"Person,,Narnia Person,,,Narnia,sanction.counter,,,Ministry of Foreign Affairs,,02.12.2019,,{Url1},",
                $"Person,,Bad Date Person,,,US,sanction.counter,,,Ministry of Foreign Affairs,,31.02.2020,,{Url1},",
                $"Company,,Odd Topic Co,,,US,debarment,,,Ministry of Commerce,,02.12.2019,,{Url1},",
                $"Person,,No Country Person,,,,sanction.counter,,,Ministry of Foreign Affairs,,02.12.2019,,{Url1},");
            var r = _bench.ImportOs(path);

            Assert.Equal((5, 5), (r.Rows, r.Imported));
            EventTestBench.AssertAccounting(r);
            Assert.Equal([1, 2, 3, 4, 5], r.Flagged.Select(f => f.Row));
            Assert.Contains("no Date", r.Flagged[0].Message);
            Assert.Contains("no Body", r.Flagged[0].Message);
            Assert.Contains("'Narnia' is not a known country", r.Flagged[1].Message);
            Assert.Contains("'31.02.2020' is not a calendar date", r.Flagged[2].Message);
            Assert.Contains("'debarment'", r.Flagged[3].Message);
            Assert.Contains("no Country", r.Flagged[4].Message);

            var byName = _bench.Store.Query().ToDictionary(e => e.Targets[0].NameEn!);
            Assert.False(byName["No Date Person"].Date.IsKnown);
            Assert.Null(byName["No Date Person"].Body);
            Assert.Null(byName["Narnia Person"].Targets[0].Country);
            Assert.Equal("Narnia", byName["Narnia Person"].Raw["Country"]);
            Assert.False(byName["Bad Date Person"].Date.IsKnown);
            Assert.Equal("31.02.2020", byName["Bad Date Person"].Raw["Date"]);
            Assert.Equal("sanction", byName["Odd Topic Co"].Type);
            Assert.Equal("debarment", byName["Odd Topic Co"].Raw["Topics"]);
            Assert.Null(byName["No Country Person"].Targets[0].Country);
            Assert.All(byName.Values, e => Assert.NotEmpty(e.Issues));
            Assert.Equal(5, _bench.Store.Query(new EventFilter { FlaggedOnly = true }).Count());
        }

        [Fact]
        public void Rejects_a_row_without_any_target_name_and_imports_the_rest()
        {
            var path = _bench.WriteOs("cn.csv",
                $"Person,,Alice Example,,,US,sanction.counter,,,Ministry of Foreign Affairs,,02.12.2019,,{Url1},",
                $"Person,,,,,US,sanction.counter,,,Ministry of Foreign Affairs,,02.12.2019,,{Url1},",
                $"Person,,,,只有中文名,US,sanction.counter,,,Ministry of Foreign Affairs,,02.12.2019,,{Url1},");
            var r = _bench.ImportOs(path);

            Assert.Equal((3, 2), (r.Rows, r.Imported));
            var rejected = Assert.Single(r.Rejected);
            Assert.Equal(2, rejected.Row);
            Assert.Contains("Name and Chinese name", rejected.Message);
            EventTestBench.AssertAccounting(r);
            Assert.Contains(_bench.Store.Query(), e => e.Targets[0].NameZh == "只有中文名" && e.Targets[0].NameEn is null);
        }

        [Fact]
        public void Merges_two_rows_of_the_same_event_and_reports_the_later_one()
        {
            var path = _bench.WriteOs("cn.csv",
                $"Company,,Sierra Example Corp,,山脉示例,US,sanction.counter,,,Ministry of Foreign Affairs,Decision A,18.09.2024,,{Url1},",
                $"Company,,Other Co,,,US,sanction.counter,,,Ministry of Foreign Affairs,Decision A,18.09.2024,,{Url1},",
                $"Company,,SIERRA  example corp,,,,sanction.counter,,,Ministry of Foreign Affairs,List B,18.09.2024,,{Url1},");
            var r = _bench.ImportOs(path);

            Assert.Equal((3, 2, 1), (r.Rows, r.Imported, r.Merged));
            EventTestBench.AssertAccounting(r);
            var flagged = Assert.Single(r.Flagged);
            Assert.Equal(3, flagged.Row);
            Assert.StartsWith("same event as row 1", flagged.Message);

            var e = _bench.Store.Query(new EventFilter { Text = "sierra" }).Single();
            Assert.Equal([1, 3], e.Provenance.Select(p => p.Row!.Value));
            Assert.Equal(["Decision A", "List B"], e.Programs);
            Assert.Equal("US", e.Targets[0].Country); // the first row's country; the later row had none
            Assert.Equal("山脉示例", e.Targets[0].NameZh);

            var again = _bench.ImportOs(path);
            Assert.Equal((0, 0, 2, 1), (again.Imported, again.Updated, again.Unchanged, again.Merged));
            EventTestBench.AssertAccounting(again);
        }

        [Fact]
        public void Reimporting_the_same_file_changes_nothing()
        {
            var path = _bench.WriteOs("cn.csv",
                $"Person,,Alice Example,,,US,sanction.counter,,,Ministry of Foreign Affairs,,13.07.20,,{Url1},",
                $"Person,,Bob Example,,,Narnia,sanction.counter,,,Ministry of Foreign Affairs,,13.07.20,,{Url1},");
            _bench.ImportOs(path);
            var historyBefore = _bench.Store.Query().Sum(e => _bench.Store.History(e.Id).Count);
            _bench.Reopen();
            _bench.Clock.Now = _bench.Clock.Now.AddDays(1);

            var r = _bench.ImportOs(path);
            Assert.Equal((2, 0, 0, 2), (r.Rows, r.Imported, r.Updated, r.Unchanged));
            Assert.True(r.NothingChanged);
            Assert.Equal(historyBefore, _bench.Store.Query().Sum(e => _bench.Store.History(e.Id).Count));
            Assert.All(_bench.Store.Query(), e => Assert.Equal("2025-03-01T09:30:00Z", e.UpdatedAt));
        }

        [Fact]
        public void A_corrected_date_and_country_update_the_same_event_with_history()
        {
            var v1 = _bench.WriteOs("cn.csv",
                $"Person,,Alice Example,,,,sanction.counter,,,Ministry of Foreign Affairs,,13.07.20,,{Url1},",
                $"Person,,Bob Example,,,US,sanction.counter,,,Ministry of Foreign Affairs,,13.07.20,,{Url1},");
            _bench.ImportOs(v1, "first");
            var id = _bench.Store.Query(new EventFilter { Text = "alice" }).Single().Id;

            _bench.Clock.Now = new DateTimeOffset(2025, 4, 2, 8, 0, 0, TimeSpan.Zero);
            var v2 = _bench.WriteOs("cn.csv",
                $"Person,,Alice Example,,,GB,sanction.counter,,,Ministry of Foreign Affairs,,14.07.2020,,{Url1},",
                $"Person,,Bob Example,,,US,sanction.counter,,,Ministry of Foreign Affairs,,13.07.20,,{Url1},");
            var r = _bench.ImportOs(v2, "second");

            Assert.Equal((0, 1, 1), (r.Imported, r.Updated, r.Unchanged));
            var alice = _bench.Store.Get(id)!;
            Assert.Equal(("2020-07-14", "GB"), (alice.Date.Text, alice.Targets[0].Country));
            Assert.Empty(alice.Issues);
            var history = _bench.Store.History(id);
            Assert.Equal(["created", "updated"], history.Select(h => h.Action));
            var update = history[1];
            Assert.Equal(("second", "2025-04-02T08:00:00Z", "import cn.csv"), (update.By, update.At, update.Note));
            var before = JsonNode.Parse(update.Before!)!.AsObject();
            var after = JsonNode.Parse(update.After)!.AsObject();
            Assert.Equal("2020-07-13", (string?)before["date"]);
            Assert.Equal("2020-07-14", (string?)after["date"]);
            Assert.Null((string?)before["targets"]![0]!["country"]);
            Assert.Equal("GB", (string?)after["targets"]![0]!["country"]);
            Assert.True(before.ContainsKey("issues"));
            Assert.False(after.ContainsKey("status"));
        }

        [Fact]
        public void Rows_missing_from_a_new_version_are_kept_and_counted_absent()
        {
            _bench.ImportOs(_bench.WriteOs("cn.csv",
                $"Person,,Alice Example,,,US,sanction.counter,,,Ministry of Foreign Affairs,,13.07.20,,{Url1},",
                $"Person,,Bob Example,,,US,sanction.counter,,,Ministry of Foreign Affairs,,13.07.20,,{Url1},"));
            var r = _bench.ImportOs(_bench.WriteOs("cn.csv",
                $"Person,,Bob Example,,,US,sanction.counter,,,Ministry of Foreign Affairs,,13.07.20,,{Url1},"));

            Assert.Equal(1, r.Absent);
            Assert.Equal(1, r.Updated); // Bob moved from row 2 to row 1: his provenance changed
            Assert.Equal(2, _bench.Store.Count());
        }

        [Fact]
        public void Leaves_a_field_the_analyst_edited_and_the_status_alone()
        {
            var path = _bench.WriteOs("cn.csv", $"Person,,Alice Example,,,US,sanction.counter,,,Ministry of Foreign Affairs,,13.07.20,,{Url1},");
            _bench.ImportOs(path);
            var id = _bench.Store.Query().Single().Id;
            _bench.Store.Edit(id, e => e with { Date = new EventDate(new Documents.PartialDate(2020, 7, 10)) }, _bench.Change("analyst"));
            _bench.Store.SetStatus(id, EventStatus.Rejected, "duplicate of an earlier notice", _bench.Change("analyst"));

            var r = _bench.ImportOs(path);
            Assert.Equal(1, r.Unchanged);
            var e = _bench.Store.Get(id)!;
            Assert.Equal(("2020-07-10", EventStatus.Rejected), (e.Date.Text, e.Status));
            Assert.Equal(["date"], e.Edited);
        }
    }

    public sealed class A_malformed_file : IDisposable
    {
        private readonly EventTestBench _bench = new();

        public void Dispose() => _bench.Dispose();

        [Fact]
        public void With_semicolons_is_refused_naming_the_delimiter()
        {
            var path = _bench.Write("semi.csv", EventTestBench.OsHeader.Replace(',', ';') + "\nPerson;;Alice;;;US;sanction.counter;;;MFA;;13.07.20;;u;\n");
            var r = _bench.ImportOs(path);

            Assert.True(r.FileRejected);
            Assert.Contains("';' (semicolon)", r.Error);
            Assert.Contains("--delimiter ';'", r.Error);
            Assert.Equal(0, _bench.Store.Count());
        }

        [Fact]
        public void With_semicolons_imports_when_the_delimiter_is_given()
        {
            var path = _bench.Write("semi.csv", EventTestBench.OsHeader.Replace(',', ';') + "\nPerson;;Alice;;;US;sanction.counter;;;MFA;;13.07.20;;u;\n");
            var r = new EventImporter(_bench.Store, EventTypeCatalog.BuiltIn, Geo.Gazetteer.BuiltIn)
                .Import(path, new OpenSanctionsCnFormat(), new EventImportOptions { Delimiter = ';' }, _bench.Change(), cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal((1, 1), (r.Rows, r.Imported));
        }

        [Fact]
        public void Missing_columns_are_named()
        {
            var path = _bench.Write("cols.csv", "Type,Name,Chinese name,Country,Body,Source URL\nPerson,Alice,,US,MFA,u\n");
            var r = _bench.ImportOs(path);

            Assert.True(r.FileRejected);
            Assert.Contains("Topics, Date", r.Error);
            Assert.DoesNotContain("Country,", r.Error!.Split("The header has")[0]);
        }

        [Fact]
        public void An_empty_file_and_a_header_only_file_import_nothing()
        {
            var empty = _bench.ImportOs(_bench.Write("empty.csv", ""));
            Assert.True(empty.FileRejected);
            Assert.Contains("empty", empty.Error);

            var header = _bench.ImportOs(_bench.Write("header.csv", EventTestBench.OsHeader + "\n"));
            Assert.False(header.FileRejected);
            Assert.Equal((0, 0), (header.Rows, header.Imported));
            Assert.Null(header.Error);
        }

        [Fact]
        public void A_byte_order_mark_and_crlf_line_ends_are_read()
        {
            var path = _bench.Write("bom.csv", EventTestBench.OsHeader + "\r\n" + $"Person,,Alice Example,,,US,sanction.counter,,,MFA,,13.07.20,,{Url1},\r\n", bom: true);
            var r = _bench.ImportOs(path);
            Assert.Equal((1, 1, 0), (r.Rows, r.Imported, r.Rejected.Count));
            Assert.Equal("sanction.counter", _bench.Store.Query().Single().Type);
        }

        [Fact]
        public void A_utf16_file_with_a_byte_order_mark_is_read()
        {
            var text = EventTestBench.OsHeader + "\n" + $"Person,,Alice Example,,,美国,sanction.counter,,,MFA,,13.07.20,,{Url1},\n";
            var path = Path.Combine(_bench.Root, "utf16.csv");
            File.WriteAllText(path, text, new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true));
            var r = _bench.ImportOs(path);
            Assert.Equal((1, 1), (r.Rows, r.Imported));
            Assert.Equal("US", _bench.Store.Query().Single().Targets[0].Country);
        }

        [Fact]
        public void Quoted_commas_quotes_and_newlines_are_values()
        {
            var path = _bench.WriteOs("quoted.csv",
                $"Company,,\"TCOM, Limited Partnership\",,,US,sanction.counter,\"Maker of \"\"aerostats\"\",\nsecond line\",,MFA,,18.09.2024,,{Url1},",
                $"Person,,Bob Example,,,US,sanction.counter,,,MFA,,18.09.2024,,{Url1},");
            var r = _bench.ImportOs(path);

            Assert.Equal((2, 2, 0), (r.Rows, r.Imported, r.Rejected.Count));
            var tcom = _bench.Store.Query(new EventFilter { Text = "tcom" }).Single();
            Assert.Equal("TCOM, Limited Partnership", tcom.Targets[0].NameEn);
            Assert.Equal("Maker of \"aerostats\",\nsecond line", tcom.Targets[0].Position);
            Assert.Equal(2, _bench.Store.Query(new EventFilter { Text = "bob example" }).Single().Provenance[0].Row);
        }

        [Fact]
        public void A_stray_quote_rejects_the_row_naming_the_column()
        {
            var path = _bench.WriteOs("stray.csv",
                $"Person,,Alice \"Al\" Example,,,US,sanction.counter,,,MFA,,13.07.20,,{Url1},",
                $"Person,,Bob Example,,,US,sanction.counter,,,MFA,,13.07.20,,{Url1},");
            var r = _bench.ImportOs(path);

            var rejected = Assert.Single(r.Rejected);
            Assert.Equal(1, rejected.Row);
            Assert.Contains("column 'Name'", rejected.Message);
            Assert.Equal((2, 1), (r.Rows, r.Imported));
            EventTestBench.AssertAccounting(r);
        }

        [Fact]
        public void A_row_with_an_extra_field_is_rejected()
        {
            var path = _bench.WriteOs("extra.csv",
                $"Person,,Alice, Example,,,US,sanction.counter,,,MFA,,13.07.20,,{Url1},",
                $"Person,,Bob Example,,,US,sanction.counter,,,MFA,,13.07.20,,{Url1},");
            var r = _bench.ImportOs(path);

            var rejected = Assert.Single(r.Rejected);
            Assert.Equal(1, rejected.Row);
            Assert.Contains("16 field(s) where the header has 15", rejected.Message);
            Assert.Equal(1, r.Imported);
        }

        [Fact]
        public void An_unclosed_quote_is_reported_and_the_rows_before_it_are_kept()
        {
            var path = _bench.WriteOs("unclosed.csv",
                $"Person,,Alice Example,,,US,sanction.counter,,,MFA,,13.07.20,,{Url1},",
                $"Person,,\"Bob Example,,,US,sanction.counter,,,MFA,,13.07.20,,{Url1},",
                $"Person,,Carol Example,,,US,sanction.counter,,,MFA,,13.07.20,,{Url1},");
            var r = _bench.ImportOs(path);

            Assert.Equal(1, r.Imported);
            var rejected = Assert.Single(r.Rejected);
            Assert.Equal(2, rejected.Row);
            Assert.Contains("never closed", rejected.Message);
            Assert.Equal(2, r.Rows);
            EventTestBench.AssertAccounting(r);
        }

        [Fact]
        public void An_unclosed_quote_in_a_large_file_stops_reading_at_the_record_limit()
        {
            var rows = new List<string> { $"Person,,Alice Example,,,US,sanction.counter,,,MFA,,13.07.20,,{Url1},", $"Person,,\"Bob,,,US,sanction.counter,,,MFA,,13.07.20,,{Url1}," };
            rows.AddRange(Enumerable.Range(0, 2000).Select(i => $"Person,,Person {i},,,US,sanction.counter,,,MFA,,13.07.20,,{Url1},"));
            var path = _bench.WriteOs("big-unclosed.csv", [.. rows]);
            var r = new EventImporter(_bench.Store, EventTypeCatalog.BuiltIn, Geo.Gazetteer.BuiltIn)
                .Import(path, new OpenSanctionsCnFormat(), new EventImportOptions { MaxRecordBytes = 4096 }, _bench.Change(), cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal(1, r.Imported);
            Assert.NotNull(r.Error);
            Assert.Contains("reading stopped at row 2", r.Error);
            Assert.Equal(2, Assert.Single(r.Rejected).Row);
        }
    }

    public sealed class A_generic_csv_file : IDisposable
    {
        private readonly EventTestBench _bench = new();

        public void Dispose() => _bench.Dispose();

        [Fact]
        public void Maps_columns_to_fields_with_defaults_and_quantities()
        {
            var map = new ColumnMap();
            Assert.Empty(map.AddText("""
                # illustrative map
                type = Kind
                date = When
                body = Actor
                countries = Where
                summary = What
                quantity.officers_trained = Officers
                source_url = Link
                default.status = proposed
                """, "test.map"));
            var path = _bench.Write("events.csv", """
                Kind,When,Actor,Where,What,Officers,Link
                police.training,2023-05,Ministry of Public Security,Serbia,Training course for police officers,"1,200",https://example.org/a
                police.joint-patrol,2019-07-01,Ministry of Public Security,Italy;Croatia,Joint patrol in tourist season,,https://example.org/b
                police.unknown-kind,2024,Ministry of Public Security,Narnia,Something else,lots,https://example.org/c
                """);
            var r = _bench.ImportCsv(path, map);

            Assert.Equal((3, 3, 0), (r.Rows, r.Imported, r.Rejected.Count));
            var events = _bench.Store.Query().ToDictionary(e => e.Summary!);
            var training = events["Training course for police officers"];
            Assert.Equal(("police.training", "2023-05", "month", EventStatus.Proposed), (training.Type, training.Date.Text, training.Date.Precision, training.Status));
            Assert.Equal(["RS"], training.Countries);
            Assert.Equal(1200, training.Quantities["officers_trained"]);
            Assert.Equal(["IT", "HR"], events["Joint patrol in tourist season"].Countries);
            var odd = events["Something else"];
            Assert.Equal("other", odd.Type);
            Assert.Equal("police.unknown-kind", odd.Raw["type"]);
            Assert.Equal("lots", odd.Raw["quantity.officers_trained"]);
            Assert.Equal("Narnia", odd.Raw["countries"]);
            var flagged = Assert.Single(r.Flagged);
            Assert.Equal(3, flagged.Row);
        }

        [Fact]
        public void Without_a_map_reads_columns_named_like_fields()
        {
            var path = _bench.Write("plain.csv", "type,date,target.name_en,target.kind,target.country\nsanction.counter,2021-03-22,Example Person,person,United Kingdom\n");
            var r = _bench.ImportCsv(path);
            Assert.Equal(1, r.Imported);
            var e = _bench.Store.Query().Single();
            Assert.Equal(("GB", "person"), (e.Targets[0].Country, e.Targets[0].Kind));
        }

        [Fact]
        public void A_map_naming_absent_columns_is_refused()
        {
            var map = new ColumnMap();
            map.Add("type=Kind");
            map.Add("summary=What");
            var r = _bench.ImportCsv(_bench.Write("x.csv", "Kind,Other\npolice.training,x\n"), map);
            Assert.True(r.FileRejected);
            Assert.Contains("What (for summary)", r.Error);
        }

        [Fact]
        public void A_row_without_a_target_or_summary_is_rejected()
        {
            var r = _bench.ImportCsv(_bench.Write("x.csv", "type,date,summary\npolice.training,2023,\npolice.training,2023,A course\n"));
            Assert.Equal(1, Assert.Single(r.Rejected).Row);
            Assert.Equal(1, r.Imported);
        }

        [Fact]
        public void Map_problems_name_the_line()
        {
            var problems = new ColumnMap().AddText("type = Kind\nnot a mapping\ncolour = Blue\n", "m.map");
            Assert.Equal(["m.map:2", "m.map:3"], problems.Select(p => p.Location));
            Assert.Contains("unknown field 'colour'", problems[1].Message);
        }
    }

    [Fact]
    public void Names_and_codes_of_one_country_become_one_code()
    {
        var path = _bench.WriteOs("c.csv",
            $"Company,,A Co,,,Japan,export.control,,,MOFCOM,,01.01.2025,,{Url1},",
            $"Company,,B Co,,,JP,export.control,,,MOFCOM,,01.01.2025,,{Url1},",
            $"Company,,C Co,,,Czechia,export.control,,,MOFCOM,,01.01.2025,,{Url1},",
            $"Company,,D Co,,,Czech Republic,export.control,,,MOFCOM,,01.01.2025,,{Url1},",
            $"Company,,E Co,,,捷克,export.control,,,MOFCOM,,01.01.2025,,{Url1},");
        _bench.ImportOs(path);
        var codes = _bench.Store.Query().OrderBy(e => e.Targets[0].NameEn).Select(e => e.Targets[0].Country).ToList();
        Assert.Equal(["JP", "JP", "CZ", "CZ", "CZ"], codes);
        Assert.Equal(3, _bench.Store.Query(new EventFilter { Country = "CZ" }).Count());
    }
}
