using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Engine;

/// <summary>What to value: a method version, a parameter set, the accounting year and the plots.</summary>
/// <param name="Method">Method version.</param>
/// <param name="Parameters">Parameter set.</param>
/// <param name="AccountingYear">Accounting year; every price used must be in its prices.</param>
/// <param name="Plots">Per-plot inputs; plot ids unique.</param>
public sealed record ValuationRequest(MethodVersion Method, ParameterSet Parameters, int AccountingYear, IReadOnlyList<PlotInput> Plots)
{
    /// <summary>Raster control totals for the plot-sum check (6.5, 9). Optional.</summary>
    public IReadOnlyList<ControlTotal> ControlTotals { get; init; } = [];

    /// <summary>Version of the plot set (e.g. the plot table's import id), recorded on the run (section 0.3).</summary>
    public string? PlotSetVersion { get; init; }

    /// <summary>Versions (or checksums) of the input layers the per-plot quantities came from, by layer name (section 0.3 and 7).</summary>
    public IReadOnlyDictionary<string, string> InputLayerVersions { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Pixels where the raster job clamped a negative water balance to 0 (3.2); reported as a warning when positive.</summary>
    public long WaterBalanceClampedPixels { get; init; }
}

/// <summary>Values by category, 元/a, unrounded.</summary>
/// <param name="MaterialSupply">Material supply.</param>
/// <param name="Regulating">Regulating services.</param>
/// <param name="Cultural">Cultural services.</param>
public sealed record CategoryTotals(decimal MaterialSupply, decimal Regulating, decimal Cultural)
{
    /// <summary>GEP = material + regulating + cultural (section 1) [S].</summary>
    public decimal Total => MaterialSupply + Regulating + Cultural;

    /// <summary>The total of one category.</summary>
    /// <param name="category">Category.</param>
    /// <returns>元/a.</returns>
    public decimal Of(ValueCategory category) => category switch
    {
        ValueCategory.MaterialSupply => MaterialSupply,
        ValueCategory.Regulating => Regulating,
        ValueCategory.Cultural => Cultural,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "unknown category"),
    };
}

/// <summary>An indicator summed over all plots.</summary>
/// <param name="Indicator">Indicator definition.</param>
/// <param name="Quantity">Σ functional quantity, or null when plots mix units.</param>
/// <param name="Unit">Unit of <paramref name="Quantity"/>.</param>
/// <param name="Value">Σ value, 元/a.</param>
/// <param name="PlotCount">Plots with a value for this indicator.</param>
public sealed record IndicatorTotal(IndicatorDefinition Indicator, decimal? Quantity, QuantityUnit? Unit, decimal Value, int PlotCount);

/// <summary>
/// The outcome of one run: either refused with <see cref="Errors"/>, or a <see cref="Run"/>. A refusal is an expected
/// business "no" (bad parameters, bad plot data), not an exception.
/// </summary>
/// <param name="Run">The run, or null when refused.</param>
/// <param name="Errors">Error-severity issues; empty on success.</param>
public sealed record ValuationOutcome(ValuationRun? Run, IReadOnlyList<ValidationIssue> Errors)
{
    /// <summary>Whether the run was refused.</summary>
    public bool IsRefused => Run is null;
}

/// <summary>
/// A completed run: every plot × indicator value with its lines, totals by category (all indicators, and national
/// GEP which leaves out non-national X items), and the warnings of the double-counting rules (6.6) and validation
/// checks (9). It records the method version, options and parameter-set version, so it is reproducible bit-for-bit.
/// </summary>
/// <remarks>
/// Values are never rounded. Every total is summed in a fixed order (plots in input order, indicators in method order),
/// so a rerun gives identical bits. Totals summed in a different grouping (per plot, per land use) agree with
/// <see cref="Totals"/> exactly when every value has at most 28 significant digits after the sum, and otherwise to
/// <see cref="RunChecks.SumAgreement"/> (see there); use <see cref="RunChecks.Agree"/> to compare them.
/// </remarks>
public sealed class ValuationRun
{
    internal ValuationRun(ValuationRequest request, IReadOnlyList<PlotIndicatorValue> values)
    {
        MethodId = request.Method.Id;
        Options = request.Method.Options;
        ParameterSetVersion = request.Parameters.Version;
        AccountingYear = request.AccountingYear;
        PlotSetVersion = request.PlotSetVersion;
        InputLayerVersions = request.InputLayerVersions;
        Values = values;

        decimal[] all = new decimal[3], national = new decimal[3];
        var byIndicator = new Dictionary<IndicatorId, (IndicatorDefinition Def, decimal Quantity, QuantityUnit? Unit, bool Mixed, decimal Value, int Count)>();
        foreach (var v in values)
        {
            var c = (int)v.Category;
            all[c] += v.Value;
            if (v.Indicator.InNationalGep)
            {
                national[c] += v.Value;
            }

            if (!byIndicator.TryGetValue(v.Indicator.Id, out var t))
            {
                t = (v.Indicator, 0m, v.Unit, false, 0m, 0);
            }

            var mixed = t.Mixed || v.Quantity is null || v.Unit != t.Unit;
            byIndicator[v.Indicator.Id] = (t.Def, t.Quantity + (v.Quantity ?? 0m), t.Unit, mixed, t.Value + v.Value, t.Count + 1);
        }

        Totals = new CategoryTotals(all[0], all[1], all[2]);
        NationalGepTotals = new CategoryTotals(national[0], national[1], national[2]);
        IndicatorTotals =
        [
            .. request.Method.Indicators
                .Where(byIndicator.ContainsKey)
                .Select(id => byIndicator[id])
                .Select(t => new IndicatorTotal(t.Def, t.Mixed ? null : t.Quantity, t.Mixed ? null : t.Unit, t.Value, t.Count)),
        ];
    }

    /// <summary>Method version id, e.g. <c>GEP-2022-trial</c>.</summary>
    public string MethodId { get; }

    /// <summary>Options of the method version (baseline mode, bases) as used.</summary>
    public MethodOptions Options { get; }

    /// <summary>Parameter-set version used.</summary>
    public string ParameterSetVersion { get; }

    /// <summary>Accounting year.</summary>
    public int AccountingYear { get; }

    /// <summary>Plot-set version from the request.</summary>
    public string? PlotSetVersion { get; }

    /// <summary>Input-layer versions from the request.</summary>
    public IReadOnlyDictionary<string, string> InputLayerVersions { get; }

    /// <summary>Every plot × indicator value, in plot order then method indicator order.</summary>
    public IReadOnlyList<PlotIndicatorValue> Values { get; }

    /// <summary>Totals by category over every indicator of the method version, 元/a.</summary>
    public CategoryTotals Totals { get; }

    /// <summary>Totals by category over national-list indicators only (X items excluded), 元/a.</summary>
    public CategoryTotals NationalGepTotals { get; }

    /// <summary>Totals per indicator, in method order.</summary>
    public IReadOnlyList<IndicatorTotal> IndicatorTotals { get; }

    /// <summary>Warnings from the double-counting rules and validation checks.</summary>
    public IReadOnlyList<ValidationIssue> Warnings { get; internal set; } = [];

    /// <summary>Names of the checks this run performed (audit trail: they run on every run).</summary>
    public IReadOnlyList<string> ChecksPerformed { get; internal set; } = [];

    /// <summary>Value per plot (Σ indicators), 元/a, keyed by plot id.</summary>
    /// <returns>Plot totals.</returns>
    public IReadOnlyDictionary<string, decimal> PlotTotals()
    {
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var v in Values)
        {
            totals[v.PlotId] = totals.GetValueOrDefault(v.PlotId) + v.Value;
        }

        return totals;
    }

    /// <summary>The land-use × indicator matrix of 6.5: Σ value of plots by GB/T 21010 code and indicator, 元/a.</summary>
    /// <returns>Values keyed by (land-use code, indicator).</returns>
    public IReadOnlyDictionary<(string LandUseCode, IndicatorId Indicator), decimal> TotalsByLandUse()
    {
        var matrix = new Dictionary<(string, IndicatorId), decimal>();
        foreach (var v in Values)
        {
            var key = (v.LandUseCode, v.Indicator.Id);
            matrix[key] = matrix.GetValueOrDefault(key) + v.Value;
        }

        return matrix;
    }
}
