namespace Vigil.Core.Detection;

/// <summary>
/// The last <see cref="Capacity"/> values of a series, kept both in arrival order and sorted, so the median and the
/// median absolute deviation are read without sorting again. Adding a value costs O(capacity) (one shift of the
/// sorted array); reading the median is O(1) and the MAD O(capacity/2).
/// </summary>
internal sealed class RollingWindow
{
    private readonly double[] _ring;
    private readonly double[] _sorted;
    private int _start;

    public RollingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new double[capacity];
        _sorted = new double[capacity];
    }

    public int Capacity => _ring.Length;

    public int Count { get; private set; }

    public bool IsFull => Count == _ring.Length;

    /// <summary>The oldest value (the one the next <see cref="Add"/> drops when full).</summary>
    public double Oldest => _ring[_start];

    /// <summary>The value <paramref name="age"/> steps back (0 = the newest).</summary>
    public double Recent(int age) => _ring[(_start + Count - 1 - age + _ring.Length) % _ring.Length];

    /// <summary>Adds a value; when full, the oldest is dropped first. Returns the dropped value, or NaN.</summary>
    public double Add(double value)
    {
        var dropped = double.NaN;
        if (IsFull)
        {
            dropped = _ring[_start];
            RemoveSorted(dropped);
            _ring[_start] = value;
            _start = (_start + 1) % _ring.Length;
        }
        else
        {
            _ring[(_start + Count) % _ring.Length] = value;
        }

        InsertSorted(value);
        return dropped;
    }

    /// <summary>Drops the oldest value (no-op when empty).</summary>
    public void RemoveOldest()
    {
        if (Count == 0)
        {
            return;
        }

        RemoveSorted(_ring[_start]);
        _start = (_start + 1) % _ring.Length;
    }

    public void Clear()
    {
        Count = 0;
        _start = 0;
    }

    public double Min => _sorted[0];

    public double Max => _sorted[Count - 1];

    /// <summary>The median (the mean of the two middle values when the count is even); NaN when empty.</summary>
    public double Median()
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var half = Count / 2;
        return Count % 2 == 1 ? _sorted[half] : (_sorted[half - 1] + _sorted[half]) / 2;
    }

    /// <summary>
    /// The median of |x − <paramref name="center"/>| over the window (unscaled), read by walking outwards from
    /// <paramref name="center"/> in the sorted values: the k-th closest value is found in k steps.
    /// </summary>
    public double MedianAbsoluteDeviation(double center)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var right = LowerBound(center);
        var left = right - 1;
        var lowRank = (Count - 1) / 2;
        var highRank = Count / 2;
        double low = 0, current = 0;
        for (var rank = 0; rank <= highRank; rank++)
        {
            var takeLeft = right >= Count || (left >= 0 && center - _sorted[left] <= _sorted[right] - center);
            current = takeLeft ? center - _sorted[left--] : _sorted[right++] - center;
            if (rank == lowRank)
            {
                low = current;
            }
        }

        return (low + current) / 2;
    }

    /// <summary>The mean of |x − <paramref name="center"/>| over the window.</summary>
    public double MeanAbsoluteDeviation(double center)
    {
        var sum = 0.0;
        for (var i = 0; i < Count; i++)
        {
            sum += Math.Abs(_sorted[i] - center);
        }

        return Count == 0 ? double.NaN : sum / Count;
    }

    /// <summary>The value of rank <paramref name="rank"/> in ascending order (0 = smallest).</summary>
    public double Sorted(int rank) => _sorted[rank];

    /// <summary>How many values are strictly below <paramref name="value"/>.</summary>
    public int CountBelow(double value) => LowerBound(value);

    /// <summary>Copies the values in arrival order (oldest first).</summary>
    public double[] ToArray()
    {
        var values = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            values[i] = _ring[(_start + i) % _ring.Length];
        }

        return values;
    }

    private int LowerBound(double value)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_sorted[mid] < value)
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

    private void InsertSorted(double value)
    {
        // Upper bound, so equal values keep arrival order among themselves (irrelevant to the statistics, but stable).
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        Array.Copy(_sorted, lo, _sorted, lo + 1, Count - lo);
        _sorted[lo] = value;
        Count++;
    }

    private void RemoveSorted(double value)
    {
        var index = LowerBound(value);
        Array.Copy(_sorted, index + 1, _sorted, index, Count - index - 1);
        Count--;
    }
}

/// <summary>Robust location and scale shared by the detectors.</summary>
internal static class RobustScale
{
    /// <summary>MAD × 1.4826 estimates σ for normal data.</summary>
    public const double MadToSigma = 1.4826;

    /// <summary>Mean absolute deviation × 1.2533 (√(π/2)) estimates σ for normal data; used when the MAD is 0.</summary>
    public const double MeanAbsToSigma = 1.2533;

    /// <summary>
    /// The robust spread of a window around its median: 1.4826 × MAD; when more than half the values are equal (MAD = 0),
    /// 1.2533 × the mean absolute deviation; 0 only when every value is the same. <paramref name="fallback"/> says
    /// which was used.
    /// </summary>
    public static double Spread(RollingWindow window, double median, out bool fallback)
    {
        fallback = false;
        var mad = window.MedianAbsoluteDeviation(median);
        if (mad > 0)
        {
            return MadToSigma * mad;
        }

        fallback = true;
        return MeanAbsToSigma * window.MeanAbsoluteDeviation(median);
    }

    /// <summary>
    /// (value − baseline) / spread, with a spread of 0 read as "no variation at all": 0 for the same value, ±∞ for any
    /// other.
    /// </summary>
    public static double Z(double value, double baseline, double spread) =>
        spread > 0 ? (value - baseline) / spread
        : value == baseline ? 0
        : value > baseline ? double.PositiveInfinity : double.NegativeInfinity;
}

/// <summary>
/// The resolution of a series: the smallest gap between two distinct values seen so far (1 for counts, 0.1 for values
/// recorded to one decimal). Values recorded to a resolution q carry a rounding error of standard deviation q/√12, so
/// no spread is taken to be smaller than that: a change of one unit after a perfectly flat stretch of counts is then
/// 3.5 spreads, not infinitely many. Only the first <see cref="MaxDistinct"/> distinct values are tracked; a series with
/// more is effectively continuous and its gap is by then negligible.
/// </summary>
internal sealed class Resolution
{
    public const int MaxDistinct = 1000;

    private readonly List<double> _distinct = [];

    /// <summary>The smallest gap between distinct values seen (+∞ while fewer than two).</summary>
    public double Quantum { get; private set; } = double.PositiveInfinity;

    /// <summary>q/√12, or 0 while every value so far has been the same.</summary>
    public double SpreadFloor => double.IsPositiveInfinity(Quantum) ? 0 : Quantum / Math.Sqrt(12);

    public void Add(double value)
    {
        if (_distinct.Count >= MaxDistinct)
        {
            return;
        }

        var index = _distinct.BinarySearch(value);
        if (index >= 0)
        {
            return;
        }

        index = ~index;
        if (index > 0)
        {
            Quantum = Math.Min(Quantum, value - _distinct[index - 1]);
        }

        if (index < _distinct.Count)
        {
            Quantum = Math.Min(Quantum, _distinct[index] - value);
        }

        _distinct.Insert(index, value);
    }

    /// <summary><paramref name="spread"/>, raised to the floor when below it.</summary>
    public double Floor(double spread) => Math.Max(spread, SpreadFloor);
}
