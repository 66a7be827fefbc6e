namespace Vigil.Core.Ingestion;

/// <summary>A file to ingest, with what the file system says about it.</summary>
public sealed record FileCandidate(string Path, long Size, long ModifiedTicks);

/// <summary>
/// Expands the paths given on the command line into files, recursively, in ordinal path order (so runs are
/// reproducible). Hidden files and folders (".git") are skipped inside folders; links to folders are not
/// followed (no cycles). Problems become failures naming the path.
/// </summary>
public static class FileEnumerator
{
    public static (List<FileCandidate> Files, List<IngestFailure> Failures) Expand(IEnumerable<string> paths)
    {
        var files = new List<FileCandidate>();
        var failures = new List<IngestFailure>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in paths)
        {
            var full = System.IO.Path.GetFullPath(raw);
            if (File.Exists(full))
            {
                Add(full, files, failures, seen);
            }
            else if (Directory.Exists(full))
            {
                Walk(full, files, failures, seen);
            }
            else
            {
                failures.Add(new IngestFailure(raw, "no such file or folder"));
            }
        }

        return (files, failures);
    }

    private static void Walk(string root, List<FileCandidate> files, List<IngestFailure> failures, HashSet<string> seen)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(dir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failures.Add(new IngestFailure(dir, $"cannot read folder: {ex.Message}"));
                continue;
            }

            Array.Sort(entries, StringComparer.Ordinal);
            var subdirs = new List<string>();
            foreach (var entry in entries)
            {
                var name = System.IO.Path.GetFileName(entry);
                if (name.StartsWith('.'))
                {
                    continue;
                }

                var info = new FileInfo(entry);
                if ((info.Attributes & FileAttributes.Directory) != 0)
                {
                    if (info.LinkTarget is null)
                    {
                        subdirs.Add(entry);
                    }
                }
                else
                {
                    Add(entry, files, failures, seen);
                }
            }

            for (var i = subdirs.Count - 1; i >= 0; i--)
            {
                pending.Push(subdirs[i]);
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
    }

    private static void Add(string path, List<FileCandidate> files, List<IngestFailure> failures, HashSet<string> seen)
    {
        if (!seen.Add(path))
        {
            return;
        }

        try
        {
            var info = new FileInfo(path);
            files.Add(new FileCandidate(path, info.Length, info.LastWriteTimeUtc.Ticks));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failures.Add(new IngestFailure(path, $"cannot read file information: {ex.Message}"));
        }
    }
}
