namespace Vigil.Web.Tests;

/// <summary>
/// Small documents written for these tests (illustrative, not real texts), with the facts the tests check
/// worked out by hand from the text.
/// </summary>
internal static class TestDocuments
{
    /// <summary>English, 2020: "security" three times (Security, security, security), "supply" once.</summary>
    public const string EnglishName = "en-2020-report.md";

    public const string English = """
        ---
        title: Supply Chains Report
        date: 2020-06-01
        source: Test Bulletin
        ---
        Illustrative test text. The security of supply chains matters to every plant.
        Security planning continues, and security reviews are held each year.
        """;

    /// <summary>Simplified Chinese, 2021: 总体国家安全观 and 统筹发展和安全 once each; food-domain terms 粮食安全 and 耕地红线.</summary>
    public const string ChineseNewName = "zh-2021-report.md";

    public const string ChineseNew = """
        ---
        title: 二〇二一年工作报告（示例）
        date: 2021-03-05
        source: Test Bulletin
        ---
        示例文本，仅供测试。我们要坚持总体国家安全观，统筹发展和安全。粮食安全是国家安全的重要基础，要守住耕地红线。
        """;

    /// <summary>Simplified Chinese, 2012: 战略机遇期 once, neither formulation of the 2021 text.</summary>
    public const string ChineseOldName = "zh-2012-report.md";

    public const string ChineseOld = """
        ---
        title: 二〇一二年工作报告（示例）
        date: 2012-03-05
        source: Test Bulletin
        ---
        示例文本，仅供测试。我国发展仍处于可以大有作为的重要战略机遇期，要抓住机遇。
        """;

    /// <summary>A hostile text file: markup that would run script if the page ever parsed document text as HTML.</summary>
    public const string HostileName = "hostile.txt";

    public const string Hostile = """
        Hostile security note <script>window.__pwned = 1; alert('script')</script>
        <img src=x onerror="window.__pwned = 2; alert('img')"> and <a href="javascript:window.__pwned=3;alert('link')">a javascript: link</a>
        <svg onload="window.__pwned = 4"></svg> end of note.
        """;

    public static IReadOnlyList<(string Name, string Text)> All { get; } =
        [(EnglishName, English), (ChineseNewName, ChineseNew), (ChineseOldName, ChineseOld), (HostileName, Hostile)];
}
