namespace Vigil.Core.Risks;

/// <summary>One assessment of a risk: who rated it, when, and the likelihood and impact they gave.</summary>
/// <param name="By">A role or team name ("analyst", "supply-chain desk"); not meant to track individuals.</param>
/// <param name="At">When the assessment was recorded (UTC, from the injected clock).</param>
/// <param name="Likelihood">1 (rare) to 5 (almost certain).</param>
/// <param name="Impact">1 (minor) to 5 (severe).</param>
public sealed record RiskAssessment(string By, DateTimeOffset At, int Likelihood, int Impact, string? Note);

/// <summary>
/// A risk in the register: one security domain (a taxonomy id), what the risk is, who owns it (a role or team),
/// its current likelihood and impact (the latest assessment), the indicators that watch it and when to review it.
/// </summary>
public sealed record Risk
{
    /// <summary>The id the analyst chose (letters, digits, '-', '_', '.'; at most 64 characters).</summary>
    public required string Id { get; init; }

    /// <summary>A domain id of the taxonomy (e.g. economic, cyber, overseas-interests).</summary>
    public required string Domain { get; init; }

    public required string Title { get; init; }

    public string Description { get; init; } = "";

    /// <summary>The responsible role or team (not an individual's name: the register is not for tracking people).</summary>
    public string Owner { get; init; } = "";

    /// <summary>Ids of indicators whose alerts feed the risk's trend arrow.</summary>
    public IReadOnlyList<string> Indicators { get; init; } = [];

    /// <summary>The date by which the risk should be assessed again, or null.</summary>
    public DateOnly? ReviewDate { get; init; }

    /// <summary>When the risk was added (UTC, from the injected clock).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Every assessment, oldest first; the first is the one given when the risk was added.</summary>
    public IReadOnlyList<RiskAssessment> History { get; init; } = [];

    /// <summary>The latest likelihood (1–5).</summary>
    public int Likelihood => History.Count == 0 ? 0 : History[^1].Likelihood;

    /// <summary>The latest impact (1–5).</summary>
    public int Impact => History.Count == 0 ? 0 : History[^1].Impact;

    /// <summary>Likelihood × impact, 1–25.</summary>
    public int Score => Likelihood * Impact;

    /// <summary>The rating band of <see cref="Score"/> (see <see cref="RiskRatings.Of"/>).</summary>
    public string Rating => RiskRatings.Of(Score);
}

/// <summary>Rating bands of a likelihood × impact score (docs/risks.md).</summary>
public static class RiskRatings
{
    /// <summary>low (1–4), medium (5–9), high (10–14), critical (15–25).</summary>
    public static string Of(int score) => score switch
    {
        >= 15 => "critical",
        >= 10 => "high",
        >= 5 => "medium",
        _ => "low",
    };
}

/// <summary>How a risk's linked indicators stand, shown as an arrow.</summary>
public enum RiskTrend
{
    /// <summary>No linked indicator has an open alert or a recent resolution (→).</summary>
    Steady,

    /// <summary>A linked indicator has an open alert: new, acknowledged or suppressed (↑).</summary>
    Rising,

    /// <summary>No open alert, but an alert of a linked indicator was resolved recently (↓).</summary>
    Easing,
}
