namespace Vigil.Core.Domains;

/// <summary>
/// The taxonomy a command or request works with: the built-in one, with the data directory's
/// <c>taxonomy.vtax</c> and any further files applied in order, restricted to one version. Shared by the CLI
/// and the web API so both classify with exactly the same lexicon.
/// </summary>
public static class TaxonomySelection
{
    /// <summary>A user's taxonomy file in the data directory, applied automatically when present.</summary>
    public const string DataDirectoryFile = "taxonomy.vtax";

    /// <summary>
    /// Loads the taxonomy. On failure <see cref="TaxonomyLoad.Taxonomy"/> is null and <see cref="TaxonomyLoad.Errors"/>
    /// holds one line per problem (a missing file, an invalid line, an unknown version), each saying what to do.
    /// </summary>
    public static TaxonomyLoad Load(string dataDirectory, IEnumerable<string>? files, string? version)
    {
        var all = new List<string>();
        var inData = Path.Combine(dataDirectory, DataDirectoryFile);
        if (File.Exists(inData))
        {
            all.Add(inData);
        }

        foreach (var file in files ?? [])
        {
            if (!File.Exists(file))
            {
                return TaxonomyLoad.Fail($"taxonomy file {file} not found.");
            }

            all.Add(file);
        }

        Taxonomy taxonomy;
        try
        {
            taxonomy = TaxonomyLoader.Load(all);
        }
        catch (TaxonomyException ex)
        {
            return new TaxonomyLoad(null, [.. ex.Errors, "fix the taxonomy file (docs/taxonomy.md describes the format)."]);
        }

        version ??= taxonomy.Latest;
        if (version is null)
        {
            return TaxonomyLoad.Fail("the taxonomy has no versions.");
        }

        if (taxonomy.ForVersion(version) is not { } view)
        {
            return TaxonomyLoad.Fail($"unknown taxonomy version '{version}'; known: {string.Join(", ", taxonomy.Versions)}.");
        }

        return new TaxonomyLoad(view, []);
    }
}

/// <summary>A loaded taxonomy view, or the reasons it could not be loaded.</summary>
public sealed record TaxonomyLoad(Taxonomy? Taxonomy, IReadOnlyList<string> Errors)
{
    internal static TaxonomyLoad Fail(string error) => new(null, [error]);
}
