using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Documents;
using Vigil.Core.Domains;
using Vigil.Core.Output;
using Vigil.Core.Search;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil search QUERY [--lang L] [--source S] [--from D] [--to D] [--limit N] [--domain ID]</c>.</summary>
internal static class SearchCommand
{
    public static Command Create(CliContext context)
    {
        var query = new Argument<string>("QUERY") { Description = "Words, \"phrases\", Chinese terms; AND OR NOT, parentheses, title:..." };
        var language = new Option<string?>("--lang") { Description = "en, zh-Hans, zh-Hant, zh (either script), mixed, other", HelpName = "L" };
        var source = new Option<string?>("--source") { Description = "Only this source", HelpName = "S" };
        var from = new Option<string?>("--from") { Description = "Dated on or after", HelpName = "YYYY[-MM[-DD]]" };
        var to = new Option<string?>("--to") { Description = "Dated on or before", HelpName = "YYYY[-MM[-DD]]" };
        var limit = new Option<int>("--limit") { Description = "Most results", DefaultValueFactory = _ => 10 };
        var domain = new Option<string?>("--domain")
        {
            Description = $"Only documents assigned this security domain (classifies the best {DomainSearch.DefaultMaxExamined} matches)",
            HelpName = "ID",
        };
        var command = new Command("search", "Ranked full-text search (BM25) in English and Chinese, with snippets") { query, language, source, from, to, limit, domain };
        command.SetAction(parse =>
        {
            foreach (var (name, value) in new[] { ("--from", parse.GetValue(from)), ("--to", parse.GetValue(to)) })
            {
                if (value is not null && !PartialDate.TryParse(value, out _))
                {
                    return context.Usage($"{name} '{value}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD.");
                }
            }

            if (parse.GetValue(limit) is < 1 or > 10_000)
            {
                return context.Usage("--limit takes 1 to 10000.");
            }

            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            DomainClassifier? classifier = null;
            if (parse.GetValue(domain) is { } domainId)
            {
                if (DomainArguments.Load(context, dataDirectory, null, null) is not { } taxonomy)
                {
                    return ExitCodes.Usage;
                }

                if (taxonomy.Find(domainId) is null)
                {
                    return context.Usage($"unknown domain '{domainId}' in taxonomy {taxonomy.Version}; 'vigil taxonomy' lists them.");
                }

                classifier = new DomainClassifier(taxonomy);
            }

            using var workspace = Workspace.Open(dataDirectory);
            var request = new SearchRequest
            {
                Query = parse.GetValue(query)!,
                Language = parse.GetValue(language),
                Source = parse.GetValue(source),
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                Limit = parse.GetValue(limit),
            };
            SearchResult result;
            var totalNote = "";
            try
            {
                if (classifier is not null)
                {
                    var filtered = DomainSearch.Search(workspace.Index, request, classifier, parse.GetValue(domain)!, workspace.Store.GetContent, workspace.Store.Get);
                    result = new SearchResult(filtered.Total, filtered.Hits);
                    totalNote = filtered.Exact ? $" in domain {parse.GetValue(domain)}"
                        : $" in domain {parse.GetValue(domain)} among the best {filtered.Examined} matches (more match the query)";
                }
                else
                {
                    result = workspace.Index.Search(request, workspace.Store.GetContent, workspace.Store.Get);
                }
            }
            catch (SearchQueryException ex)
            {
                return context.Usage(ex.Message);
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(result.Hits.Select(JsonShapes.SearchHit));
                return ExitCodes.Success;
            }

            foreach (var hit in result.Hits)
            {
                context.Console.MarkupLine($"[bold]{Markup.Escape(hit.Title ?? Path.GetFileName(hit.Path))}[/]  [grey]{hit.Doc[..8]} · {hit.Language} · {Markup.Escape(hit.Date ?? "undated")} · score {hit.Score.ToString("F2", CultureInfo.InvariantCulture)}[/]");
                context.Console.MarkupLine("  " + Highlight(hit));
                context.Console.MarkupLine($"  [grey]{Markup.Escape(hit.Path)}[/]");
            }

            context.Console.MarkupLine($"{result.Hits.Count} of {result.Total} matching documents{Markup.Escape(totalNote)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Highlight(SearchHit hit)
    {
        var sb = new System.Text.StringBuilder();
        var cursor = 0;
        foreach (var mark in hit.Marks)
        {
            sb.Append(Markup.Escape(hit.SnippetText[cursor..mark[0]]));
            sb.Append("[bold yellow]").Append(Markup.Escape(hit.SnippetText[mark[0]..mark[1]])).Append("[/]");
            cursor = mark[1];
        }

        sb.Append(Markup.Escape(hit.SnippetText[cursor..]));
        return sb.ToString();
    }
}
