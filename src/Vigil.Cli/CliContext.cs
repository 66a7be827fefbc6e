using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary>Exit codes every command uses.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line was wrong (message says what).</summary>
    public const int Usage = 1;

    /// <summary>Some inputs failed; the rest were processed.</summary>
    public const int Partial = 2;

    /// <summary>The command could not run at all (data directory unusable, index locked...).</summary>
    public const int Failed = 3;
}

/// <summary>Where a command writes, injected so tests can capture it.</summary>
internal sealed class CliContext
{
    public required IAnsiConsole Console { get; init; }

    /// <summary>Machine-readable output (JSON) goes here.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Messages for a person (errors, warnings) go here.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>True when standard output is not a terminal: output is then JSON, with no progress display.</summary>
    public required bool OutputRedirected { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Opens standard input (<c>vigil classify -</c>); tests inject their own bytes.</summary>
    public Func<Stream> StandardInput { get; init; } = System.Console.OpenStandardInput;

    /// <summary>The VIGIL_DATA environment variable, if set.</summary>
    public string? EnvironmentDataDirectory { get; init; }

    public static CliContext FromConsole()
    {
        System.Console.OutputEncoding = Encoding.UTF8;
        var redirected = System.Console.IsOutputRedirected;
        return new CliContext
        {
            Console = AnsiConsole.Console,
            Out = System.Console.Out,
            Error = System.Console.Error,
            OutputRedirected = redirected,
            EnvironmentDataDirectory = Environment.GetEnvironmentVariable("VIGIL_DATA"),
        };
    }

    public bool Json(bool jsonFlag) => jsonFlag || OutputRedirected;

    public string DataDirectory(string? option) =>
        Path.GetFullPath(!string.IsNullOrWhiteSpace(option) ? option
            : !string.IsNullOrWhiteSpace(EnvironmentDataDirectory) ? EnvironmentDataDirectory : "vigil-data");

    public void WriteJson<T>(T value)
    {
        Out.WriteLine(JsonSerializer.Serialize(value, JsonOutput.Options));
        Out.Flush();
    }

    public int Usage(string message)
    {
        Error.WriteLine($"vigil: {message}");
        return ExitCodes.Usage;
    }

    public int Fail(string message)
    {
        Error.WriteLine($"vigil: {message}");
        return ExitCodes.Failed;
    }
}

/// <summary>JSON settings: compact, readable Chinese (no \u escapes), nulls kept so shapes are stable.</summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };
}
