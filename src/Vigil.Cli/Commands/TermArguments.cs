using System.CommandLine;
using Vigil.Core.Documents;

namespace Vigil.Cli.Commands;

/// <summary>Options shared by the term commands (count, kwic).</summary>
internal static class TermArguments
{
    public static Option<string[]> Doc() => new("--doc")
    {
        Description = "Only this document (id, id prefix or path); repeatable",
        HelpName = "ID|PATH",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<bool> Stem() => new("--stem") { Description = "Also match inflected English forms (plurals, -ed, -ing)" };

    /// <summary>The documents a command works on: the --doc ones, or all. Null (after a message) when a --doc is unknown.</summary>
    public static List<DocumentInfo>? SelectDocuments(CliContext context, Workspace workspace, string[]? docs)
    {
        if (docs is null || docs.Length == 0)
        {
            return workspace.Store.List().ToList();
        }

        var (found, unknown) = workspace.ResolveDocuments(docs);
        if (unknown.Count > 0)
        {
            context.Usage($"no document matches {string.Join(", ", unknown.Select(u => $"'{u}'"))}; 'vigil docs' lists ids and paths.");
            return null;
        }

        return found;
    }

    /// <summary>Compiles the terms, or says (as a usage error) which one is unusable.</summary>
    public static (Core.Terms.TermSet? Set, string? Error) Compile(IReadOnlyList<string> terms, bool stem)
    {
        try
        {
            return (Core.Terms.TermSet.Compile(terms, new Core.Terms.TermOptions { Stem = stem }), null);
        }
        catch (ArgumentException ex)
        {
            return (null, ex.Message.Split(" (Parameter")[0]);
        }
    }

    /// <summary>Reads a terms file: one term per line; blank lines and lines starting with # are skipped.</summary>
    public static (List<string> Terms, string? Error) ReadTermsFile(string path)
    {
        try
        {
            var terms = File.ReadAllLines(path)
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .ToList();
            return terms.Count == 0 ? ([], $"the terms file {path} has no terms (one per line; # starts a comment)") : (terms, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ([], $"cannot read the terms file {path}: {ex.Message}");
        }
    }
}
