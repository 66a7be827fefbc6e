using System.Runtime.CompilerServices;

namespace Vigil.Core.Segmentation;

/// <summary>
/// jieba's prefix dictionary as a trie: every word and every prefix of a word is a node; a node that is a
/// word carries its weight ln(freq) − ln(total), a prefix-only node (jieba's frequency 0) carries −∞.
/// Children of the root are a direct 64K array; deeper edges live in one open-addressing table of packed
/// 64-bit entries (parent 20 bits, character 16 bits, child 20 bits), so a step is one multiply and usually
/// one cache line; a bit per node (62 KB for jieba's dictionary, so it stays in cache) says whether it has
/// children at all, which spares the table probe at the end of most walks. Immutable once built, so it is safe
/// to share between threads.
/// </summary>
internal sealed class PrefixDictionary
{
    private const int NodeBits = 20;
    private const ulong NodeMask = (1UL << NodeBits) - 1;
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    private readonly int[] _root;
    private readonly ulong[] _edges;
    private readonly int _shift;
    private readonly int _mask;
    private readonly double[] _weight;
    private readonly long[] _frequency;
    private readonly ulong[] _hasChildren;

    private PrefixDictionary(int[] root, ulong[] edges, double[] weight, long[] frequency, ulong[] hasChildren, int words, long total)
    {
        _hasChildren = hasChildren;
        _root = root;
        _edges = edges;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)edges.Length);
        _mask = edges.Length - 1;
        _weight = weight;
        _frequency = frequency;
        WordCount = words;
        Total = total;
        LogTotal = Math.Log(total);
    }

    /// <summary>Most nodes a trie can have (node ids are packed in 20 bits).</summary>
    public const int MaxNodes = (1 << NodeBits) - 1;

    /// <summary>Words (nodes with a frequency above zero).</summary>
    public int WordCount { get; }

    /// <summary>Trie nodes: words and prefixes.</summary>
    public int NodeCount => _weight.Length - 1;

    /// <summary>The sum of all frequencies in the dictionary file (jieba's <c>total</c>).</summary>
    public long Total { get; }

    /// <summary>ln(<see cref="Total"/>): the weight of a character that is not a word is 0 − ln(total) (jieba's log(1)).</summary>
    public double LogTotal { get; }

    /// <summary>The weights indexed by node, for the segmenter's inner loop.</summary>
    public double[] Weights => _weight;

    /// <summary>The node reached from the root by <paramref name="c"/>, or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int First(char c) => _root[c];

    /// <summary>The node reached from <paramref name="node"/> (not the root) by <paramref name="c"/>, or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int node, char c) =>
        (_hasChildren[node >> 6] & (1UL << node)) == 0 ? 0 : Find(_edges, _shift, _mask, ((ulong)(uint)node << 16) | c);

    /// <summary>
    /// jieba's route over one run of folded Han characters: for each position i (from the right), the end of the
    /// word that starts the most probable segmentation of run[i..], in <paramref name="next"/>[i], and that
    /// segmentation's log-probability in <paramref name="score"/>[i]. Candidates at i are the dictionary words
    /// starting there (the DAG); when there is none, the single character with frequency 1. On equal scores the
    /// longer word wins (Python's max over (score, end) in jieba). Both spans need run.Length + 1 elements.
    /// </summary>
    public void Route(ReadOnlySpan<char> run, Span<double> score, Span<int> next)
    {
        // Fields in locals: the loop below is the hot path of every statistics command.
        var root = _root;
        var edges = _edges;
        var shift = _shift;
        var mask = _mask;
        var weights = _weight;
        var hasChildren = _hasChildren;
        var single = -LogTotal; // log(1) - logtotal, as jieba computes it for a character that is no word
        var n = run.Length;
        score[n] = 0;
        next[n] = n;
        for (var i = n - 1; i >= 0; i--)
        {
            var c = run[i];
            if (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(run[i - 1]))
            {
                // The second half of a supplementary character: no word starts here.
                score[i] = double.NegativeInfinity;
                next[i] = i + 1;
                continue;
            }

            var best = double.NegativeInfinity;
            var bestEnd = -1;
            var node = root[c];
            var j = i;
            while (node != 0)
            {
                var w = weights[node];
                if (w != double.NegativeInfinity)
                {
                    // ≥ with j rising: among equal sums the longer word wins.
                    var candidate = w + score[j + 1];
                    if (candidate >= best)
                    {
                        best = candidate;
                        bestEnd = j + 1;
                    }
                }

                if (++j >= n || (hasChildren[node >> 6] & (1UL << node)) == 0)
                {
                    break;
                }

                node = Find(edges, shift, mask, ((ulong)(uint)node << 16) | run[j]);
            }

            if (bestEnd < 0)
            {
                var width = char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(run[i + 1]) ? 2 : 1;
                best = single + score[i + width];
                bestEnd = i + width;
            }

            score[i] = best;
            next[i] = bestEnd;
        }
    }

    /// <summary>The frequency of <paramref name="word"/> (0 when it is only a prefix or unknown).</summary>
    public long Frequency(ReadOnlySpan<char> word)
    {
        if (word.Length == 0)
        {
            return 0;
        }

        var node = First(word[0]);
        for (var i = 1; i < word.Length && node != 0; i++)
        {
            node = Next(node, word[i]);
        }

        return node == 0 ? 0 : _frequency[node];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Find(ulong[] edges, int shift, int mask, ulong key)
    {
        var slot = (int)((key * Golden) >> shift);
        while (true)
        {
            var entry = edges[slot];
            if (entry == 0)
            {
                return 0;
            }

            if (entry >> NodeBits == key)
            {
                return (int)(entry & NodeMask);
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Collects words and frequencies, then builds the immutable trie.</summary>
    public sealed class Builder
    {
        private readonly int[] _root = new int[65536];
        private readonly ulong[] _edges;
        private readonly int _shift;
        private readonly int _mask;
        private long[] _frequency = new long[1 << 16];
        private ulong[] _hasChildren = new ulong[1 << 10];
        private int _nodes = 1; // node 0 is the root
        private int _edgeCount;

        /// <param name="maxEdges">An upper bound on the trie's edges below the root, e.g. the sum over all words of
        /// their length − 1; it sizes the edge table so that it is at most three-quarters full.</param>
        public Builder(int maxEdges)
        {
            var edges = Math.Clamp(maxEdges, 16, MaxNodes);
            var bits = System.Numerics.BitOperations.Log2((uint)((edges * 4L / 3) - 1)) + 1;
            _edges = new ulong[1 << bits];
            _shift = 64 - bits;
            _mask = _edges.Length - 1;
        }

        /// <summary>Adds <paramref name="frequency"/> to the word (words added twice are summed).</summary>
        /// <exception cref="InvalidOperationException">The trie would exceed <see cref="MaxNodes"/> nodes.</exception>
        public void Add(ReadOnlySpan<char> word, long frequency)
        {
            if (word.IsEmpty || frequency <= 0)
            {
                return;
            }

            var node = _root[word[0]];
            if (node == 0)
            {
                node = _root[word[0]] = NewNode();
            }

            for (var i = 1; i < word.Length; i++)
            {
                var key = ((ulong)(uint)node << 16) | word[i];
                var child = Find(_edges, _shift, _mask, key);
                if (child == 0)
                {
                    if (_edgeCount + 1 > _edges.Length / 4 * 3)
                    {
                        throw new InvalidOperationException($"The dictionary has more characters than the {nameof(Builder)} was sized for.");
                    }

                    child = NewNode();
                    var slot = (int)((key * Golden) >> _shift);
                    while (_edges[slot] != 0)
                    {
                        slot = (slot + 1) & _mask;
                    }

                    _edges[slot] = (key << NodeBits) | (uint)child;
                    _edgeCount++;
                    _hasChildren[node >> 6] |= 1UL << node;
                }

                node = child;
            }

            _frequency[node] = checked(_frequency[node] + frequency);
        }

        /// <summary>
        /// The trie, with weights relative to <paramref name="total"/> (jieba's sum of every frequency in the file).
        /// The builder hands its tables over: call this once, last.
        /// </summary>
        public PrefixDictionary Build(long total)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(total);
            var logTotal = Math.Log(total);
            var weight = new double[_nodes];
            var frequency = _frequency[.._nodes];
            var words = 0;
            for (var n = 0; n < weight.Length; n++)
            {
                // jieba computes log(FREQ[word]) - logtotal, in this order; the same order gives the same doubles.
                weight[n] = frequency[n] > 0 ? Math.Log(frequency[n]) - logTotal : double.NegativeInfinity;
                words += frequency[n] > 0 ? 1 : 0;
            }

            return new PrefixDictionary(_root, _edges, weight, frequency, _hasChildren, words, total);
        }

        private int NewNode()
        {
            if (_nodes >= MaxNodes)
            {
                throw new InvalidOperationException($"The dictionary has more than {MaxNodes:N0} words and prefixes.");
            }

            if (_nodes == _frequency.Length)
            {
                Array.Resize(ref _frequency, _frequency.Length * 2);
                Array.Resize(ref _hasChildren, _frequency.Length / 64);
            }

            return _nodes++;
        }
    }
}
