using Vigil.Core.Geo;

namespace Vigil.Core.Events.Extraction;

/// <summary>Country mentions from the gazetteer (<see cref="Gazetteer.FindMentions"/>), for the extractor.</summary>
public sealed class GazetteerCountryFinder : ICountryFinder
{
    private readonly Gazetteer _gazetteer;

    public GazetteerCountryFinder(Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        _gazetteer = gazetteer;
    }

    /// <summary>The built-in gazetteer.</summary>
    public static GazetteerCountryFinder BuiltIn { get; } = new(Gazetteer.BuiltIn);

    public IReadOnlyList<CountryHit> Find(string text) =>
        _gazetteer.FindMentions(text).Select(m => new CountryHit(m.Code, m.Start, m.Length)).ToList();
}
