using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Core.Events.Extraction;

/// <summary>A rules file could not be used. <see cref="Errors"/> lists every problem as "file:line: problem".</summary>
public sealed class ExtractionRulesException : Exception
{
    public ExtractionRulesException(IReadOnlyList<string> errors)
        : base(errors.Count == 1 ? errors[0] : $"{errors.Count} problems: {string.Join("; ", errors.Take(5))}{(errors.Count > 5 ? "; …" : "")}")
    {
        Errors = errors;
    }

    public ExtractionRulesException()
        : this(["extraction rules error"])
    {
    }

    public ExtractionRulesException(string message)
        : this([message])
    {
    }

    public ExtractionRulesException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; }
}

/// <summary>Where in the sentence, relative to the trigger, a cue counts.</summary>
public enum CueScope
{
    /// <summary>Between the last clause mark (, ; :) before the trigger and the trigger.</summary>
    ClauseBefore,

    /// <summary>Anywhere in the sentence before the trigger.</summary>
    SentenceBefore,

    /// <summary>Anywhere in the sentence.</summary>
    Sentence,

    /// <summary>Between the trigger and the next clause mark.</summary>
    ClauseAfter,

    /// <summary>Within <see cref="Cue.Window"/> characters before the trigger.</summary>
    NearBefore,

    /// <summary>Starting within <see cref="Cue.Window"/> characters after the trigger (期间 right after 访问: a time frame, not an act).</summary>
    NearAfter,
}

/// <summary>
/// A word that cancels a proposal: negation (并未, denied), modality (may, 可能), condition (如果, if), threat,
/// opinion or dismissal. <see cref="UnlessBefore"/> lifts it when it follows a reporting verb ("said China
/// would sanction…" reports a decision).
/// </summary>
public sealed record Cue(string Kind, CueScope Scope, int Window, Regex Pattern, Regex? UnlessBefore, int Line);

/// <summary>A named lexicon of acting parties (Chinese authorities, foreign governments…).</summary>
public sealed record ActorClass(string Name, Regex Pattern, int Line);

/// <summary>A count pattern of an event type; group <c>n</c> is the numeral, optional group <c>u</c> the unit.</summary>
public sealed record QuantityPattern(string Kind, string DefaultUnit, Regex Pattern, int Line);

/// <summary>One extraction rule: a trigger and the conditions under which it proposes an event of its type.</summary>
/// <param name="Trigger">Matched against the folded sentence; named groups <c>target</c> and <c>actor</c> are read when present.</param>
/// <param name="Require">Each must match somewhere in the sentence.</param>
/// <param name="Exclude">None may match anywhere in the sentence.</param>
/// <param name="ActorClasses">When non-empty and <paramref name="ActorRequired"/>, the nearest actor before the trigger must be of one of these classes.</param>
/// <param name="Foreign">The sentence must name a country other than China (gazetteer) or match the <c>foreign_marker</c> definition.</param>
/// <param name="IgnoredCues">Cue kinds that do not apply to this rule.</param>
public sealed record ExtractionRule(
    string Id,
    string Type,
    Regex Trigger,
    IReadOnlyList<Regex> Require,
    IReadOnlyList<Regex> Exclude,
    IReadOnlyList<string> ActorClasses,
    bool ActorRequired,
    bool Foreign,
    IReadOnlyList<string> IgnoredCues,
    double Confidence,
    int Line);

/// <summary>
/// The extractor's rules, read from a <c>.vrules</c> file (docs/extraction.md): definitions, actor classes,
/// cues, per-type quantity patterns and rules. Immutable and thread-safe once built.
/// </summary>
public sealed partial class ExtractionRuleSet
{
    public const string BuiltInName = "built-in";

    /// <summary>Regex options of every pattern: linear-time matching, so hostile text cannot make a rule run away.</summary>
    public const RegexOptions PatternOptions = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private static readonly Lazy<ExtractionRuleSet> BuiltInRules = new(() => Parse(BuiltInText(), BuiltInName), LazyThreadSafetyMode.ExecutionAndPublication);

    private ExtractionRuleSet(IReadOnlyList<ExtractionRule> rules, IReadOnlyList<Cue> cues, IReadOnlyList<ActorClass> actors,
        IReadOnlyDictionary<string, IReadOnlyList<QuantityPattern>> quantities, Regex? foreignMarker, Regex? targetStop, Regex? targetSplit)
    {
        Rules = rules;
        Cues = cues;
        Actors = actors;
        Quantities = quantities;
        ForeignMarker = foreignMarker;
        TargetStop = targetStop;
        TargetSplit = targetSplit;
    }

    /// <summary>Vigil's own rules (<c>Events/Extraction/Data/event-rules.vrules</c>), parsed once.</summary>
    public static ExtractionRuleSet BuiltIn => BuiltInRules.Value;

    public IReadOnlyList<ExtractionRule> Rules { get; }

    public IReadOnlyList<Cue> Cues { get; }

    public IReadOnlyList<ActorClass> Actors { get; }

    /// <summary>Quantity patterns by event type.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<QuantityPattern>> Quantities { get; }

    /// <summary>The <c>foreign_marker</c> definition (words that place an event abroad), if defined.</summary>
    public Regex? ForeignMarker { get; }

    /// <summary>Where a captured target ends (a preposition or clause that follows it).</summary>
    public Regex? TargetStop { get; }

    /// <summary>What separates several targets (和, 及其, "and", commas).</summary>
    public Regex? TargetSplit { get; }

    /// <summary>The built-in rules' source text.</summary>
    public static string BuiltInText()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Vigil.Core.Events.Extraction.Data.event-rules.vrules")
            ?? throw new InvalidOperationException("The built-in extraction rules resource is missing from Vigil.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{([a-z][a-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex MacroReference();

    /// <summary>Parses a complete rules file; every problem is collected and thrown together.</summary>
    public static ExtractionRuleSet Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<string>();
        var macros = new Dictionary<string, string>(StringComparer.Ordinal);
        var cues = new List<Cue>();
        var actors = new List<ActorClass>();
        var quantities = new Dictionary<string, List<QuantityPattern>>(StringComparer.Ordinal);
        var rules = new List<ExtractionRule>();
        var ruleIds = new HashSet<string>(StringComparer.Ordinal);
        Regex? targetStop = null, targetSplit = null;

        RuleDraft? rule = null;
        string? typeBlock = null;
        var lines = text.Split('\n');

        void FinishRule()
        {
            if (rule is null)
            {
                return;
            }

            var where = $"{file}:{rule.Line}";
            if (rule.Type is null)
            {
                errors.Add($"{where}: rule {rule.Id} has no 'type' line.");
            }
            else if (rule.Trigger is null)
            {
                errors.Add($"{where}: rule {rule.Id} has no 'trigger' line.");
            }
            else
            {
                foreach (var cls in rule.ActorClasses.Where(c => !actors.Any(a => a.Name == c)))
                {
                    errors.Add($"{where}: rule {rule.Id} names actor class '{cls}', which is not defined before it.");
                }

                if (rule.Foreign && !macros.ContainsKey("foreign_marker"))
                {
                    errors.Add($"{where}: rule {rule.Id} says 'foreign' but no 'define foreign_marker' comes before it.");
                }

                rules.Add(new ExtractionRule(rule.Id, rule.Type, rule.Trigger, rule.Require, rule.Exclude, rule.ActorClasses, rule.ActorRequired,
                    rule.Foreign, rule.IgnoredCues, rule.Confidence, rule.Line));
            }

            rule = null;
        }

        Regex? Compile(string pattern, string where)
        {
            var expanded = Expand(pattern, macros, where, errors);
            if (expanded is null)
            {
                return null;
            }

            try
            {
                return new Regex(expanded, PatternOptions);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                errors.Add($"{where}: bad pattern: {ex.Message}");
                return null;
            }
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].TrimEnd('\r');
            var where = $"{file}:{i + 1}";
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var indented = raw.Length > 0 && char.IsWhiteSpace(raw[0]);
            var (keyword, rest) = SplitKeyword(line);

            if (!indented)
            {
                FinishRule();
                typeBlock = null;
            }

            switch (keyword)
            {
                case "define" when !indented:
                {
                    if (!TrySplitAssignment(rest, out var name, out var body) || !IsName(name))
                    {
                        errors.Add($"{where}: expected 'define NAME = PATTERN' with a lower-case NAME.");
                        break;
                    }

                    if (macros.ContainsKey(name))
                    {
                        errors.Add($"{where}: '{name}' is defined twice.");
                        break;
                    }

                    if (Expand(body, macros, where, errors) is { } expanded)
                    {
                        macros[name] = expanded;
                        if (Compile(expanded, where) is null)
                        {
                            macros.Remove(name);
                        }
                    }

                    break;
                }

                case "actor" when !indented:
                {
                    if (!TrySplitAssignment(rest, out var name, out var body) || !IsName(name))
                    {
                        errors.Add($"{where}: expected 'actor CLASS = PATTERN'.");
                        break;
                    }

                    if (actors.Any(a => a.Name == name))
                    {
                        errors.Add($"{where}: actor class '{name}' is defined twice.");
                    }
                    else if (Compile(body, where) is { } regex)
                    {
                        actors.Add(new ActorClass(name, regex, i + 1));
                    }

                    break;
                }

                case "cue" when !indented:
                {
                    if (!TrySplitAssignment(rest, out var head, out var body))
                    {
                        errors.Add($"{where}: expected 'cue KIND SCOPE = PATTERN'.");
                        break;
                    }

                    var parts = head.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length != 2 || !IsName(parts[0]) || !TryScope(parts[1], out var scope, out var window))
                    {
                        errors.Add($"{where}: expected 'cue KIND SCOPE = PATTERN' with SCOPE clause-before, sentence-before, sentence, clause-after, near-before:N or near-after:N.");
                        break;
                    }

                    if (Compile(body, where) is { } regex)
                    {
                        cues.Add(new Cue(parts[0], scope, window, regex, null, i + 1));
                    }

                    break;
                }

                case "unless-before" when indented && cues.Count > 0 && rule is null && typeBlock is null:
                {
                    var body = rest.StartsWith('=') ? rest[1..].Trim() : rest;
                    if (Compile(body, where) is { } regex)
                    {
                        cues[^1] = cues[^1] with { UnlessBefore = regex };
                    }

                    break;
                }

                case "target-stop" or "target-split" when !indented:
                {
                    var body = rest.StartsWith('=') ? rest[1..].Trim() : rest;
                    var regex = Compile(body, where);
                    if (keyword == "target-stop")
                    {
                        targetStop = regex;
                    }
                    else
                    {
                        targetSplit = regex;
                    }

                    break;
                }

                case "type" when !indented:
                    if (EventTypes.IndexOf(rest) < 0)
                    {
                        errors.Add($"{where}: unknown event type '{rest}' (known: {string.Join(", ", EventTypes.All)}).");
                    }

                    typeBlock = rest;
                    break;

                case "quantity" when indented && typeBlock is not null:
                {
                    // quantity KIND "DEFAULT UNIT" = PATTERN
                    if (!TrySplitAssignment(rest, out var head, out var body))
                    {
                        errors.Add($"{where}: expected 'quantity KIND \"UNIT\" = PATTERN'.");
                        break;
                    }

                    var space = head.IndexOf(' ', StringComparison.Ordinal);
                    var kind = space < 0 ? head : head[..space];
                    var unit = space < 0 ? "" : head[(space + 1)..].Trim().Trim('"');
                    if (!IsName(kind))
                    {
                        errors.Add($"{where}: quantity kind '{kind}' must be a lower-case name.");
                        break;
                    }

                    if (Compile(body, where) is { } regex)
                    {
                        if (!regex.GetGroupNames().Contains("n"))
                        {
                            errors.Add($"{where}: a quantity pattern needs a group (?<n>…) around the numeral.");
                            break;
                        }

                        if (!quantities.TryGetValue(typeBlock, out var list))
                        {
                            quantities[typeBlock] = list = [];
                        }

                        list.Add(new QuantityPattern(kind, unit, regex, i + 1));
                    }

                    break;
                }

                case "rule" when !indented:
                    if (string.IsNullOrWhiteSpace(rest) || rest.Contains(' ', StringComparison.Ordinal))
                    {
                        errors.Add($"{where}: expected 'rule ID' (no spaces in the id).");
                    }
                    else if (!ruleIds.Add(rest))
                    {
                        errors.Add($"{where}: rule id '{rest}' is used twice.");
                    }

                    rule = new RuleDraft(rest, i + 1);
                    break;

                case "type" when indented && rule is not null:
                    if (EventTypes.IndexOf(rest) < 0)
                    {
                        errors.Add($"{where}: unknown event type '{rest}' (known: {string.Join(", ", EventTypes.All)}).");
                    }
                    else
                    {
                        rule.Type = rest;
                    }

                    break;

                case "trigger" when indented && rule is not null:
                    rule.Trigger = Compile(rest, where);
                    break;

                case "require" when indented && rule is not null:
                    if (Compile(rest, where) is { } required)
                    {
                        rule.Require.Add(required);
                    }

                    break;

                case "exclude" when indented && rule is not null:
                    if (Compile(rest, where) is { } excluded)
                    {
                        rule.Exclude.Add(excluded);
                    }

                    break;

                case "actor" when indented && rule is not null:
                {
                    var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length is < 1 or > 2 || (parts.Length == 2 && parts[1] != "required"))
                    {
                        errors.Add($"{where}: expected 'actor CLASS[,CLASS…] [required]'.");
                        break;
                    }

                    rule.ActorClasses.AddRange(parts[0].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    rule.ActorRequired = parts.Length == 2;
                    break;
                }

                case "foreign" when indented && rule is not null && rest.Length == 0:
                    rule.Foreign = true;
                    break;

                case "ignore" when indented && rule is not null:
                    rule.IgnoredCues.AddRange(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    break;

                case "confidence" when indented && rule is not null:
                    if (!double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence) || confidence is <= 0 or > 1)
                    {
                        errors.Add($"{where}: confidence must be a number in (0, 1].");
                    }
                    else
                    {
                        rule.Confidence = confidence;
                    }

                    break;

                default:
                    errors.Add($"{where}: unexpected '{keyword}' here{(indented ? " (indented lines belong to the rule, type or cue above)" : "")}.");
                    break;
            }
        }

        FinishRule();
        foreach (var kind in rules.SelectMany(r => r.IgnoredCues).Distinct().Where(k => !cues.Any(c => c.Kind == k)))
        {
            errors.Add($"{file}: a rule ignores cue kind '{kind}', which no cue has.");
        }

        if (rules.Count == 0)
        {
            errors.Add($"{file}: no rules.");
        }

        if (errors.Count > 0)
        {
            throw new ExtractionRulesException(errors);
        }

        var foreign = macros.TryGetValue("foreign_marker", out var fm) ? new Regex(fm, PatternOptions) : null;
        return new ExtractionRuleSet(rules, cues, actors, quantities.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<QuantityPattern>)kv.Value, StringComparer.Ordinal),
            foreign, targetStop, targetSplit);
    }

    private static (string Keyword, string Remainder) SplitKeyword(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (line, "") : (line[..space], line[(space + 1)..].Trim());
    }

    private static bool TrySplitAssignment(string rest, out string head, out string body)
    {
        var eq = rest.IndexOf(" = ", StringComparison.Ordinal);
        if (eq <= 0)
        {
            head = body = "";
            return false;
        }

        head = rest[..eq].Trim();
        body = rest[(eq + 3)..].Trim();
        return body.Length > 0;
    }

    private static bool IsName(string s) => s.Length > 0 && char.IsAsciiLetterLower(s[0]) && s.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');

    private static bool TryScope(string s, out CueScope scope, out int window)
    {
        window = 0;
        scope = CueScope.Sentence;
        switch (s)
        {
            case "clause-before":
                scope = CueScope.ClauseBefore;
                return true;
            case "sentence-before":
                scope = CueScope.SentenceBefore;
                return true;
            case "sentence":
                scope = CueScope.Sentence;
                return true;
            case "clause-after":
                scope = CueScope.ClauseAfter;
                return true;
        }

        foreach (var (prefix, kind) in new[] { ("near-before:", CueScope.NearBefore), ("near-after:", CueScope.NearAfter) })
        {
            if (s.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(s[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out window) && window is > 0 and <= 500)
            {
                scope = kind;
                return true;
            }
        }

        return false;
    }

    private static string? Expand(string pattern, Dictionary<string, string> macros, string where, List<string> errors)
    {
        var ok = true;
        var expanded = MacroReference().Replace(pattern, m =>
        {
            if (macros.TryGetValue(m.Groups[1].Value, out var body))
            {
                return $"(?:{body})";
            }

            errors.Add($"{where}: '{{{m.Groups[1].Value}}}' is not defined before this line.");
            ok = false;
            return m.Value;
        });
        return ok ? expanded : null;
    }

    private sealed class RuleDraft(string id, int line)
    {
        public string Id { get; } = id;

        public int Line { get; } = line;

        public string? Type { get; set; }

        public Regex? Trigger { get; set; }

        public List<Regex> Require { get; } = [];

        public List<Regex> Exclude { get; } = [];

        public List<string> ActorClasses { get; } = [];

        public bool ActorRequired { get; set; }

        public bool Foreign { get; set; }

        public List<string> IgnoredCues { get; } = [];

        public double Confidence { get; set; } = 0.8;
    }
}
