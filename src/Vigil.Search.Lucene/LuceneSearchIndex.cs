using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Vigil.Core.Documents;
using Vigil.Core.Search;
using Vigil.Core.Text;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace Vigil.Search.Lucene;

/// <summary>
/// The embedded full-text index (Lucene.NET, BM25) in the data directory's <c>index/</c> folder. The index
/// writer is opened on first write (so searching never takes the index's write lock); searches use a
/// reader reopened after each commit.
/// </summary>
public sealed class LuceneSearchIndex : ISearchIndex
{
    internal const string IdField = "id";
    internal const string BodyField = "body";
    internal const string TitleField = "title";
    internal const string LanguageField = "lang";
    internal const string SourceField = "source";
    internal const string DateFirstField = "date_first";
    internal const string DateLastField = "date_last";

    /// <summary>
    /// Stored with documents whose body was indexed with offsets (in the postings; in term vectors in indexes written by
    /// an earlier Vigil): the length of the text analysed. Its presence says the offsets are there; a stored text of
    /// another length falls back to re-analysis.
    /// </summary>
    internal const string BodyCharsField = "body_chars";

    // The body's postings keep each token's offsets, so a hit's marks are read from the index for the query's terms
    // alone, instead of re-analysing its text or decoding its whole term vector.
    private static readonly FieldType OffsetsBodyType = CreateBodyType(vectors: false);

    // How Vigil indexed the body before offsets moved into the postings (still read; written only by tests).
    private static readonly FieldType VectorsBodyType = CreateBodyType(vectors: true);

    private const int MaxSnippetScanChars = 2_000_000;
    private const int SnippetWidth = 220;

    private readonly FSDirectory _directory;
    private readonly Analyzer _indexAnalyzer = BilingualAnalyzer.ForIndexing();
    private readonly Analyzer _queryAnalyzer;
    private readonly System.Threading.Lock _lock = new();
    private IndexWriter? _writer;
    private DirectoryReader? _reader;

    // When the reader last looked for a newer commit (Environment.TickCount64), and whether this instance committed since.
    private long _checkedAt;
    private bool _committed;

    /// <summary>
    /// How often a search looks for commits made by another process (a CLI ingest while the server runs). Looking
    /// lists the index folder and costs milliseconds, so a busy server must not do it on every query; commits made
    /// through this instance (and <see cref="Refresh"/>) are seen at once.
    /// </summary>
    public static TimeSpan RefreshInterval { get; } = TimeSpan.FromSeconds(1);

    private LuceneSearchIndex(string path)
    {
        Location = path;
        _directory = FSDirectory.Open(path);
        var keyword = new KeywordAnalyzer();
        _queryAnalyzer = new PerFieldAnalyzerWrapper(BilingualAnalyzer.ForQueries(), new Dictionary<string, Analyzer>
        {
            [LanguageField] = keyword,
            [SourceField] = keyword,
            [IdField] = keyword,
        });
    }

    public string Location { get; }

    /// <summary>How documents are written: as now (offsets in the postings), or as older Vigils did (to test reading them).</summary>
    internal MarkLayout WriteLayout { get; set; } = MarkLayout.Offsets;

    /// <summary>True finds marks by re-analysing every hit's text even where the index has offsets (to compare both ways).</summary>
    internal bool ForceReanalysis { get; set; }

    /// <summary>Hits whose marks were found by re-analysing their text (no usable offsets), since this instance opened.</summary>
    internal long ReanalysedHits => Interlocked.Read(ref _reanalysedHits);

    /// <summary>Hits whose marks were read from a term vector (documents indexed by an older Vigil), since this instance opened.</summary>
    internal long VectorHits => Interlocked.Read(ref _vectorHits);

    private long _reanalysedHits;
    private long _vectorHits;

    /// <summary>
    /// True when some documents in the committed index were indexed without offsets in their postings (by an older
    /// Vigil, or merged with such documents): their snippets need their term vector decoded or their text re-analysed,
    /// which is slower; <c>vigil reindex</c> rebuilds the index as it is written now.
    /// </summary>
    public bool MarksNeedReindex()
    {
        var reader = Reader();
        if (reader is null)
        {
            return false;
        }

        try
        {
            foreach (var leaf in reader.Leaves)
            {
                var atomic = leaf.AtomicReader;
                if (atomic.NumDocs > 0 && (atomic.FieldInfos.FieldInfo(BodyCharsField) is null || !HasOffsets(atomic)))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            reader.DecRef();
        }
    }

    /// <summary>Opens (creating if needed) the index in <c>DATA/index</c>.</summary>
    public static LuceneSearchIndex Open(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "index");
        System.IO.Directory.CreateDirectory(path);
        return new LuceneSearchIndex(path);
    }

    public void Upsert(AnalyzedDocument document)
    {
        var info = document.Info;
        var doc = new LuceneDocument
        {
            new StringField(IdField, info.Id, Field.Store.YES),
        };
        var body = document.Content.Normalized.Text;
        if (WriteLayout == MarkLayout.None)
        {
            doc.Add(new TextField(BodyField, MatchFolding.Fold(body), Field.Store.NO));
        }
        else
        {
            doc.Add(new Field(BodyField, MatchFolding.Fold(body), WriteLayout == MarkLayout.Offsets ? OffsetsBodyType : VectorsBodyType));
            doc.Add(new StoredField(BodyCharsField, body.Length));
        }

        if (info.Title is { } title)
        {
            doc.Add(new TextField(TitleField, MatchFolding.FoldQuery(title), Field.Store.NO));
        }

        foreach (var language in LanguageTerms(info))
        {
            doc.Add(new StringField(LanguageField, language, Field.Store.NO));
        }

        if (info.Source is { } source)
        {
            doc.Add(new StringField(SourceField, source, Field.Store.NO));
        }

        if (info.Date is { } date && PartialDate.TryParse(date, out var d))
        {
            doc.Add(new Int32Field(DateFirstField, ToNumber(d.First), Field.Store.NO));
            doc.Add(new Int32Field(DateLastField, ToNumber(d.Last), Field.Store.NO));
        }

        Writer().UpdateDocument(new Term(IdField, info.Id), doc);
    }

    /// <summary>Merges the committed index down to at most <paramref name="segments"/> segments and commits (tests).</summary>
    internal void MergeSegments(int segments)
    {
        lock (_lock)
        {
            Writer().ForceMerge(segments);
            _writer!.Commit();
            _committed = true;
        }
    }

    /// <summary>The number of segments searches see now.</summary>
    internal int SegmentCount()
    {
        var reader = Reader();
        if (reader is null)
        {
            return 0;
        }

        try
        {
            return reader.Leaves.Count;
        }
        finally
        {
            reader.DecRef();
        }
    }

    public void Commit()
    {
        lock (_lock)
        {
            _writer?.Commit();
            _committed = true;
        }
    }

    /// <summary>Makes the next search see every commit made so far, by any process (e.g. after another instance ingested).</summary>
    public void Refresh()
    {
        lock (_lock)
        {
            _committed = true;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            Writer().DeleteAll();
            _writer!.Commit();
            _committed = true;
        }
    }

    /// <summary>
    /// The version of the index searches see now: it changes with every commit (this instance's at once, another
    /// process's within <see cref="RefreshInterval"/>), so caches of what hits show can be keyed on it.
    /// </summary>
    public long Generation()
    {
        var reader = Reader();
        if (reader is null)
        {
            return 0;
        }

        try
        {
            return reader.Version;
        }
        finally
        {
            reader.DecRef();
        }
    }

    public int Count()
    {
        var reader = Reader();
        if (reader is null)
        {
            return 0;
        }

        try
        {
            return reader.NumDocs;
        }
        finally
        {
            reader.DecRef();
        }
    }

    public SearchResult Search(SearchRequest request, Func<string, DocumentContent?> contentOf, Func<string, DocumentInfo?> infoOf)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = Parse(request.Query);
        var filter = BuildFilter(request);
        var reader = Reader();
        if (reader is null)
        {
            return new SearchResult(0, []);
        }

        try
        {
            return Search(new IndexSearcher(reader) { Similarity = new BM25Similarity() }, query, filter, request, contentOf, infoOf);
        }
        finally
        {
            reader.DecRef();
        }
    }

    private SearchResult Search(IndexSearcher searcher, Query query, Filter? filter, SearchRequest request, Func<string, DocumentContent?> contentOf,
        Func<string, DocumentInfo?> infoOf)
    {
        var top = TopDocs(searcher, query, filter, Math.Max(1, request.Limit));
        var terms = QueryTerms(searcher, query);
        var skip = Math.Max(0, request.Skip);

        // The hits shown are among these: a skipped hit that turns out absent from the catalogue only moves the page later.
        var posted = ForceReanalysis ? null : PostedMarks(searcher.IndexReader, top.ScoreDocs[Math.Min(skip, top.ScoreDocs.Length)..], terms);
        var hits = new List<SearchHit>(Math.Max(0, top.ScoreDocs.Length - skip));
        var listed = 0;
        foreach (var scoreDoc in top.ScoreDocs)
        {
            var stored = searcher.Doc(scoreDoc.Doc, StoredFields);
            var id = stored.Get(IdField);
            var info = infoOf(id);
            if (info is null || listed++ < skip)
            {
                continue;
            }

            var content = contentOf(id);
            var snippet = content is null ? Snippet.Empty : Snippet.Build(content, Marks(searcher.IndexReader, scoreDoc.Doc, stored, content, terms, posted), SnippetWidth);
            hits.Add(new SearchHit(id, info.Path, info.Title, Math.Round(scoreDoc.Score, 4), snippet.Html, snippet.Text, snippet.Marks,
                info.Date, info.Source, info.Language));
        }

        return new SearchResult(top.TotalHits, hits);
    }

    /// <summary>
    /// The best <paramref name="limit"/> hits, scored in document order. Left to choose, Lucene scores a query of
    /// optional clauses (every one-word query: the word in the body or the title) out of order with a table of 2,048
    /// buckets per segment, allocated afresh for every segment of every search: two thirds of all a busy server
    /// allocated, and the garbage collector's pauses with it. In order, the same clauses are summed per document
    /// instead. Totals, order and (to their printed precision) scores are the same.
    /// </summary>
    private static TopDocs TopDocs(IndexSearcher searcher, Query query, Filter? filter, int limit)
    {
        var collector = TopScoreDocCollector.Create(limit, docsScoredInOrder: true);
        searcher.Search(query, filter, collector);
        return collector.GetTopDocs();
    }

    /// <summary>Search without snippets or catalogue look-ups (for the latency benchmark).</summary>
    internal (int Total, string[] Ids) SearchIds(string queryText, int limit)
    {
        var reader = Reader();
        if (reader is null)
        {
            return (0, []);
        }

        try
        {
            var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
            var top = TopDocs(searcher, Parse(queryText), null, limit);
            return (top.TotalHits, top.ScoreDocs.Select(d => searcher.Doc(d.Doc).Get(IdField)).ToArray());
        }
        finally
        {
            reader.DecRef();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
            _reader?.Dispose();
            _reader = null;
        }

        _directory.Dispose();
    }

    internal Query Parse(string queryText)
    {
        if (string.IsNullOrWhiteSpace(queryText))
        {
            throw new SearchQueryException("empty query; give words, a \"quoted phrase\", or Chinese terms (AND, OR, NOT and field:value also work)");
        }

        // Fold width, quotes and script, but not case: AND/OR/NOT must survive (the analyzer lower-cases terms).
        var folded = MatchFolding.FoldScript(TextNormalizer.Default.NormalizeQuery(queryText));
        var parser = new MultiFieldQueryParser(LuceneVersion.LUCENE_48, [BodyField, TitleField], _queryAnalyzer,
            new Dictionary<string, float> { [BodyField] = 1f, [TitleField] = 2f })
        {
            DefaultOperator = Operator.AND,
            AutoGeneratePhraseQueries = true,
            AllowLeadingWildcard = false,
        };
        try
        {
            var query = parser.Parse(folded);
            if (query is BooleanQuery { Clauses.Count: 0 })
            {
                throw new SearchQueryException($"the query '{queryText}' has no searchable words (only punctuation or operators)");
            }

            return query;
        }
        catch (ParseException ex)
        {
            throw new SearchQueryException($"cannot read the query '{queryText}': {FirstLine(ex.Message)} (quote phrases, balance parentheses, escape special characters with \\)");
        }
        catch (BooleanQuery.TooManyClausesException)
        {
            throw new SearchQueryException($"the query '{queryText}' expands to too many terms; use fewer wildcards");
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.StartsWith("Cannot parse", StringComparison.Ordinal) && line.IndexOf(": ", StringComparison.Ordinal) is var k and > 0 ? line[(k + 2)..] : line;
    }

    private static Filter? BuildFilter(SearchRequest request)
    {
        var clauses = new BooleanQuery();
        if (!string.IsNullOrWhiteSpace(request.Language))
        {
            clauses.Add(new TermQuery(new Term(LanguageField, request.Language)), Occur.MUST);
        }

        if (!string.IsNullOrWhiteSpace(request.Source))
        {
            clauses.Add(new TermQuery(new Term(SourceField, request.Source)), Occur.MUST);
        }

        if (request.From is not null)
        {
            var from = ToNumber(PartialDate.Parse(request.From, "--from").First);
            clauses.Add(NumericRangeQuery.NewInt32Range(DateLastField, from, null, true, true), Occur.MUST);
        }

        if (request.To is not null)
        {
            var to = ToNumber(PartialDate.Parse(request.To, "--to").Last);
            clauses.Add(NumericRangeQuery.NewInt32Range(DateFirstField, null, to, true, true), Occur.MUST);
        }

        return clauses.Clauses.Count == 0 ? null : new QueryWrapperFilter(clauses);
    }

    private static IEnumerable<string> LanguageTerms(DocumentInfo info)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal) { info.Language };
        foreach (var share in info.Languages)
        {
            set.Add(share.Language);
        }

        if (set.Any(LanguageTag.IsChinese))
        {
            set.Add("zh");
        }

        return set;
    }

    private static int ToNumber(DateOnly date) => (date.Year * 10_000) + (date.Month * 100) + date.Day;

    private static HashSet<string> QueryTerms(IndexSearcher searcher, Query query)
    {
        var terms = new HashSet<Term>();
        try
        {
            searcher.Rewrite(query).ExtractTerms(terms);
        }
        catch (NotSupportedException)
        {
            // Some rewritten queries (e.g. constant-score wildcards) do not list terms: no marks then.
        }

        return terms.Where(t => t.Field is BodyField or TitleField).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
    }

    private static readonly ISet<string> StoredFields = new HashSet<string>(StringComparer.Ordinal) { IdField, BodyCharsField };

    private static FieldType CreateBodyType(bool vectors)
    {
        var type = new FieldType(TextField.TYPE_NOT_STORED);
        if (vectors)
        {
            type.StoreTermVectors = true;
            type.StoreTermVectorOffsets = true;
        }
        else
        {
            type.IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS;
        }

        type.Freeze();
        return type;
    }

    /// <summary>
    /// True when every document of the segment has its body's offsets in the postings. Lucene keeps the lesser index
    /// options when it merges documents indexed differently, so a segment holding any older document says false.
    /// </summary>
    private static bool HasOffsets(AtomicReader segment) =>
        segment.FieldInfos.FieldInfo(BodyField) is { } body && body.IndexOptions >= IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS;

    /// <summary>
    /// The spans of the query's terms in each hit whose segment has offsets in its postings, keyed by the hit's document
    /// number: per segment, each term's postings are walked once, forward, over that segment's hits in document order,
    /// so only the query's terms are read (a term vector holds every term of the document, all decoded to read any).
    /// Hits in other segments are absent and found another way (<see cref="Marks"/>).
    /// </summary>
    private static Dictionary<int, List<TextRange>>? PostedMarks(IndexReader reader, ScoreDoc[] hits, HashSet<string> terms)
    {
        if (terms.Count == 0 || hits.Length == 0)
        {
            return null;
        }

        var leaves = reader.Leaves;
        var marks = new Dictionary<int, List<TextRange>>(hits.Length);
        foreach (var segment in hits.Select(h => h.Doc).Distinct().GroupBy(doc => ReaderUtil.SubIndex(doc, leaves)))
        {
            var leaf = leaves[segment.Key];
            if (!HasOffsets(leaf.AtomicReader))
            {
                continue;
            }

            var docs = segment.Order().ToArray();
            foreach (var doc in docs)
            {
                marks[doc] = [];
            }

            var termsEnum = leaf.AtomicReader.GetTerms(BodyField)?.GetEnumerator();
            if (termsEnum is null)
            {
                continue;
            }

            DocsAndPositionsEnum? postings = null;
            foreach (var text in terms)
            {
                if (!termsEnum.SeekExact(new BytesRef(text)))
                {
                    continue;
                }

                postings = termsEnum.DocsAndPositions(null, postings, DocsAndPositionsFlags.OFFSETS);
                if (postings is null)
                {
                    continue;
                }

                foreach (var doc in docs)
                {
                    var local = doc - leaf.DocBase;
                    var at = postings.DocID < local ? postings.Advance(local) : postings.DocID;
                    if (at == DocIdSetIterator.NO_MORE_DOCS)
                    {
                        break;
                    }

                    if (at != local)
                    {
                        continue;
                    }

                    var list = marks[doc];
                    for (var i = postings.Freq; i > 0; i--)
                    {
                        postings.NextPosition();
                        list.Add(new TextRange(postings.StartOffset, postings.EndOffset));
                    }
                }
            }
        }

        foreach (var list in marks.Values)
        {
            // The order re-analysis gives (text order); the snippet sorts and merges the spans anyway.
            list.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        }

        return marks;
    }

    /// <summary>
    /// The spans of the body's tokens that are query terms, for a document indexed with offsets over a text of the
    /// stored text's length: from the postings (<paramref name="posted"/>), else from its term vector (an index written
    /// by an older Vigil). Otherwise — an index made before either, a text whose length changed, a text over the
    /// re-analysis limit — by re-analysing the text. All give the same tokens: the index holds the offsets the index
    /// analyzer produced over the same folded text.
    /// </summary>
    private List<TextRange> Marks(IndexReader reader, int docId, LuceneDocument stored, DocumentContent content, HashSet<string> terms,
        Dictionary<int, List<TextRange>>? posted)
    {
        var length = content.Normalized.Text.Length;
        if (terms.Count == 0 || ForceReanalysis || stored.GetField(BodyCharsField)?.GetInt32Value() != length || length > MaxSnippetScanChars)
        {
            return FindMarks(content, terms);
        }

        if (posted is not null && posted.TryGetValue(docId, out var fromPostings))
        {
            return fromPostings;
        }

        var vector = reader.GetTermVector(docId, BodyField);
        if (vector is null)
        {
            // No vector: a document written with offsets but merged into a segment with older ones (the merge keeps no
            // offsets), or a body without tokens.
            return FindMarks(content, terms);
        }

        Interlocked.Increment(ref _vectorHits);
        var marks = new List<TextRange>();
        var termsEnum = vector.GetEnumerator();
        DocsAndPositionsEnum? positions = null;
        foreach (var text in terms)
        {
            if (!termsEnum.SeekExact(new BytesRef(text)))
            {
                continue;
            }

            positions = termsEnum.DocsAndPositions(null, positions, DocsAndPositionsFlags.OFFSETS);
            if (positions is null || positions.NextDoc() == DocIdSetIterator.NO_MORE_DOCS)
            {
                // Vectors without offsets cannot place marks: analyse instead.
                return FindMarks(content, terms);
            }

            for (var i = positions.Freq; i > 0; i--)
            {
                positions.NextPosition();
                marks.Add(new TextRange(positions.StartOffset, positions.EndOffset));
            }
        }

        marks.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        return marks;
    }

    private List<TextRange> FindMarks(DocumentContent content, HashSet<string> terms)
    {
        var marks = new List<TextRange>();
        if (terms.Count == 0)
        {
            return marks;
        }

        Interlocked.Increment(ref _reanalysedHits);

        var normalized = content.Normalized.Text;
        var scan = normalized.Length > MaxSnippetScanChars ? normalized[..MaxSnippetScanChars] : normalized;
        using var stream = _indexAnalyzer.GetTokenStream(BodyField, MatchFolding.Fold(scan));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (terms.Contains(term.ToString()))
            {
                marks.Add(new TextRange(offset.StartOffset, offset.EndOffset));
            }
        }

        stream.End();
        return marks;
    }

    private IndexWriter Writer()
    {
        lock (_lock)
        {
            if (_writer is null)
            {
                var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, _indexAnalyzer)
                {
                    OpenMode = OpenMode.CREATE_OR_APPEND,
                    Similarity = new BM25Similarity(),
                    RAMBufferSizeMB = 128,
                };
                try
                {
                    _writer = new IndexWriter(_directory, config);
                }
                catch (LockObtainFailedException)
                {
                    throw new IOException($"The search index {Location} is locked by another Vigil process (an ingest or reindex); wait for it to finish.");
                }
            }

            return _writer;
        }
    }

    private DirectoryReader? Reader()
    {
        lock (_lock)
        {
            if (_reader is null)
            {
                if (!DirectoryReader.IndexExists(_directory))
                {
                    return null;
                }

                _reader = DirectoryReader.Open(_directory);
                _checkedAt = Environment.TickCount64;
                _committed = false;
            }
            else if (_committed || Environment.TickCount64 - _checkedAt >= (long)RefreshInterval.TotalMilliseconds)
            {
                _checkedAt = Environment.TickCount64;
                _committed = false;
                var newer = DirectoryReader.OpenIfChanged(_reader);
                if (newer is not null)
                {
                    // Searches still running on the old reader hold it open (Lucene's reference counting), so it is released, not disposed.
                    _reader.DecRef();
                    _reader = newer;
                }
            }

            _reader.IncRef();
            return _reader;
        }
    }
}

/// <summary>Where a document's body keeps the offsets that place snippet marks.</summary>
internal enum MarkLayout
{
    /// <summary>Nowhere: marks by re-analysing the text (indexes made before Vigil kept offsets).</summary>
    None,

    /// <summary>In a term vector per document (indexes made by Vigil before offsets moved into the postings).</summary>
    TermVectors,

    /// <summary>In the postings, with each position (as written now).</summary>
    Offsets,
}
