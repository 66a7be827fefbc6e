using System.Net;

namespace Vigil.Web;

/// <summary>How <c>vigil serve</c> runs: where the data is, where it listens, and its limits.</summary>
public sealed record VigilWebOptions
{
    /// <summary>The default address: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The data directory (vigil.db, index/, uploads/).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Addresses to listen on, separated by ';' (Kestrel's syntax).</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>The clock (injected so tests can fix it).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Largest upload request accepted by the ingest endpoint (bytes).</summary>
    public long MaxUploadBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Most files in one upload request.</summary>
    public int MaxUploadFiles { get; init; } = 50;

    /// <summary>Login attempts allowed per client address within <see cref="LoginWindow"/>.</summary>
    public int LoginAttempts { get; init; } = 10;

    /// <summary>The window of <see cref="LoginAttempts"/>.</summary>
    public TimeSpan LoginWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a signed-in session lasts without use.</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>The addresses of <see cref="Urls"/>, split.</summary>
    public IReadOnlyList<string> UrlList => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True when every address listens on loopback only (127.0.0.0/8, ::1 or localhost).</summary>
    public bool LoopbackOnly => UrlList.Count > 0 && UrlList.All(IsLoopbackUrl);

    /// <summary>True when <paramref name="url"/> binds only to a loopback address.</summary>
    public static bool IsLoopbackUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);

        // Kestrel's wildcards (http://*:80, http://+:80) are not valid URIs: they bind every interface.
        if (!Uri.TryCreate(url.Replace("://*", "://wildcard.invalid", StringComparison.Ordinal).Replace("://+", "://wildcard.invalid", StringComparison.Ordinal),
                UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
