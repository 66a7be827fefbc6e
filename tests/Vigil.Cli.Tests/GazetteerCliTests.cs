namespace Vigil.Cli.Tests;

/// <summary><c>vigil gazetteer lookup|blocs</c>.</summary>
public sealed class GazetteerCliTests
{
    [Fact]
    public void Lookup_resolves_each_field_and_exits_0_when_all_are_known()
    {
        using var cli = new CliRunner();
        var result = cli.Run("gazetteer", "lookup", "Japan", "JPN", "捷克", "U.S.", "US; 英國");
        Assert.Equal(0, result.ExitCode);
        var rows = result.Json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["JP", "JP", "CZ", "US", null], rows.Select(r => r.GetProperty("code").GetString()));
        Assert.Equal(["name", "code", "zh", "variant", "several"], rows.Select(r => r.GetProperty("how").GetString()));
        Assert.Equal("Czechia", rows[2].GetProperty("name").GetString());
        Assert.Equal(["US", "GB"], rows[4].GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
        Assert.Equal(0, result.Json.GetProperty("unknown").GetInt32());
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void Lookup_exits_2_and_names_unknown_and_ambiguous_fields()
    {
        using var cli = new CliRunner();
        var result = cli.Run("gazetteer", "lookup", "Japan", "Narnia", "Korea");
        Assert.Equal(2, result.ExitCode);
        var rows = result.Json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["name", "unknown", "ambiguous"], rows.Select(r => r.GetProperty("how").GetString()));
        Assert.Equal(["KR", "KP"], rows[2].GetProperty("candidates").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(2, result.Json.GetProperty("unknown").GetInt32());
        Assert.Contains("\"Narnia\" is not a country", result.Error, StringComparison.Ordinal);
        Assert.Contains("\"Korea\" could mean KR or KP", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Blocs_lists_the_members_on_the_given_day()
    {
        using var cli = new CliRunner();
        var before = cli.Run("gazetteer", "blocs", "--on", "2020-01-31", "--bloc", "EU");
        var after = cli.Run("gazetteer", "blocs", "--on", "2020-02-01", "--bloc", "欧盟");
        Assert.Equal(0, before.ExitCode);
        Assert.Equal("2020-01-31", before.Json.GetProperty("date").GetString());
        var eu = before.Json.GetProperty("blocs")[0];
        Assert.Equal("EU", eu.GetProperty("id").GetString());
        Assert.Equal(28, eu.GetProperty("count").GetInt32());
        Assert.Contains("GB", eu.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
        var euAfter = after.Json.GetProperty("blocs")[0];
        Assert.Equal(27, euAfter.GetProperty("count").GetInt32());
        Assert.DoesNotContain("GB", euAfter.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
    }

    [Fact]
    public void Blocs_without_a_filter_lists_every_bloc_and_BRICS_has_ten_members_in_2025()
    {
        using var cli = new CliRunner();
        var result = cli.Run("gazetteer", "blocs", "--on", "2025-03-01");
        var blocs = result.Json.GetProperty("blocs").EnumerateArray().ToList();
        Assert.Equal(["EU", "G7", "QUAD", "FVEY", "SCO", "BRICS", "ASEAN", "PIF"], blocs.Select(b => b.GetProperty("id").GetString()));
        Assert.Equal(10, blocs[5].GetProperty("count").GetInt32());
        Assert.Equal(10, blocs[6].GetProperty("count").GetInt32());
    }

    [Fact]
    public void Blocs_defaults_to_today_from_the_injected_clock_and_prints_a_table_on_a_terminal()
    {
        using var cli = new CliRunner { Time = new FixedTime(new DateTimeOffset(2019, 6, 1, 12, 0, 0, TimeSpan.Zero)) };
        var quad = cli.Run(terminal: true, "gazetteer", "blocs", "--bloc", "QUAD");
        Assert.Equal(0, quad.ExitCode);
        Assert.Contains("AU IN JP US", quad.Console, StringComparison.Ordinal);

        // "Today" is the injected 2019-06-01: the UK is still in the EU, and the JSON says which day it used.
        var eu = cli.Run("gazetteer", "blocs", "--bloc", "EU").Json;
        Assert.Equal("2019-06-01", eu.GetProperty("date").GetString());
        Assert.Contains(eu.GetProperty("blocs")[0].GetProperty("members").EnumerateArray(), m => m.GetProperty("code").GetString() == "GB");
    }

    [Theory]
    [InlineData("2020-13-01")]
    [InlineData("31.01.2020")]
    public void Blocs_rejects_a_bad_date_as_a_usage_error(string date)
    {
        using var cli = new CliRunner();
        var result = cli.Run("gazetteer", "blocs", "--on", date);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--on needs a date as YYYY-MM-DD", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Blocs_rejects_an_unknown_bloc()
    {
        using var cli = new CliRunner();
        var result = cli.Run("gazetteer", "blocs", "--bloc", "NATO");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unknown bloc 'NATO'", result.Error, StringComparison.Ordinal);
    }
}

/// <summary>A clock stopped at one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
