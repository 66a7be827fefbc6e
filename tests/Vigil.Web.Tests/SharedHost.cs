namespace Vigil.Web.Tests;

/// <summary>One server and one admin session shared by the read-only tests of a class.</summary>
public sealed class SharedHost : IAsyncLifetime
{
    internal WebHost Host { get; private set; } = null!;

    internal HttpClient Admin { get; private set; } = null!;

    internal string Csrf { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Host = await WebHost.StartAsync();
        (Admin, Csrf) = await Host.SignInAsync("ada", WebHost.AdminPassword);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
    }
}
