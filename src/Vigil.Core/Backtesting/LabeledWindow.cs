using Vigil.Core.Detection;

namespace Vigil.Core.Backtesting;

/// <summary>
/// A labelled anomaly window: a detection from <see cref="Start"/> to <see cref="End"/> (inclusive) finds the anomaly.
/// NAB windows are centred on the labelled point, so <see cref="Reference"/> — the moment lead time is measured to —
/// is the label when known, else the window's midpoint.
/// </summary>
public sealed record LabeledWindow(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The labelled anomaly point, when the labels give it.</summary>
    public DateTimeOffset? Label { get; init; }

    /// <summary>The label, or the midpoint of the window.</summary>
    public DateTimeOffset Reference => Label ?? Start + ((End - Start) / 2);
}

/// <summary>A series with its labelled windows: one file of a benchmark, or any series from elsewhere (an indicator).</summary>
/// <param name="Name">How reports name it (a file's path relative to the corpus, an indicator id).</param>
public sealed record BacktestSeries(string Name, IReadOnlyList<SeriesPoint> Points, IReadOnlyList<LabeledWindow> Windows);

/// <summary>
/// The weights of a NAB application profile (Lavin &amp; Ahmad 2015, table 1): the reward for a true positive, the cost of
/// a false positive and of a false negative. A_TN is listed for completeness; NAB's score gives true negatives no
/// weight.
/// </summary>
public sealed record NabProfile(string Name, double TruePositive, double FalsePositive, double FalseNegative, double TrueNegative)
{
    /// <summary>The standard profile: A_TP = 1, A_FP = 0.11, A_FN = 1, A_TN = 1.</summary>
    public static NabProfile Standard { get; } = new("standard", 1, 0.11, 1, 1);

    /// <summary>Reward low false-positive rate: A_FP = 0.22.</summary>
    public static NabProfile RewardLowFalsePositives { get; } = new("reward_low_FP_rate", 1, 0.22, 1, 1);

    /// <summary>Reward low false-negative rate: A_FN = 2.</summary>
    public static NabProfile RewardLowFalseNegatives { get; } = new("reward_low_FN_rate", 1, 0.11, 2, 1);

    public static IReadOnlyList<NabProfile> All { get; } = [Standard, RewardLowFalsePositives, RewardLowFalseNegatives];
}
