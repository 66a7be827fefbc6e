namespace Vigil.Core.Backtesting;

/// <summary>A series prepared for scoring with one detector's score for each of its points.</summary>
public sealed record ScoredFile(NabFile File, double[] Scores);

/// <summary>The best threshold over a corpus and the NAB score it gives.</summary>
/// <param name="Threshold">Detections are points with score ≥ this; +∞ when detecting nothing scores best.</param>
public sealed record NabOptimum(NabProfile Profile, double Threshold, double Raw, double Null, double Perfect)
{
    /// <summary>100·(S − S_null)/(S_perfect − S_null) summed over the corpus.</summary>
    public double Normalized => NabScore.Normalize(Raw, Null, Perfect);
}

/// <summary>
/// NAB's threshold optimisation: one threshold for the whole corpus (not per file), the one that maximises the summed
/// raw score of the profile. Every distinct score value is tried, exactly: the points are visited from the highest
/// score down, and adding a detection changes the total by a known amount (a false positive adds its weight; a
/// detection earlier than a window's current earliest replaces that window's term), so the whole sweep costs one sort.
/// Ties go to the higher threshold (fewer detections).
/// </summary>
public static class NabThresholdOptimizer
{
    public static NabOptimum Optimize(IReadOnlyList<ScoredFile> files, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(profile);
        var nullScore = files.Sum(f => f.File.NullScore(profile));
        var perfect = files.Sum(f => f.File.PerfectScore(profile));
        var candidates = new List<(double Score, int File, int Index)>();
        for (var f = 0; f < files.Count; f++)
        {
            var file = files[f].File;
            var scores = files[f].Scores;
            if (scores.Length != file.Length)
            {
                throw new ArgumentException($"{file.Series.Name}: {scores.Length} scores for {file.Length} points.", nameof(files));
            }

            for (var i = file.Probation; i < file.Length; i++)
            {
                if (!double.IsNaN(scores[i]))
                {
                    candidates.Add((scores[i], f, i));
                }
            }
        }

        // Highest score first; file and index order make ties deterministic (they are applied together anyway).
        candidates.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.File != b.File ? a.File.CompareTo(b.File) : a.Index.CompareTo(b.Index));
        var earliest = files.Select(f => Enumerable.Repeat(-1, f.File.Windows.Count).ToArray()).ToArray();
        var total = nullScore;
        var bestTotal = nullScore;
        var bestThreshold = double.PositiveInfinity;
        var k = 0;
        while (k < candidates.Count)
        {
            var threshold = candidates[k].Score;
            for (; k < candidates.Count && candidates[k].Score == threshold; k++)
            {
                var (_, f, i) = candidates[k];
                var file = files[f].File;
                var window = file.WindowOf(i);
                if (window < 0)
                {
                    total += file.FalsePositiveScore(i, profile);
                }
                else if (earliest[f][window] < 0)
                {
                    total += profile.FalseNegative + file.TruePositiveScore(i, profile);
                    earliest[f][window] = i;
                }
                else if (i < earliest[f][window])
                {
                    total += file.TruePositiveScore(i, profile) - file.TruePositiveScore(earliest[f][window], profile);
                    earliest[f][window] = i;
                }
            }

            if (total > bestTotal)
            {
                bestTotal = total;
                bestThreshold = threshold;
            }
        }

        return new NabOptimum(profile, bestThreshold, bestTotal, nullScore, perfect);
    }
}
