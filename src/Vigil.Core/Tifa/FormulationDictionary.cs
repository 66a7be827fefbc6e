using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Core.Text;

namespace Vigil.Core.Tifa;

/// <summary>A problem in a dictionary file: where (file:line) and what.</summary>
public sealed record DictionaryProblem(string Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>The outcome of loading a dictionary: the dictionary, or the problems that prevent it.</summary>
public sealed record DictionaryLoadResult(FormulationDictionary? Dictionary, IReadOnlyList<DictionaryProblem> Problems)
{
    /// <summary>One line for a person: the first problem, and how many more there are.</summary>
    public string Message => Problems.Count switch
    {
        0 => "",
        1 => Problems[0].ToString(),
        _ => $"{Problems[0]} (and {Problems.Count - 1} more problem{(Problems.Count == 2 ? "" : "s")})",
    };
}

/// <summary>
/// The formulation dictionary: the built-in list (<c>Tifa/Data/formulations.txt</c>, embedded) and user files
/// in the same line-oriented format that add entries or replace them by id. Every entry is validated on load,
/// and each problem names the file, the line and the entry. Immutable once built.
/// </summary>
/// <remarks>
/// Format: <c>[id]</c> starts an entry; then <c>key = value</c> lines with keys zh, en, domains, near (lists
/// separated by <c>|</c>; domains also by commas; a list key may repeat to continue its list), since (a year)
/// and notes (repeating continues the text). Blank lines and lines starting with <c>#</c> are ignored.
/// </remarks>
public sealed partial class FormulationDictionary
{
    /// <summary>Largest dictionary file accepted (characters).</summary>
    public const int MaxFileChars = 16 * 1024 * 1024;

    /// <summary>The security-domain ids of docs/domains.md.</summary>
    public static IReadOnlyList<string> DomainIds { get; } =
    [
        "political", "homeland", "military", "economic", "financial", "cultural", "social", "science-technology", "cyber", "food",
        "ecological", "resource", "nuclear", "overseas-interests", "space", "deep-sea", "polar", "biological", "ai", "data",
    ];

    private const string ResourceName = "Vigil.Core.Tifa.Data.formulations.txt";
    private const string BuiltInFile = "formulations.txt";
    private static readonly string[] Keys = ["zh", "en", "domains", "near", "since", "notes"];
    private static readonly Lazy<FormulationDictionary> s_builtIn = new(LoadBuiltIn);

    private readonly Dictionary<string, int> _byId;
    private readonly Dictionary<string, int> _byForm;

    private FormulationDictionary(IReadOnlyList<Formulation> formulations)
    {
        Formulations = formulations;
        _byId = new Dictionary<string, int>(StringComparer.Ordinal);
        _byForm = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < formulations.Count; i++)
        {
            _byId[formulations[i].Id] = i;
            foreach (var form in formulations[i].Forms)
            {
                _byForm.TryAdd(MatchFolding.FoldQuery(form), i);
            }
        }
    }

    /// <summary>The entries, built-in order first, then entries a user file added.</summary>
    public IReadOnlyList<Formulation> Formulations { get; }

    /// <summary>The built-in dictionary. Throws <see cref="InvalidOperationException"/> if the shipped data is invalid (a bug).</summary>
    public static FormulationDictionary BuiltIn => s_builtIn.Value;

    /// <summary>The formulation with this id, or whose full form (any script or case) this is; null when none.</summary>
    public Formulation? Find(string idOrForm)
    {
        ArgumentNullException.ThrowIfNull(idOrForm);
        var key = idOrForm.Trim();
        if (_byId.TryGetValue(key.ToLowerInvariant(), out var i))
        {
            return Formulations[i];
        }

        return key.Length > 0 && _byForm.TryGetValue(MatchFolding.FoldQuery(key), out i) ? Formulations[i] : null;
    }

    /// <summary>Index of the formulation with this id, or -1.</summary>
    public int IndexOf(string id) => _byId.TryGetValue(id, out var i) ? i : -1;

    /// <summary>Up to <paramref name="max"/> ids close to <paramref name="query"/> (by edit distance, or containing it), closest first.</summary>
    public IReadOnlyList<string> CloseIds(string query, int max = 5)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = query.Trim().ToLowerInvariant();
        var limit = Math.Max(3, q.Length / 3);
        return Formulations
            .Select(f => (f.Id, Distance: f.Id.Contains(q, StringComparison.Ordinal) || (q.Length > 0 && q.Contains(f.Id, StringComparison.Ordinal)) ? 0 : EditDistance(q, f.Id)))
            .Where(x => x.Distance <= limit)
            .OrderBy(x => x.Distance).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Take(max).Select(x => x.Id).ToList();
    }

    /// <summary>Builds a dictionary from entries, checking what no single entry can: unique ids and unique full forms.</summary>
    public static DictionaryLoadResult Create(IReadOnlyList<Formulation> formulations)
    {
        ArgumentNullException.ThrowIfNull(formulations);
        var problems = new List<DictionaryProblem>();
        var ids = new Dictionary<string, Formulation>(StringComparer.Ordinal);
        var forms = new Dictionary<string, Formulation>(StringComparer.Ordinal);
        foreach (var f in formulations)
        {
            if (!ids.TryAdd(f.Id, f))
            {
                problems.Add(new DictionaryProblem(f.Origin, $"[{f.Id}] duplicate id (first defined at {ids[f.Id].Origin})"));
                continue;
            }

            foreach (var form in f.Forms)
            {
                var folded = MatchFolding.FoldQuery(form).Trim();
                if (forms.TryGetValue(folded, out var other) && other.Id != f.Id)
                {
                    problems.Add(new DictionaryProblem(f.Origin, $"[{f.Id}] form '{form}' is already a form of [{other.Id}] ({other.Origin}); a form belongs to one formulation"));
                }
                else
                {
                    forms[folded] = f;
                }
            }
        }

        return problems.Count > 0 ? new DictionaryLoadResult(null, problems) : new DictionaryLoadResult(new FormulationDictionary([.. formulations]), []);
    }

    /// <summary>This dictionary with a user file's entries: an entry whose id exists replaces it, a new id is added.</summary>
    public DictionaryLoadResult WithFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Failed(path, "dictionary file not found");
            }

            if (info.Length > MaxFileChars * 4L)
            {
                return Failed(path, $"dictionary file is larger than {MaxFileChars * 4L / (1024 * 1024)} MB");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Failed(path, $"cannot read the dictionary file: {ex.Message}");
        }

        return WithEntries(Parse(text, path));
    }

    /// <summary>This dictionary with parsed entries (see <see cref="WithFile"/>); parse problems are passed on.</summary>
    public DictionaryLoadResult WithEntries(DictionaryParse parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.Problems.Count > 0)
        {
            return new DictionaryLoadResult(null, parsed.Problems);
        }

        var merged = Formulations.ToList();
        foreach (var entry in parsed.Entries)
        {
            var i = merged.FindIndex(f => f.Id == entry.Id);
            if (i >= 0)
            {
                merged[i] = entry;
            }
            else
            {
                merged.Add(entry);
            }
        }

        return Create(merged);
    }

    /// <summary>Parses dictionary text; <paramref name="file"/> names it in problems. Entries with problems are left out.</summary>
    public static DictionaryParse Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var problems = new List<DictionaryProblem>();
        var entries = new List<Formulation>();
        if (text.Length > MaxFileChars)
        {
            problems.Add(new DictionaryProblem($"{file}:1", $"dictionary is larger than {MaxFileChars:N0} characters"));
            return new DictionaryParse(entries, problems);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        EntryBuilder? current = null;
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var lineNo = n + 1;
            var line = lines[n].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                Finish(current, file, entries, problems);
                current = null;
                if (line[^1] != ']')
                {
                    problems.Add(new DictionaryProblem($"{file}:{lineNo}", $"entry header '{Clip(line)}' has no closing ]"));
                    continue;
                }

                var id = line[1..^1].Trim();
                if (!IdPattern().IsMatch(id) || id.Length > 100)
                {
                    problems.Add(new DictionaryProblem($"{file}:{lineNo}", $"[{Clip(id)}] is not a valid id: use lower-case ASCII letters, digits and single hyphens (e.g. holistic-national-security)"));
                    current = new EntryBuilder(id, lineNo) { Broken = true };
                    continue;
                }

                if (seen.TryGetValue(id, out var first))
                {
                    problems.Add(new DictionaryProblem($"{file}:{lineNo}", $"[{id}] duplicate id (first defined at line {first})"));
                    current = new EntryBuilder(id, lineNo) { Broken = true };
                    continue;
                }

                seen[id] = lineNo;
                current = new EntryBuilder(id, lineNo);
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                problems.Add(new DictionaryProblem($"{file}:{lineNo}", $"{Where(current)}expected 'key = value' or [id], got '{Clip(line)}'"));
                MarkBroken(current);
                continue;
            }

            var key = line[..eq].Trim().ToLowerInvariant();
            var value = line[(eq + 1)..].Trim();
            if (current is null)
            {
                problems.Add(new DictionaryProblem($"{file}:{lineNo}", $"'{Clip(key)} = ...' comes before any entry; start each entry with [id]"));
                continue;
            }

            if (Array.IndexOf(Keys, key) < 0)
            {
                problems.Add(new DictionaryProblem($"{file}:{lineNo}", $"[{current.Id}] unknown key '{Clip(key)}' (known: {string.Join(", ", Keys)})"));
                current.Broken = true;
                continue;
            }

            if (current.Add(key, value, lineNo) is { } problem)
            {
                problems.Add(new DictionaryProblem($"{file}:{lineNo}", $"[{current.Id}] {problem}"));
                current.Broken = true;
            }
        }

        Finish(current, file, entries, problems);
        return new DictionaryParse(entries, problems);
    }

    private static void Finish(EntryBuilder? entry, string file, List<Formulation> entries, List<DictionaryProblem> problems)
    {
        if (entry is null)
        {
            return;
        }

        var before = problems.Count;
        entry.Validate(file, problems);
        if (!entry.Broken && problems.Count == before)
        {
            entries.Add(entry.Build(file));
        }
    }

    private static string Where(EntryBuilder? entry) => entry is null ? "" : $"[{entry.Id}] ";

    private static void MarkBroken(EntryBuilder? entry)
    {
        if (entry is not null)
        {
            entry.Broken = true;
        }
    }

    private static string Clip(string s) => s.Length <= 60 ? s : s[..57] + "...";

    private static DictionaryLoadResult Failed(string path, string message) => new(null, [new DictionaryProblem(path, message)]);

    private static FormulationDictionary LoadBuiltIn()
    {
        using var stream = typeof(FormulationDictionary).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The built-in formulation dictionary ({ResourceName}) is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var parsed = Parse(reader.ReadToEnd(), BuiltInFile);
        var result = parsed.Problems.Count > 0 ? new DictionaryLoadResult(null, parsed.Problems) : Create(parsed.Entries);
        return result.Dictionary ?? throw new InvalidOperationException($"The built-in formulation dictionary is invalid: {string.Join("; ", result.Problems)}");
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                row[j] = Math.Min(Math.Min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, row) = (row, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    /// <summary>One entry while it is being read.</summary>
    private sealed class EntryBuilder(string id, int line)
    {
        public string Id { get; } = id;

        public int Line { get; } = line;

        public bool Broken { get; set; }

        private readonly List<(string Value, int Line)> _zh = [];
        private readonly List<(string Value, int Line)> _en = [];
        private readonly List<(string Value, int Line)> _near = [];
        private readonly List<(string Value, int Line)> _domains = [];
        private readonly List<string> _notes = [];
        private int? _since;

        public string? Add(string key, string value, int lineNo)
        {
            switch (key)
            {
                case "zh":
                    Split(value, '|', lineNo, _zh);
                    return null;
                case "en":
                    Split(value, '|', lineNo, _en);
                    return null;
                case "near":
                    Split(value, '|', lineNo, _near);
                    return null;
                case "domains":
                    Split(value.Replace(',', '|'), '|', lineNo, _domains);
                    return null;
                case "notes":
                    if (value.Length > 0)
                    {
                        _notes.Add(value);
                    }

                    return null;
                default: // since
                    if (_since is not null)
                    {
                        return "'since' is given twice";
                    }

                    if (value.Length == 0)
                    {
                        return null;
                    }

                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || value.Length != 4 || year < 1900 || year > 2100)
                    {
                        return $"'since' must be a year (1900-2100), got '{Clip(value)}'";
                    }

                    _since = year;
                    return null;
            }
        }

        public void Validate(string file, List<DictionaryProblem> problems)
        {
            if (Broken)
            {
                return;
            }

            void Problem(int lineNo, string message) => problems.Add(new DictionaryProblem($"{file}:{lineNo}", $"[{Id}] {message}"));

            if (_zh.Count == 0)
            {
                Problem(Line, "has no Chinese form: add 'zh = ...' (the canonical simplified form first)");
            }

            var full = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (form, lineNo) in _zh)
            {
                // Whether a form is simplified cannot be checked from the fold table (it folds some simplified
                // characters to a variant, e.g. 台 → 臺): the format asks for simplified and folding matches either.
                if (!form.Any(CharClass.IsHan))
                {
                    Problem(lineNo, $"zh form '{Clip(form)}' has no Chinese character (English goes under 'en')");
                }

                CheckForm(form, lineNo, "zh", full, Problem);
            }

            foreach (var (form, lineNo) in _en)
            {
                if (form.Any(CharClass.IsHan))
                {
                    Problem(lineNo, $"en form '{Clip(form)}' contains Chinese characters (Chinese goes under 'zh')");
                }

                CheckForm(form, lineNo, "en", full, Problem);
            }

            var near = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (form, lineNo) in _near)
            {
                var folded = MatchFolding.FoldQuery(form).Trim();
                if (folded.Length == 0)
                {
                    Problem(lineNo, $"near form '{Clip(form)}' is empty after normalisation");
                }
                else if (full.ContainsKey(folded))
                {
                    Problem(lineNo, $"near form '{Clip(form)}' is also a full form; a near form must differ from the set phrase");
                }
                else if (full.Keys.FirstOrDefault(f => folded.Contains(f, StringComparison.Ordinal)) is { } inner)
                {
                    Problem(lineNo, $"near form '{Clip(form)}' contains the full form '{full[inner]}', so it could never be counted outside it");
                }
                else if (!near.Add(folded))
                {
                    Problem(lineNo, $"near form '{Clip(form)}' is given twice");
                }
            }

            foreach (var (domain, lineNo) in _domains)
            {
                if (!DomainIds.Contains(domain, StringComparer.Ordinal))
                {
                    Problem(lineNo, $"unknown domain id '{Clip(domain)}' (known: {string.Join(", ", DomainIds)})");
                }
            }
        }

        public Formulation Build(string file) => new()
        {
            Id = Id,
            Zh = _zh.Select(z => z.Value).ToList(),
            En = _en.Select(e => e.Value).ToList(),
            Near = _near.Select(n => n.Value).ToList(),
            Domains = _domains.Select(d => d.Value).Distinct(StringComparer.Ordinal).ToList(),
            Since = _since,
            Notes = string.Join(' ', _notes),
            Origin = $"{file}:{Line}",
        };

        private static void CheckForm(string form, int lineNo, string key, Dictionary<string, string> full, Action<int, string> problem)
        {
            var folded = MatchFolding.FoldQuery(form).Trim();
            if (folded.Length == 0)
            {
                problem(lineNo, $"{key} form '{Clip(form)}' is empty after normalisation");
            }
            else if (!full.TryAdd(folded, form))
            {
                problem(lineNo, $"{key} form '{Clip(form)}' is given twice (as '{full[folded]}')");
            }
        }

        private static void Split(string value, char separator, int lineNo, List<(string, int)> into)
        {
            foreach (var part in value.Split(separator))
            {
                var item = part.Trim();
                if (item.Length > 0)
                {
                    into.Add((item, lineNo));
                }
            }
        }
    }
}

/// <summary>Entries read from one dictionary text, and the problems found in it.</summary>
public sealed record DictionaryParse(IReadOnlyList<Formulation> Entries, IReadOnlyList<DictionaryProblem> Problems);
