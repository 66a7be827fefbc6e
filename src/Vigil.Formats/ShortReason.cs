namespace Vigil.Formats;

/// <summary>Turns a parser library's exception into the short, one-line tail of a failure reason.</summary>
internal static class ShortReason
{
    private const int MaxLength = 160;

    public static string Of(Exception exception)
    {
        var message = exception.Message;
        var newline = message.IndexOfAny(['\r', '\n']);
        if (newline >= 0)
        {
            message = message[..newline];
        }

        message = message.Trim();
        if (message.Length == 0)
        {
            message = exception.GetType().Name;
        }

        return message.Length <= MaxLength ? message : string.Concat(message.AsSpan(0, MaxLength - 1), "…");
    }
}
