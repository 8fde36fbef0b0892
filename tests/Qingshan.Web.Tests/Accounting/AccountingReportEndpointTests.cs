using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Accounting.Parameters;
using Qingshan.Accounting.Runs;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Platform;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Watersheds;
using Qingshan.Valuation.Engine;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Accounting;

/// <summary>The report PDF and the value-density GeoJSON of a demo run: in scope they serve, out of scope they do not exist.</summary>
public sealed class AccountingReportEndpointTests
{
    [Fact]
    public async Task The_pdf_and_the_density_map_serve_the_run_in_scope_and_are_404_outside_it_and_401_anonymous()
    {
        await using var app = await QingshanFactory.StartAsync();
        var preparer = new Actor("jp-water-test", "jp_water", RegionScope.Of(AdminDivisionCode.Parse(DemoCounty.CountyCode)), new HashSet<string>([Roles.WaterBureau]), DemoCounty.CountyCode);
        var year = app.Clock.GetUtcNow().Year;
        var id = await app.RunAsync(preparer, async sp =>
        {
            var w = (await sp.GetRequiredService<WatershedQueries>().ListAsync()).Single(x => x.Code == "211322-STQJ-001");
            var layer = await DemoAccounting.InputLayerAsync(sp.GetRequiredService<PlotQueries>(), w.Id, w.Code);
            var set = await sp.GetRequiredService<ParameterSetQueries>().IdOfAsync(DemoAccounting.ParameterSetVersion(year));
            var prepared = await sp.GetRequiredService<PrepareAccountingRunHandler>().HandleAsync(new PrepareAccountingRun(w.Id, year, MethodVersions.SwcPractice2024.Id, set!.Value, [layer!]));
            Assert.True(prepared.IsSuccess, prepared.Error?.ToString());
            return prepared.Value;
        });

        // The app's own accounting worker computes the run (computing it here as well raced the worker on its lines).
        var finished = await app.RunAsync(preparer, sp => sp.GetRequiredService<AccountingRunQueries>().WaitUntilFinishedAsync(id, TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken));
        Assert.Equal(RunStatus.Computed, finished!.Status);

        var county = await app.SignedInAsync("jp_water");
        var pdf = await county.GetAsync($"/api/accounting/runs/{id}/report.pdf", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var density = await county.GetAsync($"/api/accounting/runs/{id}/value-density.geojson", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, density.StatusCode);
        using var json = JsonDocument.Parse(await density.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.True(features.Count > 50);
        Assert.All(features, f =>
        {
            var p = f.GetProperty("properties");
            var area = p.GetProperty("areaSquareMetres").GetDouble() / 10_000d;
            Assert.Equal(p.GetProperty("valueYuan").GetDouble() / area, p.GetProperty("valuePerHectare").GetDouble(), 0.02 * p.GetProperty("valuePerHectare").GetDouble() + 0.01);
            Assert.InRange(int.Parse(p.GetProperty("densityClass").GetString()!, System.Globalization.CultureInfo.InvariantCulture), 0, 4);
        });

        var otherCounty = await app.SignedInAsync("cyx_water");
        Assert.Equal(HttpStatusCode.NotFound, (await otherCounty.GetAsync($"/api/accounting/runs/{id}/report.pdf", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherCounty.GetAsync($"/api/accounting/runs/{id}/value-density.geojson", TestContext.Current.CancellationToken)).StatusCode);
        var anonymous = await app.Client().GetAsync($"/api/accounting/runs/{id}/report.pdf", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
