using System.Globalization;

namespace Qingshan.Raster;

/// <summary>
/// A north-up raster grid: pixel (column, row) covers x ∈ [OriginX + column·PixelWidth, +PixelWidth)
/// and y ∈ [OriginY + row·PixelHeight, +PixelHeight). PixelHeight is negative for north-up rasters,
/// as in GDAL's geotransform (OriginX, PixelWidth, 0, OriginY, 0, PixelHeight).
/// </summary>
public sealed record RasterGrid(int Width, int Height, double OriginX, double OriginY, double PixelWidth, double PixelHeight, int EpsgCode)
{
    /// <summary>Area of one pixel in m² (assumes a projected CRS in metres).</summary>
    public double PixelAreaSquareMetres => Math.Abs(PixelWidth * PixelHeight);

    /// <summary>Area of one pixel in hm² (ha).</summary>
    public double PixelAreaHectares => PixelAreaSquareMetres / 10_000.0;

    public long PixelCount => (long)Width * Height;

    /// <summary>GDAL-style geotransform.</summary>
    public double[] GeoTransform => [OriginX, PixelWidth, 0, OriginY, 0, PixelHeight];

    /// <summary>Null when the grids coincide (to 1e-9 of a pixel); otherwise what differs.</summary>
    public string? DescribeDifference(RasterGrid other)
    {
        if (Width != other.Width || Height != other.Height)
        {
            return string.Create(CultureInfo.InvariantCulture, $"尺寸 {Width}×{Height} ≠ {other.Width}×{other.Height}");
        }

        double tol = 1e-9 * Math.Min(Math.Abs(PixelWidth), Math.Abs(PixelHeight));
        if (Math.Abs(PixelWidth - other.PixelWidth) > 1e-9 * Math.Abs(PixelWidth) || Math.Abs(PixelHeight - other.PixelHeight) > 1e-9 * Math.Abs(PixelHeight))
        {
            return string.Create(CultureInfo.InvariantCulture, $"像元大小 {PixelWidth}×{PixelHeight} ≠ {other.PixelWidth}×{other.PixelHeight}");
        }

        if (Math.Abs(OriginX - other.OriginX) > tol || Math.Abs(OriginY - other.OriginY) > tol)
        {
            return string.Create(CultureInfo.InvariantCulture, $"原点 ({OriginX}, {OriginY}) ≠ ({other.OriginX}, {other.OriginY})");
        }

        return null;
    }
}
