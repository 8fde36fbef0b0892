namespace Qingshan.Raster.Engine;

/// <summary>One input of a run: a GeoTIFF, a rasterised plot set, or (bench) an in-memory array.</summary>
internal sealed class LayerSource
{
    private LayerSource(string name, RasterGrid grid, GeoTiffRaster? raster, PlotZoneRaster? plots)
    {
        Name = name;
        Grid = grid;
        Raster = raster;
        Plots = plots;
    }

    public string Name { get; }

    public RasterGrid Grid { get; }

    public GeoTiffRaster? Raster { get; }

    public PlotZoneRaster? Plots { get; }

    public double? NoData => Raster?.NoData ?? (Plots is null ? null : 0);

    /// <summary>Scratch bytes per reader thread (0 for plots).</summary>
    public int ScratchBytes => Raster?.ScratchBytes ?? 0;

    /// <summary>Rows a window should span to read each block once (1 when rows are read where they lie).</summary>
    public int PreferredWindowRows => Raster is { ReadsRows: false } r ? r.BlockHeight : 1;

    public static LayerSource Of(GeoTiffRaster raster) => new(raster.LayerName, raster.Grid, raster, null);

    public static LayerSource Of(PlotZoneRaster plots) => new(plots.Name, plots.Grid, null, plots);

    /// <summary>Fills the window; returns the failing block index or -1.</summary>
    public int Read<T>(int x0, int y0, int w, int h, Span<T> dest, int stride, byte[] scratch)
        where T : unmanaged
    {
        if (Raster is not null)
        {
            return Raster.ReadWindow(x0, y0, w, h, dest, stride, scratch);
        }

        if (typeof(T) != typeof(int))
        {
            throw new InvalidOperationException("Plot zones are integer layers.");
        }

        Plots!.Fill(x0, y0, w, h, System.Runtime.InteropServices.MemoryMarshal.Cast<T, int>(dest), stride);
        return -1;
    }
}
