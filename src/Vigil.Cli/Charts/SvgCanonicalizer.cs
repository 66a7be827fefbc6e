using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Vigil.Cli.Charts;

/// <summary>
/// Makes Skia's SVG the same bytes for the same chart: Skia numbers clip paths (and gradients, patterns) from a counter
/// that lives for the whole process, in hexadecimal ("cl_4" in one render, "cl_1f" in a later one), so ids are renumbered in document order.
/// Also adds a &lt;title&gt; for screen readers and file browsers.
/// </summary>
internal static partial class SvgCanonicalizer
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The canonical SVG as UTF-8 bytes (no byte-order mark).</summary>
    /// <exception cref="InvalidOperationException">The renderer wrote XML that does not parse (a bug, not a user error).</exception>
    public static byte[] Canonicalize(string svg, string title)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(svg, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            throw new InvalidOperationException($"the SVG renderer wrote invalid XML ({e.Message})", e);
        }

        var root = document.Root ?? throw new InvalidOperationException("the SVG renderer wrote no root element");

        // Only attributes are rewritten (id="cl_4", clip-path="url(#cl_4)", xlink:href="#cl_4"): label text that
        // happens to read "url(#cl_4)" is content and stays as it is.
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in root.DescendantsAndSelf().Select(e => e.Attribute("id")).OfType<XAttribute>())
        {
            var match = SkiaId().Match(attribute.Value);
            if (match.Success && !ids.ContainsKey(attribute.Value))
            {
                ids[attribute.Value] = $"{match.Groups["prefix"].Value}_{ids.Count + 1}";
            }
        }

        foreach (var element in root.DescendantsAndSelf())
        {
            foreach (var attribute in element.Attributes())
            {
                if (attribute.Name == "id" && ids.TryGetValue(attribute.Value, out var renamed))
                {
                    attribute.Value = renamed;
                }
                else if (attribute.Value.Contains('#', StringComparison.Ordinal))
                {
                    attribute.Value = Reference().Replace(attribute.Value, m => ids.TryGetValue(m.Groups["id"].Value, out var to) ? "#" + to : m.Value);
                }
            }
        }

        root.AddFirst(new XElement(Svg + "title", title));
        root.AddFirst(new XText("\n\t"));

        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), NewLineHandling = NewLineHandling.None };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }

    [GeneratedRegex("^(?<prefix>[A-Za-z]+)_[0-9A-Fa-f]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SkiaId();

    [GeneratedRegex("#(?<id>[A-Za-z]+_[0-9A-Fa-f]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
