using Qingshan.Valuation.Parameters;

namespace Qingshan.Valuation.Engine;

/// <summary>
/// The double-counting rules of ACCOUNTING-METHOD.md 6.6 and the automatic checks of section 9, run on every run.
/// Each produces warnings (the run goes ahead); refusals happen earlier, in parameter and plot validation.
/// </summary>
public static class RunChecks
{
    /// <summary>Section 9: warn above this soil retention, t/(hm²·a).</summary>
    public const decimal SoilRetentionPlausibleMaximumPerHectare = 500m;

    /// <summary>Section 9 / 3.10: plausible band of released O₂ over fixed CO₂ by mass (0.73 from one NPP).</summary>
    public const decimal OxygenCarbonRatioMinimum = 0.6m;

    /// <summary>Upper end of the O₂/CO₂ band.</summary>
    public const decimal OxygenCarbonRatioMaximum = 0.9m;

    /// <summary>
    /// Relative agreement required between two sums of the same values taken in different orders (1e-20). Decimal keeps
    /// 28–29 significant digits, so a value from a repeating quotient (e.g. λ·Q/ρ with ρ = 0.93) is rounded in its last
    /// digit, and sums in another order can differ by one unit of the 28th digit per addition; 1e-20 relative allows a
    /// hundred million additions and is still far below one fen. Anything larger is a real inconsistency.
    /// </summary>
    public const decimal SumAgreement = 1e-20m;

    /// <summary>Names of the checks, as recorded in <see cref="ValuationRun.ChecksPerformed"/>.</summary>
    public static IReadOnlyList<string> CheckNames { get; } =
    [
        "recomputed_value", "category_sums", "plot_sums", "oxygen_carbon_ratio", "soil_retention_band",
        "bulk_density_band", "avoided_land_loss_band", "cover_and_practice_factors", "price_year",
        "water_balance_clamp", "double_counting",
    ];

    internal static (IReadOnlyList<ValidationIssue> Warnings, IReadOnlyList<string> Checks) Apply(ValuationRequest request, ValuationRun run)
    {
        var warnings = new List<ValidationIssue>();
        warnings.AddRange(Recompute(run.Values));

        // Category sums vs the total: the total is summed again straight from the values, not from the categories.
        var direct = 0m;
        foreach (var v in run.Values)
        {
            direct += v.Value;
        }

        if (!Agree(direct, run.Totals.Total))
        {
            warnings.Add(ValidationIssue.Warning(ValuationCodes.CheckCategorySumMismatch, run.MethodId, run.Totals.Total, direct));
        }

        warnings.AddRange(PlotSums(request));
        warnings.AddRange(Plausibility(request, run));
        warnings.AddRange(DoubleCounting(request, run));

        // Bulk density, C and P factors and price years are refusals checked before the run (ParameterRules,
        // ParameterSet.ValidateFor); they are recorded here as performed because they gate every run.
        return (warnings, CheckNames);
    }

    /// <summary>
    /// Section 9 "recomputed value vs stored value": each line's value must equal quantity × price and each plot
    /// indicator's value the sum of its lines. Use it on values read back from storage.
    /// </summary>
    /// <param name="values">Stored or fresh values.</param>
    /// <returns>One warning per mismatching plot indicator.</returns>
    public static IEnumerable<ValidationIssue> Recompute(IEnumerable<PlotIndicatorValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var v in values)
        {
            var sum = 0m;
            var linesAgree = true;
            foreach (var line in v.Lines)
            {
                linesAgree &= line.Recompute() == line.Value;
                sum += line.Value;
            }

            if (!linesAgree || sum != v.Value)
            {
                yield return ValidationIssue.Warning(ValuationCodes.CheckRecomputedValueMismatch, v.PlotId + "/" + v.Indicator.Id.Code, v.Value, v.Lines.Sum(l => l.Recompute()));
            }
        }
    }

    private static IEnumerable<ValidationIssue> PlotSums(ValuationRequest request)
    {
        foreach (var control in request.ControlTotals)
        {
            var sum = 0m;
            foreach (var plot in request.Plots)
            {
                sum += plot.QuantityOf(control.Kind);
            }

            if (sum + control.Unassigned != control.WatershedTotal)
            {
                yield return ValidationIssue.Warning(ValuationCodes.CheckPlotSumMismatch, control.Kind.ToString(), sum, control.Unassigned, control.WatershedTotal);
            }
        }
    }

    private static IEnumerable<ValidationIssue> Plausibility(ValuationRequest request, ValuationRun run)
    {
        decimal carbonDioxide = 0m, oxygen = 0m;
        foreach (var v in run.Values)
        {
            var id = v.Indicator.Id;
            if (id == IndicatorId.CarbonSequestration)
            {
                carbonDioxide += v.Quantity ?? 0m;
            }
            else if (id == IndicatorId.OxygenRelease)
            {
                oxygen += v.Quantity ?? 0m;
            }
        }

        if (carbonDioxide > 0m && oxygen > 0m)
        {
            var ratio = oxygen / carbonDioxide;
            if (ratio < OxygenCarbonRatioMinimum || ratio > OxygenCarbonRatioMaximum)
            {
                yield return ValidationIssue.Warning(ValuationCodes.CheckOxygenCarbonRatio, run.MethodId, ratio);
            }
        }

        var landKeptId = IndicatorId.AvoidedLandLoss;
        var landLossOn = request.Method.Indicators.Contains(landKeptId);
        foreach (var plot in request.Plots)
        {
            if (plot.Area.Hectares <= 0m || !plot.Has(InputKind.SoilRetainedTonnes))
            {
                continue;
            }

            var perHectare = plot.QuantityOf(InputKind.SoilRetainedTonnes) / plot.Area.Hectares;
            if (perHectare > SoilRetentionPlausibleMaximumPerHectare)
            {
                yield return ValidationIssue.Warning(ValuationCodes.CheckSoilRetentionImplausible, plot.PlotId, perHectare);
            }
        }

        if (landLossOn)
        {
            var areas = request.Plots.ToDictionary(p => p.PlotId, p => p.Area.Hectares, StringComparer.Ordinal);
            foreach (var v in run.Values)
            {
                if (v.Indicator.Id == landKeptId && areas[v.PlotId] > 0m && (v.Quantity ?? 0m) / areas[v.PlotId] >= 1m)
                {
                    yield return ValidationIssue.Warning(ValuationCodes.CheckAvoidedLandLossImplausible, v.PlotId, v.Quantity / areas[v.PlotId]);
                }
            }
        }

        foreach (var v in run.Values)
        {
            foreach (var line in v.Lines)
            {
                if (line.Price.PriceYear != run.AccountingYear)
                {
                    yield return ValidationIssue.Warning(ValuationCodes.ParameterPriceYearMismatch, line.PriceParameter.Id, line.Price.PriceYear, run.AccountingYear);
                }
            }
        }

        if (request.WaterBalanceClampedPixels > 0)
        {
            yield return ValidationIssue.Warning(ValuationCodes.CheckWaterBalanceClamped, IndicatorId.WaterConservation.Code, request.WaterBalanceClampedPixels);
        }
    }

    private static IEnumerable<ValidationIssue> DoubleCounting(ValuationRequest request, ValuationRun run)
    {
        var indicators = request.Method.Indicators;
        var options = request.Method.Options;

        // Rule 1: one plot supplies both water models; only the method's model is valued.
        var bothWaterModels = request.Plots.Where(p => p.Has(InputKind.WaterConservedCubicMetres) && p.Has(InputKind.WaterRetainedByMeasuresCubicMetres)).ToList();
        if (bothWaterModels.Count > 0 && indicators.Contains(IndicatorId.WaterConservation))
        {
            yield return ValidationIssue.Warning(ValuationCodes.DoubleCountingWaterModels, bothWaterModels[0].PlotId, bothWaterModels.Count, options.WaterConservationModel.ToString());
        }

        // Rule 2: GEP practice counts both; warn for reports used for pricing.
        if (Valued(run, IndicatorId.WaterConservation) && Valued(run, IndicatorId.WaterSupply))
        {
            yield return ValidationIssue.Warning(ValuationCodes.DoubleCountingWaterSupply, IndicatorId.WaterSupply.Code);
        }

        // Rule 3: per plot, N/P valued in soil retention and NH3-N/TP in water purification.
        var soilNutrientPlots = new HashSet<string>(StringComparer.Ordinal);
        var purificationPlots = new List<string>();
        foreach (var v in run.Values)
        {
            if (v.Indicator.Id == IndicatorId.SoilRetention && v.Lines.Any(l => l.Component is "nitrogen" or "phosphorus"))
            {
                soilNutrientPlots.Add(v.PlotId);
            }
            else if (v.Indicator.Id == IndicatorId.WaterPurification && v.Lines.Any(l => l.Component is "ammonia_nitrogen" or "total_phosphorus"))
            {
                purificationPlots.Add(v.PlotId);
            }
        }

        var overlap = purificationPlots.Where(soilNutrientPlots.Contains).ToList();
        if (overlap.Count > 0)
        {
            yield return ValidationIssue.Warning(ValuationCodes.DoubleCountingNutrientsAndWaterPurification, overlap[0], overlap.Count);
        }

        // Rule 4: fertility retention together with non-point-pollution reduction.
        if (options.IncludeNonPointPollution && Valued(run, IndicatorId.SoilFertilityRetention) && Valued(run, IndicatorId.SoilRetention))
        {
            yield return ValidationIssue.Warning(ValuationCodes.DoubleCountingFertilityAndPollution, IndicatorId.SoilFertilityRetention.Code);
        }

        // Rule 5: carbon and oxygen from the same NPP.
        if (Valued(run, IndicatorId.CarbonSequestration) && Valued(run, IndicatorId.OxygenRelease))
        {
            yield return ValidationIssue.Warning(ValuationCodes.DoubleCountingCarbonAndOxygen, IndicatorId.OxygenRelease.Code);
        }

        // Rule 6: tourism on revenue basis and agricultural products on one plot.
        if (options.TourismBasis == TourismBasis.Revenue)
        {
            var tourism = new HashSet<string>(run.Values.Where(v => v.Indicator.Id == IndicatorId.LeisureTourism && v.Value > 0m).Select(v => v.PlotId), StringComparer.Ordinal);
            var both = run.Values.Where(v => v.Indicator.Id == IndicatorId.AgriculturalProducts && v.Value > 0m && tourism.Contains(v.PlotId)).Select(v => v.PlotId).ToList();
            if (both.Count > 0)
            {
                yield return ValidationIssue.Warning(ValuationCodes.DoubleCountingTourismRevenueAndProducts, both[0], both.Count);
            }
        }
    }

    /// <summary>Whether two sums of the same values agree within <see cref="SumAgreement"/> (relative).</summary>
    /// <param name="a">One sum.</param>
    /// <param name="b">The other.</param>
    /// <returns>True when equal or within the relative bound.</returns>
    public static bool Agree(decimal a, decimal b) =>
        a == b || Math.Abs(a - b) <= Math.Max(Math.Abs(a), Math.Abs(b)) * SumAgreement;

    private static bool Valued(ValuationRun run, IndicatorId id) => run.IndicatorTotals.Any(t => t.Indicator.Id == id && t.Value > 0m);
}
