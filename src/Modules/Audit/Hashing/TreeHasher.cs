using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace Qingshan.Audit.Hashing;

/// <summary>The hash function behind a log. It is written into every checkpoint, so a verifier never guesses.</summary>
public enum LogHashAlgorithm
{
    /// <summary>SM3 (GB/T 32905-2016), the production default.</summary>
    Sm3,

    /// <summary>SHA-256, as in RFC 6962; kept for conformance tests and interoperability.</summary>
    Sha256,
}

/// <summary>
/// RFC 6962 §2.1 tree hashing with a swappable hash function:
/// leaf = H(0x00 ‖ data), node = H(0x01 ‖ left ‖ right), empty tree = H().
/// Instances are immutable and thread-safe.
/// </summary>
public sealed class TreeHasher
{
    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    // BouncyCastle digests carry state; one per thread avoids an allocation per node on the hot path.
    [ThreadStatic]
    private static SM3Digest? sm3;

    private TreeHasher(LogHashAlgorithm algorithm) => Algorithm = algorithm;

    public static TreeHasher Sha256 { get; } = new(LogHashAlgorithm.Sha256);

    public static TreeHasher Sm3 { get; } = new(LogHashAlgorithm.Sm3);

    public LogHashAlgorithm Algorithm { get; }

    /// <summary>Digest length in bytes: 32 for both algorithms.</summary>
    public int Size => 32;

    /// <summary>The lower-case name used in checkpoints: <c>sm3</c> or <c>sha256</c>.</summary>
    public string Name => NameOf(Algorithm);

    public static TreeHasher For(LogHashAlgorithm algorithm) => algorithm switch
    {
        LogHashAlgorithm.Sm3 => Sm3,
        LogHashAlgorithm.Sha256 => Sha256,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown hash algorithm"),
    };

    public static string NameOf(LogHashAlgorithm algorithm) => algorithm switch
    {
        LogHashAlgorithm.Sm3 => "sm3",
        LogHashAlgorithm.Sha256 => "sha256",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown hash algorithm"),
    };

    public static bool TryParseName(string name, out LogHashAlgorithm algorithm)
    {
        switch (name)
        {
            case "sm3": algorithm = LogHashAlgorithm.Sm3; return true;
            case "sha256": algorithm = LogHashAlgorithm.Sha256; return true;
            default: algorithm = default; return false;
        }
    }

    /// <summary>Plain digest of <paramref name="data"/>, with no domain prefix.</summary>
    public byte[] Digest(ReadOnlySpan<byte> data) => Hash(ReadOnlySpan<byte>.Empty, data, ReadOnlySpan<byte>.Empty);

    /// <summary>MTH({}) = H(): the root of the empty tree.</summary>
    public byte[] EmptyRoot() => Digest(ReadOnlySpan<byte>.Empty);

    /// <summary>MTH({d}) = H(0x00 ‖ d).</summary>
    public byte[] HashLeaf(ReadOnlySpan<byte> data) => Hash([LeafPrefix], data, ReadOnlySpan<byte>.Empty);

    /// <summary>H(0x01 ‖ left ‖ right).</summary>
    public byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => Hash([NodePrefix], left, right);

    private byte[] Hash(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c)
    {
        var output = new byte[32];
        if (Algorithm == LogHashAlgorithm.Sha256)
        {
            var length = a.Length + b.Length + c.Length;
            if (length <= 512)
            {
                Span<byte> buffer = stackalloc byte[length];
                a.CopyTo(buffer);
                b.CopyTo(buffer[a.Length..]);
                c.CopyTo(buffer[(a.Length + b.Length)..]);
                SHA256.HashData(buffer, output);
            }
            else
            {
                using var incremental = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                incremental.AppendData(a);
                incremental.AppendData(b);
                incremental.AppendData(c);
                incremental.GetHashAndReset(output);
            }

            return output;
        }

        var digest = sm3 ??= new SM3Digest();
        digest.Reset();
        digest.BlockUpdate(a);
        digest.BlockUpdate(b);
        digest.BlockUpdate(c);
        digest.DoFinal(output);
        return output;
    }
}
