namespace Vigil.Core.Geo;

/// <summary>
/// A country or territory of ISO 3166-1 (plus XK, Kosovo, as commonly used) or the pseudo-entry <c>EU</c>
/// standing for the institutions of the European Union.
/// </summary>
/// <param name="Code">ISO 3166-1 alpha-2 code (upper case), or "EU".</param>
/// <param name="NameEn">English short name.</param>
/// <param name="NameZhHans">Chinese name in simplified characters.</param>
/// <param name="NameZhHant">Chinese name in traditional characters (Taiwan usage, as CLDR gives it).</param>
/// <param name="Variants">Other names, English and Chinese, and short forms (single-character Chinese short forms included).</param>
/// <param name="Region">The most specific UN M49 grouping (sub-region or intermediate region), e.g. "Eastern Asia".</param>
/// <param name="IsTerritory">True unless the entry is a UN member or observer state (or the EU pseudo-entry).</param>
public sealed record Country(string Code, string NameEn, string NameZhHans, string NameZhHant,
    IReadOnlyList<string> Variants, string Region, bool IsTerritory)
{
    /// <summary>ISO 3166-1 alpha-3 code, or null where there is none (XK, EU).</summary>
    public string? Alpha3 { get; init; }
}

/// <summary>One messy field resolved to one code.</summary>
/// <param name="Code">The entry's code.</param>
/// <param name="Input">The field (or the part of it) that was resolved, as given.</param>
/// <param name="How">"code" (alpha-2, alpha-3 or EU), "name" (the English name), "variant" (another English form) or "zh" (a Chinese name or short form).</param>
public sealed record CountryMatch(string Code, string Input, string How);

/// <summary>A country named in running text.</summary>
/// <param name="Start">Offset in the string given to <see cref="Gazetteer.FindMentions"/>.</param>
/// <param name="Length">Length in UTF-16 units.</param>
/// <param name="Text">The text at that span, verbatim.</param>
public sealed record CountryMention(string Code, int Start, int Length, string Text);

/// <summary>A bloc of states and its membership over time.</summary>
public sealed record Bloc(string Id, string NameEn, string NameZh, IReadOnlyList<BlocMembership> Memberships)
{
    /// <summary>Other names the bloc is looked up by (English and Chinese).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>True when <paramref name="countryCode"/> was a member on <paramref name="date"/>.</summary>
    public bool HasMember(string countryCode, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(countryCode);
        foreach (var m in Memberships)
        {
            if (string.Equals(m.Country, countryCode, StringComparison.OrdinalIgnoreCase) && m.Covers(date))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The member codes on <paramref name="date"/>, in code order.</summary>
    public IReadOnlyList<string> MembersOn(DateOnly date) =>
        [.. Memberships.Where(m => m.Covers(date)).Select(m => m.Country).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

/// <summary>One period of membership.</summary>
/// <param name="Country">Member code.</param>
/// <param name="From">First day of membership; null when the start is not modelled (member before any date Vigil handles).</param>
/// <param name="To">Last day of membership (inclusive); null while still a member.</param>
public sealed record BlocMembership(string Country, DateOnly? From, DateOnly? To)
{
    /// <summary>True when <paramref name="date"/> falls in this period.</summary>
    public bool Covers(DateOnly date) => (From is not { } from || from <= date) && (To is not { } to || date <= to);
}
