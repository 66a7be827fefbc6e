using Vigil.Core.Documents;
using Vigil.Core.Text;

namespace Vigil.Core.Analysis;

/// <summary>What analysis steps read and write for one document.</summary>
public sealed class AnalysisContext
{
    internal AnalysisContext(string original, NormalizedText normalized)
    {
        Original = original;
        Normalized = normalized;
        Paragraphs = normalized.Paragraphs.Select(p => new ParagraphInfo(p.Start, p.End, LanguageTag.None)).ToList();
    }

    public string Original { get; }

    public NormalizedText Normalized { get; }

    /// <summary>Paragraphs; the language step fills in their languages.</summary>
    public List<ParagraphInfo> Paragraphs { get; }

    public string Language { get; set; } = LanguageTag.None;

    public List<LanguageShare> Languages { get; } = [];

    public int Chars { get; set; }

    public int Words { get; set; }

    public int Han { get; set; }

    /// <summary>Problems recorded by steps; a failing step lands here instead of losing the document.</summary>
    public List<string> Warnings { get; } = [];
}

/// <summary>One named analysis step (single-method extension point).</summary>
public interface IAnalysisStep
{
    /// <summary>Name used on the command line (<c>--steps language,statistics</c>).</summary>
    string Name { get; }

    void Apply(AnalysisContext context);
}

/// <summary>The result of running the pipeline over one text.</summary>
public sealed record AnalysisResult(NormalizedText Normalized, IReadOnlyList<ParagraphInfo> Paragraphs, string Language,
    IReadOnlyList<LanguageShare> Languages, int Chars, int Words, int Han, IReadOnlyList<string> Warnings);

/// <summary>
/// Normalises a text and runs the configured steps over it. A step that throws is recorded as a warning
/// on the document and the others still run: one failing step never loses a document. Immutable and
/// thread-safe; build it with <see cref="AnalysisPipelineBuilder"/>.
/// </summary>
public sealed class AnalysisPipeline
{
    private readonly TextNormalizer _normalizer;

    internal AnalysisPipeline(TextNormalizer normalizer, IReadOnlyList<IAnalysisStep> steps)
    {
        _normalizer = normalizer;
        Steps = steps;
    }

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<IAnalysisStep> Steps { get; }

    /// <summary>The default pipeline: language then statistics.</summary>
    public static AnalysisPipeline Default { get; } = new AnalysisPipelineBuilder().UseLanguage().UseStatistics().Build();

    public AnalysisResult Run(string original)
    {
        var context = new AnalysisContext(original, _normalizer.Normalize(original));
        foreach (var step in Steps)
        {
            try
            {
                step.Apply(context);
            }
#pragma warning disable CA1031 // Isolation is the point: a failing step is recorded on the document and the rest go on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                context.Warnings.Add($"analysis step '{step.Name}' failed: {ex.GetType().Name}: {ex.Message}");
            }
        }

        return new AnalysisResult(context.Normalized, context.Paragraphs, context.Language, context.Languages, context.Chars,
            context.Words, context.Han, context.Warnings);
    }

    /// <summary>
    /// The texts of a document that is analysed but not stored (<c>vigil classify</c>, evaluation paragraphs,
    /// text posted to a server): the same normalisation and paragraphs as ingestion.
    /// </summary>
    public DocumentContent Content(string original, IReadOnlyList<int>? pageStarts = null)
    {
        var analysis = Run(original);
        return new DocumentContent(original, analysis.Normalized, analysis.Paragraphs, pageStarts ?? []);
    }
}

/// <summary>Mutable builder of an immutable <see cref="AnalysisPipeline"/>; each <c>Use*</c> is idempotent.</summary>
public sealed class AnalysisPipelineBuilder
{
    private readonly List<IAnalysisStep> _steps = [];
    private TextNormalizer _normalizer = TextNormalizer.Default;

    public AnalysisPipelineBuilder UseNormalizer(TextNormalizer normalizer)
    {
        _normalizer = normalizer;
        return this;
    }

    /// <summary>Adds a step unless one of the same name is already there.</summary>
    public AnalysisPipelineBuilder Use(IAnalysisStep step)
    {
        if (!_steps.Any(s => s.Name == step.Name))
        {
            _steps.Add(step);
        }

        return this;
    }

    /// <summary>Per-paragraph and per-document language and script.</summary>
    public AnalysisPipelineBuilder UseLanguage(LanguageDetector? detector = null) => Use(new LanguageStep(detector ?? LanguageDetector.Default));

    /// <summary>Character, word and Han counts (the bases of per-10k rates).</summary>
    public AnalysisPipelineBuilder UseStatistics() => Use(new StatisticsStep());

    public AnalysisPipeline Build() => new(_normalizer, [.. _steps]);
}
