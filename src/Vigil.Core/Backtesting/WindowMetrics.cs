namespace Vigil.Core.Backtesting;

/// <summary>
/// Window-level skill of a set of detections (after the probation period), summed over one or more series:
/// <list type="bullet">
/// <item>recall = windows with at least one detection / windows;</item>
/// <item>precision = detected windows / (detected windows + false alerts), where a false alert is a detection outside
/// every window — each window counts once, however many points inside it are flagged, as in NAB;</item>
/// <item>F1 = their harmonic mean;</item>
/// <item>lead time, per detected window = the window's reference moment (the labelled point; NAB windows are centred on
/// it) minus the first detection in the window; positive means the alert came before the labelled point; the mean is
/// over detected windows, in time and in points;</item>
/// <item>false alerts per 1,000 points = false alerts × 1000 / points after probation.</item>
/// </list>
/// </summary>
public sealed record WindowMetrics(int Windows, int Detected, int Detections, int FalseAlerts, int ScoredPoints, double LeadSecondsSum, double LeadPointsSum)
{
    public static WindowMetrics Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>NaN when nothing was detected and there were no false alerts.</summary>
    public double Precision => Detected + FalseAlerts == 0 ? double.NaN : (double)Detected / (Detected + FalseAlerts);

    /// <summary>NaN when there are no windows.</summary>
    public double Recall => Windows == 0 ? double.NaN : (double)Detected / Windows;

    /// <summary>NaN when precision or recall is undefined; 0 when both are 0.</summary>
    public double F1
    {
        get
        {
            var p = Precision;
            var r = Recall;
            return double.IsNaN(p) || double.IsNaN(r) ? double.NaN : p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /// <summary>Mean lead time over detected windows (null when none was detected).</summary>
    public TimeSpan? MeanLeadTime => Detected == 0 ? null : TimeSpan.FromSeconds(LeadSecondsSum / Detected);

    /// <summary>Mean lead in points over detected windows (NaN when none was detected).</summary>
    public double MeanLeadPoints => Detected == 0 ? double.NaN : LeadPointsSum / Detected;

    /// <summary>NaN when no point was scored.</summary>
    public double FalseAlertsPerThousand => ScoredPoints == 0 ? double.NaN : FalseAlerts * 1000.0 / ScoredPoints;

    public static WindowMetrics operator +(WindowMetrics a, WindowMetrics b) => new(
        a.Windows + b.Windows, a.Detected + b.Detected, a.Detections + b.Detections, a.FalseAlerts + b.FalseAlerts,
        a.ScoredPoints + b.ScoredPoints, a.LeadSecondsSum + b.LeadSecondsSum, a.LeadPointsSum + b.LeadPointsSum);

    /// <summary>The metrics of <paramref name="detected"/> (one flag per point) on a prepared series.</summary>
    public static WindowMetrics Of(NabFile file, ReadOnlySpan<bool> detected)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (detected.Length != file.Length)
        {
            throw new ArgumentException($"{detected.Length} detections for {file.Length} points.", nameof(detected));
        }

        var first = new int[file.Windows.Count];
        Array.Fill(first, -1);
        int detections = 0, falseAlerts = 0;
        for (var i = file.Probation; i < file.Length; i++)
        {
            if (!detected[i])
            {
                continue;
            }

            detections++;
            var window = file.WindowOf(i);
            if (window < 0)
            {
                falseAlerts++;
            }
            else if (first[window] < 0)
            {
                first[window] = i;
            }
        }

        var detectedWindows = 0;
        double leadSeconds = 0, leadPoints = 0;
        for (var w = 0; w < first.Length; w++)
        {
            if (first[w] < 0)
            {
                continue;
            }

            var span = file.Windows[w];
            detectedWindows++;
            leadSeconds += (span.Window.Reference - file.Series.Points[first[w]].Timestamp).TotalSeconds;
            leadPoints += span.ReferenceIndex - first[w];
        }

        return new WindowMetrics(file.Windows.Count, detectedWindows, detections, falseAlerts, file.ScoredPoints, leadSeconds, leadPoints);
    }
}
