using System.Globalization;

namespace Qingshan.Raster.Tests;

public class RusleTests
{
    /// <summary>
    /// Writes R, K, LS, C, P, zones (700 × 530, not a multiple of the tile) with nodata in R and zones,
    /// and the expected per-zone table computed the anchor's way (numpy float32 per pixel, float64 sums).
    /// Layout "tiled": every layer 256² tiles; "mixed": some tiled, some stripped, compressed or not.
    /// </summary>
    private const string MakeInputs = """
        d, layout = sys.argv[1], sys.argv[2]
        rng = np.random.default_rng(11)
        h, w = 530, 700
        R = rng.uniform(2000, 6000, (h, w)).astype(np.float32)
        R[:, :40] = -9999
        R[200:230, 300:420] = -9999
        K = rng.uniform(0.005, 0.06, (h, w)).astype(np.float32)
        LS = np.exp(rng.normal(0, 1, (h, w))).astype(np.float32)
        lu = rng.integers(1, 9, (h, w)).astype(np.uint8)
        C = (np.array([0, .006, .02, .04, .25, .1, .12, .001, 0], np.float32)[lu] * rng.uniform(0.8, 1.2, (h, w))).astype(np.float32)
        P = np.array([1, 1, 1, 1, .6, .15, .12, 1, 1], np.float32)[lu]
        yy, xx = np.mgrid[0:h, 0:w]
        Z = ((yy // 37) * 100 + (xx // 53) + 1).astype(np.int32)
        Z[450:, :] = 0
        Z[10:20, 600:] = -5
        lay = {"tiled": dict(R=(True, "NONE"), K=(True, "NONE"), LS=(True, "NONE"), C=(True, "NONE"), P=(True, "NONE"), zones=(True, "NONE")),
               "mixed": dict(R=(True, "LZW"), K=(False, "NONE"), LS=(False, "DEFLATE"), C=(True, "DEFLATE"), P=(False, "LZW"), zones=(True, "NONE")),
               # one strip for the whole image (uncompressed and compressed), and strips of 7 rows
               "strips": dict(R=(False, "NONE", 530), K=(False, "LZW", 530), LS=(False, "NONE", 7), C=(False, "DEFLATE", 7), P=(True, "NONE"), zones=(False, "NONE", 530))}[layout]
        for name, arr, nd in [("R", R, -9999), ("K", K, None), ("LS", LS, None), ("C", C, None), ("P", P, None), ("zones", Z, 0)]:
            tiled, comp, *rps = lay[name]
            write(f"{d}/{name}.tif", arr, nodata=nd, tiled=tiled, compress=comp, rows_per_strip=rps[0] if rps else None)
        write(f"{d}/landuse.tif", lu, nodata=0)
        valid = R != -9999
        z = np.where(valid & (Z > 0), Z, 0).ravel()
        pot = np.multiply(R, K); pot *= LS
        act = np.multiply(pot, C); act *= P
        ret = np.subtract(pot, act)
        nz = int(Z.max()) + 1
        cnt = np.bincount(z, minlength=nz)
        sp = np.bincount(z, weights=pot.ravel(), minlength=nz)
        sa = np.bincount(z, weights=act.ravel(), minlength=nz)
        sr = np.bincount(z, weights=ret.ravel(), minlength=nz)
        with open(f"{d}/expected.csv", "w") as f:
            for k in np.nonzero(cnt[1:])[0] + 1:
                f.write(f"{k},{cnt[k]},{sp[k]:.17g},{sa[k]:.17g},{sr[k]:.17g}\n")
        dump(f"{d}/act.f64", np.where(valid, act, -9999))
        dump(f"{d}/ret.f64", np.where(valid, ret, -9999))
        """;

    internal static RusleInputs OpenInputs(TempDir tmp)
    {
        var inputs = RusleInputs.Open(tmp["R.tif"], tmp["K.tif"], tmp["LS.tif"], tmp["C.tif"], tmp["P.tif"], tmp["zones.tif"]);
        Assert.True(inputs.IsSuccess, inputs.Error?.ToString());
        return inputs.Value;
    }

    internal static void AssertMatchesExpected(RusleResult result, string csv)
    {
        var expected = File.ReadAllLines(csv).Select(l => l.Split(',')).ToList();
        Assert.Equal(expected.Count, result.Zones.Count);
        for (int k = 0; k < expected.Count; k++)
        {
            var e = expected[k];
            var z = result.Zones[k];
            Assert.Equal(int.Parse(e[0], CultureInfo.InvariantCulture), z.ZoneId);
            Assert.Equal(long.Parse(e[1], CultureInfo.InvariantCulture), z.PixelCount);
            AssertRelative(double.Parse(e[2], CultureInfo.InvariantCulture), z.PotentialSum);
            AssertRelative(double.Parse(e[3], CultureInfo.InvariantCulture), z.ActualSum);
            AssertRelative(double.Parse(e[4], CultureInfo.InvariantCulture), z.RetentionSum);
        }
    }

    internal static void AssertRelative(double expected, double actual, double tolerance = 1e-6) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData("tiled", 2)]
    [InlineData("tiled", 1)]
    [InlineData("mixed", 2)]
    [InlineData("strips", 2)]
    public void Zone_sums_match_numpy_to_one_millionth(string layout, int threads)
    {
        using var tmp = new TempDir();
        Gdal.Py(tmp.Path, MakeInputs, tmp.Path, layout);
        var result = RasterModels.RunRusle(OpenInputs(tmp), maxThreads: threads);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        AssertMatchesExpected(result.Value, tmp["expected.csv"]);
        Assert.Equal(0.01, result.Value.Zones[0].PixelAreaHectares, 12);
        Assert.Equal(result.Value.Zones[0].RetentionSum * 0.01, result.Value.Zones[0].RetentionTonnes, 9);
    }

    [Theory]
    [InlineData("tiled")]
    [InlineData("mixed")]
    [InlineData("strips")]
    public void Result_rasters_open_in_gdal_and_equal_numpy_pixel_for_pixel(string layout)
    {
        using var tmp = new TempDir();
        Gdal.Py(tmp.Path, MakeInputs, tmp.Path, layout);
        var outputs = new RusleOutputs(ActualPath: tmp["out_act.tif"], RetentionPath: tmp["out_ret.tif"]);
        var result = RasterModels.RunRusle(OpenInputs(tmp), outputs);
        Assert.True(result.IsSuccess, result.Error?.ToString());

        string info = Gdal.Run("gdalinfo", tmp["out_ret.tif"]);
        Assert.Contains("Size is 700, 530", info);
        Assert.Contains("32649", info);
        Assert.Contains("NoData Value=-9999", info);
        Assert.Contains("Origin = (500000.000000000000000,3500000.000000000000000)", info);
        Assert.Contains("Type=Float32", info);

        string check = Gdal.Py(tmp.Path, """
            d = sys.argv[1]
            for k in ["act", "ret"]:
                ours = gdal.Open(f"{d}/out_{k}.tif").ReadAsArray().astype(np.float64)
                ref = np.fromfile(f"{d}/{k}.f64", "<f8").reshape(ours.shape)
                print(k, int(np.count_nonzero(ours != ref)))
            """, tmp.Path);
        Assert.Equal("act 0\nret 0\n", check);
    }

    [Theory]
    [InlineData("C", 1.5f, "0 到 1")]
    [InlineData("P", -0.1f, "0 到 1")]
    [InlineData("R", -3f, "不能为负")]
    [InlineData("LS", float.NaN, "NaN")]
    [InlineData("K", float.PositiveInfinity, "有限")]
    public void A_factor_outside_its_domain_is_refused_naming_layer_and_pixel(string layer, float value, string rule)
    {
        using var tmp = new TempDir();
        Gdal.Py(tmp.Path, MakeInputs, tmp.Path, "tiled");
        Gdal.Py(tmp.Path, """
            d, layer, value = sys.argv[1], sys.argv[2], float(sys.argv[3])
            ds = gdal.Open(f"{d}/{layer}.tif", gdal.GA_Update)
            a = ds.ReadAsArray()
            a[300, 333] = value
            a[400, 600] = value  # a later block: the refusal names the first bad pixel in block order
            ds.GetRasterBand(1).WriteArray(a)
            ds = None
            """, tmp.Path, layer, value.ToString("R", CultureInfo.InvariantCulture));

        var result = RasterModels.RunRusle(OpenInputs(tmp));
        Assert.True(result.IsFailure);
        Assert.Equal("accounting.raster.invalid_value", result.Error!.Code);
        Assert.Equal(layer, result.Error.Target);
        Assert.Equal(300, result.Error.Args[1]);
        Assert.Equal(333, result.Error.Args[2]);
        Assert.Contains(rule, RasterErrors.DescribeZhCn(result.Error));
    }

    [Fact]
    public void Invalid_values_under_nodata_are_skipped_not_refused()
    {
        using var tmp = new TempDir();
        Gdal.Py(tmp.Path, MakeInputs, tmp.Path, "tiled");
        Gdal.Py(tmp.Path, """
            d = sys.argv[1]
            ds = gdal.Open(f"{d}/C.tif", gdal.GA_Update)
            a = ds.ReadAsArray()
            a[:, 0:40] = 7.0
            ds.GetRasterBand(1).WriteArray(a)
            ds = None
            """, tmp.Path);

        var result = RasterModels.RunRusle(OpenInputs(tmp));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        AssertMatchesExpected(result.Value, tmp["expected.csv"]);
    }

    [Theory]
    [InlineData("tiled")]
    [InlineData("mixed")]
    public void A_truncated_layer_is_refused_naming_the_layer_not_thrown(string layout)
    {
        // GDAL writes the IFD first, so the file still opens and the missing blocks fail to read
        // (raw positional reads for "tiled", LibTiff DEFLATE strips for "mixed").
        using var tmp = new TempDir();
        Gdal.Py(tmp.Path, MakeInputs, tmp.Path, layout);
        using (var fs = new FileStream(tmp["LS.tif"], FileMode.Open))
        {
            fs.SetLength(fs.Length / 2);
        }

        var inputs = OpenInputs(tmp);
        var result = RasterModels.RunRusle(inputs);
        Assert.True(result.IsFailure);
        Assert.Equal("accounting.raster.decode_failed", result.Error!.Code);
        Assert.Equal("LS", result.Error.Target);
    }

    [Fact]
    public void NaN_as_nodata_skips_those_pixels_like_any_other_nodata()
    {
        using var tmp = new TempDir();
        Gdal.Py(tmp.Path, MakeInputs, tmp.Path, "tiled");
        Gdal.Py(tmp.Path, """
            d = sys.argv[1]
            ds = gdal.Open(f"{d}/R.tif")
            a = ds.ReadAsArray()
            a[a == -9999] = np.nan
            write(f"{d}/R.tif", a, nodata=float("nan"))
            """, tmp.Path);

        var result = RasterModels.RunRusle(OpenInputs(tmp));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        AssertMatchesExpected(result.Value, tmp["expected.csv"]);
    }
}
