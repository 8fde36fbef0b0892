using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;
using Qingshan.Kernel;
using Qingshan.Registry.Data;
using Qingshan.Registry.Imports;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Registry.Imports;

/// <summary>Real import files built at test time: Shapefiles (NTS or GDAL), GeoJSON, .xlsx.</summary>
internal static class ImportFixtures
{
    /// <summary>What ArcGIS and GDAL write in the .prj of EPSG:4490.</summary>
    public const string Cgcs2000Wkt = """GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]""";

    public const string Wgs84Wkt = """GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]""";

    public const string WebMercatorWkt = """PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]""";

    /// <summary>A CGCS2000 Gauss-Krüger zone: the right datum, but projected metres, not degrees.</summary>
    public const string Cgcs2000GaussKrugerWkt = """PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";

    public static readonly Encoding Gbk = ImportText.Gbk;

    public sealed record Parcel(string? Code, object? LandUse, string? Name, Geometry Geometry);

    public static Parcel P(string? code, Geometry geometry, object? landUse = null, string? name = null) => new(code, landUse ?? "0301", name, geometry);

    /// <summary>A bow-tie: a self-intersecting ring, the classic invalid polygon.</summary>
    public static Polygon BowTie(double lon, double lat) =>
        Qingshan.Registry.Plots.PlotGeometry.Factory.CreatePolygon([new(lon, lat), new(lon + 0.002, lat + 0.002), new(lon + 0.002, lat), new(lon, lat + 0.002), new(lon, lat)]);

    /// <summary>
    /// A zipped Shapefile written by NetTopologySuite. Field names default to the Chinese survey names; the DBF is
    /// encoded with <paramref name="encoding"/> and a .cpg is added only when <paramref name="cpg"/> is given.
    /// </summary>
    public static byte[] ShapefileZip(IEnumerable<Parcel> parcels, Encoding encoding, string? cpg = null, string? prj = Cgcs2000Wkt,
        (string Code, string LandUse, string Name)? fields = null, bool numericLandUse = false, string stem = "地块")
    {
        var (codeField, landUseField, nameField) = fields ?? ("地块编码", "地类编码", "地块名称");
        var options = new ShapefileWriterOptions(ShapeType.Polygon) { Encoding = encoding };
        options.AddCharacterField(codeField, 32);
        if (numericLandUse)
        {
            options.AddNumericInt32Field(landUseField);
        }
        else
        {
            options.AddCharacterField(landUseField, 4);
        }

        options.AddCharacterField(nameField, 64);
        using var shp = new MemoryStream();
        using var shx = new MemoryStream();
        using var dbf = new MemoryStream();
        using var prjStream = new MemoryStream();
        using (var writer = Shapefile.OpenWrite(shp, shx, dbf, prjStream, options))
        {
            writer.Write(parcels.Select(p => (IFeature)new Feature(p.Geometry, new AttributesTable
            {
                { codeField, p.Code },
                { landUseField, p.LandUse },
                { nameField, p.Name },
            })));
        }

        var files = new Dictionary<string, byte[]>
        {
            [$"{stem}.shp"] = shp.ToArray(),
            [$"{stem}.shx"] = shx.ToArray(),
            [$"{stem}.dbf"] = dbf.ToArray(),
        };
        if (prj is not null)
        {
            files[$"{stem}.prj"] = Encoding.ASCII.GetBytes(prj);
        }

        if (cpg is not null)
        {
            files[$"{stem}.cpg"] = Encoding.ASCII.GetBytes(cpg);
        }

        return Zip(files);
    }

    public static byte[] Zip(IReadOnlyDictionary<string, byte[]> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8))
        {
            foreach (var (name, bytes) in files)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                s.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    public static bool HasOgr2Ogr => FindOnPath("ogr2ogr") is not null;

    /// <summary>A zipped Shapefile converted by GDAL from GeoJSON: <c>ogr2ogr -a_srs EPSG:4490 -lco ENCODING=GBK</c>.</summary>
    public static byte[] GdalShapefileZip(string geoJson)
    {
        var dir = Directory.CreateTempSubdirectory("qingshan-gdal-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.geojson");
            File.WriteAllText(input, geoJson, new UTF8Encoding(false));
            var output = Path.Combine(dir.FullName, "plots.shp");
            var start = new ProcessStartInfo(FindOnPath("ogr2ogr")!) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "-f", "ESRI Shapefile", "-a_srs", "EPSG:4490", "-lco", "ENCODING=GBK", output, input })
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);
            return Zip(Directory.GetFiles(dir.FullName, "plots.*").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    /// <summary>An .xlsx with one header row and the given rows (MiniExcel, as a user's spreadsheet program would save it).</summary>
    public static byte[] Xlsx(IReadOnlyList<string> headers, params object?[][] rows)
    {
        var sheet = rows.Select(r => headers.Select((h, i) => (h, v: i < r.Length ? r[i] : null)).ToDictionary(x => x.h, x => x.v)).ToList();
        if (sheet.Count == 0)
        {
            sheet.Add(headers.ToDictionary(h => h, _ => (object?)null));
        }

        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet);
        return stream.ToArray();
    }

    public static List<IDictionary<string, object?>> ReadXlsx(byte[] bytes, string? sheet = null)
    {
        using var stream = new MemoryStream(bytes);
        return MiniExcel.Query(stream, useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
    }

    public static Stream Stream(byte[] bytes) => new MemoryStream(bytes);

    public static Stream Stream(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    /// <summary>Rows of the registry as the system sees them, whatever the test's actor.</summary>
    public static async Task<(int Plots, int Holders, int Rights, List<string> Events)> CountsAsync(TestPlatform platform)
    {
        await using var scope = platform.AsSystem();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDb>();
        return (await db.Plots.IgnoreQueryFilters().CountAsync(), await db.Holders.IgnoreQueryFilters().CountAsync(), await db.Rights.IgnoreQueryFilters().CountAsync(),
            await db.Outbox.OrderBy(o => o.Id).Select(o => o.EventType).ToListAsync());
    }

    public static string Codes(ImportResult result) =>
        string.Join("; ", result.Problems.Select(p => $"{p.Row}:{p.Field}:{p.Error.Code}"));

    public static Actor County => TestPlatform.WaterBureau(Make.County);
}
