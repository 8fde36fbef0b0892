using Qingshan.Valuation.Methods;
using Qingshan.Valuation.Parameters;

namespace Qingshan.Valuation.Engine;

/// <summary>
/// The accounting engine (ACCOUNTING-METHOD.md section 7): given a method version, a parameter set and per-plot
/// quantities, it computes every plot × indicator value (quantity, unit, unit price, price year, source, value), totals
/// by category, and runs the double-counting rules (6.6) and validation checks (9) on every run. It only multiplies,
/// sums and audits; it is pure, deterministic and thread-safe.
/// </summary>
public sealed class ValuationEngine
{
    private readonly Dictionary<IndicatorId, IIndicatorCalculator> calculators;

    /// <summary>An engine with a calculator for every implemented indicator (all but R4 coastal protection).</summary>
    public ValuationEngine()
        : this(DefaultCalculators())
    {
    }

    /// <summary>An engine with the given calculators (one per indicator).</summary>
    /// <param name="calculators">Calculators.</param>
    /// <exception cref="ArgumentException">Two calculators for one indicator.</exception>
    public ValuationEngine(IEnumerable<IIndicatorCalculator> calculators)
    {
        ArgumentNullException.ThrowIfNull(calculators);
        this.calculators = [];
        foreach (var c in calculators)
        {
            if (!this.calculators.TryAdd(c.Indicator, c))
            {
                throw new ArgumentException($"two calculators for indicator {c.Indicator}", nameof(calculators));
            }
        }
    }

    /// <summary>The built-in calculators.</summary>
    /// <returns>One calculator per implemented indicator.</returns>
    public static IReadOnlyList<IIndicatorCalculator> DefaultCalculators() =>
    [
        new MaterialSupplyCalculator(IndicatorId.AgriculturalProducts),
        new MaterialSupplyCalculator(IndicatorId.ForestryProducts),
        new MaterialSupplyCalculator(IndicatorId.LivestockProducts),
        new MaterialSupplyCalculator(IndicatorId.FisheryProducts),
        new MaterialSupplyCalculator(IndicatorId.EcologicalEnergy),
        new MaterialSupplyCalculator(IndicatorId.OtherProducts),
        new MaterialSupplyCalculator(IndicatorId.WaterSupply),
        new WaterConservationCalculator(),
        new SoilRetentionCalculator(),
        new SandFixationCalculator(),
        new FloodRegulationCalculator(),
        new AirPurificationCalculator(),
        new WaterPurificationCalculator(),
        new CarbonSequestrationCalculator(),
        new ClimateRegulationCalculator(),
        new LeisureTourismCalculator(),
        new LandscapeValueCalculator(),
        new OxygenReleaseCalculator(),
        new SoilFertilityRetentionCalculator(),
        new AvoidedLandLossCalculator(),
    ];

    /// <summary>
    /// Runs the accounting. Refuses (as a value) when the plots or the parameter set are not usable: duplicate plots,
    /// negative quantities, malformed land-use codes, missing or out-of-range parameters, prices not in the accounting
    /// year's prices, product units that do not match their price, or an indicator without a calculator.
    /// </summary>
    /// <param name="request">What to value.</param>
    /// <returns>The run with its warnings, or the refusal.</returns>
    public ValuationOutcome Run(ValuationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationIssue>();
        var active = new List<IIndicatorCalculator>(request.Method.Indicators.Count);
        foreach (var id in request.Method.Indicators)
        {
            if (calculators.TryGetValue(id, out var c))
            {
                active.Add(c);
            }
            else
            {
                errors.Add(ValidationIssue.Error(ValuationCodes.IndicatorNotImplemented, id.Code));
            }
        }

        errors.AddRange(PlotValidation.Check(request.Plots));
        errors.AddRange(PlotValidation.CheckModelInputs(request.Plots, request.Method));
        var required = active.SelectMany(c => c.RequiredParameters(request.Method.Options, request.Plots));
        errors.AddRange(request.Parameters.ValidateFor(required, request.AccountingYear));
        if (errors.Count == 0)
        {
            errors.AddRange(PlotValidation.CheckProductUnits(request.Plots, request.Parameters, request.Method.Indicators));
        }

        if (errors.Count > 0)
        {
            return new ValuationOutcome(null, errors);
        }

        var values = new List<PlotIndicatorValue>(request.Plots.Count * active.Count);
        foreach (var plot in request.Plots)
        {
            foreach (var calculator in active)
            {
                if (calculator.Compute(plot, request.Parameters, request.Method.Options) is { } value)
                {
                    values.Add(value);
                }
            }
        }

        var run = new ValuationRun(request, values);
        var (warnings, checks) = RunChecks.Apply(request, run);
        run.Warnings = warnings;
        run.ChecksPerformed = checks;
        return new ValuationOutcome(run, []);
    }
}

/// <summary>Shape checks on plot inputs.</summary>
internal static class PlotValidation
{
    public static IEnumerable<ValidationIssue> Check(IReadOnlyList<PlotInput> plots)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plot in plots)
        {
            if (!seen.Add(plot.PlotId))
            {
                yield return ValidationIssue.Error(ValuationCodes.PlotDuplicate, plot.PlotId);
            }

            if (!IsLandUseCodeShape(plot.LandUseCode))
            {
                yield return ValidationIssue.Error(ValuationCodes.PlotLandUseInvalid, plot.PlotId, plot.LandUseCode);
            }

            foreach (var (kind, quantity) in plot.Quantities)
            {
                if (quantity < 0m)
                {
                    yield return ValidationIssue.Error(ValuationCodes.PlotQuantityNegative, plot.PlotId, kind.ToString(), quantity);
                }
            }

            foreach (var product in plot.Products)
            {
                if (product.Quantity < 0m)
                {
                    yield return ValidationIssue.Error(ValuationCodes.PlotQuantityNegative, plot.PlotId, product.ProductId, product.Quantity);
                }

                if (IndicatorCatalog.Get(product.Indicator).Category != ValueCategory.MaterialSupply)
                {
                    yield return ValidationIssue.Error(ValuationCodes.PlotProductIndicatorInvalid, plot.PlotId, product.ProductId, product.Indicator.Code);
                }
            }
        }
    }

    public static IEnumerable<ValidationIssue> CheckModelInputs(IReadOnlyList<PlotInput> plots, MethodVersion method)
    {
        // Under the InVEST SDR model the sediment part is valued from avoided export; a plot with retained soil but no
        // export figure would silently get a zero sediment value, so it is refused instead.
        if (method.Options.SedimentModel != SedimentModel.InvestSdr || !method.Indicators.Contains(IndicatorId.SoilRetention))
        {
            yield break;
        }

        foreach (var plot in plots)
        {
            if (plot.Has(InputKind.SoilRetainedTonnes) && !plot.Has(InputKind.SedimentAvoidedExportTonnes))
            {
                yield return ValidationIssue.Error(ValuationCodes.PlotInputMissing, plot.PlotId, nameof(InputKind.SedimentAvoidedExportTonnes));
            }
        }
    }

    public static IEnumerable<ValidationIssue> CheckProductUnits(IReadOnlyList<PlotInput> plots, ParameterSet parameters, IReadOnlyList<IndicatorId> indicators)
    {
        foreach (var plot in plots)
        {
            foreach (var product in plot.Products)
            {
                if (!indicators.Contains(product.Indicator))
                {
                    continue;
                }

                var price = parameters.Require(ParameterIds.MaterialPrice(product.ProductId));
                if (price.PerUnit != product.Unit)
                {
                    yield return ValidationIssue.Error(ValuationCodes.PlotProductUnitMismatch, plot.PlotId, product.ProductId, product.Unit, price.PerUnit);
                }
            }
        }
    }

    // GB/T 21010-2017 codes are two digits (first level) or four digits (second level). The code table itself lives in
    // Qingshan.Kernel (LandUseCode), which this pure library cannot reference; the host parses codes before calling.
    private static bool IsLandUseCodeShape(string code) =>
        code.Length is 2 or 4 && code.All(char.IsAsciiDigit);
}
