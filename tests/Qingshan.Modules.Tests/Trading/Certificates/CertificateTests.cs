using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Modules.Tests.Documents;
using Qingshan.Tests.Registry;
using Qingshan.Trading.Certificates;
using Qingshan.Trading.Data;
using Qingshan.Trading.Deals;

namespace Qingshan.Tests.Trading.Certificates;

/// <summary>The certificate as a PDF through real Chromium, read back with pdftotext; tampering with the stored record is caught.</summary>
public sealed class CertificateTests
{
    private static Task<Result<CertificateVerdict>> VerifyAsync(TradingWorld world, string number) =>
        world.Platform.RunAsync(Actor.Anonymous, sp => sp.GetRequiredService<VerifyCertificateHandler>().HandleAsync(new VerifyCertificate(number)));

    [Fact]
    public async Task The_certificate_pdf_states_parties_price_in_figures_and_capitals_term_and_signature_in_Chinese()
    {
        var (world, certificate) = await CertifiedDeal.CreateAsync();
        await using var _ = world.Platform;

        var pdf = Make.Ok(await world.Platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<RenderCertificatePdfHandler>().HandleAsync(new RenderCertificatePdf(certificate.Number, "https://qingshan.example.cn"))));

        var text = await PdfRendererTests.PdfToTextAsync(pdf);
        Assert.Contains("水土保持生态产品交易凭证", text);
        Assert.Contains(certificate.Number, text);
        Assert.Contains("JP-2026-001", text);
        Assert.Contains("东山小流域水土保持林下经济经营权", text);
        Assert.Contains("P-1", text);
        Assert.Contains("经营主体2", text); // the winner, who bid 101,000
        Assert.Contains("101,000.00", text);
        Assert.Contains("壹拾万壹仟元整", text);
        Assert.Contains("20 年", text);
        Assert.Contains("东山村股份经济合作社", text);
        Assert.Contains("https://qingshan.example.cn/portal/certificates/" + certificate.Number, text.Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var flat = string.Concat(text.Where(char.IsAsciiHexDigitLower));
        Assert.Contains(certificate.Sm3Hex, flat, StringComparison.Ordinal);
        Assert.Contains(certificate.SignatureHex, flat, StringComparison.Ordinal);
        Assert.Equal(1, await ImageCountAsync(pdf)); // the QR code
    }

    [Fact]
    public async Task A_certificate_outside_the_callers_region_is_not_rendered()
    {
        var (world, certificate) = await CertifiedDeal.CreateAsync();
        await using var _ = world.Platform;

        var other = Qingshan.Tests.Support.TestPlatform.WaterBureau("211321");
        var result = await world.Platform.RunAsync(other, sp => sp.GetRequiredService<RenderCertificatePdfHandler>().HandleAsync(new RenderCertificatePdf(certificate.Number)));

        Assert.Equal("trading.certificate.not_found", result.Error?.Code);
    }

    [Fact]
    public async Task Changing_one_byte_of_the_stored_certificate_makes_verification_say_altered()
    {
        var (world, certificate) = await CertifiedDeal.CreateAsync();
        await using var _ = world.Platform;
        Assert.Equal(CertificateVerdict.Genuine, (await VerifyAsync(world, certificate.Number)).Value);

        // One character of the stored content: the price 10100000 fen becomes 20100000.
        var changed = await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<TradingDb>().Database.ExecuteSqlRawAsync(
            "UPDATE trading_certificates SET content = replace(content, '\"priceFen\":10100000', '\"priceFen\":20100000')"));
        Assert.Equal(1, changed);

        Assert.Equal(CertificateVerdict.Altered, (await VerifyAsync(world, certificate.Number)).Value);
    }

    private static async Task<int> ImageCountAsync(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            var start = new ProcessStartInfo("pdfimages") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("-list");
            start.ArgumentList.Add(file);
            using var process = Process.Start(start)!;
            var lines = (await process.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            await process.WaitForExitAsync();
            return lines.Length - 2; // header and rule
        }
        finally
        {
            File.Delete(file);
        }
    }
}
