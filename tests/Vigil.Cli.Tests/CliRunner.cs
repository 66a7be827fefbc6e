using System.Text.Json;
using Spectre.Console.Testing;

namespace Vigil.Cli.Tests;

/// <summary>Runs the CLI in-process against a temporary data directory and captures what it writes.</summary>
internal sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Root = Path.Combine(Path.GetTempPath(), "vigil-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        DataDirectory = Path.Combine(Root, "data");
        Files = Path.Combine(Root, "files");
        Directory.CreateDirectory(Files);
    }

    public string Root { get; }

    public string DataDirectory { get; }

    public string Files { get; }

    /// <summary>The clock commands see (default: the system's); tests that depend on "today" fix it.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public sealed record Result(int ExitCode, string Out, string Error, string Console)
    {
        public JsonElement Json => JsonDocument.Parse(Out).RootElement;
    }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Files, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(Files, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Runs with output treated as redirected, so commands write JSON.</summary>
    public Result Run(params string[] args) => Run(terminal: false, args);

    /// <summary>Runs with <paramref name="input"/> as standard input (output redirected: JSON).</summary>
    public Result RunWithInput(byte[] input, params string[] args) => Run(terminal: false, input, args);

    public Result Run(bool terminal, params string[] args) => Run(terminal, null, args);

    private Result Run(bool terminal, byte[]? input, string[] args)
    {
        var console = new TestConsole();
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext
        {
            Console = console,
            Out = output,
            Error = error,
            OutputRedirected = !terminal,
            EnvironmentDataDirectory = DataDirectory,
            Time = Time,
            StandardInput = () => new MemoryStream(input ?? []),
        };
        var code = VigilCli.RunAsync(args, context).GetAwaiter().GetResult();
        return new Result(code, output.ToString(), error.ToString(), console.Output);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
