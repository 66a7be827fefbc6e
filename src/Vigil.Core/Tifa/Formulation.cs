namespace Vigil.Core.Tifa;

/// <summary>
/// One formulation (提法): a set phrase of official discourse, its Chinese and English forms, the security
/// domains it speaks to, and near variants that carry the idea when the set phrase is gone.
/// </summary>
public sealed record Formulation
{
    /// <summary>Lower-case ASCII slug, e.g. <c>holistic-national-security</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Chinese forms, simplified; the first is canonical. Never empty.</summary>
    public required IReadOnlyList<string> Zh { get; init; }

    /// <summary>English renderings and variants; the first is the one shown.</summary>
    public IReadOnlyList<string> En { get; init; } = [];

    /// <summary>Security-domain ids (docs/domains.md); empty for general formulations.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>Shorter or altered forms, counted only outside occurrences of the full forms.</summary>
    public IReadOnlyList<string> Near { get; init; } = [];

    /// <summary>Year of first use, where well established.</summary>
    public int? Since { get; init; }

    /// <summary>What it means and why analysts watch it ("" when not given).</summary>
    public string Notes { get; init; } = "";

    /// <summary>Where the entry was defined ("file:line"), for messages.</summary>
    public string Origin { get; init; } = "";

    /// <summary>The full forms: Chinese then English, in the order given.</summary>
    public IEnumerable<string> Forms => Zh.Concat(En);
}
