using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Core.Alerts;

/// <summary>Somewhere alerts are sent: a file, a webhook.</summary>
public interface IAlertChannel
{
    /// <summary>"jsonl" or "webhook".</summary>
    string Name { get; }

    /// <summary>The file or URL (for records and messages).</summary>
    string Target { get; }

    /// <summary>Sends one alert; never throws for a delivery problem, which is returned as a failed delivery.</summary>
    Task<AlertDelivery> DeliverAsync(Alert alert, CancellationToken cancellationToken = default);
}

/// <summary>Appends each alert as one line of JSON to a file (created when missing; its folder must exist).</summary>
public sealed class JsonLinesChannel(string path, TimeProvider time) : IAlertChannel
{
    public string Name => "jsonl";

    public string Target => path;

    public async Task<AlertDelivery> DeliverAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        try
        {
            var line = AlertJson.Payload(alert) + "\n";
            await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new AlertDelivery(Name, path, time.GetUtcNow(), true, 1, null, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new AlertDelivery(Name, path, time.GetUtcNow(), false, 1, null, $"cannot append to {path}: {ex.Message}");
        }
    }
}

/// <summary>
/// POSTs each alert's JSON to a URL. An attempt that fails with a network error, a timeout, 408, 429 or a 5xx status is
/// retried up to <see cref="WebhookOptions.Retries"/> times, waiting <see cref="WebhookOptions.Backoff"/>, then twice as
/// long each time (at most 5 minutes); other statuses (400, 404 ...) are final. The backoff waits run on the injected
/// <see cref="TimeProvider"/>; each attempt's timeout is wall-clock time, since it bounds a real network call.
/// </summary>
public sealed class WebhookChannel(HttpClient client, WebhookOptions options, TimeProvider time) : IAlertChannel
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    public string Name => "webhook";

    public string Target => options.Url.ToString();

    public async Task<AlertDelivery> DeliverAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var payload = AlertJson.Payload(alert);
        var backoff = options.Backoff;
        int? status = null;
        string? error = null;
        var attempts = 0;
        for (var attempt = 0; attempt <= options.Retries; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }

            attempts++;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);
            bool retry;
            try
            {
                using var content = new StringContent(payload, Encoding.UTF8, "application/json");
                using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = content };
                request.Headers.Add("X-Vigil-Alert", alert.Id.ToString(CultureInfo.InvariantCulture));
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return new AlertDelivery(Name, Target, time.GetUtcNow(), true, attempts, status, null);
                }

                error = $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
                retry = status is 408 or 429 or >= 500;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                status = null;
                error = string.Create(CultureInfo.InvariantCulture, $"no answer within {options.Timeout.TotalSeconds:0.###} s (timeout)");
                retry = true;
            }
            catch (HttpRequestException ex)
            {
                status = null;
                error = ex.InnerException is SocketException socket ? $"network error: {socket.SocketErrorCode}" : $"network error: {ex.Message}";
                retry = true;
            }

            if (!retry)
            {
                break;
            }
        }

        return new AlertDelivery(Name, Target, time.GetUtcNow(), false, attempts, status, $"{error} after {attempts} attempt(s)");
    }

    /// <summary>An HTTP client for webhooks: no proxy from the environment, no redirects followed, no client-wide timeout (each attempt has its own).</summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(30) })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        DefaultRequestVersion = HttpVersion.Version11,
    };
}
