namespace Vigil.Cli.Tests;

/// <summary>
/// The real documents in ../shared/corpus (beside the repository). A user's clone has none, so tests that
/// need them skip with a message saying so.
/// </summary>
internal static class SharedCorpus
{
    public static string? Root { get; } = Find();

    public static string Require(string relative)
    {
        if (Root is null)
        {
            Assert.Skip("../shared/corpus is not beside this clone (a user's clone has none); this test runs where it is.");
        }

        var path = Path.Combine(Root!, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Assert.Skip($"{relative} is not in ../shared/corpus here.");
        }

        return path;
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("VIGIL_SHARED_CORPUS") is { Length: > 0 } fromEnv && Directory.Exists(fromEnv))
        {
            return fromEnv;
        }

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
