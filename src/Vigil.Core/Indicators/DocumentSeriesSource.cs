using System.Globalization;
using Vigil.Core.Alerts;
using Vigil.Core.Documents;
using Vigil.Core.Domains;
using Vigil.Core.Storage;
using Vigil.Core.Terms;
using Vigil.Core.Text;
using Vigil.Core.Tifa;
using Vigil.Core.Trends;
using EvidenceSpan = Vigil.Core.Alerts.EvidenceSpan;

namespace Vigil.Core.Indicators;

/// <summary>
/// Series drawn from stored documents: term and formulation counts or rates, mean domain scores and the
/// securitisation index. Documents are placed in periods by their metadata date; undated documents and documents
/// whose date is coarser than the period are left out and counted in the notes. The series runs from the period of
/// the first dated document to that of the last, every period in between present: counts are 0 where a period has
/// no documents, rates, means and the index have no value there (docs/indicators.md).
/// </summary>
public sealed class DocumentSeriesSource : IIndicatorSeriesSource
{
    /// <summary>Spans kept per top document.</summary>
    public const int SpansPerDocument = 3;

    private static readonly Lazy<TermSet> SecurityTerms = new(() => TermSet.Compile(["安全", "security"]));

    private readonly IDocumentStore _store;
    private readonly Func<string, DomainClassifier?> _classifierFor;

    /// <param name="classifierFor">The classifier for a taxonomy version, or null when the version is unknown.</param>
    public DocumentSeriesSource(IDocumentStore store, Func<string, DomainClassifier?> classifierFor)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(classifierFor);
        _store = store;
        _classifierFor = classifierFor;
    }

    public bool Handles(IndicatorSource source) => source is TermSource or FormulationSource or DomainSource or IndexSource;

    public SeriesResult Build(IndicatorDefinition indicator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var source = indicator.Source;
        Measure measure;
        string unit;
        switch (source)
        {
            case TermSource t:
            {
                TermSet set;
                try
                {
                    set = TermSet.Compile(t.Terms, new TermOptions { Stem = t.Stem });
                }
                catch (ArgumentException ex)
                {
                    return SeriesResult.Failed($"indicator '{indicator.Id}': {ex.Message.Split(" (Parameter")[0]}");
                }

                measure = TermMeasure(set, t.Rate);
                unit = t.Rate ? RateUnit(Enumerable.Range(0, set.Terms.Count).Any(set.IsChinese), Enumerable.Range(0, set.Terms.Count).Any(i => !set.IsChinese(i))) : "occurrences";
                break;
            }

            case FormulationSource f:
            {
                var formulation = new Formulation { Id = f.Formulation, Zh = f.Zh, En = f.En, Near = f.Near };
                var dictionary = FormulationDictionary.Create([formulation]);
                if (dictionary.Dictionary is null)
                {
                    return SeriesResult.Failed($"indicator '{indicator.Id}': {dictionary.Message}");
                }

                measure = FormulationMeasure(FormulationTracker.Create(dictionary.Dictionary), f);
                unit = f.Rate ? RateUnit(f.Zh.Count > 0, f.En.Count > 0) : "occurrences";
                break;
            }

            case DomainSource d:
            {
                if (_classifierFor(d.Taxonomy) is not { } classifier)
                {
                    return SeriesResult.Failed($"indicator '{indicator.Id}': taxonomy version {d.Taxonomy} is not available");
                }

                if (classifier.Taxonomy.Find(d.Domain) is null)
                {
                    return SeriesResult.Failed($"indicator '{indicator.Id}': domain '{d.Domain}' is not in taxonomy {d.Taxonomy}");
                }

                measure = DomainMeasure(classifier, d.Domain);
                unit = "mean document score (0–1)";
                break;
            }

            case IndexSource i:
            {
                if (_classifierFor(i.Taxonomy) is not { } classifier)
                {
                    return SeriesResult.Failed($"indicator '{indicator.Id}': taxonomy version {i.Taxonomy} is not available");
                }

                measure = IndexMeasure(classifier);
                unit = "securitisation index (0–100)";
                break;
            }

            default:
                return SeriesResult.Failed($"indicator '{indicator.Id}': documents do not give a '{source.Kind}' series");
        }

        return SeriesResult.Ok(Build(indicator, measure, unit, cancellationToken));
    }

    private static string RateUnit(bool chinese, bool english) => (chinese, english) switch
    {
        (true, true) => "per 10,000 Han characters (Chinese) + per 10,000 words (English)",
        (true, false) => "per 10,000 Han characters",
        _ => "per 10,000 words",
    };

    private IndicatorSeries Build(IndicatorDefinition indicator, Measure measure, string unit, CancellationToken cancellationToken)
    {
        var period = indicator.Period;
        var wanted = indicator.Source.Sources.Count == 0 ? null : new HashSet<string>(indicator.Source.Sources, StringComparer.Ordinal);
        var documents = new List<(DocumentInfo Info, DateOnly Start)>();
        int undated = 0, imprecise = 0;
        foreach (var info in _store.List())
        {
            if (wanted is not null && (info.Source is null || !wanted.Contains(info.Source)))
            {
                continue;
            }

            if (info.Date is null)
            {
                undated++;
            }
            else if (Periods.StartOfDocumentDate(period, info.Date) is { } start)
            {
                documents.Add((info, start));
            }
            else
            {
                imprecise++;
            }
        }

        // Date, then id: the order of document ids in a point and the tie order of top documents.
        documents.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : string.CompareOrdinal(a.Info.Date, b.Info.Date) is var c && c != 0 ? c : string.CompareOrdinal(a.Info.Id, b.Info.Id));
        var measured = new DocumentMeasure[documents.Count];
        Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => measured[i] = _store.GetContent(documents[i].Info.Id) is { } content ? measure.Document(content) : DocumentMeasure.Empty);

        var points = new List<SeriesPoint>();
        if (documents.Count > 0)
        {
            var next = 0;
            foreach (var start in Periods.Range(period, documents[0].Start, documents[^1].Start))
            {
                var members = new List<int>();
                while (next < documents.Count && documents[next].Start == start)
                {
                    members.Add(next++);
                }

                var (value, count, basis) = measure.Aggregate(members.Select(i => measured[i]).ToList());
                var top = members.Where(i => measured[i].Contribution > 0)
                    .OrderByDescending(i => measured[i].Contribution).ThenBy(i => i)
                    .Take(IndicatorSeries.TopPerPoint)
                    .Select(i => Evidence(documents[i].Info, measured[i].Contribution, measure))
                    .ToList();
                points.Add(new SeriesPoint(Periods.KeyOf(period, start), Periods.ToTimestamp(start), value, count, basis, members.Count,
                    members.Take(IndicatorSeries.MaxIdsPerPoint).Select(i => documents[i].Info.Id).ToList(), top));
            }
        }

        var notes = new List<string>();
        if (undated > 0)
        {
            notes.Add($"{undated} undated document(s) left out");
        }

        if (imprecise > 0)
        {
            notes.Add($"{imprecise} document(s) dated only to the {(period == IndicatorPeriod.Month ? "year" : "year or month")} left out of this {PeriodNames.Of(period)}ly series");
        }

        if (wanted is not null)
        {
            notes.Add($"documents of source(s) {string.Join(", ", indicator.Source.Sources)} only");
        }

        return new IndicatorSeries(indicator, points, unit, notes) { Undated = undated, Imprecise = imprecise };
    }

    private EvidenceDocument Evidence(DocumentInfo info, double contribution, Measure measure)
    {
        var spans = new List<EvidenceSpan>();
        if (_store.GetContent(info.Id) is { } content)
        {
            foreach (var (start, end) in measure.Spans(content).Take(SpansPerDocument))
            {
                var os = Math.Clamp(start, 0, content.Original.Length);
                var oe = Math.Clamp(end, os, content.Original.Length);
                spans.Add(new EvidenceSpan(os, oe, content.Original[os..oe]));
            }
        }

        return new EvidenceDocument(info.Id, info.Title, info.Date, contribution, spans);
    }

    private static Measure TermMeasure(TermSet set, bool rate)
    {
        var anyZh = Enumerable.Range(0, set.Terms.Count).Any(set.IsChinese);
        var anyEn = Enumerable.Range(0, set.Terms.Count).Any(i => !set.IsChinese(i));
        return new Measure(
            content =>
            {
                var counts = TermCounter.Count(set, content);
                long zh = 0, en = 0;
                for (var t = 0; t < counts.Length; t++)
                {
                    if (set.IsChinese(t))
                    {
                        zh += counts[t];
                    }
                    else
                    {
                        en += counts[t];
                    }
                }

                var (words, han) = Analysis.StatisticsStep.Count(content.Normalized.Text);
                return new DocumentMeasure(zh + en, zh, en, han, words, 0, zh + en);
            },
            members => CountOrRate(members, rate, anyZh, anyEn),
            content => Original(content, TermCounter.Find(set, content.Normalized.Text)));
    }

    private static Measure FormulationMeasure(FormulationTracker tracker, FormulationSource f)
    {
        var forms = TermSet.Compile([.. f.Zh, .. f.En]);
        return new Measure(
            content =>
            {
                var tracked = TrackedDocument.FromNormalized("doc", content.Normalized.Text);
                var counts = tracker.Count(tracked);
                return new DocumentMeasure(counts.Count(0), counts.Zh(0), counts.En(0), tracked.Han, tracked.Words, 0, counts.Count(0));
            },
            members => CountOrRate(members, f.Rate, f.Zh.Count > 0, f.En.Count > 0),
            content => Original(content, TermCounter.Find(forms, content.Normalized.Text)));
    }

    /// <summary>
    /// Counts: the sum (0 for a period without documents). Rates: Chinese occurrences per 10,000 Han characters plus
    /// English occurrences per 10,000 words of the period's documents taken together; no value when the period has no
    /// documents or none of the text the terms are measured against.
    /// </summary>
    private static (double? Value, long? Count, long? Basis) CountOrRate(IReadOnlyList<DocumentMeasure> members, bool rate, bool anyZh, bool anyEn)
    {
        long zh = 0, en = 0, han = 0, words = 0;
        foreach (var m in members)
        {
            zh += m.Zh;
            en += m.En;
            han += m.Han;
            words += m.Words;
        }

        var basis = (anyZh ? han : 0) + (anyEn ? words : 0);
        if (!rate)
        {
            return (zh + en, zh + en, basis);
        }

        return basis == 0 ? (null, zh + en, basis) : (TrackerRates.Per10K(zh, en, han, words), zh + en, basis);
    }

    private static Measure DomainMeasure(DomainClassifier classifier, string domain) => new(
        content =>
        {
            var score = classifier.ClassifyDocument(content, includeAll: true).Domains.FirstOrDefault(d => d.Id == domain)?.Score ?? 0;
            return new DocumentMeasure(0, 0, 0, 0, 0, score, score);
        },
        members => members.Count == 0 ? (null, null, 0) : (Math.Round(members.Sum(m => m.Score) / members.Count, 4), null, members.Count),
        content => classifier.ClassifyDocument(content).Domains.Where(d => d.Id == domain)
            .SelectMany(d => d.Terms).Where(t => t.Weight > 0).OrderByDescending(t => t.Contribution)
            .SelectMany(t => t.Snippets).Select(s => (s.Offset, s.Offset + s.Match.Length)));

    /// <summary>Occurrences (normalised offsets) as spans of the original text.</summary>
    private static IEnumerable<(int Start, int End)> Original(DocumentContent content, IEnumerable<TermOccurrence> occurrences) =>
        occurrences.Select(o => content.Normalized.Map.ToOriginal(o.Start, o.End));

    private static Measure IndexMeasure(DomainClassifier classifier) => new(
        content =>
        {
            var m = TrendCalculator.Measure(classifier, content);
            return new DocumentMeasure(m.SecurityZh + m.SecurityEn, 0, 0, 0, 0, 0, m.SecurityZh + m.SecurityEn) { Securitization = m };
        },
        members =>
        {
            if (members.Count == 0)
            {
                return (null, null, 0);
            }

            var sum = members.Aggregate(SecuritizationMeasures.Zero, (acc, m) => acc + (m.Securitization ?? SecuritizationMeasures.Zero));
            return (Math.Round(sum.Index, 4), sum.SecurityZh + sum.SecurityEn, sum.Han + sum.Words);
        },
        content => Original(content, TermCounter.Find(SecurityTerms.Value, content.Normalized.Text)));

    /// <summary>What one document gives: a count (with its Chinese and English parts and bases), a score, and what it contributed.</summary>
    private sealed record DocumentMeasure(long Count, long Zh, long En, long Han, long Words, double Score, double Contribution)
    {
        public static DocumentMeasure Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

        public SecuritizationMeasures? Securitization { get; init; }
    }

    private sealed record Measure(
        Func<DocumentContent, DocumentMeasure> Document,
        Func<IReadOnlyList<DocumentMeasure>, (double? Value, long? Count, long? Basis)> Aggregate,
        Func<DocumentContent, IEnumerable<(int Start, int End)>> Spans); // original-text offsets
}

/// <summary>Formats series values for people.</summary>
public static class SeriesFormat
{
    /// <summary>Up to 4 decimals, trailing zeros dropped, invariant culture ("12", "0.5", "3.1416").</summary>
    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
