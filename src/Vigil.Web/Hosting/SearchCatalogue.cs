using System.Collections.Concurrent;
using Vigil.Core.Documents;

namespace Vigil.Web.Hosting;

/// <summary>
/// The catalogue entries (title, path, date, source, language) search hits show, kept in memory so a page of hits
/// does not cost a database query per hit. Entries belong to one index generation: any commit (an upload here, a
/// CLI ingest or reindex seen by the index) starts an empty cache. Within a generation an entry cannot go stale: a
/// stored document's catalogue fields are written once, and re-ingesting its content elsewhere only adds later paths.
/// </summary>
public sealed class SearchCatalogue(WebWorkspace workspace)
{
    /// <summary>Entries kept at most per generation (a few kB each); beyond it look-ups go to the database.</summary>
    public const int Capacity = 20_000;

    private readonly Lock _lock = new();
    private ConcurrentDictionary<string, DocumentInfo> _entries = new(StringComparer.Ordinal);
    private long _generation = long.MinValue;
    private long _hits;
    private long _misses;

    /// <summary>Look-ups answered from memory and from the database since the server started.</summary>
    public (long Hits, long Misses) Counts => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    /// <summary>A look-up of catalogue entries for searches of index generation <paramref name="generation"/>.</summary>
    public Func<string, DocumentInfo?> At(long generation)
    {
        ConcurrentDictionary<string, DocumentInfo> entries;
        lock (_lock)
        {
            if (generation != _generation)
            {
                _entries = new ConcurrentDictionary<string, DocumentInfo>(StringComparer.Ordinal);
                _generation = generation;
            }

            entries = _entries;
        }

        return id =>
        {
            if (entries.TryGetValue(id, out var info))
            {
                Interlocked.Increment(ref _hits);
                return info;
            }

            Interlocked.Increment(ref _misses);
            info = workspace.Store.Get(id);

            // A missing document is not remembered: the index may list it before the store's commit is visible here.
            if (info is not null && entries.Count < Capacity)
            {
                entries.TryAdd(id, info);
            }

            return info;
        };
    }
}
