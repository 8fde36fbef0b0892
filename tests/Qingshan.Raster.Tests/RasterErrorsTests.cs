using System.Reflection;

namespace Qingshan.Raster.Tests;

public class RasterErrorsTests
{
    [Fact]
    public void Every_error_code_has_a_zh_cn_message_that_names_the_layer()
    {
        var codes = typeof(RasterErrors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith("Code", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.Equal(9, codes.Count);
        foreach (var code in codes)
        {
            Assert.StartsWith("accounting.raster.", code);
            Assert.True(RasterErrors.MessagesZhCn.TryGetValue(code, out var message), code);
            Assert.Contains("{0}", message);
        }
    }

    [Fact]
    public void Zone_ids_beyond_the_table_limit_are_refused()
    {
        using var tmp = new TempDir();
        Gdal.Py(tmp.Path, """
            d = sys.argv[1]
            a = np.ones((40, 40), np.float32)
            for n in ["R", "K", "LS", "C", "P"]:
                write(f"{d}/{n}.tif", a)
            z = np.ones((40, 40), np.int32)
            z[20, 20] = 20000000
            write(f"{d}/zones.tif", z, nodata=0)
            """, tmp.Path);
        using var inputs = RusleTests.OpenInputs(tmp);
        var result = RasterModels.RunRusle(inputs);
        Assert.True(result.IsFailure);
        Assert.Equal("accounting.raster.zone_id_too_large", result.Error!.Code);
        Assert.Equal("zones", result.Error.Target);
        Assert.Contains("20000000", RasterErrors.DescribeZhCn(result.Error));
    }
}
