using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Core.Tests.Warning;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (a free port) for webhook tests: it records each request and answers the
/// n-th one (0-based) with the status <c>respond(n)</c>, or never answers when that is null (the connection is held
/// open until the server is disposed). One request per connection; it stops when disposed.
/// </summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, int?> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];
    private readonly Lock _lock = new();
    private readonly Task _loop;

    public LoopbackServer(Func<int, int?> respond)
    {
        _respond = respond;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook");
        _loop = Task.Run(AcceptLoop);
    }

    public Uri Url { get; }

    public sealed record Request(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    public List<Request> Requests { get; } = [];

    private async Task AcceptLoop()
    {
        // Bounded: a test sends a handful of requests; 100 connections is far beyond any test and stops a runaway client.
        for (var n = 0; n < 100 && !_stop.IsCancellationRequested; n++)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            try
            {
                await Handle(client);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                client.Dispose();
            }
        }
    }

    private async Task Handle(TcpClient client)
    {
        var stream = client.GetStream();
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOf(buffer, "\r\n\r\n"u8.ToArray())) < 0)
        {
            var read = await stream.ReadAsync(chunk, _stop.Token);
            if (read == 0)
            {
                client.Dispose();
                return;
            }

            buffer.AddRange(chunk.AsSpan(0, read).ToArray());
        }

        var head = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray()).Split("\r\n");
        var headers = head.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var length = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl, System.Globalization.CultureInfo.InvariantCulture) : 0;
        while (buffer.Count < headerEnd + 4 + length)
        {
            var read = await stream.ReadAsync(chunk, _stop.Token);
            if (read == 0)
            {
                break;
            }

            buffer.AddRange(chunk.AsSpan(0, read).ToArray());
        }

        var body = Encoding.UTF8.GetString(buffer.GetRange(headerEnd + 4, Math.Min(length, buffer.Count - headerEnd - 4)).ToArray());
        var parts = head[0].Split(' ');
        int index;
        lock (_lock)
        {
            index = Requests.Count;
            Requests.Add(new Request(parts[0], parts.Length > 1 ? parts[1] : "", headers, body));
        }

        if (_respond(index) is not { } status)
        {
            lock (_lock)
            {
                _held.Add(client); // never answer; closed on Dispose
            }

            return;
        }

        var response = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {(status < 300 ? "OK" : "Error")}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(response, _stop.Token);
        await stream.FlushAsync(_stop.Token);
        client.Dispose();
    }

    private static int IndexOf(List<byte> data, byte[] pattern)
    {
        for (var i = 0; i + pattern.Length <= data.Count; i++)
        {
            var match = true;
            for (var j = 0; j < pattern.Length && match; j++)
            {
                match = data[i + j] == pattern[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_lock)
        {
            foreach (var c in _held)
            {
                c.Dispose();
            }
        }

        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener; nothing to report.
        }

        _stop.Dispose();
    }
}
