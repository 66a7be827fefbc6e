using System.Text.RegularExpressions;

namespace Vigil.Core.Indicators;

/// <summary>The period an indicator's points cover.</summary>
public enum IndicatorPeriod
{
    Day,

    /// <summary>An ISO 8601 week (Monday to Sunday; week 1 holds the year's first Thursday), keyed YYYY-Www.</summary>
    Week,

    Month,
    Year,
}

/// <summary>Where an indicator's values come from. One of the derived records.</summary>
public abstract record IndicatorSource
{
    /// <summary>"terms", "formulation", "domain", "index", "events" or "csv".</summary>
    public abstract string Kind { get; }

    /// <summary>Restrict document sources to these document sources (the ingest --source names); empty: all.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}

/// <summary>Occurrences of terms (summed into one series), or their rate per 10,000 Han characters (Chinese) plus words (English).</summary>
public sealed record TermSource(IReadOnlyList<string> Terms, bool Rate, bool Stem) : IndicatorSource
{
    public override string Kind => "terms";
}

/// <summary>
/// Occurrences (or the rate) of one formulation of the 提法 dictionary, counted by the formulation tracker's rule.
/// Its forms are copied in when the indicator is added, so a later dictionary change does not rewrite the series.
/// </summary>
public sealed record FormulationSource(string Formulation, IReadOnlyList<string> Zh, IReadOnlyList<string> En, IReadOnlyList<string> Near, bool Rate)
    : IndicatorSource
{
    public override string Kind => "formulation";
}

/// <summary>The mean score (0–1) of one domain over the documents of each period (the document-level classifier score).</summary>
/// <param name="Taxonomy">The taxonomy version the domain is scored with, fixed when the indicator is added.</param>
public sealed record DomainSource(string Domain, string Taxonomy) : IndicatorSource
{
    public override string Kind => "domain";
}

/// <summary>The securitisation index (0–100) of each period's documents taken together (README, "Securitisation index").</summary>
public sealed record IndexSource(string Index, string Taxonomy) : IndicatorSource
{
    public override string Kind => "index";
}

/// <summary>
/// Ledger events per period, optionally of one type (and its subtypes), concerning one country (ISO code), or one
/// bloc (a country of the event that was a member on the event's date). Rejected events never count; with
/// <see cref="ConfirmedOnly"/> proposed (unreviewed) events do not count either.
/// </summary>
public sealed record EventSource(string? Type, string? Country, string? Bloc) : IndicatorSource
{
    public override string Kind => "events";

    public bool ConfirmedOnly { get; init; }
}

/// <summary>An imported series (CSV timestamp,value), copied into the data directory when the indicator is added.</summary>
/// <param name="File">The file it was imported from (for the record; the copy is what is used).</param>
/// <param name="Sha256">SHA-256 of the imported file's bytes.</param>
public sealed record CsvSource(string File, string Sha256) : IndicatorSource
{
    public override string Kind => "csv";
}

/// <summary>A detector and its parameters (names and values as text, as the detector documents them: window=12, side=up).</summary>
public sealed record DetectorSpec(string Name, IReadOnlyDictionary<string, string> Parameters)
{
    public const string Auto = "auto";

    public static DetectorSpec Default { get; } = new(Auto, new SortedDictionary<string, string>(StringComparer.Ordinal));
}

/// <summary>
/// Value thresholds that set an alert's severity: a flagged point whose value reaches a level gets at least that
/// severity. Levels must rise with severity.
/// </summary>
public sealed record SeverityThresholds(double? Medium, double? High, double? Critical);

/// <summary>An indicator: a named series with a period, a source, a detector and optional severity thresholds.</summary>
public sealed partial record IndicatorDefinition
{
    public const int MaxIdLength = 64;

    /// <summary>Letters, digits, '-', '_' and '.'; starts with a letter or digit; at most 64 characters.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required IndicatorPeriod Period { get; init; }

    public required IndicatorSource Source { get; init; }

    public DetectorSpec Detector { get; init; } = DetectorSpec.Default;

    public SeverityThresholds? Thresholds { get; init; }

    /// <summary>True for an id Vigil accepts (see <see cref="Id"/>).</summary>
    public static bool IsValidId(string? id) => id is { Length: > 0 and <= MaxIdLength } && IdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex IdPattern();
}

/// <summary>Names of periods on the command line and in files.</summary>
public static class PeriodNames
{
    public static string Of(IndicatorPeriod period) => period switch
    {
        IndicatorPeriod.Day => "day",
        IndicatorPeriod.Week => "week",
        IndicatorPeriod.Month => "month",
        _ => "year",
    };

    public static bool TryParse(string? text, out IndicatorPeriod period)
    {
        foreach (var p in Enum.GetValues<IndicatorPeriod>())
        {
            if (string.Equals(Of(p), text, StringComparison.OrdinalIgnoreCase))
            {
                period = p;
                return true;
            }
        }

        period = default;
        return false;
    }
}
