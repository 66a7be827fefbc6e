using System.CommandLine;
using Spectre.Console;
using Vigil.Core.Documents;
using Vigil.Core.Domains;
using Vigil.Core.Ingestion;
using Vigil.Core.Output;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil domains</c> (ingested documents) and <c>vigil classify FILE|-</c> (any text, not stored):
/// explainable multi-label classification by security domain.
/// </summary>
internal static class DomainsCommand
{
    private static Option<string> Level() => new Option<string>("--level")
    {
        Description = "Classify whole documents or each paragraph",
        DefaultValueFactory = _ => "doc",
        HelpName = "doc|paragraph",
    }.With(o => o.AcceptOnlyFromAmong("doc", "paragraph"));

    private static Option<bool> All() => new("--all") { Description = "List every domain, also those without evidence" };

    public static Command CreateDomains(CliContext context)
    {
        var doc = TermArguments.Doc();
        var level = Level();
        var version = DomainArguments.Version();
        var files = DomainArguments.Files();
        var all = All();
        var command = new Command("domains", "Which security domains ingested documents (or their paragraphs) speak to, with the evidence")
        {
            doc, level, version, files, all,
        };
        command.SetAction(parse =>
        {
            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            var taxonomy = DomainArguments.Load(context, dataDirectory, parse.GetValue(files), parse.GetValue(version));
            if (taxonomy is null)
            {
                return ExitCodes.Usage;
            }

            using var workspace = Workspace.Open(dataDirectory);
            var docs = TermArguments.SelectDocuments(context, workspace, parse.GetValue(doc));
            if (docs is null)
            {
                return ExitCodes.Usage;
            }

            var classifier = new DomainClassifier(taxonomy);
            var paragraphs = parse.GetValue(level) == "paragraph";
            var includeAll = parse.GetValue(all);
            var json = context.Json(parse.GetValue(GlobalOptions.Json));
            var rows = new List<object>();
            var table = paragraphs
                ? new Table().AddColumn("doc").AddColumn(new TableColumn("¶").RightAligned()).AddColumn("assigned domains").AddColumn("strongest evidence")
                : new Table().AddColumn("doc").AddColumn("path").AddColumn("assigned domains").AddColumn("strongest evidence");
            var missing = 0;
            foreach (var info in docs)
            {
                if (workspace.Store.GetContent(info.Id) is not { } content)
                {
                    context.Error.WriteLine($"vigil: document {info.Id} ({info.Path}) has no stored text; run 'vigil ingest' on it again.");
                    missing++;
                    continue;
                }

                if (paragraphs)
                {
                    var results = classifier.ClassifyParagraphs(content, includeAll);
                    for (var i = 0; i < results.Count; i++)
                    {
                        if (json)
                        {
                            rows.Add(JsonShapes.ParagraphDomains(info, i, taxonomy, results[i]));
                        }
                        else if (results[i].AssignedIds.Any())
                        {
                            table.AddRow(Markup.Escape(info.Id[..8]), (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                                Markup.Escape(DomainArguments.AssignedSummary(results[i])), Markup.Escape(DomainArguments.TopEvidence(results[i])));
                        }
                    }
                }
                else
                {
                    var result = classifier.ClassifyDocument(content, includeAll);
                    if (json)
                    {
                        rows.Add(JsonShapes.DocumentDomains(info, taxonomy, result));
                    }
                    else
                    {
                        table.AddRow(Markup.Escape(info.Id[..8]), Markup.Escape(Path.GetFileName(info.Path)),
                            Markup.Escape(DomainArguments.AssignedSummary(result)), Markup.Escape(DomainArguments.TopEvidence(result)));
                    }
                }
            }

            if (json)
            {
                context.WriteJson(rows);
            }
            else
            {
                context.Console.Write(table);
                context.Console.MarkupLine($"[grey]Taxonomy {Markup.Escape(taxonomy.Version ?? "")}; scores 0–1, assigned at ≥ {classifier.Parameters.Threshold:0.##}. "
                    + "Evidence and snippets: --json, or 'vigil classify' on a file.[/]");
            }

            return missing > 0 ? ExitCodes.Partial : ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateClassify(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A file (txt, md, html, pdf, docx), or - for standard input (UTF-8 text)" };
        var level = Level();
        var version = DomainArguments.Version();
        var files = DomainArguments.Files();
        var all = All();
        var command = new Command("classify", "Classify any text by security domain, with evidence, without ingesting it") { file, level, version, files, all };
        command.SetAction(parse =>
        {
            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            var taxonomy = DomainArguments.Load(context, dataDirectory, parse.GetValue(files), parse.GetValue(version));
            if (taxonomy is null)
            {
                return ExitCodes.Usage;
            }

            var path = parse.GetValue(file)!;
            var content = Read(context, path);
            if (content is null)
            {
                return ExitCodes.Failed;
            }

            var classifier = new DomainClassifier(taxonomy);
            var includeAll = parse.GetValue(all);
            var document = classifier.ClassifyDocument(content, includeAll);
            var paragraphs = parse.GetValue(level) == "paragraph" ? classifier.ClassifyParagraphs(content, includeAll) : null;
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(JsonShapes.Classification(path, taxonomy, document, paragraphs));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumn("domain").AddColumn(new TableColumn("score").RightAligned()).AddColumn("assigned").AddColumn("evidence (count × weight)");
            foreach (var d in document.Domains)
            {
                var name = taxonomy.Find(d.Id)!;
                table.AddRow(Markup.Escape($"{d.Id} {name.ZhIn(taxonomy.Version)}"), d.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                    d.Assigned ? "[green]yes[/]" : "no",
                    Markup.Escape(string.Join(", ", d.Terms.Select(t => $"{t.Term} {t.Count}×{t.Weight:+0.##;-0.##}"))));
            }

            context.Console.Write(table);
            if (paragraphs is not null)
            {
                var byParagraph = new Table().AddColumn(new TableColumn("¶").RightAligned()).AddColumn("assigned domains").AddColumn("strongest evidence");
                for (var i = 0; i < paragraphs.Count; i++)
                {
                    if (paragraphs[i].AssignedIds.Any())
                    {
                        byParagraph.AddRow((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(DomainArguments.AssignedSummary(paragraphs[i])),
                            Markup.Escape(DomainArguments.TopEvidence(paragraphs[i])));
                    }
                }

                context.Console.Write(byParagraph);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reads and analyses a file (or standard input) the way ingest does, without storing it.</summary>
    private static DocumentContent? Read(CliContext context, string path)
    {
        byte[] bytes;
        string name;
        try
        {
            if (path == "-")
            {
                using var stdin = context.StandardInput();
                using var buffer = new MemoryStream();
                stdin.CopyTo(buffer);
                bytes = buffer.ToArray();
                name = "stdin.txt";
            }
            else
            {
                bytes = File.ReadAllBytes(path);
                name = path;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"vigil: {path}: cannot be read ({ex.Message})");
            return null;
        }

        var read = DocumentReader.Read(bytes, name);
        if (read.Content is null)
        {
            context.Error.WriteLine($"vigil: {path}: {read.Error}");
        }

        return read.Content;
    }

    private static T With<T>(this T value, Action<T> configure)
    {
        configure(value);
        return value;
    }
}
