using System.Diagnostics;
using System.Text.Json;

namespace Qingshan.Web.Tests.Ogc;

/// <summary>
/// GDAL's OAPIF driver is what QGIS and most GIS pipelines use to read OGC API – Features, so it is the client
/// that has to succeed. CI installs gdal-bin; a developer machine without it skips these tests, CI never does.
/// </summary>
public sealed class GdalClientTests(OgcServer server) : IClassFixture<OgcServer>
{
    [Fact]
    public async Task Ogrinfo_lists_both_collections_with_the_number_of_features_in_the_registry()
    {
        var output = await RunAsync("ogrinfo", "-ro", "-al", "-so", $"OAPIF:{server.Address}/ogc");

        Assert.Contains("Layer name: watersheds", output, StringComparison.Ordinal);
        Assert.Contains("Layer name: plots", output, StringComparison.Ordinal);
        var counts = output.Split('\n').Where(l => l.StartsWith("Feature Count:", StringComparison.Ordinal)).Select(l => int.Parse(l["Feature Count:".Length..].Trim())).ToList();
        Assert.Equal([3, server.PlotCount], counts);
        Assert.True(server.PlotCount > 200, "the demo county has a few hundred plots, enough to need several pages");
    }

    [Fact]
    public async Task Ogr2ogr_exports_every_plot_with_public_fields_only()
    {
        var file = Path.Combine(Path.GetTempPath(), $"qingshan-plots-{Guid.NewGuid():N}.geojson");
        try
        {
            // A page of 100 forces GDAL to follow the next links across several pages.
            await RunAsync("ogr2ogr", "-f", "GeoJSON", file, $"OAPIF:{server.Address}/ogc", "plots", "-oo", "PAGE_SIZE=100");

            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(server.PlotCount, features.Count);
            Assert.Equal(server.PlotCount, features.Select(f => f.GetProperty("properties").GetProperty("code").GetString()).Distinct().Count());
            var fields = features[0].GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToList();
            Assert.Equal(["areaSquareMetres", "code", "id", "landUseCode", "landUseName", "watershedCode"], fields);
            Assert.All(features, f => Assert.Equal("MultiPolygon", f.GetProperty("geometry").GetProperty("type").GetString()));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator).Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
        if (path is null)
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), $"{tool} is missing on CI: .ci/run must install gdal-bin");
            Assert.Skip($"{tool} (gdal-bin) is not installed on this machine; CI installs it and runs this test");
        }

        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        // GDAL must not pick up a proxy from the environment: the server is on loopback.
        start.Environment["NO_PROXY"] = "*";
        start.Environment["GDAL_HTTP_TIMEOUT"] = "60";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{tool} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
