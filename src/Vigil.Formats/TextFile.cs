namespace Vigil.Formats;

/// <summary>The shared first step of the text formats: decode strictly, refuse empty files, split off front matter.</summary>
internal static class TextFile
{
    internal sealed record Reading(FrontMatter? FrontMatter, string? EncodingName, string? Error);

    public static Reading Read(ReadOnlySpan<byte> content, ParseLimits limits)
    {
        if (content.IsEmpty)
        {
            return new Reading(null, null, "empty file");
        }

        var decoded = TextDecoder.Decode(content, limits.ForcedEncoding);
        if (!decoded.Succeeded)
        {
            return new Reading(null, null, decoded.Error);
        }

        var matter = FrontMatter.Read(decoded.Text!);
        if (string.IsNullOrWhiteSpace(matter.Body))
        {
            return new Reading(null, null, decoded.Text!.Length == matter.Body.Length
                ? "no text found (the file is blank)"
                : "no text found after the front matter");
        }

        return new Reading(matter, decoded.EncodingName, null);
    }

    /// <summary>Reads a text format whose only difference from the others is how it finds a title without front matter.</summary>
    public static ParseOutcome Parse(ReadOnlySpan<byte> content, ParseLimits limits, string format, Func<string, string?> titleFromBody)
    {
        var read = Read(content, limits);
        if (read.Error is not null)
        {
            return ParseOutcome.Fail(read.Error);
        }

        var matter = read.FrontMatter!;
        return ParseOutcome.Ok(new ParsedDocument
        {
            Format = format,
            Text = matter.Body,
            Title = matter.Title ?? titleFromBody(matter.Body),
            Date = matter.Date,
            Source = matter.Source,
            Encoding = read.EncodingName,
            Metadata = matter.Metadata,
            Warnings = matter.Warnings,
        });
    }
}
