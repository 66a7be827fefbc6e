using System.Text.RegularExpressions;
using Vigil.Core.Alerts;
using Vigil.Core.Domains;

namespace Vigil.Core.Risks;

/// <summary>Risks and their assessment history, in the data directory. Thread-safe.</summary>
public interface IRiskStore
{
    /// <summary>Every risk with its history, by domain then id (ordinal).</summary>
    IReadOnlyList<Risk> ListRisks();

    Risk? GetRisk(string id);

    /// <summary>Adds a risk with its first assessment; false when the id is taken.</summary>
    bool AddRisk(Risk risk);

    /// <summary>Appends an assessment; false when the risk is unknown.</summary>
    bool AddAssessment(string id, RiskAssessment assessment);
}

/// <summary>What a new risk is made of (as typed by the analyst, before validation).</summary>
public sealed record RiskInput(string Id, string Domain, string Title, string? Description, string? Owner, int Likelihood, int Impact,
    IReadOnlyList<string> Indicators, string? ReviewDate, string By, string? Note);

/// <summary>
/// The domain risk register: adds and assesses risks after checking every field against the taxonomy, the
/// indicators and the 1–5 scales, and works out each risk's trend from its indicators' alerts.
/// </summary>
public sealed partial class RiskRegister
{
    /// <summary>An alert resolved within this many days gives a falling trend (↓).</summary>
    public static readonly TimeSpan RecentlyResolved = TimeSpan.FromDays(30);

    public const int MaxTextLength = 4000;

    private readonly IRiskStore _store;
    private readonly Taxonomy _taxonomy;
    private readonly Func<string, bool> _indicatorExists;
    private readonly TimeProvider _time;

    /// <param name="taxonomy">The full taxonomy (all versions): a risk's domain must be one of its ids.</param>
    /// <param name="indicatorExists">Whether an indicator id is defined.</param>
    public RiskRegister(IRiskStore store, Taxonomy taxonomy, Func<string, bool> indicatorExists, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(indicatorExists);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _taxonomy = taxonomy;
        _indicatorExists = indicatorExists;
        _time = time;
    }

    /// <summary>Adds a risk; returns it, or every validation error (each names the field and what is allowed).</summary>
    public (Risk? Risk, IReadOnlyList<string> Errors) Add(RiskInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<string>();
        if (!IsValidId(input.Id))
        {
            errors.Add($"id '{input.Id}': use letters, digits, '-', '_' or '.', starting with a letter or digit, at most 64 characters");
        }

        if (_taxonomy.Find(input.Domain) is null)
        {
            errors.Add($"domain '{input.Domain}' is not a taxonomy domain; allowed: {string.Join(", ", _taxonomy.Domains.Select(d => d.Id))}");
        }

        CheckText(errors, "title", input.Title, required: true);
        CheckText(errors, "description", input.Description, required: false);
        CheckText(errors, "owner", input.Owner, required: false);
        CheckText(errors, "note", input.Note, required: false);
        CheckText(errors, "by", input.By, required: true);
        CheckScale(errors, "likelihood", input.Likelihood);
        CheckScale(errors, "impact", input.Impact);
        foreach (var indicator in input.Indicators.Where(i => !_indicatorExists(i)))
        {
            errors.Add($"indicator '{indicator}' is not defined; 'vigil indicators list' shows the ids");
        }

        DateOnly? review = null;
        if (input.ReviewDate is not null)
        {
            if (DateOnly.TryParseExact(input.ReviewDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
            {
                review = d;
            }
            else
            {
                errors.Add($"review date '{input.ReviewDate}' is not a date; use YYYY-MM-DD");
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var now = _time.GetUtcNow();
        var risk = new Risk
        {
            Id = input.Id,
            Domain = input.Domain,
            Title = input.Title.Trim(),
            Description = input.Description?.Trim() ?? "",
            Owner = input.Owner?.Trim() ?? "",
            Indicators = input.Indicators.Distinct(StringComparer.Ordinal).ToList(),
            ReviewDate = review,
            CreatedAt = now,
            History = [new RiskAssessment(input.By.Trim(), now, input.Likelihood, input.Impact, input.Note?.Trim() is { Length: > 0 } n ? n : null)],
        };
        if (!_store.AddRisk(risk))
        {
            return (null, [$"id '{input.Id}': a risk with this id exists; choose another id or use 'vigil risks assess {input.Id}'"]);
        }

        return (risk, []);
    }

    /// <summary>Records a new assessment; returns the updated risk or the validation errors.</summary>
    public (Risk? Risk, IReadOnlyList<string> Errors) Assess(string id, int likelihood, int impact, string by, string? note)
    {
        var errors = new List<string>();
        CheckScale(errors, "likelihood", likelihood);
        CheckScale(errors, "impact", impact);
        CheckText(errors, "by", by, required: true);
        CheckText(errors, "note", note, required: false);
        if (_store.GetRisk(id) is null)
        {
            errors.Insert(0, $"no risk '{id}'; 'vigil risks list' shows the ids");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        _store.AddAssessment(id, new RiskAssessment(by.Trim(), _time.GetUtcNow(), likelihood, impact, note?.Trim() is { Length: > 0 } n ? n : null));
        return (_store.GetRisk(id), []);
    }

    /// <summary>
    /// ↑ when a linked indicator has an open alert (new, acknowledged or suppressed); otherwise ↓ when one of their
    /// alerts was resolved within <see cref="RecentlyResolved"/> of now; otherwise →.
    /// </summary>
    public static RiskTrend TrendOf(Risk risk, IReadOnlyList<Alert> alerts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(risk);
        ArgumentNullException.ThrowIfNull(alerts);
        var linked = alerts.Where(a => risk.Indicators.Contains(a.Indicator, StringComparer.Ordinal)).ToList();
        if (linked.Any(a => a.IsOpen))
        {
            return RiskTrend.Rising;
        }

        return linked.Any(a => a.History.LastOrDefault(h => h.State == AlertState.Resolved) is { } r && now - r.At <= RecentlyResolved)
            ? RiskTrend.Easing
            : RiskTrend.Steady;
    }

    public static string Arrow(RiskTrend trend) => trend switch
    {
        RiskTrend.Rising => "↑",
        RiskTrend.Easing => "↓",
        _ => "→",
    };

    /// <summary>Counts of risks per cell: [likelihood − 1, impact − 1].</summary>
    public static int[,] HeatMap(IEnumerable<Risk> risks)
    {
        ArgumentNullException.ThrowIfNull(risks);
        var cells = new int[5, 5];
        foreach (var r in risks)
        {
            cells[r.Likelihood - 1, r.Impact - 1]++;
        }

        return cells;
    }

    public static bool IsValidId(string? id) => id is { Length: > 0 and <= 64 } && IdPattern().IsMatch(id);

    private static void CheckScale(List<string> errors, string field, int value)
    {
        if (value is < 1 or > 5)
        {
            errors.Add($"{field} {value} is out of range; allowed: 1, 2, 3, 4, 5 ({(field == "likelihood" ? "1 rare … 5 almost certain" : "1 minor … 5 severe")})");
        }
    }

    private static void CheckText(List<string> errors, string field, string? value, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{field} is empty; give a non-empty text");
        }
        else if (value is { Length: > MaxTextLength })
        {
            errors.Add($"{field} has {value.Length} characters; at most {MaxTextLength} are allowed");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex IdPattern();
}
