using Qingshan.Kernel;
using Qingshan.Raster.Engine;

namespace Qingshan.Raster;

/// <summary>Per-pixel result rasters a RUSLE run may write (float32 GeoTIFF, nodata <see cref="RasterModels.OutputNoData"/>).</summary>
public sealed record RusleOutputs(string? PotentialPath = null, string? ActualPath = null, string? RetentionPath = null);

/// <summary>The six RUSLE inputs; every layer must share CRS, grid and extent (checked when the run starts).</summary>
public sealed record RusleInputs(GeoTiffRaster R, GeoTiffRaster K, GeoTiffRaster LS, GeoTiffRaster C, GeoTiffRaster P, ZoneLayer Zones) : IDisposable
{
    /// <summary>Opens the five factor GeoTIFFs and a zone GeoTIFF; the first refusal names its layer.</summary>
    public static Result<RusleInputs> Open(string r, string k, string ls, string c, string p, string zones)
    {
        var opened = new List<GeoTiffRaster>();
        foreach (var (path, name) in new[] { (r, "R"), (k, "K"), (ls, "LS"), (c, "C"), (p, "P"), (zones, "zones") })
        {
            var layer = GeoTiffRaster.Open(path, name);
            if (layer.IsFailure)
            {
                opened.ForEach(l => l.Dispose());
                return layer.Error!;
            }

            opened.Add(layer.Value);
        }

        return new RusleInputs(opened[0], opened[1], opened[2], opened[3], opened[4], ZoneLayer.FromRaster(opened[5]));
    }

    /// <summary>Closes the factor files and, when the zones come from a GeoTIFF, that file too.</summary>
    public void Dispose()
    {
        R.Dispose();
        K.Dispose();
        LS.Dispose();
        C.Dispose();
        P.Dispose();
        Zones.Source.Raster?.Dispose();
    }
}

/// <summary>
/// Entry points for the accounting module and the CLI. Each run streams its inputs tile by tile (or
/// band by band for stripped files) on <c>maxThreads</c> cores and returns per-zone sums, or a refusal
/// naming the layer: grid or CRS mismatch, undecodable block, or a pixel outside the factor's domain.
/// </summary>
public static class RasterModels
{
    /// <summary>Nodata of every result raster.</summary>
    public const float OutputNoData = -9999f;

    /// <summary>
    /// RUSLE (method 3.3): potential = R·K·LS, actual = potential·C·P, retention = potential − actual,
    /// per pixel in float32, summed per zone in double. A pixel is skipped when any factor is nodata,
    /// and is not summed when its zone is 0, negative or nodata. R, K, LS must be finite and ≥ 0;
    /// C and P in [0, 1].
    /// </summary>
    public static Result<RusleResult> RunRusle(RusleInputs inputs, RusleOutputs? outputs = null, int? maxThreads = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        outputs ??= new RusleOutputs();
        var floats = new[] { inputs.R, inputs.K, inputs.LS, inputs.C, inputs.P }.Select(LayerSource.Of).ToList();
        var ints = new List<LayerSource> { inputs.Zones.Source };
        string?[] paths = [outputs.PotentialPath, outputs.ActualPath, outputs.RetentionPath];
        var slots = new int[3];
        int next = 0;
        for (int k = 0; k < 3; k++)
        {
            slots[k] = paths[k] is null ? -1 : next++;
        }

        var kernel = new RusleKernel([.. floats, .. ints], slots);
        var sums = ZonalEngine.Run(kernel, floats, ints, [.. paths.Where(p => p is not null)], maxThreads ?? Environment.ProcessorCount);
        return sums.Map(s => ToRusle(s, inputs.R.Grid));
    }

    internal static RusleResult ToRusle(ZoneSums s, RasterGrid grid)
    {
        var zones = new RusleZone[s.ZoneIds.Length];
        for (int k = 0; k < zones.Length; k++)
        {
            zones[k] = new RusleZone(s.ZoneIds[k], s.Counts[k], s.Get(k, 0), s.Get(k, 1), s.Get(k, 0) - s.Get(k, 1), grid.PixelAreaHectares);
        }

        return new RusleResult(grid, zones);
    }

    /// <summary>
    /// Carbon stock by land-use class (method 3.9 (c) / InVEST 5.3): Σ density(class) × pixel area per
    /// zone. <paramref name="densityMgPerHectare"/> maps class → Mg C/hm² (all pools); a class found on a
    /// counted pixel without a density refuses the run. Land-use nodata pixels are skipped.
    /// </summary>
    public static Result<CarbonResult> RunCarbon(GeoTiffRaster landUse, ZoneLayer zones, IReadOnlyDictionary<int, double> densityMgPerHectare,
        string? carbonOutputPath = null, int? maxThreads = null)
    {
        ArgumentNullException.ThrowIfNull(landUse);
        ArgumentNullException.ThrowIfNull(zones);
        var lut = BuildLookup(densityMgPerHectare, v => v >= 0 && double.IsFinite(v), nameof(densityMgPerHectare), landUse.Grid.PixelAreaHectares);
        var lu = LayerSource.Of(landUse);
        var kernel = new CarbonKernel(zones.Source, lu, lut, carbonOutputPath is not null);
        var sums = ZonalEngine.Run(kernel, [], [zones.Source, lu], carbonOutputPath is null ? [] : [carbonOutputPath], maxThreads ?? Environment.ProcessorCount);
        return sums.Map(s => new CarbonResult(landUse.Grid,
            [.. s.ZoneIds.Select((id, k) => new CarbonZone(id, s.Counts[k], s.Get(k, 0)))]));
    }

    /// <summary>
    /// Water conservation by water balance (method 3.2): per pixel max(P − P·α − ET, 0) mm with α the
    /// runoff coefficient of the pixel's land-use class, summed per zone and converted to m³/a with the
    /// pixel area. P and ET must be finite and ≥ 0; α in [0, 1]. (InVEST's Budyko water yield, 5.2, is
    /// not implemented.)
    /// </summary>
    public static Result<WaterYieldResult> RunWaterYield(GeoTiffRaster precipitation, GeoTiffRaster evapotranspiration, GeoTiffRaster landUse,
        ZoneLayer zones, IReadOnlyDictionary<int, double> runoffCoefficient, string? depthOutputPath = null, int? maxThreads = null)
    {
        ArgumentNullException.ThrowIfNull(precipitation);
        ArgumentNullException.ThrowIfNull(evapotranspiration);
        ArgumentNullException.ThrowIfNull(landUse);
        ArgumentNullException.ThrowIfNull(zones);
        var lut = BuildLookup(runoffCoefficient, v => v is >= 0 and <= 1, nameof(runoffCoefficient), 1.0);
        var floats = new List<LayerSource> { LayerSource.Of(precipitation), LayerSource.Of(evapotranspiration) };
        var ints = new List<LayerSource> { zones.Source, LayerSource.Of(landUse) };
        var kernel = new WaterYieldKernel([.. floats, .. ints], lut, depthOutputPath is not null);
        var sums = ZonalEngine.Run(kernel, floats, ints, depthOutputPath is null ? [] : [depthOutputPath], maxThreads ?? Environment.ProcessorCount);
        double m3PerMm = precipitation.Grid.PixelAreaSquareMetres * 0.001;
        return sums.Map(s => new WaterYieldResult(precipitation.Grid,
            [.. s.ZoneIds.Select((id, k) => new WaterYieldZone(id, s.Counts[k], s.Get(k, 0), s.Get(k, 0) * m3PerMm, (long)s.Get(k, 1)))]));
    }

    private static float[] BuildLookup(IReadOnlyDictionary<int, double> map, Func<double, bool> isValid, string name, double scale)
    {
        ArgumentNullException.ThrowIfNull(map);
        int max = map.Count == 0 ? -1 : map.Keys.Max();
        if (map.Keys.Any(k => k < 0) || max > 65_535)
        {
            throw new ArgumentException("Land-use classes must be in 0..65535.", name);
        }

        var lut = new float[max + 1];
        Array.Fill(lut, float.NaN);
        foreach (var (cls, v) in map)
        {
            if (!isValid(v))
            {
                throw new ArgumentException($"Parameter for class {cls} is out of range: {v}.", name);
            }

            lut[cls] = (float)(v * scale);
        }

        return lut;
    }
}
