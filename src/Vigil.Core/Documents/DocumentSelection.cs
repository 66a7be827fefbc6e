using Vigil.Core.Storage;

namespace Vigil.Core.Documents;

/// <summary>A set of documents, or why it could not be formed (one line saying what to do).</summary>
public sealed record DocumentSet(IReadOnlyList<DocumentInfo>? Documents, string? Error)
{
    internal static DocumentSet Fail(string error) => new(null, error);
}

/// <summary>Two non-overlapping sets of documents to compare.</summary>
public sealed record DocumentSetPair(IReadOnlyList<DocumentInfo>? A, IReadOnlyList<DocumentInfo>? B, string? Error);

/// <summary>
/// How documents named by a user (id, unique id prefix or path) and by source become the sets an analysis
/// runs on. Shared by the CLI and the web API, so both accept the same references and say the same things
/// about those that match nothing.
/// </summary>
public static class DocumentSelection
{
    /// <summary>Resolves each reference; unknown ones are returned so the caller can name them. Repeats are dropped.</summary>
    public static (List<DocumentInfo> Found, List<string> Unknown) Resolve(IDocumentStore store, IEnumerable<string> references)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(references);
        var found = new List<DocumentInfo>();
        var unknown = new List<string>();
        foreach (var reference in references)
        {
            if (store.Resolve(reference) is { } info)
            {
                if (!found.Any(f => f.Id == info.Id))
                {
                    found.Add(info);
                }
            }
            else
            {
                unknown.Add(reference);
            }
        }

        return (found, unknown);
    }

    /// <summary>The referenced documents, or every stored document when there are no references.</summary>
    public static DocumentSet Select(IDocumentStore store, IReadOnlyCollection<string>? references)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (references is null || references.Count == 0)
        {
            return new DocumentSet(store.List().ToList(), null);
        }

        var (found, unknown) = Resolve(store, references);
        return unknown.Count > 0
            ? DocumentSet.Fail($"no document matches {string.Join(", ", unknown.Select(u => $"'{u}'"))}; 'vigil docs' lists ids and paths.")
            : new DocumentSet(found, null);
    }

    /// <summary>Only the documents of <paramref name="source"/> (all when it is null); an error when none is left.</summary>
    public static DocumentSet OfSource(IReadOnlyList<DocumentInfo> documents, string? source)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (source is null)
        {
            return new DocumentSet(documents, null);
        }

        var kept = documents.Where(d => string.Equals(d.Source, source, StringComparison.Ordinal)).ToList();
        return kept.Count == 0 ? DocumentSet.Fail($"no selected document has the source '{source}'; 'vigil docs' lists sources.") : new DocumentSet(kept, null);
    }

    /// <summary>
    /// The union of the documents named and those of <paramref name="source"/>, in that order without repeats;
    /// empty when neither is given. <paramref name="set"/> names the set in messages ("A", "B").
    /// </summary>
    public static DocumentSet Union(IDocumentStore store, string set, IEnumerable<string>? references, string? source)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (found, unknown) = Resolve(store, references ?? []);
        if (unknown.Count > 0)
        {
            return DocumentSet.Fail($"set {set}: no document matches {string.Join(", ", unknown.Select(u => $"'{u}'"))}; 'vigil docs' lists ids and paths.");
        }

        if (source is not null)
        {
            var ofSource = store.List(new DocumentFilter { Source = source }).ToList();
            if (ofSource.Count == 0)
            {
                return DocumentSet.Fail($"set {set}: no document has the source '{source}'; 'vigil docs' lists sources.");
            }

            var ids = found.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            found.AddRange(ofSource.Where(d => ids.Add(d.Id)));
        }

        return new DocumentSet(found, null);
    }

    /// <summary>
    /// Sets A and B for a keyness comparison: A must not be empty; an empty B becomes every other stored
    /// document; the sets must not overlap.
    /// </summary>
    public static DocumentSetPair KeynessSets(IDocumentStore store, IEnumerable<string>? a, string? aSource, IEnumerable<string>? b, string? bSource)
    {
        ArgumentNullException.ThrowIfNull(store);
        var setA = Union(store, "A", a, aSource);
        if (setA.Documents is not { } docsA)
        {
            return new DocumentSetPair(null, null, setA.Error);
        }

        if (docsA.Count == 0)
        {
            return new DocumentSetPair(null, null, "give set A with --a ID|PATH (repeatable) or --a-source NAME.");
        }

        var setB = Union(store, "B", b, bSource);
        if (setB.Documents is not { } docsB)
        {
            return new DocumentSetPair(null, null, setB.Error);
        }

        var inA = docsA.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        if (docsB.Count == 0)
        {
            docsB = store.List().Where(d => !inA.Contains(d.Id)).ToList();
            if (docsB.Count == 0)
            {
                return new DocumentSetPair(null, null, "set B is empty: every stored document is in A; give --b or --b-source, or ingest a reference corpus.");
            }
        }
        else if (docsB.FirstOrDefault(d => inA.Contains(d.Id)) is { } shared)
        {
            var count = docsB.Count(d => inA.Contains(d.Id));
            return new DocumentSetPair(null, null, $"{count} document(s) are in both A and B (first: {shared.Id} {shared.Path}); the sets must not overlap.");
        }

        return new DocumentSetPair(docsA, docsB, null);
    }

    /// <summary>
    /// Checks the arguments of a formulation diff: two documents, or two different sources, not both.
    /// Null when they are usable, else what to change.
    /// </summary>
    public static string? CheckDiffArguments(string? docA, string? docB, string? sourceA, string? sourceB)
    {
        if (sourceA is not null || sourceB is not null)
        {
            if (sourceA is null || sourceB is null)
            {
                return "give both --a-source and --b-source (or two documents A B).";
            }

            if (docA is not null || docB is not null)
            {
                return "give either two documents A B or --a-source and --b-source, not both.";
            }

            if (sourceA == sourceB)
            {
                return $"--a-source and --b-source are both '{sourceA}'; compare two different sources.";
            }
        }
        else if (docA is null || docB is null)
        {
            return "give two documents A B (id, id prefix or path), or --a-source and --b-source.";
        }

        return null;
    }

    /// <summary>
    /// The two sides of a formulation diff: two documents, or every document of two sources
    /// (see <see cref="CheckDiffArguments"/>).
    /// </summary>
    public static DocumentSetPair DiffSides(IDocumentStore store, string? docA, string? docB, string? sourceA, string? sourceB)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (CheckDiffArguments(docA, docB, sourceA, sourceB) is { } error)
        {
            return new DocumentSetPair(null, null, error);
        }

        var sideA = Side(store, docA, sourceA);
        if (sideA.Documents is null)
        {
            return new DocumentSetPair(null, null, sideA.Error);
        }

        var sideB = Side(store, docB, sourceB);
        if (sideB.Documents is null)
        {
            return new DocumentSetPair(null, null, sideB.Error);
        }

        if (docA is not null && sideA.Documents[0].Id == sideB.Documents[0].Id)
        {
            return new DocumentSetPair(null, null, $"A and B are the same document ({sideA.Documents[0].Id}); compare two different documents.");
        }

        return new DocumentSetPair(sideA.Documents, sideB.Documents, null);
    }

    /// <summary>One side: the resolved document, or every document of the source.</summary>
    private static DocumentSet Side(IDocumentStore store, string? doc, string? source)
    {
        if (doc is not null)
        {
            return store.Resolve(doc) is { } info ? new DocumentSet([info], null)
                : DocumentSet.Fail($"no document matches '{doc}'; 'vigil docs' lists ids and paths.");
        }

        var docs = store.List(new DocumentFilter { Source = source }).ToList();
        return docs.Count == 0 ? DocumentSet.Fail($"no document has source '{source}'; 'vigil docs' lists sources.") : new DocumentSet(docs, null);
    }
}
