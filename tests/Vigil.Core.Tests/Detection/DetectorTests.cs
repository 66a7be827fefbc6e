using MathNet.Numerics;
using Vigil.Core.Detection;
using static Vigil.Core.Tests.Detection.SeriesFactory;

namespace Vigil.Core.Tests.Detection;

/// <summary>
/// Each detector on small series whose expected detections were worked out by hand (the arithmetic is in the
/// comments), plus properties every detector must have: incremental = batch, determinism, unusable values ignored.
/// </summary>
public sealed class DetectorTests
{
    public sealed class RobustZ
    {
        [Fact]
        public void A_spike_after_a_noisy_flat_stretch_is_flagged_with_its_robust_z()
        {
            // Baseline = the 10 previous values 10,12,11,13,9,10,12,11,10,11: sorted 9,10,10,10,11,11,11,12,12,13 → median 11;
            // |x − 11| = 1,1,0,2,2,1,1,0,1,0 → sorted 0,0,0,1,1,1,1,2,2,2 → MAD 1 → spread 1.4826; z(50) = 39/1.4826 = 26.3051.
            var detector = new RobustZDetector(new RobustZOptions { Window = 10, MinPeriods = 10, Threshold = 3.5 });
            var results = Run(detector, Hourly(10, 12, 11, 13, 9, 10, 12, 11, 10, 11, 50));

            Assert.Equal([10], Flagged(results));
            Assert.All(results.Take(10), r => Assert.False(r.Ready));
            var spike = results[10];
            Assert.Equal(11, spike.Baseline, 10);
            Assert.Equal(1.4826, spike.Spread, 10);
            Assert.Equal(26.305139619587212, spike.Statistic, 9);
            // u = 26.3051/3.5 = 7.5158; score = u/(1 + u) = 0.882571.
            Assert.Equal(0.8825705886745827, spike.Score, 9);
            Assert.Contains("50 against a baseline of 11 (median of the previous points, 10 points), spread 1.4826: robust z +26.3051 ≥ threshold 3.5", spike.Explanation);
        }

        [Fact]
        public void A_MAD_of_zero_falls_back_to_the_mean_absolute_deviation()
        {
            // Six 5s and four 6s: median 5, MAD 0; mean |x − 5| = 0.4 → spread 1.2533 × 0.4 = 0.50132 (above the rounding
            // floor 1/√12 = 0.288675); z(9) = 4/0.50132 = 7.978935.
            var detector = new RobustZDetector(new RobustZOptions { Window = 10, MinPeriods = 10 });
            var results = Run(detector, Hourly(5, 5, 6, 5, 6, 5, 6, 5, 6, 5, 9));

            Assert.Equal([10], Flagged(results));
            Assert.Equal(4 / (1.2533 * 0.4), results[10].Statistic, 9);
            Assert.Contains("MAD is 0", results[10].Explanation);
        }

        [Fact]
        public void The_spread_never_falls_below_the_rounding_error_of_the_data()
        {
            // Nine 5s and one 6: MAD 0, 1.2533 × mean |x − 5| = 0.12533, but the values are whole numbers, whose rounding
            // error has σ = 1/√12 = 0.288675: z(9) = 4/0.288675 = 13.856406.
            var detector = new RobustZDetector(new RobustZOptions { Window = 10, MinPeriods = 10 });
            var results = Run(detector, Hourly(5, 5, 5, 5, 5, 5, 5, 5, 6, 5, 9));

            Assert.Equal([10], Flagged(results));
            Assert.Equal(1 / Math.Sqrt(12), results[10].Spread, 12);
            Assert.Equal(4 * Math.Sqrt(12), results[10].Statistic, 9);
            Assert.Contains("rounding floor", results[10].Explanation);
        }

        [Fact]
        public void A_change_after_an_exactly_constant_baseline_has_an_infinite_z_and_says_so()
        {
            var detector = new RobustZDetector(new RobustZOptions { Window = 10, MinPeriods = 10 });
            var results = Run(detector, Hourly(5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6));

            Assert.Equal([11], Flagged(results));
            Assert.Equal(0, results[10].Statistic);
            Assert.True(double.IsPositiveInfinity(results[11].Statistic));
            Assert.Equal(1, results[11].Score);
            Assert.Contains("all 10 baseline values equal 5", results[11].Explanation);
        }

        [Fact]
        public void Side_up_ignores_falls()
        {
            var detector = new RobustZDetector(new RobustZOptions { Window = 10, MinPeriods = 10, Side = DetectionSide.Up });
            var results = Run(detector, Hourly(10, 12, 11, 13, 9, 10, 12, 11, 10, 11, -50));

            Assert.Empty(Flagged(results));
            Assert.Equal(0, results[10].Score);
        }
    }

    public sealed class Ewma
    {
        [Fact]
        public void A_jump_is_flagged_against_the_exact_time_varying_limits_and_the_chart_relearns()
        {
            // Warm-up 10,12,10,12: μ₀ = 11, moving ranges 2,2,2 → σ = 2/1.128 = 1.773050. λ = 0.5.
            // t=1, x=11: Z = 11 → statistic 0. t=2, x=20: Z = 0.5·20 + 0.5·11 = 15.5;
            // σ_Z = σ·√(0.5/1.5 · (1 − 0.5⁴)) = 0.991165 → statistic 4.5/0.991165 = 4.540112 ≥ L = 3.
            var detector = new EwmaDetector(new EwmaOptions { Lambda = 0.5, L = 3, Warmup = 4 });
            var results = Run(detector, Hourly(10, 12, 10, 12, 11, 20, 20, 20, 20, 20, 20));

            Assert.Equal([5], Flagged(results));
            Assert.Equal(0, results[4].Statistic, 12);
            Assert.Equal(4.540112421515572, results[5].Statistic, 9);
            Assert.Equal(11, results[5].Baseline, 12);
            Assert.Equal(1.773049645390071, results[5].Spread, 9);
            // After the signal the next 4 points re-learn the baseline (20,20,20,20): not scored; then 20 is ordinary.
            Assert.All(results[6..10], r => Assert.False(r.Ready));
            Assert.True(results[10].Ready);
            Assert.False(results[10].IsAnomaly);
        }
    }

    public sealed class Cusum
    {
        [Fact]
        public void A_small_step_accumulates_until_the_upper_sum_crosses_h()
        {
            // Baseline 10,12,10,12: μ₀ = 11, σ = √(4/3) = 1.154701. k = 0.5, h = 2.
            // 11: z = 0 → S⁺ = 0. 13: z = 1.732051 → S⁺ = 1.232051. 13: S⁺ = 2.464102 ≥ 2 → signal at index 6.
            var detector = new CusumDetector(new CusumOptions { K = 0.5, H = 2, Window = 4 });
            var results = Run(detector, Hourly(10, 12, 10, 12, 11, 13, 13));

            Assert.Equal([6], Flagged(results));
            Assert.Equal(1.2320508075688774, results[5].Statistic, 9);
            Assert.Equal(2.464101615137755, results[6].Statistic, 9);
            Assert.Contains("an upward shift", results[6].Explanation);
        }

        [Fact]
        public void After_a_signal_with_reset_a_lasting_shift_signals_again()
        {
            // Same as above, but the baseline is kept: from 0 the sum needs two more 13s to reach 2.464 again.
            var detector = new CusumDetector(new CusumOptions { K = 0.5, H = 2, Window = 4, AfterSignal = AfterSignal.Reset });
            var results = Run(detector, Hourly(10, 12, 10, 12, 11, 13, 13, 13, 13));

            Assert.Equal([6, 8], Flagged(results));
        }

        [Fact]
        public void A_fall_is_signalled_by_the_lower_sum_with_a_negative_statistic()
        {
            var detector = new CusumDetector(new CusumOptions { K = 0.5, H = 2, Window = 4 });
            var results = Run(detector, Hourly(10, 12, 10, 12, 11, 9, 9));

            Assert.Equal([6], Flagged(results));
            Assert.Equal(-2.464101615137755, results[6].Statistic, 9);
        }
    }

    public sealed class Count
    {
        [Fact]
        public void Two_events_after_four_empty_periods_get_the_Poisson_Gamma_predictive_p_value()
        {
            // Prior Gamma(0.5, 1); after 4 zeros the posterior is Gamma(0.5, 5), predictive NB(r = 0.5, p = 5/6):
            // P(X ≥ 2) = 1 − p^r − r(1 − p)p^r = 1 − 0.912871 − 0.076073 = 0.011056 — not below α = 0.01.
            var strict = Run(new CountDetector(new CountOptions { MinPeriods = 4 }), Hourly(0, 0, 0, 0, 2));
            Assert.Empty(Flagged(strict));
            Assert.Equal(0.011056493393450037, strict[4].Statistic, 12);
            Assert.Equal(0.1, strict[4].Baseline, 12);

            var lenient = Run(new CountDetector(new CountOptions { MinPeriods = 4, Alpha = 0.05 }), Hourly(0, 0, 0, 0, 2));
            Assert.Equal([4], Flagged(lenient));
            Assert.Contains("P(X ≥ 2) 0.0111 ≤ threshold 0.05", lenient[4].Explanation);
        }

        [Fact]
        public void Two_events_after_ten_empty_periods_are_unusual()
        {
            // Posterior Gamma(0.5, 11): p = 11/12, P(X ≥ 2) = 1 − 0.957427 − 0.039893 = 0.002680 < 0.01.
            var results = Run(new CountDetector(new CountOptions { MinPeriods = 4 }), Hourly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2));

            Assert.Equal([10], Flagged(results));
            Assert.Equal(0.002680096087147789, results[10].Statistic, 12);
        }

        [Fact]
        public void An_over_dispersed_window_switches_to_a_negative_binomial_with_the_sample_variance()
        {
            // Window 0,10,0,10,0,10,0,10: mean 5, s² = 200/7 = 28.5714; dispersion 7·s²/5 = 40 ≫ χ²(7) → over-dispersed.
            // μ = (0.5 + 40)/(1 + 8) = 4.5; r = μ²/(s² − μ) = 0.841246; p = μ/s² = 0.1575. P(X ≥ 15) is computed here
            // independently as 1 − Σ_{k<15} Γ(k + r)/(Γ(r)·k!)·p^r·(1 − p)^k = 0.056853: not unusual, whereas a Poisson
            // with mean 4.5 would call 15 extreme.
            var results = Run(new CountDetector(new CountOptions { MinPeriods = 4 }), Hourly(0, 10, 0, 10, 0, 10, 0, 10, 15));
            var variance = 200.0 / 7;
            var r = 4.5 * 4.5 / (variance - 4.5);
            var p = 4.5 / variance;
            var below = Enumerable.Range(0, 15).Sum(k => Math.Exp(SpecialFunctions.GammaLn(k + r) - SpecialFunctions.GammaLn(r) - SpecialFunctions.GammaLn(k + 1) + (r * Math.Log(p)) + (k * Math.Log(1 - p))));

            Assert.Empty(Flagged(results));
            Assert.Equal(1 - below, results[8].Statistic, 9);
            Assert.Equal(0.05685302470875764, results[8].Statistic, 6);
            Assert.Contains("negative binomial", results[8].Method);
        }

        [Fact]
        public void Values_that_are_not_counts_are_reported_and_left_out()
        {
            var results = Run(new CountDetector(new CountOptions { MinPeriods = 4 }), Hourly(0, 0, 1.5, 0, -1, 0, 0, 2));

            Assert.False(results[2].Ready);
            Assert.Contains("not a count", results[2].Explanation);
            Assert.False(results[4].Ready);
            // Only the five real counts (0,0,0,0,0) are history: the 2 is judged against 5 zeros, p = 1 − (6/7)^0.5 − 0.5·(1/7)·(6/7)^0.5.
            var q = Math.Sqrt(6.0 / 7);
            Assert.Equal(1 - q - (0.5 / 7 * q), results[7].Statistic, 12);
        }
    }

    public sealed class Seasonal
    {
        [Fact]
        public void An_off_phase_value_is_judged_against_the_same_phase_of_earlier_cycles()
        {
            // Period 4, hourly: cycles 1,5,9,5 / 2,6,10,6 / 1,5,9,5 / 2,6,10,6 / 1,5,9,5, then 9 at phase 0.
            // Points 0–10 teach the time step. At index 20 the last three phase-0 values are 1,2,1 → median 1, MAD 0;
            // the residuals of the scored points 11–19 are 0.5,1,1,1,1,1,1,1,1 → median 1 → spread 1.4826;
            // z = (9 − 1)/1.4826 = 5.3959 ≥ 3.5. Before it, the largest |z| is 1/0.7413 = 1.349 (index 12).
            var detector = new SeasonalDetector(new SeasonalOptions { Period = 4, Cycles = 3, MinCycles = 2 });
            var results = Run(detector, Hourly(1, 5, 9, 5, 2, 6, 10, 6, 1, 5, 9, 5, 2, 6, 10, 6, 1, 5, 9, 5, 9));

            Assert.Equal([20], Flagged(results));
            Assert.Equal(1, results[20].Baseline, 12);
            Assert.Equal(1.4826, results[20].Spread, 12);
            Assert.Equal(5.395926075812762, results[20].Statistic, 9);
            Assert.Equal(1.3489815189531904, results[12].Statistic, 9);
            Assert.All(results.Take(11), r => Assert.False(r.Ready));
        }

        [Fact]
        public void The_period_is_inferred_from_the_time_step()
        {
            var hourly = new SeasonalDetector();
            Run(hourly, Hourly(Enumerable.Range(0, 12).Select(i => (double)i).ToArray()));
            Assert.Equal(24, hourly.Period);

            var daily = new SeasonalDetector();
            Run(daily, Series(TimeSpan.FromDays(1), Enumerable.Range(0, 12).Select(i => (double)i).ToArray()));
            Assert.Equal(7, daily.Period);
        }

        [Fact]
        public void A_step_with_no_known_cycle_says_to_set_the_period()
        {
            var results = Run(new SeasonalDetector(), Series(TimeSpan.FromDays(365), Enumerable.Range(0, 15).Select(i => (double)i).ToArray()));

            Assert.All(results, r => Assert.False(r.Ready));
            Assert.Contains("set period=N", results[14].Explanation);
        }
    }

    public sealed class LevelShift
    {
        [Fact]
        public void A_step_is_flagged_once_when_the_recent_median_moves()
        {
            // Before = 5, after = 3. At index 11 the recent window is 10,20,20 (median 20) and the reference 11,10,9,11,10
            // (median 10, MAD 1 → σ̂ 1.4826); se = 1.4826·1.2533·√(1/3 + 1/5) = 1.356995; z = 10/1.356995 = 7.3692.
            // Index 12 is still a shift (z 21.8) but part of the same one: not flagged again.
            var detector = new LevelShiftDetector(new LevelShiftOptions { Before = 5, After = 3, Threshold = 4 });
            var results = Run(detector, Hourly(10, 11, 9, 10, 11, 10, 9, 11, 10, 10, 20, 20, 20, 20));

            Assert.Equal([11], Flagged(results));
            Assert.Equal(7.369221331567115, results[11].Statistic, 9);
            Assert.Equal(0, results[10].Statistic, 12);
            Assert.True(results[12].Statistic >= 4);
            Assert.Contains("part of the shift reported", results[12].Explanation);
        }

        [Fact]
        public void A_single_spike_does_not_move_the_recent_median()
        {
            var detector = new LevelShiftDetector(new LevelShiftOptions { Before = 5, After = 3, Threshold = 4 });
            var results = Run(detector, Hourly(10, 11, 9, 10, 11, 10, 9, 11, 10, 10, 30, 10, 10, 10));

            Assert.Empty(Flagged(results));
        }
    }

    public sealed class Naive
    {
        [Fact]
        public void The_band_is_fixed_by_the_warm_up_and_never_moves()
        {
            // Warm-up 10,12,10,12: mean 11, s = 1.154701; band 11 ± 3s = [7.536, 14.464]. 14: z = 2.598; 15: z = 3.464; 7: z = −3.464.
            var detector = new NaiveDetector(new NaiveOptions { Warmup = 4, K = 3 });
            var results = Run(detector, Hourly(10, 12, 10, 12, 14, 15, 7, 15));

            Assert.Equal([5, 6, 7], Flagged(results));
            Assert.Equal(2.598076211353316, results[4].Statistic, 9);
            Assert.Equal(3.464101615137755, results[5].Statistic, 9);
        }

        [Fact]
        public void The_registry_uses_the_probation_period_when_the_length_is_known()
        {
            var creation = DetectorRegistry.Create("naive", null, new DetectorContext { SeriesLength = 4000 });
            Assert.Equal(600, ((NaiveDetector)creation.Detector!).Warmup);
            var capped = DetectorRegistry.Create("naive", null, new DetectorContext { SeriesLength = 22_000 });
            Assert.Equal(750, ((NaiveDetector)capped.Detector!).Warmup);
            var unknown = DetectorRegistry.Create("naive");
            Assert.Equal(150, ((NaiveDetector)unknown.Detector!).Warmup);
        }
    }

    public sealed class Ensemble
    {
        [Fact]
        public void A_spike_in_a_regular_pattern_is_the_only_new_maximum()
        {
            // 10 + (0, 1, 0, −1) repeated, a 20 at index 200; points every 2 days (no calendar cycle: the seasonal part is off).
            // Spike part: the largest |z| before the spike is at index 21 (21 earlier values: eleven 10s → MAD 0, mean
            // |x − 10| = 10/21 → spread 0.596810, z(11) = 21/12.533 = 1.675577); later windows give smaller z. At index 200 the 100
            // previous values hold fifty 10s, twenty-five 11s and 9s → median 10, MAD 0.5 → spread 0.7413, z(20) = 13.489815,
            // u = 13.489815/1.675577 = 8.050850. The step part peaks at about 7.42/1.68 there, and the fall back (9 below 20)
            // is smaller than the jump up (11), so nothing else reaches 1.1 times its memory.
            var values = Enumerable.Range(0, 260).Select(i => i == 200 ? 20 : 10 + new[] { 0, 1, 0, -1 }[i % 4]).Select(v => (double)v).ToArray();
            var results = Run(new EnsembleDetector(), Series(TimeSpan.FromDays(2), values));

            Assert.Equal([200], Flagged(results));
            Assert.Equal(13.489815189531904 / (21 / (1.2533 * 10)), results[200].Statistic, 9);
            Assert.Contains("spike |z| = 13.4898", results[200].Explanation);
            Assert.All(results.Take(70), r => Assert.False(r.Ready));
        }
    }

    public sealed class EveryDetector
    {
        public static TheoryData<string> Names() => new(DetectorRegistry.Definitions.Select(d => d.Name));

        [Theory]
        [MemberData(nameof(Names))]
        public void Point_by_point_equals_the_batch_run_and_two_runs_are_identical(string name)
        {
            var points = Noisy();
            var batch = DetectorRun.Run(DetectorRegistry.Create(name).Detector!, points);
            var again = DetectorRun.Run(DetectorRegistry.Create(name).Detector!, points);
            var incremental = DetectorRegistry.Create(name).Detector!;
            var stepwise = new List<DetectorResult>();
            foreach (var point in points)
            {
                stepwise.Add(incremental.Observe(point.Timestamp, point.Value));
            }

            Assert.Equal(batch, stepwise);
            Assert.Equal(batch, again);
            Assert.Equal(batch.Select(r => r.Explanation), again.Select(r => r.Explanation));
            Assert.All(batch, r => Assert.InRange(r.Score, 0, 1));
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void A_non_finite_value_is_not_scored_and_changes_nothing(string name)
        {
            var points = Noisy(300);
            var clean = DetectorRun.Run(DetectorRegistry.Create(name).Detector!, points);
            var detector = DetectorRegistry.Create(name).Detector!;
            var withGarbage = new List<DetectorResult>();
            for (var i = 0; i < points.Count; i++)
            {
                if (i == 150)
                {
                    var nan = detector.Observe(points[i].Timestamp, double.NaN);
                    Assert.False(nan.Ready);
                    Assert.False(detector.Observe(points[i].Timestamp, double.PositiveInfinity).Ready);
                }

                withGarbage.Add(detector.Observe(points[i].Timestamp, points[i].Value));
            }

            Assert.Equal(clean, withGarbage);
        }
    }
}
