using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Core.Alerts;

/// <summary>
/// The most alerts raised per UTC day for each severity; null means no limit. Alerts over the budget are stored as
/// suppressed and still listed. Defaults: low 3, medium 5, high 10, critical no limit (a dropped critical alert costs
/// more than noise; set one if even those flood).
/// </summary>
public sealed record AlertBudget(int? Low, int? Medium, int? High, int? Critical)
{
    public static AlertBudget Default { get; } = new(3, 5, 10, null);

    public int? For(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Low => Low,
        AlertSeverity.Medium => Medium,
        AlertSeverity.High => High,
        _ => Critical,
    };
}

/// <summary>Where and how alerts are posted to a webhook.</summary>
/// <param name="Url">An http or https URL.</param>
/// <param name="Timeout">How long one attempt may take.</param>
/// <param name="Retries">Attempts after the first when it fails with a network error, a timeout, 408, 429 or 5xx.</param>
/// <param name="Backoff">The wait before the first retry; each further retry waits twice as long (at most 5 minutes).</param>
public sealed record WebhookOptions(Uri Url, TimeSpan Timeout, int Retries, TimeSpan Backoff)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    public const int DefaultRetries = 3;
    public static readonly TimeSpan DefaultBackoff = TimeSpan.FromSeconds(1);
    public const int MaxRetries = 10;
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Null when the values are usable; else what is wrong, naming the field.</summary>
    public static string? Check(string url, double timeoutSeconds, int retries, double backoffSeconds)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"webhook url '{url}' is not an absolute http:// or https:// URL";
        }

        if (!double.IsFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > MaxTimeout.TotalSeconds)
        {
            return string.Create(CultureInfo.InvariantCulture, $"webhook timeout must be more than 0 and at most {MaxTimeout.TotalSeconds} seconds (got {timeoutSeconds})");
        }

        if (retries is < 0 or > MaxRetries)
        {
            return $"webhook retries must be 0 to {MaxRetries} (got {retries})";
        }

        if (!double.IsFinite(backoffSeconds) || backoffSeconds < 0 || backoffSeconds > 300)
        {
            return string.Create(CultureInfo.InvariantCulture, $"webhook backoff must be 0 to 300 seconds (got {backoffSeconds})");
        }

        return null;
    }
}

/// <summary>
/// The early-warning settings of a data directory, in <c>warning.json</c>: the alert budget, a JSON Lines file every
/// delivered alert is appended to, and a webhook (docs/alerts.md). A missing file means the defaults.
/// </summary>
public sealed record WarningConfig
{
    public const string FileName = "warning.json";

    public AlertBudget Budget { get; init; } = AlertBudget.Default;

    /// <summary>A JSON Lines file delivered alerts are appended to, or null.</summary>
    public string? JsonLines { get; init; }

    public WebhookOptions? Webhook { get; init; }

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>Reads the data directory's config; a missing file gives the defaults. Errors name the file and field.</summary>
    public static (WarningConfig? Config, string? Error) Load(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        if (!File.Exists(path))
        {
            return (new WarningConfig(), null);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read {path}: {ex.Message}");
        }

        return Parse(text, path);
    }

    public static (WarningConfig? Config, string? Error) Parse(string text, string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return (null, $"{path}: not valid JSON ({ex.Message}); fix or delete it (docs/alerts.md shows the format)");
        }

        if (root is not JsonObject o)
        {
            return (null, $"{path}: must be a JSON object with budget, jsonl and webhook fields");
        }

        var budget = AlertBudget.Default;
        if (o["budget"] is JsonObject b)
        {
            int? Level(string name, int? fallback)
            {
                if (!b.ContainsKey(name))
                {
                    return fallback;
                }

                return b[name] switch
                {
                    null => null,
                    JsonValue v when v.TryGetValue<int>(out var n) && n >= 0 => n,
                    _ => throw new FormatException($"{path}: field budget.{name} must be a whole number ≥ 0, or null for no limit"),
                };
            }

            try
            {
                budget = new AlertBudget(Level("low", budget.Low), Level("medium", budget.Medium), Level("high", budget.High), Level("critical", budget.Critical));
            }
            catch (FormatException ex)
            {
                return (null, ex.Message);
            }
        }
        else if (o["budget"] is not null)
        {
            return (null, $"{path}: field budget must be an object (low, medium, high, critical)");
        }

        string? jsonl = null;
        if (o["jsonl"] is JsonValue jv)
        {
            if (!jv.TryGetValue<string>(out var j) || string.IsNullOrWhiteSpace(j))
            {
                return (null, $"{path}: field jsonl must be a file path or null");
            }

            jsonl = j;
        }
        else if (o["jsonl"] is not null)
        {
            return (null, $"{path}: field jsonl must be a file path or null");
        }

        WebhookOptions? webhook = null;
        if (o["webhook"] is JsonObject w)
        {
            if (w["url"] is not JsonValue uv || !uv.TryGetValue<string>(out var url))
            {
                return (null, $"{path}: field webhook.url must be a URL");
            }

            double timeout = WebhookOptions.DefaultTimeout.TotalSeconds, backoff = WebhookOptions.DefaultBackoff.TotalSeconds;
            var retries = WebhookOptions.DefaultRetries;
            if (w["timeout_seconds"] is { } t && !(t is JsonValue tv && tv.TryGetValue(out timeout)))
            {
                return (null, $"{path}: field webhook.timeout_seconds must be a number");
            }

            if (w["retries"] is { } r && !(r is JsonValue rv && rv.TryGetValue(out retries)))
            {
                return (null, $"{path}: field webhook.retries must be a whole number");
            }

            if (w["backoff_seconds"] is { } bo && !(bo is JsonValue bv && bv.TryGetValue(out backoff)))
            {
                return (null, $"{path}: field webhook.backoff_seconds must be a number");
            }

            if (WebhookOptions.Check(url, timeout, retries, backoff) is { } problem)
            {
                return (null, $"{path}: {problem}");
            }

            webhook = new WebhookOptions(new Uri(url), TimeSpan.FromSeconds(timeout), retries, TimeSpan.FromSeconds(backoff));
        }
        else if (o["webhook"] is not null)
        {
            return (null, $"{path}: field webhook must be an object (url, timeout_seconds, retries, backoff_seconds) or null");
        }

        return (new WarningConfig { Budget = budget, JsonLines = jsonl, Webhook = webhook }, null);
    }

    public JsonObject ToJson() => new()
    {
        ["budget"] = new JsonObject { ["low"] = Budget.Low, ["medium"] = Budget.Medium, ["high"] = Budget.High, ["critical"] = Budget.Critical },
        ["jsonl"] = JsonLines,
        ["webhook"] = Webhook is { } w
            ? new JsonObject
            {
                ["url"] = w.Url.ToString(),
                ["timeout_seconds"] = w.Timeout.TotalSeconds,
                ["retries"] = w.Retries,
                ["backoff_seconds"] = w.Backoff.TotalSeconds,
            }
            : null,
    };

    /// <summary>Writes the config to the data directory (a temporary file moved over the old one).</summary>
    public void Save(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = PathIn(dataDirectory);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        File.Move(temporary, path, overwrite: true);
    }
}
