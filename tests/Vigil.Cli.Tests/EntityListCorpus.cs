namespace Vigil.Cli.Tests;

/// <summary>
/// The real entity lists in ../shared/corpus/sanctions-opensanctions (beside the repository). A user's clone
/// has none, so tests that need them skip with a message saying so (same rule as the Core tests' SharedCorpus).
/// </summary>
internal static class EntityListCorpus
{
    public static string Require(string fileName)
    {
        var root = Environment.GetEnvironmentVariable("VIGIL_SHARED_CORPUS") is { Length: > 0 } fromEnv && Directory.Exists(fromEnv) ? fromEnv : Find();
        if (root is null)
        {
            Assert.Skip("../shared/corpus is not beside this clone (a user's clone has none); this test runs where it is.");
        }

        var path = Path.Combine(root!, "sanctions-opensanctions", fileName);
        if (!File.Exists(path))
        {
            Assert.Skip($"sanctions-opensanctions/{fileName} is not in ../shared/corpus here.");
        }

        return path;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
