using System.Globalization;

namespace Vigil.Core.Detection;

/// <summary>The type of a detector parameter.</summary>
public enum DetectorParameterKind
{
    /// <summary>A real number.</summary>
    Number,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>One word from a fixed list.</summary>
    Choice,
}

/// <summary>One documented parameter of a detector: its name, type, default, allowed range and meaning.</summary>
/// <param name="Name">The name used in <c>--param NAME=VALUE</c> (matched without regard to case).</param>
/// <param name="Default">The default, as it would be written on the command line.</param>
public sealed record DetectorParameter(string Name, DetectorParameterKind Kind, string Default, string Description)
{
    /// <summary>Smallest allowed value (numbers).</summary>
    public double Min { get; init; } = double.NegativeInfinity;

    /// <summary>Largest allowed value (numbers).</summary>
    public double Max { get; init; } = double.PositiveInfinity;

    /// <summary>True when <see cref="Min"/> itself is not allowed (e.g. λ &gt; 0).</summary>
    public bool MinExclusive { get; init; }

    /// <summary>True when <see cref="Max"/> itself is not allowed (e.g. α &lt; 1).</summary>
    public bool MaxExclusive { get; init; }

    /// <summary>The allowed words (choices).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>The allowed values in words, for help text and error messages ("a whole number from 2 to 100000").</summary>
    public string Range
    {
        get
        {
            if (Kind == DetectorParameterKind.Choice)
            {
                return "one of " + string.Join(", ", Choices);
            }

            var what = Kind == DetectorParameterKind.Integer ? "a whole number" : "a number";
            var low = double.IsNegativeInfinity(Min) ? null : F(Min);
            var high = double.IsPositiveInfinity(Max) ? null : F(Max);
            return (low, high) switch
            {
                (null, null) => what,
                (not null, null) => $"{what} {(MinExclusive ? "above" : "of at least")} {low}",
                (null, not null) => $"{what} {(MaxExclusive ? "below" : "of at most")} {high}",
                _ when !MinExclusive && !MaxExclusive => $"{what} from {low} to {high}",
                _ => $"{what} {(MinExclusive ? "above" : "from")} {low} and {(MaxExclusive ? "below" : "up to")} {high}",
            };
        }
    }

    /// <summary>Checks a value written by a user; returns null when it is fine, else a message saying what to write.</summary>
    internal string? Check(string text, out object value)
    {
        value = text;
        var trimmed = text.Trim();
        if (Kind == DetectorParameterKind.Choice)
        {
            var match = Choices.FirstOrDefault(c => string.Equals(c, trimmed, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                return $"'{text}' is not allowed; use {Range}";
            }

            value = match;
            return null;
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return $"'{text}' is not a number; use {Range} (e.g. {Name}={Default})";
        }

        if (Kind == DetectorParameterKind.Integer && (number != Math.Floor(number) || Math.Abs(number) > int.MaxValue))
        {
            return $"'{text}' is not a whole number; use {Range}";
        }

        var below = MinExclusive ? number <= Min : number < Min;
        var above = MaxExclusive ? number >= Max : number > Max;
        if (below || above)
        {
            return $"{F(number)} is out of range; use {Range}";
        }

        value = Kind == DetectorParameterKind.Integer ? (object)(int)number : number;
        return null;
    }

    private static string F(double x) => x.ToString("0.######", CultureInfo.InvariantCulture);
}

/// <summary>The validated parameter values of one detector, defaults filled in.</summary>
public sealed class DetectorSettings
{
    private readonly Dictionary<string, object> _values;
    private readonly HashSet<string> _given;

    internal DetectorSettings(Dictionary<string, object> values, HashSet<string> given)
    {
        _values = values;
        _given = given;
    }

    /// <summary>A number parameter.</summary>
    public double Number(string name) => Convert.ToDouble(_values[name], CultureInfo.InvariantCulture);

    /// <summary>A whole-number parameter.</summary>
    public int Integer(string name) => (int)_values[name];

    /// <summary>A choice parameter (the canonical spelling).</summary>
    public string Choice(string name) => (string)_values[name];

    /// <summary>True when the user gave the parameter (rather than taking the default).</summary>
    public bool IsGiven(string name) => _given.Contains(name);

    /// <summary>The values in the detector's parameter order, as text (for reports).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe(DetectorDefinition definition) =>
        definition.Parameters.Select(p => new KeyValuePair<string, string>(p.Name, Format(_values[p.Name]))).ToList();

    private static string Format(object value) => value switch
    {
        double d => d.ToString("0.########", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
