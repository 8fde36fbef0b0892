using System.Text.Json;
using Qingshan.Kernel;
using Qingshan.Trading.Deals;
using Qingshan.Valuation.Appraisal;
using Qingshan.Valuation.Engine;

namespace Qingshan.Trading.Appraisals;

/// <summary>
/// The appraiser's inputs (ACCOUNTING-METHOD.md 8.2 "required inputs per appraisal"): term, start, discount rate with
/// its source, timing, capture share and capturable categories, growth and operating costs for the income approach;
/// the realization coefficient k; optionally a revenue share k_rev with expected revenue; and the cultivation
/// investment for the cost approach, which is always computed because it is the reserve price's floor.
/// </summary>
public sealed record AppraisalInputs(
    int TermYears,
    DateOnly StartOn,
    decimal DiscountRate,
    string DiscountRateSource,
    PaymentTiming Timing,
    decimal CaptureShare,
    IReadOnlyList<ValueCategory> CapturableCategories,
    decimal GrowthRate,
    decimal AnnualOperatingCostYuan,
    decimal RealizationCoefficient,
    decimal? RevenueShare,
    decimal? ExpectedAnnualRevenueYuan,
    decimal CultivationInvestmentYuan,
    decimal AlreadyRecoveredYuan,
    decimal ReasonableReturnRate);

/// <summary>评估报告: issued by an appraisal-agency account, with the chosen method and the reasons for choosing it.</summary>
public sealed record IssueAppraisal(Guid DealId, string ReportNumber, AppraisalInputs Inputs, AppraisalMethod ChosenMethod, string Reasons);

/// <summary>One method's line in the report.</summary>
public sealed record AppraisalMethodResult(string Method, decimal ReferencePriceYuan, string Formula, IReadOnlyList<AppraisalWorkingLine> Working);

/// <summary>The stored appraisal report: what the accounting gave, every method used, the choice and the reasons.</summary>
public sealed record AppraisalReportView(
    string ReportNumber, Guid AccountingRunId, string AccountingRun, decimal MaterialSupplyYuan, decimal RegulatingYuan, decimal CulturalYuan,
    AppraisalInputs Inputs, IReadOnlyList<AppraisalMethodResult> Methods, RevenueShareSchedule? RevenueShareSchedule,
    string ChosenMethod, decimal ReferencePriceYuan, decimal CostFloorYuan, string Reasons, string IssuedBy);

public sealed class IssueAppraisalHandler(DealUnit unit, AccountedValues values)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public Task<Result> HandleAsync(IssueAppraisal request, CancellationToken ct = default) =>
        unit.RunAsync(request.DealId, async (deal, now) =>
        {
            var actor = unit.Db.Actor;
            var allowed = TradingPermissions.Require(actor, "appraise", Roles.AppraisalAgency);
            if (allowed.IsFailure)
            {
                return allowed;
            }

            if (deal.Status != DealStatus.TransferorDetermined || deal.AccountingRunId is not { } runId)
            {
                return TradingErrors.WrongState(deal.Status.ToString());
            }

            var invalid = Validate(request.Inputs);
            if (invalid is not null)
            {
                return invalid;
            }

            if (string.IsNullOrWhiteSpace(request.Reasons))
            {
                return TradingErrors.AppraisalReasonsRequired();
            }

            if (string.IsNullOrWhiteSpace(request.ReportNumber))
            {
                return TradingErrors.ReportRequired();
            }

            var accounted = await values.OfDealAsync(runId, deal.PlotIds, ct);
            if (accounted.IsFailure)
            {
                return accounted.Error!;
            }

            var view = Compute(request, accounted.Value, actor.UserName);
            var chosen = view.Methods.FirstOrDefault(m => m.Method == request.ChosenMethod.ToString());
            if (chosen is null || chosen.ReferencePriceYuan <= 0)
            {
                return TradingErrors.AppraisalMethodNotComputed(request.ChosenMethod.ToString());
            }

            return deal.IssueAppraisal(ToMoney(chosen.ReferencePriceYuan), ToMoney(view.CostFloorYuan), request.ChosenMethod.ToString(), request.ReportNumber,
                JsonSerializer.Serialize(view, Json), actor.UserName, now);
        }, ct);

    /// <summary>Every method the inputs allow, from the deal's accounted annual values.</summary>
    internal static AppraisalReportView Compute(IssueAppraisal request, DealAccountedValue accounted, string issuedBy)
    {
        var i = request.Inputs;
        var capturable = i.CapturableCategories.Distinct().Sum(accounted.Of);
        var capturableNet = Math.Max(0m, capturable - i.AnnualOperatingCostYuan);
        var methods = new List<AppraisalResult>();
        if (capturableNet > 0 && i.CaptureShare > 0)
        {
            methods.Add(IncomeApproach.Appraise(IncomeApproach.Flows(capturableNet, i.TermYears, i.GrowthRate), i.CaptureShare, i.DiscountRate, i.Timing));
        }

        if (i.RealizationCoefficient > 0)
        {
            methods.Add(ShareOfAccountedValue.Appraise(IncomeApproach.Flows(accounted.Total, i.TermYears, i.GrowthRate), i.RealizationCoefficient));
        }

        var cost = CostApproach.Appraise(i.CultivationInvestmentYuan, i.AlreadyRecoveredYuan, i.ReasonableReturnRate);
        methods.Add(cost);
        var schedule = i.RevenueShare is { } k && i.ExpectedAnnualRevenueYuan is { } revenue
            ? RevenueShare.Schedule(k, IncomeApproach.Flows(revenue, i.TermYears, i.GrowthRate))
            : null;
        var results = methods.Select(m => new AppraisalMethodResult(m.Method.ToString(), m.ReferencePrice, m.Formula, m.Working)).ToList();
        var chosen = results.FirstOrDefault(m => m.Method == request.ChosenMethod.ToString());
        return new AppraisalReportView(request.ReportNumber.Trim(), accounted.RunId, accounted.Report, accounted.MaterialSupply, accounted.Regulating, accounted.Cultural,
            i, results, schedule, request.ChosenMethod.ToString(), chosen?.ReferencePriceYuan ?? 0m, cost.ReferencePrice, request.Reasons.Trim(), issuedBy);
    }

    private static Error? Validate(AppraisalInputs i)
    {
        if (i.TermYears is < 1 or > 70)
        {
            return TradingErrors.AppraisalInputInvalid("term_years");
        }

        if (i.DiscountRate is <= -1m or > 1m || string.IsNullOrWhiteSpace(i.DiscountRateSource))
        {
            return TradingErrors.AppraisalInputInvalid("discount_rate");
        }

        if (i.CaptureShare is < 0m or > 1m || i.RealizationCoefficient is < 0m or > 1m || i.RevenueShare is < 0m or > 1m)
        {
            return TradingErrors.AppraisalInputInvalid("share");
        }

        if (i.GrowthRate is <= -1m or > 1m)
        {
            return TradingErrors.AppraisalInputInvalid("growth_rate");
        }

        if (i.AnnualOperatingCostYuan < 0 || i.CultivationInvestmentYuan < 0 || i.AlreadyRecoveredYuan < 0 || i.ReasonableReturnRate < 0 || i.ExpectedAnnualRevenueYuan < 0)
        {
            return TradingErrors.AppraisalInputInvalid("amount");
        }

        return null;
    }

    /// <summary>Prices are kept unrounded in the report; the deal's money is rounded half away from zero to the fen.</summary>
    private static Money ToMoney(decimal yuan) => Money.FromYuan(Math.Round(yuan, 2, MidpointRounding.AwayFromZero));
}

/// <summary>底价: decided by the approver (county water bureau or finance) after the appraisal.</summary>
public sealed record DecideReservePrice(Guid DealId, Money ReservePrice, string? BelowFloorReason);

public sealed class DecideReservePriceHandler(DealUnit unit)
{
    public Task<Result> HandleAsync(DecideReservePrice request, CancellationToken ct = default) =>
        unit.RunAsync(request.DealId, (deal, _) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "decide_reserve_price", Roles.WaterBureau, Roles.Finance);
            return allowed.IsFailure ? allowed : deal.DecideReservePrice(request.ReservePrice, request.BelowFloorReason);
        }, ct);
}

public sealed class AppraisalQueries(Data.TradingDb db)
{
    /// <summary>The deal's issued appraisal report, or null before one is issued (or out of scope).</summary>
    public async Task<AppraisalReportView?> ReportAsync(Guid dealId, CancellationToken ct = default)
    {
        var json = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.Deals.Where(d => d.Id == dealId).Select(d => d.AppraisalJson), ct);
        return json is null ? null : JsonSerializer.Deserialize<AppraisalReportView>(json, IssueAppraisalHandler.Json);
    }

    /// <summary>Reserve price as decided (zero before), with the recorded reason when below the floor.</summary>
    public async Task<(Money Reserve, Money CostFloor, string? Reason)> ReserveAsync(Guid dealId, CancellationToken ct = default)
    {
        var r = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.Deals.Where(d => d.Id == dealId).Select(d => new { d.ReservePrice, d.CostFloor, d.ReservePriceReason }), ct);
        return r is null ? (Money.Zero, Money.Zero, null) : (r.ReservePrice, r.CostFloor, r.ReservePriceReason);
    }
}
