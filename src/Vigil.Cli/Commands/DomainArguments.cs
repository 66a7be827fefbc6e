using System.CommandLine;
using Vigil.Core.Domains;
using Vigil.Core.Output;

namespace Vigil.Cli.Commands;

/// <summary>Options and JSON shapes shared by the domain commands (taxonomy, domains, classify, eval, trend).</summary>
internal static class DomainArguments
{
    /// <summary>A user's taxonomy file in the data directory, applied automatically when present.</summary>
    public const string DataDirectoryFile = TaxonomySelection.DataDirectoryFile;

    public static Option<string?> Version() => new("--taxonomy")
    {
        Description = "Taxonomy version: 2014 (11 fields), 2021 (16) or 2024 (20; the default)",
        HelpName = "V",
    };

    public static Option<string[]> Files() => new("--taxonomy-file")
    {
        Description = $"A taxonomy file that adds or overrides domains and terms (repeatable; DATA/{DataDirectoryFile} is applied first when it exists)",
        HelpName = "F",
    };

    /// <summary>
    /// The built-in taxonomy, with DATA/taxonomy.vtax and the given files applied, restricted to a version.
    /// Null after writing a message when a file is invalid or the version unknown.
    /// </summary>
    public static Taxonomy? Load(CliContext context, string dataDirectory, string[]? files, string? version)
    {
        var load = TaxonomySelection.Load(dataDirectory, files, version);
        foreach (var error in load.Errors)
        {
            context.Error.WriteLine($"vigil: {error}");
        }

        return load.Taxonomy;
    }

    /// <summary>The JSON object of one domain's result, as the issue fixes it (id, score, assigned, evidence) plus names and weights.</summary>
    public static object DomainJson(Taxonomy taxonomy, DomainScore score) => JsonShapes.Domain(taxonomy, score);

    public static IEnumerable<object> DomainsJson(Taxonomy taxonomy, PassageClassification passage) => JsonShapes.Domains(taxonomy, passage);

    /// <summary>"economic 0.93, cyber 0.61" for terminal tables.</summary>
    public static string AssignedSummary(PassageClassification passage, double minScore = 0)
    {
        var assigned = passage.Domains.Where(d => d.Assigned && d.Score >= minScore).Select(d => $"{d.Id} {d.Score:0.00}").ToList();
        return assigned.Count == 0 ? "—" : string.Join(", ", assigned);
    }

    /// <summary>The strongest evidence terms, for terminal tables.</summary>
    public static string TopEvidence(PassageClassification passage, int count = 4) =>
        string.Join(", ", passage.Domains.Where(d => d.Assigned).SelectMany(d => d.Terms).Where(t => t.Weight > 0)
            .OrderByDescending(t => t.Contribution).Select(t => t.Count > 1 ? $"{t.Term} ×{t.Count}" : t.Term).Distinct().Take(count));
}
