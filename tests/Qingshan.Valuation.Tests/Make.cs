using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Tests;

/// <summary>Test data with valid defaults; a test names only what it is about.</summary>
internal static class Make
{
    public const int Year = 2024;

    public static Parameter Price(string id, decimal value, QuantityUnit unit = QuantityUnit.Tonne, int year = Year) =>
        Parameter.Price(id, value, unit, year, "test fixture", EvidenceLabel.Derived);

    public static Parameter Coefficient(string id, decimal value, string unit = "fraction") =>
        new(id, value, unit, "test fixture", EvidenceLabel.Derived);

    /// <summary>Every price the built-in calculators may need, in <see cref="Year"/> prices, with round test values.</summary>
    public static ParameterSet Parameters(params Parameter[] overrides) =>
        new ParameterSet("test-1", "360000", Defaults()).Derive("test-2", "360000", overrides);

    public static PlotInput Plot(
        string id = "P1",
        decimal hectares = 10m,
        string landUse = "0301",
        IReadOnlyDictionary<InputKind, decimal>? quantities = null,
        IReadOnlyList<ProductOutput>? products = null) =>
        new(id, Area.FromHectares(hectares), landUse)
        {
            Quantities = quantities ?? new Dictionary<InputKind, decimal>(),
            Products = products ?? [],
        };

    public static ValuationRequest Request(MethodVersion method, params PlotInput[] plots) =>
        new(method, Parameters(), Year, plots);

    public static ValuationRun Run(ValuationRequest request)
    {
        var outcome = new ValuationEngine().Run(request);
        Assert.False(outcome.IsRefused, string.Join(", ", outcome.Errors));
        return outcome.Run!;
    }

    public static MethodVersion Method(params IndicatorId[] indicators) =>
        new("test-method", "test", indicators, new MethodOptions());

    public static MethodVersion Method(MethodOptions options, params IndicatorId[] indicators) =>
        new("test-method", "test", indicators, options);

    private static Parameter[] Defaults() =>
    [
        Price(ParameterIds.ReservoirCost, 8m, QuantityUnit.CubicMetre),
        Price(ParameterIds.WaterStorageCost, 4m, QuantityUnit.CubicMetre),
        Coefficient(ParameterIds.SedimentDepositionRatio, 0.24m),
        Price(ParameterIds.DredgingCost, 20m, QuantityUnit.CubicMetre),
        Coefficient(ParameterIds.SoilBulkDensity, 1.2m, "t/m³"),
        Coefficient(ParameterIds.SoilNitrogenContent, 0.001m),
        Coefficient(ParameterIds.SoilPhosphorusContent, 0.0005m),
        Coefficient(ParameterIds.SoilPotassiumContent, 0.02m),
        Coefficient(ParameterIds.SoilOrganicMatterContent, 0.03m),
        Coefficient(ParameterIds.TopsoilDepth, 0.3m, "m"),
        Price(ParameterIds.LandIncomePerHectare, 15_000m, QuantityUnit.Hectare),
        Price(ParameterIds.NitrogenTreatmentCost, 1_750m),
        Price(ParameterIds.PhosphorusTreatmentCost, 5_600m),
        Price(ParameterIds.NitrogenFertiliserPrice, 2_549m),
        Price(ParameterIds.PhosphorusFertiliserPrice, 2_549m),
        Price(ParameterIds.PotassiumFertiliserPrice, 2_549m),
        Price(ParameterIds.OrganicMatterPrice, 320m),
        Coefficient(ParameterIds.SandBulkDensity, 1.28m, "t/m³"),
        Coefficient(ParameterIds.DesertifiedSandDepth, 0.1m, "m"),
        Price(ParameterIds.SandControlCost, 3.75m, QuantityUnit.SquareMetre),
        Coefficient(ParameterIds.ReservoirFloodStorageShare, 0.35m),
        Price(ParameterIds.SulfurDioxideTreatmentCost, 1_263m),
        Price(ParameterIds.NitrogenOxidesTreatmentCost, 1_263m),
        Price(ParameterIds.DustTreatmentCost, 300m),
        Price(ParameterIds.CodTreatmentCost, 1_400m),
        Price(ParameterIds.AmmoniaNitrogenTreatmentCost, 1_750m),
        Price(ParameterIds.TotalPhosphorusTreatmentCost, 5_600m),
        Price(ParameterIds.CarbonPrice, 100m, QuantityUnit.TonneCarbonDioxide),
        Coefficient(ParameterIds.CarbonDioxidePerDryMatter, 1.63m, "t/t"),
        Price(ParameterIds.OxygenPrice, 1_000m),
        Coefficient(ParameterIds.OxygenPerDryMatter, 1.19m, "t/t"),
        Price(ParameterIds.ElectricityPrice, 0.6m, QuantityUnit.KilowattHour),
        Price(ParameterIds.TravelCostPerVisit, 150m, QuantityUnit.Visit),
        Price(ParameterIds.RevenuePerVisit, 100m, QuantityUnit.Visit),
        Price(ParameterIds.LandscapePremium, 20m, QuantityUnit.SquareMetre),
        Price(ParameterIds.MaterialPrice("pomelo"), 4_000m),
        Price(ParameterIds.MaterialPrice("tea"), 60_000m),
        Price(ParameterIds.MaterialPrice("timber"), 900m, QuantityUnit.CubicMetre),
        Price(ParameterIds.MaterialPrice("pig"), 2_000m, QuantityUnit.Head),
        Price(ParameterIds.MaterialPrice("fish"), 12_000m),
        Price(ParameterIds.MaterialPrice("water_domestic"), 2.6m, QuantityUnit.CubicMetre),
    ];
}
