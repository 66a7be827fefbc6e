namespace Vigil.Core.Tifa;

/// <summary>A formulation found in one document, with its counts and rate.</summary>
/// <param name="Zh">Occurrences of its Chinese forms.</param>
/// <param name="En">Occurrences of its English forms.</param>
/// <param name="Per10K">Per 10,000 Han characters (Chinese forms) plus words (English forms), as in <c>tifa timeline</c>.</param>
public sealed record FoundFormulation(Formulation Formulation, long Count, long Zh, long En, double Per10K);

/// <summary>The formulations of a dictionary that occur in a document (the document page's "formulations found").</summary>
public static class DocumentFormulations
{
    /// <summary>Every formulation with at least one occurrence, most frequent first, then by id.</summary>
    public static IReadOnlyList<FoundFormulation> Find(FormulationTracker tracker, TrackedDocument document)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        var counts = tracker.Count(document);
        var found = new List<FoundFormulation>();
        var formulations = tracker.Dictionary.Formulations;
        for (var f = 0; f < formulations.Count; f++)
        {
            var count = counts.Count(f);
            if (count > 0)
            {
                found.Add(new FoundFormulation(formulations[f], count, counts.Zh(f), counts.En(f), counts.Per10K(f)));
            }
        }

        found.Sort((x, y) => y.Count.CompareTo(x.Count) is var c && c != 0 ? c : string.CompareOrdinal(x.Formulation.Id, y.Formulation.Id));
        return found;
    }
}
