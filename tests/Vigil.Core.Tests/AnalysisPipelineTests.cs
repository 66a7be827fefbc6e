using Vigil.Core.Analysis;

namespace Vigil.Core.Tests;

public sealed class AnalysisPipelineTests
{
    private sealed class Exploding : IAnalysisStep
    {
        public string Name => "exploding";

        public void Apply(AnalysisContext context) => throw new InvalidOperationException("boom");
    }

    [Fact]
    public void A_failing_step_is_recorded_and_the_other_steps_still_run()
    {
        var pipeline = new AnalysisPipelineBuilder().Use(new Exploding()).UseLanguage().UseStatistics().Build();
        var result = pipeline.Run("National security matters.");
        Assert.Contains(result.Warnings, w => w.Contains("'exploding' failed", StringComparison.Ordinal) && w.Contains("boom", StringComparison.Ordinal));
        Assert.Equal("en", result.Language);
        Assert.Equal(3, result.Words);
    }

    [Fact]
    public void Use_is_idempotent_and_steps_have_names()
    {
        var pipeline = new AnalysisPipelineBuilder().UseLanguage().UseLanguage().UseStatistics().Build();
        Assert.Equal(["language", "statistics"], pipeline.Steps.Select(s => s.Name).ToArray());
    }
}
