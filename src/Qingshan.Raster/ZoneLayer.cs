using Qingshan.Raster.Engine;

namespace Qingshan.Raster;

/// <summary>Where zone ids come from: an integer GeoTIFF (0 and nodata = no zone) or rasterised plots.</summary>
public sealed class ZoneLayer
{
    private ZoneLayer(LayerSource source) => Source = source;

    internal LayerSource Source { get; }

    public string Name => Source.Name;

    public RasterGrid Grid => Source.Grid;

    public static ZoneLayer FromRaster(GeoTiffRaster raster) => new(LayerSource.Of(raster));

    public static ZoneLayer FromPlots(PlotZoneRaster plots) => new(LayerSource.Of(plots));
}
