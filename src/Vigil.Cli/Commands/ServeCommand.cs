using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Vigil.Web;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil serve [--urls http://127.0.0.1:5080] [--max-upload-mb N]</c>: the web workbench and REST API.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by ';' (loopback by default; any other address needs users)",
            DefaultValueFactory = _ => VigilWebOptions.DefaultUrls,
            HelpName = "URLS",
        };
        var maxUpload = new Option<int>("--max-upload-mb") { Description = "Largest upload request (ingest, classify)", DefaultValueFactory = _ => 50, HelpName = "N" };
        var command = new Command("serve", "Run the web workbench and REST API (pages, /api, /openapi/v1.json) over the data directory") { urls, maxUpload };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(maxUpload) is < 1 or > 4096)
            {
                return context.Usage("--max-upload-mb takes 1 to 4096.");
            }

            var options = new VigilWebOptions
            {
                DataDirectory = context.DataDirectory(parse.GetValue(GlobalOptions.Data)),
                Urls = parse.GetValue(urls)!,
                Time = context.Time,
                MaxUploadBytes = parse.GetValue(maxUpload) * 1024L * 1024,
            };
            if (VigilWebApp.CheckStart(options) is { } refusal)
            {
                return context.Usage(refusal);
            }

            await using var app = VigilWebApp.Build(options);
            await app.StartAsync(ct).ConfigureAwait(false);
            var mode = options.LoopbackOnly && !app.Services.GetRequiredService<UserStore>().HasUsers()
                ? "local mode: no users yet, so everyone on this machine is admin (add one with 'vigil users add NAME --role admin')"
                : "sign in with a user of 'vigil users list'";
            context.Console.MarkupLine($"Vigil is listening on [bold]{Markup.Escape(string.Join(", ", app.Urls))}[/] — data {Markup.Escape(options.DataDirectory)}");
            context.Console.MarkupLine($"[grey]{Markup.Escape(mode)}. Ctrl+C stops.[/]");
            if (!System.Runtime.GCSettings.IsServerGC)
            {
                // ./vigil sets it for serve; someone starting the dll directly gets the CLI's workstation collector.
                context.Console.MarkupLine("[grey]Running with the workstation garbage collector; set DOTNET_gcServer=1 (./vigil does) to serve more searches at once (docs/web.md).[/]");
            }
            if (app.Services.GetRequiredService<WebWorkspace>().Index.MarksNeedReindex())
            {
                context.Console.MarkupLine("[grey]The search index was written by an older Vigil: its snippets are slower to build. 'vigil reindex' (server stopped) rebuilds it.[/]");
            }
            try
            {
                await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: a normal stop.
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
