using System.Security.Cryptography;
using System.Text;

namespace Vigil.Core.Events;

/// <summary>
/// Event ids: the first 16 hex digits of SHA-256 over a version tag and the identifying fields, joined by U+001F.
/// The fields are chosen so that what a dataset corrects (a date, a country, a Chinese name) does not change the id:
/// a correction is then an update with history, not a new event. See docs/events.md for the fields per source.
/// </summary>
public static class EventIdentity
{
    private const string Version = "v1";

    /// <summary>
    /// A dataset row about one target: type, the target's normalised name (English, else Chinese), the body and the
    /// announcement's URL. Used by the opensanctions-cn format and by generic CSV files without an id column.
    /// </summary>
    public static string ForDatasetTarget(string type, string targetName, string? body, string? sourceUrl) =>
        Compute("target", type, NormalizeName(targetName), NormalizeName(body ?? ""), (sourceUrl ?? "").Trim());

    /// <summary>A generic CSV row without targets: type, body, announcement URL, sorted countries and the normalised summary.</summary>
    public static string ForDatasetEvent(string type, string? body, string? sourceUrl, IEnumerable<string> countries, string? summary) =>
        Compute("event", type, NormalizeName(body ?? ""), (sourceUrl ?? "").Trim(),
            string.Join(",", countries.Order(StringComparer.Ordinal)), NormalizeName(summary ?? ""));

    /// <summary>A row whose file gives its own id (the <c>id</c> column of a generic CSV): the file's source key and that id.</summary>
    public static string ForExternalId(string sourceKey, string externalId) => Compute("external", sourceKey.Trim(), externalId.Trim());

    /// <summary>An event proposed from a document span: type, document id, start and end offsets.</summary>
    public static string ForDocumentSpan(string type, string documentId, int start, int end) =>
        Compute("span", type, documentId, start.ToString(System.Globalization.CultureInfo.InvariantCulture), end.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// The form of a name that identity uses: Unicode NFKC (full-width → half-width), lower case (invariant), runs of
    /// white space as one space, trimmed. Deliberately simple and fixed, so ids do not move when Vigil's folding tables do.
    /// </summary>
    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static string Compute(params string[] parts)
    {
        var text = Version + "\u001f" + string.Join('\u001f', parts);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
