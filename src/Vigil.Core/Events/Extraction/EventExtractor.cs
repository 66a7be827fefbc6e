using System.Text.RegularExpressions;
using Vigil.Core.Analysis;
using Vigil.Core.Documents;
using Vigil.Core.Text;

namespace Vigil.Core.Events.Extraction;

/// <summary>A country named in a text: code and offsets into the string searched.</summary>
public readonly record struct CountryHit(string Code, int Start, int Length);

/// <summary>Finds country names in running text (the gazetteer's <c>FindMentions</c>, or nothing).</summary>
public interface ICountryFinder
{
    /// <summary>Countries named in <paramref name="text"/>, in order, with offsets into it.</summary>
    IReadOnlyList<CountryHit> Find(string text);
}

/// <summary>
/// Proposes events from a document's text with bilingual rules (<see cref="ExtractionRuleSet"/>). Works on the
/// normalised, folded text sentence by sentence and reports every span in the ORIGINAL text: for each proposal
/// <c>original.Substring(Trigger.Start, Trigger.Length) == Trigger.Text</c>, and likewise for the sentence, actor,
/// targets, countries and quantities. Deterministic: the same text gives the same proposals in the same order
/// (sentence order, then type order). Immutable and thread-safe.
/// </summary>
public sealed partial class EventExtractor
{
    /// <summary>Sentences longer than this are still read but their proposals are marked less certain.</summary>
    public const int LongSentence = 300;

    // China and its SARs and Taiwan do not make a police event "foreign" (cross-strait and SAR police work is out of scope).
    private static readonly HashSet<string> NotForeign = new(StringComparer.Ordinal) { "CN", "HK", "MO", "TW" };

    private static readonly Lazy<EventExtractor> DefaultExtractor = new(() => new EventExtractor(ExtractionRuleSet.BuiltIn, GazetteerCountryFinder.BuiltIn), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ICountryFinder? _countries;

    /// <summary>An extractor with <paramref name="rules"/> and, optionally, a gazetteer to name countries.</summary>
    public EventExtractor(ExtractionRuleSet rules, ICountryFinder? countries = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
        _countries = countries;
    }

    /// <summary>The built-in rules with the built-in gazetteer.</summary>
    public static EventExtractor Default => DefaultExtractor.Value;

    public ExtractionRuleSet Rules { get; }

    /// <summary>Extracts from text that is not stored (normalised the way ingestion does).</summary>
    public IReadOnlyList<EventProposal> Extract(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Extract(AnalysisPipeline.Default.Content(text), cancellationToken);
    }

    /// <summary>Extracts from a document's stored texts.</summary>
    public IReadOnlyList<EventProposal> Extract(DocumentContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var normalized = content.Normalized;
        var folded = MatchFolding.Fold(normalized.Text);
        var sentences = SentenceSplitter.Split(normalized);
        var result = new List<EventProposal>();
        var paragraphDates = new Dictionary<int, IReadOnlyList<DateMention>>();
        foreach (var sentence in sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var proposals = ExtractSentence(content, folded, sentence, paragraphDates);
            result.AddRange(proposals);
        }

        return result;
    }

    private List<EventProposal> ExtractSentence(DocumentContent content, string folded, SentenceRange sentence,
        Dictionary<int, IReadOnlyList<DateMention>> paragraphDates)
    {
        var text = folded.Substring(sentence.Start, sentence.Length);
        var best = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        Lazy<IReadOnlyList<CountryHit>> countries = new(() => FindCountries(content.Normalized.Text, sentence));
        Lazy<List<(ActorClass Class, int Start, int End)>> actors = new(() => FindActors(text));
        Lazy<IReadOnlyList<DateMention>> dates = new(() => DateFinder.Find(text));
        for (var r = 0; r < Rules.Rules.Count; r++)
        {
            var rule = Rules.Rules[r];
            if (best.TryGetValue(rule.Type, out var held) && held.Confidence >= rule.Confidence)
            {
                continue;
            }

            if (TryRule(rule, r, text, actors, countries, dates) is { } candidate
                && (!best.TryGetValue(rule.Type, out var current) || Better(candidate, current)))
            {
                best[rule.Type] = candidate;
            }
        }

        var proposals = new List<EventProposal>();
        foreach (var candidate in best.Values.OrderBy(c => EventTypes.IndexOf(c.Rule.Type)))
        {
            proposals.Add(Build(content, folded, sentence, text, candidate, countries.Value, paragraphDates));
        }

        return proposals;
    }

    private static bool Better(Candidate a, Candidate b) =>
        a.Confidence > b.Confidence || (a.Confidence == b.Confidence && (a.Trigger.Index < b.Trigger.Index || (a.Trigger.Index == b.Trigger.Index && a.RuleIndex < b.RuleIndex)));

    private Candidate? TryRule(ExtractionRule rule, int ruleIndex, string text, Lazy<List<(ActorClass Class, int Start, int End)>> actors,
        Lazy<IReadOnlyList<CountryHit>> countries, Lazy<IReadOnlyList<DateMention>> dates)
    {
        if (rule.Require.Any(r => !r.IsMatch(text)) || rule.Exclude.Any(r => r.IsMatch(text)))
        {
            return null;
        }

        if (rule.Foreign && !countries.Value.Any(c => !NotForeign.Contains(c.Code)) && Rules.ForeignMarker?.IsMatch(text) != true)
        {
            return null;
        }

        // The first trigger match that survives the cues and the actor condition.
        foreach (Match m in rule.Trigger.Matches(text))
        {
            if (m.Length == 0 || Cancelled(rule, text, m.Index, m.Index + m.Length, dates))
            {
                continue;
            }

            var actor = ActorFor(m, actors.Value);
            if (rule.ActorRequired && (actor is null || !rule.ActorClasses.Contains(actor.Value.Class.Name)))
            {
                continue;
            }

            var confidence = rule.Confidence;
            if (text.Length > LongSentence)
            {
                confidence -= 0.1;
            }

            return new Candidate(rule, ruleIndex, m, Math.Round(confidence, 2), actor);
        }

        return null;
    }

    private bool Cancelled(ExtractionRule rule, string text, int start, int end, Lazy<IReadOnlyList<DateMention>> dates)
    {
        var (clauseStart, clauseEnd) = Clause(text, start, end);

        foreach (var cue in Rules.Cues)
        {
            if (rule.IgnoredCues.Contains(cue.Kind))
            {
                continue;
            }

            var (from, to) = cue.Scope switch
            {
                CueScope.ClauseBefore => (clauseStart, start),
                CueScope.SentenceBefore => (0, start),
                CueScope.ClauseAfter => (end, clauseEnd),
                CueScope.NearBefore => (Math.Max(0, start - cue.Window), start),
                CueScope.NearAfter => (end, text.Length),
                _ => (0, text.Length),
            };
            if (to <= from)
            {
                continue;
            }

            foreach (Match c in cue.Pattern.Matches(text))
            {
                if (c.Index < from || c.Index + c.Length > to || c.Length == 0 || (cue.Scope == CueScope.NearAfter && c.Index >= end + cue.Window))
                {
                    continue;
                }

                // A cue inside the trigger itself (the 'if' of "whether", a rule that names 否认) is the rule's business.
                if (c.Index < end && c.Index + c.Length > start)
                {
                    continue;
                }

                // A cue word inside a date is part of the date: "May" in "in May 2023".
                if (dates.Value.Any(d => c.Index < d.Start + d.Length && d.Start < c.Index + c.Length))
                {
                    continue;
                }

                if (cue.UnlessBefore is { } unless && unless.Matches(text).Any(u => u.Index + u.Length <= c.Index))
                {
                    continue;
                }

                return true;
            }
        }

        return false;
    }

    private static bool IsClauseMark(char c) => c is ',' or ';' or ':' or '，' or '；' or '：';

    private List<(ActorClass Class, int Start, int End)> FindActors(string text)
    {
        var found = new List<(ActorClass, int, int)>();
        foreach (var cls in Rules.Actors)
        {
            foreach (Match m in cls.Pattern.Matches(text))
            {
                if (m.Length > 0)
                {
                    found.Add((cls, m.Index, m.Index + m.Length));
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The actor of a trigger: its own <c>actor</c> group if it has one, else the actor mention ending nearest
    /// before the trigger (the longer one when two end at the same place, so 荷兰外交部 beats 外交部).
    /// </summary>
    private static (ActorClass Class, int Start, int End)? ActorFor(Match m, List<(ActorClass Class, int Start, int End)> actors)
    {
        var group = m.Groups["actor"];
        if (group.Success && group.Length > 0)
        {
            var inside = actors.Where(a => a.Start >= group.Index && a.End <= group.Index + group.Length)
                .OrderByDescending(a => a.End - a.Start).ThenBy(a => a.Start).FirstOrDefault();
            if (inside.Class is not null)
            {
                return (inside.Class, group.Index, group.Index + group.Length);
            }
        }

        (ActorClass Class, int Start, int End)? best = null;
        foreach (var a in actors)
        {
            if (a.End > m.Index)
            {
                continue;
            }

            if (best is null || a.End > best.Value.End || (a.End == best.Value.End && a.Start < best.Value.Start))
            {
                best = a;
            }
        }

        return best;
    }

    private IReadOnlyList<CountryHit> FindCountries(string normalized, SentenceRange sentence)
    {
        if (_countries is null)
        {
            return [];
        }

        var hits = _countries.Find(normalized.Substring(sentence.Start, sentence.Length));
        return hits.Where(h => h.Start >= 0 && h.Length > 0 && h.Start + h.Length <= sentence.Length).ToList();
    }

    private EventProposal Build(DocumentContent content, string folded, SentenceRange sentence, string text, Candidate c,
        IReadOnlyList<CountryHit> countries, Dictionary<int, IReadOnlyList<DateMention>> paragraphDates)
    {
        var s = sentence.Start;
        SourceSpan Span(int start, int end) => ToOriginal(content, s + start, s + end);

        var (targetParts, targetEnd) = Targets(c.Trigger, text);

        // A trigger that ends with its target ends where the target does: "sanctions US defence firms", not
        // "… over arms sales to Taiwan".
        var triggerEnd = c.Trigger.Index + c.Trigger.Length;
        var targetGroup = c.Trigger.Groups["target"];
        if (targetGroup.Success && targetGroup.Index + targetGroup.Length == triggerEnd && targetEnd > c.Trigger.Index)
        {
            triggerEnd = targetEnd;
        }

        var trigger = Span(c.Trigger.Index, triggerEnd);
        var sentenceSpan = Span(0, text.Length);
        var language = text.Any(CharClass.IsHan) ? "zh" : "en";

        SourceSpan? actor = c.Actor is { } a ? Span(a.Start, a.End) : null;
        if (actor is null)
        {
            // No party before the trigger: a reporting party in a later clause (", the foreign ministry said"). Any
            // other party after the trigger is more likely a target ("retaliation … against Chinese officials") or
            // another act's subject ("…, and China pledged").
            var afterTrigger = c.Trigger.Index + c.Trigger.Length;
            var after = FindActors(text).Where(x => x.Start >= afterTrigger && text.AsSpan(afterTrigger, x.Start - afterTrigger).IndexOfAny(",;:") >= 0
                    && ReportingVerb().IsMatch(text.AsSpan(x.End, Math.Min(16, text.Length - x.End))))
                .OrderBy(x => x.Start).ThenByDescending(x => x.End).FirstOrDefault();
            if (after.Class is not null)
            {
                actor = Span(after.Start, after.End);
            }
        }

        var targets = targetParts.Select(t => Span(t.Start, t.End)).ToList();
        var quantities = Quantities(c.Rule.Type, text, c.Trigger.Index, triggerEnd).Select(q => new ProposalQuantity(q.Kind, q.Value,
            q.UnitStart >= 0 ? Span(q.UnitStart, q.UnitEnd).Text : q.DefaultUnit, Span(q.Start, q.End), Span(q.NumberStart, q.NumberEnd))).ToList();
        var countryList = countries.Select(h => new ProposalCountry(h.Code, Span(h.Start, h.Start + h.Length))).ToList();

        var (date, dateSource, dateSpan) = DateFor(content, folded, sentence, text, c.Trigger, paragraphDates);
        return new EventProposal(c.Rule.Type, c.Rule.Id, c.Confidence, trigger, sentenceSpan, sentence.Paragraph, language,
            date, dateSource, dateSpan, actor, targets, countryList, quantities);
    }

    private static SourceSpan ToOriginal(DocumentContent content, int normalizedStart, int normalizedEnd)
    {
        var (start, end) = content.Normalized.Map.ToOriginal(normalizedStart, normalizedEnd);
        start = Math.Clamp(start, 0, content.Original.Length);
        end = Math.Clamp(end, start, content.Original.Length);
        return new SourceSpan(start, end - start, content.Original.Substring(start, end - start));
    }

    /// <summary>The targets the trigger captured, split into parties, and where the last one ends (-1 without targets).</summary>
    private (List<(int Start, int End)> Parts, int End) Targets(Match trigger, string text)
    {
        var group = trigger.Groups["target"];
        if (!group.Success || group.Length == 0)
        {
            return ([], -1);
        }

        var start = group.Index;
        var end = group.Index + group.Length;
        if (Rules.TargetStop?.Match(text, start, end - start) is { Success: true } stop)
        {
            end = stop.Index;
        }

        var parts = new List<(int, int)>();
        var pieceStart = start;
        if (Rules.TargetSplit is { } split)
        {
            foreach (Match sep in split.Matches(text[..end], start))
            {
                if (sep.Length == 0)
                {
                    continue;
                }

                AddTarget(text, pieceStart, sep.Index, parts);
                pieceStart = sep.Index + sep.Length;
            }
        }

        AddTarget(text, pieceStart, end, parts);
        return (parts, parts.Count > 0 ? parts[^1].Item2 : -1);
    }

    private static void AddTarget(string text, int start, int end, List<(int, int)> into)
    {
        while (start < end && (char.IsWhiteSpace(text[start]) || text[start] is '"' or '\'' or '「' or '《'))
        {
            start++;
        }

        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is '"' or '\'' or '」' or '》'))
        {
            end--;
        }

        // A leading article or 的/在内 tail is not part of a party's name, but the words are kept as written otherwise.
        if (end - start >= 2)
        {
            into.Add((start, end));
        }
    }

    /// <summary>
    /// Counts of the proposal's type stated in the trigger's clause (", hours after the EU sanctioned four Chinese
    /// officials" does not count for China's sanctions before the comma); when the clause states none, the sentence's.
    /// </summary>
    private List<QuantityHit> Quantities(string type, string text, int triggerStart, int triggerEnd)
    {
        var all = AllQuantities(type, text);
        var (clauseStart, clauseEnd) = Clause(text, triggerStart, triggerEnd);
        var near = all.Where(q => q.End > clauseStart && q.Start < clauseEnd).ToList();
        return near.Count > 0 ? near : all;
    }

    private static (int Start, int End) Clause(string text, int start, int end)
    {
        var clauseStart = 0;
        for (var k = start - 1; k >= 0; k--)
        {
            if (IsClauseMark(text[k]))
            {
                clauseStart = k + 1;
                break;
            }
        }

        var clauseEnd = text.Length;
        for (var k = end; k < text.Length; k++)
        {
            if (IsClauseMark(text[k]))
            {
                clauseEnd = k;
                break;
            }
        }

        return (clauseStart, clauseEnd);
    }

    private List<QuantityHit> AllQuantities(string type, string text)
    {
        if (!Rules.Quantities.TryGetValue(type, out var patterns))
        {
            return [];
        }

        var hits = new List<QuantityHit>();
        foreach (var p in patterns)
        {
            foreach (Match m in p.Pattern.Matches(text))
            {
                var n = m.Groups["n"];
                if (!n.Success || !NumeralParser.TryParse(n.Value, out var value) || hits.Any(h => h.NumberStart < n.Index + n.Length && n.Index < h.NumberEnd))
                {
                    continue;
                }

                var u = m.Groups["u"];
                var hasUnit = u.Success && u.Value.Trim().Length > 0;
                var unitStart = hasUnit ? u.Index : -1;
                var unitEnd = hasUnit ? u.Index + u.Length : -1;
                if (hasUnit)
                {
                    while (unitStart < unitEnd && char.IsWhiteSpace(text[unitStart]))
                    {
                        unitStart++;
                    }

                    while (unitEnd > unitStart && char.IsWhiteSpace(text[unitEnd - 1]))
                    {
                        unitEnd--;
                    }
                }

                hits.Add(new QuantityHit(p.Kind, value, p.DefaultUnit, m.Index, m.Index + m.Length, n.Index, n.Index + n.Length, unitStart, unitEnd));
            }
        }

        hits.Sort((a, b) => a.Start.CompareTo(b.Start));
        return hits;
    }

    private static (PartialDate? Date, string? Source, SourceSpan? Span) DateFor(DocumentContent content, string folded, SentenceRange sentence, string text,
        Match trigger, Dictionary<int, IReadOnlyList<DateMention>> paragraphDates)
    {
        var s = sentence.Start;
        var mentions = DateFinder.Find(text);
        if (mentions.Count > 0)
        {
            // The date nearest the trigger.
            var triggerMid = trigger.Index + (trigger.Length / 2);
            var nearest = mentions.OrderBy(d => Math.Abs(d.Start + (d.Length / 2) - triggerMid)).ThenBy(d => d.Start).First();
            var span = ToOriginal(content, s + nearest.Start, s + nearest.Start + nearest.Length);
            if (nearest.Year is not null)
            {
                return nearest.ToDate() is { } date ? (date, "sentence", span) : (null, null, null);
            }

            // "October 6" / 10月6日: the year written last before it in the same paragraph.
            var p0 = content.Normalized.Paragraphs[sentence.Paragraph].Start;
            var year = ParagraphDates(content, folded, sentence.Paragraph, paragraphDates)
                .Where(d => d.Year is not null && p0 + d.Start < s + nearest.Start)
                .Select(d => d.Year).LastOrDefault();
            return year is not null && nearest.ToDate(year) is { } completed ? (completed, "sentence+paragraph-year", span) : (null, null, null);
        }

        // No date in the sentence: the paragraph's date when it states exactly one.
        var dated = ParagraphDates(content, folded, sentence.Paragraph, paragraphDates).Where(d => d.Year is not null).ToList();
        var distinct = dated.Select(d => d.ToDate()).Where(d => d is not null).Distinct().ToList();
        if (distinct.Count == 1)
        {
            var p = content.Normalized.Paragraphs[sentence.Paragraph].Start;
            var d = dated.First(x => x.ToDate() == distinct[0]);
            return (distinct[0], "paragraph", ToOriginal(content, p + d.Start, p + d.Start + d.Length));
        }

        return (null, null, null);
    }

    private static IReadOnlyList<DateMention> ParagraphDates(DocumentContent content, string folded, int paragraph, Dictionary<int, IReadOnlyList<DateMention>> cache)
    {
        if (!cache.TryGetValue(paragraph, out var dates))
        {
            var range = content.Normalized.Paragraphs[paragraph];
            dates = DateFinder.Find(folded.Substring(range.Start, range.Length));
            cache[paragraph] = dates;
        }

        return dates;
    }

    [GeneratedRegex(@"^\s*(?:said|says|stated|announced|told|confirmed|表示|称|宣布|指出|证实|透露)", RegexOptions.CultureInvariant)]
    private static partial Regex ReportingVerb();

    private sealed record Candidate(ExtractionRule Rule, int RuleIndex, Match Trigger, double Confidence, (ActorClass Class, int Start, int End)? Actor);

    private readonly record struct QuantityHit(string Kind, long Value, string DefaultUnit, int Start, int End, int NumberStart, int NumberEnd, int UnitStart, int UnitEnd);
}
