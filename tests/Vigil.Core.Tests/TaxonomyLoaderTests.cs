using Vigil.Core.Domains;

namespace Vigil.Core.Tests;

public class TaxonomyLoaderTests
{
    private const string Valid = """
        # comment
        taxonomy demo
        domain economic               # trailing comment
          zh 经济安全
          en economic security
          alias economic safety
          definition The economy's security.
          law 国家安全法 (2015) 第十九条
          versions 2014 2024
          term 3 经济安全
          term -2 经济安全员
        domain cyber
          zh 网络安全
          zh@2014 信息安全
          en cyber security
          en@2014 information security
          definition Networks.
          versions 2014 2024
          term 3 网络安全
        exclude Security Council
        """;

    private static TaxonomyException Fails(string text, string file = "bad.vtax") =>
        Assert.Throws<TaxonomyException>(() => TaxonomyLoader.Parse(text, file));

    [Fact]
    public void Parses_names_versions_laws_terms_and_exclusions()
    {
        var t = TaxonomyLoader.Parse(Valid, "demo.vtax");
        Assert.Equal("demo", t.Name);
        Assert.Equal(["economic", "cyber"], t.Domains.Select(d => d.Id));
        var economic = t.Find("economic")!;
        Assert.Equal("经济安全", economic.Zh);
        Assert.Equal(["economic safety"], economic.Aliases);
        Assert.Equal(["国家安全法 (2015) 第十九条"], economic.Laws);
        Assert.Equal([3.0, -2.0], economic.Terms.Select(x => x.Weight));
        Assert.Equal(10, economic.Terms[0].Line);
        Assert.Equal("信息安全", t.Find("cyber")!.ZhIn("2014"));
        Assert.Equal("网络安全", t.Find("cyber")!.ZhIn("2024"));
        Assert.Equal("information security", t.Find("cyber")!.EnIn("2014"));
        Assert.Equal(["Security Council"], t.Excludes.Select(x => x.Text));
        Assert.Equal(["2014", "2024"], t.Versions);
        Assert.Equal("2024", t.Latest);
        Assert.Null(t.ForVersion("2021"));
    }

    [Fact]
    public void Duplicate_domain_ids_are_reported_with_both_lines()
    {
        var ex = Fails(Valid + "\ndomain economic\n zh x\n en x\n definition x\n versions 2024\n term 1 x\n");
        Assert.True(ex.Errors.Any(e => e.StartsWith("bad.vtax:21:", StringComparison.Ordinal) && e.Contains("duplicate domain id 'economic' (first defined on line 3)", StringComparison.Ordinal)), string.Join("\n", ex.Errors));
    }

    [Theory]
    [InlineData("term abc 经济", "not a number")]
    [InlineData("term 0 经济", "out of range")]
    [InlineData("term 6 经济", "out of range")]
    [InlineData("term -5.5 经济", "out of range")]
    [InlineData("term 2", "no phrase")]
    [InlineData("colour red", "unknown key 'colour'")]
    [InlineData("definition@2014 x", "unknown key")]
    [InlineData("term 1 经济安全", "already in domain")]
    public void Bad_lines_are_reported_with_file_and_line(string line, string problem)
    {
        var text = "domain economic\n zh 经济安全\n en economic security\n definition d\n versions 2024\n term 3 经济安全\n " + line + "\n";
        var ex = Fails(text);
        Assert.Contains(ex.Errors, e => e.StartsWith("bad.vtax:7:", StringComparison.Ordinal) && e.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_domain_without_positive_terms_has_an_empty_lexicon()
    {
        var ex = Fails("domain x\n zh 甲\n en x\n definition d\n versions 2024\n term -1 乙\n");
        Assert.Contains(ex.Errors, e => e.StartsWith("bad.vtax:1:", StringComparison.Ordinal) && e.Contains("empty lexicon", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_names_and_unknown_parents_are_reported()
    {
        var ex = Fails("domain x\n en x\n versions 2024\n term 1 乙\ndomain y\n zh 乙\n en y\n definition d\n versions 2024\n parent nowhere\n term 1 丙\n");
        Assert.Contains(ex.Errors, e => e.StartsWith("bad.vtax:1:", StringComparison.Ordinal) && e.Contains("has no zh, definition", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("bad.vtax:10:", StringComparison.Ordinal) && e.Contains("unknown parent 'nowhere'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parent_cycles_and_bad_ids_are_reported()
    {
        var ex = Fails("domain a\n zh 甲\n en a\n definition d\n versions 1\n parent b\n term 1 甲\ndomain b\n zh 乙\n en b\n definition d\n versions 1\n parent a\n term 1 乙\ndomain Bad_Id\n");
        Assert.Contains(ex.Errors, e => e.Contains("its own ancestor", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("bad.vtax:15:", StringComparison.Ordinal) && e.Contains("not a valid domain id", StringComparison.Ordinal));
    }

    [Fact]
    public void All_problems_of_a_file_are_reported_together()
    {
        var ex = Fails("domain a\n zh 甲\n term x 甲\n term 9 乙\n nonsense here\n");
        Assert.True(ex.Errors.Count >= 4, string.Join("\n", ex.Errors));
    }

    [Fact]
    public void An_overlay_extends_an_existing_domain_and_adds_a_new_one()
    {
        var baseTaxonomy = TaxonomyLoader.Parse(Valid, "demo.vtax");
        var t = TaxonomyLoader.Overlay(baseTaxonomy, """
            domain economic
              term 2 供应链安全
              term 1 经济安全          # overrides the weight
            domain data
              zh 数据安全
              en data security
              definition Data.
              term 3 数据安全
            exclude securities
            """, "user.vtax");
        var economic = t.Find("economic")!;
        Assert.Equal(1, economic.Terms.Single(x => x.Text == "经济安全").Weight);
        Assert.Equal("user.vtax", economic.Terms.Single(x => x.Text == "供应链安全").File);
        Assert.Equal("经济安全", economic.Zh);
        // A new domain without versions joins every version of the base.
        Assert.Equal(["2014", "2024"], t.Find("data")!.Versions);
        Assert.Equal(["Security Council", "securities"], t.Excludes.Select(x => x.Text));
    }

    [Fact]
    public void An_overlay_can_not_leave_a_domain_without_positive_terms()
    {
        var baseTaxonomy = TaxonomyLoader.Parse(Valid, "demo.vtax");
        var ex = Assert.Throws<TaxonomyException>(() => TaxonomyLoader.Overlay(baseTaxonomy, "domain cyber\n term -1 网络安全\n", "user.vtax"));
        Assert.Contains(ex.Errors, e => e.StartsWith("user.vtax:1:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_user_file_is_a_taxonomy_error()
    {
        var ex = Assert.Throws<TaxonomyException>(() => TaxonomyLoader.Load(["/nonexistent/user.vtax"]));
        Assert.StartsWith("/nonexistent/user.vtax: cannot be read", ex.Errors[0], StringComparison.Ordinal);
    }
}
