using Microsoft.Data.Sqlite;
using Vigil.Core.Analysis;
using Vigil.Core.Documents;
using Vigil.Core.Events;
using Vigil.Core.Geo;
using Vigil.Core.Indicators;
using Vigil.Core.Storage;
using Vigil.Storage.Sqlite;

namespace Vigil.Core.Tests.Warning;

/// <summary>Event-count series from a small ledger: counts per month, filters, and the documents behind the events.</summary>
public sealed class EventSeriesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vigil-events-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteEventStore _events;
    private readonly SqliteDocumentStore _documents;

    // "Ｐｏｌｉｃｅ" is full-width in the original and half-width in the normalised text, so the two texts differ.
    private const string Text = "２０２４年３月，警务合作培训班在贝尔格莱德开班。\n\nＰｏｌｉｃｅ training began in Belgrade.";

    public EventSeriesTests()
    {
        _events = SqliteEventStore.Open(_dir);
        _documents = SqliteDocumentStore.Open(_dir);
        var analysis = AnalysisPipeline.Default.Run(Text);
        var info = new DocumentInfo { Id = "00000000000000d1", Sha256 = new string('d', 64), Format = "txt", Language = "mixed", Title = "Training notice", Date = "2024-03-02", Paths = ["/d1.txt"] };
        _documents.Commit([new NewDocumentWrite(new AnalyzedDocument(info, new DocumentContent(Text, analysis.Normalized, analysis.Paragraphs, [])), "/d1.txt", 1, 1)]);

        var normalized = analysis.Normalized.Text;
        var span = normalized.IndexOf("police training", StringComparison.OrdinalIgnoreCase);
        LedgerEvent Event(string id, string type, string? date, string[] countries, EventStatus status, EventProvenance? provenance = null) => new()
        {
            Id = id, Type = type, Date = EventDate.TryParse(date, out var d) ? d : EventDate.Unknown, Countries = countries, Status = status,
            Provenance = provenance is null ? [EventProvenance.FromDataset("list.csv", 1, null)] : [provenance],
        };
        _events.Upsert(
        [
            Event("e1", "police.training", "2024-03-02", ["RS"], EventStatus.Confirmed, EventProvenance.FromDocument("00000000000000d1", span, span + "police training".Length)),
            Event("e2", "police.meeting", "2024-01-20", ["RS"], EventStatus.Proposed),
            Event("e3", "police.agreement", "2024-03-28", ["HU"], EventStatus.Confirmed),
            Event("e4", "police.meeting", "2024-02-05", ["HU"], EventStatus.Rejected),
            Event("e5", "sanction.counter", "2024-02-11", ["US"], EventStatus.Confirmed),
            Event("e6", "police.meeting", "2024", ["RS"], EventStatus.Confirmed),
            Event("e7", "police.meeting", null, ["RS"], EventStatus.Confirmed),
            // The UK was in the EU until 2020-01-31: in 2019 it counts for the EU bloc, in 2024 it does not.
            Event("e8", "police.meeting", "2019-06-01", ["GB"], EventStatus.Confirmed),
            Event("e9", "police.meeting", "2024-03-15", ["GB"], EventStatus.Confirmed),
        ], new ChangeContext("test", TimeProvider.System));
    }

    public void Dispose()
    {
        _events.Dispose();
        _documents.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private IndicatorSeries Build(EventSource source, IndicatorPeriod period = IndicatorPeriod.Month)
    {
        var result = new EventSeriesSource(_events, Gazetteer.BuiltIn, _documents)
            .Build(new IndicatorDefinition { Id = "ev", Name = "Events", Period = period, Source = source }, TestContext.Current.CancellationToken);
        Assert.Null(result.Error);
        return result.Series!;
    }

    [Fact]
    public void Police_events_per_month_leave_out_rejected_undated_and_year_only_events_and_count_zero_in_empty_months()
    {
        var series = Build(new EventSource("police", null, null));
        // January e2 (proposed counts); February e4 is rejected: 0; March e1, e3, e9. e6 (2024 only), e7 (undated) left out; e8 in 2019.
        Assert.Equal("2019-06", series.Points[0].Period);
        var y2024 = series.Points.SkipWhile(p => p.Period != "2024-01").Select(p => (p.Period, p.Value, p.EventIds.Count)).ToList();
        Assert.Equal([("2024-01", (double?)1, 1), ("2024-02", 0, 0), ("2024-03", 3, 3)], y2024);
        Assert.Equal(["e1", "e3", "e9"], series.Points[^1].EventIds);
        Assert.Equal((1, 1), (series.Undated, series.Imprecise));
        Assert.Equal(0, series.Points.Single(p => p.Period == "2020-01").Value);
    }

    [Fact]
    public void Country_bloc_and_confirmed_only_filters()
    {
        Assert.Equal([("2024-01", 1.0), ("2024-02", 0.0), ("2024-03", 1.0)],
            Build(new EventSource(null, "RS", null)).Points.Select(p => (p.Period, p.Value!.Value)));
        Assert.Equal([("2024-03", 1.0)], Build(new EventSource(null, "RS", null) { ConfirmedOnly = true }).Points.Select(p => (p.Period, p.Value!.Value)));
        // EU: Hungary in March 2024 (e3; e4 is rejected) and the UK in June 2019 (a member then), not the UK in 2024.
        var eu = Build(new EventSource(null, null, "EU"), IndicatorPeriod.Year);
        Assert.Equal([("2019", 1.0), ("2020", 0), ("2021", 0), ("2022", 0), ("2023", 0), ("2024", 1.0)], eu.Points.Select(p => (p.Period, p.Value!.Value)));
        Assert.Equal(["e8"], eu.Points[0].EventIds);
        Assert.Equal(["e3"], eu.Points[^1].EventIds);
    }

    [Fact]
    public void The_documents_an_event_was_extracted_from_are_its_evidence_with_the_span_in_the_original_text()
    {
        var march = Build(new EventSource("police.training", null, null)).Points.Single();
        var doc = Assert.Single(march.Top);
        Assert.Equal(("00000000000000d1", "Training notice", 1.0), (doc.Id, doc.Title, doc.Contribution));
        var span = Assert.Single(doc.Spans);
        Assert.Equal("Ｐｏｌｉｃｅ training", span.Text);
        Assert.Equal(Text.IndexOf("Ｐｏｌｉｃｅ", StringComparison.Ordinal), span.Start);
    }

    [Fact]
    public void An_unknown_bloc_is_reported_not_guessed()
    {
        var result = new EventSeriesSource(_events, Gazetteer.BuiltIn).Build(
            new IndicatorDefinition { Id = "ev", Name = "E", Period = IndicatorPeriod.Month, Source = new EventSource(null, null, "Narnia") }, TestContext.Current.CancellationToken);
        Assert.Contains("bloc 'Narnia' is not in the gazetteer", result.Error, StringComparison.Ordinal);
    }
}
