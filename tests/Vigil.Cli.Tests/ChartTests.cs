using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Spectre.Console.Testing;
using Vigil.Cli.Charts;

namespace Vigil.Cli.Tests;

/// <summary>Charts: PNG/SVG files (size, text, determinism, fonts, bad paths) and the terminal rendering.</summary>
public sealed class ChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly string[] Domains = ["政治安全", "国土安全", "军事安全", "经济安全", "文化安全"];

    private static ChartSpec DomainBars() =>
        new("领域分布 Domains", ChartKind.Bar, Domains, [new ChartSeries("per 10k", [3.2, 1.5, double.NaN, 8.125, 0.4])])
        {
            XLabel = "领域",
            YLabel = "per 10,000 Han characters",
            Caption = "Source: Vigil, 3 documents; per 10,000 Han characters",
        };

    private static ChartSpec Spec(ChartKind kind, string[] categories, params ChartSeries[] series) => new("Chart", kind, categories, series);

    private static string[] Texts(XDocument svg) => svg.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToArray();

    /// <summary>A temporary folder for the files one test writes.</summary>
    private sealed class Scratch : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("vigil-chart-test-").FullName;

        public string File(string name) => Path.Combine(Root, name);

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    public sealed class Png
    {
        [Fact]
        public void A_png_has_the_png_signature_and_the_requested_size_in_its_header()
        {
            using var scratch = new Scratch();
            var result = ChartWriter.Write(DomainBars(), scratch.File("bars.png"), 640, 360);

            Assert.Equal(ChartFormat.Png, result.Format);
            Assert.Equal(scratch.File("bars.png"), result.Path);
            var bytes = File.ReadAllBytes(result.Path);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
            Assert.Equal("IHDR", Encoding.ASCII.GetString(bytes, 12, 4));
            Assert.Equal(640, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.Equal(360, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        }

        [Fact]
        public void The_same_spec_gives_the_same_png_bytes()
        {
            using var scratch = new Scratch();
            ChartWriter.Write(DomainBars(), scratch.File("a.png"));
            ChartWriter.Write(DomainBars(), scratch.File("b.png"));

            Assert.Equal(File.ReadAllBytes(scratch.File("a.png")), File.ReadAllBytes(scratch.File("b.png")));
        }

        [Fact]
        public void Three_hundred_categories_render_at_the_requested_size()
        {
            using var scratch = new Scratch();
            var categories = Enumerable.Range(0, 300).Select(i => "类别" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var spec = Spec(ChartKind.Bar, categories, new ChartSeries("v", categories.Select((_, i) => (double)(i % 17)).ToArray()));

            var bytes = File.ReadAllBytes(ChartWriter.Write(spec, scratch.File("many.png")).Path);

            Assert.Equal(1000, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.Equal(560, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        }
    }

    public sealed class SvgFile
    {
        [Fact]
        public void An_svg_parses_has_the_requested_size_and_keeps_the_title_and_chinese_labels_as_text()
        {
            using var scratch = new Scratch();
            var result = ChartWriter.Write(DomainBars(), scratch.File("bars.svg"), 800, 450);

            Assert.Equal(ChartFormat.Svg, result.Format);
            var svg = XDocument.Load(result.Path);
            Assert.Equal(Svg + "svg", svg.Root!.Name);
            Assert.Equal("800", svg.Root.Attribute("width")!.Value);
            Assert.Equal("450", svg.Root.Attribute("height")!.Value);
            Assert.Equal("领域分布 Domains", svg.Root.Element(Svg + "title")!.Value);
            var texts = Texts(svg);
            Assert.Contains("领域分布 Domains", texts);
            Assert.Contains("政治安全", texts);
            Assert.Contains("经济安全", texts);
            Assert.Contains("领域", texts);
            Assert.Contains("Source: Vigil, 3 documents; per 10,000 Han characters", texts);
        }

        [Fact]
        public void The_same_spec_gives_identical_svg_bytes_even_after_other_charts_were_drawn()
        {
            // Skia numbers clip paths from a process-wide counter; the writer renumbers them.
            using var scratch = new Scratch();
            ChartWriter.Write(DomainBars(), scratch.File("a.svg"));
            ChartWriter.Write(Spec(ChartKind.Line, ["2020", "2021"], new ChartSeries("x", [1, 2])), scratch.File("other.svg"));
            ChartWriter.Write(DomainBars(), scratch.File("b.svg"));

            var a = File.ReadAllBytes(scratch.File("a.svg"));
            Assert.Equal(a, File.ReadAllBytes(scratch.File("b.svg")));
            Assert.Contains("id=\"cl_1\"", Encoding.UTF8.GetString(a), StringComparison.Ordinal);
        }

        [Fact]
        public void Charts_drawn_on_several_threads_at_once_are_identical_to_one_drawn_alone()
        {
            var alone = ChartWriter.Render(DomainBars(), ChartFormat.Svg, 1000, 560, HanFontLocator.Installed, new List<string>());

            var parallel = new byte[8][];
            Parallel.For(0, parallel.Length, i =>
                parallel[i] = ChartWriter.Render(DomainBars(), ChartFormat.Svg, 1000, 560, HanFontLocator.Installed, new List<string>()));

            Assert.All(parallel, bytes => Assert.Equal(alone, bytes));
        }

        [Fact]
        public void Three_hundred_categories_show_every_sixth_label_turned_so_they_do_not_overlap()
        {
            // 300 slots over ~890 px of data area are 2.97 px wide; a 12 px label needs 15.6 px, so every 6th is shown.
            using var scratch = new Scratch();
            var categories = Enumerable.Range(0, 300).Select(i => "类别" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var spec = Spec(ChartKind.Bar, categories, new ChartSeries("v", categories.Select((_, i) => (double)(i % 17)).ToArray()));

            var labels = Texts(XDocument.Load(ChartWriter.Write(spec, scratch.File("many.svg")).Path)).Where(t => t.StartsWith("类别", StringComparison.Ordinal)).ToList();

            Assert.Equal(Enumerable.Range(0, 50).Select(i => "类别" + (i * 6).ToString(CultureInfo.InvariantCulture)), labels);
        }

        [Fact]
        public void A_long_category_label_is_cut_with_an_ellipsis()
        {
            using var scratch = new Scratch();
            var spec = Spec(ChartKind.Bar, ["科技安全 (technology security, a long English gloss)", "网络安全"], new ChartSeries("v", [1, 2]));

            var texts = Texts(XDocument.Load(ChartWriter.Write(spec, scratch.File("long.svg")).Path));

            // 24 columns: 科技安全 is 8, " (technology se" 15, the ellipsis 1.
            Assert.Contains("科技安全 (technology se…", texts);
        }

        [Fact]
        public void Markup_and_script_in_labels_are_text_in_the_svg_not_elements()
        {
            using var scratch = new Scratch();
            var spec = Spec(ChartKind.GroupedBar, ["[red]alert[/]", "<script>x</script>", "a & b"],
                new ChartSeries("<b>bold</b>", [1, 2, 3]), new ChartSeries("[red]", [3, 2, 1]));

            var path = ChartWriter.Write(spec, scratch.File("hostile.svg")).Path;
            var svg = XDocument.Load(path);

            Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName is "script" or "b");
            var texts = Texts(svg);
            Assert.Contains("[red]alert[/]", texts);
            Assert.Contains("<script>x</script>", texts);
            Assert.Contains("a & b", texts);
            Assert.Contains("<b>bold</b>", texts);
            Assert.Contains("&lt;script&gt;", File.ReadAllText(path), StringComparison.Ordinal);
        }

        [Fact]
        public void Control_characters_and_lone_surrogates_in_labels_still_give_valid_xml()
        {
            using var scratch = new Scratch();
            var spec = new ChartSpec("title\u0000with\u001b[31mNUL", ChartKind.Bar, ["line\nbreak", "bad\uD800half", "tab\there"], [new ChartSeries("s\u0007", [1, 2, 3])]);

            var svg = XDocument.Load(ChartWriter.Write(spec, scratch.File("controls.svg")).Path);

            var texts = Texts(svg);
            Assert.Contains("line break", texts);
            Assert.Contains("bad\uFFFDhalf", texts);
            Assert.Contains("title with [31mNUL", texts);
        }

        [Fact]
        public void A_line_chart_with_gaps_shows_every_series_in_the_legend_even_one_without_values()
        {
            using var scratch = new Scratch();
            var line = Spec(ChartKind.Line, ["2012", "2017", "2022"],
                new ChartSeries("国家安全", [4, double.NaN, 29]), new ChartSeries("security", [1, 2, 3]), new ChartSeries("missing", [double.NaN, double.NaN, double.NaN]));

            var texts = Texts(XDocument.Load(ChartWriter.Write(line, scratch.File("line.svg")).Path));

            Assert.Contains("国家安全", texts);
            Assert.Contains("security", texts);
            Assert.Contains("missing", texts);
            Assert.Contains("2017", texts);
        }
    }

    public sealed class EmptyData
    {
        [Fact]
        public void A_chart_without_categories_is_drawn_with_a_no_data_note_and_a_warning()
        {
            using var scratch = new Scratch();
            var result = ChartWriter.Write(Spec(ChartKind.Bar, [], new ChartSeries("v", [])), scratch.File("empty.svg"));

            Assert.Contains(ChartPlot.NoDataText, Texts(XDocument.Load(result.Path)));
            Assert.Contains(result.Warnings, w => w.Contains("no values", StringComparison.Ordinal));
        }

        [Fact]
        public void A_chart_without_series_is_drawn_with_a_no_data_note()
        {
            using var scratch = new Scratch();
            var result = ChartWriter.Write(Spec(ChartKind.GroupedBar, ["a", "b"]), scratch.File("none.png"));

            Assert.True(File.Exists(result.Path));
            Assert.Contains(result.Warnings, w => w.Contains("no values", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("Bar")]
        [InlineData("Line")]
        public void An_all_missing_series_is_drawn_with_a_no_data_note(string chartKind)
        {
            var kind = Enum.Parse<ChartKind>(chartKind);
            using var scratch = new Scratch();
            var result = ChartWriter.Write(Spec(kind, ["2020", "2021"], new ChartSeries("v", [double.NaN, double.NaN])), scratch.File("nan.svg"));

            var texts = Texts(XDocument.Load(result.Path));
            Assert.Contains(ChartPlot.NoDataText, texts);
            Assert.Contains("2021", texts);
        }
    }

    public sealed class BadInput
    {
        [Theory]
        [InlineData(1e15, -1e15)]
        [InlineData(1e15, 0)]
        [InlineData(double.Epsilon, 1e-300)]
        [InlineData(-3, -3)]
        [InlineData(0, 0)]
        public void Extreme_values_render_to_both_formats(double a, double b)
        {
            using var scratch = new Scratch();
            foreach (var kind in new[] { ChartKind.Bar, ChartKind.Line })
            {
                var spec = Spec(kind, ["a", "b"], new ChartSeries("v", [a, b]));

                Assert.NotNull(XDocument.Load(ChartWriter.Write(spec, scratch.File($"{kind}.svg")).Path).Root);
                Assert.True(new FileInfo(ChartWriter.Write(spec, scratch.File($"{kind}.png")).Path).Length > 0);
            }
        }

        [Theory]
        [InlineData("chart.jpg")]
        [InlineData("chart")]
        [InlineData("chart.png.txt")]
        public void An_unknown_extension_is_an_argument_error_naming_the_file_and_writes_nothing(string name)
        {
            using var scratch = new Scratch();

            var error = Assert.Throws<ArgumentException>(() => ChartWriter.Write(DomainBars(), scratch.File(name)));

            Assert.Contains(name, error.Message, StringComparison.Ordinal);
            Assert.Contains(".png or .svg", error.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.Root));
        }

        [Fact]
        public void An_upper_case_extension_is_accepted()
        {
            using var scratch = new Scratch();

            Assert.Equal(ChartFormat.Svg, ChartWriter.Write(DomainBars(), scratch.File("CHART.SVG")).Format);
        }

        [Fact]
        public void A_missing_directory_is_an_error_naming_it_and_nothing_is_created()
        {
            using var scratch = new Scratch();
            var missing = scratch.File("no-such-dir");

            var error = Assert.Throws<DirectoryNotFoundException>(() => ChartWriter.Write(DomainBars(), Path.Combine(missing, "chart.png")));

            Assert.Contains(missing, error.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(missing));
            Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.Root));
        }

        [Fact]
        public void A_path_that_is_a_directory_is_an_error()
        {
            using var scratch = new Scratch();
            Directory.CreateDirectory(scratch.File("dir.png"));

            var error = Assert.Throws<IOException>(() => ChartWriter.Write(DomainBars(), scratch.File("dir.png")));

            Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void An_existing_file_is_replaced_whole_and_no_temporary_file_is_left()
        {
            using var scratch = new Scratch();
            File.WriteAllText(scratch.File("chart.svg"), "old");

            ChartWriter.Write(DomainBars(), scratch.File("chart.svg"));

            Assert.Equal(["chart.svg"], Directory.EnumerateFileSystemEntries(scratch.Root).Select(Path.GetFileName));
            Assert.NotNull(XDocument.Load(scratch.File("chart.svg")).Root);
        }

        [Fact]
        public void A_malformed_spec_fails_before_an_existing_file_is_touched()
        {
            using var scratch = new Scratch();
            File.WriteAllText(scratch.File("chart.png"), "old");
            var spec = Spec(ChartKind.Bar, ["a", "b"], new ChartSeries("short", [1]));

            var error = Assert.Throws<ArgumentException>(() => ChartWriter.Write(spec, scratch.File("chart.png")));

            Assert.Contains("series 'short' has 1 values for 2 categories", error.Message, StringComparison.Ordinal);
            Assert.Equal("old", File.ReadAllText(scratch.File("chart.png")));
        }

        [Theory]
        [InlineData(199, 560)]
        [InlineData(1000, 8001)]
        [InlineData(0, 0)]
        public void A_size_out_of_range_is_an_argument_error(int width, int height)
        {
            using var scratch = new Scratch();

            var error = Assert.Throws<ArgumentOutOfRangeException>(() => ChartWriter.Write(DomainBars(), scratch.File("c.png"), width, height));

            Assert.Contains("200 to 8000", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_bar_chart_with_two_series_an_infinite_or_huge_value_or_too_many_categories_is_rejected()
        {
            Assert.Contains("use GroupedBar", Assert.Throws<ArgumentException>(() =>
                Spec(ChartKind.Bar, ["a"], new ChartSeries("x", [1]), new ChartSeries("y", [2])).Validate()).Message, StringComparison.Ordinal);
            Assert.Contains("infinite at category 'b'", Assert.Throws<ArgumentException>(() =>
                Spec(ChartKind.Line, ["a", "b"], new ChartSeries("x", [1, double.PositiveInfinity])).Validate()).Message, StringComparison.Ordinal);
            Assert.Contains("beyond ±1e15 at category 'a'", Assert.Throws<ArgumentException>(() =>
                Spec(ChartKind.Line, ["a", "b"], new ChartSeries("x", [-1e16, 1])).Validate()).Message, StringComparison.Ordinal);
            var many = Enumerable.Range(0, ChartSpec.MaxCategories + 1).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
            Assert.Throws<ArgumentException>(() => Spec(ChartKind.Bar, many, new ChartSeries("x", new double[many.Length])).Validate());
        }
    }

    public sealed class ChineseFont
    {
        /// <summary>Known CJK font files, checked by name so the skip does not depend on the code under test.</summary>
        private static readonly string[] KnownCjkFontNames = ["gbsn00lp", "gkai00mp", "DroidSansFallback", "NotoSansCJK", "NotoSerifCJK", "SourceHanSans", "wqy-", "uming", "ukai"];

        private const string Arphic = "/usr/share/fonts/truetype/arphic-gbsn00lp";
        private const string Droid = "/usr/share/fonts/truetype/droid";

        private static bool AnyCjkFontInstalled() =>
            HanFontLocator.DefaultDirectories().SelectMany(d => Directory.EnumerateFiles(d, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
                .Any(f => KnownCjkFontNames.Any(n => Path.GetFileName(f).Contains(n, StringComparison.OrdinalIgnoreCase)));

        [Fact]
        public void This_machine_has_a_font_with_han_characters_and_the_locator_finds_it()
        {
            if (!AnyCjkFontInstalled())
            {
                Assert.Skip("no CJK font installed here (apt-get install fonts-arphic-gbsn00lp or fonts-noto-cjk)");
            }

            var font = HanFontLocator.Installed;

            Assert.NotNull(font);
            Assert.True(font.Typeface.ContainsGlyphs("安全国家经济"), font.ToString());
            Assert.True(File.Exists(font.Path));
        }

        [Fact]
        public void A_chinese_label_in_the_svg_is_drawn_in_the_located_font()
        {
            var font = HanFontLocator.Installed;
            if (font is null)
            {
                Assert.Skip("no CJK font installed here (apt-get install fonts-arphic-gbsn00lp or fonts-noto-cjk)");
            }

            using var scratch = new Scratch();
            var result = ChartWriter.Write(DomainBars(), scratch.File("font.svg"));

            var label = XDocument.Load(result.Path).Descendants(Svg + "text").First(t => t.Value.Trim() == "政治安全");
            Assert.StartsWith(font.FamilyName, label.Attribute("font-family")!.Value, StringComparison.Ordinal);
            Assert.DoesNotContain(result.Warnings, w => w.Contains("font", StringComparison.Ordinal));
        }

        [Fact]
        public void A_han_font_that_also_has_latin_letters_wins_over_one_that_has_not()
        {
            if (!Directory.Exists(Arphic) || !Directory.Exists(Droid))
            {
                Assert.Skip($"needs both {Arphic} (fonts-arphic-gbsn00lp) and {Droid} (fonts-droid-fallback)");
            }

            // Droid Sans Fallback comes first in this list and has no Latin letters; AR PL SungtiL GB has both.
            var font = HanFontLocator.Find([Droid, Arphic]);

            Assert.NotNull(font);
            Assert.Equal("AR PL SungtiL GB", font.FamilyName);
            Assert.True(font.CoversLatin);
            Assert.False(HanFontLocator.Find([Droid])!.CoversLatin);
        }

        [Fact]
        public void With_a_han_only_font_latin_texts_keep_the_latin_font_and_mixed_labels_are_warned_about()
        {
            var droid = Directory.Exists(Droid) ? HanFontLocator.Find([Droid]) : null;
            if (droid is null)
            {
                Assert.Skip($"needs Droid Sans Fallback in {Droid} (fonts-droid-fallback)");
            }

            var warnings = new List<string>();
            var svg = ChartWriter.Render(DomainBars(), ChartFormat.Svg, 1000, 560, droid, warnings);

            var texts = XDocument.Parse(Encoding.UTF8.GetString(svg)).Descendants(Svg + "text").ToList();
            Assert.StartsWith("Droid Sans Fallback", texts.First(t => t.Value.Trim() == "政治安全").Attribute("font-family")!.Value, StringComparison.Ordinal);
            Assert.DoesNotContain("Droid", texts.First(t => t.Value.Trim() == "Source: Vigil, 3 documents; per 10,000 Han characters").Attribute("font-family")!.Value, StringComparison.Ordinal);
            Assert.Contains(warnings, w => w.Contains("may show as boxes, e.g. '领域分布 Domains'", StringComparison.Ordinal));
        }

        [Fact]
        public void Without_any_han_font_the_chart_is_still_written_with_a_warning_saying_what_to_install()
        {
            using var scratch = new Scratch();

            var result = ChartWriter.Write(DomainBars(), scratch.File("nofont.png"), 1000, 560, hanFont: null);

            Assert.True(File.Exists(result.Path));
            Assert.Equal([ChartFonts.NoHanFontWarning], result.Warnings);
            Assert.Equal("no font with Chinese characters found; install fonts-noto-cjk or fonts-arphic-gbsn00lp", ChartFonts.NoHanFontWarning);
        }

        [Fact]
        public void A_latin_only_chart_needs_no_han_font_and_has_no_warnings()
        {
            using var scratch = new Scratch();

            var result = ChartWriter.Write(Spec(ChartKind.Line, ["2020", "2021"], new ChartSeries("security", [1, 2])), scratch.File("latin.png"), 1000, 560, hanFont: null);

            Assert.Empty(result.Warnings);
        }

        [Fact]
        public void Font_directories_without_fonts_or_with_broken_font_files_give_no_font()
        {
            using var scratch = new Scratch();
            File.WriteAllText(scratch.File("broken.ttf"), "not a font");
            File.WriteAllBytes(scratch.File("empty.ttc"), []);

            Assert.Null(HanFontLocator.Find([scratch.Root, scratch.File("does-not-exist")]));
        }
    }

    public sealed class Text
    {
        [Theory]
        [InlineData("国家安全国家安全", 10, "国家安全…")] // 4 Han = 8 columns + ellipsis = 9; a 5th would make 11.
        [InlineData("national security", 9, "national…")] // "national " is 9 > 8, the trailing space is dropped.
        [InlineData("short", 9, "short")]
        [InlineData("a\nb\u0000c", 9, "a b c")]
        public void Labels_are_cleaned_and_cut_by_display_columns(string text, int columns, string expected)
        {
            Assert.Equal(expected, ChartText.Shorten(text, columns));
        }

        [Fact]
        public void A_lone_surrogate_becomes_the_replacement_character()
        {
            // Built at run time: a lone surrogate does not survive as [InlineData].
            Assert.Equal("bad\uFFFDx", ChartText.Shorten("bad" + (char)0xD800 + "x", 9));
        }

        [Fact]
        public void Han_characters_count_two_columns()
        {
            Assert.Equal(7, ChartText.Columns("安全 ab"));
        }

        [Theory]
        [InlineData(12.3456, "12.35")]
        [InlineData(1234.5, "1235")]
        [InlineData(0.5, "0.5")]
        [InlineData(-2, "-2")]
        [InlineData(0.000123456, "0.0001235")]
        [InlineData(5.551115123125783E-17, "0")]
        [InlineData(-5.551115123125783E-17, "0")]
        [InlineData(double.NaN, "–")]
        public void Numbers_are_written_with_four_significant_digits_in_the_invariant_culture(double value, string expected)
        {
            var culture = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
                Assert.Equal(expected, ChartNumber.Format(value));
            }
            finally
            {
                CultureInfo.CurrentCulture = culture;
            }
        }
    }

    public sealed class Terminal
    {
        private static string Render(ChartSpec spec)
        {
            var console = new TestConsole();
            console.Profile.Width = 100;
            var culture = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
                TerminalChart.Render(console, spec);
            }
            finally
            {
                CultureInfo.CurrentCulture = culture;
            }

            return console.Output;
        }

        [Fact]
        public void One_series_is_a_bar_chart_with_invariant_numbers_and_missing_values_listed()
        {
            var output = Render(DomainBars());

            Assert.Contains("领域分布 Domains", output, StringComparison.Ordinal);
            Assert.Contains("政治安全", output, StringComparison.Ordinal);
            Assert.Contains("8.125", output, StringComparison.Ordinal);
            Assert.DoesNotContain("8,125", output, StringComparison.Ordinal);
            Assert.Contains("No value: 军事安全", output, StringComparison.Ordinal);
            Assert.Contains("Source: Vigil, 3 documents; per 10,000 Han characters", output, StringComparison.Ordinal);
        }

        [Fact]
        public void Several_series_are_a_table_with_a_dash_for_missing_values()
        {
            var output = Render(Spec(ChartKind.GroupedBar, ["2012", "2017"], new ChartSeries("国家安全", [4, double.NaN]), new ChartSeries("security", [1.5, -2])));

            Assert.Contains("国家安全", output, StringComparison.Ordinal);
            Assert.Contains("security", output, StringComparison.Ordinal);
            Assert.Contains("1.5", output, StringComparison.Ordinal);
            Assert.Contains("-2", output, StringComparison.Ordinal);
            Assert.Contains("–", output, StringComparison.Ordinal);
            Assert.Contains("████", output, StringComparison.Ordinal);
        }

        [Fact]
        public void Markup_script_and_escape_sequences_in_labels_print_as_text()
        {
            var bar = Spec(ChartKind.Bar, ["[red]alert[/]", "<script>x</script>", "esc\u001b[31mred"], new ChartSeries("[bold]v", [1, 2, 3]));
            var table = Spec(ChartKind.GroupedBar, ["[red]alert[/]", "<script>x</script>"], new ChartSeries("[bold]v", [1, 2]), new ChartSeries("[/]", [2, 1]));

            foreach (var output in new[] { Render(bar), Render(table) })
            {
                Assert.Contains("[red]alert[/]", output, StringComparison.Ordinal);
                Assert.Contains("<script>x</script>", output, StringComparison.Ordinal);
                Assert.DoesNotContain('\u001b', output);
            }

            Assert.Contains("[/]", Render(table), StringComparison.Ordinal);
        }

        [Fact]
        public void A_chart_without_values_says_so()
        {
            var output = Render(Spec(ChartKind.Line, ["2020"], new ChartSeries("v", [double.NaN])));

            Assert.Contains("No data", output, StringComparison.Ordinal);
        }
    }
}
