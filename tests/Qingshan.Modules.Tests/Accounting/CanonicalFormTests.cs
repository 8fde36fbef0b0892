using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Accounting.Inputs;
using Qingshan.Accounting.Runs;
using Qingshan.Tests.Support;
using Qingshan.Valuation.Engine;

namespace Qingshan.Tests.Accounting;

public sealed class CanonicalFormTests
{
    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("120.000", "120")]
    [InlineData("0.0", "0")]
    [InlineData("-2.10", "-2.1")]
    [InlineData("0.333", "0.333")]
    public void Decimals_are_written_with_the_fewest_digits_that_keep_their_value(string input, string canonical) =>
        Assert.Equal(canonical, CanonicalForm.Number(decimal.Parse(input, CultureInfo.InvariantCulture)));

    [Fact]
    public void The_input_hash_does_not_depend_on_the_threads_culture()
    {
        var inputs = new RunInputs([new PlotSnapshot("P-1", 1.25m, "0301")],
            [new InputLayer("t.csv", InputLayerKind.PlotTable, "v1", [new PlotQuantities("P-1") { Quantities = new Dictionary<InputKind, decimal> { [InputKind.SoilRetainedTonnes] = 1234.5m } }])]);
        var set = new Qingshan.Valuation.Parameters.ParameterSet("s", "", AccountingWorld.Defaults());
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var invariant = RunComputation.InputHash(MethodVersions.SwcPractice2024, 2025, set, inputs);
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, RunComputation.InputHash(MethodVersions.SwcPractice2024, 2025, set, inputs));
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal(invariant, RunComputation.InputHash(MethodVersions.SwcPractice2024, 2025, set, inputs));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public async Task A_raster_layer_and_a_plot_table_merge_per_plot_but_may_not_both_give_one_quantity()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var table = await AccountingWorld.LayerAsync("plot_code,visits\nP-1,100\nP-2,50\n");
        var raster = new InputLayer("rusle-2025", InputLayerKind.RasterZonalSums, "sha256:abc",
            [new PlotQuantities("P-1") { Quantities = new Dictionary<InputKind, decimal> { [InputKind.SoilRetainedTonnes] = 40m } }]);

        var ok = await platform.RunAsync(AccountingWorld.Preparer, sp => sp.GetRequiredService<PrepareAccountingRunHandler>()
            .HandleAsync(new PrepareAccountingRun(world.Watershed, AccountingWorld.Year, "SWC-practice-2024", world.ParameterSet, [table, raster])));
        Assert.True(ok.IsSuccess, ok.Error?.ToString());
        await world.ProcessAsync(ok.Value);
        var breakdown = (await platform.RunAsync(AccountingWorld.Preparer, sp => sp.GetRequiredService<AccountingRunQueries>().BreakdownAsync(ok.Value)))!;
        Assert.Contains(breakdown.ByIndicator, i => i.IndicatorCode == "R2");
        Assert.Contains(breakdown.ByIndicator, i => i.IndicatorCode == "C1" && i.Quantity == 150m);
        Assert.Contains("rusle-2025（RasterZonalSums，sha256:abc，1 个地块）", (await world.DetailAsync(ok.Value))!.InputLayers);

        var clash = new InputLayer("rusle-b", InputLayerKind.RasterZonalSums, "x", [new PlotQuantities("P-1") { Quantities = new Dictionary<InputKind, decimal> { [InputKind.Visits] = 1m } }]);
        var refused = await platform.RunAsync(AccountingWorld.Preparer, sp => sp.GetRequiredService<PrepareAccountingRunHandler>()
            .HandleAsync(new PrepareAccountingRun(world.Watershed, AccountingWorld.Year, "SWC-practice-2024", world.ParameterSet, [table, clash])));
        Assert.Equal("accounting.input.quantity_conflict", refused.Error?.Code);
        Assert.Equal("P-1", refused.Error?.Target);
    }

    [Fact]
    public async Task A_negative_quantity_from_a_raster_layer_is_refused_by_the_engine_naming_the_plot()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var raster = new InputLayer("rusle", InputLayerKind.RasterZonalSums, "x",
            [new PlotQuantities("P-2") { Quantities = new Dictionary<InputKind, decimal> { [InputKind.SoilRetainedTonnes] = -1m } }]);

        var refused = await platform.RunAsync(AccountingWorld.Preparer, sp => sp.GetRequiredService<PrepareAccountingRunHandler>()
            .HandleAsync(new PrepareAccountingRun(world.Watershed, AccountingWorld.Year, "SWC-practice-2024", world.ParameterSet, [raster])));

        Assert.Equal("accounting.plot.quantity_negative", refused.Error?.Code);
        Assert.Equal("P-2", refused.Error?.Target);
        Assert.Equal("SoilRetainedTonnes", refused.Error?.Args[0]);
    }
}
