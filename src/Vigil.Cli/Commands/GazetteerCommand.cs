using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Geo;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil gazetteer lookup FIELD...</c> (what code each country field resolves to) and
/// <c>vigil gazetteer blocs [--on DATE] [--bloc ID]</c> (bloc members on a day).
/// </summary>
internal static class GazetteerCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("gazetteer", "Countries, territories and blocs: resolve country fields, list bloc members on a date");
        command.Subcommands.Add(Lookup(context));
        command.Subcommands.Add(Blocs(context));
        return command;
    }

    private static Command Lookup(CliContext context)
    {
        var fields = new Argument<string[]>("FIELD") { Arity = ArgumentArity.OneOrMore, Description = "Country fields as found in data: codes, names, Chinese names, lists (\"US; UK\")" };
        var command = new Command("lookup", "Resolve messy country fields to ISO codes (exit 2 when any is unknown)") { fields };
        command.SetAction(parse =>
        {
            var gazetteer = Gazetteer.BuiltIn;
            var results = new List<LookupResult>();
            foreach (var field in parse.GetValue(fields) ?? [])
            {
                var matches = gazetteer.Match(field) is { } one ? [one] : gazetteer.MatchAll(field);
                results.Add(new LookupResult(field, [.. matches.Select(m => new LookupMatch(m.Code, gazetteer.Country(m.Code)!.NameEn, m.How, m.Input))],
                    matches.Count == 0 ? gazetteer.AmbiguousCodes(field) : []));
            }

            var unknown = results.Count(r => r.Matches.Count == 0);
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(GazetteerJson.Lookup(gazetteer, results.Select(r => r.Input), out _));
            }
            else
            {
                var table = new Table().AddColumn("input").AddColumn("code").AddColumn("name").AddColumn("how");
                foreach (var r in results)
                {
                    if (r.Matches.Count == 0)
                    {
                        table.AddRow(Markup.Escape(r.Input), "[red]?[/]", Markup.Escape(string.Join(" or ", r.Ambiguous)), r.Ambiguous.Count > 0 ? "ambiguous" : "unknown");
                    }

                    foreach (var m in r.Matches)
                    {
                        table.AddRow(Markup.Escape(r.Matches.Count > 1 ? $"{r.Input} [{m.Part}]" : r.Input), m.Code, Markup.Escape(m.Name), m.How);
                    }
                }

                context.Console.Write(table);
            }

            foreach (var r in results.Where(r => r.Matches.Count == 0))
            {
                context.Error.WriteLine(r.Ambiguous.Count > 0
                    ? $"vigil: \"{r.Input}\" could mean {string.Join(" or ", r.Ambiguous)}; give a code or a fuller name"
                    : $"vigil: \"{r.Input}\" is not a country name, code or variant Vigil knows (docs/gazetteer.md lists the forms)");
            }

            return unknown > 0 ? ExitCodes.Partial : ExitCodes.Success;
        });
        return command;
    }

    private static Command Blocs(CliContext context)
    {
        var on = new Option<string?>("--on") { Description = "The day (YYYY-MM-DD; default: today, UTC)", HelpName = "YYYY-MM-DD" };
        var blocOption = new Option<string[]>("--bloc") { Description = "Only these blocs (id or name; repeatable)", HelpName = "ID", AllowMultipleArgumentsPerToken = true };
        var command = new Command("blocs", "Members of each bloc (EU, G7, QUAD, FVEY, SCO, BRICS, ASEAN, PIF) on a date") { on, blocOption };
        command.SetAction(parse =>
        {
            var gazetteer = Gazetteer.BuiltIn;
            DateOnly date;
            if (parse.GetValue(on) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                {
                    return context.Usage($"--on needs a date as YYYY-MM-DD (got '{text}').");
                }
            }
            else
            {
                date = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
            }

            var blocs = new List<Bloc>();
            foreach (var id in parse.GetValue(blocOption) ?? [])
            {
                if (gazetteer.Bloc(id) is not { } found)
                {
                    return context.Usage($"unknown bloc '{id}'; known: {string.Join(", ", gazetteer.Blocs.Select(b => b.Id))}.");
                }

                if (!blocs.Contains(found))
                {
                    blocs.Add(found);
                }
            }

            if (blocs.Count == 0)
            {
                blocs.AddRange(gazetteer.Blocs);
            }

            var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(new
                {
                    date = day,
                    blocs = blocs.Select(b =>
                    {
                        var members = b.MembersOn(date);
                        return new
                        {
                            id = b.Id,
                            name = b.NameEn,
                            nameZh = b.NameZh,
                            count = members.Count,
                            members = members.Select(code => new { code, name = gazetteer.Country(code)!.NameEn }),
                        };
                    }),
                });
                return ExitCodes.Success;
            }

            var table = new Table().Title($"Bloc members on {day}").AddColumn("bloc").AddColumn("名称").AddColumn(new TableColumn("n").RightAligned()).AddColumn("members");
            foreach (var b in blocs)
            {
                var members = b.MembersOn(date);
                table.AddRow(Markup.Escape(b.Id), Markup.Escape(b.NameZh), members.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(string.Join(" ", members)));
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private sealed record LookupMatch(string Code, string Name, string How, string Part);

    private sealed record LookupResult(string Input, IReadOnlyList<LookupMatch> Matches, IReadOnlyList<string> Ambiguous);
}
