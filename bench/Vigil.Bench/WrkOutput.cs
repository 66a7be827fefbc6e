using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Bench;

/// <summary>The figures of a <c>wrk --latency</c> report (requests, errors, requests/s, latency percentiles and maximum).</summary>
internal sealed partial class WrkOutput
{
    private readonly Dictionary<int, double> _percentiles = [];

    public long Requests { get; private set; }

    /// <summary>Socket errors (connect, read, write, timeout) plus non-2xx/3xx answers.</summary>
    public long Errors { get; private set; }

    public double RequestsPerSecond { get; private set; } = double.NaN;

    public double MaxMs { get; private set; } = double.NaN;

    public double Percentile(int p) => _percentiles.TryGetValue(p, out var ms) ? ms : double.NaN;

    public static WrkOutput Parse(string text)
    {
        var result = new WrkOutput();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (PercentileLine().Match(line) is { Success: true } p)
            {
                result._percentiles[int.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture)] = Milliseconds(p.Groups[2].Value, p.Groups[3].Value);
            }
            else if (LatencyLine().Match(line) is { Success: true } l)
            {
                result.MaxMs = Milliseconds(l.Groups[1].Value, l.Groups[2].Value);
            }
            else if (RequestsLine().Match(line) is { Success: true } r)
            {
                result.Requests = long.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Requests/sec:", StringComparison.Ordinal))
            {
                result.RequestsPerSecond = double.Parse(line["Requests/sec:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Non-2xx or 3xx responses:", StringComparison.Ordinal))
            {
                result.Errors += long.Parse(line["Non-2xx or 3xx responses:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Socket errors:", StringComparison.Ordinal))
            {
                foreach (Match m in Number().Matches(line))
                {
                    result.Errors += long.Parse(m.Value, CultureInfo.InvariantCulture);
                }
            }
        }

        return result;
    }

    private static double Milliseconds(string value, string unit)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => number / 1000,
            "ms" => number,
            "s" => number * 1000,
            "m" => number * 60_000,
            _ => double.NaN,
        };
    }

    [GeneratedRegex(@"^(\d+)%\s+([\d.]+)(us|ms|s|m)$")]
    private static partial Regex PercentileLine();

    // "Latency   avg   stdev   max   +/- stdev": the third value is the maximum.
    [GeneratedRegex(@"^Latency\s+\S+?(?:us|ms|s|m)\s+\S+?(?:us|ms|s|m)\s+([\d.]+)(us|ms|s|m)\s")]
    private static partial Regex LatencyLine();

    [GeneratedRegex(@"^(\d+) requests in ")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
