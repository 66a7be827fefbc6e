using System.IO.Compression;
using System.Text;

namespace Vigil.Formats;

/// <summary>Chooses a file's format: by extension when it has a known one, otherwise by sniffing the content.</summary>
public static class FormatDetector
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "txt",
        [".text"] = "txt",
        [".md"] = "md",
        [".markdown"] = "md",
        [".html"] = "html",
        [".htm"] = "html",
        [".xhtml"] = "html",
        [".pdf"] = "pdf",
        [".docx"] = "docx",
    };

    /// <summary>The extensions (with dot, lower case) that name a supported format.</summary>
    public static IReadOnlyCollection<string> SupportedExtensions => ByExtension.Keys;

    /// <summary>True when <paramref name="fileNameOrExtension"/> (a file name, path or ".ext") has a supported extension.</summary>
    public static bool IsSupportedExtension(string fileNameOrExtension)
    {
        ArgumentNullException.ThrowIfNull(fileNameOrExtension);
        var extension = fileNameOrExtension.StartsWith('.') && fileNameOrExtension.IndexOf('.', 1) < 0
            ? fileNameOrExtension
            : Path.GetExtension(fileNameOrExtension);
        return ByExtension.ContainsKey(extension);
    }

    /// <summary>
    /// The format id ("txt", "md", "html", "pdf", "docx") for a file, or null when the extension is unknown and the
    /// content is neither PDF, DOCX, HTML nor decodable text.
    /// </summary>
    public static string? Detect(ReadOnlySpan<byte> content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return ByExtension.TryGetValue(Path.GetExtension(fileName), out var format) ? format : Sniff(content);
    }

    /// <summary>Recognises a format from the bytes alone; null for binary content.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.TrimStart(" \t\r\n"u8).StartsWith("%PDF-"u8))
        {
            return "pdf";
        }

        if (content.StartsWith("PK\u0003\u0004"u8))
        {
            return IsWordPackage(content) ? "docx" : null;
        }

        if (LooksLikeHtml(content))
        {
            return "html";
        }

        // Text that fails to decode for another reason than being binary (say, damaged UTF-8) still goes to the
        // text parser, whose message tells the user what to do about it.
        var decoded = TextDecoder.Decode(content);
        return decoded.Succeeded || decoded.Error != TextDecoder.BinaryContentError ? "txt" : null;
    }

    private static bool IsWordPackage(ReadOnlySpan<byte> content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            return zip.GetEntry("word/document.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> content)
    {
        var head = content[..Math.Min(content.Length, 1024)];
        var decoded = TextDecoder.Decode(head.Length < content.Length ? TrimPartialTail(head) : head);
        if (!decoded.Succeeded)
        {
            return false;
        }

        var start = decoded.Text!.AsSpan().TrimStart();
        // Skip an XML declaration and comments before the root: XHTML files often start with them.
        while (start.StartsWith("<?", StringComparison.Ordinal) || start.StartsWith("<!--", StringComparison.Ordinal))
        {
            var close = start.StartsWith("<?", StringComparison.Ordinal) ? start.IndexOf("?>", StringComparison.Ordinal) : start.IndexOf("-->", StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            start = start[(close + (start[1] == '?' ? 2 : 3))..].TrimStart();
        }

        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Cutting the file at 1 KB can split a multi-byte character; drop the partial one so strict decoding works.</summary>
    private static ReadOnlySpan<byte> TrimPartialTail(ReadOnlySpan<byte> head)
    {
        var end = head.Length;
        var back = 0;
        while (end > 0 && back < 4 && (head[end - 1] & 0xC0) == 0x80)
        {
            end--;
            back++;
        }

        if (end > 0 && head[end - 1] >= 0xC0)
        {
            end--;
        }

        return head[..end];
    }
}
