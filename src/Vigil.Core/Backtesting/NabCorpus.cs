using System.Text.Json;
using Vigil.Core.Detection;

namespace Vigil.Core.Backtesting;

/// <summary>A benchmark corpus: its series with their windows, and what could not be read.</summary>
public sealed record BacktestCorpus(string Directory, IReadOnlyList<BacktestSeries> Series, IReadOnlyList<string> Problems);

/// <summary>
/// Loads a corpus laid out like the Numenta Anomaly Benchmark: <c>DIR/labels/combined_windows.json</c> maps each data
/// file (relative to <c>DIR/data/</c>) to its windows; the series are read with <see cref="TimeSeriesCsv"/>. Series
/// are in the ordinal order of their names, so every run visits them in the same order. A missing or unreadable file,
/// or a bad row, is a problem reported by name; the rest of the corpus is loaded.
/// </summary>
public static class NabCorpus
{
    public const string LabelsPath = "labels/combined_windows.json";

    /// <summary>Loads the corpus; null with <paramref name="error"/> when the directory or labels file is unusable.</summary>
    public static BacktestCorpus? Load(string directory, out string? error)
    {
        error = null;
        var labelsFile = Path.Combine(directory, LabelsPath);
        if (!Directory.Exists(directory))
        {
            error = $"{directory}: no such directory";
            return null;
        }

        if (!File.Exists(labelsFile))
        {
            error = $"{directory}: no {LabelsPath}; a NAB-style corpus has data/ and labels/combined_windows.json";
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(labelsFile), new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            error = $"{labelsFile}: not valid JSON ({ex.Message})";
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"{labelsFile}: expected an object mapping data files to windows";
                return null;
            }

            var series = new List<BacktestSeries>();
            var problems = new List<string>();
            foreach (var entry in document.RootElement.EnumerateObject().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var relative = entry.Name.Replace('\\', '/');
                if (relative.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
                {
                    problems.Add($"{labelsFile}: key '{entry.Name}' is not a path inside data/; skipped");
                    continue;
                }

                var path = Path.Combine(directory, "data", relative);
                if (!File.Exists(path))
                {
                    problems.Add($"{relative}: listed in {LabelsPath} but data/{relative} does not exist; skipped");
                    continue;
                }

                SeriesFile file;
                try
                {
                    // NAB's files are replayed in file order, as published (one has timestamps that step back an hour).
                    file = TimeSeriesCsv.Read(path, keepFileOrder: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    problems.Add($"{relative}: cannot read: {ex.Message}; skipped");
                    continue;
                }

                foreach (var problem in file.Problems)
                {
                    problems.Add($"{relative}: row {problem.Row}: {problem.Message}; row skipped");
                }

                var windows = LabelsFile.Parse(entry.Value.GetRawText(), $"{LabelsPath} [{relative}]", relative, file.Points, out var labelError);
                if (windows is null)
                {
                    problems.Add(labelError!);
                    continue;
                }

                if (file.Points.Count == 0)
                {
                    problems.Add($"{relative}: no data rows; skipped");
                    continue;
                }

                series.Add(new BacktestSeries(relative, file.Points, windows));
            }

            return new BacktestCorpus(directory, series, problems);
        }
    }
}
