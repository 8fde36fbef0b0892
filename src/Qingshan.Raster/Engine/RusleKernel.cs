using System.Reflection;
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
    private readonly Vector512<float>[] noDataVectors;
    private readonly bool anyNaNNoData;
    private readonly CoreLoop core;

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
        noDataVectors = [.. noData.Select(Vector512.Create)];
        anyNaNNoData = noDataIsNaN.Any(b => b);
        var flags = noData.Select(v => float.IsNaN(v) ? typeof(No) : typeof(Yes)).ToArray();
        core = typeof(RusleKernel).GetMethod(nameof(Core), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(flags).CreateDelegate<CoreLoop>();
        OutputCount = outputSlots.Count(s => s >= 0);
    }

    private delegate Vector512<uint> CoreLoop(ref float r, ref float k, ref float ls, ref float c, ref float p, ref int zin,
        ref float pot, ref float act, ref int zout, int n, Vector512<float>[] nd, int zoneNoData);

    /// <summary>Compile-time switch for the generic specialisation of <see cref="Core"/>.</summary>
    internal interface IFlag
    {
        static abstract bool On { get; }
    }

    internal struct Yes : IFlag
    {
        public static bool On => true;
    }

    internal struct No : IFlag
    {
        public static bool On => false;
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
        if (Vector512.IsHardwareAccelerated && !anyNaNNoData)
        {
            i = n & ~15;
            var bad = core(ref r, ref k, ref ls, ref c, ref p, ref zin, ref pot, ref act, ref zout, i, noDataVectors, hasZoneNoData ? zoneNoData : 0);
            if (bad != Vector512<uint>.Zero)
            {
                for (int m = 0; m < i; m++)
                {
                    if (IsInvalid(f, offset + m))
                    {
                        return m;
                    }
                }
            }

            if (OutputCount > 0)
            {
                WriteOutputs(f, offset, i, ch, outs, outOffset);
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



    /// <summary>
    /// The vector loop, kept small and branch-free so the JIT holds everything in registers: nodata by
    /// comparison (a layer without nodata compares against NaN, never equal), the domain check on bit
    /// patterns, pot and act stored for the run-length pass, the zone id or 0 stored per pixel.
    /// Returns the lanes that broke the domain rule (any non-zero lane: re-check exactly).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector512<uint> Core<TR, TK, TLS, TC, TP>(ref float r, ref float k, ref float ls, ref float c, ref float p, ref int zin,
        ref float pot, ref float act, ref int zout, int n, Vector512<float>[] nd, int zoneNoData)
        where TR : struct, IFlag
        where TK : struct, IFlag
        where TLS : struct, IFlag
        where TC : struct, IFlag
        where TP : struct, IFlag
    {
        var ndR = nd[0];
        var ndK = nd[1];
        var ndLS = nd[2];
        var ndC = nd[3];
        var ndP = nd[4];
        var zNd = Vector512.Create(zoneNoData);

        // A float is finite and ≥ +0 iff its bits are ≤ 0x7F7FFFFF as unsigned, and in [+0, 1] iff
        // ≤ 0x3F800000; NaN and negatives (sign bit set) are larger. -0.0 is flagged though valid:
        // the exact scalar re-check lets it through.
        var maxFinite = Vector512.Create(0x7F7FFFFFu);
        var maxOne = Vector512.Create(0x3F800000u);
        var bad = Vector512<uint>.Zero;
        for (nuint i = 0; i < (nuint)n; i += 16)
        {
            var vr = Vector512.LoadUnsafe(ref r, i);
            var vk = Vector512.LoadUnsafe(ref k, i);
            var vls = Vector512.LoadUnsafe(ref ls, i);
            var vc = Vector512.LoadUnsafe(ref c, i);
            var vp = Vector512.LoadUnsafe(ref p, i);
            var vz = Vector512.LoadUnsafe(ref zin, i);
            // Specialised per layer: only layers that have nodata are compared (usually just R).
            var isNoData = Vector512<float>.Zero;
            if (TR.On)
            {
                isNoData |= Vector512.Equals(vr, ndR);
            }

            if (TK.On)
            {
                isNoData |= Vector512.Equals(vk, ndK);
            }

            if (TLS.On)
            {
                isNoData |= Vector512.Equals(vls, ndLS);
            }

            if (TC.On)
            {
                isNoData |= Vector512.Equals(vc, ndC);
            }

            if (TP.On)
            {
                isNoData |= Vector512.Equals(vp, ndP);
            }

            var u1 = Vector512.Max(Vector512.Max(vr.AsUInt32(), vk.AsUInt32()), vls.AsUInt32());
            var u2 = Vector512.Max(vc.AsUInt32(), vp.AsUInt32());
            var broken = Vector512.GreaterThan(u1, maxFinite) | Vector512.GreaterThan(u2, maxOne);
            bad |= Vector512.AndNot(broken, isNoData.AsUInt32());

            var vpot = vr * vk * vls;
            (vpot * vc * vp).StoreUnsafe(ref act, i);
            vpot.StoreUnsafe(ref pot, i);

            var skip = isNoData.AsInt32() | Vector512.LessThanOrEqual(vz, Vector512<int>.Zero) | Vector512.Equals(vz, zNd);
            Vector512.AndNot(vz, skip).StoreUnsafe(ref zout, i);
        }

        return bad;
    }

    /// <summary>Per-pixel result rasters for the vector part: nodata where any factor is nodata.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteOutputs(float[][] f, int offset, int n, float[][] ch, float[][] outs, int outOffset)
    {
        var nd = noDataVectors;
        var outNd = Vector512.Create(OutputNoData);
        for (int i = 0; i < n; i += 16)
        {
            var isNoData = Vector512.Equals(Vector512.LoadUnsafe(ref f[0][offset + i]), nd[0])
                | Vector512.Equals(Vector512.LoadUnsafe(ref f[1][offset + i]), nd[1])
                | Vector512.Equals(Vector512.LoadUnsafe(ref f[2][offset + i]), nd[2])
                | Vector512.Equals(Vector512.LoadUnsafe(ref f[3][offset + i]), nd[3])
                | Vector512.Equals(Vector512.LoadUnsafe(ref f[4][offset + i]), nd[4]);
            var vpot = Vector512.LoadUnsafe(ref ch[0][i]);
            var vact = Vector512.LoadUnsafe(ref ch[1][i]);
            if (outputSlots[0] >= 0)
            {
                Vector512.ConditionalSelect(isNoData, outNd, vpot).StoreUnsafe(ref outs[outputSlots[0]][outOffset + i]);
            }

            if (outputSlots[1] >= 0)
            {
                Vector512.ConditionalSelect(isNoData, outNd, vact).StoreUnsafe(ref outs[outputSlots[1]][outOffset + i]);
            }

            if (outputSlots[2] >= 0)
            {
                Vector512.ConditionalSelect(isNoData, outNd, vpot - vact).StoreUnsafe(ref outs[outputSlots[2]][outOffset + i]);
            }
        }
    }

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
