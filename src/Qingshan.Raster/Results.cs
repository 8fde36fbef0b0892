namespace Qingshan.Raster;

/// <summary>
/// RUSLE sums for one zone. The sums are of per-pixel rates in t/(hm²·a), as GIS tools report them;
/// the *Tonnes properties multiply by the pixel area to give t/a (method 3.3: Q_sr = Σ A_c × area).
/// </summary>
public sealed record RusleZone(int ZoneId, long PixelCount, double PotentialSum, double ActualSum, double RetentionSum, double PixelAreaHectares)
{
    public double PotentialTonnes => PotentialSum * PixelAreaHectares;

    public double ActualTonnes => ActualSum * PixelAreaHectares;

    /// <summary>Soil retention Q_sr in t/a.</summary>
    public double RetentionTonnes => RetentionSum * PixelAreaHectares;
}

/// <summary>Per-zone RUSLE result, zones ascending; only zones with counted pixels appear.</summary>
public sealed record RusleResult(RasterGrid Grid, IReadOnlyList<RusleZone> Zones)
{
    public double TotalRetentionSum => Zones.Sum(z => z.RetentionSum);

    public long TotalPixelCount => Zones.Sum(z => z.PixelCount);
}

/// <summary>Carbon stock of one zone in Mg (t) C; multiply by 44/12 for t CO₂.</summary>
public sealed record CarbonZone(int ZoneId, long PixelCount, double CarbonMg);

public sealed record CarbonResult(RasterGrid Grid, IReadOnlyList<CarbonZone> Zones);

/// <summary>
/// Water conservation of one zone: Σ max(P − P·α − ET, 0) in mm over its pixels, the same in m³/a
/// (1 mm over 1 m² = 0.001 m³), and how many pixels were clamped at 0 (method 3.2 asks to report it).
/// </summary>
public sealed record WaterYieldZone(int ZoneId, long PixelCount, double DepthSumMm, double VolumeCubicMetres, long ClampedPixelCount);

public sealed record WaterYieldResult(RasterGrid Grid, IReadOnlyList<WaterYieldZone> Zones);
