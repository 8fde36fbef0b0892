using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Crypto.Digests;
using QRCoder;
using Qingshan.Audit.Checkpoints;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Rights;
using Qingshan.Trading.Bidding;
using Qingshan.Trading.Data;
using Qingshan.Trading.Deals;

namespace Qingshan.Trading.Certificates;

/// <summary>Signs certificate content with the platform's SM2 key (SM3 digest, default ID per GB/T 32918).</summary>
public sealed class CertificateSigner
{
    private readonly Sm2PrivateKey key;

    public CertificateSigner(IOptions<TradingOptions> options)
    {
        var hex = options.Value.CertificateSigningKeyHex;
        key = string.IsNullOrWhiteSpace(hex) ? Sm2PrivateKey.Generate() : Sm2PrivateKey.FromHex(hex);
    }

    public Sm2PublicKey PublicKey => key.PublicKey;

    public byte[] Sign(byte[] content) => key.Sign(content);

    public static string Sm3Hex(byte[] content)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(content, 0, content.Length);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return Convert.ToHexStringLower(output);
    }
}

/// <summary>The signed text of a certificate: fixed field order, compact JSON, UTF-8.</summary>
public sealed record CertificateContent(
    string Number,
    string DealCode,
    string RegionCode,
    string ProductName,
    IReadOnlyList<Guid> Plots,
    IReadOnlyList<string> PlotCodes,
    string Transferor,
    string Operator,
    Guid OperatorId,
    long PriceFen,
    string PriceInWords,
    bool WonByPriorityRight,
    string ContractNumber,
    int TermYears,
    DateTimeOffset ContractSignedAt,
    DateTimeOffset FiledWithWaterAt,
    DateTimeOffset FiledWithDevelopmentReformAt,
    DateTimeOffset FiledWithFinanceAt,
    IReadOnlyList<string> Distribution,
    DateTimeOffset IssuedAt)
{
    public string ToCanonicalJson() => JsonSerializer.Serialize(this, OutboxJson.Options);

    /// <summary>Reads stored content back; null when it is not a certificate's JSON (e.g. altered beyond parsing).</summary>
    public static CertificateContent? TryParse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CertificateContent>(json, OutboxJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>发放交易凭证 (water bureau with DRC): canonical content, SM3 digest, SM2 signature; the deal is complete.</summary>
public sealed record IssueCertificate(Guid DealId);

public sealed record IssuedCertificate(string Number, string Content, string Sm3Hex, string SignatureHex, string VerificationPath);

public sealed class IssueCertificateHandler(DealUnit unit, CertificateSigner signer, HolderDirectory holders, CheckTradabilityHandler registry)
{
    public async Task<Result<IssuedCertificate>> HandleAsync(IssueCertificate request, CancellationToken ct = default) =>
        await unit.RunAsync<IssuedCertificate>(request.DealId, async (deal, now) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "certify", Roles.WaterBureau);
            if (allowed.IsFailure)
            {
                return allowed.Error!;
            }

            if (deal.Status != DealStatus.Filed)
            {
                return TradingErrors.WrongState(deal.Status.ToString());
            }

            var winner = await unit.Db.Bidders.FirstAsync(b => b.Id == deal.WinnerId, ct);
            var transferor = await holders.FindAsync(deal.TransferorId!.Value, ct);
            // The registry's answer carries each plot's code: the certificate names plots the way the registry does.
            var plotCodes = (await registry.HandleAsync(deal.PlotIds, ct)).Select(p => p.PlotCode).ToList();
            var number = "SBJYPZ-" + deal.Code;
            var content = new CertificateContent(
                number, deal.Code, deal.RegionCode, deal.ProductName, deal.PlotIds, plotCodes, transferor?.Name ?? deal.TransferorId.ToString()!, winner.Name, winner.HolderId,
                deal.FinalPrice.Fen, deal.FinalPrice.ToChineseCapital(), deal.WonByPriorityRight, deal.ContractNumber!, deal.ContractTermYears, deal.ContractSignedAt!.Value,
                deal.FiledWithWaterAt!.Value, deal.FiledWithDevelopmentReformAt!.Value, deal.FiledWithFinanceAt!.Value,
                deal.Distribute(deal.FinalPrice).Select(p => $"{p.Party}:{p.Amount.Fen}").ToList(), now).ToCanonicalJson();
            var bytes = Encoding.UTF8.GetBytes(content);
            var sm3 = CertificateSigner.Sm3Hex(bytes);
            var signature = Convert.ToHexStringLower(signer.Sign(bytes));
            var issued = deal.IssueCertificate(number);
            if (issued.IsFailure)
            {
                return issued.Error!;
            }

            unit.Db.Certificates.Add(new TradingCertificate(number, deal.Id, deal.RegionCode, content, sm3, signature, signer.PublicKey.ToHex(), now));
            return new IssuedCertificate(number, content, sm3, signature, CertificatePaths.Verification(number));
        }, ct);
}

public static class CertificatePaths
{
    /// <summary>The public portal page a certificate's QR code points to.</summary>
    public static string Verification(string number) => "/portal/certificates/" + Uri.EscapeDataString(number);
}

public enum CertificateVerdict
{
    /// <summary>真实: content matches its digest and the platform's signature.</summary>
    Genuine = 0,

    /// <summary>已被篡改: the content differs from what was signed.</summary>
    Altered = 1,
}

/// <summary>
/// 验真: checks a certificate's content (as presented, or as stored when none is given) against the SM3 digest and the
/// SM2 signature recorded at issue.
/// </summary>
public sealed record VerifyCertificate(string Number, string? PresentedContent = null);

public sealed class VerifyCertificateHandler(TradingDb db)
{
    public async Task<Result<CertificateVerdict>> HandleAsync(VerifyCertificate request, CancellationToken ct = default)
    {
        // Public check: anyone holding the number may verify, whatever their region.
        var certificate = await db.Certificates.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Number == request.Number, ct);
        if (certificate is null)
        {
            return TradingErrors.CertificateNotFound(request.Number);
        }

        var bytes = Encoding.UTF8.GetBytes(request.PresentedContent ?? certificate.Content);
        var digestMatches = CertificateSigner.Sm3Hex(bytes) == certificate.Sm3Hex;
        bool signatureMatches;
        try
        {
            signatureMatches = Sm2PublicKey.FromHex(certificate.PublicKeyHex).Verify(bytes, Convert.FromHexString(certificate.SignatureHex));
        }
        catch (FormatException)
        {
            signatureMatches = false;
        }

        return digestMatches && signatureMatches ? CertificateVerdict.Genuine : CertificateVerdict.Altered;
    }
}

/// <summary>Certificates for pages: the stored content and a QR code (PNG) pointing at the portal's verification page.</summary>
public sealed class CertificateQueries(TradingDb db, IOptions<TradingOptions> options)
{
    public async Task<(string Number, string Content, DateTimeOffset IssuedAt)?> FindAsync(string number, CancellationToken ct = default)
    {
        var c = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(x => x.Number == number, ct);
        return c is null ? null : (c.Number, c.Content, c.IssuedAt);
    }

    /// <summary>For the public verification page: certificates are public once issued, whatever the reader's region.</summary>
    public async Task<(string Number, string Content, DateTimeOffset IssuedAt)?> PublicAsync(string number, CancellationToken ct = default)
    {
        var c = await db.Certificates.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Number == number, ct);
        return c is null ? null : (c.Number, c.Content, c.IssuedAt);
    }

    public byte[] QrPng(string number) => QrPngFor(options.Value.PortalBaseUrl.TrimEnd('/') + CertificatePaths.Verification(number));

    public static byte[] QrPngFor(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}
