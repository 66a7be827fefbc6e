using System.Text.Json.Nodes;
using Vigil.Core.Alerts;
using Vigil.Core.Indicators;
using static Vigil.Core.Tests.Warning.WarningData;

namespace Vigil.Core.Tests.Warning;

public sealed class AlertTests
{
    public sealed class Dedupe
    {
        [Fact]
        public void A_three_point_anomaly_gives_one_alert_with_its_span_peak_and_documents()
        {
            var series = Series(Indicator(), 2, 3, 2, 15, 16, 17, 2, 3);
            var plan = AlertEngine.Plan(series, Verdicts(series, Flag(AlertSeverity.High, 3, 4, 5)), [], Noon);

            var alert = Assert.Single(plan.Created);
            Assert.Empty(plan.Ongoing);
            Assert.Equal(("2024-04", "2024-06", 3), (alert.FirstPeriod, alert.LastPeriod, alert.Points));
            // Scores are 6 + index: the peak is the last point (index 5, 2024-06, value 17).
            Assert.Equal(("2024-06", 17.0, 11.0), (alert.PeakPeriod, alert.Value, alert.Score));
            Assert.Equal(AlertSeverity.High, alert.Severity);
            Assert.Equal(["doc05", "doc04", "doc03"], alert.Documents.Select(d => d.Id));
            Assert.Equal("出口管制", alert.Documents[0].Spans[0].Text);
            Assert.Contains("for 3 consecutive months, 2024-04 to 2024-06", alert.Explanation, StringComparison.Ordinal);
            Assert.Contains("Most unusual in 2024-06: 17 occurrences. auto: far above the rolling median.", alert.Explanation, StringComparison.Ordinal);
            Assert.Contains("doc05 \"Report 5\" (2024-06-01): 17", alert.Explanation, StringComparison.Ordinal);
            Assert.Equal(AlertState.New, Assert.Single(alert.History).State);
        }

        [Fact]
        public void Planning_again_against_the_stored_alert_raises_nothing_and_changes_nothing()
        {
            using var temp = new TempStore();
            var series = Series(Indicator(), 2, 3, 2, 15, 16, 17, 2, 3);
            var verdicts = Verdicts(series, Flag(AlertSeverity.High, 3, 4, 5));
            temp.Store.Commit(AlertEngine.Plan(series, verdicts, [], Noon).Created, []);

            var again = AlertEngine.Plan(series, verdicts, temp.Store.ListAlerts(), Noon.AddHours(1));
            Assert.Empty(again.Created);
            var ongoing = Assert.Single(again.Ongoing);
            Assert.Empty(ongoing.Added);
            Assert.Equal(1, ongoing.Alert.Id);
        }

        [Fact]
        public void A_new_flagged_point_next_to_the_anomaly_extends_the_open_alert()
        {
            using var temp = new TempStore();
            var first = Series(Indicator(), 2, 3, 2, 15, 16, 17);
            temp.Store.Commit(AlertEngine.Plan(first, Verdicts(first, Flag(AlertSeverity.Medium, 3, 4, 5)), [], Noon).Created, []);

            var longer = Series(Indicator(), 2, 3, 2, 15, 16, 17, 18, 2);
            var plan = AlertEngine.Plan(longer, Verdicts(longer, Flag(AlertSeverity.Medium, 3, 4, 5, 6)), temp.Store.ListAlerts(), Noon.AddDays(31));
            Assert.Empty(plan.Created);
            var update = Assert.Single(plan.Ongoing);
            Assert.Equal(("2024-04", "2024-07", 4), (update.Alert.FirstPeriod, update.Alert.LastPeriod, update.Alert.Points));
            Assert.Equal("extended to 2024-07 (4 point(s))", Assert.Single(update.Added).Note);
            Assert.Equal(AlertState.New, update.Alert.State);

            temp.Store.Commit([], [update]);
            var stored = Assert.Single(temp.Store.ListAlerts());
            Assert.Equal(("2024-07", 4, 2), (stored.LastPeriod, stored.Points, stored.History.Count));
        }

        [Fact]
        public void Separate_anomalies_give_separate_alerts_and_missing_values_do_not_break_a_run()
        {
            // Index 2 has no value: points 1 and 3 are consecutive among the evaluated points, so they are one anomaly.
            var series = Series(Indicator(), 2, 15, null, 16, 2, 2, 20, 2);
            var plan = AlertEngine.Plan(series, Verdicts(series, Flag(AlertSeverity.Low, 1, 3, 6)), [], Noon);
            Assert.Equal([("2024-02", "2024-04", 2), ("2024-07", "2024-07", 1)], plan.Created.Select(a => (a.FirstPeriod, a.LastPeriod, a.Points)));
            Assert.Contains("was unusual in 2024-07", plan.Created[1].Explanation, StringComparison.Ordinal);
        }

        [Fact]
        public void A_resolved_alert_whose_anomaly_goes_on_is_reopened_as_new()
        {
            using var temp = new TempStore();
            var time = new ManualTime(Noon);
            var first = Series(Indicator(), 2, 3, 15);
            temp.Store.Commit(AlertEngine.Plan(first, Verdicts(first, Flag(AlertSeverity.Low, 2)), [], Noon).Created, []);
            Assert.Null(AlertActions.Resolve(temp.Store, 1, "desk", "seen", time).Error);

            var longer = Series(Indicator(), 2, 3, 15, 16);
            var update = Assert.Single(AlertEngine.Plan(longer, Verdicts(longer, Flag(AlertSeverity.Low, 2, 3)), temp.Store.ListAlerts(), Noon).Ongoing);
            Assert.Equal(AlertState.New, update.Alert.State);
            Assert.StartsWith("reopened", Assert.Single(update.Added).Note, StringComparison.Ordinal);
        }

        [Fact]
        public void Value_thresholds_raise_the_severity_the_detector_gave()
        {
            var indicator = Indicator(thresholds: new SeverityThresholds(Medium: 10, High: 16, Critical: 30));
            var series = Series(indicator, 2, 3, 15, 16, 17);
            var alert = Assert.Single(AlertEngine.Plan(series, Verdicts(series, Flag(AlertSeverity.Low, 2, 3, 4)), [], Noon).Created);
            Assert.Equal(AlertSeverity.High, alert.Severity); // 17 ≥ 16 (high), < 30 (critical)

            var alone = Assert.Single(AlertEngine.Plan(series, Verdicts(series, Flag(AlertSeverity.Low, 2)), [], Noon).Created);
            Assert.Equal(AlertSeverity.Medium, alone.Severity); // 15 ≥ 10
        }
    }

    public sealed class Budget
    {
        private static List<Alert> HighAlertsOnDifferentIndicators(int count) =>
            Enumerable.Range(0, count).Select(i =>
            {
                var series = Series(Indicator($"ind{i}"), 1, 1, 1, 1, 1, 1, 20, 1);
                // Indicator i is flagged at month index 2 + i: a later i is a more recent anomaly.
                return AlertEngine.Plan(series, Verdicts(series, Flag(AlertSeverity.High, 2 + i)), [], Noon).Created.Single();
            }).ToList();

        [Fact]
        public void Five_high_alerts_on_one_day_with_a_budget_of_two_give_two_new_and_three_suppressed()
        {
            var result = AlertBudgeting.Apply(HighAlertsOnDifferentIndicators(5), new AlertBudget(null, null, 2, null), [], Noon);
            Assert.Equal(5, result.Count);
            // The most recent anomalies (ind4 at 2024-07, ind3 at 2024-06) are raised; the result is in id order.
            Assert.Equal(["ind0", "ind1", "ind2", "ind3", "ind4"], result.Select(a => a.Indicator));
            Assert.Equal([AlertState.Suppressed, AlertState.Suppressed, AlertState.Suppressed, AlertState.New, AlertState.New], result.Select(a => a.State));
            Assert.All(result.Where(a => a.State == AlertState.Suppressed), a => Assert.StartsWith("suppressed: the high budget of 2", a.History.Single().Note, StringComparison.Ordinal));
        }

        [Fact]
        public void Alerts_raised_earlier_the_same_day_use_up_the_budget_and_the_next_day_starts_afresh()
        {
            using var temp = new TempStore();
            temp.Store.Commit(AlertBudgeting.Apply(HighAlertsOnDifferentIndicators(1), new AlertBudget(null, null, 2, null), [], Noon), []);
            var stored = temp.Store.ListAlerts();

            var later = AlertBudgeting.Apply(HighAlertsOnDifferentIndicators(3), new AlertBudget(null, null, 2, null), stored, Noon.AddHours(3));
            Assert.Equal(1, later.Count(a => a.State == AlertState.New));

            var tomorrow = AlertBudgeting.Apply(HighAlertsOnDifferentIndicators(3), new AlertBudget(null, null, 2, null), stored, Noon.AddDays(1));
            Assert.Equal(2, tomorrow.Count(a => a.State == AlertState.New));
        }

        [Fact]
        public void Each_severity_has_its_own_budget_and_null_means_no_limit()
        {
            var high = HighAlertsOnDifferentIndicators(3);
            var low = high.Select(a => a with { Indicator = a.Indicator + "-low", Severity = AlertSeverity.Low }).ToList();
            var result = AlertBudgeting.Apply([.. high, .. low], new AlertBudget(Low: 0, Medium: 1, High: null, Critical: 1), [], Noon);
            Assert.All(result.Where(a => a.Severity == AlertSeverity.High), a => Assert.Equal(AlertState.New, a.State));
            Assert.All(result.Where(a => a.Severity == AlertSeverity.Low), a => Assert.Equal(AlertState.Suppressed, a.State));
        }
    }

    public sealed class States
    {
        [Fact]
        public void Acknowledge_then_resolve_records_who_and_when_and_refuses_wrong_transitions()
        {
            using var temp = new TempStore();
            var time = new ManualTime(Noon);
            var series = Series(Indicator(), 2, 15);
            temp.Store.Commit(AlertEngine.Plan(series, Verdicts(series, Flag(AlertSeverity.Low, 1)), [], Noon).Created, []);

            time.Advance(TimeSpan.FromHours(2));
            var (acked, error) = AlertActions.Acknowledge(temp.Store, 1, "china desk", "looking into it", time);
            Assert.Null(error);
            Assert.Equal(AlertState.Acknowledged, acked!.State);
            Assert.Equal("already acknowledged", AlertActions.Acknowledge(temp.Store, 1, "china desk", null, time).Error![^20..]);

            time.Advance(TimeSpan.FromDays(1));
            var (resolved, _) = AlertActions.Resolve(temp.Store, 1, "editor", null, time);
            temp.Reopen();
            var history = temp.Store.GetAlert(1)!.History;
            Assert.Equal(AlertState.Resolved, resolved!.State);
            Assert.Equal(
                [(AlertState.New, "watch", Noon, (string?)"raised: 1 unusual month(s) from 2024-02"), (AlertState.Acknowledged, "china desk", Noon.AddHours(2), "looking into it"),
                    (AlertState.Resolved, "editor", Noon.AddHours(2).AddDays(1), null)],
                history.Select(h => (h.State, h.By, h.At, h.Note)));
            Assert.Contains("is resolved", AlertActions.Acknowledge(temp.Store, 1, "x", null, time).Error, StringComparison.Ordinal);
            Assert.Contains("no alert 9", AlertActions.Resolve(temp.Store, 9, "x", null, time).Error, StringComparison.Ordinal);
            Assert.Contains("--by", AlertActions.Resolve(temp.Store, 1, " ", null, time).Error, StringComparison.Ordinal);
        }

        [Fact]
        public void Ids_are_sequential_across_commits_and_alerts_round_trip_through_the_store()
        {
            using var temp = new TempStore();
            var series = Series(Indicator(), 2, 15, 2, 16);
            var created = AlertEngine.Plan(series, Verdicts(series, Flag(AlertSeverity.Critical, 1, 3)), [], Noon).Created;
            Assert.Equal([1L], temp.Store.Commit([created[0]], []).Select(a => a.Id));
            Assert.Equal([2L], temp.Store.Commit([created[1]], []).Select(a => a.Id));
            temp.Store.AddDelivery(2, new AlertDelivery("webhook", "http://127.0.0.1:1/x", Noon, false, 3, 500, "HTTP 500 Error after 3 attempt(s)"));
            temp.Reopen();

            var stored = temp.Store.GetAlert(2)!;
            Assert.Equal(AlertJson.ToJson(created[1] with { Id = 2 }, includeDeliveries: false).ToJsonString(), AlertJson.ToJson(stored, includeDeliveries: false).ToJsonString());
            var delivery = Assert.Single(stored.Deliveries);
            Assert.Equal((false, 3, 500), (delivery.Succeeded, delivery.Attempts, delivery.Status));
        }
    }

    /// <summary>Flags every point whose value is at least 10, with high severity: a stand-in for a detector, to test the watch's bookkeeping.</summary>
    private sealed class FlagAtLeastTen : IIndicatorEvaluator
    {
        public (IReadOnlyList<EvaluatedPoint>? Points, string? Error) Evaluate(IndicatorSeries series) =>
            (series.Points.Where(p => p.Value is not null)
                .Select(p => new EvaluatedPoint(p, p.Value!.Value, p.Value >= 10, 2, p.Value >= 10 ? "at least 10" : "") { Severity = AlertSeverity.High })
                .ToList(), null);
    }

    public sealed class Watch
    {
        private static Watcher Create(TempStore temp, TimeProvider time) =>
            new(temp.Store, temp.Store, new IndicatorSeriesBuilder([new ImportedSeriesSource(temp.Store)]), new FlagAtLeastTen(), time);

        private static void AddCsv(TempStore temp, string id, string csv)
        {
            var read = ImportedSeries.Parse(System.Text.Encoding.UTF8.GetBytes(csv), id + ".csv", IndicatorPeriod.Month);
            Assert.Empty(read.Errors);
            Assert.True(temp.Store.AddIndicator(new IndicatorDefinition
            {
                Id = id, Name = id, Period = IndicatorPeriod.Month, Source = new CsvSource(id + ".csv", read.Sha256),
            }, read.Points));
        }

        [Fact]
        public async Task The_watch_is_idempotent_and_delivers_each_new_alert_once()
        {
            using var temp = new TempStore();
            var jsonl = Path.Combine(temp.Directory, "alerts.jsonl");
            var time = new ManualTime(Noon);
            AddCsv(temp, "a", "timestamp,value\n2024-01,1\n2024-02,2\n2024-03,12\n2024-04,13\n2024-05,11\n2024-06,1\n");
            AddCsv(temp, "b", "2024-01,1\n2024-02,30\n");
            var channel = new JsonLinesChannel(jsonl, time);

            var first = await Create(temp, time).RunAsync(AlertBudget.Default, [channel], cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal([("a", "2024-03", "2024-05", 3), ("b", "2024-02", "2024-02", 1)], first.New.Select(a => (a.Indicator, a.FirstPeriod, a.LastPeriod, a.Points)));
            Assert.Empty(first.Ongoing);
            Assert.Equal(2, first.Deliveries.Count(d => d.Delivery.Succeeded));
            Assert.Equal(2, File.ReadAllLines(jsonl).Length);
            Assert.Equal(1, JsonNode.Parse(File.ReadAllLines(jsonl)[0])!["id"]!.GetValue<long>());

            time.Advance(TimeSpan.FromHours(1));
            var second = await Create(temp, time).RunAsync(AlertBudget.Default, [channel], cancellationToken: TestContext.Current.CancellationToken);
            Assert.Empty(second.New);
            Assert.Empty(second.Suppressed);
            Assert.Empty(second.Changed);
            Assert.Equal([1L, 2L], second.Ongoing.Select(a => a.Id));
            Assert.Empty(second.Deliveries);
            Assert.Equal(2, File.ReadAllLines(jsonl).Length);
            Assert.Equal(2, temp.Store.ListAlerts().Count);
            Assert.All(temp.Store.ListAlerts(), a => Assert.Single(a.History));
        }

        [Fact]
        public async Task Over_budget_alerts_are_stored_as_suppressed_and_not_delivered()
        {
            using var temp = new TempStore();
            var time = new ManualTime(Noon);
            foreach (var id in new[] { "a", "b", "c", "d" })
            {
                AddCsv(temp, id, "2024-01,1\n2024-02,30\n");
            }

            var jsonl = Path.Combine(temp.Directory, "alerts.jsonl");
            var report = await Create(temp, time).RunAsync(new AlertBudget(null, null, 2, null), [new JsonLinesChannel(jsonl, time)],
                cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(2, report.New.Count);
            Assert.Equal(2, report.Suppressed.Count);
            Assert.Equal(4, temp.Store.ListAlerts().Count);
            Assert.Equal(2, temp.Store.ListAlerts().Count(a => a.State == AlertState.Suppressed));
            Assert.Equal(2, File.ReadAllLines(jsonl).Length);
            Assert.Equal((2, 2), (report.Indicators.Sum(o => o.New), report.Indicators.Sum(o => o.Suppressed)));
        }

        [Fact]
        public async Task Two_runs_on_the_same_data_in_fresh_directories_give_the_same_alerts()
        {
            async Task<string> Run()
            {
                using var temp = new TempStore();
                AddCsv(temp, "x", "2024-01,1\n2024-02,2\n2024-03,40\n2024-04,3\n2024-05,50\n");
                AddCsv(temp, "y", "2024-01,12\n");
                await Create(temp, new ManualTime(Noon)).RunAsync(AlertBudget.Default, [], cancellationToken: TestContext.Current.CancellationToken);
                return new JsonArray([.. temp.Store.ListAlerts().Select(a => (JsonNode)AlertJson.ToJson(a))]).ToJsonString();
            }

            var a = await Run();
            Assert.Equal(a, await Run());
            Assert.Equal(3, JsonNode.Parse(a)!.AsArray().Count);
        }

        [Fact]
        public async Task An_indicator_that_cannot_be_built_is_reported_and_the_others_still_run()
        {
            using var temp = new TempStore();
            AddCsv(temp, "ok", "2024-01,1\n2024-02,30\n");
            temp.Store.AddIndicator(new IndicatorDefinition { Id = "terms", Name = "t", Period = IndicatorPeriod.Month, Source = new TermSource(["x"], false, false) });
            var report = await Create(temp, new ManualTime(Noon)).RunAsync(AlertBudget.Default, [], cancellationToken: TestContext.Current.CancellationToken);
            Assert.Single(report.New);
            Assert.True(report.HasFailures);
            Assert.Contains("no source for kind 'terms'", report.Indicators.Single(i => i.Indicator == "terms").Error, StringComparison.Ordinal);
        }
    }
}
