using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.Core.Documents;
using Vigil.Core.Events;

namespace Vigil.Core.Tests.Events;

/// <summary>The export shapes: CSV, JSON Lines, FtM entities and statements.</summary>
public sealed class EventExporterTests
{
    private static readonly LedgerEvent Sanction = new()
    {
        Id = "1111222233334444",
        Type = "sanction.counter",
        Date = new EventDate(new PartialDate(2021, 3, 22)),
        Body = "Ministry of Foreign Affairs",
        Targets = [new EventTarget { NameEn = "Example Person", NameZh = "示例人", Kind = "person", Country = "GB", Position = "Member of Parliament", WikidataId = "Q42" }],
        Countries = ["GB"],
        Domains = ["political", "economic"],
        Provenance = [EventProvenance.FromDataset("cn.csv", 12, "https://example.org/n")],
        Status = EventStatus.Confirmed,
        SourceUrl = "https://example.org/n",
        Programs = ["List of Targets of Countermeasures"],
        CreatedAt = "2025-03-01T09:30:00Z",
        UpdatedAt = "2025-03-01T09:30:00Z",
    };

    private static readonly LedgerEvent Training = LedgerEvent.ProposeFromDocument("police.training", "abcdabcdabcdabcd", 10, 52, "train 2,000 officers") with
    {
        Date = new EventDate(new PartialDate(2023, 5, null)),
        Body = "Ministry of Public Security",
        Countries = ["RS"],
        Quantities = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["officers_trained"] = 2000 },
        Summary = "Training of Serbian police officers",
        Notes = "=cmd|' /C calc'!A0",
        CreatedAt = "2025-03-01T09:30:00Z",
    };

    [Fact]
    public void Csv_has_the_documented_header_and_one_row_per_event()
    {
        var writer = new StringWriter();
        Assert.Equal(2, EventExporter.WriteCsv([Sanction, Training], writer, EventTypeCatalog.BuiltIn));
        using var reader = CsvHelper.CsvReader.FromText(writer.ToString(), new CsvHelper.CsvReaderOptions { Separator = ',' });
        Assert.Equal(EventExporter.CsvColumns, reader.Headers);
        Assert.True(reader.Read());
        Assert.Equal("1111222233334444", reader.GetString("id"));
        Assert.Equal("Example Person", reader.GetString("target_names"));
        Assert.Equal("示例人", reader.GetString("target_names_zh"));
        Assert.Equal("political; economic", reader.GetString("domains"));
        Assert.Equal("cn.csv#row=12", reader.GetString("provenance"));
        Assert.True(reader.Read());
        Assert.Equal("officers_trained=2000", reader.GetString("quantities"));
        Assert.Equal("doc:abcdabcdabcdabcd#10-52", reader.GetString("provenance"));
        // A value a spreadsheet would run as a formula is escaped.
        Assert.Equal("'=cmd|' /C calc'!A0", reader.GetString("notes"));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Json_lines_are_one_event_object_per_line()
    {
        var writer = new StringWriter();
        EventExporter.WriteJsonLines([Sanction, Training], writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(EventJson.Fields, first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("GB", first.GetProperty("targets")[0].GetProperty("country").GetString());
        Assert.Equal(2000, JsonDocument.Parse(lines[1]).RootElement.GetProperty("quantities").GetProperty("officers_trained").GetDouble());
    }

    [Fact]
    public void A_sanction_becomes_a_person_and_a_sanction_entity()
    {
        var writer = new StringWriter();
        Assert.Equal(2, EventExporter.WriteFtm([Sanction], writer, EventTypeCatalog.BuiltIn, "vigil"));
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var person = lines[0];
        Assert.Equal(["id", "schema", "properties", "datasets"], person.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Person", person.GetProperty("schema").GetString());
        Assert.Equal(["Example Person", "示例人"], person.GetProperty("properties").GetProperty("name").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["gb"], person.GetProperty("properties").GetProperty("country").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["sanction.counter"], person.GetProperty("properties").GetProperty("topics").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["Member of Parliament"], person.GetProperty("properties").GetProperty("position").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["vigil"], person.GetProperty("datasets").EnumerateArray().Select(v => v.GetString()));

        var sanction = lines[1];
        Assert.Equal("Sanction", sanction.GetProperty("schema").GetString());
        Assert.Equal("vigil-sanction-1111222233334444", sanction.GetProperty("id").GetString());
        var p = sanction.GetProperty("properties");
        Assert.Equal(person.GetProperty("id").GetString(), p.GetProperty("entity")[0].GetString());
        Assert.Equal("Ministry of Foreign Affairs", p.GetProperty("authority")[0].GetString());
        Assert.Equal("2021-03-22", p.GetProperty("startDate")[0].GetString());
        Assert.Equal("List of Targets of Countermeasures", p.GetProperty("program")[0].GetString());
        Assert.Equal("https://example.org/n", p.GetProperty("sourceUrl")[0].GetString());
        Assert.Equal("cn.csv#row=12", p.GetProperty("recordId")[0].GetString());
    }

    [Fact]
    public void A_police_training_becomes_an_event_with_its_organizer()
    {
        var entities = EventExporter.ToFtm(Training, EventTypeCatalog.BuiltIn);
        Assert.Equal(["Organization", "Event"], entities.Select(e => e.Schema));
        var ev = entities[1];
        Assert.Equal($"vigil-event-{Training.Id}", ev.Id);
        Assert.Equal(["Police training: Training of Serbian police officers"], ev.Values("name"));
        Assert.Equal(["2023-05"], ev.Values("date"));
        Assert.Equal(["rs"], ev.Values("country"));
        Assert.Equal([entities[0].Id], ev.Values("organizer"));
        Assert.Equal(["Ministry of Public Security"], entities[0].Values("name"));
        Assert.Equal(["doc:abcdabcdabcdabcd#10-52"], ev.Values("recordId"));
    }

    [Fact]
    public void The_same_target_in_two_events_has_the_same_entity_id()
    {
        var again = Sanction with { Id = "5555666677778888", Date = new EventDate(new PartialDate(2022, 1, 1)) };
        Assert.Equal(EventExporter.ToFtm(Sanction, EventTypeCatalog.BuiltIn)[0].Id, EventExporter.ToFtm(again, EventTypeCatalog.BuiltIn)[0].Id);
    }

    [Fact]
    public void Statements_have_the_followthemoney_columns_and_keys()
    {
        var writer = new StringWriter();
        var count = EventExporter.WriteFtmStatements([Sanction], writer, EventTypeCatalog.BuiltIn, "vigil");
        using var reader = CsvHelper.CsvReader.FromText(writer.ToString(), new CsvHelper.CsvReaderOptions { Separator = ',' });
        Assert.Equal(["canonical_id", "entity_id", "prop", "prop_type", "schema", "value", "dataset", "origin", "lang", "original_value", "external", "first_seen", "last_seen", "id"], reader.Headers);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(reader.Current.ToArray());
        }

        Assert.Equal(count, rows.Count);
        var person = EventExporter.ToFtm(Sanction, EventTypeCatalog.BuiltIn)[0];
        var idRow = rows.First(r => r[1] == person.Id && r[2] == "id");
        Assert.Equal(("id", "Person", person.Id), (idRow[3], idRow[4], idRow[5]));
        var zh = rows.Single(r => r[2] == "name" && r[5] == "示例人");
        Assert.Equal("zho", zh[8]);
        // followthemoney's Statement.make_key: sha1 of "dataset.entity_id.prop.value" (with "@lang" when there is a language).
        var key = $"vigil.{person.Id}.name.示例人@zho";
        Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(key))), zh[13]);
        Assert.Equal(("cn.csv#row=12", "f", "2025-03-01T09:30:00Z"), (zh[7], zh[10], zh[11]));
    }
}
