using System.Text.Json.Nodes;
using Vigil.Core.Events.Import;

namespace Vigil.Core.Events;

/// <summary>
/// The JSON of the ledger's results other than the event itself (<see cref="EventJson"/>): history, import reports,
/// statistics rows and status changes. The CLI's <c>--json</c> and the web API write exactly these, so a script works
/// against either (docs/events.md).
/// </summary>
public static class EventLedgerJson
{
    /// <summary>An event with its history (<c>vigil events show ID --json</c>).</summary>
    public static JsonObject WithHistory(LedgerEvent e, IReadOnlyList<EventHistoryEntry> history)
    {
        var o = EventJson.ToJson(e);
        o["history"] = History(history);
        return o;
    }

    /// <summary>The history, oldest first: <c>[{seq, at, by, action, before, after, note}]</c>.</summary>
    public static JsonArray History(IReadOnlyList<EventHistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var array = new JsonArray();
        foreach (var h in history)
        {
            array.Add(new JsonObject
            {
                ["seq"] = h.Seq,
                ["at"] = h.At,
                ["by"] = h.By,
                ["action"] = h.Action,
                ["before"] = h.Before is null ? null : JsonNode.Parse(h.Before),
                ["after"] = JsonNode.Parse(h.After),
                ["note"] = h.Note,
            });
        }

        return array;
    }

    /// <summary>
    /// An import's report (<c>vigil events import --json</c>):
    /// <c>{file, format, rows, imported, updated, unchanged, merged, absent, flagged: [{row, issue}], rejected: [{row, error}], error}</c>.
    /// </summary>
    /// <param name="file">The file name to report (default: the report's file as given).</param>
    public static JsonObject ImportReport(EventImportReport report, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["file"] = file ?? report.File,
            ["format"] = report.Format,
            ["rows"] = report.Rows,
            ["imported"] = report.Imported,
            ["updated"] = report.Updated,
            ["unchanged"] = report.Unchanged,
            ["merged"] = report.Merged,
            ["absent"] = report.Absent,
            ["flagged"] = new JsonArray([.. report.Flagged.Select(f => (JsonNode)new JsonObject { ["row"] = f.Row, ["issue"] = f.Message })]),
            ["rejected"] = new JsonArray([.. report.Rejected.Select(r => (JsonNode)new JsonObject { ["row"] = r.Row, ["error"] = r.Message })]),
            ["error"] = report.Error,
        };
    }

    /// <summary>Statistics rows (<c>vigil events stats --json</c>): the group-by fields in order, then <c>count</c>.</summary>
    public static JsonArray StatsRows(IReadOnlyList<EventCountRow> rows, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(fields);
        var array = new JsonArray();
        foreach (var row in rows)
        {
            var o = new JsonObject();
            for (var i = 0; i < fields.Count; i++)
            {
                o[fields[i]] = row.Keys[i];
            }

            o["count"] = row.Count;
            array.Add(o);
        }

        return array;
    }

    /// <summary>A status change (<c>vigil events set-status --json</c>): <c>{id, status, previous, changed}</c>.</summary>
    public static JsonObject StatusChange(LedgerEvent before, LedgerEvent after, bool changed)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new JsonObject
        {
            ["id"] = before.Id,
            ["status"] = EventStatuses.Name(after.Status),
            ["previous"] = EventStatuses.Name(before.Status),
            ["changed"] = changed,
        };
    }

    /// <summary>The lower-case name of an upsert outcome: created, updated or unchanged.</summary>
    public static string Outcome(UpsertOutcome outcome) => outcome switch
    {
        UpsertOutcome.Created => "created",
        UpsertOutcome.Updated => "updated",
        _ => "unchanged",
    };
}
