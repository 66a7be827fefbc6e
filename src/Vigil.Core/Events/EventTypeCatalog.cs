using System.Text.RegularExpressions;
using Vigil.Core.Domains;

namespace Vigil.Core.Events;

/// <summary>One event type: a dotted hierarchical id, labels, default domains and the FtM schema of its export.</summary>
/// <param name="Parent">The id without its last level; null for a top-level type.</param>
/// <param name="Domains">The default domains (inherited from the parent when the line leaves them empty).</param>
/// <param name="FtmSchema">Sanction or Event.</param>
public sealed record EventType(string Id, string? Parent, string LabelEn, string LabelZh, IReadOnlyList<string> Domains, string FtmSchema);

/// <summary>A problem in an event-types file, naming the file and line.</summary>
public sealed record EventTypeProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>
/// The event types: the built-in list (<c>Events/Data/event-types.txt</c>, embedded) plus user files in the same
/// format that add types or replace them by id. Immutable; lookups are by exact id.
/// </summary>
public sealed partial class EventTypeCatalog
{
    /// <summary>The name of the user file in a data directory that is applied automatically.</summary>
    public const string DataDirectoryFile = "event-types.txt";

    /// <summary>The FtM schemas an event type may export as.</summary>
    public static IReadOnlyList<string> FtmSchemas { get; } = ["Sanction", "Event"];

    private static readonly Lazy<EventTypeCatalog> s_builtIn = new(LoadBuiltIn);
    private readonly Dictionary<string, EventType> _byId;

    private EventTypeCatalog(IReadOnlyList<EventType> types)
    {
        Types = types;
        _byId = types.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    /// <summary>The types in file order (built-in first, then types a user file added).</summary>
    public IReadOnlyList<EventType> Types { get; }

    /// <summary>The built-in catalog. Throws <see cref="InvalidOperationException"/> if the shipped file is invalid (a bug).</summary>
    public static EventTypeCatalog BuiltIn => s_builtIn.Value;

    /// <summary>The type with this id, or null.</summary>
    public EventType? Find(string? id) => id is not null && _byId.TryGetValue(id.Trim(), out var type) ? type : null;

    /// <summary>True when <paramref name="typeId"/> is <paramref name="prefix"/> or below it (police.training is within police).</summary>
    public static bool IsWithin(string typeId, string prefix) =>
        typeId.Equals(prefix, StringComparison.Ordinal) || (typeId.StartsWith(prefix, StringComparison.Ordinal) && typeId.Length > prefix.Length && typeId[prefix.Length] == '.');

    /// <summary>The FtM schema of a type (Event for an unknown type).</summary>
    public string FtmSchemaOf(string typeId) => Find(typeId)?.FtmSchema ?? "Event";

    /// <summary>The catalog with the types of <paramref name="text"/> added or replacing built-in ones; problems name file and line.</summary>
    public (EventTypeCatalog? Catalog, IReadOnlyList<EventTypeProblem> Problems) Overlay(string text, string file)
    {
        var (lines, problems) = Parse(text, file);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var merged = Types.Select(t => (t.Id, Line: 0, Parent: t.Parent ?? "-", t.LabelEn, t.LabelZh, Domains: (IReadOnlyList<string>?)t.Domains, Ftm: (string?)t.FtmSchema)).ToList();
        foreach (var line in lines)
        {
            var index = merged.FindIndex(m => m.Id == line.Id);
            if (index >= 0)
            {
                merged[index] = line;
            }
            else
            {
                merged.Add(line);
            }
        }

        return Build(merged, file);
    }

    /// <summary>The built-in catalog with the user files applied in order (the first problem stops loading).</summary>
    public static (EventTypeCatalog? Catalog, IReadOnlyList<EventTypeProblem> Problems) Load(IEnumerable<string> userFiles)
    {
        var catalog = BuiltIn;
        foreach (var file in userFiles)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return (null, [new EventTypeProblem(file, 0, $"cannot read the file: {ex.Message}")]);
            }

            var (next, problems) = catalog.Overlay(text, file);
            if (next is null)
            {
                return (null, problems);
            }

            catalog = next;
        }

        return (catalog, []);
    }

    private static EventTypeCatalog LoadBuiltIn()
    {
        using var stream = typeof(EventTypeCatalog).Assembly.GetManifestResourceStream("Vigil.Core.Events.Data.event-types.txt")
            ?? throw new InvalidOperationException("the built-in event types (Events/Data/event-types.txt) are missing from Vigil.Core.");
        using var reader = new StreamReader(stream);
        var (lines, problems) = Parse(reader.ReadToEnd(), "event-types.txt (built-in)");
        var (catalog, more) = problems.Count == 0 ? Build(lines, "event-types.txt (built-in)") : (null, problems);
        return catalog ?? throw new InvalidOperationException("the built-in event types are invalid: " + string.Join("; ", more));
    }

    private static (List<(string Id, int Line, string Parent, string LabelEn, string LabelZh, IReadOnlyList<string>? Domains, string? Ftm)> Lines, List<EventTypeProblem> Problems) Parse(string text, string file)
    {
        var lines = new List<(string, int, string, string, string, IReadOnlyList<string>?, string?)>();
        var problems = new List<EventTypeProblem>();
        var number = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('|').Select(f => f.Trim()).ToArray();
            if (fields.Length is < 5 or > 6)
            {
                problems.Add(new EventTypeProblem(file, number, $"expected 'id | parent | English | Chinese | domains [| Sanction|Event]', found {fields.Length} field(s)."));
                continue;
            }

            var id = fields[0];
            if (!IdPattern().IsMatch(id))
            {
                problems.Add(new EventTypeProblem(file, number, $"type id '{id}' must be lower-case words joined by '-', levels joined by '.' (e.g. police.training)."));
                continue;
            }

            if (!seen.Add(id))
            {
                problems.Add(new EventTypeProblem(file, number, $"type '{id}' appears twice in this file."));
                continue;
            }

            if (fields[2].Length == 0 || fields[3].Length == 0)
            {
                problems.Add(new EventTypeProblem(file, number, $"type '{id}' needs an English and a Chinese label."));
                continue;
            }

            IReadOnlyList<string>? domains = fields[4] switch
            {
                "" => null,
                "-" => [],
                var list => list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            };
            var unknown = domains?.Where(d => TaxonomyLoader.BuiltIn.Find(d) is null).ToList() ?? [];
            if (unknown.Count > 0)
            {
                problems.Add(new EventTypeProblem(file, number, $"unknown domain id(s) {string.Join(", ", unknown)}; 'vigil taxonomy' lists them."));
                continue;
            }

            var ftm = fields.Length == 6 && fields[5].Length > 0 ? fields[5] : null;
            if (ftm is not null && !FtmSchemas.Contains(ftm, StringComparer.Ordinal))
            {
                problems.Add(new EventTypeProblem(file, number, $"FtM schema '{ftm}' must be Sanction or Event."));
                continue;
            }

            lines.Add((id, number, fields[1], fields[2], fields[3], domains, ftm));
        }

        return (lines, problems);
    }

    private static (EventTypeCatalog? Catalog, IReadOnlyList<EventTypeProblem> Problems) Build(
        List<(string Id, int Line, string Parent, string LabelEn, string LabelZh, IReadOnlyList<string>? Domains, string? Ftm)> lines, string file)
    {
        var problems = new List<EventTypeProblem>();
        var ids = lines.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var dot = line.Id.LastIndexOf('.');
            var expected = dot < 0 ? "-" : line.Id[..dot];
            if (!line.Parent.Equals(expected, StringComparison.Ordinal))
            {
                problems.Add(new EventTypeProblem(file, line.Line, $"type '{line.Id}' must have parent '{expected}' (the id without its last level), not '{line.Parent}'."));
            }
            else if (dot >= 0 && !ids.Contains(expected))
            {
                problems.Add(new EventTypeProblem(file, line.Line, $"type '{line.Id}' has parent '{expected}', which is not defined; define it first."));
            }
            else if (dot < 0 && line.Ftm is null)
            {
                problems.Add(new EventTypeProblem(file, line.Line, $"top-level type '{line.Id}' needs an FtM schema (Sanction or Event) in the sixth field."));
            }
            else if (dot < 0 && line.Domains is null)
            {
                problems.Add(new EventTypeProblem(file, line.Line, $"top-level type '{line.Id}' needs domains (or '-' for none)."));
            }
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        // Inheritance walks up the dotted id; parents are resolved first by sorting on depth (stable within a depth).
        var byId = new Dictionary<string, EventType>(StringComparer.Ordinal);
        foreach (var line in lines.OrderBy(l => l.Id.Count(c => c == '.')))
        {
            var parent = line.Parent == "-" ? null : byId[line.Parent];
            byId[line.Id] = new EventType(line.Id, parent?.Id, line.LabelEn, line.LabelZh, line.Domains ?? parent!.Domains, line.Ftm ?? parent!.FtmSchema);
        }

        return (new EventTypeCatalog(lines.Select(l => byId[l.Id]).ToList()), []);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*$")]
    private static partial Regex IdPattern();
}
