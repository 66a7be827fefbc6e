namespace Vigil.Core.Alerts;

/// <summary>Where an alert stands. Transitions: new → acknowledged → resolved (new → resolved is allowed);
/// suppressed (over the day's budget) → acknowledged or resolved; the watch reopens a resolved alert as new
/// when its anomaly continues.</summary>
public enum AlertState
{
    New,
    Acknowledged,
    Resolved,

    /// <summary>Raised over the day's alert budget for its severity: stored and listed, not delivered.</summary>
    Suppressed,
}

/// <summary>How serious an alert is (docs/alerts.md gives the mapping from detector scores).</summary>
public enum AlertSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>Names used on the command line and in JSON.</summary>
public static class AlertNames
{
    public static string Of(AlertState state) => state switch
    {
        AlertState.New => "new",
        AlertState.Acknowledged => "acknowledged",
        AlertState.Resolved => "resolved",
        _ => "suppressed",
    };

    public static string Of(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Low => "low",
        AlertSeverity.Medium => "medium",
        AlertSeverity.High => "high",
        _ => "critical",
    };

    public static bool TryParseState(string? text, out AlertState state)
    {
        foreach (var s in Enum.GetValues<AlertState>())
        {
            if (string.Equals(Of(s), text, StringComparison.OrdinalIgnoreCase))
            {
                state = s;
                return true;
            }
        }

        state = default;
        return false;
    }

    public static bool TryParseSeverity(string? text, out AlertSeverity severity)
    {
        foreach (var s in Enum.GetValues<AlertSeverity>())
        {
            if (string.Equals(Of(s), text, StringComparison.OrdinalIgnoreCase))
            {
                severity = s;
                return true;
            }
        }

        severity = default;
        return false;
    }
}

/// <summary>One change of an alert: its state after the change, who made it (a role or "watch"), when, and why.</summary>
public sealed record AlertHistoryEntry(AlertState State, string By, DateTimeOffset At, string? Note);

/// <summary>A document behind an alert: how much it contributed and where (spans in the original text, where known).</summary>
/// <param name="Contribution">What the document added to the flagged points: occurrences (terms), mentions of security (index), its score (domain), or the value (events).</param>
/// <param name="Spans">[start, end) offsets in the document's original text of the first matches, where the source knows them.</param>
public sealed record EvidenceDocument(string Id, string? Title, string? Date, double Contribution, IReadOnlyList<EvidenceSpan> Spans);

/// <summary>A span of a document's original text.</summary>
public sealed record EvidenceSpan(int Start, int End, string? Text);

/// <summary>One delivery attempt set of an alert on one channel.</summary>
/// <param name="Channel">"jsonl" or "webhook".</param>
/// <param name="Target">The file or URL.</param>
/// <param name="Attempts">HTTP attempts made (1 for a file).</param>
/// <param name="Status">The last HTTP status code, if any.</param>
/// <param name="Error">Why it failed (null when it succeeded).</param>
public sealed record AlertDelivery(string Channel, string Target, DateTimeOffset At, bool Succeeded, int Attempts, int? Status, string? Error);

/// <summary>
/// An alert: one ongoing anomaly of one indicator, from its first to its last flagged point. Consecutive flagged
/// points extend the alert instead of raising another.
/// </summary>
public sealed record Alert
{
    /// <summary>Sequential id (1, 2, ...), assigned in the watch's deterministic order.</summary>
    public required long Id { get; init; }

    public required string Indicator { get; init; }

    public required AlertState State { get; init; }

    public required AlertSeverity Severity { get; init; }

    /// <summary>The detector that flagged the points (its name as configured on the indicator).</summary>
    public required string Detector { get; init; }

    /// <summary>Period key of the first flagged point (e.g. 2024-03, 2024-W09).</summary>
    public required string FirstPeriod { get; init; }

    /// <summary>Period key of the last flagged point.</summary>
    public required string LastPeriod { get; init; }

    /// <summary>Start of the first flagged period (UTC).</summary>
    public required DateTimeOffset FirstAt { get; init; }

    /// <summary>Start of the last flagged period (UTC).</summary>
    public required DateTimeOffset LastAt { get; init; }

    /// <summary>Flagged points in the anomaly.</summary>
    public required int Points { get; init; }

    /// <summary>Period key of the most unusual point (highest score).</summary>
    public required string PeakPeriod { get; init; }

    /// <summary>The value at the peak.</summary>
    public required double Value { get; init; }

    /// <summary>What the detector expected at the peak, when it says.</summary>
    public double? Baseline { get; init; }

    /// <summary>The detector's score at the peak.</summary>
    public required double Score { get; init; }

    /// <summary>The explanation in words.</summary>
    public required string Explanation { get; init; }

    /// <summary>Documents behind the flagged points, strongest first.</summary>
    public IReadOnlyList<EvidenceDocument> Documents { get; init; } = [];

    /// <summary>Ledger events behind the flagged points.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <summary>When the watch raised it (UTC, injected clock); the budget counts alerts per UTC day of this.</summary>
    public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>Every state change, oldest first.</summary>
    public IReadOnlyList<AlertHistoryEntry> History { get; init; } = [];

    /// <summary>Deliveries, oldest first.</summary>
    public IReadOnlyList<AlertDelivery> Deliveries { get; init; } = [];

    /// <summary>New, acknowledged or suppressed: not resolved.</summary>
    public bool IsOpen => State != AlertState.Resolved;
}
