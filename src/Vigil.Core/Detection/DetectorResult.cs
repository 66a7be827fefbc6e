using System.Globalization;

namespace Vigil.Core.Detection;

/// <summary>Whether a statistic is unusual when it is large (a z-score) or small (a p-value).</summary>
public enum StatisticSense
{
    /// <summary>Unusual when the statistic reaches the threshold or more (z-scores, CUSUM sums).</summary>
    AtLeast,

    /// <summary>Unusual when the statistic is at or below the threshold (p-values).</summary>
    AtMost,
}

/// <summary>
/// What a detector says about one point: a score, a yes/no, and the numbers behind them so the explanation can be read
/// and checked. The explanation text is built from these numbers on demand (no string is made for points nobody reads).
/// </summary>
/// <remarks>
/// <para><see cref="Score"/> is on one scale for every detector: 0 means ordinary, 0.5 means exactly at the
/// detector's threshold, and it rises towards 1 as the point grows more unusual. For a statistic s read against a
/// threshold h it is u/(1+u) with u = s/h (u = ln p / ln α for a p-value p against a level α). The score is monotone in
/// how unusual the point is, so a backtest may move the threshold (NAB does) without changing the ranking.</para>
/// <para><see cref="IsAnomaly"/> is the detector's own decision. It is usually <c>Score ≥ 0.5</c>, but a detector
/// may decline to flag a point it scores high (for example CUSUM after it has reset, or a level shift that was
/// already reported).</para>
/// </remarks>
public readonly record struct DetectorResult
{
    public DateTimeOffset Timestamp { get; init; }

    public double Value { get; init; }

    /// <summary>0 (ordinary) to 1 (extreme); 0.5 is the detector's threshold. 0 while warming up.</summary>
    public double Score { get; init; }

    /// <summary>The detector flags this point.</summary>
    public bool IsAnomaly { get; init; }

    /// <summary>False while the detector is still learning (too few earlier points) or the value was not usable.</summary>
    public bool Ready { get; init; }

    /// <summary>What the value was expected to be (median, EWMA, expected count...); NaN when there is none yet.</summary>
    public double Baseline { get; init; }

    /// <summary>The spread the deviation is measured in (robust σ, predictive s.d....); NaN when there is none.</summary>
    public double Spread { get; init; }

    /// <summary>The test statistic (robust z, CUSUM sum, p-value...); ±∞ when the baseline has no spread at all.</summary>
    public double Statistic { get; init; }

    /// <summary>The threshold the statistic is compared with.</summary>
    public double Threshold { get; init; }

    /// <summary>Whether large or small statistics are unusual.</summary>
    public StatisticSense Sense { get; init; }

    /// <summary>How many earlier points the baseline rests on.</summary>
    public int Basis { get; init; }

    /// <summary>The detector name, and any choice it made ("auto → seasonal").</summary>
    public string Detector { get; init; }

    /// <summary>Words for the baseline ("median of the previous points").</summary>
    public string Method { get; init; }

    /// <summary>Words for the statistic ("robust z").</summary>
    public string StatisticName { get; init; }

    /// <summary>Anything else a reader needs (warm-up, a constant baseline, a reset); null when nothing.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// One sentence with the numbers: the value, the baseline and its basis, the spread, the statistic against its
    /// threshold, and any note. Numbers are written in the invariant culture with up to 4 significant decimals.
    /// </summary>
    public string Explanation
    {
        get
        {
            if (!Ready)
            {
                return $"{Number(Value)}: not scored ({Note ?? "warming up"}).";
            }

            var comparison = Sense == StatisticSense.AtLeast
                ? (Math.Abs(Statistic) >= Threshold ? "≥" : "<")
                : (Statistic <= Threshold ? "≤" : ">");
            var text = $"{Number(Value)} against a baseline of {Number(Baseline)} ({Method}, {Basis} points)";
            if (!double.IsNaN(Spread))
            {
                text += $", spread {Number(Spread)}";
            }

            text += $": {StatisticName} {Signed(Statistic, Sense)} {comparison} threshold {Number(Threshold)}";
            text += IsAnomaly ? $" — unusual (score {Number(Score)})" : $" — score {Number(Score)}";
            return Note is null ? text + "." : $"{text}; {Note}.";
        }
    }

    /// <summary>A not-scored result (warming up or an unusable value).</summary>
    public static DetectorResult NotReady(string detector, DateTimeOffset timestamp, double value, int basis, string note) => new()
    {
        Timestamp = timestamp,
        Value = value,
        Baseline = double.NaN,
        Spread = double.NaN,
        Statistic = double.NaN,
        Threshold = double.NaN,
        Basis = basis,
        Detector = detector,
        Method = "",
        StatisticName = "",
        Note = note,
    };

    /// <summary>The common 0–1 score for a statistic <paramref name="magnitude"/> ≥ 0 read against <paramref name="threshold"/> &gt; 0.</summary>
    public static double ScoreOf(double magnitude, double threshold)
    {
        if (double.IsNaN(magnitude) || magnitude <= 0)
        {
            return 0;
        }

        if (double.IsPositiveInfinity(magnitude))
        {
            return 1;
        }

        var u = magnitude / threshold;
        return u / (1 + u);
    }

    /// <summary>The common 0–1 score for a p-value <paramref name="p"/> against a level <paramref name="alpha"/> (0 &lt; α &lt; 1).</summary>
    public static double ScoreOfPValue(double p, double alpha)
    {
        if (double.IsNaN(p) || p >= 1)
        {
            return 0;
        }

        if (p <= 0)
        {
            return 1;
        }

        return ScoreOf(Math.Log(p) / Math.Log(alpha), 1);
    }

    /// <summary>A number for the explanation: invariant culture, at most 4 decimals, "∞" for infinities.</summary>
    public static string Number(double x) =>
        double.IsPositiveInfinity(x) ? "∞" : double.IsNegativeInfinity(x) ? "−∞" : double.IsNaN(x) ? "n/a"
        : Math.Abs(x) >= 1e-4 || x == 0 ? Math.Round(x, 4).ToString("0.####", CultureInfo.InvariantCulture)
        : x.ToString("0.###e+0", CultureInfo.InvariantCulture);

    private static string Signed(double x, StatisticSense sense) =>
        sense == StatisticSense.AtLeast && x > 0 && !double.IsPositiveInfinity(x) ? "+" + Number(x)
        : sense == StatisticSense.AtLeast && double.IsPositiveInfinity(x) ? "+∞" : Number(x);
}
