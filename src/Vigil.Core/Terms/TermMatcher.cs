namespace Vigil.Core.Terms;

/// <summary>Receives matches from <see cref="TermMatcher.Scan{TSink}"/>.</summary>
public interface IMatchSink
{
    /// <summary>Pattern <paramref name="pattern"/> occurs ending (exclusive) at <paramref name="end"/>.</summary>
    void OnMatch(int pattern, int end);
}

/// <summary>
/// Finds every occurrence of many patterns in one pass: an Aho–Corasick automaton compiled to a dense DFA
/// over a compressed alphabet (each character that occurs in some pattern gets a class; every other
/// character shares class 0). Overlapping occurrences are all reported, so a count is "substring true":
/// 安全 is found inside 国家安全 and 安全观 alike. Immutable and thread-safe once built.
/// </summary>
public sealed class TermMatcher
{
    // Bound on one DFA's table (entries); a larger pattern set is split over several automata.
    private const long MaxTableEntries = 48L * 1024 * 1024;

    private readonly Automaton[] _parts;

    private TermMatcher(Automaton[] parts, int patternCount)
    {
        _parts = parts;
        PatternCount = patternCount;
    }

    /// <summary>Number of patterns.</summary>
    public int PatternCount { get; }

    /// <summary>Number of automata the patterns were split over (1 unless the set is very large).</summary>
    public int AutomatonCount => _parts.Length;

    /// <summary>Builds a matcher. Empty patterns are ignored (they would match everywhere).</summary>
    public static TermMatcher Build(IReadOnlyList<string> patterns) => Build(patterns, MaxTableEntries);

    /// <summary>Builds a matcher whose automata each hold at most <paramref name="maxTableEntries"/> transitions.</summary>
    internal static TermMatcher Build(IReadOnlyList<string> patterns, long maxTableEntries)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var ids = Enumerable.Range(0, patterns.Count).Where(i => patterns[i].Length > 0).ToArray();
        var parts = new List<Automaton>();
        BuildParts(patterns, ids, parts, maxTableEntries);
        return new TermMatcher([.. parts], patterns.Count);
    }

    private static void BuildParts(IReadOnlyList<string> patterns, int[] ids, List<Automaton> parts, long maxTableEntries)
    {
        var automaton = Automaton.TryBuild(patterns, ids, maxTableEntries);
        if (automaton is not null || ids.Length <= 1)
        {
            if (automaton is not null)
            {
                parts.Add(automaton);
            }

            return;
        }

        var half = ids.Length / 2;
        BuildParts(patterns, ids[..half], parts, maxTableEntries);
        BuildParts(patterns, ids[half..], parts, maxTableEntries);
    }

    /// <summary>Reports every occurrence of every pattern in <paramref name="text"/>, in order of end offset per automaton.</summary>
    public void Scan<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, IMatchSink, allows ref struct
    {
        foreach (var part in _parts)
        {
            part.Scan(text, ref sink);
        }
    }

    private sealed class Automaton
    {
        private const int OutputFlag = int.MinValue;

        private readonly ushort[] _class;   // UTF-16 unit → class
        private readonly int _width;        // classes per state
        private readonly int[] _delta;      // (state * width + class) → next state * width, | OutputFlag if it has output
        private readonly int[] _outStart;   // state → first index in _outputs
        private readonly int[] _outputs;    // pattern ids, grouped by state

        private Automaton(ushort[] cls, int width, int[] delta, int[] outStart, int[] outputs)
        {
            _class = cls;
            _width = width;
            _delta = delta;
            _outStart = outStart;
            _outputs = outputs;
        }

        public static Automaton? TryBuild(IReadOnlyList<string> patterns, int[] ids, long maxEntries)
        {
            // Alphabet compression.
            var cls = new ushort[65536];
            var width = 1;
            foreach (var id in ids)
            {
                foreach (var c in patterns[id])
                {
                    if (cls[c] == 0)
                    {
                        if (width == ushort.MaxValue)
                        {
                            return null;
                        }

                        cls[c] = (ushort)width++;
                    }
                }
            }

            // Trie.
            var children = new List<Dictionary<int, int>> { new() };
            var own = new List<List<int>?> { null };
            foreach (var id in ids)
            {
                var state = 0;
                foreach (var c in patterns[id])
                {
                    var k = cls[c];
                    if (!children[state].TryGetValue(k, out var next))
                    {
                        next = children.Count;
                        children.Add([]);
                        own.Add(null);
                        children[state][k] = next;
                    }

                    state = next;
                }

                (own[state] ??= []).Add(id);
            }

            var states = children.Count;
            if ((long)states * width > maxEntries)
            {
                return null;
            }

            // Breadth-first: failure links, dense transitions, output lists (own + failure state's).
            var delta = new int[states * width];
            var fail = new int[states];
            var outLists = new List<int>[states];
            outLists[0] = own[0] ?? [];
            var queue = new Queue<int>();
            for (var k = 1; k < width; k++)
            {
                if (children[0].TryGetValue(k, out var child))
                {
                    fail[child] = 0;
                    delta[k] = child;
                    queue.Enqueue(child);
                }
            }

            while (queue.Count > 0)
            {
                var s = queue.Dequeue();
                outLists[s] = own[s] is { } mine ? [.. mine, .. outLists[fail[s]]] : outLists[fail[s]];
                var row = s * width;
                var failRow = fail[s] * width;
                for (var k = 0; k < width; k++)
                {
                    if (k != 0 && children[s].TryGetValue(k, out var child))
                    {
                        fail[child] = delta[failRow + k];
                        delta[row + k] = child;
                        queue.Enqueue(child);
                    }
                    else
                    {
                        delta[row + k] = delta[failRow + k];
                    }
                }
            }

            var outStart = new int[states + 1];
            var outputs = new List<int>();
            for (var s = 0; s < states; s++)
            {
                outStart[s] = outputs.Count;
                outputs.AddRange(outLists[s]);
            }

            outStart[states] = outputs.Count;

            // Pre-multiply targets by the width and flag states that emit.
            for (var i = 0; i < delta.Length; i++)
            {
                var target = delta[i];
                var flagged = outStart[target + 1] > outStart[target];
                delta[i] = (target * width) | (flagged ? OutputFlag : 0);
            }

            return new Automaton(cls, width, delta, outStart, [.. outputs]);
        }

        public unsafe void Scan<TSink>(ReadOnlySpan<char> text, ref TSink sink)
            where TSink : struct, IMatchSink, allows ref struct
        {
            fixed (char* p = text)
            fixed (ushort* cls = _class)
            fixed (int* delta = _delta)
            {
                var s = 0;
                var n = text.Length;
                for (var i = 0; i < n; i++)
                {
                    var t = delta[s + cls[p[i]]];
                    if (t < 0)
                    {
                        t &= int.MaxValue;
                        var state = t / _width;
                        for (var o = _outStart[state]; o < _outStart[state + 1]; o++)
                        {
                            sink.OnMatch(_outputs[o], i + 1);
                        }
                    }

                    s = t;
                }
            }
        }
    }
}
