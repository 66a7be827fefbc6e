using Vigil.Core.Documents;
using Vigil.Core.Domains;
using Vigil.Core.Ingestion;
using Vigil.Core.Search;
using Vigil.Core.Statistics;
using Vigil.Core.Terms;
using Vigil.Core.Tifa;
using Vigil.Core.Trends;

namespace Vigil.Core.Output;

/// <summary>
/// The JSON objects of Vigil's results, one place for both interfaces: the CLI's <c>--json</c> output and the
/// REST API return exactly these shapes (snake_case names, fixed rounding), so a script written against one
/// works against the other. Each method returns an object for <c>System.Text.Json</c> to serialise; property
/// order is the order written here.
/// </summary>
public static class JsonShapes
{
    /// <summary>A catalogue entry (<c>vigil docs</c>).</summary>
    public static object Document(DocumentInfo d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new
        {
            id = d.Id,
            title = d.Title,
            path = d.Path,
            paths = d.Paths,
            source = d.Source,
            date = d.Date,
            date_source = d.DateSource,
            language = d.Language,
            languages = d.Languages.ToDictionary(l => l.Language, l => l.Share),
            format = d.Format,
            encoding = d.Encoding,
            chars = d.Chars,
            words = d.Words,
            han = d.Han,
            bytes = d.Bytes,
            sha256 = d.Sha256,
            metadata = d.Metadata,
            warnings = d.Warnings,
        };
    }

    /// <summary>One ranked hit (<c>vigil search</c>); <c>snippet</c> is HTML-escaped with &lt;mark&gt;, <c>marks</c> index <c>snippet_text</c>.</summary>
    public static object SearchHit(SearchHit h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new
        {
            doc = h.Doc,
            path = h.Path,
            title = h.Title,
            score = h.Score,
            snippet = h.Snippet,
            snippet_text = h.SnippetText,
            marks = h.Marks,
            date = h.Date,
            source = h.Source,
            language = h.Language,
        };
    }

    /// <summary>One row of <c>vigil count</c>; the key field depends on the grouping.</summary>
    public static object CountRow(CountRow r, CountGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(r);
        return grouping switch
        {
            CountGrouping.Doc => new { doc = r.Doc, path = r.Path, term = r.Term, count = r.Count, per10k = r.Per10K, basis = r.Basis },
            CountGrouping.Source => new { source = r.Key, term = r.Term, count = r.Count, per10k = r.Per10K, basis = r.Basis, docs = r.Documents },
            CountGrouping.Year => new { year = r.Key, term = r.Term, count = r.Count, per10k = r.Per10K, basis = r.Basis, docs = r.Documents },
            _ => (object)new { term = r.Term, count = r.Count, per10k = r.Per10K, basis = r.Basis, docs = r.Documents },
        };
    }

    /// <summary>One concordance line (<c>vigil kwic</c>); offsets are in the original text.</summary>
    public static object ConcordanceLine(DocumentInfo document, ConcordanceLine line)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(line);
        return new
        {
            doc = document.Id,
            path = document.Path,
            left = line.Left,
            match = line.Match,
            right = line.Right,
            offset = line.Offset,
            end = line.End,
            page = line.Page,
            paragraph = line.Paragraph,
        };
    }

    /// <summary>One domain's result (id, score, assigned, evidence) with names and weights.</summary>
    public static object Domain(Taxonomy taxonomy, DomainScore score)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(score);
        var domain = taxonomy.Find(score.Id)!;
        return new
        {
            id = score.Id,
            zh = domain.ZhIn(taxonomy.Version),
            en = domain.EnIn(taxonomy.Version),
            score = score.Score,
            assigned = score.Assigned,
            evidence_total = score.Evidence,
            evidence = score.Terms.Select(t => new
            {
                term = t.Term,
                count = t.Count,
                weight = t.Weight,
                contribution = t.Contribution,
                domain = t.Domain,
                snippets = t.Snippets.Select(s => new { text = s.Text, offset = s.Offset, match = s.Match }),
            }),
        };
    }

    /// <summary>Every domain of a passage's result, best first.</summary>
    public static IEnumerable<object> Domains(Taxonomy taxonomy, PassageClassification passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        return passage.Domains.Select(d => Domain(taxonomy, d));
    }

    /// <summary>A stored document's classification (<c>vigil domains</c>, document level).</summary>
    public static object DocumentDomains(DocumentInfo info, Taxonomy taxonomy, PassageClassification result)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new { doc = info.Id, path = info.Path, domains = Domains(taxonomy, result) };
    }

    /// <summary>One paragraph's classification (<c>vigil domains --level paragraph</c>).</summary>
    public static object ParagraphDomains(DocumentInfo info, int paragraph, Taxonomy taxonomy, PassageClassification result)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new { doc = info.Id, path = info.Path, paragraph, domains = Domains(taxonomy, result) };
    }

    /// <summary>A classification of text that is not stored (<c>vigil classify</c>).</summary>
    public static object Classification(string file, Taxonomy taxonomy, PassageClassification document, IReadOnlyList<PassageClassification>? paragraphs)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(document);
        return new
        {
            file,
            taxonomy = taxonomy.Version,
            units = document.Units,
            domains = Domains(taxonomy, document),
            paragraphs = paragraphs?.Select((p, i) => new { paragraph = i, domains = Domains(taxonomy, p) }),
        };
    }

    /// <summary>The taxonomy with its lexicons (<c>vigil taxonomy</c>).</summary>
    public static object Taxonomy(Taxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        return new
        {
            name = taxonomy.Name,
            version = taxonomy.Version,
            domains = taxonomy.Domains.Select(d => new
            {
                id = d.Id,
                zh = d.ZhIn(taxonomy.Version),
                en = d.EnIn(taxonomy.Version),
                aliases = d.Aliases,
                definition = d.Definition,
                laws = d.Laws,
                versions = d.Versions,
                parent = d.Parent,
                terms = d.Terms.Select(t => new { term = t.Text, weight = t.Weight, source = $"{t.File}:{t.Line}" }),
            }),
            excludes = taxonomy.Excludes.Select(x => x.Text),
        };
    }

    /// <summary>One row of <c>vigil trend</c>; securitisation rows carry the index's components.</summary>
    public static object TrendRow(TrendRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.Securitization is { } m
            ? new
            {
                key = r.Key, doc = r.Doc, path = r.Path, date = r.Date, series = r.Series, value = r.Value, count = r.Count, docs = r.Documents,
                density = Math.Round(m.Density, 4), density_zh = Math.Round(m.DensityZh, 4), density_en = Math.Round(m.DensityEn, 4),
                share = Math.Round(m.Share, 4), balance = m.Balance is { } b ? Math.Round(b, 4) : (double?)null,
                security_zh = m.SecurityZh, security_en = m.SecurityEn, development_zh = m.DevelopmentZh, development_en = m.DevelopmentEn,
                han = m.Han, words = m.Words, paragraphs = m.Paragraphs, securitized_paragraphs = m.SecuritizedParagraphs,
            }
            : (object)new { key = r.Key, doc = r.Doc, path = r.Path, date = r.Date, series = r.Series, value = r.Value, count = r.Count, docs = r.Documents, basis = r.Basis };
    }

    /// <summary>A dictionary entry (<c>vigil tifa list</c>).</summary>
    public static object Formulation(Formulation f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new { id = f.Id, zh = f.Zh, en = f.En, domains = f.Domains, near = f.Near, since = f.Since, notes = f.Notes };
    }

    /// <summary>One row of <c>vigil tifa timeline</c>.</summary>
    public static object TimelineRow(TimelineRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new
        {
            key = r.Key,
            doc = r.Doc,
            path = r.Path,
            date = r.Date,
            count = r.Count,
            per10k = r.Per10K,
            zh = r.Zh,
            en = r.En,
            docs = r.Documents,
            han = r.Han,
            words = r.Words,
            near = r.Near.Select(n => new { form = n.Form, count = n.Count }),
        };
    }

    /// <summary>A formulation diff (<c>vigil tifa diff</c>); <paramref name="sourceA"/>/<paramref name="sourceB"/> are set when a side is a source.</summary>
    public static object FormulationDiff(FormulationDiff diff, string? sourceA, string? sourceB)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return new
        {
            a = DiffSide(diff.A, sourceA),
            b = DiffSide(diff.B, sourceB),
            appeared = diff.Appeared.Select(FormulationChange),
            disappeared = diff.Disappeared.Select(FormulationChange),
            rose = diff.Rose.Select(FormulationChange),
            fell = diff.Fell.Select(FormulationChange),
            unchanged = diff.Unchanged.Select(FormulationChange),
            candidates = diff.Candidates.Select(c => new
            {
                phrase = c.Phrase,
                lang = c.Lang,
                a = c.A,
                b = c.B,
                a_per10k = c.APer10K,
                b_per10k = c.BPer10K,
                g2 = c.G2,
                log_ratio = c.LogRatio,
            }),
        };
    }

    private static object DiffSide(DiffSide side, string? source) => new
    {
        source,
        docs = side.Documents.Select(d => new { id = d.Id, path = d.Path, date = d.Date, title = d.Title }),
        han = side.Han,
        words = side.Words,
    };

    private static object FormulationChange(FormulationChange c) => new
    {
        id = c.Formulation.Id,
        zh = c.Formulation.Zh[0],
        en = c.Formulation.En.Count > 0 ? c.Formulation.En[0] : "",
        a = c.A,
        b = c.B,
        a_per10k = c.APer10K,
        b_per10k = c.BPer10K,
        g2 = c.G2,
        log_ratio = c.LogRatio,
        near = c.Near.Select(n => new { form = n.Form, a = n.A, b = n.B }),
        forms = c.Forms.Select(n => new { form = n.Form, a = n.A, b = n.B }),
        domains = c.Formulation.Domains,
    };

    /// <summary>Keywords of A against B (<c>vigil keyness</c>).</summary>
    public static object Keyness(KeynessResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new
        {
            a = KeynessSize(result.A),
            b = KeynessSize(result.B),
            words = result.Words.Select(w => new
            {
                word = w.Word,
                lang = w.Language,
                a = w.A,
                b = w.B,
                a_per10k = Math.Round(w.APer10K, 4),
                b_per10k = Math.Round(w.BPer10K, 4),
                g2 = Math.Round(w.G2, 4),
                log_ratio = Math.Round(w.LogRatio, 4),
                direction = w.Direction == KeywordDirection.A ? "a" : "b",
            }),
        };
    }

    private static object KeynessSize(KeynessSet set) => new { docs = set.Documents, tokens = new { zh = set.ChineseTokens, en = set.EnglishTokens } };

    /// <summary>Collocates of a term (<c>vigil collocates</c>); <paramref name="measure"/> is the name asked for (logdice, mi, t).</summary>
    public static object Collocations(CollocationResult result, string measure)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new
        {
            term = result.Term,
            window = result.Window,
            measure,
            node = result.Nodes,
            tokens = result.Tokens,
            collocates = result.Collocates.Select(c => new
            {
                word = c.Word,
                lang = c.Language,
                cooc = c.Cooccurrences,
                freq = c.Frequency,
                score = Math.Round(c.Score, 4),
                logdice = Math.Round(c.LogDice, 4),
                mi = Math.Round(c.MutualInformation, 4),
                t = Math.Round(c.TScore, 4),
            }),
        };
    }

    /// <summary>What an ingest run did (<c>vigil ingest</c>).</summary>
    public static object IngestReport(IngestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new
        {
            ingested = report.Ingested,
            duplicates = report.Duplicates,
            failed = report.Failed.Select(f => new { path = f.Path, error = f.Error }),
            files = report.Files,
            bytes = report.Bytes,
            recovered = report.Recovered,
            seconds = Math.Round(report.Elapsed.TotalSeconds, 3),
        };
    }

    /// <summary>A formulation found in one document (the web document view).</summary>
    public static object FoundFormulation(FoundFormulation f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new
        {
            id = f.Formulation.Id,
            zh = f.Formulation.Zh[0],
            en = f.Formulation.En.Count > 0 ? f.Formulation.En[0] : "",
            count = f.Count,
            zh_count = f.Zh,
            en_count = f.En,
            per10k = Math.Round(f.Per10K, 4),
            domains = f.Formulation.Domains,
        };
    }

    /// <summary>One evidence match in the original text (the web document view marks these).</summary>
    public static object EvidenceSpan(EvidenceSpan s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new { start = s.Start, end = s.End, domain = s.Domain, term = s.Term, weight = s.Weight };
    }
}
