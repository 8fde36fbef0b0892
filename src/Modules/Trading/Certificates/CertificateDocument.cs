using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qingshan.Documents;
using Qingshan.Kernel;
using Qingshan.Trading.Bidding;
using Qingshan.Trading.Data;

namespace Qingshan.Trading.Certificates;

/// <summary>
/// 交易凭证 PDF: the stored, signed content laid out on A4 with its QR code, digest and signature. The QR code points
/// at the configured <c>Trading:PortalBaseUrl</c>, else at <paramref name="PortalBaseUrl"/> (the address the request came to).
/// </summary>
public sealed record RenderCertificatePdf(string Number, string? PortalBaseUrl = null);

public sealed class RenderCertificatePdfHandler(TradingDb db, PdfRenderer renderer, IOptions<TradingOptions> options)
{
    /// <summary>Back-office download: the certificate must lie in the caller's region.</summary>
    public async Task<Result<byte[]>> HandleAsync(RenderCertificatePdf request, CancellationToken ct = default)
    {
        var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Number == request.Number, ct);
        if (certificate is null)
        {
            return TradingErrors.CertificateNotFound(request.Number);
        }

        var html = CertificateDocument.Html(certificate.Number, certificate.Content, certificate.Sm3Hex, certificate.SignatureHex, certificate.PublicKeyHex,
            string.IsNullOrWhiteSpace(options.Value.PortalBaseUrl) ? request.PortalBaseUrl ?? "" : options.Value.PortalBaseUrl);
        return await renderer.RenderAsync(html, ct);
    }
}

/// <summary>The certificate's printable HTML. Every field comes from the signed content, so what is printed is what was signed.</summary>
public static class CertificateDocument
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private const string Style = """
        .cert { border: 3px double #2e5e3e; padding: 8mm 10mm; }
        .cert h1 { color: #2e5e3e; letter-spacing: 0.3em; }
        .number { text-align: right; font-size: 10pt; margin-bottom: 4mm; }
        .meta td { word-break: break-all; }
        .hex { font-family: "Noto Sans Mono CJK SC", monospace; font-size: 7.5pt; word-break: break-all; }
        .seal { margin-top: 8mm; text-align: right; }
        """;

    public static string Html(string number, string contentJson, string sm3Hex, string signatureHex, string publicKeyHex, string portalBaseUrl)
    {
        var url = portalBaseUrl.TrimEnd('/') + CertificatePaths.Verification(number);
        var doc = new HtmlDocument("交易凭证 " + number, Style).Raw("<div class=\"cert\">")
            .Image(CertificateQueries.QrPngFor(url), "凭证核验二维码", "float:right;width:36mm;height:36mm;margin:0 0 2mm 4mm");
        doc.Heading("水土保持生态产品交易凭证").Paragraph("凭证编号：" + number, "number");
        var content = CertificateContent.TryParse(contentJson);
        if (content is null)
        {
            doc.Paragraph("凭证内容无法解析，请以核验结果为准。");
        }
        else
        {
            var price = new Money(content.PriceFen);
            doc.Fields(
            [
                ("交易编号", content.DealCode),
                ("行政区划代码", content.RegionCode),
                ("交易标的", content.ProductName),
                ("涉及地块", content.PlotCodes is { Count: > 0 } codes ? string.Join("、", codes) : string.Join("、", content.Plots)),
                ("出让方", content.Transferor),
                ("受让方（经营主体）", content.Operator),
                ("成交价格（小写）", "人民币 " + price + " 元"),
                ("成交价格（大写）", "人民币" + content.PriceInWords),
                ("成交方式", content.WonByPriorityRight ? "培育投资主体行使优先经营权" : "公开交易"),
                ("交易合同编号", content.ContractNumber),
                ("经营期限", content.TermYears.ToString(CultureInfo.InvariantCulture) + " 年"),
                ("合同签订日期", Date(content.ContractSignedAt)),
                ("水行政主管部门报备", Date(content.FiledWithWaterAt)),
                ("发展改革部门报备", Date(content.FiledWithDevelopmentReformAt)),
                ("财政部门报备", Date(content.FiledWithFinanceAt)),
                ("发证日期", Date(content.IssuedAt)),
            ]);
            if (content.Distribution.Count > 0)
            {
                doc.Heading("收益分配", 2).Table(["分配对象", "金额（元）"], content.Distribution.Select(Share).ToList(), new HashSet<int> { 1 });
            }
        }

        doc.Heading("电子签名", 2)
            .Paragraph("本凭证内容经 SM3 摘要并由平台以 SM2 私钥签名。扫描右上角二维码或访问下列地址可核验凭证是否真实、未被篡改：")
            .Paragraph(url, "hex")
            .Fields([("SM3 摘要", sm3Hex), ("SM2 签名", signatureHex), ("平台公钥", publicKeyHex)])
            .Raw("<p class=\"seal\">水土保持生态产品价值实现平台（电子签章）</p></div>");
        return doc.Build();
    }

    private static string Date(DateTimeOffset at) => at.ToOffset(ChinaOffset).ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> Share(string entry)
    {
        var cut = entry.LastIndexOf(':');
        return cut > 0 && long.TryParse(entry[(cut + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var fen)
            ? [entry[..cut], new Money(fen).ToString()]
            : [entry, ""];
    }
}
