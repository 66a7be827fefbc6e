namespace Vigil.Cli.Tests;

/// <summary>Folders of the repository the tests read.</summary>
internal static class TestPaths
{
    /// <summary>samples/corpus: the illustrative corpus of the README demo (part of the repository).</summary>
    public static string SampleCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("samples/corpus is part of the repository and should be found above the test binaries.");
    }
}
