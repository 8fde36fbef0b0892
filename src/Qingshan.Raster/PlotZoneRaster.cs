using NetTopologySuite.Geometries;

namespace Qingshan.Raster;

/// <summary>A plot polygon to burn: <paramref name="Id"/> &gt; 0 becomes its zone id.</summary>
public readonly record struct Plot(int Id, Geometry Geometry);

/// <summary>
/// Plot polygons rasterised onto a grid with gdal_rasterize's default rule (no ALL_TOUCHED): a pixel
/// belongs to a polygon when its centre is inside, evaluated scanline by scanline at row centres with
/// even-odd filling over all rings of a feature; intersections round with floor(x + 0.5) and spans are
/// half-open; a horizontal edge lying exactly on a row centre is burnt when the ring's inside is above
/// it (see <see cref="OrientRings"/>). Later plots overwrite earlier ones where they overlap (burn order). The result is
/// kept as runs per row, so memory follows the plots' outline, not the raster size.
/// </summary>
public sealed class PlotZoneRaster
{
    private readonly int[] rowStart;
    private readonly int[] spanFrom;
    private readonly int[] spanTo;
    private readonly int[] spanId;

    private PlotZoneRaster(string name, RasterGrid grid, int[] rowStart, int[] spanFrom, int[] spanTo, int[] spanId)
    {
        Name = name;
        Grid = grid;
        this.rowStart = rowStart;
        this.spanFrom = spanFrom;
        this.spanTo = spanTo;
        this.spanId = spanId;
    }

    /// <summary>Layer name used in messages.</summary>
    public string Name { get; }

    public RasterGrid Grid { get; }

    /// <summary>Number of row runs kept.</summary>
    public int SpanCount => spanId.Length;

    /// <summary>
    /// Burns <paramref name="plots"/> in order. Geometries must be in the grid's CRS and polygonal
    /// (Polygon, MultiPolygon, or collections of them); ids must be positive.
    /// </summary>
    public static PlotZoneRaster Rasterise(RasterGrid grid, IEnumerable<Plot> plots, string name = "plots")
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(plots);

        // GDAL inverts the geotransform and applies it to each vertex; do the same arithmetic.
        double ix0 = -grid.OriginX / grid.PixelWidth, ix1 = 1.0 / grid.PixelWidth;
        double iy0 = -grid.OriginY / grid.PixelHeight, iy1 = 1.0 / grid.PixelHeight;
        var rows = new List<(int From, int To, int Id)>?[grid.Height];
        var xs = new List<double>();
        var ys = new List<double>();
        var parts = new List<int>();
        var ints = new List<int>();
        foreach (var plot in plots)
        {
            if (plot.Id <= 0)
            {
                throw new ArgumentException($"Plot ids must be positive; got {plot.Id}.", nameof(plots));
            }

            xs.Clear();
            ys.Clear();
            parts.Clear();
            CollectRings(plot.Geometry, xs, ys, parts);
            for (int v = 0; v < xs.Count; v++)
            {
                xs[v] = ix0 + (xs[v] * ix1);
                ys[v] = iy0 + (ys[v] * iy1);
            }

            OrientRings(xs, ys, parts);

            Scan(grid.Width, grid.Height, xs, ys, parts, ints, (y, from, to) =>
            {
                from = Math.Max(from, 0);
                to = Math.Min(to, grid.Width - 1);
                if (from <= to)
                {
                    (rows[y] ??= []).Add((from, to + 1, plot.Id));
                }
            });
        }

        var rowStart = new int[grid.Height + 1];
        int total = 0;
        for (int y = 0; y < grid.Height; y++)
        {
            rowStart[y] = total;
            total += rows[y]?.Count ?? 0;
        }

        rowStart[grid.Height] = total;
        var from = new int[total];
        var to = new int[total];
        var id = new int[total];
        for (int y = 0; y < grid.Height; y++)
        {
            if (rows[y] is { } list)
            {
                for (int s = 0; s < list.Count; s++)
                {
                    from[rowStart[y] + s] = list[s].From;
                    to[rowStart[y] + s] = list[s].To;
                    id[rowStart[y] + s] = list[s].Id;
                }
            }
        }

        return new PlotZoneRaster(name, grid, rowStart, from, to, id);
    }

    /// <summary>
    /// Gives every ring (shell or hole) the same winding in pixel space, clockwise as drawn with rows
    /// going down. gdal_rasterize (3.6) behaves this way: a horizontal edge lying on a row centre is burnt
    /// when the ring's own inside is above it, whichever way the ring was digitised (checked against
    /// gdal_rasterize with both windings, steps and holes in the tests).
    /// </summary>
    private static void OrientRings(List<double> xs, List<double> ys, List<int> parts)
    {
        int start = 0;
        foreach (int count in parts)
        {
            double twiceArea = 0;
            for (int i = 0; i < count; i++)
            {
                int a = start + i, b = start + ((i + 1) % count);
                twiceArea += (xs[a] * ys[b]) - (xs[b] * ys[a]);
            }

            if (twiceArea < 0)
            {
                xs.Reverse(start, count);
                ys.Reverse(start, count);
            }

            start += count;
        }
    }

    private static void CollectRings(Geometry g, List<double> xs, List<double> ys, List<int> parts)
    {
        switch (g)
        {
            case Polygon p:
                AddRing(p.ExteriorRing, xs, ys, parts);
                foreach (var hole in p.InteriorRings)
                {
                    AddRing(hole, xs, ys, parts);
                }

                break;
            case GeometryCollection c:
                foreach (var child in c.Geometries)
                {
                    CollectRings(child, xs, ys, parts);
                }

                break;
            default:
                throw new ArgumentException($"Plots must be polygons; got {g.GeometryType}.", nameof(g));
        }
    }

    private static void AddRing(LineString ring, List<double> xs, List<double> ys, List<int> parts)
    {
        var seq = ring.CoordinateSequence;
        if (seq.Count == 0)
        {
            return;
        }

        for (int i = 0; i < seq.Count; i++)
        {
            xs.Add(seq.GetX(i));
            ys.Add(seq.GetY(i));
        }

        parts.Add(seq.Count);
    }

    /// <summary>Scanline fill at row centres; emits inclusive pixel ranges (unclipped in x).</summary>
    private static void Scan(int width, int height, List<double> xs, List<double> ys, List<int> parts, List<int> ints, Action<int, int, int> emit)
    {
        int n = xs.Count;
        if (n == 0)
        {
            return;
        }

        double minY = ys.Min(), maxY = ys.Max();
        int y0 = Math.Max(0, (int)minY), y1 = Math.Min(height - 1, (int)maxY);
        int minX = 0, maxX = width - 1;
        for (int y = y0; y <= y1; y++)
        {
            double dy = y + 0.5;
            ints.Clear();
            int partStart = 0, part = 0;
            for (int i = 0; i < n; i++)
            {
                if (i == partStart + parts[part])
                {
                    partStart += parts[part];
                    part++;
                }

                // Edge from the previous vertex (the ring's last for its first) to this one.
                int a = i == partStart ? partStart + parts[part] - 1 : i - 1, b = i;
                double ya = ys[a], yb = ys[b];
                if ((ya < dy && yb < dy) || (ya > dy && yb > dy))
                {
                    continue;
                }

                double xLow, xHigh, yLow, yHigh;
                if (ya < yb)
                {
                    (xLow, yLow, xHigh, yHigh) = (xs[a], ya, xs[b], yb);
                }
                else if (ya > yb)
                {
                    (xLow, yLow, xHigh, yHigh) = (xs[b], yb, xs[a], ya);
                }
                else
                {
                    // Horizontal edge on the centre line: rings are clockwise, so right-to-left means the inside is above.
                    if (xs[a] > xs[b])
                    {
                        int h0 = (int)Math.Floor(xs[b] + 0.5), h1 = (int)Math.Floor(xs[a] + 0.5);
                        if (h0 <= maxX && h1 > minX)
                        {
                            emit(y, h0, h1 - 1);
                        }
                    }

                    continue;
                }

                if (dy < yHigh && dy >= yLow)
                {
                    double x = ((dy - yLow) * (xHigh - xLow) / (yHigh - yLow)) + xLow;
                    ints.Add((int)Math.Floor(x + 0.5));
                }
            }

            ints.Sort();
            for (int k = 0; k + 1 < ints.Count; k += 2)
            {
                if (ints[k] <= maxX && ints[k + 1] > minX)
                {
                    emit(y, ints[k], ints[k + 1] - 1);
                }
            }
        }
    }

    /// <summary>Writes zone ids of the window (0 outside every plot) with row stride <paramref name="stride"/>.</summary>
    internal void Fill(int x0, int y0, int w, int h, Span<int> dest, int stride)
    {
        for (int r = 0; r < h; r++)
        {
            var row = dest.Slice(r * stride, w);
            row.Clear();
            int y = y0 + r;
            for (int s = rowStart[y]; s < rowStart[y + 1]; s++)
            {
                int a = Math.Max(spanFrom[s], x0), b = Math.Min(spanTo[s], x0 + w);
                if (a < b)
                {
                    row[(a - x0)..(b - x0)].Fill(spanId[s]);
                }
            }
        }
    }

    /// <summary>The whole zone raster (tests and small grids: allocates width × height ints).</summary>
    public int[] ToArray()
    {
        var all = new int[Grid.PixelCount];
        Fill(0, 0, Grid.Width, Grid.Height, all, Grid.Width);
        return all;
    }

    /// <summary>Writes the zone raster as an Int32 GeoTIFF (nodata 0), strip by strip.</summary>
    public void WriteGeoTiff(string path, int blockSize = 256)
    {
        using var writer = GeoTiffWriter.Create(path, Grid, RasterDataType.Int32, 0, tiled: true, blockSize, blockSize);
        var buf = new int[blockSize * blockSize];
        int across = (Grid.Width + blockSize - 1) / blockSize;
        for (int b = 0; b < writer.BlockCount; b++)
        {
            int x0 = b % across * blockSize, y0 = b / across * blockSize;
            Array.Clear(buf);
            Fill(x0, y0, Math.Min(blockSize, Grid.Width - x0), Math.Min(blockSize, Grid.Height - y0), buf, blockSize);
            writer.WriteBlock<int>(b, buf);
        }
    }
}
