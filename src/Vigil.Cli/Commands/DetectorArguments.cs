using System.CommandLine;
using Vigil.Core.Detection;

namespace Vigil.Cli.Commands;

/// <summary>The <c>--detector</c> and <c>--param</c> options shared by <c>detect</c> and <c>backtest</c>.</summary>
internal static class DetectorArguments
{
    public static Option<string[]> Params() => new("--param")
    {
        Description = "A detector parameter NAME=VALUE (repeatable); see docs/detectors.md",
        HelpName = "NAME=VALUE",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static string DetectorHelp => "Detector: " + string.Join(", ", DetectorRegistry.Names);

    /// <summary>Parses the --param pairs; null (and an error) when malformed.</summary>
    public static Dictionary<string, string>? Pairs(ParseResult parse, Option<string[]> option, out string? error) =>
        DetectorRegistry.ParsePairs(parse.GetValue(option) ?? [], out error);
}
