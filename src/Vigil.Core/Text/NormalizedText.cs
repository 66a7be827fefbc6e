namespace Vigil.Core.Text;

/// <summary>A half-open span [Start, End) of a text.</summary>
public readonly record struct TextRange(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// The normalised view of a document's original text: what analysis runs on. <see cref="Map"/> takes any
/// span of it back to the original, so every hit is shown and located in the original text.
/// </summary>
public sealed class NormalizedText
{
    public NormalizedText(string text, OffsetMap map, IReadOnlyList<TextRange> paragraphs)
    {
        Text = text;
        Map = map;
        Paragraphs = paragraphs;
    }

    /// <summary>The normalised text; paragraphs are separated by a single "\n".</summary>
    public string Text { get; }

    /// <summary>Normalised → original offsets.</summary>
    public OffsetMap Map { get; }

    /// <summary>Paragraph spans in <see cref="Text"/>, in order.</summary>
    public IReadOnlyList<TextRange> Paragraphs { get; }
}
