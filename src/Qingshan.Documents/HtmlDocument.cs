using System.Globalization;
using System.Net;
using System.Text;

namespace Qingshan.Documents;

/// <summary>
/// A small builder for the printable HTML every report, statement and certificate shares: A4 pages, Chinese fonts
/// installed on the host, tables with right-aligned numbers, and every value HTML-encoded. Images must be inline
/// (<c>data:</c> URIs) because the renderer loads nothing from a network.
/// </summary>
public sealed class HtmlDocument
{
    /// <summary>The shared print style: A4, 15 mm margins, Noto CJK first (fonts-noto-cjk on Debian).</summary>
    public const string BaseStyle = """
        @page { size: A4; margin: 15mm; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", sans-serif; font-size: 10.5pt; color: #111; }
        h1 { font-size: 18pt; text-align: center; margin: 0 0 8mm; }
        h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1px solid #888; }
        table { width: 100%; border-collapse: collapse; margin: 2mm 0; }
        th, td { border: 1px solid #999; padding: 1mm 2mm; vertical-align: top; }
        th { background: #eef3ee; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .meta td { border: none; padding: 0.5mm 2mm; }
        .muted { color: #555; font-size: 9pt; }
        .footer { margin-top: 8mm; font-size: 9pt; color: #444; }
        tr { page-break-inside: avoid; }
        """;

    private readonly StringBuilder body = new();
    private readonly string title;
    private readonly string extraStyle;

    public HtmlDocument(string title, string extraStyle = "")
    {
        this.title = title;
        this.extraStyle = extraStyle;
    }

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public HtmlDocument Heading(string text, int level = 1)
    {
        body.Append(CultureInfo.InvariantCulture, $"<h{level}>{Encode(text)}</h{level}>");
        return this;
    }

    public HtmlDocument Paragraph(string text, string? cssClass = null)
    {
        body.Append(cssClass is null ? "<p>" : $"<p class=\"{Encode(cssClass)}\">").Append(Encode(text)).Append("</p>");
        return this;
    }

    /// <summary>Label/value pairs in a borderless two-column block (report headers, certificate fields).</summary>
    public HtmlDocument Fields(IEnumerable<(string Label, string Value)> fields)
    {
        body.Append("<table class=\"meta\">");
        foreach (var (label, value) in fields)
        {
            body.Append("<tr><td style=\"width:32%\">").Append(Encode(label)).Append("</td><td>").Append(Encode(value)).Append("</td></tr>");
        }

        body.Append("</table>");
        return this;
    }

    /// <summary>A table; columns whose index is in <paramref name="numericColumns"/> are right-aligned.</summary>
    public HtmlDocument Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, ISet<int>? numericColumns = null)
    {
        numericColumns ??= new HashSet<int>();
        body.Append("<table><thead><tr>");
        for (var i = 0; i < headers.Count; i++)
        {
            body.Append(numericColumns.Contains(i) ? "<th class=\"num\">" : "<th>").Append(Encode(headers[i])).Append("</th>");
        }

        body.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            body.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                body.Append(numericColumns.Contains(i) ? "<td class=\"num\">" : "<td>").Append(Encode(row[i])).Append("</td>");
            }

            body.Append("</tr>");
        }

        body.Append("</tbody></table>");
        return this;
    }

    /// <summary>An inline image (PNG bytes), e.g. a QR code or a chart drawn on the server.</summary>
    public HtmlDocument Image(byte[] png, string alt, string style = "")
    {
        body.Append("<img alt=\"").Append(Encode(alt)).Append("\" style=\"").Append(Encode(style)).Append("\" src=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(png)).Append("\"/>");
        return this;
    }

    /// <summary>Trusted markup produced by the caller (already encoded), e.g. an inline SVG chart.</summary>
    public HtmlDocument Raw(string trustedHtml)
    {
        body.Append(trustedHtml);
        return this;
    }

    public string Build() =>
        $"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title><style>{BaseStyle}{extraStyle}</style></head><body>{body}</body></html>";
}
