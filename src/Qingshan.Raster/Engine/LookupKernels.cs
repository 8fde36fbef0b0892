using Qingshan.Kernel;

namespace Qingshan.Raster.Engine;

/// <summary>Shared nodata test for int layers.</summary>
internal readonly record struct IntNoData(bool Has, int Value)
{
    public static IntNoData Of(double? nd) =>
        nd is double d && !double.IsNaN(d) && d >= int.MinValue && d <= int.MaxValue ? new(true, (int)d) : new(false, 0);

    public bool Is(int v) => Has && v == Value;
}

/// <summary>Shared nodata test for float layers (NaN nodata means NaN pixels are nodata).</summary>
internal readonly record struct FloatNoData(bool IsNaN, float Value)
{
    public static FloatNoData Of(double? nd) =>
        nd is double d ? (double.IsNaN(d) ? new(true, float.NaN) : new(false, (float)d)) : new(false, float.NaN);

    public bool Is(float v) => IsNaN ? float.IsNaN(v) : v == Value;
}

/// <summary>
/// Carbon stock by land-use class (method 3.9 (c), InVEST 5.3): per pixel, the class's carbon density
/// (Mg C/hm², all pools) × pixel area (hm²). Int layers: 0 zones, 1 land use. Channel: Mg C.
/// Output (optional): Mg C per pixel. A land-use class with no density refuses the run.
/// </summary>
internal sealed class CarbonKernel(LayerSource zones, LayerSource landUse, float[] mgPerPixelByClass, bool output) : ZonalKernel
{
    private readonly IntNoData zoneNd = IntNoData.Of(zones.NoData);
    private readonly IntNoData luNd = IntNoData.Of(landUse.NoData);

    public override int ChannelCount => 1;

    public override int OutputCount => output ? 1 : 0;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override int ComputeRow(float[][] f, int[][] ints, int offset, int n, int[] z, float[][] ch, float[][] outs, int outOffset)
    {
        var zin = ints[0].AsSpan(offset, n);
        var lu = ints[1].AsSpan(offset, n);
        var c0 = ch[0];
        for (int i = 0; i < n; i++)
        {
            int cls = lu[i];
            bool valid = !luNd.Is(cls);
            float v = 0;
            if (valid)
            {
                if ((uint)cls >= (uint)mgPerPixelByClass.Length || float.IsNaN(mgPerPixelByClass[cls]))
                {
                    return i;
                }

                v = mgPerPixelByClass[cls];
            }

            c0[i] = v;
            int zone = zin[i];
            z[i] = valid && zone > 0 && !zoneNd.Is(zone) ? zone : 0;
            if (output)
            {
                outs[0][outOffset + i] = valid ? v : OutputNoData;
            }
        }

        return -1;
    }

    public override Error DescribeInvalid(float[][] f, int[][] ints, int index, int row, int column) =>
        RasterErrors.InvalidValue(landUse.Name, row, column, ints[1][index], "该土地利用类别没有碳密度参数");
}

/// <summary>
/// Water conservation by water balance (method 3.2): per pixel Q = P − P·α(class) − ET in mm, clamped
/// at 0 (clamped pixels are counted). Float layers: 0 precipitation, 1 evapotranspiration (mm/a);
/// int layers: 0 zones, 1 land use. Channels: Q (mm), clamped pixel count. Output (optional): Q in mm.
/// </summary>
internal sealed class WaterYieldKernel(IReadOnlyList<LayerSource> layers, float[] runoffByClass, bool output) : ZonalKernel
{
    private readonly FloatNoData pNd = FloatNoData.Of(layers[0].NoData);
    private readonly FloatNoData etNd = FloatNoData.Of(layers[1].NoData);
    private readonly IntNoData zoneNd = IntNoData.Of(layers[2].NoData);
    private readonly IntNoData luNd = IntNoData.Of(layers[3].NoData);

    public override int ChannelCount => 2;

    public override int OutputCount => output ? 1 : 0;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override int ComputeRow(float[][] f, int[][] ints, int offset, int n, int[] z, float[][] ch, float[][] outs, int outOffset)
    {
        var p = f[0].AsSpan(offset, n);
        var et = f[1].AsSpan(offset, n);
        var zin = ints[0].AsSpan(offset, n);
        var lu = ints[1].AsSpan(offset, n);
        for (int i = 0; i < n; i++)
        {
            bool valid = !pNd.Is(p[i]) && !etNd.Is(et[i]) && !luNd.Is(lu[i]);
            float q = 0, clamped = 0;
            if (valid)
            {
                if (Rule(p[i], et[i], lu[i]) is not null)
                {
                    return i;
                }

                float alpha = runoffByClass[lu[i]];
                q = p[i] - (p[i] * alpha) - et[i];
                if (q < 0)
                {
                    q = 0;
                    clamped = 1;
                }
            }

            ch[0][i] = q;
            ch[1][i] = clamped;
            int zone = zin[i];
            z[i] = valid && zone > 0 && !zoneNd.Is(zone) ? zone : 0;
            if (output)
            {
                outs[0][outOffset + i] = valid ? q : OutputNoData;
            }
        }

        return -1;
    }

    private (int Layer, double Value, string Rule)? Rule(float p, float et, int cls)
    {
        if (!float.IsFinite(p) || p < 0)
        {
            return (0, p, "降水量必须为非负有限数值");
        }

        if (!float.IsFinite(et) || et < 0)
        {
            return (1, et, "蒸散发量必须为非负有限数值");
        }

        if ((uint)cls >= (uint)runoffByClass.Length || float.IsNaN(runoffByClass[cls]))
        {
            return (3, cls, "该土地利用类别没有径流系数参数");
        }

        return null;
    }

    public override Error DescribeInvalid(float[][] f, int[][] ints, int index, int row, int column)
    {
        var broken = Rule(f[0][index], f[1][index], ints[1][index]) ?? throw new InvalidOperationException("No rule broken.");
        return RasterErrors.InvalidValue(layers[broken.Layer].Name, row, column, broken.Value, broken.Rule);
    }
}
