using System.Text;
using Vigil.Core.Indicators;

namespace Vigil.Core.Tests.Warning;

public sealed class IndicatorTests
{
    public sealed class PeriodKeys
    {
        [Theory]
        [InlineData("2024-03-05", IndicatorPeriod.Day, "2024-03-05", "2024-03-05")]
        [InlineData("2024-03-05", IndicatorPeriod.Month, "2024-03", "2024-03-01")]
        [InlineData("2024-03-05", IndicatorPeriod.Year, "2024", "2024-01-01")]
        // ISO weeks: 2021-01-03 (a Sunday) is in week 53 of 2020; 2024-12-30 (a Monday) starts week 1 of 2025.
        [InlineData("2021-01-03", IndicatorPeriod.Week, "2020-W53", "2020-12-28")]
        [InlineData("2024-12-30", IndicatorPeriod.Week, "2025-W01", "2024-12-30")]
        [InlineData("2024-03-05", IndicatorPeriod.Week, "2024-W10", "2024-03-04")]
        public void Keys_and_starts(string day, IndicatorPeriod period, string key, string start)
        {
            var d = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(key, Periods.KeyOf(period, d));
            Assert.Equal(start, Periods.StartOf(period, d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        [Fact]
        public void A_range_lists_every_period_and_document_dates_must_be_precise_enough()
        {
            Assert.Equal(["2024-W52", "2025-W01", "2025-W02"],
                Periods.Range(IndicatorPeriod.Week, new DateOnly(2024, 12, 27), new DateOnly(2025, 1, 8)).Select(d => Periods.KeyOf(IndicatorPeriod.Week, d)));
            Assert.Equal(new DateOnly(2022, 1, 1), Periods.StartOfDocumentDate(IndicatorPeriod.Year, "2022"));
            Assert.Null(Periods.StartOfDocumentDate(IndicatorPeriod.Month, "2022"));
            Assert.Equal(new DateOnly(2022, 10, 1), Periods.StartOfDocumentDate(IndicatorPeriod.Month, "2022-10-16"));
            Assert.Null(Periods.StartOfDocumentDate(IndicatorPeriod.Week, "2022-10"));
            Assert.Null(Periods.StartOfDocumentDate(IndicatorPeriod.Day, null));
        }
    }

    public sealed class Csv
    {
        private static ImportedSeriesResult Parse(string text, IndicatorPeriod period = IndicatorPeriod.Month) =>
            ImportedSeries.Parse(Encoding.UTF8.GetBytes(text), "s.csv", period);

        [Fact]
        public void Reads_the_nab_layout_with_a_header_and_iso_timestamps()
        {
            var r = Parse("timestamp,value\n2014-04-01 00:00:00,20.5\n\"2014-04-02T13:00:00Z\",-3\n2014-04-04,1e2\r\n", IndicatorPeriod.Day);
            Assert.Empty(r.Errors);
            Assert.Equal([("2014-04-01", 20.5, 2), ("2014-04-02", -3.0, 3), ("2014-04-04", 100.0, 4)], r.Points.Select(p => (p.Period, p.Value, p.Line)));
            Assert.Equal(64, r.Sha256.Length);
        }

        [Fact]
        public void A_file_with_bad_rows_is_refused_whole_and_each_row_is_named()
        {
            var r = Parse("2024-01,1\n2024-02,abc\n2024-13,3\n2024-03,4,5\n2024-01-20,6\n2024-04,NaN\n");
            Assert.Empty(r.Points);
            Assert.Equal(
            [
                "s.csv line 2: value 'abc' is not a finite number (use a dot for decimals, no thousands separators)",
                "s.csv line 3: timestamp '2024-13' is not a date (use YYYY-MM-DD, 'YYYY-MM-DD hh:mm:ss' or ISO 8601; YYYY-MM or YYYY for monthly or yearly series)",
                "s.csv line 4: expected 2 fields (timestamp,value), found 3",
                "s.csv line 5: falls in the same month (2024-01) as line 1; give one row per period or use a shorter --period",
                "s.csv line 6: value 'NaN' is not a finite number (use a dot for decimals, no thousands separators)",
            ], r.Errors);
        }

        [Fact]
        public void A_coarse_timestamp_needs_a_coarse_period_and_empty_or_binary_files_are_refused()
        {
            Assert.Contains("line 1: timestamp '2024-03'", Parse("2024-03,1\n", IndicatorPeriod.Day).Errors.Single(), StringComparison.Ordinal);
            Assert.Equal("s.csv: no rows; the file needs lines of timestamp,value", Parse("timestamp,value\n").Errors.Single());
            Assert.Contains("not UTF-8", ImportedSeries.Parse([0xff, 0xfe, 0x00, 0x81], "s.csv", IndicatorPeriod.Month).Errors.Single(), StringComparison.Ordinal);
        }

        [Fact]
        public void Imported_rows_make_a_series_with_gaps_as_missing_values()
        {
            using var temp = new TempStore();
            var read = Parse("2024-01,5\n2024-04,7\n");
            var indicator = new IndicatorDefinition { Id = "gdp", Name = "GDP", Period = IndicatorPeriod.Month, Source = new CsvSource("/x/s.csv", read.Sha256) };
            Assert.True(temp.Store.AddIndicator(indicator, read.Points));
            var series = new ImportedSeriesSource(temp.Store).Build(indicator, TestContext.Current.CancellationToken).Series!;
            Assert.Equal([("2024-01", (double?)5), ("2024-02", null), ("2024-03", null), ("2024-04", 7)], series.Points.Select(p => (p.Period, p.Value)));
            Assert.Contains("2 period(s) without a row have no value", series.Notes);
        }
    }

    public sealed class Definitions
    {
        private static readonly IndicatorDefinition Full = new()
        {
            Id = "fm.dev-sec",
            Name = "统筹发展和安全",
            Period = IndicatorPeriod.Week,
            Source = new FormulationSource("development-and-security", ["统筹发展和安全"], ["ensuring both development and security"], ["发展和安全"], Rate: true) { Sources = ["Xinhua"] },
            Detector = new DetectorSpec("ewma", new Dictionary<string, string> { ["lambda"] = "0.3", ["k"] = "3" }),
            Thresholds = new SeverityThresholds(2, null, 8),
        };

        [Fact]
        public void A_definition_round_trips_through_json()
        {
            var json = IndicatorJson.Serialize(Full);
            var (back, error) = IndicatorJson.Deserialize(json, "t");
            Assert.Null(error);
            Assert.Equal(json, IndicatorJson.Serialize(back!));
            Assert.StartsWith("{\"id\":\"fm.dev-sec\",\"name\":\"统筹发展和安全\",\"period\":\"week\",\"source\":{\"kind\":\"formulation\"", json, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("""{"id":"x","name":"n","period":"quarter","source":{"kind":"terms","terms":["a"]}}""", "field period must be day, week, month or year")]
        [InlineData("""{"id":"x","name":"n","period":"month","source":{"kind":"terms","terms":[]}}""", "field terms must be a non-empty list of strings")]
        [InlineData("""{"id":"x","name":"n","period":"month","source":{"kind":"magic"}}""", "field source.kind must be terms, formulation, domain, index, events or csv (got 'magic')")]
        [InlineData("""{"id":"x","name":"n","period":"month","source":{"kind":"terms","terms":["a"]},"thresholds":{"medium":5,"high":3}}""", "threshold high (3) must be above medium (5)")]
        [InlineData("""{"id":"x y","name":"n","period":"month","source":{"kind":"terms","terms":["a"]}}""", "field id must be letters")]
        [InlineData("""{"id":"x","name":"n","period":"month","source":{"kind":"terms","terms":["a"]},"detector":{"name":"ewma","params":{"k":3}}}""", "field detector.params.k must be a non-empty string")]
        public void A_bad_field_is_named(string json, string message) =>
            Assert.Contains(message, IndicatorJson.Deserialize(json, "f").Error, StringComparison.Ordinal);

        [Fact]
        public void Export_then_import_into_another_directory_gives_the_same_definitions_and_rows()
        {
            using var from = new TempStore();
            using var to = new TempStore();
            var read = ImportedSeries.Parse(Encoding.UTF8.GetBytes("2024-01,5\n2024-04,7.25\n"), "s.csv", IndicatorPeriod.Month);
            from.Store.AddIndicator(Full);
            from.Store.AddIndicator(new IndicatorDefinition { Id = "gdp", Name = "GDP", Period = IndicatorPeriod.Month, Source = new CsvSource("/x/s.csv", read.Sha256) }, read.Points);
            var file = IndicatorFile.Export(from.Store).ToJsonString();

            var result = IndicatorFile.Import(to.Store, file, "export.json", _ => null);
            Assert.Equal(["fm.dev-sec", "gdp"], result.Added);
            Assert.Equal((0, 0), (result.Unchanged.Count, result.Errors.Count));
            Assert.Equal(IndicatorFile.Export(from.Store).ToJsonString(), IndicatorFile.Export(to.Store).ToJsonString());
            Assert.Equal([("2024-01", 5.0), ("2024-04", 7.25)], to.Store.ImportedPoints("gdp").Select(p => (p.Period, p.Value)));

            var again = IndicatorFile.Import(to.Store, file, "export.json", _ => null);
            Assert.Equal((0, 2, 0), (again.Added.Count, again.Unchanged.Count, again.Errors.Count));

            to.Store.RemoveIndicator("gdp");
            to.Store.AddIndicator(new IndicatorDefinition { Id = "gdp", Name = "Other", Period = IndicatorPeriod.Year, Source = new TermSource(["x"], false, false) });
            var clash = IndicatorFile.Import(to.Store, file, "export.json", _ => null);
            Assert.Equal("export.json indicators[1]: indicator 'gdp' is already defined differently; remove it first ('vigil indicators remove gdp') to replace it", clash.Errors.Single());
            Assert.Contains("not a Vigil indicators file", IndicatorFile.Import(to.Store, "{}", "x.json", _ => null).Errors.Single(), StringComparison.Ordinal);
        }
    }
}
