using Vigil.Core.Documents;

namespace Vigil.Core.Storage;

/// <summary>What the store knows about a path it has seen.</summary>
public sealed record PathRecord(string DocumentId, string Path, long Size, long ModifiedTicks);

/// <summary>One change committed with others in a single transaction.</summary>
public abstract record StoreWrite(string Path, long Size, long ModifiedTicks);

/// <summary>A new document first seen at <see cref="StoreWrite.Path"/>.</summary>
public sealed record NewDocumentWrite(AnalyzedDocument Document, string Path, long Size, long ModifiedTicks) : StoreWrite(Path, Size, ModifiedTicks);

/// <summary>Known content seen (again, or at another path).</summary>
public sealed record SeenAgainWrite(string DocumentId, string Path, long Size, long ModifiedTicks) : StoreWrite(Path, Size, ModifiedTicks);

/// <summary>Which documents to list.</summary>
public sealed record DocumentFilter
{
    public string? Language { get; init; }

    public string? Source { get; init; }

    /// <summary>Only these ids (null: all).</summary>
    public IReadOnlyCollection<string>? Ids { get; init; }
}

/// <summary>
/// The document store: catalogue, texts and offset maps. Every commit is one transaction, so a document
/// is stored whole or not at all. Implementations are thread-safe.
/// </summary>
public interface IDocumentStore : IDisposable
{
    /// <summary>Where the store lives (for messages).</summary>
    string Location { get; }

    /// <summary>Id of the document with this content hash, or null.</summary>
    string? FindIdBySha256(string sha256);

    /// <summary>What is known about a path, or null.</summary>
    PathRecord? FindPath(string path);

    /// <summary>Commits the writes atomically. Content already stored (by hash) only gains the path.</summary>
    /// <returns>For each write, the id of the stored document and whether the write created it.</returns>
    IReadOnlyList<(string Id, bool Created)> Commit(IReadOnlyList<StoreWrite> writes);

    DocumentInfo? Get(string id);

    /// <summary>Finds a document by id, unique id prefix (at least 4 characters) or any path it was seen at.</summary>
    DocumentInfo? Resolve(string idOrPath);

    /// <summary>Lists documents ordered by first path, then id (a stable order).</summary>
    IEnumerable<DocumentInfo> List(DocumentFilter? filter = null);

    DocumentContent? GetContent(string id);

    /// <summary>Ids of documents not yet confirmed in the search index.</summary>
    IReadOnlyList<string> UnindexedIds(int max);

    void MarkIndexed(IReadOnlyCollection<string> ids);

    /// <summary>Marks every document as needing indexing (before a full rebuild).</summary>
    void MarkAllUnindexed();

    int Count();
}
