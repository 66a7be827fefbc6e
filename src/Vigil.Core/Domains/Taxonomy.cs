namespace Vigil.Core.Domains;

/// <summary>One weighted lexicon entry: a term or phrase that is evidence for (weight &gt; 0) or against (&lt; 0) a domain.</summary>
/// <param name="Weight">Between -5 and 5, never 0. 3 decides a paragraph on its own, 2 is strong, 1 supporting.</param>
/// <param name="Text">The term as written in the taxonomy file.</param>
/// <param name="File">The taxonomy file it came from ("built-in" for Vigil's own).</param>
/// <param name="Line">1-based line in that file.</param>
public sealed record LexiconTerm(double Weight, string Text, string File, int Line);

/// <summary>A security domain (field) of the holistic national security concept, with its lexicon.</summary>
public sealed record DomainDefinition
{
    /// <summary>Fixed id such as <c>economic</c> or <c>science-technology</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Chinese name (simplified), e.g. 经济安全.</summary>
    public required string Zh { get; init; }

    /// <summary>English name, e.g. economic security.</summary>
    public required string En { get; init; }

    /// <summary>Names used in a particular version when they differ (2014: 信息安全 for cyber).</summary>
    public IReadOnlyDictionary<string, string> ZhByVersion { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> EnByVersion { get; init; } = new Dictionary<string, string>();

    /// <summary>Other English or Chinese names.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public required string Definition { get; init; }

    public IReadOnlyList<string> Laws { get; init; } = [];

    /// <summary>Taxonomy versions the domain belongs to (2014, 2021, 2024, or a user's own).</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];

    /// <summary>The id of a broader domain, or null.</summary>
    public string? Parent { get; init; }

    public IReadOnlyList<LexiconTerm> Terms { get; init; } = [];

    /// <summary>The Chinese name in <paramref name="version"/> (falls back to <see cref="Zh"/>).</summary>
    public string ZhIn(string? version) => version is not null && ZhByVersion.TryGetValue(version, out var name) ? name : Zh;

    /// <summary>The English name in <paramref name="version"/> (falls back to <see cref="En"/>).</summary>
    public string EnIn(string? version) => version is not null && EnByVersion.TryGetValue(version, out var name) ? name : En;
}

/// <summary>An exclusion: a look-alike phrase that cancels every domain's positive matches overlapping it.</summary>
public sealed record ExcludedPhrase(string Text, string File, int Line);

/// <summary>
/// A versioned set of domains. The built-in taxonomy holds versions 2014 (11 fields), 2021 (16) and 2024 (20);
/// <see cref="ForVersion"/> selects one. Domain order is the file's order.
/// </summary>
public sealed class Taxonomy
{
    public Taxonomy(string name, IReadOnlyList<DomainDefinition> domains, IReadOnlyList<ExcludedPhrase> excludes, string? version = null)
    {
        Name = name;
        Domains = domains;
        Excludes = excludes;
        Version = version;
    }

    public string Name { get; }

    /// <summary>The version this view is restricted to, or null for all domains of all versions.</summary>
    public string? Version { get; }

    public IReadOnlyList<DomainDefinition> Domains { get; }

    public IReadOnlyList<ExcludedPhrase> Excludes { get; }

    /// <summary>Every version named by any domain, in ascending order.</summary>
    public IReadOnlyList<string> Versions => Domains.SelectMany(d => d.Versions).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public DomainDefinition? Find(string id) => Domains.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.Ordinal));

    /// <summary>The domains of one version, or null when no domain belongs to it.</summary>
    public Taxonomy? ForVersion(string version)
    {
        var domains = Domains.Where(d => d.Versions.Contains(version, StringComparer.Ordinal)).ToList();
        return domains.Count == 0 ? null : new Taxonomy(Name, domains, Excludes, version);
    }

    /// <summary>The newest version (the default for classification), or null without versions.</summary>
    public string? Latest => Versions.Count == 0 ? null : Versions[^1];
}
