using Vigil.Cli;

return await VigilCli.RunAsync(args, CliContext.FromConsole()).ConfigureAwait(false);
