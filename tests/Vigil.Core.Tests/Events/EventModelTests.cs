using Vigil.Core.Documents;
using Vigil.Core.Events;
using Vigil.Core.Events.Import;

namespace Vigil.Core.Tests.Events;

/// <summary>Ids, date and number reading, and the event-type catalog.</summary>
public sealed class EventModelTests
{
    public sealed class Event_ids
    {
        [Fact]
        public void Are_16_hex_digits_and_ignore_case_and_spacing_of_the_name()
        {
            var a = EventIdentity.ForDatasetTarget("sanction.counter", "Marco Rubio", "Ministry of Foreign Affairs", "https://x/1");
            var b = EventIdentity.ForDatasetTarget("sanction.counter", "  MARCO   rubio ", "ministry of foreign affairs", "https://x/1");
            Assert.Matches("^[0-9a-f]{16}$", a);
            Assert.Equal(a, b);
        }

        [Fact]
        public void Differ_when_an_identifying_field_differs()
        {
            var a = EventIdentity.ForDatasetTarget("sanction.counter", "Marco Rubio", "Ministry of Foreign Affairs", "https://x/1");
            Assert.NotEqual(a, EventIdentity.ForDatasetTarget("sanction.counter", "Marco Rubio", "Ministry of Foreign Affairs", "https://x/2"));
            Assert.NotEqual(a, EventIdentity.ForDatasetTarget("sanction", "Marco Rubio", "Ministry of Foreign Affairs", "https://x/1"));
            Assert.NotEqual(a, EventIdentity.ForDatasetTarget("sanction.counter", "Marco Rubio", "Ministry of Commerce", "https://x/1"));
        }

        [Fact]
        public void Of_a_document_span_depend_on_type_document_and_offsets()
        {
            var e = LedgerEvent.ProposeFromDocument("police.training", "3f2a9c0d11223344", 120, 188, "train 20,000 police officers");
            Assert.Equal(EventStatus.Proposed, e.Status);
            Assert.Equal(e.Id, EventIdentity.ForDocumentSpan("police.training", "3f2a9c0d11223344", 120, 188));
            Assert.NotEqual(e.Id, EventIdentity.ForDocumentSpan("police.training", "3f2a9c0d11223344", 121, 188));
            var p = Assert.Single(e.Provenance);
            Assert.Equal(("document", "3f2a9c0d11223344", 120, 188, "doc:3f2a9c0d11223344"), (p.Kind, p.Document, p.Start!.Value, p.End!.Value, p.Origin));
        }
    }

    public sealed class Dates
    {
        [Theory]
        [InlineData("02.12.2019", "2019-12-02")]
        [InlineData("13.07.20", "2020-07-13")]
        [InlineData("5.3.2025", "2025-03-05")]
        [InlineData("01.01.68", "2068-01-01")]
        [InlineData("01.01.69", "1969-01-01")]
        [InlineData("31.12.99", "1999-12-31")]
        [InlineData("29.02.2024", "2024-02-29")]
        [InlineData("2021-03", "2021-03")]
        [InlineData("2021", "2021")]
        [InlineData("07.2021", "2021-07")]
        public void Are_read_in_the_dataset_forms(string text, string expected)
        {
            var (date, issue) = EventFieldReader.Date(text, "Date");
            Assert.Null(issue);
            Assert.Equal(expected, date.Text);
        }

        [Theory]
        [InlineData("29.02.2023")]
        [InlineData("32.01.2020")]
        [InlineData("12/07/2020")]
        [InlineData("July 2020")]
        [InlineData("1.1.1")]
        public void That_cannot_be_read_are_unknown_with_an_issue(string text)
        {
            var (date, issue) = EventFieldReader.Date(text, "Date");
            Assert.False(date.IsKnown);
            Assert.Contains($"'{text}'", issue);
        }

        [Fact]
        public void Empty_is_unknown_without_an_issue()
        {
            var (date, issue) = EventFieldReader.Date("  ", "Date");
            Assert.Equal(("unknown", (string?)null), (date.Precision, issue));
        }

        [Fact]
        public void Have_a_first_day_by_precision()
        {
            Assert.Equal(new DateOnly(2020, 1, 1), new EventDate(new PartialDate(2020, null, null)).First);
            Assert.Equal(new DateOnly(2020, 2, 1), new EventDate(new PartialDate(2020, 2, null)).First);
            Assert.Null(EventDate.Unknown.First);
        }
    }

    [Theory]
    [InlineData("20,000", 20000)]
    [InlineData("20 000", 20000)]
    [InlineData("1200.5", 1200.5)]
    [InlineData("-3", -3)]
    public void Numbers_accept_thousands_separators(string text, double expected)
    {
        Assert.True(EventFieldReader.TryNumber(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("")]
    [InlineData("1e400")]
    public void Numbers_that_are_not_are_refused(string text) => Assert.False(EventFieldReader.TryNumber(text, out _));

    public sealed class The_type_catalog
    {
        [Fact]
        public void Has_the_types_of_the_issue_with_labels_domains_and_parents()
        {
            var catalog = EventTypeCatalog.BuiltIn;
            foreach (var id in new[]
            {
                "sanction.counter", "sanction", "export-control.listing", "police.meeting", "police.training", "police.agreement",
                "police.joint-patrol", "police.station-overseas", "law.extraterritorial-case", "attack.overseas-interest",
                "cyber.incident", "diplomacy.initiative",
            })
            {
                var type = catalog.Find(id);
                Assert.NotNull(type);
                Assert.NotEmpty(type.LabelEn);
                Assert.NotEmpty(type.LabelZh);
                Assert.All(type.Domains, d => Assert.NotNull(Domains.TaxonomyLoader.BuiltIn.Find(d)));
                if (id.Contains('.', StringComparison.Ordinal))
                {
                    Assert.Equal(id[..id.LastIndexOf('.')], type.Parent);
                }
            }

            Assert.Equal(["overseas-interests", "political"], catalog.Find("police.training")!.Domains); // inherited from police
            Assert.Equal(["cyber"], catalog.Find("cyber.incident")!.Domains);
            Assert.Equal("Sanction", catalog.FtmSchemaOf("sanction.counter.unreliable-entity"));
            Assert.Equal("Event", catalog.FtmSchemaOf("police.station-overseas"));
        }

        [Theory]
        [InlineData("police.training", "police", true)]
        [InlineData("police", "police", true)]
        [InlineData("policex", "police", false)]
        [InlineData("sanction.counter.unreliable-entity", "sanction.counter", true)]
        [InlineData("sanction", "sanction.counter", false)]
        public void Nests_by_dotted_prefix(string type, string prefix, bool within) => Assert.Equal(within, EventTypeCatalog.IsWithin(type, prefix));

        [Fact]
        public void Takes_a_user_file_that_adds_and_replaces_types()
        {
            var (catalog, problems) = EventTypeCatalog.BuiltIn.Overlay("""
                police.training.cadets | police.training | Cadet training | 警校学员培训 | |
                cyber | - | Cyber operations | 网络行动 | cyber,data | Event
                """, "user.txt");
            Assert.Empty(problems);
            Assert.Equal(["overseas-interests", "political"], catalog!.Find("police.training.cadets")!.Domains);
            Assert.Equal("Cyber operations", catalog.Find("cyber")!.LabelEn);
            Assert.Equal(EventTypeCatalog.BuiltIn.Types.Count + 1, catalog.Types.Count);
        }

        [Theory]
        [InlineData("police.x | law | X | 某 | |", "must have parent 'police'")]
        [InlineData("nowhere.x | nowhere | X | 某 | |", "not defined")]
        [InlineData("police.y | police | Y | 某 | weather |", "unknown domain id(s) weather")]
        [InlineData("Police.Z | police | Z | 某 | |", "lower-case words")]
        [InlineData("police.w | police | W |", "found 4 field(s)")]
        [InlineData("toplevel | - | T | 某 | political | Ship", "Sanction or Event")]
        public void Refuses_a_bad_line_naming_file_and_line(string line, string message)
        {
            var (catalog, problems) = EventTypeCatalog.BuiltIn.Overlay("# comment\n" + line + "\n", "user.txt");
            Assert.Null(catalog);
            var problem = Assert.Single(problems);
            Assert.Equal(("user.txt", 2), (problem.File, problem.Line));
            Assert.Contains(message, problem.Message);
        }
    }
}
