using System.Globalization;

namespace Qingshan.Raster.Tests;

public class LandUseModelTests
{
    private static readonly Dictionary<int, double> CarbonDensity = new() { [1] = 180, [2] = 110, [3] = 90, [4] = 75, [5] = 85, [6] = 80, [7] = 20, [8] = 10 };
    private static readonly Dictionary<int, double> Runoff = new() { [1] = 0.1, [2] = 0.15, [3] = 0.2, [4] = 0.3, [5] = 0.35, [6] = 0.25, [7] = 0.8, [8] = 0.0 };

    private const string MakeInputs = """
        d = sys.argv[1]
        rng = np.random.default_rng(23)
        h, w = 400, 610
        lu = rng.integers(1, 9, (h, w)).astype(np.uint8)
        lu[:, :25] = 0
        yy, xx = np.mgrid[0:h, 0:w]
        Z = ((yy // 41) * 100 + (xx // 29) + 1).astype(np.int32)
        Z[350:, :] = 0
        Pr = rng.uniform(900, 1800, (h, w)).astype(np.float32)
        Pr[100:110, 200:300] = -1
        ET = rng.uniform(400, 1400, (h, w)).astype(np.float32)
        write(f"{d}/landuse.tif", lu, nodata=0, tiled=False, compress="LZW")
        write(f"{d}/zones.tif", Z, nodata=0, block=128)
        write(f"{d}/precip.tif", Pr, nodata=-1, compress="DEFLATE", predictor=3)
        write(f"{d}/et.tif", ET)
        density = np.array([0, 180, 110, 90, 75, 85, 80, 20, 10], np.float64)
        alpha = np.array([0, .1, .15, .2, .3, .35, .25, .8, 0], np.float32)
        nz = int(Z.max()) + 1
        zc = np.where((lu != 0) & (Z > 0), Z, 0).ravel()
        cnt = np.bincount(zc, minlength=nz)
        carbon = np.bincount(zc, weights=(density[lu] * 0.01).ravel(), minlength=nz)
        with open(f"{d}/carbon.csv", "w") as f:
            for k in np.nonzero(cnt[1:])[0] + 1:
                f.write(f"{k},{cnt[k]},{carbon[k]:.17g}\n")
        valid = (lu != 0) & (Pr != -1)
        q = Pr - Pr * alpha[lu] - ET
        clamped = valid & (q < 0)
        q = np.maximum(q, 0)
        zw = np.where(valid & (Z > 0), Z, 0).ravel()
        cw = np.bincount(zw, minlength=nz)
        qs = np.bincount(zw, weights=q.ravel().astype(np.float64), minlength=nz)
        cs = np.bincount(zw, weights=clamped.ravel().astype(np.float64), minlength=nz)
        with open(f"{d}/water.csv", "w") as f:
            for k in np.nonzero(cw[1:])[0] + 1:
                f.write(f"{k},{cw[k]},{qs[k]:.17g},{int(cs[k])}\n")
        """;

    [Fact]
    public void Carbon_by_land_use_matches_numpy_lookup_and_zone_sums()
    {
        using var tmp = new TempDir();
        Gdal.Py(tmp.Path, MakeInputs, tmp.Path);
        var result = RasterModels.RunCarbon(GeoTiffReaderTests.Open(tmp["landuse.tif"], "landuse"),
            ZoneLayer.FromRaster(GeoTiffReaderTests.Open(tmp["zones.tif"], "zones")), CarbonDensity, tmp["carbon.tif"]);
        Assert.True(result.IsSuccess, result.Error?.ToString());

        var expected = File.ReadAllLines(tmp["carbon.csv"]).Select(l => l.Split(',')).ToList();
        Assert.Equal(expected.Count, result.Value.Zones.Count);
        foreach (var (e, z) in expected.Zip(result.Value.Zones))
        {
            Assert.Equal(int.Parse(e[0], CultureInfo.InvariantCulture), z.ZoneId);
            Assert.Equal(long.Parse(e[1], CultureInfo.InvariantCulture), z.PixelCount);
            RusleTests.AssertRelative(double.Parse(e[2], CultureInfo.InvariantCulture), z.CarbonMg);
        }

        Assert.Contains("Type=Float32", Gdal.Run("gdalinfo", tmp["carbon.tif"]));
    }

    [Fact]
    public void Water_balance_matches_numpy_and_reports_clamped_pixels()
    {
        using var tmp = new TempDir();
        Gdal.Py(tmp.Path, MakeInputs, tmp.Path);
        var result = RasterModels.RunWaterYield(GeoTiffReaderTests.Open(tmp["precip.tif"], "precipitation"),
            GeoTiffReaderTests.Open(tmp["et.tif"], "ET"), GeoTiffReaderTests.Open(tmp["landuse.tif"], "landuse"),
            ZoneLayer.FromRaster(GeoTiffReaderTests.Open(tmp["zones.tif"], "zones")), Runoff);
        Assert.True(result.IsSuccess, result.Error?.ToString());

        var expected = File.ReadAllLines(tmp["water.csv"]).Select(l => l.Split(',')).ToList();
        Assert.Equal(expected.Count, result.Value.Zones.Count);
        foreach (var (e, z) in expected.Zip(result.Value.Zones))
        {
            Assert.Equal(int.Parse(e[0], CultureInfo.InvariantCulture), z.ZoneId);
            Assert.Equal(long.Parse(e[1], CultureInfo.InvariantCulture), z.PixelCount);
            RusleTests.AssertRelative(double.Parse(e[2], CultureInfo.InvariantCulture), z.DepthSumMm);
            RusleTests.AssertRelative(double.Parse(e[2], CultureInfo.InvariantCulture) * 100 * 0.001, z.VolumeCubicMetres);
            Assert.Equal(long.Parse(e[3], CultureInfo.InvariantCulture), z.ClampedPixelCount);
        }

        Assert.True(result.Value.Zones.Sum(z => z.ClampedPixelCount) > 0);
    }

    [Fact]
    public void A_land_use_class_without_a_parameter_is_refused_naming_the_layer()
    {
        using var tmp = new TempDir();
        Gdal.Py(tmp.Path, MakeInputs, tmp.Path);
        var density = CarbonDensity.Where(kv => kv.Key != 7).ToDictionary();
        var result = RasterModels.RunCarbon(GeoTiffReaderTests.Open(tmp["landuse.tif"], "landuse"),
            ZoneLayer.FromRaster(GeoTiffReaderTests.Open(tmp["zones.tif"], "zones")), density);
        Assert.True(result.IsFailure);
        Assert.Equal("accounting.raster.invalid_value", result.Error!.Code);
        Assert.Equal("landuse", result.Error.Target);
        Assert.Equal(7.0, result.Error.Args[3]);
    }

    [Fact]
    public void Parameters_out_of_range_are_caller_bugs()
    {
        using var tmp = new TempDir();
        Gdal.Py(tmp.Path, MakeInputs, tmp.Path);
        var bad = new Dictionary<int, double>(Runoff) { [3] = 1.2 };
        Assert.Throws<ArgumentException>(() => RasterModels.RunWaterYield(GeoTiffReaderTests.Open(tmp["precip.tif"], "precipitation"),
            GeoTiffReaderTests.Open(tmp["et.tif"], "ET"), GeoTiffReaderTests.Open(tmp["landuse.tif"], "landuse"),
            ZoneLayer.FromRaster(GeoTiffReaderTests.Open(tmp["zones.tif"], "zones")), bad));
    }
}
