using System.Collections.Concurrent;
using System.Globalization;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;
using Qingshan.Kernel;

namespace Qingshan.Registry.Plots;

/// <summary>
/// Geometry rules for plots: CGCS2000 geographic coordinates (EPSG:4490), valid polygons, areas computed in the
/// CGCS2000 3-degree Gauss-Krüger zone of the plot's centroid (EPSG:4534–4554, central meridians 75°E–135°E).
/// </summary>
public static class PlotGeometry
{
    public const int Srid = 4490;

    /// <summary>Square metres in one 亩 (1 亩 = 10000/15 m²).</summary>
    public const double SquareMetresPerMu = 10000.0 / 15.0;

    public static readonly GeometryFactory Factory = NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), Srid);

    private static readonly ConcurrentDictionary<int, MathTransform> Zones = new();

    /// <summary>Checks and normalises a geometry to a valid MultiPolygon in EPSG:4490.</summary>
    public static Result<MultiPolygon> Normalise(Geometry? geometry)
    {
        if (geometry is null || geometry.IsEmpty)
        {
            return RegistryErrors.PlotGeometryInvalid("空几何");
        }

        MultiPolygon multi;
        switch (geometry)
        {
            case Polygon polygon:
                multi = Factory.CreateMultiPolygon([(Polygon)Factory.CreateGeometry(polygon)]);
                break;
            case MultiPolygon mp:
                multi = (MultiPolygon)Factory.CreateGeometry(mp);
                break;
            default:
                return RegistryErrors.PlotGeometryNotPolygon(geometry.GeometryType);
        }

        var env = multi.EnvelopeInternal;
        if (env.MinX < 73 || env.MaxX > 136 || env.MinY < 3 || env.MaxY > 54)
        {
            return RegistryErrors.PlotOutsideChina();
        }

        var validity = new IsValidOp(multi).ValidationError;
        if (validity is not null)
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"{validity.Message} ({validity.Coordinate?.X:F6}, {validity.Coordinate?.Y:F6})");
            return RegistryErrors.PlotGeometryInvalid(where);
        }

        multi.SRID = Srid;
        return multi;
    }

    /// <summary>Central meridian (degrees east) of the 3-degree Gauss-Krüger zone containing a longitude.</summary>
    public static int CentralMeridianFor(double longitude) => (int)(3 * Math.Round(longitude / 3.0, MidpointRounding.AwayFromZero));

    /// <summary>EPSG code of the CGCS2000 3-degree GK zone without zone prefix for a central meridian (75°E → 4534 … 135°E → 4554).</summary>
    public static int EpsgForCentralMeridian(int centralMeridian) => 4534 + (centralMeridian - 75) / 3;

    /// <summary>Projects a CGCS2000 geographic geometry into its Gauss-Krüger zone (metres).</summary>
    public static Geometry Project(Geometry geographic)
    {
        var cm = CentralMeridianFor(geographic.Centroid.X);
        var transform = Zones.GetOrAdd(cm, CreateZoneTransform);
        var projected = geographic.Copy();
        projected.Apply(new TransformFilter(transform));
        projected.SRID = EpsgForCentralMeridian(cm);
        return projected;
    }

    /// <summary>Area in m² on the CGCS2000 ellipsoid's Gauss-Krüger projection (scale factor 1 on the central meridian).</summary>
    public static double AreaSquareMetres(Geometry geographic) => Project(geographic).Area;

    private static MathTransform CreateZoneTransform(int centralMeridian)
    {
        var wkt = string.Create(CultureInfo.InvariantCulture, $"""
            PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM {centralMeridian}E",
              GEOGCS["China Geodetic Coordinate System 2000",
                DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],
                PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],
              PROJECTION["Transverse_Mercator"],
              PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",{centralMeridian}],
              PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],
              UNIT["metre",1]]
            """);
        var projected = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(wkt);
        return new CoordinateTransformationFactory().CreateFromCoordinateSystems(projected.GeographicCoordinateSystem, projected).MathTransform;
    }

    private sealed class TransformFilter(MathTransform transform) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = transform.Transform(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}

/// <summary>An area shown in the three units users read: m², hm² (公顷) and 亩.</summary>
public readonly record struct PlotArea(double SquareMetres)
{
    public double Hectares => SquareMetres / 10_000.0;

    public double Mu => SquareMetres / PlotGeometry.SquareMetresPerMu;
}
