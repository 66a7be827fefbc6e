using Vigil.Core.Analysis;
using Vigil.Core.Documents;
using Vigil.Core.Domains;
using Vigil.Core.Storage;
using Vigil.Core.Terms;
using Vigil.Core.Text;

namespace Vigil.Core.Trends;

/// <summary>How trend rows are grouped.</summary>
public enum TrendGrouping
{
    Doc,
    Source,
    Year,
    Month,
}

/// <summary>One point of a trend series.</summary>
/// <param name="Key">Document id, source, year (YYYY) or month (YYYY-MM); "(undated)", "(no month)" or "(none)" when unknown.</param>
/// <param name="Series">The term, the domain id, or "securitization".</param>
/// <param name="Value">Terms: per 10,000 Han characters (Chinese) or words (English). Domains: percent of substantive paragraphs assigned the domain. Index: the securitisation index (0–100).</param>
/// <param name="Count">Terms: occurrences. Domains: assigned paragraphs. Index: occurrences of 安全 plus "security".</param>
/// <param name="Documents">Documents in the group.</param>
public sealed record TrendRow(string Key, string Series, string? Doc, string? Path, string? Date, double Value, long Count, int Documents)
{
    /// <summary>What <see cref="Value"/> is measured against (Han characters, words, or substantive paragraphs).</summary>
    public long Basis { get; init; }

    /// <summary>Securitisation rows only: the components of the index.</summary>
    public SecuritizationMeasures? Securitization { get; init; }
}

/// <summary>
/// The components of the securitisation index of a document or group (README, "Securitisation index").
/// </summary>
/// <param name="SecurityZh">Occurrences of 安全 (substring-true, traditional 安全 included).</param>
/// <param name="SecurityEn">Occurrences of the word "security" (whole word, any case; not "securities").</param>
/// <param name="DevelopmentZh">Occurrences of 发展/發展.</param>
/// <param name="DevelopmentEn">Occurrences of "development", "develop", "develops", "developed", "developing".</param>
/// <param name="Han">Han characters.</param>
/// <param name="Words">Words (alphabetic runs).</param>
/// <param name="Paragraphs">Substantive paragraphs (at least <see cref="TrendCalculator.MinParagraphUnits"/> Han characters + words).</param>
/// <param name="SecuritizedParagraphs">Substantive paragraphs assigned at least one security domain.</param>
public sealed record SecuritizationMeasures(long SecurityZh, long SecurityEn, long DevelopmentZh, long DevelopmentEn, long Han, long Words, long Paragraphs, long SecuritizedParagraphs)
{
    /// <summary>D: (安全 + "security") per 10,000 units (Han characters + words).</summary>
    public double Density => Han + Words == 0 ? 0 : 10_000.0 * (SecurityZh + SecurityEn) / (Han + Words);

    /// <summary>安全 per 10,000 Han characters.</summary>
    public double DensityZh => Han == 0 ? 0 : 10_000.0 * SecurityZh / Han;

    /// <summary>"security" per 10,000 words.</summary>
    public double DensityEn => Words == 0 ? 0 : 10_000.0 * SecurityEn / Words;

    /// <summary>S: share (0–1) of substantive paragraphs assigned any security domain.</summary>
    public double Share => Paragraphs == 0 ? 0 : (double)SecuritizedParagraphs / Paragraphs;

    /// <summary>B: security / (security + development) mentions, 0–1; 0.5 means as many of each; null without either.</summary>
    public double? Balance => SecurityZh + SecurityEn + DevelopmentZh + DevelopmentEn == 0 ? null
        : (double)(SecurityZh + SecurityEn) / (SecurityZh + SecurityEn + DevelopmentZh + DevelopmentEn);

    /// <summary>SI = 100 × (S + D / (D + K)) / 2, with K = <see cref="TrendCalculator.DensityHalfSaturation"/>.</summary>
    public double Index => 100 * (Share + Density / (Density + TrendCalculator.DensityHalfSaturation)) / 2;

    public static SecuritizationMeasures operator +(SecuritizationMeasures a, SecuritizationMeasures b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.SecurityZh + b.SecurityZh, a.SecurityEn + b.SecurityEn, a.DevelopmentZh + b.DevelopmentZh, a.DevelopmentEn + b.DevelopmentEn,
            a.Han + b.Han, a.Words + b.Words, a.Paragraphs + b.Paragraphs, a.SecuritizedParagraphs + b.SecuritizedParagraphs);
    }

    public static SecuritizationMeasures Add(SecuritizationMeasures a, SecuritizationMeasures b) => a + b;

    public static SecuritizationMeasures Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>
/// Trends of terms, domains and the securitisation index over documents, sources, years or months.
/// Groups are summed before rates are taken (a year's rate is its total count over its total basis, not a
/// mean of document rates), so a long document weighs as much as its length.
/// </summary>
public static class TrendCalculator
{
    /// <summary>Paragraphs shorter than this (Han characters + words) — headings, numbers — are not counted as paragraphs.</summary>
    public const int MinParagraphUnits = 20;

    /// <summary>K: the density (per 10,000 units) at which the density component of the index is one half.</summary>
    public const double DensityHalfSaturation = 30;

    public const string NoSource = "(none)";
    public const string Undated = "(undated)";
    public const string NoMonth = "(no month)";

    private static readonly Lazy<TermSet> SecurityTerms = new(() => TermSet.Compile(["安全", "security", "发展", "development", "develop", "develops", "developed", "developing"]));

    /// <summary>Term series: one row per group and term.</summary>
    public static IReadOnlyList<TrendRow> Terms(IDocumentStore store, IReadOnlyList<DocumentInfo> documents, TermSet terms, TrendGrouping by,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(terms);
        var counts = PerDocument(documents, cancellationToken, i => store.GetContent(documents[i].Id) is { } content
            ? TermCounter.CountFolded(terms, MatchFolding.Fold(content.Normalized.Text))
            : new long[terms.Terms.Count]);
        var rows = new List<TrendRow>();
        foreach (var (key, members) in Group(documents, by))
        {
            long words = members.Sum(i => (long)documents[i].Words), han = members.Sum(i => (long)documents[i].Han);
            for (var t = 0; t < terms.Terms.Count; t++)
            {
                var count = members.Sum(i => counts[i][t]);
                var chinese = terms.IsChinese(t);
                rows.Add(Row(documents, by, key, members, terms.Terms[t], TermCounter.Per10K(count, chinese, words, han), count) with { Basis = chinese ? han : words });
            }
        }

        return rows;
    }

    /// <summary>Domain series: percent of substantive paragraphs assigned the domain, per group.</summary>
    public static IReadOnlyList<TrendRow> Domain(IDocumentStore store, IReadOnlyList<DocumentInfo> documents, DomainClassifier classifier, string domainId,
        TrendGrouping by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(classifier);
        var perDoc = PerDocument(documents, cancellationToken, i =>
        {
            if (store.GetContent(documents[i].Id) is not { } content)
            {
                return (0L, 0L);
            }

            var (paragraphs, assigned) = (0L, 0L);
            foreach (var p in Substantive(classifier, content))
            {
                paragraphs++;
                assigned += p.AssignedIds.Contains(domainId) ? 1 : 0;
            }

            return (paragraphs, assigned);
        });
        var rows = new List<TrendRow>();
        foreach (var (key, members) in Group(documents, by))
        {
            var paragraphs = members.Sum(i => perDoc[i].Item1);
            var assigned = members.Sum(i => perDoc[i].Item2);
            rows.Add(Row(documents, by, key, members, domainId, paragraphs == 0 ? 0 : Math.Round(100.0 * assigned / paragraphs, 4), assigned) with { Basis = paragraphs });
        }

        return rows;
    }

    /// <summary>The securitisation index per group, with its components.</summary>
    public static IReadOnlyList<TrendRow> Securitization(IDocumentStore store, IReadOnlyList<DocumentInfo> documents, DomainClassifier classifier,
        TrendGrouping by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(classifier);
        var perDoc = PerDocument(documents, cancellationToken, i => store.GetContent(documents[i].Id) is { } content
            ? Measure(classifier, content)
            : SecuritizationMeasures.Zero);
        var rows = new List<TrendRow>();
        foreach (var (key, members) in Group(documents, by))
        {
            var m = members.Aggregate(SecuritizationMeasures.Zero, (sum, i) => sum + perDoc[i]);
            rows.Add(Row(documents, by, key, members, "securitization", Math.Round(m.Index, 4), m.SecurityZh + m.SecurityEn) with
            {
                Basis = m.Han + m.Words,
                Securitization = m,
            });
        }

        return rows;
    }

    /// <summary>The securitisation measures of one document.</summary>
    public static SecuritizationMeasures Measure(DomainClassifier classifier, DocumentContent content)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(content);
        var counts = TermCounter.CountFolded(SecurityTerms.Value, MatchFolding.Fold(content.Normalized.Text));
        var (words, han) = StatisticsStep.Count(content.Normalized.Text);
        var (paragraphs, securitized) = (0L, 0L);
        foreach (var p in Substantive(classifier, content))
        {
            paragraphs++;
            securitized += p.AssignedIds.Any() ? 1 : 0;
        }

        return new SecuritizationMeasures(counts[0], counts[1], counts[2], counts[3] + counts[4] + counts[5] + counts[6] + counts[7], han, words, paragraphs, securitized);
    }

    private static IEnumerable<PassageClassification> Substantive(DomainClassifier classifier, DocumentContent content) =>
        classifier.ClassifyParagraphs(content).Where(p => p.Units >= MinParagraphUnits);

    private static T[] PerDocument<T>(IReadOnlyList<DocumentInfo> documents, CancellationToken cancellationToken, Func<int, T> measure)
    {
        var results = new T[documents.Count];
        Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => results[i] = measure(i));
        return results;
    }

    private static TrendRow Row(IReadOnlyList<DocumentInfo> documents, TrendGrouping by, string key, List<int> members, string series, double value, long count)
    {
        var single = by == TrendGrouping.Doc ? documents[members[0]] : null;
        return new TrendRow(key, series, single?.Id, single?.Path, single?.Date, value, count, members.Count);
    }

    /// <summary>Groups in display order: documents by date then path (undated last); years and months ascending, unknown last; sources by name.</summary>
    public static List<(string Key, List<int> Members)> Group(IReadOnlyList<DocumentInfo> documents, TrendGrouping by)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (by == TrendGrouping.Doc)
        {
            return Enumerable.Range(0, documents.Count)
                .OrderBy(i => documents[i].Date is null ? 1 : 0).ThenBy(i => documents[i].Date, StringComparer.Ordinal)
                .ThenBy(i => documents[i].Path, StringComparer.Ordinal).ThenBy(i => documents[i].Id, StringComparer.Ordinal)
                .Select(i => (documents[i].Id, new List<int> { i })).ToList();
        }

        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < documents.Count; i++)
        {
            var date = documents[i].Date;
            var key = by switch
            {
                TrendGrouping.Source => documents[i].Source ?? NoSource,
                TrendGrouping.Year => date is { Length: >= 4 } ? date[..4] : Undated,
                _ => date is { Length: >= 7 } ? date[..7] : date is null ? Undated : NoMonth,
            };
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
            }

            members.Add(i);
        }

        return groups.OrderBy(g => g.Key is Undated or NoMonth or NoSource ? 1 : 0).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Value)).ToList();
    }
}
