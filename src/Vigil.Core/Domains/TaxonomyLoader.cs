using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Vigil.Core.Text;

namespace Vigil.Core.Domains;

/// <summary>A taxonomy file could not be used. <see cref="Errors"/> lists every problem as "file:line: problem".</summary>
public sealed class TaxonomyException : Exception
{
    public TaxonomyException(IReadOnlyList<string> errors)
        : base(errors.Count == 1 ? errors[0] : $"{errors.Count} problems: {string.Join("; ", errors.Take(5))}{(errors.Count > 5 ? "; …" : "")}")
    {
        Errors = errors;
    }

    public TaxonomyException()
        : this(["taxonomy error"])
    {
    }

    public TaxonomyException(string message)
        : this([message])
    {
    }

    public TaxonomyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; }
}

/// <summary>
/// Reads taxonomy files (<c>.vtax</c>, see docs/taxonomy.md): the built-in one shipped with Vigil and users'
/// files that add domains or extend and override built-in ones. All problems of a file are collected and
/// reported together, each with the file and line.
/// </summary>
public static partial class TaxonomyLoader
{
    public const string BuiltInName = "built-in";
    public const double MaxWeight = 5;

    private static readonly Lazy<Taxonomy> BuiltInTaxonomy = new(LoadBuiltInCore, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Vigil's own taxonomy (all versions), parsed once.</summary>
    public static Taxonomy BuiltIn => BuiltInTaxonomy.Value;

    /// <summary>The built-in taxonomy's source text.</summary>
    public static string BuiltInText()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Vigil.Core.Domains.Data.taxonomy.vtax")
            ?? throw new InvalidOperationException("The built-in taxonomy resource is missing from Vigil.Core.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses one complete taxonomy (every domain needs its names, definition and a positive term).</summary>
    public static Taxonomy Parse(string text, string file)
    {
        var parsed = ParseFile(text, file);
        var errors = new List<string>(parsed.Errors);
        var domains = new List<DomainDefinition>();
        foreach (var block in parsed.Blocks)
        {
            if (Complete(block, allVersions: null, errors) is { } domain)
            {
                domains.Add(domain);
            }
        }

        CheckParents(domains, parsed.Blocks, errors);
        if (errors.Count > 0)
        {
            throw new TaxonomyException(errors);
        }

        return new Taxonomy(parsed.Name ?? Path.GetFileNameWithoutExtension(file), domains, parsed.Excludes);
    }

    /// <summary>
    /// Applies a user's file on top of <paramref name="baseTaxonomy"/>: a <c>domain</c> block naming an
    /// existing id extends it (names, definition, versions and parent given replace the base's; aliases,
    /// laws and terms are added; a term already in the domain takes the new weight); a new id adds a domain
    /// (it needs zh, en, definition and a positive term; without <c>versions</c> it joins every version).
    /// </summary>
    public static Taxonomy Overlay(Taxonomy baseTaxonomy, string text, string file)
    {
        ArgumentNullException.ThrowIfNull(baseTaxonomy);
        var parsed = ParseFile(text, file);
        var errors = new List<string>(parsed.Errors);
        var domains = baseTaxonomy.Domains.ToList();
        var allVersions = baseTaxonomy.Versions;
        foreach (var block in parsed.Blocks)
        {
            var index = domains.FindIndex(d => d.Id == block.Id);
            if (index < 0)
            {
                if (Complete(block, allVersions, errors) is { } added)
                {
                    domains.Add(added);
                }

                continue;
            }

            var existing = domains[index];
            var terms = existing.Terms.ToList();
            foreach (var term in block.Terms)
            {
                var key = MatchFolding.FoldQuery(term.Text);
                var at = terms.FindIndex(t => MatchFolding.FoldQuery(t.Text) == key);
                if (at >= 0)
                {
                    terms[at] = term;
                }
                else
                {
                    terms.Add(term);
                }
            }

            var merged = existing with
            {
                Zh = block.Zh ?? existing.Zh,
                En = block.En ?? existing.En,
                ZhByVersion = Merge(existing.ZhByVersion, block.ZhByVersion),
                EnByVersion = Merge(existing.EnByVersion, block.EnByVersion),
                Aliases = [.. existing.Aliases, .. block.Aliases.Where(a => !existing.Aliases.Contains(a))],
                Definition = block.Definition ?? existing.Definition,
                Laws = [.. existing.Laws, .. block.Laws.Where(l => !existing.Laws.Contains(l))],
                Versions = block.Versions ?? existing.Versions,
                Parent = block.Parent ?? existing.Parent,
                Terms = terms,
            };
            if (!merged.Terms.Any(t => t.Weight > 0))
            {
                errors.Add($"{file}:{block.Line}: domain '{block.Id}' would have no positive term.");
            }

            domains[index] = merged;
        }

        CheckParents(domains, parsed.Blocks, errors);
        if (errors.Count > 0)
        {
            throw new TaxonomyException(errors);
        }

        return new Taxonomy(parsed.Name ?? baseTaxonomy.Name, domains, [.. baseTaxonomy.Excludes, .. parsed.Excludes]);
    }

    /// <summary>The built-in taxonomy with the user's files applied in order. Missing or unreadable files throw <see cref="TaxonomyException"/>.</summary>
    public static Taxonomy Load(IEnumerable<string> userFiles)
    {
        ArgumentNullException.ThrowIfNull(userFiles);
        var taxonomy = BuiltIn;
        foreach (var file in userFiles)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new TaxonomyException([$"{file}: cannot be read ({ex.Message})"]);
            }

            taxonomy = Overlay(taxonomy, text, file);
        }

        return taxonomy;
    }

    private static Taxonomy LoadBuiltInCore() => Parse(BuiltInText(), BuiltInName);

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        var merged = new Dictionary<string, string>(a, StringComparer.Ordinal);
        foreach (var (key, value) in b)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static DomainDefinition? Complete(Block block, IReadOnlyList<string>? allVersions, List<string> errors)
    {
        var missing = new List<string>();
        if (block.Zh is null)
        {
            missing.Add("zh");
        }

        if (block.En is null)
        {
            missing.Add("en");
        }

        if (block.Definition is null)
        {
            missing.Add("definition");
        }

        if (block.Versions is null && allVersions is null)
        {
            missing.Add("versions");
        }

        if (missing.Count > 0)
        {
            errors.Add($"{block.File}:{block.Line}: domain '{block.Id}' has no {string.Join(", ", missing)}.");
        }

        if (!block.Terms.Any(t => t.Weight > 0))
        {
            errors.Add($"{block.File}:{block.Line}: domain '{block.Id}' has an empty lexicon (give at least one 'term' with a positive weight).");
        }

        if (missing.Count > 0 || !block.Terms.Any(t => t.Weight > 0))
        {
            return null;
        }

        return new DomainDefinition
        {
            Id = block.Id,
            Zh = block.Zh!,
            En = block.En!,
            ZhByVersion = block.ZhByVersion,
            EnByVersion = block.EnByVersion,
            Aliases = block.Aliases,
            Definition = block.Definition!,
            Laws = block.Laws,
            Versions = block.Versions ?? allVersions!,
            Parent = block.Parent,
            Terms = block.Terms,
        };
    }

    private static void CheckParents(List<DomainDefinition> domains, List<Block> blocks, List<string> errors)
    {
        var ids = domains.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var domain in domains.Where(d => d.Parent is not null))
        {
            var where = blocks.FirstOrDefault(b => b.Id == domain.Id) is { } b ? $"{b.File}:{b.ParentLine}" : "(parent)";
            if (!ids.Contains(domain.Parent!))
            {
                errors.Add($"{where}: domain '{domain.Id}' names an unknown parent '{domain.Parent}'.");
                continue;
            }

            // Follow the chain: a cycle would make a domain its own ancestor.
            var seen = new HashSet<string>(StringComparer.Ordinal) { domain.Id };
            var current = domain.Parent;
            while (current is not null)
            {
                if (!seen.Add(current))
                {
                    errors.Add($"{where}: domain '{domain.Id}' is its own ancestor (parent chain {string.Join(" → ", seen)} → {current}).");
                    break;
                }

                current = domains.FirstOrDefault(d => d.Id == current)?.Parent;
            }
        }
    }

    private sealed class Block(string id, string file, int line)
    {
        public string Id { get; } = id;
        public string File { get; } = file;
        public int Line { get; } = line;
        public int ParentLine { get; set; } = line;
        public string? Zh { get; set; }
        public string? En { get; set; }
        public Dictionary<string, string> ZhByVersion { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> EnByVersion { get; } = new(StringComparer.Ordinal);
        public List<string> Aliases { get; } = [];
        public string? Definition { get; set; }
        public List<string> Laws { get; } = [];
        public List<string>? Versions { get; set; }
        public string? Parent { get; set; }
        public List<LexiconTerm> Terms { get; } = [];
        public Dictionary<string, int> TermLines { get; } = new(StringComparer.Ordinal);
    }

    private sealed record ParsedFile(string? Name, List<Block> Blocks, List<ExcludedPhrase> Excludes, List<string> Errors);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    private static ParsedFile ParseFile(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? name = null;
        var blocks = new List<Block>();
        var excludes = new List<ExcludedPhrase>();
        var errors = new List<string>();
        Block? current = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNo = i + 1;
            var line = StripComment(lines[i].TrimEnd('\r')).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOfAny([' ', '\t']);
            var key = space < 0 ? line : line[..space];
            var value = space < 0 ? "" : line[(space + 1)..].Trim();
            void Error(string problem) => errors.Add($"{file}:{lineNo}: {problem}");

            if (key == "taxonomy")
            {
                if (value.Length == 0)
                {
                    Error("'taxonomy' needs a name.");
                }
                else if (name is not null || blocks.Count > 0)
                {
                    Error("'taxonomy' must come once, before the first domain.");
                }
                else
                {
                    name = value;
                }

                continue;
            }

            if (key == "exclude")
            {
                if (MatchFolding.FoldQuery(value).Trim().Length == 0)
                {
                    Error("'exclude' needs a phrase.");
                }
                else
                {
                    excludes.Add(new ExcludedPhrase(value, file, lineNo));
                }

                continue;
            }

            if (key == "domain")
            {
                if (!IdPattern().IsMatch(value))
                {
                    Error($"'{value}' is not a valid domain id (lower-case letters, digits and '-', e.g. 'economic' or 'science-technology').");
                    current = null;
                    continue;
                }

                if (blocks.FirstOrDefault(b => b.Id == value) is { } previous)
                {
                    Error($"duplicate domain id '{value}' (first defined on line {previous.Line}).");
                    current = null;
                    continue;
                }

                current = new Block(value, file, lineNo);
                blocks.Add(current);
                continue;
            }

            if (current is null)
            {
                if (!IsDomainKey(key))
                {
                    Error($"unknown key '{key}' (expected taxonomy, domain or exclude).");
                }
                else if (!(errors.Count > 0 && errors[^1].Contains("domain id", StringComparison.Ordinal)))
                {
                    Error($"'{key}' outside a domain block (start one with 'domain ID').");
                }

                continue;
            }

            var at = key.IndexOf('@', StringComparison.Ordinal);
            var baseKey = at < 0 ? key : key[..at];
            var version = at < 0 ? null : key[(at + 1)..];
            if (version is not null && (baseKey is not ("zh" or "en") || !VersionPattern().IsMatch(version)))
            {
                Error($"unknown key '{key}' (only zh@VERSION and en@VERSION take a version).");
                continue;
            }

            if (value.Length == 0)
            {
                Error($"'{key}' needs a value.");
                continue;
            }

            switch (baseKey)
            {
                case "zh" when version is null:
                    SetOnce(current.Zh, v => current.Zh = v, value, key, Error);
                    break;
                case "zh":
                    current.ZhByVersion[version!] = value;
                    break;
                case "en" when version is null:
                    SetOnce(current.En, v => current.En = v, value, key, Error);
                    break;
                case "en":
                    current.EnByVersion[version!] = value;
                    break;
                case "alias":
                    current.Aliases.Add(value);
                    break;
                case "definition":
                    SetOnce(current.Definition, v => current.Definition = v, value, key, Error);
                    break;
                case "law":
                    current.Laws.Add(value);
                    break;
                case "versions":
                    var versions = value.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
                    var bad = versions.FirstOrDefault(v => !VersionPattern().IsMatch(v));
                    if (bad is not null)
                    {
                        Error($"'{bad}' is not a valid version (letters, digits, '.', '_' or '-').");
                    }
                    else
                    {
                        current.Versions = [.. versions.Distinct(StringComparer.Ordinal)];
                    }

                    break;
                case "parent":
                    if (!IdPattern().IsMatch(value))
                    {
                        Error($"'{value}' is not a valid parent id.");
                    }
                    else if (value == current.Id)
                    {
                        Error($"domain '{current.Id}' cannot be its own parent.");
                    }
                    else
                    {
                        current.Parent = value;
                        current.ParentLine = lineNo;
                    }

                    break;
                case "term":
                    ParseTerm(current, value, file, lineNo, Error);
                    break;
                default:
                    Error($"unknown key '{key}' (expected zh, en, alias, definition, law, versions, parent or term).");
                    break;
            }
        }

        return new ParsedFile(name, blocks, excludes, errors);
    }

    private static bool IsDomainKey(string key) =>
        key is "zh" or "en" or "alias" or "definition" or "law" or "versions" or "parent" or "term" || key.StartsWith("zh@", StringComparison.Ordinal) || key.StartsWith("en@", StringComparison.Ordinal);

    private static void SetOnce(string? existing, Action<string> set, string value, string key, Action<string> error)
    {
        if (existing is not null)
        {
            error($"'{key}' given twice in one domain.");
        }
        else
        {
            set(value);
        }
    }

    private static void ParseTerm(Block block, string value, string file, int lineNo, Action<string> error)
    {
        var space = value.IndexOfAny([' ', '\t']);
        var weightText = space < 0 ? value : value[..space];
        var term = space < 0 ? "" : value[(space + 1)..].Trim();
        if (!double.TryParse(weightText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var weight))
        {
            error($"term weight '{weightText}' is not a number (write 'term WEIGHT PHRASE', e.g. 'term 2 supply chain security').");
            return;
        }

        if (weight == 0 || Math.Abs(weight) > MaxWeight)
        {
            error($"term weight {weightText} is out of range (use a non-zero number between -{MaxWeight} and {MaxWeight}).");
            return;
        }

        if (term.Length == 0 || MatchFolding.FoldQuery(term).Trim().Length == 0)
        {
            error("term has a weight but no phrase.");
            return;
        }

        var folded = MatchFolding.FoldQuery(term);
        if (block.TermLines.TryGetValue(folded, out var first))
        {
            error($"term '{term}' is already in domain '{block.Id}' (line {first}).");
            return;
        }

        block.TermLines[folded] = lineNo;
        block.Terms.Add(new LexiconTerm(weight, term, file, lineNo));
    }

    /// <summary>A '#' at the start of a line, or after white space, starts a comment.</summary>
    private static string StripComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }

        return line;
    }
}
