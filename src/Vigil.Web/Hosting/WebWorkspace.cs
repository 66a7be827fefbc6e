using Vigil.Core.Analysis;
using Vigil.Core.Domains;
using Vigil.Core.Ingestion;
using Vigil.Core.Storage;
using Vigil.Core.Tifa;
using Vigil.Formats;
using Vigil.Search.Lucene;
using Vigil.Storage.Sqlite;

namespace Vigil.Web.Hosting;

/// <summary>
/// The server's view of one data directory: the document store and search index (opened once, shared by all
/// requests; both are thread-safe), the taxonomy classifiers (compiled once per version), and the lock that
/// lets one upload ingest at a time.
/// </summary>
public sealed class WebWorkspace : IDisposable
{
    private readonly Lock _taxonomyLock = new();
    private readonly Dictionary<string, (string Stamp, TaxonomyLoad Load, DomainClassifier? Classifier)> _taxonomies = new(StringComparer.Ordinal);
    private readonly Lazy<FormulationTracker> _formulations = new(() => FormulationTracker.Create(FormulationDictionary.BuiltIn));

    private WebWorkspace(string directory, IDocumentStore store, LuceneSearchIndex index, TimeProvider time)
    {
        DataDirectory = directory;
        Store = store;
        Index = index;
        Time = time;
    }

    public string DataDirectory { get; }

    public IDocumentStore Store { get; }

    public LuceneSearchIndex Index { get; }

    public TimeProvider Time { get; }

    /// <summary>
    /// Searches running at once: one per core. More would only share the cores (each finishing later) and keep more
    /// garbage alive; measured with 50 clients at 100k documents, workstation GC: 361 → 475 req/s, p99 252 → 133 ms (bench/README.md).
    /// </summary>
    public SemaphoreSlim SearchSlots { get; } = new(Environment.ProcessorCount, Environment.ProcessorCount);

    /// <summary>Uploads are ingested one request at a time (the index has one writer).</summary>
    public SemaphoreSlim IngestLock { get; } = new(1, 1);

    public static WebWorkspace Open(string dataDirectory, TimeProvider time)
    {
        var store = SqliteDocumentStore.Open(dataDirectory);
        try
        {
            return new WebWorkspace(dataDirectory, store, LuceneSearchIndex.Open(dataDirectory), time);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The formulation tracker of the built-in dictionary (compiled once).</summary>
    public FormulationTracker Formulations => _formulations.Value;

    /// <summary>
    /// The taxonomy of <paramref name="version"/> (null: the newest) with DATA/taxonomy.vtax applied, and its
    /// classifier; rebuilt when that file changes.
    /// </summary>
    public (TaxonomyLoad Load, DomainClassifier? Classifier) Taxonomy(string? version) => Classifier(version, evidence: false);

    /// <summary>As <see cref="Taxonomy"/>, with a classifier that keeps every match as evidence (<see cref="EvidenceSpans"/>).</summary>
    public (TaxonomyLoad Load, DomainClassifier? Classifier) EvidenceTaxonomy(string? version) => Classifier(version, evidence: true);

    private (TaxonomyLoad Load, DomainClassifier? Classifier) Classifier(string? version, bool evidence)
    {
        var file = new FileInfo(Path.Combine(DataDirectory, TaxonomySelection.DataDirectoryFile));
        var stamp = file.Exists ? $"{file.LastWriteTimeUtc.Ticks}:{file.Length}" : "";
        var key = (evidence ? "evidence:" : "") + (version ?? "");
        lock (_taxonomyLock)
        {
            if (_taxonomies.TryGetValue(key, out var cached) && cached.Stamp == stamp)
            {
                return (cached.Load, cached.Classifier);
            }
        }

        var load = TaxonomySelection.Load(DataDirectory, null, version);
        var classifier = load.Taxonomy is { } taxonomy ? new DomainClassifier(taxonomy, evidence ? EvidenceSpans.Parameters : null) : null;
        lock (_taxonomyLock)
        {
            _taxonomies[key] = (stamp, load, classifier);
        }

        return (load, classifier);
    }

    /// <summary>
    /// Ingests <paramref name="paths"/> with an ingestor whose index writer is opened for this run only and closed
    /// after it, so a CLI <c>vigil ingest</c> can run while the server is up (just not at the same moment).
    /// </summary>
    public async Task<IngestReport> IngestAsync(IReadOnlyList<string> paths, IngestOptions options, CancellationToken cancellationToken)
    {
        await IngestLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var writerIndex = LuceneSearchIndex.Open(DataDirectory);
            var ingestor = new Ingestor(Store, writerIndex, new ParserRegistry(), AnalysisPipeline.Default, Time);
            var report = await ingestor.IngestAsync(paths, options, null, cancellationToken).ConfigureAwait(false);

            // The searching instance looks for other writers' commits only now and then: show these at once.
            Index.Refresh();
            return report;
        }
        finally
        {
            IngestLock.Release();
        }
    }

    public void Dispose()
    {
        Index.Dispose();
        Store.Dispose();
        IngestLock.Dispose();
        SearchSlots.Dispose();
    }
}
