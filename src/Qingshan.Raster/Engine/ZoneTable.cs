using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Qingshan.Raster.Engine;

/// <summary>
/// Per-thread zone sums, indexed by zone id: [count, channel 0, channel 1 …] per zone, as doubles.
/// Grows on demand up to <see cref="MaxZoneId"/>; memory is (channels + 1) × 8 bytes × max id.
/// </summary>
internal sealed class ZoneTable(int channels)
{
    public const int MaxZoneId = 16_777_215;

    private readonly int stride = channels + 1;
    private double[] data = new double[(channels + 1) * 1024];

    public int Channels { get; } = channels;

    public int Capacity => data.Length / stride;

    public double[] Data => data;

    public int Stride => stride;

    /// <summary>
    /// Run-length pass over one row segment: while the zone id repeats the channel values are summed in
    /// registers (double lanes), and the table is touched once per run instead of once per pixel (see
    /// PERF-BASELINES 2.1). <paramref name="z"/> must hold a sentinel (-1) at [n, n+16), and every channel
    /// array must have 16 readable floats past n. Returns the first zone id that is too large, or 0.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Accumulate(int[] z, float[][] ch, int n)
    {
        ref int zr = ref MemoryMarshal.GetArrayDataReference(z);
        int i = 0;
        while (i < n)
        {
            int zone = Unsafe.Add(ref zr, i);
            int j = i + 1;
            if (Vector512.IsHardwareAccelerated)
            {
                var zb = Vector512.Create(zone);
                while (true)
                {
                    ulong eq = Vector512.Equals(Vector512.LoadUnsafe(ref zr, (nuint)j), zb).ExtractMostSignificantBits();
                    if (eq == 0xFFFF)
                    {
                        j += 16;
                        continue;
                    }

                    j += BitOperations.TrailingZeroCount(~eq);
                    break;
                }
            }
            else
            {
                while (Unsafe.Add(ref zr, j) == zone)
                {
                    j++;
                }
            }

            if (zone > 0)
            {
                if (zone >= Capacity && !Grow(zone))
                {
                    return zone;
                }

                ref double row = ref data[zone * stride];
                row += j - i;
                int c = 0;
                for (; c + 1 < ch.Length; c += 2)
                {
                    var (s0, s1) = SumRange2(ch[c], ch[c + 1], i, j);
                    Unsafe.Add(ref row, c + 1) += s0;
                    Unsafe.Add(ref row, c + 2) += s1;
                }

                if (c < ch.Length)
                {
                    Unsafe.Add(ref row, c + 1) += SumRange(ch[c], i, j);
                }
            }

            i = j;
        }

        return 0;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization | System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static double SumRange(float[] a, int i, int j)
    {
        ref float ar = ref MemoryMarshal.GetArrayDataReference(a);
        if (!Vector512.IsHardwareAccelerated)
        {
            double s = 0;
            for (int k = i; k < j; k++)
            {
                s += Unsafe.Add(ref ar, k);
            }

            return s;
        }

        var acc0 = Vector512<double>.Zero;
        var acc1 = Vector512<double>.Zero;
        int m = i;
        for (; m + 16 <= j; m += 16)
        {
            var (lo, hi) = Vector512.Widen(Vector512.LoadUnsafe(ref ar, (nuint)m));
            acc0 += lo;
            acc1 += hi;
        }

        if (m < j)
        {
            // Tail: a full load past the run (arrays are padded), with the lanes beyond it zeroed.
            var keep = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(j - m)).AsSingle();
            var (lo, hi) = Vector512.Widen(Vector512.LoadUnsafe(ref ar, (nuint)m) & keep);
            acc0 += lo;
            acc1 += hi;
        }

        return Vector512.Sum(acc0 + acc1);
    }

    /// <summary>Two channels over the same run in one pass (one loop, shared tail mask).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization | System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static (double, double) SumRange2(float[] a, float[] b, int i, int j)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return (SumRange(a, i, j), SumRange(b, i, j));
        }

        ref float ar = ref MemoryMarshal.GetArrayDataReference(a);
        ref float br = ref MemoryMarshal.GetArrayDataReference(b);
        var a0 = Vector512<double>.Zero;
        var a1 = Vector512<double>.Zero;
        var b0 = Vector512<double>.Zero;
        var b1 = Vector512<double>.Zero;
        int m = i;
        for (; m + 16 <= j; m += 16)
        {
            var (alo, ahi) = Vector512.Widen(Vector512.LoadUnsafe(ref ar, (nuint)m));
            var (blo, bhi) = Vector512.Widen(Vector512.LoadUnsafe(ref br, (nuint)m));
            a0 += alo;
            a1 += ahi;
            b0 += blo;
            b1 += bhi;
        }

        if (m < j)
        {
            var keep = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(j - m)).AsSingle();
            var (alo, ahi) = Vector512.Widen(Vector512.LoadUnsafe(ref ar, (nuint)m) & keep);
            var (blo, bhi) = Vector512.Widen(Vector512.LoadUnsafe(ref br, (nuint)m) & keep);
            a0 += alo;
            a1 += ahi;
            b0 += blo;
            b1 += bhi;
        }

        return (Vector512.Sum(a0 + a1), Vector512.Sum(b0 + b1));
    }

    private bool Grow(int zone)
    {
        if (zone > MaxZoneId)
        {
            return false;
        }

        int cap = Capacity;
        while (cap <= zone)
        {
            cap *= 2;
        }

        Array.Resize(ref data, Math.Min(cap, MaxZoneId + 1) * stride);
        return true;
    }

    public void AddTo(ZoneTable target)
    {
        if (target.Capacity < Capacity)
        {
            target.Grow(Capacity - 1);
        }

        var src = data.AsSpan();
        var dst = target.data.AsSpan(0, src.Length);
        for (int k = 0; k < src.Length; k++)
        {
            dst[k] += src[k];
        }
    }
}
