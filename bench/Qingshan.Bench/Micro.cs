using System.Diagnostics;
using System.Globalization;
using Qingshan.Raster;
using Qingshan.Raster.Engine;

namespace Qingshan.Bench;

/// <summary>
/// Single-thread cost of the two kernel halves on one cache-resident 512-pixel segment (the engine's size) taken from the
/// real data, repeated; the minimum over many repetitions is robust to a shared, noisy VM.
/// </summary>
internal static class Micro
{
    public static int Run(string data)
    {
        var names = new[] { "R", "K", "LS", "C", "P", "zones" };
        var layers = names.Select(n => GeoTiffRaster.Open(Path.Combine(data, n + ".tif"), n).Value).ToList();
        int w = layers[0].Grid.Width;
        int seg = 512, row0 = w / 2;
        var f = new float[5][];
        for (int l = 0; l < 5; l++)
        {
            var all = layers[l].ReadAllAsFloat();
            f[l] = all.AsSpan(row0 * w, seg + 16).ToArray();
        }

        var zall = layers[5].ReadAllAsInt();
        int[][] ints = [zall.AsSpan(row0 * w, seg + 16).ToArray()];
        var kernel = new RusleKernel([.. layers.Select(LayerSource.Of)], [-1, -1, -1]);
        var z = new int[seg + 16];
        float[][] ch = [new float[seg + 16], new float[seg + 16]];
        var table = new ZoneTable(2);
        int runs = 0;
        kernel.ComputeRow(f, ints, 0, seg, z, ch, [], 0);
        for (int i = 0; i < seg; i++)
        {
            runs += i == 0 || z[i] != z[i - 1] ? 1 : 0;
        }

        double Best(Action a)
        {
            double best = double.MaxValue;
            for (int rep = 0; rep < 200; rep++)
            {
                var sw = Stopwatch.StartNew();
                for (int k = 0; k < 100; k++)
                {
                    a();
                }

                best = Math.Min(best, sw.Elapsed.TotalSeconds / 100);
            }

            return best;
        }

        double tc = Best(() => kernel.ComputeRow(f, ints, 0, seg, z, ch, [], 0));
        z.AsSpan(seg, 16).Fill(-1);
        double ta = Best(() => table.Accumulate(z, ch, seg));
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"segment of {seg} px, {runs} zone runs (mean run {seg / (double)runs:F1} px)"));
        Console.WriteLine(string.Create(inv, $"ComputeRow: {tc * 1e9 / seg:F2} ns/px = {seg / tc / 1e6:F0} Mpx/s per core"));
        Console.WriteLine(string.Create(inv, $"Accumulate: {ta * 1e9 / seg:F2} ns/px = {seg / ta / 1e6:F0} Mpx/s per core"));
        Console.WriteLine(string.Create(inv, $"both:       {(tc + ta) * 1e9 / seg:F2} ns/px = {seg / (tc + ta) / 1e6:F0} Mpx/s per core"));
        return 0;
    }
}
