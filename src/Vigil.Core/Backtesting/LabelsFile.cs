using System.Text.Json;
using Vigil.Core.Detection;

namespace Vigil.Core.Backtesting;

/// <summary>
/// Reads labelled anomalies from JSON, in any of these shapes:
/// <list type="bullet">
/// <item>NAB's <c>combined_windows.json</c>: <c>{"folder/file.csv": [["start", "end"], …], …}</c> — the entry for the
/// series is found by its path (the key the series path ends with; or the only key);</item>
/// <item>a list of windows: <c>[["start", "end"], …]</c> or <c>[{"start": …, "end": …, "label": …}, …]</c>;</item>
/// <item>labelled points, as in NAB's <c>combined_labels.json</c>: <c>["timestamp", …]</c> or
/// <c>{"file.csv": ["timestamp", …]}</c> — each point becomes a window centred on it, the windows together
/// covering 10% of the series (NAB's rule): ⌊0.1·n / labels⌋ points each.</item>
/// </list>
/// </summary>
public static class LabelsFile
{
    /// <summary>NAB's share of a series covered by windows when they are built from labelled points.</summary>
    public const double WindowShare = 0.10;

    /// <summary>Reads the windows for <paramref name="seriesPath"/>; returns null and an error message on failure.</summary>
    public static IReadOnlyList<LabeledWindow>? Read(string labelsPath, string seriesPath, IReadOnlyList<SeriesPoint> points, out string? error)
    {
        string text;
        try
        {
            text = File.ReadAllText(labelsPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"{labelsPath}: cannot read the labels: {ex.Message}";
            return null;
        }

        return Parse(text, labelsPath, seriesPath, points, out error);
    }

    /// <summary>As <see cref="Read"/>, from JSON text (<paramref name="source"/> names it in messages).</summary>
    public static IReadOnlyList<LabeledWindow>? Parse(string json, string source, string seriesPath, IReadOnlyList<SeriesPoint> points, out string? error)
    {
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            error = $"{source}: not valid JSON ({ex.Message})";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var entry = FindEntry(root, seriesPath, source, out error);
                if (entry is null)
                {
                    return null;
                }

                root = entry.Value;
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                error = $"{source}: expected a list of windows [[\"start\", \"end\"], …] or of labelled timestamps";
                return null;
            }

            return ParseList(root, source, points, out error);
        }
    }

    /// <summary>Windows around labelled points by NAB's rule (see the type remarks).</summary>
    public static IReadOnlyList<LabeledWindow> WindowsAround(IReadOnlyList<DateTimeOffset> labels, IReadOnlyList<SeriesPoint> points)
    {
        if (labels.Count == 0 || points.Count == 0)
        {
            return [];
        }

        var width = Math.Max(1, (int)Math.Floor(WindowShare * points.Count / labels.Count));
        var windows = new List<LabeledWindow>();
        foreach (var label in labels.Order())
        {
            var index = 0;
            while (index < points.Count - 1 && points[index].Timestamp < label)
            {
                index++;
            }

            var first = Math.Max(0, index - (width / 2));
            var last = Math.Min(points.Count - 1, first + width - 1);
            windows.Add(new LabeledWindow(points[first].Timestamp, points[last].Timestamp) { Label = label });
        }

        return windows;
    }

    private static JsonElement? FindEntry(JsonElement root, string seriesPath, string source, out string? error)
    {
        error = null;
        var normalized = seriesPath.Replace('\\', '/');
        var keys = root.EnumerateObject().ToList();
        if (keys.Count == 1)
        {
            return keys[0].Value;
        }

        var matches = keys.Where(k => normalized.EndsWith("/" + k.Name.Replace('\\', '/').TrimStart('/'), StringComparison.Ordinal)
            || normalized == k.Name.Replace('\\', '/')).ToList();
        if (matches.Count == 0)
        {
            var name = Path.GetFileName(normalized);
            matches = keys.Where(k => Path.GetFileName(k.Name.Replace('\\', '/')) == name).ToList();
        }

        if (matches.Count == 1)
        {
            return matches[0].Value;
        }

        error = matches.Count == 0
            ? $"{source}: no entry for '{seriesPath}' among its {keys.Count} keys; the key must be the file's path (or end of it), as in NAB's combined_windows.json"
            : $"{source}: {matches.Count} entries match '{seriesPath}' ({string.Join(", ", matches.Select(m => m.Name))}); give a labels file with one entry";
        return null;
    }

    private static IReadOnlyList<LabeledWindow>? ParseList(JsonElement list, string source, IReadOnlyList<SeriesPoint> points, out string? error)
    {
        error = null;
        var windows = new List<LabeledWindow>();
        var labels = new List<DateTimeOffset>();
        var position = 0;
        foreach (var item in list.EnumerateArray())
        {
            position++;
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    if (!TryTime(item, out var label))
                    {
                        error = $"{source}: label {position} '{item.GetString()}' is not an ISO 8601 timestamp";
                        return null;
                    }

                    labels.Add(label);
                    break;
                case JsonValueKind.Array when item.GetArrayLength() == 2:
                    if (!TryTime(item[0], out var start) || !TryTime(item[1], out var end))
                    {
                        error = $"{source}: window {position} is not a pair of ISO 8601 timestamps";
                        return null;
                    }

                    if (end < start)
                    {
                        error = $"{source}: window {position} ends before it starts";
                        return null;
                    }

                    windows.Add(new LabeledWindow(start, end));
                    break;
                case JsonValueKind.Object:
                    if (!item.TryGetProperty("start", out var s) || !item.TryGetProperty("end", out var e) || !TryTime(s, out var os) || !TryTime(e, out var oe))
                    {
                        error = $"{source}: window {position} needs \"start\" and \"end\" ISO 8601 timestamps";
                        return null;
                    }

                    if (oe < os)
                    {
                        error = $"{source}: window {position} ends before it starts";
                        return null;
                    }

                    DateTimeOffset? point = null;
                    if (item.TryGetProperty("label", out var l))
                    {
                        if (!TryTime(l, out var ol))
                        {
                            error = $"{source}: window {position} has a \"label\" that is not an ISO 8601 timestamp";
                            return null;
                        }

                        point = ol;
                    }

                    windows.Add(new LabeledWindow(os, oe) { Label = point });
                    break;
                default:
                    error = $"{source}: item {position} is neither a [\"start\", \"end\"] window, a {{\"start\", \"end\"}} object nor a timestamp";
                    return null;
            }
        }

        if (labels.Count > 0 && windows.Count > 0)
        {
            error = $"{source}: mixes windows and single timestamps; give one kind";
            return null;
        }

        return labels.Count > 0 ? WindowsAround(labels, points) : windows;
    }

    private static bool TryTime(JsonElement element, out DateTimeOffset time)
    {
        time = default;
        return element.ValueKind == JsonValueKind.String && TimeSeriesCsv.TryParseTimestamp(element.GetString()!, out time);
    }
}
