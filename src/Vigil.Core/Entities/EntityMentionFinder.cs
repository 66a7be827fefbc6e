using Vigil.Core.Documents;
using Vigil.Core.Terms;
using Vigil.Core.Text;

namespace Vigil.Core.Entities;

/// <summary>A list entry's name found in a document.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="Form">The entry's name, alias or Chinese name (or that name without its legal-form suffix) that was found.</param>
/// <param name="Field">name, alias or chinese.</param>
public sealed record MentionedEntry(ListEntry Entry, string Form, string Field);

/// <summary>One span of a document that names one or more list entries.</summary>
/// <param name="Start">Start in the document's original text.</param>
/// <param name="End">End (exclusive) in the original text.</param>
/// <param name="Text">The original text of the span, verbatim.</param>
/// <param name="Entries">Every entry that has this name (in list, row order).</param>
public sealed record EntityMention(int Start, int End, string Text, IReadOnlyList<MentionedEntry> Entries);

/// <summary>A name not searched in running text, and why.</summary>
public sealed record SkippedForm(string Form, string Reason);

/// <summary>
/// Finds listed entities' names in documents with the term engine (<see cref="TermSet"/> over the normalised
/// text: case- and script-folded, English names on word boundaries), each span mapped back to the original
/// text through the document's offset map. Searched forms: each entry's name, aliases and Chinese name, and
/// the same without a trailing legal form ("Huawei Technologies" for "Huawei Technologies Co., Ltd.").
/// Guards against false positives: Chinese forms need at least 3 Han characters; Latin forms need at least
/// 4 letters or digits, except all-capital acronyms of 3 letters (BGI, ZTE), which are matched whole-word
/// and in exactly that case; shorter forms are never searched (<see cref="Skipped"/> lists them). Where
/// candidates overlap, the leftmost and then longest wins.
/// </summary>
public sealed class EntityMentionFinder
{
    private readonly TermSet? _terms;
    private readonly Pattern[] _patterns;

    private EntityMentionFinder(TermSet? terms, Pattern[] patterns, IReadOnlyList<SkippedForm> skipped)
    {
        _terms = terms;
        _patterns = patterns;
        Skipped = skipped;
    }

    /// <summary>Forms not searched, with the reason, in entry order.</summary>
    public IReadOnlyList<SkippedForm> Skipped { get; }

    /// <summary>Number of distinct (folded) forms searched.</summary>
    public int FormCount => _patterns.Length;

    /// <summary>Prepares the names of <paramref name="entries"/>.</summary>
    public static EntityMentionFinder Build(IEnumerable<ListEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var order = new List<string>();
        var byFold = new Dictionary<string, Pattern>(StringComparer.Ordinal);
        var skipped = new List<SkippedForm>();
        var skippedSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            foreach (var (field, text) in entry.Names())
            {
                foreach (var form in new[] { text.Trim(), EntityNameNormalizer.StripLegalSuffix(text) }.Distinct(StringComparer.Ordinal))
                {
                    var (searchable, exactCase, reason) = Classify(form);
                    if (!searchable)
                    {
                        if (skippedSeen.Add(form))
                        {
                            skipped.Add(new SkippedForm(form, reason!));
                        }

                        continue;
                    }

                    var folded = MatchFolding.FoldQuery(form).Trim();
                    if (!byFold.TryGetValue(folded, out var pattern))
                    {
                        pattern = new Pattern(TextNormalizer.Default.NormalizeQuery(form).Trim(), exactCase);
                        byFold[folded] = pattern;
                        order.Add(folded);
                    }

                    if (!pattern.Entries.Any(e => ReferenceEquals(e.Entry, entry)))
                    {
                        pattern.Entries.Add(new MentionedEntry(entry, form, field));
                    }
                }
            }
        }

        return order.Count == 0
            ? new EntityMentionFinder(null, [], skipped)
            : new EntityMentionFinder(TermSet.Compile(order), [.. order.Select(o => byFold[o])], skipped);
    }

    /// <summary>The mentions in one document, in order of their start in the original text.</summary>
    public IReadOnlyList<EntityMention> Find(DocumentContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (_terms is null)
        {
            return [];
        }

        var normalized = content.Normalized.Text;
        var candidates = new List<TermOccurrence>();
        foreach (var hit in TermCounter.Find(_terms, normalized))
        {
            var pattern = _patterns[hit.Term];
            if (!pattern.ExactCase || normalized.AsSpan(hit.Start, hit.End - hit.Start).SequenceEqual(pattern.Surface))
            {
                candidates.Add(hit);
            }
        }

        candidates.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End != b.End ? b.End.CompareTo(a.End) : a.Term.CompareTo(b.Term));
        var mentions = new List<EntityMention>();
        var covered = 0;
        foreach (var c in candidates)
        {
            if (c.Start < covered)
            {
                continue;
            }

            covered = c.End;
            var (start, end) = content.Normalized.Map.ToOriginal(c.Start, c.End);
            mentions.Add(new EntityMention(start, end, content.Original[start..end], _patterns[c.Term].Entries));
        }

        return mentions;
    }

    private static (bool Searchable, bool ExactCase, string? Reason) Classify(string form)
    {
        var han = form.Count(CharClass.IsHan);
        if (han > 0)
        {
            return han >= 3 ? (true, false, null) : (false, false, "fewer than 3 Han characters");
        }

        var alnum = form.Count(char.IsLetterOrDigit);
        if (alnum >= 4)
        {
            return (true, false, null);
        }

        if (alnum == 3 && form.All(c => char.IsAsciiLetterUpper(c)))
        {
            return (true, true, null);
        }

        return (false, false, alnum == 3 ? "3 characters and not an all-capital acronym" : "fewer than 3 letters or digits");
    }

    private sealed class Pattern(string surface, bool exactCase)
    {
        public string Surface { get; } = surface;

        public bool ExactCase { get; } = exactCase;

        public List<MentionedEntry> Entries { get; } = [];
    }
}
