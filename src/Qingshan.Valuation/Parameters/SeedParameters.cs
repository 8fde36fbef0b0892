using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Parameters;

/// <summary>
/// The default values of ACCOUNTING-METHOD.md section 4, with their published price years, sources and evidence
/// labels. They are seeds to derive regional sets from, not defaults to run on: the soil values are from other
/// regions (use local survey data), and the prices are in their publication-year prices, so a run for another
/// accounting year is refused until each price is index-adjusted (<see cref="Parameter.AdjustToPriceYear"/>).
/// </summary>
public static class SeedParameters
{
    /// <summary>Version label of <see cref="Reference"/>.</summary>
    public const string ReferenceVersion = "seed-method-doc-2026.1";

    private const string Garze = "Garzê 2017 (甘孜州 GEP, 2010 prices)";
    private const string Jiajiyu = "Jiajiyu 2018 (贾家峪 small watershed); price year not stated, publication year assumed [D]";

    /// <summary>The seed set: every parameter of the section 4 table that has a published value.</summary>
    /// <returns>A root parameter set (no <see cref="ParameterSet.BasedOn"/>), region "national-seed".</returns>
    public static ParameterSet Reference() => new(ReferenceVersion, "national-seed",
    [
        Parameter.Price(ParameterIds.ReservoirCost, 7.06m, QuantityUnit.CubicMetre, 2010, Garze, EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.WaterStorageCost, 3.75m, QuantityUnit.CubicMetre, 2018, Jiajiyu, EvidenceLabel.Sourced),
        new(ParameterIds.SedimentDepositionRatio, 0.24m, "fraction", "Ouyang et al. 1999, cited by Garzê, Jiajiyu, Huanghua", EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.DredgingCost, 15.58m, QuantityUnit.CubicMetre, 2010, Garze, EvidenceLabel.Sourced),
        new(ParameterIds.SoilBulkDensity, 0.93m, "t/m³", Garze + ", alpine soils; replace with local survey", EvidenceLabel.Sourced),
        new(ParameterIds.SoilNitrogenContent, 0.0037m, "fraction", Garze + ": 0.37 %", EvidenceLabel.Sourced),
        new(ParameterIds.SoilPhosphorusContent, 0.00108m, "fraction", Garze + ": 0.108 %", EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.NitrogenTreatmentCost, 875m, QuantityUnit.Tonne, 2010, Garze + "; = 0.7 元/equivalent ÷ 0.8 kg [D]", EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.PhosphorusTreatmentCost, 2_800m, QuantityUnit.Tonne, 2010, Garze + "; = 0.7 元/equivalent ÷ 0.25 kg [D]", EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.NitrogenFertiliserPrice, 2_549m, QuantityUnit.Tonne, 2018, Jiajiyu + "; Huanghua 2016", EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.PhosphorusFertiliserPrice, 2_549m, QuantityUnit.Tonne, 2018, Jiajiyu + "; Huanghua 2016", EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.PotassiumFertiliserPrice, 2_549m, QuantityUnit.Tonne, 2018, Jiajiyu + "; Huanghua 2016", EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.OrganicMatterPrice, 320m, QuantityUnit.Tonne, 2018, Jiajiyu, EvidenceLabel.Sourced),
        new(ParameterIds.SandBulkDensity, 1.28m, "t/m³", Garze, EvidenceLabel.Sourced),
        new(ParameterIds.DesertifiedSandDepth, 0.1m, "m", Garze, EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.SandControlCost, 3.75m, QuantityUnit.SquareMetre, 2010, Garze, EvidenceLabel.Sourced),
        new(ParameterIds.ReservoirFloodStorageShare, 0.35m, "fraction", Garze, EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.SulfurDioxideTreatmentCost, 1_200m, QuantityUnit.Tonne, 2010, Garze + "; basis LY/T 1721 1.20 元/kg [K]", EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.NitrogenOxidesTreatmentCost, 630m, QuantityUnit.Tonne, 2010, Garze + "; = 0.6 元/equivalent ÷ 0.95 kg [D]", EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.DustTreatmentCost, 150m, QuantityUnit.Tonne, 2010, Garze + "; = 0.6 元/equivalent ÷ 4 kg [D]", EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.CodTreatmentCost, 700m, QuantityUnit.Tonne, 2010, Garze + "; = 0.7 元/equivalent ÷ 1 kg [D]", EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.AmmoniaNitrogenTreatmentCost, 875m, QuantityUnit.Tonne, 2010, Garze + "; = 0.7 元/equivalent ÷ 0.8 kg [D]", EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.TotalPhosphorusTreatmentCost, 2_800m, QuantityUnit.Tonne, 2010, "0.7 元/equivalent ÷ 0.25 kg, by analogy with Garzê's N and COD prices", EvidenceLabel.Derived),
        Parameter.Price(ParameterIds.CarbonPrice, 379.87m, QuantityUnit.TonneCarbonDioxide, 2017, "Gaotianyan 2017 (高天岩), LY/T 1721-based, CPI-adjusted", EvidenceLabel.Sourced),
        new(ParameterIds.CarbonDioxidePerDryMatter, 1.63m, "t CO₂/t dry matter", "Gaotianyan 2017; Jiajiyu 2018", EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.OxygenPrice, 1_000m, QuantityUnit.Tonne, 2008, "LY/T 1721-2008 industrial oxygen; also the 酉阳 platform default", EvidenceLabel.Knowledge),
        new(ParameterIds.OxygenPerDryMatter, 1.19m, "t O₂/t dry matter", "Gaotianyan 2017", EvidenceLabel.Sourced),
        Parameter.Price(ParameterIds.ElectricityPrice, 0.53m, QuantityUnit.KilowattHour, 2010, Garze, EvidenceLabel.Sourced),
    ]);
}
