using Vigil.Core.Alerts;
using Vigil.Core.Domains;
using Vigil.Core.Risks;
using static Vigil.Core.Tests.Warning.WarningData;

namespace Vigil.Core.Tests.Warning;

public sealed class RiskRegisterTests
{
    private static RiskInput Input(string id = "re-1", string domain = "economic", int likelihood = 4, int impact = 5, params string[] indicators) =>
        new(id, domain, "Rare-earth export licences tighten", "Licences for gallium and germanium slow down.", "supply-chain desk",
            likelihood, impact, indicators, "2025-06-30", "analyst", "first look");

    private static RiskRegister Register(TempStore temp, TimeProvider time) =>
        new(temp.Store, TaxonomyLoader.BuiltIn, id => temp.Store.GetIndicator(id) is not null, time);

    [Fact]
    public void Adding_validates_every_field_and_names_the_allowed_values()
    {
        using var temp = new TempStore();
        var register = Register(temp, new ManualTime(Noon));
        var (risk, errors) = register.Add(new RiskInput("bad id!", "econ", " ", null, null, 0, 6, ["nope"], "30/06/2025", "analyst", null));
        Assert.Null(risk);
        Assert.Equal(7, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("id 'bad id!'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("domain 'econ' is not a taxonomy domain; allowed: political, homeland, military, economic", StringComparison.Ordinal));
        Assert.Contains("title is empty; give a non-empty text", errors);
        Assert.Contains("likelihood 0 is out of range; allowed: 1, 2, 3, 4, 5 (1 rare … 5 almost certain)", errors);
        Assert.Contains("impact 6 is out of range; allowed: 1, 2, 3, 4, 5 (1 minor … 5 severe)", errors);
        Assert.Contains(errors, e => e.StartsWith("indicator 'nope' is not defined", StringComparison.Ordinal));
        Assert.Contains("review date '30/06/2025' is not a date; use YYYY-MM-DD", errors);
        Assert.Empty(temp.Store.ListRisks());
    }

    [Fact]
    public void Assessments_build_a_history_and_the_latest_sets_the_rating()
    {
        using var temp = new TempStore();
        var time = new ManualTime(Noon);
        var register = Register(temp, time);
        var (risk, errors) = register.Add(Input());
        Assert.Empty(errors);
        Assert.Equal((4, 5, 20, "critical"), (risk!.Likelihood, risk.Impact, risk.Score, risk.Rating));
        Assert.Contains("exists", register.Add(Input()).Errors.Single(), StringComparison.Ordinal);

        time.Advance(TimeSpan.FromDays(3));
        var (assessed, _) = register.Assess("re-1", 2, 4, "policy team", "licences granted again");
        Assert.Equal((2, 4, 8, "medium"), (assessed!.Likelihood, assessed.Impact, assessed.Score, assessed.Rating));
        temp.Reopen();
        var history = temp.Store.GetRisk("re-1")!.History;
        Assert.Equal([("analyst", Noon, 4, 5, (string?)"first look"), ("policy team", Noon.AddDays(3), 2, 4, "licences granted again")],
            history.Select(h => (h.By, h.At, h.Likelihood, h.Impact, h.Note)));

        Assert.Equal(["no risk 'zz'; 'vigil risks list' shows the ids", "likelihood 9 is out of range; allowed: 1, 2, 3, 4, 5 (1 rare … 5 almost certain)"],
            Register(temp, time).Assess("zz", 9, 3, "x", null).Errors);
    }

    [Theory]
    [InlineData(1, "low")]
    [InlineData(4, "low")]
    [InlineData(5, "medium")]
    [InlineData(9, "medium")]
    [InlineData(10, "high")]
    [InlineData(12, "high")]
    [InlineData(15, "critical")]
    [InlineData(25, "critical")]
    public void Ratings_follow_the_documented_bands(int score, string rating) => Assert.Equal(rating, RiskRatings.Of(score));

    [Fact]
    public void The_heat_map_counts_each_risk_in_its_latest_cell()
    {
        using var temp = new TempStore();
        var register = Register(temp, new ManualTime(Noon));
        register.Add(Input("a", likelihood: 4, impact: 5));
        register.Add(Input("b", likelihood: 4, impact: 5));
        register.Add(Input("c", "cyber", 1, 1));
        register.Add(Input("d", "cyber", 3, 2));
        register.Assess("d", 5, 5, "x", null);
        var cells = RiskRegister.HeatMap(temp.Store.ListRisks());
        Assert.Equal(2, cells[3, 4]);
        Assert.Equal(1, cells[0, 0]);
        Assert.Equal(1, cells[4, 4]);
        Assert.Equal(0, cells[2, 1]); // d moved from (3, 2) to (5, 5)
        Assert.Equal(4, cells.Cast<int>().Sum());
        Assert.Equal(["c", "d", "a", "b"], temp.Store.ListRisks().Select(r => r.Id)); // by domain (cyber < economic), then id
    }

    [Fact]
    public void The_trend_arrow_follows_the_linked_indicators_alerts()
    {
        using var temp = new TempStore();
        var time = new ManualTime(Noon);
        temp.Store.AddIndicator(Indicator("mentions"));
        var (risk, _) = Register(temp, time).Add(Input(indicators: "mentions"));
        Assert.Equal(RiskTrend.Steady, RiskRegister.TrendOf(risk!, temp.Store.ListAlerts(), time.GetUtcNow()));

        var series = Series(Indicator("mentions"), 2, 15);
        temp.Store.Commit(AlertEngine.Plan(series, Verdicts(series, Flag(AlertSeverity.Low, 1)), [], Noon).Created, []);
        Assert.Equal(RiskTrend.Rising, RiskRegister.TrendOf(risk!, temp.Store.ListAlerts(), time.GetUtcNow()));
        Assert.Equal("↑", RiskRegister.Arrow(RiskTrend.Rising));

        AlertActions.Resolve(temp.Store, 1, "desk", null, time);
        Assert.Equal(RiskTrend.Easing, RiskRegister.TrendOf(risk!, temp.Store.ListAlerts(), time.GetUtcNow().AddDays(30)));
        Assert.Equal(RiskTrend.Steady, RiskRegister.TrendOf(risk!, temp.Store.ListAlerts(), time.GetUtcNow().AddDays(31)));

        // An alert of an indicator the risk does not watch changes nothing.
        var other = Series(Indicator("other"), 2, 15);
        temp.Store.Commit(AlertEngine.Plan(other, Verdicts(other, Flag(AlertSeverity.Low, 1)), [], Noon).Created, []);
        Assert.Equal(RiskTrend.Steady, RiskRegister.TrendOf(risk!, temp.Store.ListAlerts(), time.GetUtcNow().AddDays(31)));
    }
}
