using System.Diagnostics;
using System.Globalization;
using Qingshan.Valuation;
using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

// A county run of 5 000 plots × 15 indicators (ACCOUNTING-METHOD.md section 7 target: well under one second).
// Prints the time of each run; the first run includes JIT warm-up.
const int Plots = 5_000;
const int Year = 2024;
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;

Parameter Price(string id, decimal value, QuantityUnit unit) => Parameter.Price(id, value, unit, Year, "bench", EvidenceLabel.Derived);
Parameter Coefficient(string id, decimal value) => new(id, value, "-", "bench", EvidenceLabel.Derived);

var parameters = new ParameterSet("bench", "000000",
[
    Price(ParameterIds.ReservoirCost, 8m, QuantityUnit.CubicMetre),
    Coefficient(ParameterIds.SedimentDepositionRatio, 0.24m),
    Price(ParameterIds.DredgingCost, 20m, QuantityUnit.CubicMetre),
    Coefficient(ParameterIds.SoilBulkDensity, 1.2m),
    Coefficient(ParameterIds.SoilNitrogenContent, 0.001m),
    Coefficient(ParameterIds.SoilPhosphorusContent, 0.0005m),
    Price(ParameterIds.NitrogenTreatmentCost, 1_750m, QuantityUnit.Tonne),
    Price(ParameterIds.PhosphorusTreatmentCost, 5_600m, QuantityUnit.Tonne),
    Price(ParameterIds.SulfurDioxideTreatmentCost, 1_263m, QuantityUnit.Tonne),
    Price(ParameterIds.CodTreatmentCost, 1_400m, QuantityUnit.Tonne),
    Price(ParameterIds.CarbonPrice, 100m, QuantityUnit.TonneCarbonDioxide),
    Coefficient(ParameterIds.CarbonDioxidePerDryMatter, 1.63m),
    Price(ParameterIds.OxygenPrice, 1_000m, QuantityUnit.Tonne),
    Coefficient(ParameterIds.OxygenPerDryMatter, 1.19m),
    Price(ParameterIds.ElectricityPrice, 0.6m, QuantityUnit.KilowattHour),
    Price(ParameterIds.TravelCostPerVisit, 150m, QuantityUnit.Visit),
    Price(ParameterIds.LandscapePremium, 20m, QuantityUnit.SquareMetre),
    Price(ParameterIds.MaterialPrice("pomelo"), 4_000m, QuantityUnit.Tonne),
    Price(ParameterIds.MaterialPrice("timber"), 900m, QuantityUnit.CubicMetre),
    Price(ParameterIds.MaterialPrice("pig"), 2_000m, QuantityUnit.Head),
    Price(ParameterIds.MaterialPrice("fish"), 12_000m, QuantityUnit.Tonne),
    Price(ParameterIds.MaterialPrice("water"), 2.6m, QuantityUnit.CubicMetre),
]);

var method = new MethodVersion("bench-15", "bench",
[
    IndicatorId.AgriculturalProducts, IndicatorId.ForestryProducts, IndicatorId.LivestockProducts, IndicatorId.FisheryProducts,
    IndicatorId.WaterSupply, IndicatorId.WaterConservation, IndicatorId.SoilRetention, IndicatorId.FloodRegulation,
    IndicatorId.AirPurification, IndicatorId.WaterPurification, IndicatorId.CarbonSequestration, IndicatorId.ClimateRegulation,
    IndicatorId.OxygenRelease, IndicatorId.LeisureTourism, IndicatorId.LandscapeValue,
], new MethodOptions());

var plots = Enumerable.Range(0, Plots).Select(i => new PlotInput("P" + i.ToString(CultureInfo.InvariantCulture), Area.FromHectares(1m + (i % 7)), "0201")
{
    Quantities = new Dictionary<InputKind, decimal>
    {
        [InputKind.WaterConservedCubicMetres] = 1_000.37m + i,
        [InputKind.SoilRetainedTonnes] = 20.113m + (i % 13),
        [InputKind.FloodStorageCubicMetres] = 50m,
        [InputKind.SulfurDioxidePurifiedTonnes] = 0.0123m,
        [InputKind.CodPurifiedTonnes] = 0.217m,
        [InputKind.NppDryMatterTonnes] = 8.31m + (i % 5),
        [InputKind.TranspirationCoolingKilowattHours] = 30_000.5m,
        [InputKind.Visits] = i % 3,
        [InputKind.LandscapeBenefitingSquareMetres] = 10m,
    },
    Products =
    [
        new ProductOutput(IndicatorId.AgriculturalProducts, "pomelo", 2.37m, QuantityUnit.Tonne),
        new ProductOutput(IndicatorId.ForestryProducts, "timber", 1.1m, QuantityUnit.CubicMetre),
        new ProductOutput(IndicatorId.LivestockProducts, "pig", 1m, QuantityUnit.Head),
        new ProductOutput(IndicatorId.FisheryProducts, "fish", 0.13m, QuantityUnit.Tonne),
        new ProductOutput(IndicatorId.WaterSupply, "water", 100m, QuantityUnit.CubicMetre),
    ],
}).ToArray();

var engine = new ValuationEngine();
var request = new ValuationRequest(method, parameters, Year, plots);
for (var r = 1; r <= runs; r++)
{
    var watch = Stopwatch.StartNew();
    var outcome = engine.Run(request);
    watch.Stop();
    if (outcome.Run is not { } run)
    {
        Console.Error.WriteLine("refused: " + string.Join(", ", outcome.Errors));
        return 1;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {r}: {Plots} plots × {method.Indicators.Count} indicators → {run.Values.Count} values, total {run.Totals.Total:0.00} 元, {run.Warnings.Count} warnings, {watch.Elapsed.TotalMilliseconds:0.0} ms"));
}

return 0;
