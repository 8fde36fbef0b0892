using FsCheck;
using FsCheck.Fluent;
using Qingshan.Valuation.Engine;

namespace Qingshan.Valuation.Tests.Engine;

public sealed class EngineProperties
{
    private static readonly Gen<PlotInput[]> Plots =
        from count in Gen.Choose(1, 30)
        from soil in Gen.ArrayOf(Gen.Choose(0, 400_000), count)
        from npp in Gen.ArrayOf(Gen.Choose(0, 50_000), count)
        from water in Gen.ArrayOf(Gen.Choose(0, 2_000_000), count)
        select soil.Select((s, i) => Make.Plot("P" + i, 1m + i, "0301", new Dictionary<InputKind, decimal>
        {
            [InputKind.SoilRetainedTonnes] = s / 1_000m,
            [InputKind.NppDryMatterTonnes] = npp[i] / 100m,
            [InputKind.WaterConservedCubicMetres] = water[i] / 10m,
        })).ToArray();

    private static ValuationRun Run(PlotInput[] plots) => Make.Run(Make.Request(MethodVersions.SwcPractice2024, plots));

    [Fact]
    public void Plot_totals_indicator_totals_and_category_totals_all_add_up_to_the_run_total() =>
        Prop.ForAll(Plots.ToArbitrary(), plots =>
        {
            var run = Run(plots);
            var byPlot = run.PlotTotals().Values.Aggregate(0m, (a, b) => a + b);
            var byIndicator = run.IndicatorTotals.Aggregate(0m, (a, t) => a + t.Value);
            var byCategory = run.Totals.MaterialSupply + run.Totals.Regulating + run.Totals.Cultural;
            return byPlot == run.Totals.Total && byIndicator == run.Totals.Total && byCategory == run.Totals.Total
                && !run.Warnings.Any(w => w.Code == ValuationCodes.CheckRecomputedValueMismatch || w.Code == ValuationCodes.CheckCategorySumMismatch);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void More_soil_retained_on_a_plot_never_lowers_its_value() =>
        Prop.ForAll(Plots.ToArbitrary(), Gen.Choose(0, 100_000).ToArbitrary(), (plots, extra) =>
        {
            var first = plots[0];
            var more = new Dictionary<InputKind, decimal>(first.Quantities) { [InputKind.SoilRetainedTonnes] = first.QuantityOf(InputKind.SoilRetainedTonnes) + (extra / 100m) };
            PlotInput[] grown = [first with { Quantities = more }, .. plots.Skip(1)];
            return Run(grown).PlotTotals()[first.PlotId] >= Run(plots).PlotTotals()[first.PlotId];
        }).QuickCheckThrowOnFailure();
}
