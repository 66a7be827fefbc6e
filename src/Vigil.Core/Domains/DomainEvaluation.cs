using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigil.Core.Analysis;
using Vigil.Core.Documents;

namespace Vigil.Core.Domains;

/// <summary>One labelled paragraph of the evaluation set (eval/domains/labels.tsv).</summary>
/// <param name="File">Path relative to the corpus root.</param>
/// <param name="Line">1-based first line of the paragraph.</param>
/// <param name="Sha256">First 16 hex digits of the SHA-256 of the paragraph's UTF-8 text.</param>
/// <param name="Labels">Gold domain ids (empty for a paragraph with no security domain).</param>
/// <param name="SourceLine">Line of this record in the labels file.</param>
public sealed record LabelledParagraph(string File, int Line, string Sha256, string Lang, string Split, IReadOnlyList<string> Labels, string Note, int SourceLine);

/// <summary>Per-domain counts and measures.</summary>
public sealed record DomainMetrics(string Id, int Support, int Predicted, int TruePositives, double Precision, double Recall, double F1);

/// <summary>A paragraph whose prediction differs from its labels.</summary>
public sealed record EvaluationError(LabelledParagraph Paragraph, IReadOnlyList<string> Missed, IReadOnlyList<string> Spurious);

/// <summary>The result of evaluating the classifier on labelled paragraphs.</summary>
/// <param name="Paragraphs">Paragraphs evaluated.</param>
/// <param name="Skipped">Records not evaluated, with the reason (missing file, changed text).</param>
/// <param name="MacroF1">Mean F1 over the domains with at least one gold label in the evaluated paragraphs.</param>
/// <param name="ExactMatch">Share of paragraphs whose predicted set equals the gold set exactly.</param>
public sealed record EvaluationReport(int Paragraphs, IReadOnlyList<string> Skipped, IReadOnlyList<DomainMetrics> Domains,
    double MicroPrecision, double MicroRecall, double MicroF1, double MacroPrecision, double MacroRecall, double MacroF1, double ExactMatch,
    IReadOnlyList<EvaluationError> Errors);

/// <summary>Loads the labelled evaluation set, re-derives each paragraph from the corpus and scores the classifier.</summary>
public static class DomainEvaluation
{
    public const string Header = "file\tline\tsha256_16\tlang\tsplit\tlabels\tnote";

    /// <summary>Reads a labels file. Problems are returned as "file:line: problem" and the record is left out.</summary>
    public static (List<LabelledParagraph> Records, List<string> Problems) LoadLabels(string path, IReadOnlyCollection<string> knownDomains)
    {
        ArgumentNullException.ThrowIfNull(knownDomains);
        var records = new List<LabelledParagraph>();
        var problems = new List<string>();
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        var sawHeader = false;
        var seen = new Dictionary<(string, int), int>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var where = $"{path}:{i + 1}";
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!sawHeader)
            {
                sawHeader = true;
                if (line.TrimEnd('\r') != Header)
                {
                    problems.Add($"{where}: the first line must be the header \"{Header.Replace("\t", "\\t", StringComparison.Ordinal)}\".");
                    return (records, problems);
                }

                continue;
            }

            var cells = line.TrimEnd('\r').Split('\t');
            if (cells.Length < 6)
            {
                problems.Add($"{where}: expected 7 tab-separated fields, found {cells.Length}.");
                continue;
            }

            if (!int.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out var paragraphLine) || paragraphLine < 1)
            {
                problems.Add($"{where}: line '{cells[1]}' is not a positive number.");
                continue;
            }

            if (cells[2].Length != 16 || !cells[2].All(Uri.IsHexDigit))
            {
                problems.Add($"{where}: sha256_16 '{cells[2]}' is not 16 hex digits.");
                continue;
            }

            if (cells[4] is not ("dev" or "test"))
            {
                problems.Add($"{where}: split '{cells[4]}' must be dev or test.");
                continue;
            }

            var labels = cells[5] == "-" ? [] : cells[5].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unknown = labels.Where(l => !knownDomains.Contains(l)).ToList();
            if (unknown.Count > 0)
            {
                problems.Add($"{where}: unknown domain id(s) {string.Join(", ", unknown)}.");
                continue;
            }

            if (seen.TryGetValue((cells[0], paragraphLine), out var earlier))
            {
                problems.Add($"{where}: {cells[0]} line {paragraphLine} is already labelled on line {earlier}.");
                continue;
            }

            seen[(cells[0], paragraphLine)] = i + 1;
            records.Add(new LabelledParagraph(cells[0], paragraphLine, cells[2].ToLowerInvariant(), cells[3], cells[4], [.. labels.Distinct(StringComparer.Ordinal)],
                cells.Length > 6 ? cells[6] : "", i + 1));
        }

        if (!sawHeader)
        {
            problems.Add($"{path}: empty labels file.");
        }

        return (records, problems);
    }

    /// <summary>
    /// The paragraph starting at 1-based <paramref name="line"/>: that line and the following non-blank lines,
    /// joined with "\n" and trimmed; null when the line is blank or past the end.
    /// </summary>
    public static string? ParagraphAt(string fileText, int line)
    {
        ArgumentNullException.ThrowIfNull(fileText);
        var lines = fileText.TrimStart('\uFEFF').Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToArray();
        if (line < 1 || line > lines.Length || string.IsNullOrWhiteSpace(lines[line - 1]))
        {
            return null;
        }

        var end = line - 1;
        while (end + 1 < lines.Length && !string.IsNullOrWhiteSpace(lines[end + 1]))
        {
            end++;
        }

        return string.Join("\n", lines[(line - 1)..(end + 1)]).Trim();
    }

    /// <summary>First 16 hex digits (lower case) of the SHA-256 of the UTF-8 text.</summary>
    public static string Hash16(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    /// <summary>Classifies a free-standing paragraph as one passage, the way <c>vigil classify</c> does a file.</summary>
    public static PassageClassification ClassifyText(DomainClassifier classifier, string text)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        return classifier.ClassifyDocument(AnalysisPipeline.Default.Content(text));
    }

    /// <summary>
    /// Evaluates <paramref name="classifier"/> on the records whose split is <paramref name="split"/> ("dev", "test"
    /// or "all"). Each paragraph is read from <paramref name="corpusRoot"/> and its hash checked; a missing file or a
    /// changed paragraph is skipped and reported, never silently scored.
    /// </summary>
    public static EvaluationReport Evaluate(DomainClassifier classifier, IReadOnlyList<LabelledParagraph> records, string corpusRoot, string split)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(records);
        var fileCache = new Dictionary<string, string?>(StringComparer.Ordinal);
        var skipped = new List<string>();
        var evaluated = new List<(LabelledParagraph Record, HashSet<string> Predicted)>();
        foreach (var record in records.Where(r => split == "all" || r.Split == split))
        {
            if (!fileCache.TryGetValue(record.File, out var fileText))
            {
                var path = Path.Combine(corpusRoot, record.File);
                fileText = File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
                fileCache[record.File] = fileText;
            }

            if (fileText is null)
            {
                skipped.Add($"{record.File}:{record.Line}: file not found under {corpusRoot}");
                continue;
            }

            var paragraph = ParagraphAt(fileText, record.Line);
            if (paragraph is null || Hash16(paragraph) != record.Sha256)
            {
                skipped.Add($"{record.File}:{record.Line}: the paragraph's text differs from the one labelled (hash {record.Sha256}); re-check the label");
                continue;
            }

            var result = ClassifyText(classifier, paragraph);
            evaluated.Add((record, result.AssignedIds.ToHashSet(StringComparer.Ordinal)));
        }

        return Score(classifier.Taxonomy.Domains.Select(d => d.Id).ToList(), evaluated, skipped);
    }

    /// <summary>Precision, recall and F1 per domain, micro and macro, from gold and predicted label sets.</summary>
    public static EvaluationReport Score(IReadOnlyList<string> domainIds, IReadOnlyList<(LabelledParagraph Record, HashSet<string> Predicted)> evaluated,
        IReadOnlyList<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(domainIds);
        ArgumentNullException.ThrowIfNull(evaluated);
        var metrics = new List<DomainMetrics>();
        int tpAll = 0, predAll = 0, goldAll = 0;
        foreach (var id in domainIds)
        {
            int tp = 0, predicted = 0, support = 0;
            foreach (var (record, prediction) in evaluated)
            {
                var gold = record.Labels.Contains(id);
                var pred = prediction.Contains(id);
                support += gold ? 1 : 0;
                predicted += pred ? 1 : 0;
                tp += gold && pred ? 1 : 0;
            }

            tpAll += tp;
            predAll += predicted;
            goldAll += support;
            var precision = predicted == 0 ? 0 : (double)tp / predicted;
            var recall = support == 0 ? 0 : (double)tp / support;
            metrics.Add(new DomainMetrics(id, support, predicted, tp, Round(precision), Round(recall), Round(F1(precision, recall))));
        }

        var withSupport = metrics.Where(m => m.Support > 0).ToList();
        var microP = predAll == 0 ? 0 : (double)tpAll / predAll;
        var microR = goldAll == 0 ? 0 : (double)tpAll / goldAll;
        var errors = evaluated
            .Select(e => new EvaluationError(e.Record, [.. e.Record.Labels.Where(l => !e.Predicted.Contains(l))], [.. e.Predicted.Where(p => !e.Record.Labels.Contains(p)).Order(StringComparer.Ordinal)]))
            .Where(e => e.Missed.Count > 0 || e.Spurious.Count > 0)
            .ToList();
        var exact = evaluated.Count == 0 ? 0 : (double)(evaluated.Count - errors.Count) / evaluated.Count;
        return new EvaluationReport(evaluated.Count, skipped, metrics,
            Round(microP), Round(microR), Round(F1(microP, microR)),
            Round(withSupport.Count == 0 ? 0 : withSupport.Average(m => m.Precision)),
            Round(withSupport.Count == 0 ? 0 : withSupport.Average(m => m.Recall)),
            Round(withSupport.Count == 0 ? 0 : withSupport.Average(m => m.F1)),
            Round(exact), errors);
    }

    private static double F1(double precision, double recall) => precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

    private static double Round(double x) => Math.Round(x, 4);
}
