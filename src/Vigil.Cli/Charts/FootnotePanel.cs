using ScottPlot;
using ScottPlot.Panels;

namespace Vigil.Cli.Charts;

/// <summary>A one-line footnote (source, basis of the figures) under the x axis, left-aligned with the figure.</summary>
internal sealed class FootnotePanel : PanelBase
{
    private const float Padding = 6;

    public FootnotePanel(string text, string fontName)
    {
        Edge = Edge.Bottom;
        Label.Text = text;
        Label.FontName = fontName;
    }

    public LabelStyle Label { get; } = new()
    {
        FontSize = 11,
        ForeColor = Colors.Black.WithLightness(0.35f),
        Alignment = Alignment.LowerLeft,
    };

    public override float Measure(Paint paint) =>
        IsVisible && Label.Text.Length > 0 ? Label.Measure(Label.Text, paint).Height + (2 * Padding) : 0;

    public override void Render(RenderPack rp, float size, float offset)
    {
        if (!IsVisible || Label.Text.Length == 0)
        {
            return;
        }

        var panel = GetPanelRect(rp.DataRect, size, offset, rp.Paint);
        Label.Render(rp.Canvas, new Pixel(rp.FigureRect.Left + Padding, panel.Bottom - Padding), rp.Paint);
    }
}
