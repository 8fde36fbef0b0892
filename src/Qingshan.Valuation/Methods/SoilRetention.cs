using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Methods;

/// <summary>
/// Soil retention 土壤保持 (R2), ACCOUNTING-METHOD.md 3.3 [S] (Garzê, Jiajiyu, Huanghua; InVEST "avoided erosion"):
/// RUSLE functional quantity, valued at replacement cost as sediment-deposition reduction plus non-point-pollution
/// reduction.
/// </summary>
/// <remarks>
/// Erosion rates are t/(hm²·a); R in MJ·mm/(hm²·h·a), K in t·hm²·h/(hm²·MJ·mm), LS, C and P dimensionless with
/// C and P in [0, 1]. Nothing is rounded.
/// </remarks>
public static class SoilRetention
{
    /// <summary>Potential erosion A_p = R × K × LS (no cover, no practice), t/(hm²·a).</summary>
    /// <param name="r">Rainfall erosivity R, ≥ 0.</param>
    /// <param name="k">Soil erodibility K, ≥ 0.</param>
    /// <param name="ls">Slope length-steepness factor LS, ≥ 0.</param>
    /// <returns>A_p.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A factor is negative.</exception>
    public static decimal PotentialErosion(decimal r, decimal k, decimal ls)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(r);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(ls);
        return r * k * ls;
    }

    /// <summary>Actual erosion A_a = R × K × LS × C × P, t/(hm²·a).</summary>
    /// <param name="r">R, ≥ 0.</param>
    /// <param name="k">K, ≥ 0.</param>
    /// <param name="ls">LS, ≥ 0.</param>
    /// <param name="c">Cover-management factor C in [0, 1].</param>
    /// <param name="p">Support-practice factor P in [0, 1].</param>
    /// <returns>A_a.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A factor is negative, or C or P is above 1.</exception>
    public static decimal ActualErosion(decimal r, decimal k, decimal ls, decimal c, decimal p)
    {
        RequireUnitFactor(c, nameof(c));
        RequireUnitFactor(p, nameof(p));
        return PotentialErosion(r, k, ls) * c * p;
    }

    /// <summary>Soil retention A_c = A_p − A_a = R·K·LS·(1 − C·P), t/(hm²·a) (Baseline = Potential).</summary>
    /// <param name="r">R, ≥ 0.</param>
    /// <param name="k">K, ≥ 0.</param>
    /// <param name="ls">LS, ≥ 0.</param>
    /// <param name="c">C in [0, 1].</param>
    /// <param name="p">P in [0, 1].</param>
    /// <returns>A_c, never negative.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A factor is out of range.</exception>
    public static decimal RetentionPerHectare(decimal r, decimal k, decimal ls, decimal c, decimal p) =>
        PotentialErosion(r, k, ls) - ActualErosion(r, k, ls, c, p);

    /// <summary>
    /// Soil retention caused by measures (Baseline = PreTreatment, 6.4, after GB/T 15774-2008 [K]):
    /// R·K·LS·(C_before·P_before − C_after·P_after), t/(hm²·a). Negative when the measures made things worse.
    /// </summary>
    /// <param name="r">R, ≥ 0.</param>
    /// <param name="k">K, ≥ 0.</param>
    /// <param name="ls">LS, ≥ 0.</param>
    /// <param name="cBefore">C before treatment, [0, 1].</param>
    /// <param name="pBefore">P before treatment, [0, 1].</param>
    /// <param name="cAfter">C after treatment, [0, 1].</param>
    /// <param name="pAfter">P after treatment, [0, 1].</param>
    /// <returns>Retention increment per hm².</returns>
    /// <exception cref="ArgumentOutOfRangeException">A factor is out of range.</exception>
    public static decimal RetentionByMeasuresPerHectare(decimal r, decimal k, decimal ls, decimal cBefore, decimal pBefore, decimal cAfter, decimal pAfter) =>
        ActualErosion(r, k, ls, cBefore, pBefore) - ActualErosion(r, k, ls, cAfter, pAfter);

    /// <summary>Annual soil retained on an area: A_c (t/hm²·a) × area (hm²).</summary>
    /// <param name="retentionPerHectare">A_c, ≥ 0.</param>
    /// <param name="area">Area.</param>
    /// <returns>Q_sr, t/a.</returns>
    public static Mass Retained(decimal retentionPerHectare, Area area) => Mass.FromTonnes(retentionPerHectare * area.Hectares);

    /// <summary>
    /// Volume of sediment kept out of reservoirs, rivers and lakes: λ × Q_sr / ρ (m³/a). λ = 0.24 by default (Ouyang
    /// et al. 1999 [S]); ρ = soil bulk density in t/m³.
    /// </summary>
    /// <param name="retained">Q_sr.</param>
    /// <param name="depositionRatio">λ in [0, 1].</param>
    /// <param name="bulkDensity">ρ, t/m³, positive.</param>
    /// <returns>Sediment volume.</returns>
    /// <exception cref="ArgumentOutOfRangeException">λ outside [0, 1] or ρ not positive.</exception>
    public static Volume SedimentVolume(Mass retained, decimal depositionRatio, decimal bulkDensity)
    {
        RequireUnitFactor(depositionRatio, nameof(depositionRatio));
        return (retained * depositionRatio).AtBulkDensity(bulkDensity);
    }

    /// <summary>Sediment value V_sd = λ × (Q_sr / ρ) × c_dredge, 元/a.</summary>
    /// <param name="retained">Q_sr.</param>
    /// <param name="depositionRatio">λ in [0, 1].</param>
    /// <param name="bulkDensity">ρ, t/m³.</param>
    /// <param name="costPerCubicMetre">c_dredge (or reservoir cost), 元/m³.</param>
    /// <returns>V_sd.</returns>
    public static ValueYuan SedimentValue(Mass retained, decimal depositionRatio, decimal bulkDensity, decimal costPerCubicMetre) =>
        new(SedimentVolume(retained, depositionRatio, bulkDensity).CubicMetres * costPerCubicMetre);

    /// <summary>Non-point-pollution value V_dpd = Q_sr × (C_N × p_N + C_P × p_P), 元/a.</summary>
    /// <param name="retained">Q_sr.</param>
    /// <param name="nitrogenContent">C_N, mass fraction.</param>
    /// <param name="phosphorusContent">C_P, mass fraction.</param>
    /// <param name="nitrogenCost">p_N, 元/t.</param>
    /// <param name="phosphorusCost">p_P, 元/t.</param>
    /// <returns>V_dpd.</returns>
    public static ValueYuan NonPointPollutionValue(Mass retained, decimal nitrogenContent, decimal phosphorusContent, decimal nitrogenCost, decimal phosphorusCost)
    {
        RequireUnitFactor(nitrogenContent, nameof(nitrogenContent));
        RequireUnitFactor(phosphorusContent, nameof(phosphorusContent));
        return new ValueYuan((retained.Tonnes * nitrogenContent * nitrogenCost) + (retained.Tonnes * phosphorusContent * phosphorusCost));
    }

    internal static void RequireUnitFactor(decimal value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1m, name);
    }
}

/// <summary>Engine calculator for R2: lines sediment, nitrogen, phosphorus (the last two unless fertility retention replaces them).</summary>
internal sealed class SoilRetentionCalculator : IIndicatorCalculator
{
    public IndicatorId Indicator => IndicatorId.SoilRetention;

    public IEnumerable<string> RequiredParameters(MethodOptions options, IReadOnlyList<PlotInput> plots)
    {
        if (!plots.Any(p => p.Has(InputKind.SoilRetainedTonnes)))
        {
            yield break;
        }

        yield return ParameterIds.SoilBulkDensity;
        yield return options.SedimentPriceBasis == SedimentPriceBasis.Dredging ? ParameterIds.DredgingCost : ParameterIds.ReservoirCost;
        if (options.SedimentModel == SedimentModel.FixedLambda)
        {
            yield return ParameterIds.SedimentDepositionRatio;
        }

        if (options.IncludeNonPointPollution)
        {
            yield return ParameterIds.SoilNitrogenContent;
            yield return ParameterIds.SoilPhosphorusContent;
            yield return ParameterIds.NitrogenTreatmentCost;
            yield return ParameterIds.PhosphorusTreatmentCost;
        }
    }

    public PlotIndicatorValue? Compute(PlotInput plot, ParameterSet parameters, MethodOptions options)
    {
        if (!plot.Has(InputKind.SoilRetainedTonnes))
        {
            return null;
        }

        var retained = Mass.FromTonnes(plot.QuantityOf(InputKind.SoilRetainedTonnes));
        var rho = parameters.Require(ParameterIds.SoilBulkDensity);
        var sedimentPrice = parameters.Require(options.SedimentPriceBasis == SedimentPriceBasis.Dredging ? ParameterIds.DredgingCost : ParameterIds.ReservoirCost);
        var lines = new List<ValueLine>(3);
        if (options.SedimentModel == SedimentModel.FixedLambda)
        {
            var lambda = parameters.Require(ParameterIds.SedimentDepositionRatio);
            var volume = SoilRetention.SedimentVolume(retained, lambda.Value, rho.Value);
            lines.Add(ValueLine.Of("sediment", volume.CubicMetres, sedimentPrice, lambda, rho));
        }
        else
        {
            var exported = Mass.FromTonnes(plot.QuantityOf(InputKind.SedimentAvoidedExportTonnes));
            lines.Add(ValueLine.Of("sediment", exported.AtBulkDensity(rho.Value).CubicMetres, sedimentPrice, rho));
        }

        if (options.IncludeNonPointPollution)
        {
            var cn = parameters.Require(ParameterIds.SoilNitrogenContent);
            var cp = parameters.Require(ParameterIds.SoilPhosphorusContent);
            lines.Add(ValueLine.Of("nitrogen", retained.Tonnes * cn.Value, parameters.Require(ParameterIds.NitrogenTreatmentCost), cn));
            lines.Add(ValueLine.Of("phosphorus", retained.Tonnes * cp.Value, parameters.Require(ParameterIds.PhosphorusTreatmentCost), cp));
        }

        return new PlotIndicatorValue(plot.PlotId, plot.LandUseCode, IndicatorCatalog.Get(Indicator), retained.Tonnes, QuantityUnit.Tonne, lines);
    }
}
