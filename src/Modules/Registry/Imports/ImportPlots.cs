using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Registry.Data;
using Qingshan.Registry.Plots;

namespace Qingshan.Registry.Imports;

/// <summary>
/// Import plots into a watershed from a zipped ESRI Shapefile (.zip with .shp/.dbf/.prj, optional .cpg and .shx)
/// or a GeoJSON FeatureCollection (.geojson/.json). All or nothing: every feature is checked first and, if any is
/// refused, every problem is reported and nothing is written.
/// </summary>
/// <remarks>
/// Coordinates must be CGCS2000 longitude/latitude (EPSG:4490). A Shapefile's .prj must name that system. A
/// GeoJSON file may carry the pre-RFC 7946 <c>crs</c> member naming EPSG:4490, or none; RFC 7946 then says WGS 84,
/// which we accept as CGCS2000: the two frames differ by a few centimetres, far below the digitising accuracy of
/// plot boundaries (1:10,000 surveys, ±5 m).
/// </remarks>
public sealed record ImportPlots(Guid WatershedId, string FileName, Stream Content);

public sealed class ImportPlotsHandler(RegistryDb db, TimeProvider clock)
{
    /// <summary>Field names accepted for each attribute, Chinese survey names first (三调/确权 practice), then English.</summary>
    internal static readonly string[] CodeFields = ["地块编码", "DKBM", "code", "plotCode"];
    internal static readonly string[] LandUseFields = ["地类编码", "DLBM", "landUse", "landUseCode"];
    internal static readonly string[] NameFields = ["地块名称", "DKMC", "name"];

    public async Task<ImportResult> HandleAsync(ImportPlots request, CancellationToken ct = default)
    {
        var bytes = await ImportFiles.ReadAsync(request.Content, ct);
        if (bytes.IsFailure)
        {
            return ImportResult.Failed(bytes.Error!);
        }

        var kind = ImportFiles.Detect(request.FileName, bytes.Value, ImportFileKind.ZippedShapefile, ImportFileKind.GeoJson);
        if (kind.IsFailure)
        {
            return ImportResult.Failed(kind.Error!);
        }

        var features = kind.Value == ImportFileKind.ZippedShapefile ? ReadShapefile(bytes.Value) : ReadGeoJson(bytes.Value);
        if (features.IsFailure)
        {
            return ImportResult.Failed(features.Error!);
        }

        var rows = features.Value;
        if (rows.Count == 0)
        {
            return ImportResult.Failed(RegistryErrors.ImportEmpty());
        }

        if (rows.Count > ImportLimits.MaxRows)
        {
            return ImportResult.Failed(RegistryErrors.ImportTooManyRows(ImportLimits.MaxRows));
        }

        var watershed = await db.Watersheds.FirstOrDefaultAsync(w => w.Id == request.WatershedId, ct);
        if (watershed is null)
        {
            return ImportResult.Failed(RegistryErrors.WatershedNotFound(request.WatershedId.ToString()));
        }

        if (!db.Actor.Scope.Includes(watershed.RegionCode))
        {
            return ImportResult.Failed(RegistryErrors.RegionOutOfScope(watershed.RegionCode));
        }

        var names = rows.SelectMany(r => r.Attributes.GetNames()).Distinct(StringComparer.Ordinal).ToList();
        var codeField = FieldIn(names, CodeFields);
        var landUseField = FieldIn(names, LandUseFields);
        var nameField = FieldIn(names, NameFields);
        var fileProblems = new List<ImportProblem>();
        if (codeField is null)
        {
            fileProblems.Add(ImportText.Problem(null, null, RegistryErrors.ImportFieldMissing("地块编码（DKBM/code）")));
        }

        if (landUseField is null)
        {
            fileProblems.Add(ImportText.Problem(null, null, RegistryErrors.ImportFieldMissing("地类编码（DLBM/landUse）")));
        }

        if (fileProblems.Count > 0)
        {
            return ImportResult.Failed(fileProblems);
        }

        // Check and write under the same lock as single registration, so no plot registered meanwhile can overlap.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await DbLocks.AcquireAsync(db, "registry.plots", ct);
        var (problems, accepted) = await CheckAsync(rows, codeField!, landUseField!, nameField, ct);
        if (problems.Count > 0)
        {
            return ImportResult.Failed(problems);
        }

        var at = clock.GetUtcNow();
        var plots = accepted.Select(a => new Plot(a.Code, watershed.Id, watershed.RegionCode, a.LandUseCode, a.Geometry, PlotGeometry.AreaSquareMetres(a.Geometry), at, a.Name)).ToList();
        db.Plots.AddRange(plots);
        db.Record(at, RegistryEvents.PlotsImported, watershed.Id.ToString(), watershed.RegionCode, new
        {
            Watershed = watershed.Code,
            File = Path.GetFileName(request.FileName),
            Count = plots.Count,
            AreaSquareMetres = Math.Round(plots.Sum(p => p.AreaSquareMetres), 2),
            Codes = plots.Select(p => p.Code).ToList(),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ImportResult(plots.Count, []);
    }

    private sealed record Accepted(int Row, string Code, string LandUseCode, string? Name, MultiPolygon Geometry);

    private async Task<(List<ImportProblem> Problems, List<Accepted> Accepted)> CheckAsync(IReadOnlyList<FeatureRow> rows, string codeField, string landUseField, string? nameField, CancellationToken ct)
    {
        var problems = new List<ImportProblem>();
        var candidates = new List<Accepted>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var codes = rows.Select(r => ImportText.Text(Value(r.Attributes, codeField))).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var taken = (await db.Plots.IgnoreQueryFilters().Where(p => codes.Contains(p.Code)).Select(p => p.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        foreach (var r in rows)
        {
            var code = ImportText.Text(Value(r.Attributes, codeField));
            if (code is null)
            {
                problems.Add(ImportText.Problem(r.Row, codeField, RegistryErrors.ImportFieldMissing(codeField)));
            }
            else if (code.Length > 32)
            {
                problems.Add(ImportText.Problem(r.Row, codeField, RegistryErrors.ImportValueInvalid(code)));
            }
            else if (!seen.Add(code))
            {
                problems.Add(ImportText.Problem(r.Row, codeField, RegistryErrors.ImportDuplicateInFile(code)));
            }
            else if (taken.Contains(code))
            {
                problems.Add(ImportText.Problem(r.Row, codeField, RegistryErrors.PlotCodeTaken(code)));
            }

            var landUse = LandUse(Value(r.Attributes, landUseField));
            if (landUse is null)
            {
                problems.Add(ImportText.Problem(r.Row, landUseField, RegistryErrors.ImportFieldMissing(landUseField)));
            }
            else if (PlotRules.CheckLandUse(landUse) is { } unknown)
            {
                problems.Add(ImportText.Problem(r.Row, landUseField, unknown));
            }

            var name = nameField is null ? null : ImportText.Text(Value(r.Attributes, nameField));
            if (name is { Length: > 64 })
            {
                problems.Add(ImportText.Problem(r.Row, nameField, RegistryErrors.ImportValueInvalid(name)));
            }

            var geometry = PlotGeometry.Normalise(r.Geometry);
            if (geometry.IsFailure)
            {
                problems.Add(ImportText.Problem(r.Row, "几何", geometry.Error!));
                continue;
            }

            // Rows refused for their attributes still take part in the overlap check: their polygons are real.
            candidates.Add(new Accepted(r.Row, code ?? string.Create(CultureInfo.InvariantCulture, $"#{r.Row}"), landUse ?? "", name, geometry.Value));
        }

        var overlaps = await PlotRules.FindOverlapsAsync(db, candidates.Select(c => new PlotRules.Candidate(c.Code, c.LandUseCode, c.Geometry)).ToList(), ct);
        foreach (var (index, error) in overlaps.OrderBy(o => o.Key))
        {
            problems.Add(ImportText.Problem(candidates[index].Row, "几何", error));
        }

        return (problems.OrderBy(p => p.Row).ToList(), candidates);
    }

    private static object? Value(IAttributesTable attributes, string field) =>
        attributes.Exists(field) ? attributes[field] : null;

    /// <summary>
    /// A land-use code as text. DBF numeric fields lose leading zeros (0301 → 301, 03 → 3); GB/T 21010 codes have
    /// an even number of digits, so an odd count means one zero was dropped.
    /// </summary>
    private static string? LandUse(object? value)
    {
        var text = ImportText.Text(value);
        return text is not null && value is not string && text.Length is 1 or 3 && text.All(char.IsAsciiDigit) ? "0" + text : text;
    }

    private static string? FieldIn(IReadOnlyList<string> names, string[] aliases)
    {
        foreach (var alias in aliases)
        {
            var match = names.FirstOrDefault(n => string.Equals(n.Trim(), alias, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    internal sealed record FeatureRow(int Row, IAttributesTable Attributes, Geometry? Geometry);

    internal static Result<List<FeatureRow>> ReadShapefile(byte[] zip)
    {
        var unzipped = ImportFiles.Unzip(zip);
        if (unzipped.IsFailure)
        {
            return unzipped.Error!;
        }

        var files = unzipped.Value;
        var shps = files.Keys.Where(k => k.EndsWith(".shp", StringComparison.OrdinalIgnoreCase) && !IsMacResource(k)).ToList();
        if (shps.Count == 0)
        {
            return RegistryErrors.ImportShapefilePartMissing(".shp");
        }

        if (shps.Count > 1)
        {
            return RegistryErrors.ImportFileUnreadable("压缩包中有多个 .shp 图层，请每次导入一个图层");
        }

        var stem = shps[0][..^4];
        byte[]? Part(string ext) => files.TryGetValue(stem + ext, out var b) ? b : null;
        var dbf = Part(".dbf");
        if (dbf is null)
        {
            return RegistryErrors.ImportShapefilePartMissing(".dbf");
        }

        var prj = Part(".prj");
        if (prj is null)
        {
            return RegistryErrors.ImportShapefilePartMissing(".prj");
        }

        var wkt = Encoding.UTF8.GetString(prj).Trim();
        if (!Cgcs2000.IsGeographic(wkt))
        {
            return RegistryErrors.ImportCrsUnsupported(Cgcs2000.NameOf(wkt));
        }

        var encoding = ImportText.Gbk;
        if (Part(".cpg") is { } cpg)
        {
            var name = Encoding.ASCII.GetString(cpg);
            if (ImportText.EncodingFromCpg(name) is not { } named)
            {
                return RegistryErrors.ImportEncodingUnsupported(name.Trim());
            }

            encoding = named;
        }

        try
        {
            var options = new ShapefileReaderOptions
            {
                Encoding = encoding,
                Factory = PlotGeometry.Factory,
                // Keep invalid shapes (a bow-tie ring) so the row is reported with its reason instead of failing the file.
                GeometryBuilderMode = GeometryBuilderMode.IgnoreInvalidShapes,
            };
            using var reader = Shapefile.OpenRead(new MemoryStream(files[shps[0]], writable: false), new MemoryStream(dbf, writable: false), options);
            var rows = new List<FeatureRow>();
            var row = 0;
            while (reader.Read(out var deleted, out var feature))
            {
                row++;
                if (deleted)
                {
                    continue;
                }

                if (rows.Count >= ImportLimits.MaxRows)
                {
                    return RegistryErrors.ImportTooManyRows(ImportLimits.MaxRows);
                }

                rows.Add(new FeatureRow(row, feature.Attributes, feature.Geometry));
            }

            return rows;
        }
        catch (Exception e) when (e is ShapefileException or InvalidDataException or EndOfStreamException or IOException or ArgumentException or FormatException or IndexOutOfRangeException or InvalidOperationException or NotSupportedException)
        {
            return RegistryErrors.ImportFileUnreadable("Shapefile 内容损坏或格式不受支持");
        }
    }

    // macOS Finder zips carry __MACOSX/._name.shp resource forks beside the real files.
    private static bool IsMacResource(string path) =>
        path.StartsWith("__MACOSX/", StringComparison.Ordinal) || Path.GetFileName(path).StartsWith("._", StringComparison.Ordinal);

    private static readonly JsonSerializerOptions GeoJson = CreateGeoJsonOptions();

    private static JsonSerializerOptions CreateGeoJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { MaxDepth = 64 };
        options.Converters.Add(new GeoJsonConverterFactory(PlotGeometry.Factory));
        return options;
    }

    internal static Result<List<FeatureRow>> ReadGeoJson(byte[] bytes)
    {
        try
        {
            using (var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 }))
            {
                var root = doc.RootElement;
                if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "FeatureCollection")
                {
                    return RegistryErrors.ImportFileUnreadable("GeoJSON 须为 FeatureCollection");
                }

                if (root.TryGetProperty("crs", out var crs) && crs.ValueKind != JsonValueKind.Null)
                {
                    var name = crs.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                        ? n.GetString() ?? ""
                        : crs.GetRawText();
                    if (!Cgcs2000.IsCrsName(name))
                    {
                        return RegistryErrors.ImportCrsUnsupported(name);
                    }
                }
            }

            var collection = JsonSerializer.Deserialize<FeatureCollection>(bytes, GeoJson);
            if (collection is null)
            {
                return RegistryErrors.ImportEmpty();
            }

            if (collection.Count > ImportLimits.MaxRows)
            {
                return RegistryErrors.ImportTooManyRows(ImportLimits.MaxRows);
            }

            return collection.Select((f, i) => new FeatureRow(i + 1, f.Attributes ?? new AttributesTable(), f.Geometry)).ToList();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            return RegistryErrors.ImportFileUnreadable("GeoJSON 格式错误");
        }
    }
}

/// <summary>Recognising CGCS2000 geographic coordinates (EPSG:4490) by the names GIS software writes.</summary>
internal static class Cgcs2000
{
    private static readonly string[] GeographicNames =
    [
        "GCS_China_Geodetic_Coordinate_System_2000", // ESRI (ArcGIS, GDAL's ESRI morph)
        "China Geodetic Coordinate System 2000",     // EPSG name (QGIS, PROJ)
        "CGCS2000",
        "GCS_CGCS2000",
        "CGCS_2000",
    ];

    /// <summary>True for a .prj whose outermost definition is the CGCS2000 geographic system (not a projection on it).</summary>
    public static bool IsGeographic(string wkt)
    {
        var text = wkt.TrimStart('\uFEFF').Trim();
        if (!(text.StartsWith("GEOGCS[", StringComparison.OrdinalIgnoreCase) || text.StartsWith("GEOGCRS[", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var name = NameOf(text);
        return GeographicNames.Any(n => Same(n, name))
            || (text.Contains("AUTHORITY[\"EPSG\",\"4490\"]", StringComparison.OrdinalIgnoreCase) && !text.Contains("PROJCS", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The first quoted name in a WKT (the system's own name), for messages.</summary>
    public static string NameOf(string wkt)
    {
        var start = wkt.IndexOf('"', StringComparison.Ordinal);
        var end = start < 0 ? -1 : wkt.IndexOf('"', start + 1);
        return end > start ? wkt[(start + 1)..end] : (wkt.Length == 0 ? "（空）" : wkt[..Math.Min(wkt.Length, 60)]);
    }

    /// <summary>GeoJSON crs names: "EPSG:4490", "urn:ogc:def:crs:EPSG::4490", "http://www.opengis.net/def/crs/EPSG/0/4490".</summary>
    public static bool IsCrsName(string name)
    {
        var n = name.Trim();
        return n.Equals("EPSG:4490", StringComparison.OrdinalIgnoreCase)
            || n.Equals("urn:ogc:def:crs:EPSG::4490", StringComparison.OrdinalIgnoreCase)
            || n.Equals("urn:ogc:def:crs:EPSG:6.6:4490", StringComparison.OrdinalIgnoreCase)
            || n.EndsWith("/def/crs/EPSG/0/4490", StringComparison.OrdinalIgnoreCase);
    }

    private static bool Same(string a, string b) =>
        string.Equals(a.Replace('_', ' '), b.Replace('_', ' '), StringComparison.OrdinalIgnoreCase);
}
