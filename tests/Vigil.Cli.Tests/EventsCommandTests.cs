using System.Text.Json;
using Spectre.Console.Testing;

namespace Vigil.Cli.Tests;

/// <summary>
/// <c>vigil events …</c> on the illustrative sample file (samples/events) and small files written here. Expected
/// values were worked out by hand from samples/events/illustrative-events.csv.
/// </summary>
public sealed class EventsCommandTests
{
    private static string Sample(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "events", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/events is part of the repository and should be found above the test binaries.", name);
    }

    private static CliRunner WithSample()
    {
        var cli = new CliRunner();
        var result = cli.Run("events", "import", Sample("illustrative-events.csv"), "--format", "csv", "--map", Sample("illustrative-events.map"), "--by", "tester");
        Assert.Equal(0, result.ExitCode);
        return cli;
    }

    private static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    private static List<JsonElement> Events(CliRunner cli, params string[] filters) =>
        cli.Run(["events", "list", .. filters]).Json.EnumerateArray().ToList();

    private static JsonElement BySummary(CliRunner cli, string prefix) =>
        Events(cli).Single(e => e.GetProperty("summary").GetString()!.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Runs on an interactive test terminal with the given answers typed in (null = just Enter).</summary>
    private static (int ExitCode, string Console, string Error) RunInteractive(CliRunner cli, string?[] answers, params string[] args)
    {
        var console = new TestConsole().Interactive();
        foreach (var answer in answers)
        {
            if (answer is null)
            {
                console.Input.PushKey(ConsoleKey.Enter);
            }
            else
            {
                console.Input.PushTextWithEnter(answer);
            }
        }

        var error = new StringWriter();
        var context = new CliContext
        {
            Console = console,
            Out = new StringWriter(),
            Error = error,
            OutputRedirected = false,
            EnvironmentDataDirectory = cli.DataDirectory,
        };
        var code = VigilCli.RunAsync(args, context).GetAwaiter().GetResult();
        return (code, console.Output, error.ToString());
    }

    public sealed class Import
    {
        [Fact]
        public void Writes_the_result_in_the_specified_shape()
        {
            using var cli = new CliRunner();
            var result = cli.Run("events", "import", Sample("illustrative-events.csv"), "--format", "csv", "--map", Sample("illustrative-events.map"));
            Assert.Equal(0, result.ExitCode);
            var json = result.Json;
            Assert.Equal(["file", "format", "rows", "imported", "updated", "unchanged", "merged", "absent", "flagged", "rejected", "error"], Keys(json));
            Assert.Equal((12, 12, 0, 0, 0), (json.GetProperty("rows").GetInt32(), json.GetProperty("imported").GetInt32(), json.GetProperty("updated").GetInt32(),
                json.GetProperty("unchanged").GetInt32(), json.GetProperty("merged").GetInt32()));
            var flagged = Assert.Single(json.GetProperty("flagged").EnumerateArray());
            Assert.Equal(["row", "issue"], Keys(flagged));
            Assert.Equal(12, flagged.GetProperty("row").GetInt32());
            Assert.Contains("'Atlantis'", flagged.GetProperty("issue").GetString());
            Assert.Empty(json.GetProperty("rejected").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, json.GetProperty("error").ValueKind);
        }

        [Fact]
        public void Says_on_the_terminal_when_a_reimport_changes_nothing()
        {
            using var cli = WithSample();
            var result = cli.Run(terminal: true, "events", "import", Sample("illustrative-events.csv"), "--format", "csv", "--map", Sample("illustrative-events.map"));
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("12 rows: 0 new events, 0 updated, 12 unchanged", result.Console);
            Assert.Contains("Nothing changed", result.Console);
        }

        [Fact]
        public void Refuses_a_semicolon_file_naming_the_delimiter_and_exits_3()
        {
            using var cli = new CliRunner();
            var path = cli.Write("semi.csv", "Type;QID;Name;Alias;Chinese name;Country;Topics;Summary;Chinese summary;Body;List;Date;End date;Source URL;Address\nPerson;;A;;;US;sanction.counter;;;MFA;;13.07.20;;u;\n");
            var result = cli.Run("events", "import", path, "--format", "opensanctions-cn");
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("';' (semicolon)", result.Error);
            Assert.Contains("--delimiter ';'", result.Error);
            Assert.Equal(0, cli.Run("events", "import", path, "--format", "opensanctions-cn", "--delimiter", ";").ExitCode);
        }

        [Fact]
        public void Exits_2_when_a_row_is_rejected_and_names_it()
        {
            using var cli = new CliRunner();
            var path = cli.Write("r.csv", "type,date,target.name_en,summary\nsanction.counter,2021,Alice Example,\npolice.training,2023,,\n");
            var result = cli.Run("events", "import", path, "--format", "csv");
            Assert.Equal(2, result.ExitCode);
            var rejected = Assert.Single(result.Json.GetProperty("rejected").EnumerateArray());
            Assert.Equal(["row", "error"], Keys(rejected));
            Assert.Equal(2, rejected.GetProperty("row").GetInt32());
        }

        [Fact]
        public void Refuses_a_map_for_the_fixed_format_and_a_bad_map_entry()
        {
            using var cli = new CliRunner();
            var path = cli.Write("x.csv", "a\n1\n");
            Assert.Equal(1, cli.Run("events", "import", path, "--format", "opensanctions-cn", "--map-column", "type=a").ExitCode);
            var bad = cli.Run("events", "import", path, "--format", "csv", "--map-column", "colour=a");
            Assert.Equal(1, bad.ExitCode);
            Assert.Contains("unknown field 'colour'", bad.Error);
            Assert.Equal(1, cli.Run("events", "import", Path.Combine(cli.Files, "missing.csv"), "--format", "csv").ExitCode);
        }
    }

    public sealed class Stats
    {
        [Fact]
        public void Counts_by_bloc_and_year_with_the_uk_in_the_eu_only_before_2020()
        {
            using var cli = WithSample();
            var result = cli.Run("events", "stats", "--by", "target-bloc,year");
            Assert.Equal(0, result.ExitCode);
            var rows = result.Json.EnumerateArray().ToList();
            Assert.All(rows, r => Assert.Equal(["target-bloc", "year", "count"], Keys(r)));
            var table = rows.Select(r => (r.GetProperty("target-bloc").GetString(), r.GetProperty("year").GetString(), r.GetProperty("count").GetInt32())).ToList();
            // By hand: EU 2019 = the UK think tank (Nov 2019) + the Italy/Croatia patrol; GB 2021 = the MP (after Brexit);
            // EU 2021 = the EU body; EU 2022 = Netherlands; EU 2024 = Germany; US 2022/2023; RS; PK; the flagged row is unknown.
            Assert.Equal(
            [
                ("EU", "2019", 2), ("US", "2023", 2), ("EU", "2021", 1), ("EU", "2022", 1), ("EU", "2024", 1), ("GB", "2021", 1),
                ("PK", "2024", 1), ("RS", "2023", 1), ("US", "2022", 1), ("unknown", "unknown", 1),
            ], table);
        }

        [Fact]
        public void Filters_and_refuses_unknown_fields_and_blocs()
        {
            using var cli = WithSample();
            var police = cli.Run("events", "stats", "--type", "police", "--by", "type").Json.EnumerateArray()
                .Select(r => r.GetProperty("type").GetString()).ToList();
            Assert.Equal(["police.joint-patrol", "police.station-overseas", "police.training"], police);
            var kinds = cli.Run("events", "stats", "--by", "target-kind", "--status", "confirmed", "--from", "2021", "--to", "2023").Json.EnumerateArray()
                .Select(r => (r.GetProperty("target-kind").GetString(), r.GetProperty("count").GetInt32())).ToList();
            Assert.Equal([("company", 2), ("organization", 1), ("person", 2)], kinds.OrderBy(k => k.Item1));
            Assert.Equal(1, cli.Run("events", "stats", "--by", "colour").ExitCode);
            var bloc = cli.Run("events", "stats", "--by", "target-bloc", "--blocs", "EU,Atlantis");
            Assert.Equal(1, bloc.ExitCode);
            Assert.Contains("Atlantis", bloc.Error);
        }

        [Fact]
        public void Draws_a_table_on_the_terminal_and_writes_a_chart()
        {
            using var cli = WithSample();
            var svg = Path.Combine(cli.Files, "stats.svg");
            var result = cli.Run(terminal: true, "events", "stats", "--by", "target-bloc", "--svg", svg);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("target-bloc", result.Console);
            Assert.Contains("12 event(s)", result.Console);
            Assert.Contains("<svg", File.ReadAllText(svg));
        }
    }

    public sealed class Review_and_status
    {
        [Fact]
        public void Set_status_is_recorded_in_the_history_with_who_and_the_note()
        {
            using var cli = WithSample();
            var training = BySummary(cli, "Illustrative: training course").GetProperty("id").GetString()!;
            var result = cli.Run("events", "set-status", training[..8], "rejected", "--note", "a visit, not a course", "--by", "li.wei");
            Assert.Equal(0, result.ExitCode);
            Assert.Equal("rejected", result.Json.GetProperty("status").GetString());
            Assert.True(result.Json.GetProperty("changed").GetBoolean());

            var shown = cli.Run("events", "show", training).Json;
            Assert.Equal("rejected", shown.GetProperty("status").GetString());
            var history = shown.GetProperty("history").EnumerateArray().ToList();
            Assert.Equal(["created", "status"], history.Select(h => h.GetProperty("action").GetString()));
            Assert.Equal(("tester", "li.wei"), (history[0].GetProperty("by").GetString(), history[1].GetProperty("by").GetString()));
            Assert.Equal("proposed", history[1].GetProperty("before").GetProperty("status").GetString());
            Assert.Equal("a visit, not a course", history[1].GetProperty("note").GetString());
            // Nothing is deleted: the rejected event is still listed.
            Assert.Single(Events(cli, "--status", "rejected"));
            Assert.Equal(12, Events(cli).Count);
            Assert.Equal(1, cli.Run("events", "show", "ffffffffffffffff").ExitCode);
        }

        [Fact]
        public void Review_accepts_rejects_and_edits_from_typed_answers()
        {
            using var cli = WithSample();
            // Proposed events by date: the patrol (2019-07), the station (2022-10), the training (2023-05), the attack, the undated row.
            var (code, console, error) = RunInteractive(cli,
                ["a", null, "r", "not verified", "e", "police.meeting", "2023-05-20", "checked by phone", "a", null, "q"],
                "events", "review", "--by", "reviewer");
            Assert.True(code == 0, error);
            Assert.Contains("1 of 5", console);
            Assert.Contains("2 accepted, 1 rejected, 1 edited, 0 skipped; stopped", console);

            Assert.Equal("confirmed", BySummary(cli, "Illustrative: joint tourist").GetProperty("status").GetString());
            var station = BySummary(cli, "Illustrative: a reported overseas");
            Assert.Equal(("rejected", "not verified"), (station.GetProperty("status").GetString(), station.GetProperty("notes").GetString()));
            var training = BySummary(cli, "Illustrative: training course");
            Assert.Equal(("confirmed", "police.meeting", "2023-05-20", "checked by phone"),
                (training.GetProperty("status").GetString(), training.GetProperty("type").GetString(), training.GetProperty("date").GetString(), training.GetProperty("notes").GetString()));
            Assert.Equal(["date", "type"], training.GetProperty("edited").EnumerateArray().Select(x => x.GetString()));
            Assert.Equal(2, Events(cli, "--status", "proposed").Count);

            var history = cli.Run("events", "show", training.GetProperty("id").GetString()!).Json.GetProperty("history").EnumerateArray().ToList();
            Assert.Equal(["created", "edited", "status"], history.Select(h => h.GetProperty("action").GetString()));
            Assert.All(history.Skip(1), h => Assert.Equal("reviewer", h.GetProperty("by").GetString()));

            // The edit survives a re-import of the file.
            cli.Run("events", "import", Sample("illustrative-events.csv"), "--format", "csv", "--map", Sample("illustrative-events.map"));
            Assert.Equal("police.meeting", BySummary(cli, "Illustrative: training course").GetProperty("type").GetString());
        }

        [Fact]
        public void Review_refuses_to_run_without_a_terminal()
        {
            using var cli = WithSample();
            var result = cli.Run("events", "review");
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("set-status", result.Error);
        }
    }

    public sealed class Export
    {
        [Fact]
        public void Writes_csv_jsonl_ftm_and_statements()
        {
            using var cli = WithSample();
            var csv = cli.Run("events", "export", "--format", "csv");
            Assert.Equal(0, csv.ExitCode);
            var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("id,type,type_label,status,date,date_precision,end_date,body,target_names,", lines[0]);
            Assert.Equal(13, lines.Length);

            var jsonl = cli.Run("events", "export", "--format", "jsonl", "--type", "police").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, jsonl.Length);
            Assert.All(jsonl, l => Assert.StartsWith("police.", JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()));

            var ftm = cli.Run("events", "export", "--format", "ftm").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var schemas = ftm.GroupBy(e => e.GetProperty("schema").GetString()!).ToDictionary(g => g.Key, g => g.Count());
            // 8 sanction-type rows, each one target and one Sanction; 4 police/attack rows as Event, 2 of them with an organizer body.
            Assert.Equal(8, schemas["Sanction"]);
            Assert.Equal(4, schemas["Event"]);
            Assert.Equal(2, schemas["Person"]);
            Assert.Equal(3, schemas["Company"]);
            Assert.Equal(3 + 2, schemas["Organization"]);

            var output = Path.Combine(cli.Files, "out.csv");
            var toFile = cli.Run("events", "export", "--format", "ftm-statements", "--out", output);
            Assert.Equal(0, toFile.ExitCode);
            Assert.StartsWith("canonical_id,entity_id,prop,prop_type,schema,value,dataset,origin,lang,original_value,external,first_seen,last_seen,id", File.ReadAllText(output));
            Assert.Equal(1, cli.Run("events", "export", "--format", "ftm", "--out", Path.Combine(cli.Files, "no", "such", "dir.json")).ExitCode);
        }
    }
}
