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
        var selection = DocumentSelection.Select(workspace.Store, docs);
        if (selection.Error is not null)
        {
            context.Usage(selection.Error);
            return null;
        }

        return [.. selection.Documents!];
    }

    /// <summary>Compiles the terms, or says (as a usage error) which one is unusable.</summary>
    public static (Core.Terms.TermSet? Set, string? Error) Compile(IReadOnlyList<string> terms, bool stem) =>
        Core.Terms.TermSet.TryCompile(terms, new Core.Terms.TermOptions { Stem = stem });

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
