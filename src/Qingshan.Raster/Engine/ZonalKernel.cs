using Qingshan.Kernel;

namespace Qingshan.Raster.Engine;

/// <summary>
/// The per-pixel part of one model. The engine hands it one row segment at a time; it writes the
/// zone id to sum into (0 = skip the pixel) and one float per channel per pixel, plus optional
/// per-pixel output rasters. The engine then does the run-length zonal accumulation.
/// </summary>
internal abstract class ZonalKernel
{
    /// <summary>Values summed per zone (besides the pixel count).</summary>
    public abstract int ChannelCount { get; }

    /// <summary>Per-pixel float32 output rasters this run writes (may be 0).</summary>
    public abstract int OutputCount { get; }

    /// <summary>Nodata written to output rasters.</summary>
    public virtual float OutputNoData => RasterModels.OutputNoData;

    /// <summary>
    /// Computes pixels [offset, offset+n) of the input buffers. Writes zone ids to z[0..n), channel
    /// values to ch[c][0..n), outputs to outs[k][outOffset..outOffset+n). Returns the index (0..n) of
    /// the first invalid pixel, or -1 when the segment is valid.
    /// </summary>
    public abstract int ComputeRow(float[][] f, int[][] ints, int offset, int n, int[] z, float[][] ch, float[][] outs, int outOffset);

    /// <summary>The refusal for the invalid pixel at <paramref name="index"/> of the input buffers (the engine reports the first one in block order, deterministically).</summary>
    public abstract Error DescribeInvalid(float[][] f, int[][] ints, int index, int row, int column);
}
