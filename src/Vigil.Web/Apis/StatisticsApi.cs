using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Core.Documents;
using Vigil.Core.Output;
using Vigil.Core.Statistics;
using Vigil.Core.Terms;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary><c>/api/keyness</c> and <c>/api/collocates</c>: keywords of one set against another, and the words near a term.</summary>
public static class StatisticsApi
{
    public static RouteGroupBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("statistics").RequireAuthorization(Policies.Read);
        group.MapGet("/keyness", Keyness).WithName("Keyness")
            .WithSummary("Keywords of set A (a=, a-source=) against set B (b=, b-source=; default: every other document) by G² (vigil keyness)");
        group.MapGet("/collocates", Collocates).WithName("Collocates").WithSummary("Words within a window of a term, by logDice, MI or t-score (vigil collocates)");
        return group;
    }

    public static Results<Ok<object>, ProblemHttpResult> Keyness(WebWorkspace workspace, string[]? a, string[]? b,
        [FromQuery(Name = "a-source")] string? aSource, [FromQuery(Name = "b-source")] string? bSource,
        [FromQuery(Name = "min-freq")] int? minFreq, string? p, int? top, string? lang)
    {
        if (minFreq < 1 || top < 0)
        {
            return Problems.BadRequest("min-freq takes 1 or more and top 0 or more.");
        }

        if (p is not (null or "0.05" or "0.01" or "0.001" or "0.0001"))
        {
            return Problems.BadRequest($"p must be 0.05, 0.01, 0.001 or 0.0001 (got '{p}').");
        }

        if (lang is not (null or "en" or "zh" or "all"))
        {
            return Problems.BadRequest($"lang must be en, zh or all (got '{lang}').");
        }

        var sets = DocumentSelection.KeynessSets(workspace.Store, a, DocumentsApi.Blank(aSource), b, DocumentsApi.Blank(bSource));
        if (sets.Error is not null)
        {
            return Problems.BadRequest(sets.Error);
        }

        var result = KeynessAnalyzer.Compare(workspace.Store, sets.A!, sets.B!, new KeynessOptions
        {
            MinFrequency = minFreq ?? 5,
            P = double.Parse(p ?? "0.05", CultureInfo.InvariantCulture),
            Top = top ?? 50,
            Language = lang is null or "all" ? null : lang,
        });
        return TypedResults.Ok(JsonShapes.Keyness(result));
    }

    public static Results<Ok<object>, ProblemHttpResult> Collocates(WebWorkspace workspace, string? term, int? window, string? measure,
        [FromQuery(Name = "min-freq")] int? minFreq, int? top, string[]? doc, string? source)
    {
        if (string.IsNullOrWhiteSpace(term))
        {
            return Problems.BadRequest("give a term (term=...).");
        }

        if (window is < 1 or > 1000)
        {
            return Problems.BadRequest("window takes 1 to 1000 (tokens on each side of the term).");
        }

        if (minFreq < 1 || top < 0)
        {
            return Problems.BadRequest("min-freq takes 1 or more and top 0 or more.");
        }

        var measureName = measure ?? "logdice";
        AssociationMeasure? chosen = measureName switch
        {
            "logdice" => AssociationMeasure.LogDice,
            "mi" => AssociationMeasure.MutualInformation,
            "t" => AssociationMeasure.TScore,
            _ => null,
        };
        if (chosen is null)
        {
            return Problems.BadRequest($"measure must be logdice, mi or t (got '{measure}').");
        }

        var (set, error) = TermSet.TryCompile([term], new TermOptions { Stem = false });
        if (set is null)
        {
            return Problems.BadRequest(error!);
        }

        var selection = DocumentSelection.Select(workspace.Store, doc);
        if (selection.Documents is null)
        {
            return Problems.BadRequest(selection.Error!);
        }

        var docs = DocumentSelection.OfSource(selection.Documents, DocumentsApi.Blank(source));
        if (docs.Documents is null)
        {
            return Problems.BadRequest(docs.Error!);
        }

        var result = CollocationAnalyzer.Analyze(workspace.Store, docs.Documents, set, new CollocationOptions
        {
            Window = window ?? 5,
            Measure = chosen.Value,
            MinCooccurrence = minFreq ?? 3,
            Top = top ?? 50,
        });
        return TypedResults.Ok(JsonShapes.Collocations(result, measureName));
    }
}
