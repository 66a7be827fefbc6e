using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Core.Events.Extraction;

/// <summary>One labelled sentence of eval/events/labels.tsv.</summary>
/// <param name="Source"><c>corpus</c> (located by file, line and code-point span) or <c>written</c> (text in written.tsv).</param>
/// <param name="Ref">Corpus: <c>FILE:LINE:START:LENGTH</c>; written: the sentence id (W001…).</param>
/// <param name="Sha256">First 16 hex digits of the SHA-256 of the sentence's UTF-8 text.</param>
/// <param name="Types">Gold event types (empty: the sentence reports no event).</param>
/// <param name="SourceLine">Line of this record in the labels file.</param>
public sealed record LabelledSentence(string Source, string Ref, string Sha256, string Lang, string Split, IReadOnlyList<string> Types, string Note, int SourceLine);

/// <summary>Per-type counts and measures.</summary>
public sealed record TypeMetrics(string Type, int Support, int Predicted, int TruePositives, double Precision, double Recall, double F1);

/// <summary>A sentence whose predicted types differ from its labels.</summary>
public sealed record ExtractionError(LabelledSentence Sentence, string Text, IReadOnlyList<string> Missed, IReadOnlyList<string> Spurious, IReadOnlyList<string> Rules);

/// <summary>The result of scoring the extractor on labelled sentences (sentence level: a type proposed for a sentence is right when the sentence has it).</summary>
/// <param name="Sentences">Sentences scored.</param>
/// <param name="Skipped">Records not scored, with the reason (corpus absent, changed text, unknown id).</param>
public sealed record ExtractionReport(int Sentences, IReadOnlyList<string> Skipped, IReadOnlyList<TypeMetrics> Types,
    int TruePositives, int Predicted, int Support, double MicroPrecision, double MicroRecall, double MicroF1, IReadOnlyList<ExtractionError> Errors);

/// <summary>Loads the event labelled set, re-derives each sentence and scores the extractor (eval/events/README.md).</summary>
public static class EventEvaluation
{
    public const string LabelsHeader = "source\tref\tsha256_16\tlang\tsplit\ttypes\tnote";
    public const string WrittenHeader = "id\tlang\ttext";

    /// <summary>Reads a labels file; each problem is returned as "file:line: problem" and its record left out.</summary>
    public static (List<LabelledSentence> Records, List<string> Problems) LoadLabels(string path)
    {
        var records = new List<LabelledSentence>();
        var problems = new List<string>();
        var seen = new Dictionary<(string, string), int>();
        foreach (var (lineNumber, cells) in Rows(path, LabelsHeader, problems))
        {
            var where = $"{path}:{lineNumber}";
            if (cells.Length < 6)
            {
                problems.Add($"{where}: expected 7 tab-separated fields, found {cells.Length}.");
                continue;
            }

            if (cells[0] is not ("corpus" or "written"))
            {
                problems.Add($"{where}: source '{cells[0]}' must be corpus or written.");
                continue;
            }

            if (cells[0] == "corpus" && !TryParseLocation(cells[1], out _, out _, out _, out _))
            {
                problems.Add($"{where}: ref '{cells[1]}' is not FILE:LINE:START:LENGTH.");
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

            var types = cells[5] == "-" ? [] : cells[5].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unknown = types.Where(t => EventTypes.IndexOf(t) < 0).ToList();
            if (unknown.Count > 0)
            {
                problems.Add($"{where}: unknown event type(s) {string.Join(", ", unknown)}.");
                continue;
            }

            if (seen.TryGetValue((cells[0], cells[1]), out var earlier))
            {
                problems.Add($"{where}: {cells[1]} is already labelled on line {earlier}.");
                continue;
            }

            seen[(cells[0], cells[1])] = lineNumber;
            records.Add(new LabelledSentence(cells[0], cells[1], cells[2].ToLowerInvariant(), cells[3], cells[4], [.. types.Distinct(StringComparer.Ordinal)],
                cells.Length > 6 ? cells[6] : "", lineNumber));
        }

        return (records, problems);
    }

    /// <summary>Reads written.tsv: sentence id → text. Problems as in <see cref="LoadLabels"/>.</summary>
    public static (Dictionary<string, string> Sentences, List<string> Problems) LoadWritten(string path)
    {
        var sentences = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (lineNumber, cells) in Rows(path, WrittenHeader, problems))
        {
            if (cells.Length != 3 || cells[0].Length == 0 || cells[2].Length == 0)
            {
                problems.Add($"{path}:{lineNumber}: expected id, lang and text separated by tabs.");
            }
            else if (!sentences.TryAdd(cells[0], cells[2]))
            {
                problems.Add($"{path}:{lineNumber}: id {cells[0]} is used twice.");
            }
        }

        return (sentences, problems);
    }

    private static IEnumerable<(int Line, string[] Cells)> Rows(string path, string header, List<string> problems)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        var sawHeader = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!sawHeader)
            {
                sawHeader = true;
                if (line.TrimStart('\uFEFF') != header)
                {
                    problems.Add($"{path}:{i + 1}: the first line must be the header \"{header.Replace("\t", "\\t", StringComparison.Ordinal)}\".");
                    yield break;
                }

                continue;
            }

            yield return (i + 1, line.Split('\t'));
        }

        if (!sawHeader)
        {
            problems.Add($"{path}: empty file.");
        }
    }

    /// <summary>Parses <c>FILE:LINE:START:LENGTH</c> (LINE 1-based; START and LENGTH in code points).</summary>
    public static bool TryParseLocation(string reference, out string file, out int line, out int start, out int length)
    {
        file = "";
        line = start = length = 0;
        var parts = reference.Split(':');
        if (parts.Length < 4)
        {
            return false;
        }

        file = string.Join(':', parts[..^3]);
        return file.Length > 0
            && int.TryParse(parts[^3], NumberStyles.None, CultureInfo.InvariantCulture, out line) && line >= 1
            && int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out start)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out length) && length >= 1;
    }

    /// <summary>
    /// The sentence at a corpus location: line <paramref name="line"/> of the file's text (BOM dropped, split on
    /// "\n", one trailing "\r" removed), code points [start, start + length); null when out of range.
    /// </summary>
    public static string? SentenceAt(string fileText, int line, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(fileText);
        var lines = fileText.TrimStart('\uFEFF').Split('\n');
        if (line < 1 || line > lines.Length)
        {
            return null;
        }

        var text = lines[line - 1].EndsWith('\r') ? lines[line - 1][..^1] : lines[line - 1];
        var runes = text.EnumerateRunes().ToList();
        if (start < 0 || length < 1 || start + length > runes.Count)
        {
            return null;
        }

        var sb = new StringBuilder();
        foreach (var rune in runes.Skip(start).Take(length))
        {
            sb.Append(rune.ToString());
        }

        return sb.ToString();
    }

    /// <summary>First 16 hex digits (lower case) of the SHA-256 of the UTF-8 text.</summary>
    public static string Hash16(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    /// <summary>
    /// Scores <paramref name="extractor"/> on the records of <paramref name="split"/> ("dev", "test" or "all").
    /// Corpus sentences are read under <paramref name="corpusRoot"/> (null: skip them all) and their hashes
    /// checked; written ones come from <paramref name="written"/>. Anything that cannot be re-derived exactly
    /// is skipped and reported, never scored.
    /// </summary>
    public static ExtractionReport Evaluate(EventExtractor extractor, IReadOnlyList<LabelledSentence> records, IReadOnlyDictionary<string, string> written,
        string? corpusRoot, string split, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(written);
        var files = new Dictionary<string, string?>(StringComparer.Ordinal);
        var skipped = new List<string>();
        var scored = new List<(LabelledSentence Record, string Text, IReadOnlyList<EventProposal> Proposals)>();
        var corpusAbsent = 0;
        foreach (var record in records.Where(r => split == "all" || r.Split == split))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? text;
            if (record.Source == "written")
            {
                if (!written.TryGetValue(record.Ref, out text))
                {
                    skipped.Add($"{record.Ref}: no sentence with this id in written.tsv");
                    continue;
                }
            }
            else
            {
                if (corpusRoot is null)
                {
                    corpusAbsent++;
                    continue;
                }

                TryParseLocation(record.Ref, out var file, out var line, out var start, out var length);
                if (!files.TryGetValue(file, out var fileText))
                {
                    var path = Path.Combine(corpusRoot, file);
                    fileText = File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
                    files[file] = fileText;
                }

                if (fileText is null)
                {
                    skipped.Add($"{record.Ref}: file not found under {corpusRoot}");
                    continue;
                }

                text = SentenceAt(fileText, line, start, length);
            }

            if (text is null || Hash16(text) != record.Sha256)
            {
                skipped.Add($"{record.Ref}: the sentence's text differs from the one labelled (hash {record.Sha256}); re-check the label");
                continue;
            }

            scored.Add((record, text, extractor.Extract(text, cancellationToken)));
        }

        if (corpusAbsent > 0)
        {
            skipped.Insert(0, $"{corpusAbsent} corpus sentence(s): no corpus folder given");
        }

        return Score(scored, skipped);
    }

    /// <summary>Per-type and micro precision, recall and F1 from gold types and proposals.</summary>
    public static ExtractionReport Score(IReadOnlyList<(LabelledSentence Record, string Text, IReadOnlyList<EventProposal> Proposals)> scored, IReadOnlyList<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var metrics = new List<TypeMetrics>();
        int tpAll = 0, predAll = 0, goldAll = 0;
        foreach (var type in EventTypes.All)
        {
            int tp = 0, pred = 0, gold = 0;
            foreach (var (record, _, proposals) in scored)
            {
                var g = record.Types.Contains(type);
                var p = proposals.Any(x => x.Type == type);
                gold += g ? 1 : 0;
                pred += p ? 1 : 0;
                tp += g && p ? 1 : 0;
            }

            tpAll += tp;
            predAll += pred;
            goldAll += gold;
            var (precision, recall, f1) = Measures(tp, pred, gold);
            metrics.Add(new TypeMetrics(type, gold, pred, tp, precision, recall, f1));
        }

        var errors = new List<ExtractionError>();
        foreach (var (record, text, proposals) in scored)
        {
            var predicted = proposals.Select(p => p.Type).Distinct().ToList();
            var missed = record.Types.Where(t => !predicted.Contains(t)).ToList();
            var spurious = predicted.Where(t => !record.Types.Contains(t)).ToList();
            if (missed.Count > 0 || spurious.Count > 0)
            {
                errors.Add(new ExtractionError(record, text, missed, spurious, proposals.Select(p => p.Rule).ToList()));
            }
        }

        var (mp, mr, mf) = Measures(tpAll, predAll, goldAll);
        return new ExtractionReport(scored.Count, skipped, metrics, tpAll, predAll, goldAll, mp, mr, mf, errors);
    }

    // Precision with nothing predicted is 1 (no wrong proposals); recall with nothing to find is 1.
    private static (double Precision, double Recall, double F1) Measures(int tp, int predicted, int gold)
    {
        var precision = predicted == 0 ? 1.0 : (double)tp / predicted;
        var recall = gold == 0 ? 1.0 : (double)tp / gold;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (Math.Round(precision, 4), Math.Round(recall, 4), Math.Round(f1, 4));
    }
}
