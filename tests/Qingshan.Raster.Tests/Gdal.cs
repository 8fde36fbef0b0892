using System.Diagnostics;

namespace Qingshan.Raster.Tests;

/// <summary>
/// Runs GDAL's own tools and Debian's python3 (the one python3-gdal is built for) to make test
/// rasters and reference results. Missing GDAL is a failure, never a skip: CI installs
/// gdal-bin, python3-gdal and python3-numpy.
/// </summary>
internal static class Gdal
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Helpers every python snippet gets: write a GeoTIFF from a numpy array, dump arrays.</summary>
    private const string Prelude = """
        import json, os, sys
        import numpy as np
        from osgeo import gdal, osr
        gdal.UseExceptions()
        GT = (500000.0, 10.0, 0.0, 3500000.0, 0.0, -10.0)
        TYPES = {"uint8": gdal.GDT_Byte, "int16": gdal.GDT_Int16, "uint16": gdal.GDT_UInt16, "int32": gdal.GDT_Int32,
                 "uint32": gdal.GDT_UInt32, "float32": gdal.GDT_Float32, "float64": gdal.GDT_Float64}
        def write(path, arr, nodata=None, tiled=True, compress="NONE", predictor=None, gt=GT, epsg=32649, block=256, rows_per_strip=None):
            opts = [f"COMPRESS={compress}"]
            if rows_per_strip:
                opts.append(f"BLOCKYSIZE={rows_per_strip}")
            if tiled:
                opts += ["TILED=YES", f"BLOCKXSIZE={block}", f"BLOCKYSIZE={block}"]
            if predictor:
                opts.append(f"PREDICTOR={predictor}")
            ds = gdal.GetDriverByName("GTiff").Create(path, arr.shape[1], arr.shape[0], 1, TYPES[str(arr.dtype)], opts)
            ds.SetGeoTransform(gt)
            srs = osr.SpatialReference(); srs.ImportFromEPSG(epsg)
            ds.SetProjection(srs.ExportToWkt())
            b = ds.GetRasterBand(1)
            if nodata is not None:
                b.SetNoDataValue(nodata)
            b.WriteArray(arr)
            ds = None
        def dump(path, arr):
            np.ascontiguousarray(arr, dtype="<f8").tofile(path)

        """;

    public static string Py(string dir, string script, params string[] args)
    {
        string path = Path.Combine(dir, $"snippet-{Guid.NewGuid():N}.py");
        File.WriteAllText(path, Prelude + script.Replace("\r\n", "\n"));
        return Run(Python, [path, .. args]);
    }

    public static string Run(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        Process p;
        try
        {
            p = Process.Start(psi) ?? throw new InvalidOperationException(exe + " did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"GDAL is required for the raster tests and '{exe}' could not be started ({e.Message}). Install gdal-bin python3-gdal python3-numpy.", e);
        }

        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            string stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"{exe} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr}");
            }

            return stdout.Result;
        }
    }

    public static double[] ReadDump(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new double[bytes.Length / 8];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}

/// <summary>A fresh temporary directory per test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qingshan-raster-tests", Guid.NewGuid().ToString("N"));

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
