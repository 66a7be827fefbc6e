using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Output;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil taxonomy [--version V] [--terms]</c>: prints the domain taxonomy.</summary>
internal static class TaxonomyCommand
{
    public static Command Create(CliContext context)
    {
        var version = new Option<string?>("--version") { Description = "Taxonomy version: 2014, 2021 or 2024 (default: the newest)", HelpName = "V" };
        var files = DomainArguments.Files();
        var terms = new Option<bool>("--terms") { Description = "Also list each domain's weighted lexicon (always in JSON)" };
        var command = new Command("taxonomy", "Print the security-domain taxonomy: names, definitions, laws and lexicons") { version, files, terms };
        command.SetAction(parse =>
        {
            var dataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data));
            var taxonomy = DomainArguments.Load(context, dataDirectory, parse.GetValue(files), parse.GetValue(version));
            if (taxonomy is null)
            {
                return ExitCodes.Usage;
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(JsonShapes.Taxonomy(taxonomy));
                return ExitCodes.Success;
            }

            context.Console.MarkupLine($"[bold]{Markup.Escape(taxonomy.Name)}[/], version {Markup.Escape(taxonomy.Version ?? "")}: {taxonomy.Domains.Count} domains");
            var table = new Table().AddColumn("id").AddColumn("中文").AddColumn("English").AddColumn("versions")
                .AddColumn(new TableColumn("terms").RightAligned()).AddColumn("definition");
            foreach (var d in taxonomy.Domains)
            {
                var positive = d.Terms.Count(t => t.Weight > 0);
                var negative = d.Terms.Count - positive;
                table.AddRow(Markup.Escape(d.Id), Markup.Escape(d.ZhIn(taxonomy.Version)), Markup.Escape(d.EnIn(taxonomy.Version)),
                    Markup.Escape(string.Join(" ", d.Versions)),
                    string.Create(CultureInfo.InvariantCulture, $"{positive}+{negative}−"), Markup.Escape(d.Definition));
            }

            context.Console.Write(table);
            if (parse.GetValue(terms))
            {
                foreach (var d in taxonomy.Domains)
                {
                    var lexicon = new Table().Title(Markup.Escape($"{d.Id} — {d.ZhIn(taxonomy.Version)} / {d.EnIn(taxonomy.Version)}"))
                        .AddColumn(new TableColumn("weight").RightAligned()).AddColumn("term").AddColumn("source");
                    foreach (var t in d.Terms)
                    {
                        lexicon.AddRow(t.Weight.ToString("+0.##;-0.##", CultureInfo.InvariantCulture), Markup.Escape(t.Text), Markup.Escape($"{t.File}:{t.Line}"));
                    }

                    context.Console.Write(lexicon);
                }
            }

            if (taxonomy.Excludes.Count > 0)
            {
                context.Console.MarkupLine($"Look-alikes excluded for every domain: {Markup.Escape(string.Join(", ", taxonomy.Excludes.Select(x => x.Text)))}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
