using System.Collections.Frozen;
using System.Reflection;

namespace Vigil.Core.Geo;

/// <summary>
/// The JSON of gazetteer look-ups (<c>vigil gazetteer lookup --json</c>, <c>GET /api/gazetteer/lookup</c>) and the
/// codes a map needs to join countries to shapes.
/// </summary>
public static class GazetteerJson
{
    private static readonly Lazy<FrozenDictionary<string, string>> Numeric = new(LoadNumeric);

    /// <summary>
    /// How each field resolves: <c>{results: [{input, code, name, how, candidates, matches: [{code, name, how, part}]}], unknown}</c>;
    /// <c>how</c> is code, name, variant or zh for one match, several for a list, ambiguous or unknown for none.
    /// </summary>
    public static object Lookup(Gazetteer gazetteer, IEnumerable<string> fields, out int unknown)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(fields);
        var results = new List<object>();
        unknown = 0;
        foreach (var field in fields)
        {
            var matches = gazetteer.Match(field) is { } one ? [one] : gazetteer.MatchAll(field);
            var ambiguous = matches.Count == 0 ? gazetteer.AmbiguousCodes(field) : [];
            if (matches.Count == 0)
            {
                unknown++;
            }

            var named = matches.Select(m => new { code = m.Code, name = gazetteer.Country(m.Code)!.NameEn, how = m.How, part = m.Input }).ToList();
            results.Add(new
            {
                input = field,
                code = named.Count == 1 ? named[0].code : null,
                name = named.Count == 1 ? named[0].name : null,
                how = named.Count switch { 0 => ambiguous.Count > 0 ? "ambiguous" : "unknown", 1 => named[0].how, _ => "several" },
                candidates = ambiguous,
                matches = named,
            });
        }

        return new { results, unknown };
    }

    /// <summary>The ISO 3166-1 numeric code (three digits) of an alpha-2 code, or null (EU, XK and unknown codes have none).</summary>
    public static string? NumericCode(string alpha2)
    {
        ArgumentNullException.ThrowIfNull(alpha2);
        return Numeric.Value.GetValueOrDefault(alpha2.ToUpperInvariant());
    }

    /// <summary>
    /// A country for a map: <c>{code, alpha3, numeric, name, name_zh}</c> (world-atlas shapes are keyed by the numeric code);
    /// the codes are null where ISO has none.
    /// </summary>
    public static object MapCountry(Gazetteer gazetteer, string code)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(code);
        var country = gazetteer.Country(code);
        return new
        {
            code,
            alpha3 = country?.Alpha3,
            numeric = NumericCode(code),
            name = country?.NameEn,
            name_zh = country?.NameZhHans,
        };
    }

    private static FrozenDictionary<string, string> LoadNumeric()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Vigil.Core.Geo.Data.iso-numeric.tsv")
            ?? throw new InvalidOperationException("the embedded ISO numeric code table is missing from Vigil.Core.");
        using var reader = new StreamReader(stream);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            codes[line[..tab]] = line[(tab + 1)..];
        }

        return codes.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
