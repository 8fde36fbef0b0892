using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;

namespace Qingshan.Raster.Tests;

public class PlotRasteriseTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 32649);
    private static readonly RasterGrid Grid = new(300, 220, 500000, 3500000, 10, -10, 32649);

    private static Polygon Poly(params (double X, double Y)[] ring) =>
        Factory.CreatePolygon([.. ring.Select(p => new Coordinate(p.X, p.Y)), new Coordinate(ring[0].X, ring[0].Y)]);

    /// <summary>World coordinates from pixel coordinates of this grid (column, row may be fractional).</summary>
    private static (double X, double Y) Px(double col, double row) => (Grid.OriginX + (col * 10), Grid.OriginY - (row * 10));

    private static List<Plot> TestPlots()
    {
        var rng = new Random(5);
        var plots = new List<Plot>();
        int id = 1;

        // Random star-shaped polygons, vertices anywhere.
        for (int k = 0; k < 40; k++)
        {
            double cx = rng.NextDouble() * 320 - 10, cy = rng.NextDouble() * 240 - 10;
            int n = rng.Next(3, 12);
            var ring = Enumerable.Range(0, n).Select(i =>
            {
                double a = 2 * Math.PI * i / n, r = 3 + rng.NextDouble() * 25;
                return Px(cx + r * Math.Cos(a), cy + r * Math.Sin(a));
            }).ToArray();
            plots.Add(new Plot(id++, Poly(ring)));
        }

        // Vertices exactly on pixel centres and on pixel corners, horizontal edges on centre lines, both windings.
        plots.Add(new Plot(id++, Poly(Px(10.5, 10.5), Px(30.5, 10.5), Px(30.5, 25.5), Px(10.5, 25.5))));
        plots.Add(new Plot(id++, Poly(Px(40.5, 10.5), Px(40.5, 25.5), Px(60.5, 25.5), Px(60.5, 10.5))));
        plots.Add(new Plot(id++, Poly(Px(70, 10), Px(90, 10), Px(90, 30), Px(70, 30))));
        plots.Add(new Plot(id++, Poly(Px(100.5, 10.5), Px(120, 30.5), Px(95.25, 40.5))));

        // Steps and holes whose horizontal edges lie on row centres, digitised both ways round.
        (double, double)[] step = [Px(130.5, 80.5), Px(150.5, 80.5), Px(150.5, 84.5), Px(140.5, 84.5), Px(140.5, 90.5), Px(130.5, 90.5)];
        plots.Add(new Plot(id++, Poly(step)));
        plots.Add(new Plot(id++, Poly([.. step.Reverse().Select(p => (p.Item1 + 30, p.Item2 - 0))])));
        foreach (bool reverse in new[] { false, true })
        {
            double dx = reverse ? 60 : 0;
            var outer = new[] { Px(20.2 + dx, 140.2), Px(60.7 + dx, 140.2), Px(60.7 + dx, 170.7), Px(20.2 + dx, 170.7), Px(20.2 + dx, 140.2) };
            var inner = new[] { Px(30.5 + dx, 150.5), Px(45.5 + dx, 150.5), Px(45.5 + dx, 160.5), Px(30.5 + dx, 160.5), Px(30.5 + dx, 150.5) };
            if (reverse)
            {
                Array.Reverse(outer);
                Array.Reverse(inner);
            }

            plots.Add(new Plot(id++, Factory.CreatePolygon(Factory.CreateLinearRing([.. outer.Select(p => new Coordinate(p.X, p.Y))]),
                [Factory.CreateLinearRing([.. inner.Select(p => new Coordinate(p.X, p.Y))])])));
        }

        // A polygon with a hole, and a multipolygon.
        var shell = Factory.CreateLinearRing([.. new[] { Px(150, 20), Px(200, 20), Px(200, 70), Px(150, 70), Px(150, 20) }.Select(p => new Coordinate(p.X, p.Y))]);
        var hole = Factory.CreateLinearRing([.. new[] { Px(165.5, 35.5), Px(185.5, 35.5), Px(185.5, 55.2), Px(165.5, 55.2), Px(165.5, 35.5) }.Select(p => new Coordinate(p.X, p.Y))]);
        plots.Add(new Plot(id++, Factory.CreatePolygon(shell, [hole])));
        plots.Add(new Plot(id++, Factory.CreateMultiPolygon([Poly(Px(210, 100), Px(230, 100), Px(220, 120)), Poly(Px(240.3, 100.7), Px(260.1, 101.2), Px(250, 130.9))])));

        // Partly outside the raster.
        plots.Add(new Plot(id++, Poly(Px(-20, 190), Px(40, 180), Px(30, 240))));
        return plots;
    }

    private static string ToGeoJson(IEnumerable<Plot> plots)
    {
        var sb = new StringBuilder("""{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32649"}},"features":[""");
        bool first = true;
        foreach (var p in plots)
        {
            sb.Append(first ? "" : ",");
            first = false;
            sb.Append(CultureInfo.InvariantCulture, $$"""{"type":"Feature","properties":{"id":{{p.Id}}},"geometry":""");
            var polys = p.Geometry is MultiPolygon mp ? mp.Geometries.Cast<Polygon>().ToList() : [(Polygon)p.Geometry];
            sb.Append("""{"type":"MultiPolygon","coordinates":[""");
            sb.Append(string.Join(",", polys.Select(poly => "[" + string.Join(",", new[] { poly.ExteriorRing }.Concat(poly.InteriorRings)
                .Select(r => "[" + string.Join(",", r.Coordinates.Select(c => string.Create(CultureInfo.InvariantCulture, $"[{c.X:R},{c.Y:R}]"))) + "]")) + "]")));
            sb.Append("]}}");
        }

        return sb.Append("]}").ToString();
    }

    [Fact]
    public void Rasterised_plots_equal_gdal_rasterize_pixel_for_pixel()
    {
        using var tmp = new TempDir();
        var plots = TestPlots();
        File.WriteAllText(tmp["plots.geojson"], ToGeoJson(plots));
        Gdal.Py(tmp.Path, """
            write(sys.argv[1] + "/target.tif", np.zeros((220, 300), np.int32), nodata=0)
            """, tmp.Path);
        Gdal.Run("gdal_rasterize", "-q", "-a", "id", tmp["plots.geojson"], tmp["target.tif"]);

        using var gdal = GeoTiffReaderTests.Open(tmp["target.tif"], "target");
        int[] expected = gdal.ReadAllAsInt();
        var ours = PlotZoneRaster.Rasterise(Grid, plots);
        int[] actual = ours.ToArray();

        var diffs = Enumerable.Range(0, expected.Length).Where(i => expected[i] != actual[i])
            .Select(i => $"(row {i / Grid.Width}, col {i % Grid.Width}): gdal {expected[i]}, ours {actual[i]}").Take(10).ToList();
        Assert.True(diffs.Count == 0, string.Join("\n", diffs));
        Assert.True(expected.Count(v => v != 0) > 5000, "the test polygons should cover a good part of the grid");
    }

    [Fact]
    public void Zone_raster_written_from_plots_opens_in_gdal_with_the_same_ids()
    {
        using var tmp = new TempDir();
        var ours = PlotZoneRaster.Rasterise(Grid, TestPlots());
        ours.WriteGeoTiff(tmp["zones.tif"]);
        string info = Gdal.Run("gdalinfo", "-stats", tmp["zones.tif"]);
        Assert.Contains("Size is 300, 220", info);
        Assert.Contains("Type=Int32", info);
        Assert.Contains("NoData Value=0", info);
        using var back = GeoTiffReaderTests.Open(tmp["zones.tif"], "zones");
        Assert.Equal(ours.ToArray(), back.ReadAllAsInt());
        Assert.Equal(Grid, back.Grid);
    }

    [Fact]
    public void Rusle_over_plots_equals_rusle_over_the_gdal_rasterized_zone_raster()
    {
        using var tmp = new TempDir();
        var plots = TestPlots();
        File.WriteAllText(tmp["plots.geojson"], ToGeoJson(plots));
        Gdal.Py(tmp.Path, """
            d = sys.argv[1]
            rng = np.random.default_rng(3)
            for n in ["R", "K", "LS", "C", "P"]:
                write(f"{d}/{n}.tif", rng.uniform(0.1, 1, (220, 300)).astype(np.float32))
            write(f"{d}/zones.tif", np.zeros((220, 300), np.int32), nodata=0)
            """, tmp.Path);
        Gdal.Run("gdal_rasterize", "-q", "-a", "id", tmp["plots.geojson"], tmp["zones.tif"]);

        var viaRaster = RasterModels.RunRusle(RusleTests.OpenInputs(tmp)).Value;
        var inputs = RusleTests.OpenInputs(tmp) with { Zones = ZoneLayer.FromPlots(PlotZoneRaster.Rasterise(Grid, plots)) };
        var viaPlots = RasterModels.RunRusle(inputs).Value;
        Assert.Equal(viaRaster.Zones, viaPlots.Zones);
        Assert.True(viaPlots.Zones.Count > 40);
    }

    [Fact]
    public void Non_polygon_plots_and_non_positive_ids_are_caller_bugs()
    {
        Assert.Throws<ArgumentException>(() => PlotZoneRaster.Rasterise(Grid, [new Plot(1, Factory.CreatePoint(new Coordinate(500010, 3499990)))]));
        Assert.Throws<ArgumentException>(() => PlotZoneRaster.Rasterise(Grid, [new Plot(0, Poly(Px(1, 1), Px(5, 1), Px(5, 5)))]));
    }
}
