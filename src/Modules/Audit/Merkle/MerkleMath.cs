using System.Numerics;

namespace Qingshan.Audit.Merkle;

internal static class MerkleMath
{
    /// <summary>RFC 6962's k: the largest power of two strictly smaller than <paramref name="n"/> (n ≥ 2).</summary>
    public static long SplitPoint(long n)
    {
        if (n < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "a split needs at least two leaves");
        }

        return 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));
    }

    public static bool IsPowerOfTwo(long n) => n > 0 && (n & (n - 1)) == 0;

    /// <summary>⌈log2 n⌉ for n ≥ 1.</summary>
    public static int CeilLog2(long n) => n <= 1 ? 0 : 64 - BitOperations.LeadingZeroCount((ulong)(n - 1));
}
