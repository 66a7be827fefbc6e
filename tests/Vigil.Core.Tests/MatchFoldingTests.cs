using Vigil.Core.Text;

namespace Vigil.Core.Tests;

public sealed class MatchFoldingTests
{
    [Theory]
    [InlineData("國家安全", "国家安全")]
    [InlineData("總體國家安全觀", "总体国家安全观")]
    [InlineData("裡面", "里面")]
    [InlineData("頭髮", "头发")]
    [InlineData("National SECURITY", "national security")]
    [InlineData("国家安全", "国家安全")]
    public void Traditional_variant_and_upper_case_forms_fold_to_one_form(string input, string expected)
    {
        Assert.Equal(expected, MatchFolding.Fold(input));
    }

    [Fact]
    public void Folding_keeps_the_length_so_offsets_do_not_move()
    {
        const string text = "Ünïcode 國家 ΣΑΣ 安全";
        Assert.Equal(text.Length, MatchFolding.Fold(text).Length);
    }

    [Fact]
    public void Folding_is_idempotent_over_the_whole_table()
    {
        var all = new string(Enumerable.Range(0x3400, 0x9FFF - 0x3400).Select(i => (char)i).ToArray());
        var once = MatchFolding.Fold(all);
        Assert.Equal(once, MatchFolding.Fold(once));
        Assert.True(HanScript.Default.FoldCount > 2500, "the OpenCC table should fold thousands of characters");
    }

    [Fact]
    public void A_query_is_normalised_before_folding()
    {
        Assert.Equal("ai 安全", MatchFolding.FoldQuery("ＡＩ　安全"));
    }
}
