using Qingshan.Accounting.Runs;
using Qingshan.Kernel;
using Qingshan.Registry.Rights;
using Qingshan.Valuation.Engine;

namespace Qingshan.Trading.Appraisals;

/// <summary>A deal's share of an approved accounting run: annual value of its plots, by category (元/a).</summary>
public sealed record DealAccountedValue(Guid RunId, int AccountingYear, string RunLabel, decimal MaterialSupply, decimal Regulating, decimal Cultural, IReadOnlyList<string> PlotCodes)
{
    public decimal Total => MaterialSupply + Regulating + Cultural;

    /// <summary>The report reference stored on the deal: run, year and its result hash prefix.</summary>
    public string Report { get; init; } = "";

    public decimal Of(ValueCategory category) => category switch
    {
        ValueCategory.MaterialSupply => MaterialSupply,
        ValueCategory.Regulating => Regulating,
        _ => Cultural,
    };
}

/// <summary>
/// Reads accounted values through Accounting's public queries only: the run must be approved (frozen), and every plot
/// of the deal must have a value in it, so no unapproved or partial figure reaches a price.
/// </summary>
public sealed class AccountedValues(AccountingRunQueries runs, CheckTradabilityHandler registry)
{
    public async Task<Result<DealAccountedValue>> OfDealAsync(Guid runId, IReadOnlyList<Guid> plotIds, CancellationToken ct = default)
    {
        var approved = await runs.ApprovedPlotValuesAsync(runId, ct);
        if (approved.IsFailure)
        {
            return approved.Error!;
        }

        var plots = await registry.HandleAsync(plotIds, ct);
        var codes = plots.Select(p => p.PlotCode).ToList();
        var missing = codes.Where(c => !approved.Value.ContainsKey(c)).ToList();
        if (missing.Count > 0 || codes.Count == 0)
        {
            return TradingErrors.AccountingRunNotCovering(string.Join(",", missing));
        }

        var report = (await runs.ReportAsync(runId, ct))!;
        var detail = (await runs.DetailAsync(runId, ct))!;
        var mine = report.Lines.Where(l => codes.Contains(l.PlotCode, StringComparer.Ordinal)).ToList();
        decimal Sum(ValueCategory c) => mine.Where(l => l.Category == c).Sum(l => l.Value);
        var label = $"{detail.Run.WatershedName} {detail.Run.AccountingYear} 年核算";
        return new DealAccountedValue(runId, detail.Run.AccountingYear, label, Sum(ValueCategory.MaterialSupply), Sum(ValueCategory.Regulating), Sum(ValueCategory.Cultural), codes)
        {
            Report = $"{label}（{runId:N}，结果哈希 {detail.ResultHash?[..Math.Min(12, detail.ResultHash.Length)]}）",
        };
    }
}
