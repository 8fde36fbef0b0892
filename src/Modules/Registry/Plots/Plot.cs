using NetTopologySuite.Geometries;

namespace Qingshan.Registry.Plots;

/// <summary>A plot (地块): one polygon of one GB/T 21010 land use inside a watershed, in CGCS2000 (EPSG:4490).</summary>
internal sealed class Plot
{
    private Plot()
    {
    }

    public Plot(string code, Guid watershedId, string regionCode, string landUseCode, MultiPolygon geometry, double areaSquareMetres, DateTimeOffset at, string? name = null)
    {
        Id = Guid.CreateVersion7();
        Code = code;
        WatershedId = watershedId;
        RegionCode = regionCode;
        LandUseCode = landUseCode;
        Geometry = geometry;
        AreaSquareMetres = areaSquareMetres;
        CreatedAt = at;
        Name = name;
        var env = geometry.EnvelopeInternal;
        MinX = env.MinX;
        MinY = env.MinY;
        MaxX = env.MaxX;
        MaxY = env.MaxY;
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; } = "";

    public string? Name { get; private set; }

    public Guid WatershedId { get; private set; }

    public string RegionCode { get; private set; } = "";

    public string LandUseCode { get; private set; } = "";

    public MultiPolygon Geometry { get; private set; } = null!;

    /// <summary>Ellipsoidal-projected area in m², computed in the plot's CGCS2000 3° Gauss-Krüger zone.</summary>
    public double AreaSquareMetres { get; private set; }

    // Bounding box kept as plain columns so bbox queries work on SQLite without a spatial index.
    public double MinX { get; private set; }

    public double MinY { get; private set; }

    public double MaxX { get; private set; }

    public double MaxY { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
