using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Core.Documents;
using Vigil.Core.Events;
using Vigil.Core.Events.Extraction;
using Vigil.Core.Events.Import;
using Vigil.Core.Geo;
using Vigil.Core.Storage;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary>
/// <c>/api/events</c>: the event ledger as <c>vigil events</c> has it — list with filters, show with history, record an
/// event, set its status or edit it (recorded in its history under the signed-in user), statistics, counts by target
/// country for the map, import, export and extraction from documents. Shapes are the CLI's <c>--json</c> ones.
/// </summary>
public static class EventsApi
{
    /// <summary>The extensions an events import accepts (CSV files, however the delimiter).</summary>
    public static IReadOnlyList<string> ImportExtensions { get; } = [".csv", ".tsv", ".txt"];

    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/events").WithTags("events").RequireAuthorization(Policies.Read);
        group.MapGet("/", List).WithName("ListEvents")
            .WithSummary("Events matching the filters (vigil events list), by date, a page at a time; filters: type status from to country bloc body text flagged file doc");
        group.MapGet("/types", Types).WithName("ListEventTypes").WithSummary("The event types (built in, with DATA/event-types.txt applied)");
        group.MapGet("/stats", Stats).WithName("EventStats").WithSummary("Event counts grouped by fields (vigil events stats --by F[,F…] --json), with the list filters");
        group.MapGet("/countries", Countries).WithName("EventCountries")
            .WithSummary("Event counts by target country with ISO alpha-2, alpha-3 and numeric codes (for maps), with the list filters");
        group.MapGet("/export", Export).WithName("ExportEvents")
            .WithSummary("The events matching the filters as a file: format csv, jsonl, ftm or ftm-statements (vigil events export)");
        group.MapGet("/{id}", Get).WithName("GetEvent").WithSummary("One event with its history (vigil events show ID --json); id may be a unique prefix of 4+ hex digits");
        group.MapPost("/", Create).WithName("CreateEvent").RequireAuthorization(Policies.Analyst)
            .WithSummary("Record an event from a published source (analyst); validated against the event types and the gazetteer");
        group.MapPost("/{id}/status", SetStatus).WithName("SetEventStatus").RequireAuthorization(Policies.Analyst)
            .WithSummary("Confirm, reject or reopen an event with an optional note (vigil events set-status); recorded under the signed-in user");
        group.MapPatch("/{id}", Edit).WithName("EditEvent").RequireAuthorization(Policies.Analyst)
            .WithSummary("Edit an event's type or date, or add a note (as vigil events review does); recorded as edited under the signed-in user");
        group.MapPost("/import", Import).WithName("ImportEvents").RequireAuthorization(Policies.Analyst)
            .WithSummary("Import a CSV file of events (multipart: file, format opensanctions-cn|csv, map, map_column, delimiter, status, no_watch) as vigil events import --json");
        group.MapPost("/extract", Extract).WithName("ExtractEvents").RequireAuthorization(Policies.Analyst)
            .WithSummary("Propose events from ingested documents and store them as proposed (vigil events extract --json); body {doc, type, min_confidence, dry_run}");
        return group;
    }

    public static Results<Ok<PagedList>, ProblemHttpResult> List(EventLedger ledger, [AsParameters] EventQuery query, int? page, int? pageSize)
    {
        var (paging, problem) = Paging.From(page, pageSize);
        if (problem is not null)
        {
            return problem;
        }

        if (Filter(query, out var filterProblem) is not { } filter)
        {
            return filterProblem!;
        }

        return TypedResults.Ok(paging.Of(ledger.Store.Query(filter), e => EventJson.ToJson(e)));
    }

    public static Results<Ok<JsonArray>, ProblemHttpResult> Types(EventLedger ledger)
    {
        var (types, problems) = ledger.Types();
        if (types is null)
        {
            return TypesProblem(problems);
        }

        return TypedResults.Ok(new JsonArray([.. types.Types.Select(t => (JsonNode)new JsonObject
        {
            ["id"] = t.Id,
            ["parent"] = t.Parent,
            ["label_en"] = t.LabelEn,
            ["label_zh"] = t.LabelZh,
            ["domains"] = new JsonArray([.. t.Domains.Select(d => (JsonNode?)JsonValue.Create(d))]),
            ["ftm_schema"] = t.FtmSchema,
        })]));
    }

    public static Results<Ok<JsonArray>, ProblemHttpResult> Stats(EventLedger ledger, [AsParameters] EventQuery query, string? by, string? blocs)
    {
        var fields = (by ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(f => f.ToLowerInvariant()).ToList();
        if (fields.Count == 0 || fields.Any(f => !EventStatistics.Fields.Contains(f, StringComparer.Ordinal)))
        {
            return Problems.Field("by", $"by takes fields from: {string.Join(", ", EventStatistics.Fields)} (got '{by}').");
        }

        if (fields.Distinct(StringComparer.Ordinal).Count() != fields.Count)
        {
            return Problems.Field("by", "by names a field twice.");
        }

        var (blocIds, unknown) = EventStatistics.ResolveBlocs((blocs ?? "EU").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), EventLedger.Gazetteer);
        if (unknown.Count > 0)
        {
            return Problems.Field("blocs", $"unknown bloc(s) {string.Join(", ", unknown)}; blocs: {string.Join(", ", EventLedger.Gazetteer.Blocs.Select(b => b.Id))}.");
        }

        if (Filter(query, out var problem) is not { } filter)
        {
            return problem!;
        }

        var rows = EventStatistics.Count(ledger.Store.Query(filter), fields, blocIds, EventLedger.Gazetteer);
        return TypedResults.Ok(EventLedgerJson.StatsRows(rows, fields));
    }

    public static Results<Ok<JsonObject>, ProblemHttpResult> Countries(EventLedger ledger, [AsParameters] EventQuery query)
    {
        if (Filter(query, out var problem) is not { } filter)
        {
            return problem!;
        }

        var events = 0;
        var rows = EventStatistics.Count(ledger.Store.Query(filter).Select(e =>
        {
            events++;
            return e;
        }), ["target-country"], [], EventLedger.Gazetteer);
        var unknown = rows.FirstOrDefault(r => r.Keys[0] == EventStatistics.Unknown)?.Count ?? 0;
        var countries = new JsonArray();
        foreach (var row in rows.Where(r => r.Keys[0] != EventStatistics.Unknown))
        {
            var o = System.Text.Json.JsonSerializer.SerializeToNode(GazetteerJson.MapCountry(EventLedger.Gazetteer, row.Keys[0]))!.AsObject();
            o["count"] = row.Count;
            countries.Add(o);
        }

        return TypedResults.Ok(new JsonObject { ["events"] = events, ["unknown"] = unknown, ["countries"] = countries });
    }

    public static Results<FileStreamHttpResult, ProblemHttpResult> Export(EventLedger ledger, [AsParameters] EventQuery query, string? format, string? dataset)
    {
        var name = format?.Trim().ToLowerInvariant();
        if (name is null || !EventExporter.Formats.Contains(name, StringComparer.Ordinal))
        {
            return Problems.Field("format", $"format must be one of {string.Join(", ", EventExporter.Formats)} (got '{format}').");
        }

        var datasetName = string.IsNullOrWhiteSpace(dataset) ? "vigil" : dataset.Trim();
        if (!datasetName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            return Problems.Field("dataset", $"dataset '{datasetName}' must be lower-case letters, digits and '_' (an FtM dataset name).");
        }

        if (Filter(query, out var problem) is not { } filter)
        {
            return problem!;
        }

        var (types, problems) = ledger.Types();
        if (types is null)
        {
            return TypesProblem(problems);
        }

        // Written to a temporary file that is deleted when the response closes: a large ledger is never held in memory,
        // and the writers (synchronous TextWriters) never write to the response stream directly.
        var temp = new FileStream(Path.Combine(Path.GetTempPath(), "vigil-export-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        using (var writer = new StreamWriter(temp, new UTF8Encoding(false), 64 * 1024, leaveOpen: true))
        {
            var events = ledger.Store.Query(filter);
            _ = name switch
            {
                "csv" => EventExporter.WriteCsv(events, writer, types),
                "jsonl" => EventExporter.WriteJsonLines(events, writer),
                "ftm" => EventExporter.WriteFtm(events, writer, types, datasetName),
                _ => EventExporter.WriteFtmStatements(events, writer, types, datasetName),
            };
        }

        temp.Position = 0;
        var (contentType, file) = name switch
        {
            "csv" => ("text/csv; charset=utf-8", "vigil-events.csv"),
            "jsonl" => ("application/x-ndjson; charset=utf-8", "vigil-events.jsonl"),
            "ftm" => ("application/x-ndjson; charset=utf-8", "vigil-events.ftm.jsonl"),
            _ => ("text/csv; charset=utf-8", "vigil-events.ftm-statements.csv"),
        };
        return TypedResults.File(temp, contentType, file);
    }

    public static Results<Ok<JsonObject>, ProblemHttpResult> Get(EventLedger ledger, string id) =>
        Find(ledger, id) is { } e ? TypedResults.Ok(EventLedgerJson.WithHistory(e, ledger.Store.History(e.Id))) : NotFound(id);

    public static Results<Created<JsonObject>, ProblemHttpResult> Create(HttpContext context, EventLedger ledger, EventDraftRequest body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        var (types, problems) = ledger.Types();
        if (types is null)
        {
            return TypesProblem(problems);
        }

        if (AnalystEvents.Create(body.ToDraft(), types, EventLedger.Gazetteer, out var problem) is not { } e)
        {
            return Problems.Field(problem!.Field, problem.Message);
        }

        if (ledger.Store.Get(e.Id) is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The event is already in the ledger",
                detail: $"event {e.Id} has the same type, targets (or summary), body and source_url; open it with GET /api/events/{e.Id}.",
                extensions: new Dictionary<string, object?> { ["id"] = e.Id });
        }

        ledger.Store.Upsert([e], Change(context, ledger, "recorded in the web workbench"));
        var stored = ledger.Store.Get(e.Id)!;
        return TypedResults.Created($"/api/events/{e.Id}", EventLedgerJson.WithHistory(stored, ledger.Store.History(e.Id)));
    }

    public static Results<Ok<JsonObject>, ProblemHttpResult> SetStatus(HttpContext context, EventLedger ledger, string id, StatusRequest body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        if (!EventStatuses.TryParse(body.Status, out var status))
        {
            return Problems.Field("status", $"status must be one of {string.Join(", ", EventStatuses.Names)} (got '{body.Status}').");
        }

        if (body.Note is { Length: > AnalystEvents.MaxFieldLength })
        {
            return Problems.Field("note", $"note is longer than {AnalystEvents.MaxFieldLength} characters.");
        }

        if (Find(ledger, id) is not { } e)
        {
            return NotFound(id);
        }

        var before = ledger.Store.History(e.Id).Count;
        var note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim();
        var updated = ledger.Store.SetStatus(e.Id, status, note, Change(context, ledger, "set-status"))!;
        var result = EventLedgerJson.StatusChange(e, updated, ledger.Store.History(e.Id).Count > before);
        result["event"] = EventLedgerJson.WithHistory(updated, ledger.Store.History(e.Id));
        return TypedResults.Ok(result);
    }

    public static Results<Ok<JsonObject>, ProblemHttpResult> Edit(HttpContext context, EventLedger ledger, string id, EditRequest body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        var (types, problems) = ledger.Types();
        if (types is null)
        {
            return TypesProblem(problems);
        }

        var type = string.IsNullOrWhiteSpace(body.Type) ? null : body.Type.Trim().ToLowerInvariant();
        if (type is not null && types.Find(type) is null)
        {
            return Problems.Field("type", $"type '{type}' is not an event type (GET /api/events/types lists them).");
        }

        EventDate? date = null;
        if (body.Date is not null)
        {
            if (!EventDate.TryParse(body.Date, out var parsed))
            {
                return Problems.Field("date", $"date '{body.Date}' is not a date; use YYYY, YYYY-MM, YYYY-MM-DD or unknown.");
            }

            date = parsed;
        }

        if (body.Note is { Length: > AnalystEvents.MaxFieldLength })
        {
            return Problems.Field("note", $"note is longer than {AnalystEvents.MaxFieldLength} characters.");
        }

        if (type is null && date is null && string.IsNullOrWhiteSpace(body.Note))
        {
            return Problems.Field("note", "nothing to change: give type, date or note.");
        }

        if (Find(ledger, id) is not { } e)
        {
            return NotFound(id);
        }

        var updated = ledger.Store.Edit(e.Id, current => AnalystEvents.Edit(current, types, type, date, body.Note), Change(context, ledger, "review"))!;
        return TypedResults.Ok(EventLedgerJson.WithHistory(updated, ledger.Store.History(e.Id)));
    }

    public static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Import(HttpContext context, EventLedger ledger, WebWorkspace workspace, WarningWorkspace warnings, VigilWebOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var (files, form, uploadProblem) = await Uploads.ReadFilesAsync(context, options.MaxUploadBytes, 1, cancellationToken).ConfigureAwait(false);
        if (uploadProblem is not null)
        {
            return uploadProblem;
        }

        var file = files![0];
        if (file.SafeName is null || !ImportExtensions.Contains(Path.GetExtension(file.SafeName), StringComparer.OrdinalIgnoreCase))
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "This type of file is not accepted",
                $"'{file.ClientName}': an events import reads CSV files ({string.Join(", ", ImportExtensions)}).");
        }

        var format = DocumentsApi.Blank(form!["format"].ToString());
        if (format is not ("opensanctions-cn" or "csv"))
        {
            return Problems.Field("format", $"format must be opensanctions-cn or csv (got '{format}').");
        }

        var delimiter = (DocumentsApi.Blank(form["delimiter"].ToString()) ?? ",") switch
        {
            "," => ',',
            ";" => ';',
            "|" => '|',
            "tab" or "\\t" or "\t" => '\t',
            _ => '\0',
        };
        if (delimiter == '\0')
        {
            return Problems.Field("delimiter", $"delimiter '{form["delimiter"]}' is not one of ',' ';' '|' tab.");
        }

        var status = EventStatus.Confirmed;
        if (DocumentsApi.Blank(form["status"].ToString()) is { } statusText && !EventStatuses.TryParse(statusText, out status))
        {
            return Problems.Field("status", $"status must be one of {string.Join(", ", EventStatuses.Names)} (got '{statusText}').");
        }

        var mapText = form["map"].ToString();
        var mapColumns = form["map_column"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
        IEventRowFormat rowFormat;
        if (format == "csv")
        {
            var columnMap = new ColumnMap();
            if (!string.IsNullOrWhiteSpace(mapText))
            {
                var mapProblems = columnMap.AddText(mapText, "map");
                if (mapProblems.Count > 0)
                {
                    return Problems.Field("map", string.Join(" ", mapProblems.Select(p => p.ToString())) + " (docs/events.md describes the format).");
                }
            }

            foreach (var entry in mapColumns)
            {
                if (columnMap.Add(entry) is { } mapProblem)
                {
                    return Problems.Field("map_column", $"map_column {entry}: {mapProblem}");
                }
            }

            rowFormat = new GenericCsvFormat(columnMap);
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(mapText) || mapColumns.Count > 0)
            {
                return Problems.Field("map", "map and map_column are for format csv; opensanctions-cn has a fixed layout.");
            }

            rowFormat = new OpenSanctionsCnFormat();
        }

        var noWatch = form["no_watch"].ToString() is "1" or "true" or "on";
        var (types, problems) = ledger.Types();
        if (types is null)
        {
            return TypesProblem(problems);
        }

        if (file.Bytes.Length == 0)
        {
            return Problems.Field("file", $"'{file.ClientName}' is empty: there is no header row, so there is nothing to import.");
        }

        // Kept as DATA/uploads/events/<first 16 hex digits of its SHA-256>/<plain name>: the provenance names the file, and
        // the path is made by Vigil, never taken from the request.
        var folder = Path.GetFullPath(Path.Combine(workspace.DataDirectory, IngestApi.UploadFolder, "events", Convert.ToHexStringLower(SHA256.HashData(file.Bytes))[..16]));
        var path = Path.GetFullPath(Path.Combine(folder, file.SafeName));
        if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return Problems.Field("file", "the file name is not a plain name.");
        }

        Directory.CreateDirectory(folder);
        if (!File.Exists(path))
        {
            await File.WriteAllBytesAsync(path, file.Bytes, cancellationToken).ConfigureAwait(false);
        }

        EventImportReport report;
        await ledger.ImportLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var importer = new EventImporter(ledger.Store, types, EventLedger.Gazetteer);
            report = importer.Import(path, rowFormat, new EventImportOptions { Delimiter = delimiter, Status = status }, new(Actor(context), ledger.Time), null, cancellationToken);
        }
        finally
        {
            ledger.ImportLock.Release();
        }

        var body = EventLedgerJson.ImportReport(report, file.SafeName);
        JsonObject? watch = null;
        if (!noWatch && !report.FileRejected && report.Imported + report.Updated > 0)
        {
            // Changed events can move event-count indicators: the same watch as 'vigil events import' runs (nothing when none are defined).
            var (watchReport, error) = await EventLedger.WatchAfterAsync(warnings, cancellationToken).ConfigureAwait(false);
            watch = new JsonObject
            {
                ["ran"] = watchReport is not null,
                ["new"] = watchReport?.New.Count ?? 0,
                ["ongoing"] = watchReport?.Ongoing.Count ?? 0,
                ["suppressed"] = watchReport?.Suppressed.Count ?? 0,
                ["failed"] = watchReport?.HasFailures ?? false,
                ["error"] = error,
            };
        }

        body["watch"] = watch;
        return report.FileRejected
            ? TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The file cannot be imported", detail: report.Error,
                extensions: new Dictionary<string, object?> { ["field"] = "file", ["report"] = body })
            : TypedResults.Ok(body);
    }

    public static async Task<Results<Ok<object>, ProblemHttpResult>> Extract(HttpContext context, EventLedger ledger, WebWorkspace workspace, ExtractRequest body,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(body);
        var min = body.MinConfidence ?? 0;
        if (double.IsNaN(min) || min is < 0 or > 1)
        {
            return Problems.Field("min_confidence", "min_confidence takes a number from 0 to 1.");
        }

        var prefix = string.IsNullOrWhiteSpace(body.Type) ? null : body.Type.Trim();
        if (ProposalRun.CheckTypePrefix(prefix) is { } badPrefix)
        {
            return Problems.Field("type", badPrefix);
        }

        IReadOnlyList<DocumentInfo> docs;
        if (!string.IsNullOrWhiteSpace(body.Doc))
        {
            if (DocumentsApi.Find(workspace, body.Doc.Trim()) is not { } info)
            {
                return Problems.NotFound($"no document matches '{body.Doc}'; GET /api/documents lists ids.");
            }

            docs = [info];
        }
        else
        {
            docs = [.. workspace.Store.List(new DocumentFilter())];
        }

        var (types, problems) = ledger.Types();
        if (types is null)
        {
            return TypesProblem(problems);
        }

        // Extraction reads every document's text: off the request thread, like an ingest.
        var run = await Task.Run(() => ProposalRun.Propose(workspace.Store, docs, EventExtractor.Default, prefix, min, types, cancellationToken), cancellationToken).ConfigureAwait(false);
        var events = run.Proposals.Select(p => p.Event).ToList();
        var stored = body.DryRun == true || events.Count == 0 ? null : ProposalLedger.Store(ledger.Store, events, Change(context, ledger, "extract"));
        return TypedResults.Ok(ProposalRun.Json(run.Proposals, stored));
    }

    /// <summary>The filter of the query values, or null and a problem naming the field.</summary>
    private static EventFilter? Filter(EventQuery query, out ProblemHttpResult? problem)
    {
        var filter = query.ToText().TryParse(EventLedger.Gazetteer, "", out var p);
        problem = p is null ? null : Problems.Field(p.Field, p.Message);
        return filter;
    }

    private static LedgerEvent? Find(EventLedger ledger, string id) =>
        id.Length is >= 4 and <= 16 && id.All(char.IsAsciiHexDigit) ? ledger.Store.Resolve(id) : null;

    private static string Actor(HttpContext context) => context.User.Identity?.Name ?? "web";

    private static ChangeContext Change(HttpContext context, EventLedger ledger, string reason) => new(Actor(context), ledger.Time) { Reason = reason };

    private static ProblemHttpResult NotFound(string id) =>
        Problems.NotFound($"no event matches '{id}'; GET /api/events lists ids (a prefix needs 4 or more hex digits and must be unique).");

    private static ProblemHttpResult TypesProblem(IReadOnlyList<string> problems) =>
        Problems.Status(StatusCodes.Status500InternalServerError, "The event types file is invalid",
            string.Join(" ", problems) + $" Fix DATA/{EventTypeCatalog.DataDirectoryFile} (docs/events.md describes the format).");
}

/// <summary>The list filters as query parameters (the CLI's --type --status --from --to --country --bloc --body --text --flagged --file --doc).</summary>
public sealed record EventQuery(string? Type, string? Status, string? From, string? To, string? Country, string? Bloc, string? Body, string? Text, bool? Flagged,
    string? File, string? Doc)
{
    public EventFilterText ToText() => new()
    {
        Type = Type, Status = Status, From = From, To = To, Country = Country, Bloc = Bloc, Body = Body, Text = Text,
        Flagged = Flagged ?? false, File = File, Document = Doc,
    };
}

/// <summary>A target in <see cref="EventDraftRequest"/>.</summary>
public sealed record TargetRequest(
    [property: JsonPropertyName("name_en")] string? NameEn,
    [property: JsonPropertyName("name_zh")] string? NameZh,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("country")] string? Country,
    [property: JsonPropertyName("position")] string? Position);

/// <summary>The body of <c>POST /api/events</c>: the event's fields with the names of the event JSON.</summary>
public sealed record EventDraftRequest(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("end_date")] string? EndDate,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("targets")] IReadOnlyList<TargetRequest>? Targets,
    [property: JsonPropertyName("countries")] IReadOnlyList<string>? Countries,
    [property: JsonPropertyName("summary")] string? Summary,
    [property: JsonPropertyName("summary_zh")] string? SummaryZh,
    [property: JsonPropertyName("source_url")] string? SourceUrl,
    [property: JsonPropertyName("notes")] string? Notes,
    [property: JsonPropertyName("status")] string? Status)
{
    public EventDraft ToDraft() => new()
    {
        Type = Type, Date = Date, EndDate = EndDate, Body = Body, Countries = Countries, Summary = Summary, SummaryZh = SummaryZh,
        SourceUrl = SourceUrl, Notes = Notes, Status = Status,
        Targets = Targets?.Select(t => new TargetDraft { NameEn = t.NameEn, NameZh = t.NameZh, Kind = t.Kind, Country = t.Country, Position = t.Position }).ToList(),
    };
}

/// <summary>The body of <c>POST /api/events/{id}/status</c>.</summary>
public sealed record StatusRequest([property: JsonPropertyName("status")] string? Status, [property: JsonPropertyName("note")] string? Note);

/// <summary>The body of <c>PATCH /api/events/{id}</c>: any of type, date (or "unknown") and a note to add.</summary>
public sealed record EditRequest([property: JsonPropertyName("type")] string? Type, [property: JsonPropertyName("date")] string? Date, [property: JsonPropertyName("note")] string? Note);

/// <summary>The body of <c>POST /api/events/extract</c>.</summary>
public sealed record ExtractRequest(
    [property: JsonPropertyName("doc")] string? Doc,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("min_confidence")] double? MinConfidence,
    [property: JsonPropertyName("dry_run")] bool? DryRun);
