using Vigil.Core.Domains;
using Vigil.Core.Events;
using Vigil.Core.Geo;
using Vigil.Core.Storage;

namespace Vigil.Core.Indicators;

/// <summary>
/// The series builder of a data directory, as the CLI (indicators series, watch, backtest) and the web API both use it:
/// stored documents (terms, formulations, domains, the index), ledger events and imported series.
/// </summary>
public static class IndicatorSeriesSources
{
    /// <param name="onTaxonomyError">Told each problem with the data directory's taxonomy (once per version); a domain or index series of that version then fails with its own message.</param>
    public static IndicatorSeriesBuilder ForDataDirectory(string dataDirectory, IDocumentStore documents, IIndicatorStore indicators, IEventStore events,
        Action<string>? onTaxonomyError = null)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(events);
        var classifiers = new Dictionary<string, DomainClassifier?>(StringComparer.Ordinal);
        DomainClassifier? ClassifierFor(string version)
        {
            lock (classifiers)
            {
                if (!classifiers.TryGetValue(version, out var classifier))
                {
                    var load = TaxonomySelection.Load(dataDirectory, null, version);
                    foreach (var error in load.Errors)
                    {
                        onTaxonomyError?.Invoke(error);
                    }

                    classifiers[version] = classifier = load.Taxonomy is { } taxonomy ? new DomainClassifier(taxonomy) : null;
                }

                return classifier;
            }
        }

        return new IndicatorSeriesBuilder([new DocumentSeriesSource(documents, ClassifierFor), new EventSeriesSource(events, Gazetteer.BuiltIn, documents),
            new ImportedSeriesSource(indicators)]);
    }
}
