using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Vigil.Core.Terms;
using Vigil.Core.Text;

namespace Vigil.Core.Geo;

/// <summary>
/// Countries, territories and blocs as data (docs/gazetteer.md): ISO codes, English and Chinese names and
/// their variants, UN M49 regions, and bloc membership over time. <see cref="Match"/> resolves one messy
/// country field to one code and never guesses (ambiguous or unknown → null); <see cref="FindMentions"/>
/// finds country names in running text. Immutable and thread-safe.
/// </summary>
public sealed class Gazetteer
{
    private const string ResourcePrefix = "Vigil.Core.Geo.Data.";

    private static readonly Lazy<Gazetteer> Shared = new(LoadBuiltIn, LazyThreadSafetyMode.ExecutionAndPublication);

    // Separators of several countries in one field, strongest first. A field is split at a level only when
    // every part resolves; otherwise it is tried whole at the next level (so "Trinidad and Tobago" stays one).
    private static readonly string[][] SeparatorLevels =
    [
        [";", "/", "、", "；"],
        [",", "，"],
        [" and ", " AND ", " And ", "&", "和", "及", "与", "與"],
    ];

    private readonly FrozenDictionary<string, Country> _byCode;
    private readonly FrozenDictionary<string, Country> _byAlpha3;
    private readonly FrozenDictionary<string, (string Code, string How)> _forms;
    private readonly FrozenDictionary<string, string[]> _ambiguous;
    private readonly FrozenDictionary<string, Bloc> _blocs;
    private readonly MentionScanner _scanner;

    private Gazetteer(IReadOnlyList<Country> countries, IReadOnlyList<Bloc> blocs, FrozenDictionary<string, (string, string)> forms,
        FrozenDictionary<string, string[]> ambiguous, FrozenDictionary<string, Bloc> blocKeys, MentionScanner scanner)
    {
        Countries = countries;
        Blocs = blocs;
        _byCode = countries.ToFrozenDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        _byAlpha3 = countries.Where(c => c.Alpha3 is not null).ToFrozenDictionary(c => c.Alpha3!, StringComparer.OrdinalIgnoreCase);
        _forms = forms;
        _ambiguous = ambiguous;
        _blocs = blocKeys;
        _scanner = scanner;
    }

    /// <summary>The gazetteer shipped with Vigil (embedded data, loaded once).</summary>
    public static Gazetteer BuiltIn => Shared.Value;

    /// <summary>Every entry in code order: the ISO 3166-1 countries and territories, XK and the EU pseudo-entry.</summary>
    public IReadOnlyList<Country> Countries { get; }

    /// <summary>Every bloc, in the order of the data file.</summary>
    public IReadOnlyList<Bloc> Blocs { get; }

    /// <summary>The entry with this alpha-2 code (any case), "XK" or "EU"; null for anything else.</summary>
    public Country? Country(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _byCode.GetValueOrDefault(code.Trim());
    }

    /// <summary>
    /// Resolves one field naming one country: a code (alpha-2, alpha-3, EU; any case), the English name or a
    /// variant (case, punctuation, white space and diacritics ignored; "Korea, Republic of" and
    /// "Korea (Republic of)" inversions read), or a Chinese name or short form (simplified or traditional).
    /// Null when the field is empty, unknown or ambiguous ("Korea", "Congo", 刚果).
    /// </summary>
    public CountryMatch? Match(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return null;
        }

        var input = field.Trim();

        // NFKC so that full-width ＵＳＡ is a code too.
        var plain = input.Normalize(System.Text.NormalizationForm.FormKC);
        if (IsAsciiLetters(plain) && plain.Length is 2 or 3)
        {
            var byCode = plain.Length == 2 ? _byCode.GetValueOrDefault(plain) : _byAlpha3.GetValueOrDefault(plain);
            if (byCode is not null)
            {
                return new CountryMatch(byCode.Code, input, "code");
            }
        }

        var key = GeoKey.Of(input);
        if (Lookup(key) is { } direct)
        {
            return direct.Code is null ? null : new CountryMatch(direct.Code, input, direct.How);
        }

        // "Korea, Republic of" → "Republic of Korea"; "Iran (Islamic Republic of)" → "Islamic Republic of Iran".
        foreach (var inverted in Inversions(input))
        {
            if (Lookup(GeoKey.Of(inverted)) is { } found)
            {
                return found.Code is null ? null : new CountryMatch(found.Code, input, found.How);
            }
        }

        return null;
    }

    /// <summary>
    /// Resolves a field that may name several countries ("US; United Kingdom", "美国、英国", "US and UK"), in
    /// order and without duplicates. A field is split on ; / 、 then , then "and" (和 及 与) only when every
    /// part resolves; empty when the field (or any part of a split that would be needed) does not resolve.
    /// </summary>
    public IReadOnlyList<CountryMatch> MatchAll(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return [];
        }

        var result = Resolve(field.Trim(), 0);
        if (result is null)
        {
            return [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. result.Where(m => seen.Add(m.Code))];
    }

    /// <summary>
    /// The entries a field could mean when it is a known ambiguous form ("Korea" → KR, KP; 刚果 → CD, CG), so
    /// a message can say why it was not resolved; empty for any other field.
    /// </summary>
    public IReadOnlyList<string> AmbiguousCodes(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return [];
        }

        if (_ambiguous.TryGetValue(GeoKey.Of(field), out var codes))
        {
            return codes;
        }

        foreach (var inverted in Inversions(field.Trim()))
        {
            if (_ambiguous.TryGetValue(GeoKey.Of(inverted), out codes))
            {
                return codes;
            }
        }

        return [];
    }

    /// <summary>A bloc by id ("EU", "eu"), English name ("European Union"), Chinese name (欧盟, 歐盟) or alias; null when unknown.</summary>
    public Bloc? Bloc(string idOrName)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        return _blocs.GetValueOrDefault(GeoKey.Of(idOrName));
    }

    /// <summary>True when <paramref name="countryCode"/> was a member of the bloc on <paramref name="date"/>; false for an unknown bloc.</summary>
    public bool IsMember(string blocId, string countryCode, DateOnly date) => Bloc(blocId)?.HasMember(countryCode, date) ?? false;

    /// <summary>
    /// Country names in running text (English and Chinese), longest match first, with spans in
    /// <paramref name="text"/>. English forms must sit on word boundaries and match in case (or be written
    /// all in capitals; forms with no lower-case letter, such as US, must match exactly); Chinese forms are
    /// matched in either script. Codes, single-character short forms, ambiguous forms and forms marked
    /// match-only are not searched, and phrases such as 内蒙古 or "New Mexico" are not read as mentions.
    /// </summary>
    public IReadOnlyList<CountryMention> FindMentions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _scanner.Find(text);
    }

    /// <summary>Parses gazetteer data (the three files of docs/gazetteer.md); problems are reported together as "file:line: problem".</summary>
    internal static Gazetteer Parse(string countriesText, string specialFormsText, string blocsText)
    {
        var errors = new List<string>();
        var countries = new List<Country>();
        var surfaces = new List<(string Surface, string Code, string How, bool Searchable, string Where)>();
        ParseCountries(countriesText, countries, surfaces, errors);
        var codes = countries.ToDictionary(c => c.Code, StringComparer.Ordinal);

        var ambiguousForms = new List<(string Form, string[] Codes)>();
        var matchOnly = new HashSet<string>(StringComparer.Ordinal);
        var notCountries = new List<string>();
        ParseSpecialForms(specialFormsText, ambiguousForms, matchOnly, notCountries, errors);

        var ambiguous = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (form, candidates) in ambiguousForms)
        {
            ambiguous[GeoKey.Of(form)] = candidates;
            foreach (var candidate in candidates.Where(c => !codes.ContainsKey(c)))
            {
                errors.Add($"special-forms.tsv: ambiguous \"{form}\" names {candidate}, which is not a code of countries.tsv");
            }
        }

        var forms = new Dictionary<string, (string Code, string How, string Where)>(StringComparer.Ordinal);
        foreach (var (surface, code, how, _, where) in surfaces)
        {
            var key = GeoKey.Of(surface);
            if (key.Length == 0)
            {
                errors.Add($"{where}: \"{surface}\" is empty once normalised");
                continue;
            }

            if (ambiguous.ContainsKey(key))
            {
                continue;
            }

            if (forms.TryGetValue(key, out var existing))
            {
                if (existing.Code != code)
                {
                    errors.Add($"{where}: \"{surface}\" ({code}) reads the same as a form of {existing.Code} ({existing.Where}); list it as ambiguous or change one");
                }

                continue;
            }

            if (key.Length is 2 or 3 && IsAsciiLetters(key) && FindByCode(countries, key) is { } other && other.Code != code)
            {
                errors.Add($"{where}: \"{surface}\" ({code}) reads as the code of {other.Code}, which is looked up first");
                continue;
            }

            forms[key] = (code, how, where);
        }

        var blocs = ParseBlocs(blocsText, codes, errors);
        var blocKeys = new Dictionary<string, Bloc>(StringComparer.Ordinal);
        foreach (var bloc in blocs)
        {
            foreach (var name in new[] { bloc.Id, bloc.NameEn, bloc.NameZh }.Concat(bloc.Aliases))
            {
                var key = GeoKey.Of(name);
                if (blocKeys.TryGetValue(key, out var other) && other.Id != bloc.Id)
                {
                    errors.Add($"blocs.tsv: \"{name}\" names both {other.Id} and {bloc.Id}");
                    continue;
                }

                blocKeys[key] = bloc;
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The gazetteer data is broken: " + string.Join("; ", errors));
        }

        var scanner = MentionScanner.Build(surfaces.Where(s => s.Searchable && !matchOnly.Contains(GeoKey.Of(s.Surface))).Select(s => (s.Surface, s.Code)),
            ambiguousForms.Select(a => a.Form).Concat(notCountries));
        countries.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        return new Gazetteer(countries, blocs, forms.ToFrozenDictionary(f => f.Key, f => (f.Value.Code, f.Value.How), StringComparer.Ordinal),
            ambiguous.ToFrozenDictionary(StringComparer.Ordinal), blocKeys.ToFrozenDictionary(StringComparer.Ordinal), scanner);
    }

    private (string? Code, string How)? Lookup(string key)
    {
        if (key.Length == 0)
        {
            return null;
        }

        if (_ambiguous.ContainsKey(key))
        {
            return (null, "ambiguous");
        }

        return _forms.TryGetValue(key, out var form) ? (form.Code, form.How) : null;
    }

    private List<CountryMatch>? Resolve(string part, int level)
    {
        if (level == SeparatorLevels.Length)
        {
            return Match(part) is { } single ? [single] : null;
        }

        var pieces = Split(part, SeparatorLevels[level]);
        if (pieces.Count > 1)
        {
            var all = new List<CountryMatch>();
            foreach (var piece in pieces)
            {
                if (Resolve(piece, level + 1) is not { } resolved)
                {
                    all = null;
                    break;
                }

                all.AddRange(resolved);
            }

            if (all is not null)
            {
                return all;
            }
        }

        return Resolve(part, level + 1);
    }

    private static List<string> Split(string text, string[] separators)
    {
        var parts = text.Split(separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return [.. parts];
    }

    private static IEnumerable<string> Inversions(string input)
    {
        var comma = input.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0 && comma == input.LastIndexOf(',') && comma < input.Length - 1)
        {
            yield return input[(comma + 1)..].Trim() + " " + input[..comma].Trim();
        }

        var open = input.IndexOf('(', StringComparison.Ordinal);
        if (open > 0 && input.EndsWith(')') && input.IndexOf('(', open + 1) < 0)
        {
            yield return input[(open + 1)..^1].Trim() + " " + input[..open].Trim();
        }
    }

    private static bool IsAsciiLetters(string s) => s.Length > 0 && s.All(c => c < 0x80 && char.IsAsciiLetter(c));

    private static Country? FindByCode(List<Country> countries, string key) =>
        countries.FirstOrDefault(c => string.Equals(c.Code, key, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Alpha3, key, StringComparison.OrdinalIgnoreCase));

    private static void ParseCountries(string text, List<Country> countries,
        List<(string Surface, string Code, string How, bool Searchable, string Where)> surfaces, List<string> errors)
    {
        var seenCodes = new HashSet<string>(StringComparer.Ordinal);
        var seenAlpha3 = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, number) in DataLines(text))
        {
            var where = $"countries.tsv:{number}";
            var f = line.Split('\t');
            if (f.Length != 8)
            {
                errors.Add($"{where}: {f.Length} columns, expected 8 (code, alpha3, kind, region, name_en, name_zh_hans, name_zh_hant, variants)");
                continue;
            }

            var (code, alpha3, kind, region, en, hans, hant) = (f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
            if (code.Length != 2 || !code.All(char.IsAsciiLetterUpper))
            {
                errors.Add($"{where}: code \"{code}\" is not two capital letters");
                continue;
            }

            if (!seenCodes.Add(code))
            {
                errors.Add($"{where}: code {code} appears twice");
                continue;
            }

            if (alpha3 != "-" && (alpha3.Length != 3 || !alpha3.All(char.IsAsciiLetterUpper) || !seenAlpha3.Add(alpha3)))
            {
                errors.Add($"{where}: alpha-3 \"{alpha3}\" is not three capital letters or appears twice");
                continue;
            }

            if (kind is not ("state" or "territory" or "union"))
            {
                errors.Add($"{where}: kind \"{kind}\" is not state, territory or union");
                continue;
            }

            if (region.Length == 0 || en.Length == 0 || !GeoKey.HasHan(hans) || !GeoKey.HasHan(hant))
            {
                errors.Add($"{where}: {code} needs a region, an English name and Chinese names in both scripts");
                continue;
            }

            var variants = new List<string>();
            surfaces.Add((en, code, "name", true, where));
            surfaces.Add((hans, code, "zh", true, where));
            surfaces.Add((hant, code, "zh", true, where));
            foreach (var raw in f[7].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var wholeFieldOnly = raw.StartsWith('=');
                var variant = wholeFieldOnly ? raw[1..] : raw;
                var chinese = GeoKey.HasHan(variant);

                // A one-character Chinese short form (美, 英) is far too common in running text to search for.
                var searchable = !wholeFieldOnly && !(chinese && variant.Count(CharClass.IsHan) < 2);
                surfaces.Add((variant, code, chinese ? "zh" : "variant", searchable, where));
                variants.Add(variant);
            }

            countries.Add(new Country(code, en, hans, hant, variants, region, kind == "territory")
            {
                Alpha3 = alpha3 == "-" ? null : alpha3,
            });
        }
    }

    private static void ParseSpecialForms(string text, List<(string Form, string[] Codes)> ambiguous, HashSet<string> matchOnly, List<string> notCountries, List<string> errors)
    {
        foreach (var (line, number) in DataLines(text))
        {
            var f = line.Split('\t');
            if (f.Length < 2 || f[1].Length == 0)
            {
                errors.Add($"special-forms.tsv:{number}: expected KIND<tab>FORM");
                continue;
            }

            switch (f[0])
            {
                case "ambiguous":
                    // The note starts with the candidate codes ("KR KP"); anything after them is prose.
                    var candidates = f.Length > 2
                        ? f[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(t => t.Length == 2 && t.All(char.IsAsciiLetterUpper)).ToArray()
                        : [];
                    if (candidates.Length < 2)
                    {
                        errors.Add($"special-forms.tsv:{number}: ambiguous \"{f[1]}\" needs the codes it could mean (at least two) in the third column");
                        continue;
                    }

                    ambiguous.Add((f[1], candidates));
                    break;
                case "match-only":
                    matchOnly.Add(GeoKey.Of(f[1]));
                    break;
                case "not-country":
                    notCountries.Add(f[1]);
                    break;
                default:
                    errors.Add($"special-forms.tsv:{number}: kind \"{f[0]}\" is not ambiguous, match-only or not-country");
                    break;
            }
        }
    }

    private static List<Bloc> ParseBlocs(string text, Dictionary<string, Country> codes, List<string> errors)
    {
        var heads = new List<(string Id, string En, string Zh, string[] Aliases)>();
        var members = new Dictionary<string, List<BlocMembership>>(StringComparer.Ordinal);
        foreach (var (line, number) in DataLines(text))
        {
            var where = $"blocs.tsv:{number}";
            var f = line.Split('\t');
            if (f[0] == "bloc" && f.Length == 5)
            {
                if (members.ContainsKey(f[1]))
                {
                    errors.Add($"{where}: bloc {f[1]} appears twice");
                    continue;
                }

                heads.Add((f[1], f[2], f[3], f[4].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
                members[f[1]] = [];
            }
            else if (f[0] == "member" && f.Length == 5)
            {
                if (!members.TryGetValue(f[1], out var list))
                {
                    errors.Add($"{where}: member of bloc {f[1]}, which is not declared above");
                    continue;
                }

                if (!codes.ContainsKey(f[2]))
                {
                    errors.Add($"{where}: {f[2]} is not a code of countries.tsv");
                    continue;
                }

                if (!TryDate(f[3], out var from) || !TryDate(f[4], out var to) || (from is { } a && to is { } b && b < a))
                {
                    errors.Add($"{where}: dates \"{f[3]}\" \"{f[4]}\" are not YYYY-MM-DD or \"-\" in order");
                    continue;
                }

                var period = new BlocMembership(f[2], from, to);
                if (list.Any(m => m.Country == period.Country && Overlaps(m, period)))
                {
                    errors.Add($"{where}: {f[2]}'s periods in {f[1]} overlap");
                    continue;
                }

                list.Add(period);
            }
            else
            {
                errors.Add($"{where}: expected \"bloc ID NAME_EN NAME_ZH ALIASES\" or \"member ID CODE FROM TO\" (tab-separated)");
            }
        }

        return [.. heads.Select(h => new Bloc(h.Id, h.En, h.Zh, members[h.Id]) { Aliases = h.Aliases })];
    }

    private static bool Overlaps(BlocMembership a, BlocMembership b) =>
        (a.From ?? DateOnly.MinValue) <= (b.To ?? DateOnly.MaxValue) && (b.From ?? DateOnly.MinValue) <= (a.To ?? DateOnly.MaxValue);

    private static bool TryDate(string text, out DateOnly? date)
    {
        date = null;
        if (text == "-")
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
            return true;
        }

        return false;
    }

    private static IEnumerable<(string Line, int Number)> DataLines(string text)
    {
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length > 0 && line[0] != '#')
            {
                yield return (line, number);
            }
        }
    }

    private static Gazetteer LoadBuiltIn() => Parse(Resource("countries.tsv"), Resource("special-forms.tsv"), Resource("blocs.tsv"));

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from Vigil.Core; the build is broken.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
