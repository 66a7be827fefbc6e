using System.Runtime.InteropServices;
using Vigil.Core.Documents;
using Vigil.Core.Segmentation;
using Vigil.Core.Storage;
using Vigil.Core.Text;

namespace Vigil.Core.Statistics;

/// <summary>
/// A frequency list: how often each word (the folded text of a <see cref="WordTokenizer"/> token) occurs in a
/// set of documents, with the token totals of each language group ("zh" Chinese words, "en" alphabetic words),
/// which are the sizes keyness compares rates against. Not thread-safe while being filled; merge per-thread
/// lists with <see cref="Add(WordFrequencies)"/>.
/// </summary>
public sealed class WordFrequencies
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly List<TokenSpan> _spans = [];

    /// <summary>Documents added.</summary>
    public int Documents { get; private set; }

    /// <summary>Chinese word tokens.</summary>
    public long ChineseTokens { get; private set; }

    /// <summary>Alphabetic word (and, if the tokenizer keeps them, number) tokens.</summary>
    public long EnglishTokens { get; private set; }

    /// <summary>All tokens.</summary>
    public long Tokens => ChineseTokens + EnglishTokens;

    /// <summary>Every word seen and its count (unordered).</summary>
    public IReadOnlyDictionary<string, long> Words => _counts;

    /// <summary>The count of a folded word (0 if never seen).</summary>
    public long this[string word] => _counts.GetValueOrDefault(word);

    /// <summary>The token total of a language group ("zh" or "en").</summary>
    public long TokensOf(string language) => language == TokenLanguage.Chinese ? ChineseTokens : EnglishTokens;

    /// <summary>Counts the tokens of one document's normalised text.</summary>
    public void AddDocument(string normalized, WordTokenizer? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        _spans.Clear();
        (tokenizer ?? WordTokenizer.Default).Tokenize(normalized, _spans);
        AddTokens(MatchFolding.Fold(normalized), _spans);
        Documents++;
    }

    /// <summary>Counts tokens given as spans of folded text (no document is added).</summary>
    internal void AddTokens(ReadOnlySpan<char> folded, List<TokenSpan> tokens)
    {
        var lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var t in tokens)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(lookup, folded.Slice(t.Start, t.Length), out _)++;
            if (t.Kind == TokenKind.Han)
            {
                ChineseTokens++;
            }
            else
            {
                EnglishTokens++;
            }
        }
    }

    /// <summary>Adds another list's counts, totals and documents to this one.</summary>
    public void Add(WordFrequencies other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (word, count) in other._counts)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_counts, word, out _) += count;
        }

        Documents += other.Documents;
        ChineseTokens += other.ChineseTokens;
        EnglishTokens += other.EnglishTokens;
    }

    /// <summary>
    /// The frequency list of stored documents, counted in parallel (the result does not depend on the order).
    /// Documents whose text is missing from the store are counted as documents with no tokens.
    /// </summary>
    public static WordFrequencies Count(IDocumentStore store, IReadOnlyList<DocumentInfo> documents, WordTokenizer? tokenizer = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(documents);
        tokenizer ??= WordTokenizer.Default;
        var total = new WordFrequencies();
        Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = cancellationToken }, () => new WordFrequencies(),
            (i, _, local) =>
            {
                if (store.GetContent(documents[i].Id) is { } content)
                {
                    local.AddDocument(content.Normalized.Text, tokenizer);
                }
                else
                {
                    local.Documents++;
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
        return total;
    }
}
