using Vigil.Core.Tifa;

namespace Vigil.Core.Tests;

/// <summary>Small dictionaries and documents for the formulation tracker tests.</summary>
internal static class TifaTestData
{
    /// <summary>A tracker over a dictionary written in the file format (it must be valid).</summary>
    public static FormulationTracker Tracker(string dictionary)
    {
        var parsed = FormulationDictionary.Parse(dictionary, "test.txt");
        Assert.Empty(parsed.Problems);
        var result = FormulationDictionary.Create(parsed.Entries);
        return FormulationTracker.Create(result.Dictionary ?? throw new InvalidOperationException(result.Message));
    }

    public static TrackedDocument Doc(string text, string id = "doc") => TrackedDocument.FromText(id, text);

    /// <summary>A text of exactly <paramref name="han"/> Han characters: the given parts, each closed by 。, then 天 as filler.</summary>
    public static string HanText(int han, params (string Phrase, int Times)[] parts)
    {
        var sb = new System.Text.StringBuilder();
        var used = 0;
        foreach (var (phrase, times) in parts)
        {
            for (var i = 0; i < times; i++)
            {
                sb.Append(phrase).Append('。');
                used += phrase.Length;
            }
        }

        Assert.True(used <= han, "the parts exceed the Han budget");
        sb.Append('天', han - used).Append('。');
        return sb.ToString();
    }
}
