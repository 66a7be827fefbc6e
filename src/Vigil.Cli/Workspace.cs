using Vigil.Core.Analysis;
using Vigil.Core.Documents;
using Vigil.Core.Ingestion;
using Vigil.Core.Storage;
using Vigil.Formats;
using Vigil.Search.Lucene;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli;

/// <summary>The embedded default: the SQLite store and Lucene index of one data directory.</summary>
internal sealed class Workspace : IDisposable
{
    private Workspace(string directory, IDocumentStore store, LuceneSearchIndex index)
    {
        Directory = directory;
        Store = store;
        Index = index;
    }

    public string Directory { get; }

    public IDocumentStore Store { get; }

    public LuceneSearchIndex Index { get; }

    public static Workspace Open(string directory)
    {
        var store = SqliteDocumentStore.Open(directory);
        try
        {
            return new Workspace(directory, store, LuceneSearchIndex.Open(directory));
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public Ingestor Ingestor(TimeProvider time) => new(Store, Index, new ParserRegistry(), AnalysisPipeline.Default, time);

    /// <summary>Resolves each --doc value; unknown ones are returned so the command can name them.</summary>
    public (List<DocumentInfo> Found, List<string> Unknown) ResolveDocuments(IEnumerable<string> references) =>
        DocumentSelection.Resolve(Store, references);

    public void Dispose()
    {
        Index.Dispose();
        Store.Dispose();
    }
}
