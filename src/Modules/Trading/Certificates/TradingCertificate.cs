namespace Qingshan.Trading.Certificates;

/// <summary>交易凭证: canonical content, its SM3 digest and the platform's SM2 signature over the content.</summary>
internal sealed class TradingCertificate
{
    private TradingCertificate()
    {
    }

    public TradingCertificate(string number, Guid dealId, string regionCode, string content, string sm3Hex, string signatureHex, string publicKeyHex, DateTimeOffset issuedAt)
    {
        Number = number;
        DealId = dealId;
        RegionCode = regionCode;
        Content = content;
        Sm3Hex = sm3Hex;
        SignatureHex = signatureHex;
        PublicKeyHex = publicKeyHex;
        IssuedAt = issuedAt;
    }

    public string Number { get; private set; } = "";

    public Guid DealId { get; private set; }

    public string RegionCode { get; private set; } = "";

    public string Content { get; private set; } = "";

    public string Sm3Hex { get; private set; } = "";

    public string SignatureHex { get; private set; } = "";

    public string PublicKeyHex { get; private set; } = "";

    public DateTimeOffset IssuedAt { get; private set; }
}
