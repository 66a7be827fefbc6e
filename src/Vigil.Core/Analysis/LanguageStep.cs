using Vigil.Core.Documents;
using Vigil.Core.Text;

namespace Vigil.Core.Analysis;

/// <summary>
/// Labels each paragraph en / zh-Hans / zh-Hant / other, then the document: the language holding at least
/// 80% of the language-bearing characters, else "mixed" (a bilingual brief). Paragraphs too short to tell
/// simplified from traditional take the document's Chinese script.
/// </summary>
internal sealed class LanguageStep(LanguageDetector detector) : IAnalysisStep
{
    public string Name => "language";

    public void Apply(AnalysisContext context)
    {
        var text = context.Normalized.Text;
        var evidence = new LanguageEvidence[context.Paragraphs.Count];
        var total = default(LanguageEvidence);
        for (var i = 0; i < context.Paragraphs.Count; i++)
        {
            var p = context.Paragraphs[i];
            evidence[i] = detector.Measure(text.AsSpan(p.Start, p.End - p.Start));
            total += evidence[i];
        }

        var documentScript = total.TraditionalOnly > total.SimplifiedOnly ? LanguageTag.Traditional : LanguageTag.Simplified;
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < context.Paragraphs.Count; i++)
        {
            var e = evidence[i];
            var language = LanguageDetector.Decide(e);
            if (LanguageTag.IsChinese(language) && e.TraditionalOnly + e.SimplifiedOnly < 2)
            {
                language = documentScript;
            }

            context.Paragraphs[i] = context.Paragraphs[i] with { Language = language };
            if (language != LanguageTag.None)
            {
                var weight = e.Han + e.Kana + (e.LatinLetters / 3.0) + (e.OtherLetters / 2.0);
                weights[language] = weights.GetValueOrDefault(language) + weight;
            }
        }

        var sum = weights.Values.Sum();
        context.Languages.Clear();
        foreach (var (language, weight) in weights.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            context.Languages.Add(new LanguageShare(language, Math.Round(weight / sum, 4)));
        }

        context.Language = context.Languages.Count switch
        {
            0 => LanguageTag.None,
            _ when context.Languages[0].Share >= 0.8 => context.Languages[0].Language,
            _ => LanguageTag.Mixed,
        };
    }
}
