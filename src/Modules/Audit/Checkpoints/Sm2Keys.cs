using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Qingshan.Audit.Checkpoints;

/// <summary>
/// SM2 on sm2p256v1 with SM3 (GB/T 32918, GM/T 0003), signer ID the GM/T 0009 default
/// "1234567812345678", signatures DER-encoded (r, s) as OpenSSL and GmSSL write them.
/// Key files: PKCS#8 "PRIVATE KEY" and SubjectPublicKeyInfo "PUBLIC KEY" PEM (id-ecPublicKey with the
/// sm2p256v1 OID, which `openssl pkey` reads); hex: 32-byte scalar d, and the 65-byte uncompressed point 04‖x‖y.
/// </summary>
internal static class Sm2
{
    public static readonly ECNamedDomainParameters Domain =
        new(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));

    public static bool IsSm2Curve(ECDomainParameters parameters) =>
        parameters.Curve.Equals(Domain.Curve) && parameters.G.Equals(Domain.G) && parameters.N.Equals(Domain.N);
}

/// <summary>An SM2 public key: all a verifier needs. Immutable.</summary>
public sealed class Sm2PublicKey
{
    internal Sm2PublicKey(ECPublicKeyParameters key) => Key = key;

    internal ECPublicKeyParameters Key { get; }

    /// <summary>Uncompressed point 04‖x‖y, 65 bytes.</summary>
    public byte[] ToBytes() => Key.Q.GetEncoded(compressed: false);

    public string ToHex() => Convert.ToHexStringLower(ToBytes());

    public string ToPem() =>
        PemEncoding.WriteString("PUBLIC KEY", SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(Key).GetDerEncoded());

    /// <summary>Reads 04‖x‖y (or a compressed point); throws FormatException when it is not a point on sm2p256v1.</summary>
    public static Sm2PublicKey FromBytes(ReadOnlySpan<byte> point)
    {
        try
        {
            var q = Sm2.Domain.Curve.DecodePoint(point.ToArray());
            return new Sm2PublicKey(new ECPublicKeyParameters("EC", q, Sm2.Domain));
        }
        catch (ArgumentException e)
        {
            throw new FormatException("not an SM2 public key point", e);
        }
    }

    public static Sm2PublicKey FromHex(string hex) => FromBytes(Convert.FromHexString(hex.Trim()));

    public static Sm2PublicKey FromPem(string pem)
    {
        var der = Pem.Read(pem, "PUBLIC KEY");
        if (PublicKeyFactory.CreateKey(der) is not ECPublicKeyParameters key || !Sm2.IsSm2Curve(key.Parameters))
        {
            throw new FormatException("the PEM does not hold an SM2 (sm2p256v1) public key");
        }

        return FromBytes(key.Q.GetEncoded(compressed: false));
    }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var signer = new SM2Signer();
        signer.Init(false, Key);
        signer.BlockUpdate(message);
        try
        {
            return signer.VerifySignature(signature.ToArray());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or IOException)
        {
            return false;
        }
    }
}

/// <summary>An SM2 private key. Keep it out of the database the log lives in: whoever holds it can re-sign a rewritten log.</summary>
public sealed class Sm2PrivateKey
{
    private readonly ECPrivateKeyParameters key;

    private Sm2PrivateKey(ECPrivateKeyParameters key)
    {
        this.key = key;
        PublicKey = new Sm2PublicKey(new ECPublicKeyParameters("EC", Sm2.Domain.G.Multiply(key.D).Normalize(), Sm2.Domain));
    }

    public Sm2PublicKey PublicKey { get; }

    public static Sm2PrivateKey Generate()
    {
        var generator = new ECKeyPairGenerator("EC");
        generator.Init(new ECKeyGenerationParameters(Sm2.Domain, new SecureRandom()));
        return new Sm2PrivateKey((ECPrivateKeyParameters)generator.GenerateKeyPair().Private);
    }

    /// <summary>The scalar d as 64 hex digits.</summary>
    public string ToHex() => Convert.ToHexStringLower(key.D.ToByteArrayUnsigned().AsSpan().PadLeft32());

    public string ToPem() =>
        PemEncoding.WriteString("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(key).GetDerEncoded());

    public static Sm2PrivateKey FromHex(string hex)
    {
        var bytes = Convert.FromHexString(hex.Trim());
        if (bytes.Length != 32)
        {
            throw new FormatException("an SM2 private key is 32 bytes");
        }

        return FromScalar(new BigInteger(1, bytes));
    }

    public static Sm2PrivateKey FromPem(string pem)
    {
        var der = Pem.Read(pem, "PRIVATE KEY");
        if (PrivateKeyFactory.CreateKey(der) is not ECPrivateKeyParameters parsed || !Sm2.IsSm2Curve(parsed.Parameters))
        {
            throw new FormatException("the PEM does not hold an SM2 (sm2p256v1) private key");
        }

        return FromScalar(parsed.D);
    }

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithRandom(key, new SecureRandom()));
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    private static Sm2PrivateKey FromScalar(BigInteger d)
    {
        // SM2 requires 1 ≤ d ≤ n − 2 (GB/T 32918.1 §6.1).
        if (d.SignValue <= 0 || d.CompareTo(Sm2.Domain.N.Subtract(BigInteger.Two)) > 0)
        {
            throw new FormatException("the SM2 private scalar is out of range");
        }

        return new Sm2PrivateKey(new ECPrivateKeyParameters("EC", d, Sm2.Domain));
    }
}

internal static class Pem
{
    public static byte[] Read(string pem, string label)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields) || !pem.AsSpan()[fields.Label].SequenceEqual(label))
        {
            throw new FormatException($"expected a PEM block labelled {label}");
        }

        return Convert.FromBase64String(pem[fields.Base64Data]);
    }

    public static ReadOnlySpan<byte> PadLeft32(this ReadOnlySpan<byte> value)
    {
        if (value.Length >= 32)
        {
            return value[^32..];
        }

        var padded = new byte[32];
        value.CopyTo(padded.AsSpan(32 - value.Length));
        return padded;
    }

    public static ReadOnlySpan<byte> PadLeft32(this Span<byte> value) => ((ReadOnlySpan<byte>)value).PadLeft32();
}
