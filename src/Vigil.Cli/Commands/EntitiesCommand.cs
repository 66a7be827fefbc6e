using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Entities;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil entities import|lists|match|mentions</c>: sanctions and entity lists (the PRC counter-sanctions
/// list, the US 1260H list) imported into the data directory, names matched against them, and their
/// mentions in ingested documents.
/// </summary>
internal static class EntitiesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("entities", "Entity lists (PRC sanctions, US 1260H): import, list, match names, find mentions in documents");
        command.Subcommands.Add(Import(context));
        command.Subcommands.Add(Lists(context));
        command.Subcommands.Add(Match(context));
        command.Subcommands.Add(Mentions(context));
        return command;
    }

    private static Option<string> ListOption(bool allowAll)
    {
        var option = new Option<string>("--list")
        {
            Description = allowAll ? "Which list (default: all)" : "Which list the file is",
            HelpName = allowAll ? "cn-sanctions|us-1260h|all" : "cn-sanctions|us-1260h",
            Required = !allowAll,
        };
        if (allowAll)
        {
            option.DefaultValueFactory = _ => "all";
            option.AcceptOnlyFromAmong([.. EntityLists.All, "all"]);
        }
        else
        {
            option.AcceptOnlyFromAmong([.. EntityLists.All]);
        }

        return option;
    }

    private static Command Import(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The list's CSV file (OpenSanctions format)" };
        var list = ListOption(allowAll: false);
        var command = new Command("import", "Import a list file, replacing that list's entries (exit 2 when rows were rejected)") { file, list };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var listId = parse.GetValue(list)!;
            if (!File.Exists(path))
            {
                return context.Usage($"no file '{path}'.");
            }

            var read = EntityListReader.Read(path, listId);
            if (read.FileError is not null)
            {
                return context.Fail(read.FileError);
            }

            if (read.Entries.Count == 0)
            {
                foreach (var r in read.Rejected)
                {
                    context.Error.WriteLine($"vigil: {path}: row {r.Row}: {r.Error}");
                }

                return context.Fail($"{path}: no row could be read; the {listId} list was left as it was.");
            }

            var full = Path.GetFullPath(path);
            var importedAt = context.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            ListReplaceResult result;
            using (var store = SqliteEntityStore.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data))))
            {
                result = store.Replace(new ListInfo(listId, full, read.Sha256, importedAt, read.Entries.Count, read.Rejected.Count), read.Entries);
            }

            foreach (var r in read.Rejected)
            {
                context.Error.WriteLine($"vigil: {path}: row {r.Row}: {r.Error}; the row was skipped");
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(new
                {
                    list = listId,
                    file = full,
                    sha256 = read.Sha256,
                    rows = read.Rows,
                    imported = read.Entries.Count,
                    added = result.Added,
                    removed = result.Removed,
                    unchanged = result.Unchanged,
                    rejected = read.Rejected.Select(r => new { row = r.Row, error = r.Error }),
                });
            }
            else
            {
                context.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"{listId}: {read.Entries.Count} of {read.Rows} rows imported ({result.Added} added, {result.Removed} removed, {result.Unchanged} unchanged){(read.Rejected.Count > 0 ? $"; {read.Rejected.Count} rejected" : "")}")));
            }

            return read.Rejected.Count > 0 ? ExitCodes.Partial : ExitCodes.Success;
        });
        return command;
    }

    private static Command Lists(CliContext context)
    {
        var command = new Command("lists", "The imported lists: entries, file, when");
        command.SetAction(parse =>
        {
            using var store = SqliteEntityStore.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)));
            var lists = store.Lists();
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(EntityJson.Lists(lists));
                return ExitCodes.Success;
            }

            if (lists.Count == 0)
            {
                context.Console.MarkupLine("No lists imported yet: [bold]vigil entities import FILE --list cn-sanctions|us-1260h[/].");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumn("list").AddColumn(new TableColumn("entries").RightAligned()).AddColumn(new TableColumn("rejected").RightAligned()).AddColumn("imported").AddColumn("file");
            foreach (var l in lists)
            {
                table.AddRow(l.ListId, l.Entries.ToString(CultureInfo.InvariantCulture), l.Rejected.ToString(CultureInfo.InvariantCulture), Markup.Escape(l.ImportedAt), Markup.Escape(l.SourceFile));
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Match(CliContext context)
    {
        var names = new Argument<string[]>("NAME") { Arity = ArgumentArity.ZeroOrMore, Description = "Names to look for (organisations or people, English or Chinese)" };
        var file = new Option<string?>("--file") { Description = "Read names from a file, one per line (blank lines and # comments skipped)", HelpName = "F" };
        var list = ListOption(allowAll: true);
        var minScore = new Option<double>("--min-score")
        {
            Description = "Smallest similarity shown, 0–1 (default 0.8; 1 = same name up to case, script, punctuation and legal form)",
            DefaultValueFactory = _ => EntityMatcher.DefaultMinScore,
            HelpName = "X",
        };
        var limit = new Option<int>("--limit") { Description = "Results per name (default 5; 0 = all)", DefaultValueFactory = _ => 5, HelpName = "N" };
        var command = new Command("match", "Match names against the imported lists, with a similarity score and the matched entry's source") { names, file, list, minScore, limit };
        command.SetAction(parse =>
        {
            var queries = (parse.GetValue(names) ?? []).Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
            if (parse.GetValue(file) is { } path)
            {
                try
                {
                    queries.AddRange(File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return context.Usage($"cannot read the names file {path}: {ex.Message}");
                }
            }

            if (queries.Count == 0)
            {
                return context.Usage("give NAMEs or --file F with one name per line.");
            }

            var min = parse.GetValue(minScore);
            if (min is < 0 or > 1 || double.IsNaN(min))
            {
                return context.Usage($"--min-score must be between 0 and 1 (got {min.ToString(CultureInfo.InvariantCulture)}).");
            }

            var max = parse.GetValue(limit);
            if (max < 0)
            {
                return context.Usage("--limit must be 0 or more.");
            }

            var entries = LoadEntries(context, parse.GetValue(GlobalOptions.Data), parse.GetValue(list)!);
            if (entries is null)
            {
                return ExitCodes.Usage;
            }

            var matcher = new EntityMatcher(entries);
            var results = queries.Select(q => (Query: q, Results: matcher.Match(q, min, max))).ToList();
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(EntityJson.Matches(results));
                return ExitCodes.Success;
            }

            foreach (var (query, found) in results)
            {
                var table = new Table().Title(Markup.Escape(query)).AddColumn(new TableColumn("score").RightAligned()).AddColumn("list").AddColumn("name")
                    .AddColumn("matched").AddColumn("source");
                foreach (var m in found)
                {
                    table.AddRow(m.Score.ToString("0.000", CultureInfo.InvariantCulture), m.Entry.ListId, Markup.Escape(m.Entry.Name),
                        Markup.Escape($"{m.Matched} ({m.MatchedField})"), Markup.Escape($"{Path.GetFileName(m.Entry.SourceFile)}:{m.Entry.Row}"));
                }

                if (found.Count == 0)
                {
                    table.AddRow("", "", "[grey]no entry scores ≥ " + min.ToString(CultureInfo.InvariantCulture) + "[/]", "", "");
                }

                context.Console.Write(table);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Mentions(CliContext context)
    {
        var list = ListOption(allowAll: true);
        var doc = TermArguments.Doc();
        var command = new Command("mentions", "Ingested documents that name listed entities, with spans in the original text") { list, doc };
        command.SetAction(parse =>
        {
            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            var entries = LoadEntries(context, parse.GetValue(GlobalOptions.Data), parse.GetValue(list)!);
            if (entries is null)
            {
                return ExitCodes.Usage;
            }

            var finder = EntityMentionFinder.Build(entries);
            using var workspace = Workspace.Open(dataDirectory);
            var docs = TermArguments.SelectDocuments(context, workspace, parse.GetValue(doc));
            if (docs is null)
            {
                return ExitCodes.Usage;
            }

            var found = new List<(Core.Documents.DocumentInfo Doc, IReadOnlyList<EntityMention> Mentions)>();
            foreach (var d in docs)
            {
                if (workspace.Store.GetContent(d.Id) is { } content && finder.Find(content) is { Count: > 0 } mentions)
                {
                    found.Add((d, mentions));
                }
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(new
                {
                    searched = docs.Count,
                    forms = finder.FormCount,
                    skippedForms = finder.Skipped.Select(s => new { form = s.Form, reason = s.Reason }),
                    documents = found.Select(f => new
                    {
                        id = f.Doc.Id,
                        path = f.Doc.Path,
                        title = f.Doc.Title,
                        mentions = f.Mentions.Select(m => new
                        {
                            start = m.Start,
                            end = m.End,
                            text = m.Text,
                            entries = m.Entries.Select(e => new
                            {
                                list = e.Entry.ListId,
                                name = e.Entry.Name,
                                matched = e.Form,
                                field = e.Field,
                                source = SourceJson(e.Entry),
                            }),
                        }),
                    }),
                    totals = new { documents = found.Count, mentions = found.Sum(f => f.Mentions.Count) },
                });
                return ExitCodes.Success;
            }

            var table = new Table().AddColumn("document").AddColumn(new TableColumn("span").RightAligned()).AddColumn("text").AddColumn("entries");
            foreach (var (d, mentions) in found)
            {
                foreach (var m in mentions)
                {
                    table.AddRow(Markup.Escape(d.Id), string.Create(CultureInfo.InvariantCulture, $"{m.Start}–{m.End}"), Markup.Escape(m.Text),
                        Markup.Escape(string.Join("; ", m.Entries.Select(e => $"{e.Entry.ListId}: {e.Entry.Name} (row {e.Entry.Row})"))));
                }
            }

            context.Console.Write(table);
            context.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{found.Sum(f => f.Mentions.Count)} mentions in {found.Count} of {docs.Count} documents; {finder.Skipped.Count} short names not searched (see --json)")));
            return ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<ListEntry>? LoadEntries(CliContext context, string? dataOption, string list)
    {
        using var store = SqliteEntityStore.Open(context.DataDirectory(dataOption));
        var entries = store.Entries(list == "all" ? null : list);
        if (entries.Count == 0)
        {
            context.Usage(list == "all"
                ? "no entity list is imported; run 'vigil entities import FILE --list cn-sanctions|us-1260h' first."
                : $"the {list} list is not imported; run 'vigil entities import FILE --list {list}' first.");
            return null;
        }

        return entries;
    }

    private static object SourceJson(ListEntry e) => EntityJson.Source(e);
}
