using System.Runtime.InteropServices;
using Vigil.Core.Documents;
using Vigil.Core.Segmentation;
using Vigil.Core.Storage;
using Vigil.Core.Terms;
using Vigil.Core.Text;

namespace Vigil.Core.Statistics;

/// <summary>The association measure collocates are ranked by.</summary>
public enum AssociationMeasure
{
    /// <summary>logDice: 14 + log2(2·f_xy / (f_node + f_coll)).</summary>
    LogDice,

    /// <summary>Mutual information: log2(f_xy·N / (f_node·f_coll)).</summary>
    MutualInformation,

    /// <summary>t-score: (f_xy − f_node·f_coll/N) / √f_xy.</summary>
    TScore,
}

/// <summary>What a collocation query counts and keeps.</summary>
public sealed record CollocationOptions
{
    /// <summary>Tokens on each side of the node (default 5; at least 1).</summary>
    public int Window { get; init; } = 5;

    public AssociationMeasure Measure { get; init; } = AssociationMeasure.LogDice;

    /// <summary>Keep collocates seen at least this many times near the node (default 3; at least 1).</summary>
    public int MinCooccurrence { get; init; } = 3;

    /// <summary>At most this many collocates (0: all).</summary>
    public int Top { get; init; }
}

/// <summary>A word found near the node.</summary>
/// <param name="Word">The folded word.</param>
/// <param name="Language">"zh" or "en".</param>
/// <param name="Cooccurrences">f_xy: token positions of this word inside some window of the node (each position once).</param>
/// <param name="Frequency">f_coll: the word's tokens in the selected documents.</param>
/// <param name="Score">The chosen measure.</param>
public sealed record Collocate(string Word, string Language, long Cooccurrences, long Frequency, double Score, double LogDice, double MutualInformation, double TScore);

/// <summary>Collocates of a term.</summary>
/// <param name="Nodes">f_node: occurrences of the term (substring-true, as <c>count</c> counts them).</param>
/// <param name="Tokens">N: tokens in the selected documents.</param>
public sealed record CollocationResult(string Term, int Window, AssociationMeasure Measure, long Nodes, long Tokens, IReadOnlyList<Collocate> Collocates);

/// <summary>
/// Collocations of a term. Node occurrences come from the term engine (<see cref="TermCounter.Find"/> on the
/// normalised text), so they are substring-true: 国家安全 is a node even where the segmenter cut it 国家/安全.
/// The window is the <see cref="CollocationOptions.Window"/> tokens (<see cref="WordTokenizer"/>) that end at or
/// before the node's start and the same number that start at or after its end; tokens overlapping the node are
/// in neither. A token that overlaps any occurrence of the term is never counted as a collocate (the node would
/// otherwise collocate with itself, or with the word containing it, wherever it repeats); a token position inside
/// the windows of two nodes counts once. Windows do not cross documents (they do cross paragraphs).
/// </summary>
public static class CollocationAnalyzer
{
    /// <summary>Collocates of <paramref name="term"/> (its first term) in stored documents, counted in parallel.</summary>
    public static CollocationResult Analyze(IDocumentStore store, IReadOnlyList<DocumentInfo> documents, TermSet term, CollocationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(documents);
        options = Validate(term, options);
        var total = new Counts();
        Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = cancellationToken }, () => new Counts(),
            (i, _, local) =>
            {
                if (store.GetContent(documents[i].Id) is { } content)
                {
                    local.AddDocument(content.Normalized.Text, term, options.Window);
                }

                return local;
            },
            local =>
            {
                lock (total)
                {
                    total.Add(local);
                }
            });
        return total.Result(term.Terms[0], options);
    }

    /// <summary>Collocates of <paramref name="term"/> in normalised texts (one per document).</summary>
    public static CollocationResult Analyze(IEnumerable<string> normalizedTexts, TermSet term, CollocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(normalizedTexts);
        options = Validate(term, options);
        var counts = new Counts();
        foreach (var text in normalizedTexts)
        {
            counts.AddDocument(text, term, options.Window);
        }

        return counts.Result(term.Terms[0], options);
    }

    private static CollocationOptions Validate(TermSet term, CollocationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(term);
        options ??= new CollocationOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Window, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinCooccurrence, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Top, nameof(options));
        return options;
    }

    /// <summary>Node, token, frequency and co-occurrence counts over some documents.</summary>
    private sealed class Counts
    {
        private readonly Dictionary<string, long> _frequency = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _cooccurrence = new(StringComparer.Ordinal);
        private readonly List<TokenSpan> _tokens = [];
        private long _nodes;
        private long _tokenCount;

        public void AddDocument(string normalized, TermSet term, int window)
        {
            _tokens.Clear();
            WordTokenizer.Default.Tokenize(normalized, _tokens);
            var folded = MatchFolding.Fold(normalized).AsSpan();
            var frequency = _frequency.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (var t in _tokens)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(frequency, folded.Slice(t.Start, t.Length), out _)++;
            }

            _tokenCount += _tokens.Count;
            var nodes = TermCounter.Find(term, normalized);
            nodes.RemoveAll(n => n.Term != 0);
            _nodes += nodes.Count;
            if (nodes.Count == 0 || _tokens.Count == 0)
            {
                return;
            }

            // 0: outside every window; 1: inside a window; 2: overlaps a node (never a collocate).
            var mark = new byte[_tokens.Count];
            foreach (var node in nodes)
            {
                var before = FirstEndingAfter(node.Start);   // tokens [0, before) end at or before the node
                var after = FirstStartingAtOrAfter(node.End, before); // tokens [after, n) start at or after its end
                for (var k = Math.Max(0, before - window); k < before; k++)
                {
                    mark[k] = Math.Max(mark[k], (byte)1);
                }

                for (var k = before; k < after; k++)
                {
                    mark[k] = 2;
                }

                for (var k = after; k < Math.Min(_tokens.Count, after + window); k++)
                {
                    mark[k] = Math.Max(mark[k], (byte)1);
                }
            }

            var cooccurrence = _cooccurrence.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var k = 0; k < mark.Length; k++)
            {
                if (mark[k] == 1)
                {
                    var t = _tokens[k];
                    CollectionsMarshal.GetValueRefOrAddDefault(cooccurrence, folded.Slice(t.Start, t.Length), out _)++;
                }
            }
        }

        public void Add(Counts other)
        {
            foreach (var (word, count) in other._frequency)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_frequency, word, out _) += count;
            }

            foreach (var (word, count) in other._cooccurrence)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_cooccurrence, word, out _) += count;
            }

            _nodes += other._nodes;
            _tokenCount += other._tokenCount;
        }

        public CollocationResult Result(string term, CollocationOptions options)
        {
            var list = new List<Collocate>();
            foreach (var (word, cooc) in _cooccurrence)
            {
                if (cooc < options.MinCooccurrence)
                {
                    continue;
                }

                var freq = _frequency[word];
                var logDice = Keyness.LogDice(cooc, _nodes, freq);
                var mi = Keyness.MutualInformation(cooc, _nodes, freq, _tokenCount);
                var t = Keyness.TScore(cooc, _nodes, freq, _tokenCount);
                var score = options.Measure switch
                {
                    AssociationMeasure.MutualInformation => mi,
                    AssociationMeasure.TScore => t,
                    _ => logDice,
                };
                list.Add(new Collocate(word, TokenLanguage.Of(word), cooc, freq, score, logDice, mi, t));
            }

            IEnumerable<Collocate> ordered = list.OrderByDescending(c => Math.Round(c.Score, 4))
                .ThenByDescending(c => c.Cooccurrences)
                .ThenBy(c => c.Word, StringComparer.Ordinal);
            if (options.Top > 0)
            {
                ordered = ordered.Take(options.Top);
            }

            return new CollocationResult(term, options.Window, options.Measure, _nodes, _tokenCount, ordered.ToList());
        }

        /// <summary>Index of the first token whose end is after <paramref name="offset"/> (tokens are ordered and disjoint).</summary>
        private int FirstEndingAfter(int offset)
        {
            int lo = 0, hi = _tokens.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_tokens[mid].End <= offset)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }

        /// <summary>Index of the first token at or after <paramref name="from"/> that starts at or after <paramref name="offset"/>.</summary>
        private int FirstStartingAtOrAfter(int offset, int from)
        {
            int lo = from, hi = _tokens.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_tokens[mid].Start < offset)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }
    }
}
