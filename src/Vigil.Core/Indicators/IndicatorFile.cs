using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Core.Indicators;

/// <summary>What an import did: indicators added, ones already there unchanged, and problems (each names the entry).</summary>
public sealed record IndicatorImportResult(IReadOnlyList<string> Added, IReadOnlyList<string> Unchanged, IReadOnlyList<string> Errors);

/// <summary>
/// The export file of indicator definitions: <c>{"format":"vigil-indicators","version":1,"indicators":[…]}</c>, each entry
/// a definition (<see cref="IndicatorJson"/>) and, for imported series, its rows under <c>series</c>, so a file carries
/// everything needed to rebuild the indicators in another data directory.
/// </summary>
public static class IndicatorFile
{
    public const string Format = "vigil-indicators";
    public const int Version = 1;

    /// <summary>Every indicator of the store, by id.</summary>
    public static JsonObject Export(IIndicatorStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var list = new JsonArray();
        foreach (var indicator in store.ListIndicators())
        {
            var json = IndicatorJson.ToJson(indicator);
            if (indicator.Source is CsvSource)
            {
                json["series"] = new JsonArray([.. store.ImportedPoints(indicator.Id).Select(p => (JsonNode)new JsonObject
                {
                    ["timestamp"] = p.Timestamp,
                    ["value"] = p.Value,
                })]);
            }

            list.Add(json);
        }

        return new JsonObject { ["format"] = Format, ["version"] = Version, ["indicators"] = list };
    }

    /// <summary>
    /// Adds the file's indicators. An id already defined the same way is left alone (unchanged); defined differently, it
    /// is an error and the stored one is kept. Every entry is checked by <paramref name="validate"/> (null: fine).
    /// </summary>
    public static IndicatorImportResult Import(IIndicatorStore store, string json, string file, Func<IndicatorDefinition, string?> validate)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(validate);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            return new([], [], [$"{file}: not valid JSON ({ex.Message})"]);
        }

        if (root is not JsonObject o || o["format"]?.GetValueKind() != JsonValueKind.String || o["format"]!.GetValue<string>() != Format)
        {
            return new([], [], [$"{file}: not a Vigil indicators file (field format must be \"{Format}\"); make one with 'vigil indicators export'"]);
        }

        if (o["version"] is not JsonValue v || !v.TryGetValue<int>(out var version) || version != Version)
        {
            return new([], [], [$"{file}: field version must be {Version}; this Vigil reads version {Version} files"]);
        }

        if (o["indicators"] is not JsonArray entries)
        {
            return new([], [], [$"{file}: field indicators must be a list"]);
        }

        var added = new List<string>();
        var unchanged = new List<string>();
        var errors = new List<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var where = $"{file} indicators[{i}]";
            var (indicator, error) = IndicatorJson.FromJson(entries[i], where);
            if (indicator is null)
            {
                errors.Add(error!);
                continue;
            }

            if (validate(indicator) is { } problem)
            {
                errors.Add($"{where} (indicator '{indicator.Id}'): {problem}");
                continue;
            }

            IReadOnlyList<ImportedPoint>? points = null;
            if (indicator.Source is CsvSource)
            {
                var rows = new List<(string, double)>();
                if (entries[i]!["series"] is not JsonArray series)
                {
                    errors.Add($"{where} (indicator '{indicator.Id}'): field series must list the imported rows (timestamp, value)");
                    continue;
                }

                var bad = false;
                foreach (var row in series)
                {
                    if (row is JsonObject r && r["timestamp"] is JsonValue ts && ts.TryGetValue<string>(out var stamp)
                        && r["value"] is JsonValue val && val.TryGetValue<double>(out var value))
                    {
                        rows.Add((stamp, value));
                    }
                    else
                    {
                        bad = true;
                    }
                }

                if (bad)
                {
                    errors.Add($"{where} (indicator '{indicator.Id}'): every series row needs a timestamp (text) and a value (number)");
                    continue;
                }

                var (parsed, rowErrors) = ImportedSeries.FromRows(rows, indicator.Period, $"{where} series");
                if (rowErrors.Count > 0)
                {
                    errors.AddRange(rowErrors);
                    continue;
                }

                points = parsed;
            }

            if (store.GetIndicator(indicator.Id) is { } existing)
            {
                if (IndicatorJson.Serialize(existing) == IndicatorJson.Serialize(indicator) && SameRows(store.ImportedPoints(existing.Id), points))
                {
                    unchanged.Add(indicator.Id);
                }
                else
                {
                    errors.Add($"{where}: indicator '{indicator.Id}' is already defined differently; remove it first ('vigil indicators remove {indicator.Id}') to replace it");
                }

                continue;
            }

            if (store.AddIndicator(indicator, points))
            {
                added.Add(indicator.Id);
            }
            else
            {
                errors.Add($"{where}: indicator '{indicator.Id}' was added by someone else meanwhile");
            }
        }

        return new IndicatorImportResult(added, unchanged, errors);
    }

    private static bool SameRows(IReadOnlyList<ImportedPoint> stored, IReadOnlyList<ImportedPoint>? incoming) =>
        incoming is null ? stored.Count == 0
            : stored.Count == incoming.Count && stored.Zip(incoming).All(p => p.First.Period == p.Second.Period && p.First.Value == p.Second.Value);
}
