using Vigil.Core.Terms;
using Vigil.Core.Text;

namespace Vigil.Core.Geo;

/// <summary>
/// Finds country names in running text for <see cref="Gazetteer.FindMentions"/>: the text is normalised
/// (<see cref="TextNormalizer"/>) and every searchable form found with the term engine (<see cref="TermSet"/>:
/// folded, word boundaries on alphabetic edges); then the leftmost, longest candidates win and each kept
/// span is mapped back to the original text. Blocking phrases (内蒙古, "New Mexico") and ambiguous forms
/// take part in that choice but report nothing, so the country name inside them is not reported either.
/// </summary>
internal sealed class MentionScanner
{
    private readonly TermSet? _terms;
    private readonly PatternInfo[] _info;

    private MentionScanner(TermSet? terms, PatternInfo[] info)
    {
        _terms = terms;
        _info = info;
    }

    public static MentionScanner Build(IEnumerable<(string Surface, string Code)> forms, IEnumerable<string> blockers)
    {
        var order = new List<string>();
        var byFold = new Dictionary<string, PatternInfo>(StringComparer.Ordinal);
        foreach (var (surface, code) in forms)
        {
            var folded = MatchFolding.FoldQuery(surface).Trim();
            if (folded.Length < 2)
            {
                continue;
            }

            if (!byFold.TryGetValue(folded, out var info))
            {
                info = new PatternInfo { Code = code };
                byFold[folded] = info;
                order.Add(folded);
            }
            else if (info.Code != code)
            {
                // Two entries share this spelling once folded: report neither.
                info.Code = null;
            }

            info.Surfaces.Add(TextNormalizer.Default.NormalizeQuery(surface).Trim());
        }

        foreach (var blocker in blockers)
        {
            var folded = MatchFolding.FoldQuery(blocker).Trim();
            if (folded.Length < 2)
            {
                continue;
            }

            if (!byFold.TryGetValue(folded, out var info))
            {
                info = new PatternInfo();
                byFold[folded] = info;
                order.Add(folded);
            }

            info.Code = null;
            info.Blocks = true;
        }

        return order.Count == 0
            ? new MentionScanner(null, [])
            : new MentionScanner(TermSet.Compile(order), [.. order.Select(o => byFold[o])]);
    }

    public IReadOnlyList<CountryMention> Find(string text)
    {
        if (_terms is null || text.Length == 0)
        {
            return [];
        }

        var normalized = TextNormalizer.Default.Normalize(text);
        var candidates = new List<TermOccurrence>();
        foreach (var occurrence in TermCounter.Find(_terms, normalized.Text))
        {
            var info = _info[occurrence.Term];
            if (info.Blocks || info.Code is null || CaseFits(normalized.Text.AsSpan(occurrence.Start, occurrence.End - occurrence.Start), info.Surfaces))
            {
                candidates.Add(occurrence);
            }
        }

        // Leftmost first, then longest: "Papua New Guinea" beats "New Guinea" and "Guinea", 印度尼西亚 beats 印度.
        candidates.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.End != b.End ? b.End.CompareTo(a.End) : a.Term.CompareTo(b.Term));
        var mentions = new List<CountryMention>();
        var covered = 0;
        foreach (var c in candidates)
        {
            if (c.Start < covered)
            {
                continue;
            }

            covered = c.End;
            if (_info[c.Term].Code is { } code)
            {
                var (start, end) = normalized.Map.ToOriginal(c.Start, c.End);
                mentions.Add(new CountryMention(code, start, end - start, text[start..end]));
            }
        }

        return mentions;
    }

    // English forms are proper names: "Turkey" is the country, "turkey" is not; "US" is, "us" is not.
    private static bool CaseFits(ReadOnlySpan<char> found, List<string> surfaces)
    {
        foreach (var surface in surfaces)
        {
            if (surface.Any(CharClass.IsHan))
            {
                return true;
            }

            if (found.SequenceEqual(surface))
            {
                return true;
            }

            if (surface.Any(char.IsLower) && found.SequenceEqual(surface.ToUpperInvariant()))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class PatternInfo
    {
        public string? Code { get; set; }

        public bool Blocks { get; set; }

        public List<string> Surfaces { get; } = [];
    }
}
