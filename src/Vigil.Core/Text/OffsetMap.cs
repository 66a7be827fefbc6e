using System.Buffers.Binary;

namespace Vigil.Core.Text;

/// <summary>
/// Maps offsets in a normalised text back to the original text it was made from. The map is a list of
/// segments; a segment whose normalised and original lengths are equal maps position for position, any
/// other segment (a joined line break, a folded ligature, a removed hyphen) maps as a whole. Consecutive
/// equal-length segments merge, so a text that only changed characters one for one has a single segment.
/// </summary>
public sealed class OffsetMap
{
    private readonly int[] _normStart;
    private readonly int[] _origStart;
    private readonly int[] _normLength;
    private readonly int[] _origLength;

    private OffsetMap(int[] normStart, int[] origStart, int[] normLength, int[] origLength, int normalizedLength, int originalLength)
    {
        _normStart = normStart;
        _origStart = origStart;
        _normLength = normLength;
        _origLength = origLength;
        NormalizedLength = normalizedLength;
        OriginalLength = originalLength;
    }

    /// <summary>Length of the normalised text.</summary>
    public int NormalizedLength { get; }

    /// <summary>Length of the original text.</summary>
    public int OriginalLength { get; }

    /// <summary>Number of segments (a measure of how much normalisation changed lengths).</summary>
    public int SegmentCount => _normStart.Length;

    /// <summary>The identity map for a text that normalisation left unchanged in length.</summary>
    public static OffsetMap Identity(int length) => new([0], [0], [length], [length], length, length);

    /// <summary>Original offset of the character at normalised offset <paramref name="normalized"/>.</summary>
    public int ToOriginalStart(int normalized)
    {
        if (normalized >= NormalizedLength)
        {
            return OriginalLength;
        }

        var s = Find(normalized);
        return _normLength[s] == _origLength[s] ? _origStart[s] + (normalized - _normStart[s]) : _origStart[s];
    }

    /// <summary>Original end offset (exclusive) of a span ending (exclusive) at normalised offset <paramref name="normalizedEnd"/>.</summary>
    public int ToOriginalEnd(int normalizedEnd)
    {
        if (normalizedEnd <= 0)
        {
            return 0;
        }

        var s = Find(normalizedEnd - 1);
        return _normLength[s] == _origLength[s] ? _origStart[s] + (normalizedEnd - _normStart[s]) : _origStart[s] + _origLength[s];
    }

    /// <summary>Maps a normalised span [start, end) to the original span that produced it.</summary>
    public (int Start, int End) ToOriginal(int start, int end) => (ToOriginalStart(start), Math.Max(ToOriginalStart(start), ToOriginalEnd(end)));

    private int Find(int normalized)
    {
        // Last segment with a non-empty normalised side starting at or before the offset.
        int lo = 0, hi = _normStart.Length - 1, found = 0;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_normStart[mid] <= normalized)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        // Skip back over deletions (empty normalised side) that share the start offset.
        while (found > 0 && _normLength[found] == 0)
        {
            found--;
        }

        return found;
    }

    /// <summary>Serialises the map (little-endian int32s) for storage.</summary>
    public byte[] ToBytes()
    {
        var n = _normStart.Length;
        var bytes = new byte[8 + (n * 16)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, NormalizedLength);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), OriginalLength);
        for (var i = 0; i < n; i++)
        {
            var o = 8 + (i * 16);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(o), _normStart[i]);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(o + 4), _origStart[i]);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(o + 8), _normLength[i]);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(o + 12), _origLength[i]);
        }

        return bytes;
    }

    /// <summary>Reads a map written by <see cref="ToBytes"/>.</summary>
    public static OffsetMap FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8 || (bytes.Length - 8) % 16 != 0)
        {
            throw new InvalidDataException("Offset map is corrupt (bad length); run 'vigil reindex' after re-ingesting the document.");
        }

        var n = (bytes.Length - 8) / 16;
        int[] ns = new int[n], os = new int[n], nl = new int[n], ol = new int[n];
        for (var i = 0; i < n; i++)
        {
            var o = 8 + (i * 16);
            ns[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[o..]);
            os[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(o + 4)..]);
            nl[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(o + 8)..]);
            ol[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(o + 12)..]);
        }

        return new OffsetMap(ns, os, nl, ol, BinaryPrimitives.ReadInt32LittleEndian(bytes), BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]));
    }

    /// <summary>Builds a map while a normaliser walks the original text from left to right.</summary>
    public sealed class Builder
    {
        private readonly List<int> _ns = [], _os = [], _nl = [], _ol = [];
        private int _norm, _orig;

        /// <summary>Records that <paramref name="originalLength"/> original characters became <paramref name="normalizedLength"/> normalised ones.</summary>
        public void Add(int originalLength, int normalizedLength)
        {
            if (originalLength == 0 && normalizedLength == 0)
            {
                return;
            }

            var last = _ns.Count - 1;
            var linear = originalLength == normalizedLength;
            if (last >= 0 && linear && _nl[last] == _ol[last])
            {
                _nl[last] += normalizedLength;
                _ol[last] += originalLength;
            }
            else
            {
                _ns.Add(_norm);
                _os.Add(_orig);
                _nl.Add(normalizedLength);
                _ol.Add(originalLength);
            }

            _norm += normalizedLength;
            _orig += originalLength;
        }

        /// <summary>Turns the last normalised character back into a deletion of its original text.</summary>
        public void DropLastNormalized()
        {
            var k = _nl.Count - 1;
            while (k >= 0 && _nl[k] == 0)
            {
                k--;
            }

            if (k < 0)
            {
                return;
            }

            if (_nl[k] == _ol[k])
            {
                // Split the linear segment: its last character becomes a one-character deletion.
                _nl[k]--;
                _ol[k]--;
                _ns.Insert(k + 1, _ns[k] + _nl[k]);
                _os.Insert(k + 1, _os[k] + _ol[k]);
                _nl.Insert(k + 1, 0);
                _ol.Insert(k + 1, 1);
                if (_nl[k] == 0)
                {
                    _ns.RemoveAt(k);
                    _os.RemoveAt(k);
                    _nl.RemoveAt(k);
                    _ol.RemoveAt(k);
                    k--;
                }

                k++;
            }
            else
            {
                _nl[k]--;
            }

            for (var j = k + 1; j < _ns.Count; j++)
            {
                _ns[j]--;
            }

            _norm--;
        }

        /// <summary>Finishes the map.</summary>
        public OffsetMap Build()
        {
            if (_ns.Count == 0)
            {
                return Identity(0);
            }

            return new OffsetMap([.. _ns], [.. _os], [.. _nl], [.. _ol], _norm, _orig);
        }
    }
}
