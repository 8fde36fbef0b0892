using Qingshan.Kernel;

namespace Qingshan.Raster.Tests;

public class GeoTiffReaderTests
{
    public static TheoryData<string, bool, string, int> Layouts()
    {
        var data = new TheoryData<string, bool, string, int>();
        foreach (var dtype in new[] { "uint8", "int16", "int32", "float32", "float64" })
        {
            foreach (bool tiled in new[] { true, false })
            {
                foreach (var compress in new[] { "NONE", "LZW", "DEFLATE" })
                {
                    // Predictor 2 (horizontal differencing) on compressed integers, 3 (floating point) on floats.
                    int predictor = compress == "NONE" ? 0 : dtype.StartsWith("float") ? 3 : 2;
                    data.Add(dtype, tiled, compress, predictor);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Reader_returns_the_values_nodata_and_georeferencing_gdal_wrote(string dtype, bool tiled, string compress, int predictor)
    {
        using var tmp = new TempDir();
        Gdal.Py(tmp.Path, """
            d, dtype, tiled, compress, pred = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4], int(sys.argv[5])
            rng = np.random.default_rng(7)
            a = (rng.uniform(0, 100, (300, 270)) if dtype.startswith("float") else rng.integers(0, 120, (300, 270))).astype(dtype)
            a[5, 7] = 17
            write(f"{d}/a.tif", a, nodata=17, tiled=tiled, compress=compress, predictor=pred or None, block=128)
            dump(f"{d}/a.f64", gdal.Open(f"{d}/a.tif").ReadAsArray())
            """, tmp.Path, dtype, tiled ? "1" : "0", compress, predictor.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var raster = GeoTiffRaster.Open(tmp["a.tif"], "a").Value;
        double[] expected = Gdal.ReadDump(tmp["a.f64"]);
        float[] asFloat = raster.ReadAllAsFloat();
        int[] asInt = raster.ReadAllAsInt();

        Assert.Equal(tiled, raster.IsTiled);
        Assert.Equal(17, raster.NoData);
        Assert.Equal(new RasterGrid(270, 300, 500000, 3500000, 10, -10, 32649), raster.Grid);
        Assert.Equal(expected.Length, asFloat.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal((float)expected[i], asFloat[i]);
            if (!dtype.StartsWith("float"))
            {
                Assert.Equal((int)expected[i], asInt[i]);
            }
        }
    }

    [Fact]
    public void Layers_on_another_grid_or_crs_are_refused_naming_the_layer()
    {
        using var tmp = new TempDir();
        Gdal.Py(tmp.Path, """
            d = sys.argv[1]
            a = np.ones((64, 64), np.float32)
            for n in ["R", "K", "LS", "C", "P"]:
                write(f"{d}/{n}.tif", a)
            write(f"{d}/zones.tif", np.ones((64, 64), np.int32), nodata=0)
            write(f"{d}/K_shift.tif", a, gt=(500005.0, 10.0, 0.0, 3500000.0, 0.0, -10.0))
            write(f"{d}/LS_crs.tif", a, epsg=32650)
            write(f"{d}/C_size.tif", np.ones((64, 65), np.float32))
            write(f"{d}/P_res.tif", a, gt=(500000.0, 20.0, 0.0, 3500000.0, 0.0, -20.0))
            """, tmp.Path);

        Error Refusal(string k, string ls, string c, string p)
        {
            var inputs = new RusleInputs(Open(tmp["R.tif"], "R"), Open(tmp[k], "K"), Open(tmp[ls], "LS"), Open(tmp[c], "C"), Open(tmp[p], "P"),
                ZoneLayer.FromRaster(Open(tmp["zones.tif"], "zones")));
            var result = RasterModels.RunRusle(inputs);
            Assert.True(result.IsFailure);
            return result.Error!;
        }

        var shifted = Refusal("K_shift.tif", "LS.tif", "C.tif", "P.tif");
        Assert.Equal("accounting.raster.grid_mismatch", shifted.Code);
        Assert.Equal("K", shifted.Target);
        Assert.Contains("K", RasterErrors.DescribeZhCn(shifted));
        Assert.Contains("原点", RasterErrors.DescribeZhCn(shifted));

        var crs = Refusal("K.tif", "LS_crs.tif", "C.tif", "P.tif");
        Assert.Equal("accounting.raster.crs_mismatch", crs.Code);
        Assert.Equal("LS", crs.Target);
        Assert.Contains("32650", RasterErrors.DescribeZhCn(crs));

        var size = Refusal("K.tif", "LS.tif", "C_size.tif", "P.tif");
        Assert.Equal("accounting.raster.grid_mismatch", size.Code);
        Assert.Equal("C", size.Target);

        var res = Refusal("K.tif", "LS.tif", "C.tif", "P_res.tif");
        Assert.Equal("accounting.raster.grid_mismatch", res.Code);
        Assert.Equal("P", res.Target);
    }

    [Fact]
    public void Files_that_are_not_georeferenced_tiffs_are_refused()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["junk.tif"], "not a tiff");
        Gdal.Py(tmp.Path, """
            d = sys.argv[1]
            ds = gdal.GetDriverByName("GTiff").Create(f"{d}/plain.tif", 8, 8, 1, gdal.GDT_Float32)
            ds = None
            ds = gdal.GetDriverByName("GTiff").Create(f"{d}/rgb.tif", 8, 8, 3, gdal.GDT_Byte)
            ds.SetGeoTransform(GT)
            ds = None
            """, tmp.Path);

        Assert.Equal("accounting.raster.file_unreadable", GeoTiffRaster.Open(tmp["missing.tif"], "R").Error!.Code);
        Assert.Equal("accounting.raster.file_unreadable", GeoTiffRaster.Open(tmp["junk.tif"], "R").Error!.Code);
        var plain = GeoTiffRaster.Open(tmp["plain.tif"], "K").Error!;
        Assert.Equal("accounting.raster.not_georeferenced", plain.Code);
        Assert.Equal("K", plain.Target);
        Assert.Equal("accounting.raster.unsupported_format", GeoTiffRaster.Open(tmp["rgb.tif"], "LS").Error!.Code);
    }

    internal static GeoTiffRaster Open(string path, string name)
    {
        var r = GeoTiffRaster.Open(path, name);
        Assert.True(r.IsSuccess, r.Error?.ToString());
        return r.Value;
    }
}
