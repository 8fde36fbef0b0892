using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Qingshan.Kernel;

namespace Qingshan.Raster.Engine;

/// <summary>
/// RUSLE per pixel, in float32 in the anchor's order (numpy: pot = (R·K)·LS, act = (pot·C)·P,
/// ret = pot − act), so per-pixel values equal GDAL+numpy's bit for bit and only the (double)
/// summation order differs. Float layers: R, K, LS, C, P; int layer 0: zones.
/// A pixel counts when no factor is nodata; it is summed when also its zone id is &gt; 0 and not nodata.
/// Counted pixels must have finite R, K, LS ≥ 0 and C, P in [0, 1], else the run is refused.
/// Channels: potential, actual (retention per zone is their difference, taken in double, which is
/// closer to the exact value than summing float32 differences). Outputs (optional, by index): potential, actual, retention.
/// </summary>
internal sealed class RusleKernel : ZonalKernel
{
    private static readonly string[] FactorNames = ["R", "K", "LS", "C", "P"];
    private readonly float[] noData = new float[5];
    private readonly bool[] noDataIsNaN = new bool[5];
    private readonly string[] layerNames;
    private readonly int zoneNoData;
    private readonly bool hasZoneNoData;
    private readonly int[] outputSlots;

    /// <param name="layers">R, K, LS, C, P, zones (names and nodata).</param>
    /// <param name="outputSlots">For potential, actual, retention: the output index, or -1 for none.</param>
    public RusleKernel(IReadOnlyList<LayerSource> layers, int[] outputSlots)
    {
        layerNames = [.. layers.Select(l => l.Name)];
        for (int l = 0; l < 5; l++)
        {
            // A layer without nodata compares against NaN, which never matches; NaN nodata is handled apart.
            double? nd = layers[l].NoData;
            noDataIsNaN[l] = nd is double d && double.IsNaN(d);
            noData[l] = nd is double v && !double.IsNaN(v) ? (float)v : float.NaN;
        }

        if (layers[5].NoData is double z && !double.IsNaN(z) && z >= int.MinValue && z <= int.MaxValue)
        {
            hasZoneNoData = true;
            zoneNoData = (int)z;
        }

        this.outputSlots = outputSlots;
        OutputCount = outputSlots.Count(s => s >= 0);
    }

    public override int ChannelCount => 2;

    public override int OutputCount { get; }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override int ComputeRow(float[][] f, int[][] ints, int offset, int n, int[] z, float[][] ch, float[][] outs, int outOffset)
    {
        ref float r = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(f[0]), offset);
        ref float k = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(f[1]), offset);
        ref float ls = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(f[2]), offset);
        ref float c = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(f[3]), offset);
        ref float p = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(f[4]), offset);
        ref int zin = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ints[0]), offset);
        ref float pot = ref MemoryMarshal.GetArrayDataReference(ch[0]);
        ref float act = ref MemoryMarshal.GetArrayDataReference(ch[1]);
        ref int zout = ref MemoryMarshal.GetArrayDataReference(z);
        int potSlot = outputSlots[0], actSlot = outputSlots[1], retSlot = outputSlots[2];
        bool anyOut = OutputCount > 0;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var ndR = Vector512.Create(noData[0]);
            var ndK = Vector512.Create(noData[1]);
            var ndLS = Vector512.Create(noData[2]);
            var ndC = Vector512.Create(noData[3]);
            var ndP = Vector512.Create(noData[4]);
            var nanOkR = NanIsValue(0);
            var nanOkK = NanIsValue(1);
            var nanOkLS = NanIsValue(2);
            var nanOkC = NanIsValue(3);
            var nanOkP = NanIsValue(4);
            var zero = Vector512<float>.Zero;
            var one = Vector512<float>.One;
            var max = Vector512.Create(float.MaxValue);
            var zNd = Vector512.Create(hasZoneNoData ? zoneNoData : 0);
            var outNd = Vector512.Create(OutputNoData);
            var bad = Vector512<float>.Zero;
            for (; i + 16 <= n; i += 16)
            {
                var vr = Vector512.LoadUnsafe(ref r, (nuint)i);
                var vk = Vector512.LoadUnsafe(ref k, (nuint)i);
                var vls = Vector512.LoadUnsafe(ref ls, (nuint)i);
                var vc = Vector512.LoadUnsafe(ref c, (nuint)i);
                var vp = Vector512.LoadUnsafe(ref p, (nuint)i);
                var vz = Vector512.LoadUnsafe(ref zin, (nuint)i);

                var valid = ~Vector512.Equals(vr, ndR) & (Vector512.Equals(vr, vr) | nanOkR);
                valid &= ~Vector512.Equals(vk, ndK) & (Vector512.Equals(vk, vk) | nanOkK);
                valid &= ~Vector512.Equals(vls, ndLS) & (Vector512.Equals(vls, vls) | nanOkLS);
                valid &= ~Vector512.Equals(vc, ndC) & (Vector512.Equals(vc, vc) | nanOkC);
                valid &= ~Vector512.Equals(vp, ndP) & (Vector512.Equals(vp, vp) | nanOkP);

                // NaN fails every comparison, so it is caught here too.
                var ok = Vector512.GreaterThanOrEqual(vr, zero) & Vector512.LessThanOrEqual(vr, max)
                    & Vector512.GreaterThanOrEqual(vk, zero) & Vector512.LessThanOrEqual(vk, max)
                    & Vector512.GreaterThanOrEqual(vls, zero) & Vector512.LessThanOrEqual(vls, max)
                    & Vector512.GreaterThanOrEqual(vc, zero) & Vector512.LessThanOrEqual(vc, one)
                    & Vector512.GreaterThanOrEqual(vp, zero) & Vector512.LessThanOrEqual(vp, one);
                bad |= Vector512.AndNot(valid, ok);

                var vpot = vr * vk * vls;
                var vact = vpot * vc * vp;
                var vret = vpot - vact;
                vpot.StoreUnsafe(ref pot, (nuint)i);
                vact.StoreUnsafe(ref act, (nuint)i);

                var zValid = valid.AsInt32() & Vector512.GreaterThan(vz, Vector512<int>.Zero);
                if (hasZoneNoData)
                {
                    zValid &= ~Vector512.Equals(vz, zNd);
                }

                (vz & zValid).StoreUnsafe(ref zout, (nuint)i);

                if (anyOut)
                {
                    if (potSlot >= 0)
                    {
                        Vector512.ConditionalSelect(valid, vpot, outNd).StoreUnsafe(ref outs[potSlot][0], (nuint)(outOffset + i));
                    }

                    if (actSlot >= 0)
                    {
                        Vector512.ConditionalSelect(valid, vact, outNd).StoreUnsafe(ref outs[actSlot][0], (nuint)(outOffset + i));
                    }

                    if (retSlot >= 0)
                    {
                        Vector512.ConditionalSelect(valid, vret, outNd).StoreUnsafe(ref outs[retSlot][0], (nuint)(outOffset + i));
                    }
                }
            }

            if (bad != Vector512<float>.Zero)
            {
                for (int m = 0; m < i; m++)
                {
                    if (IsInvalid(f, offset + m))
                    {
                        return m;
                    }
                }
            }
        }

        for (; i < n; i++)
        {
            int at = offset + i;
            bool valid = IsCounted(f, at);
            if (valid && IsInvalid(f, at))
            {
                return i;
            }

            float vpot = Unsafe.Add(ref r, i) * Unsafe.Add(ref k, i) * Unsafe.Add(ref ls, i);
            float vact = vpot * Unsafe.Add(ref c, i) * Unsafe.Add(ref p, i);
            float vret = vpot - vact;
            Unsafe.Add(ref pot, i) = vpot;
            Unsafe.Add(ref act, i) = vact;
            int zone = Unsafe.Add(ref zin, i);
            Unsafe.Add(ref zout, i) = valid && zone > 0 && !(hasZoneNoData && zone == zoneNoData) ? zone : 0;
            if (potSlot >= 0)
            {
                outs[potSlot][outOffset + i] = valid ? vpot : OutputNoData;
            }

            if (actSlot >= 0)
            {
                outs[actSlot][outOffset + i] = valid ? vact : OutputNoData;
            }

            if (retSlot >= 0)
            {
                outs[retSlot][outOffset + i] = valid ? vret : OutputNoData;
            }
        }

        return -1;
    }

    private Vector512<float> NanIsValue(int layer) => noDataIsNaN[layer] ? Vector512<float>.Zero : Vector512<float>.AllBitsSet;

    private bool IsCounted(float[][] f, int at)
    {
        for (int l = 0; l < 5; l++)
        {
            float v = f[l][at];
            if (noDataIsNaN[l] ? float.IsNaN(v) : v == noData[l])
            {
                return false;
            }
        }

        return true;
    }

    private bool IsInvalid(float[][] f, int at) => IsCounted(f, at) && FirstRuleBroken(f, at) is not null;

    private (int Layer, string Rule)? FirstRuleBroken(float[][] f, int at)
    {
        for (int l = 0; l < 5; l++)
        {
            float v = f[l][at];
            if (float.IsNaN(v))
            {
                return (l, "不是数值（NaN）");
            }

            if (float.IsInfinity(v))
            {
                return (l, "不是有限数值");
            }

            if (l >= 3 && (v < 0 || v > 1))
            {
                return (l, FactorNames[l] + " 因子必须在 0 到 1 之间");
            }

            if (v < 0)
            {
                return (l, FactorNames[l] + " 因子不能为负");
            }
        }

        return null;
    }

    public override Error DescribeInvalid(float[][] f, int[][] ints, int index, int row, int column)
    {
        var broken = FirstRuleBroken(f, index) ?? throw new InvalidOperationException("Pixel reported invalid but no rule is broken.");
        return RasterErrors.InvalidValue(layerNames[broken.Layer], row, column, f[broken.Layer][index], broken.Rule);
    }
}
