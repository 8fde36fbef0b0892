using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace Qingshan.Tests.Audit;

/// <summary>
/// An independent, deliberately naive RFC 6962 §2.1 / RFC 9162 §2.1.3.1, §2.1.4.1 implementation: the
/// recursive definitions over leaf data, written from the RFC text and sharing no code with
/// Qingshan.Audit (hashing goes straight to the BCL and BouncyCastle). Used only to cross-check.
/// </summary>
internal static class ReferenceMerkle
{
    public static byte[] Hash(bool sm3, byte[] data)
    {
        if (!sm3)
        {
            return SHA256.HashData(data);
        }

        var digest = new SM3Digest();
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }

    /// <summary>MTH(D[n]).</summary>
    public static byte[] Mth(bool sm3, IReadOnlyList<byte[]> d)
    {
        var n = d.Count;
        if (n == 0)
        {
            return Hash(sm3, []);
        }

        if (n == 1)
        {
            return Hash(sm3, [0x00, .. d[0]]);
        }

        var k = K(n);
        return Hash(sm3, [0x01, .. Mth(sm3, Slice(d, 0, k)), .. Mth(sm3, Slice(d, k, n))]);
    }

    /// <summary>PATH(m, D[n]).</summary>
    public static List<byte[]> Path(bool sm3, int m, IReadOnlyList<byte[]> d)
    {
        var n = d.Count;
        if (n == 1)
        {
            return [];
        }

        var k = K(n);
        return m < k
            ? [.. Path(sm3, m, Slice(d, 0, k)), Mth(sm3, Slice(d, k, n))]
            : [.. Path(sm3, m - k, Slice(d, k, n)), Mth(sm3, Slice(d, 0, k))];
    }

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true).</summary>
    public static List<byte[]> Proof(bool sm3, int m, IReadOnlyList<byte[]> d) => SubProof(sm3, m, d, true);

    private static List<byte[]> SubProof(bool sm3, int m, IReadOnlyList<byte[]> d, bool b)
    {
        var n = d.Count;
        if (m == n)
        {
            return b ? [] : [Mth(sm3, d)];
        }

        var k = K(n);
        return m <= k
            ? [.. SubProof(sm3, m, Slice(d, 0, k), b), Mth(sm3, Slice(d, k, n))]
            : [.. SubProof(sm3, m - k, Slice(d, k, n), false), Mth(sm3, Slice(d, 0, k))];
    }

    /// <summary>The largest power of two smaller than n, found by doubling as the RFC states it.</summary>
    private static int K(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    private static byte[][] Slice(IReadOnlyList<byte[]> d, int from, int to) => [.. d.Skip(from).Take(to - from)];
}
