using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Rights;
using Qingshan.Trading.Appraisals;
using Qingshan.Trading.Data;

namespace Qingshan.Trading.Deals;

/// <summary>编制工作方案: opens a deal for one product's operating right over the given plots.</summary>
public sealed record CreateDeal(string Code, string RegionCode, string ProductName, IReadOnlyList<Guid> PlotIds, Guid? CultivatingInvestorId, string WorkPlan);

public sealed class CreateDealHandler(DealUnit unit, CheckTradabilityHandler registry, HolderDirectory holders, TimeProvider clock)
{
    public async Task<Result<Guid>> HandleAsync(CreateDeal request, CancellationToken ct = default)
    {
        var db = unit.Db;
        var allowed = TradingPermissions.Require(db.Actor, "create", Roles.WaterBureau);
        if (allowed.IsFailure)
        {
            return allowed.Error!;
        }

        if (string.IsNullOrWhiteSpace(request.Code))
        {
            return TradingErrors.DealFieldRequired("code");
        }

        if (string.IsNullOrWhiteSpace(request.ProductName))
        {
            return TradingErrors.DealFieldRequired("product_name");
        }

        if (string.IsNullOrWhiteSpace(request.WorkPlan))
        {
            return TradingErrors.DealFieldRequired("work_plan");
        }

        if (request.PlotIds.Count == 0)
        {
            return TradingErrors.DealFieldRequired("plots");
        }

        if (!AdminDivisionCode.TryParse(request.RegionCode, out _) || !db.Actor.Scope.Includes(request.RegionCode))
        {
            return TradingErrors.Forbidden("create");
        }

        var plots = await registry.HandleAsync(request.PlotIds.Distinct().ToList(), ct);
        var missing = plots.FirstOrDefault(p => p.Reasons.Any(r => r.Code == "registry.plot.not_found"));
        if (missing is not null)
        {
            return missing.Reasons[0];
        }

        if (request.CultivatingInvestorId is { } investor && (await holders.FindAsync(investor, ct)) is not { IsCultivatingInvestor: true })
        {
            return TradingErrors.HolderNotFound(investor.ToString());
        }

        if (await db.Deals.IgnoreQueryFilters().AnyAsync(d => d.Code == request.Code.Trim(), ct))
        {
            return TradingErrors.DealCodeTaken(request.Code);
        }

        var now = clock.GetUtcNow();
        var deal = new Deal(request.Code.Trim(), request.RegionCode, request.ProductName.Trim(), request.PlotIds.Distinct(), request.CultivatingInvestorId, request.WorkPlan.Trim(), now);
        db.Deals.Add(deal);
        unit.Flush(deal, now);
        await db.SaveChangesAsync(ct);
        return deal.Id;
    }
}

/// <summary>工作方案经县政府批准 (recorded with the approval document number).</summary>
public sealed record ApproveWorkPlan(Guid DealId, string ApprovalDocument);

public sealed class ApproveWorkPlanHandler(DealUnit unit)
{
    public Task<Result> HandleAsync(ApproveWorkPlan request, CancellationToken ct = default) =>
        unit.RunAsync(request.DealId, (deal, _) =>
            Check(TradingPermissions.Require(unit.Db.Actor, "approve_work_plan", Roles.WaterBureau), () => deal.ApproveWorkPlan(request.ApprovalDocument)), ct);

    internal static Result Check(Result permission, Func<Result> then) => permission.IsFailure ? permission : then();
}

/// <summary>核算结果审定: the deal takes its accounted value from an APPROVED (frozen) accounting run covering its plots.</summary>
public sealed record LinkAccountingRun(Guid DealId, Guid RunId);

public sealed class LinkAccountingRunHandler(DealUnit unit, AccountedValues values)
{
    public Task<Result> HandleAsync(LinkAccountingRun request, CancellationToken ct = default) =>
        unit.RunAsync(request.DealId, async (deal, _) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "approve_accounting", Roles.WaterBureau);
            if (allowed.IsFailure)
            {
                return allowed;
            }

            var accounted = await values.OfDealAsync(request.RunId, deal.PlotIds, ct);
            return accounted.IsFailure ? accounted.Error! : deal.ApproveAccounting(request.RunId, accounted.Value.Total, accounted.Value.Report);
        }, ct);
}

/// <summary>确定出让方: the registry must show every plot confirmed, undisputed and without a blocking pledge.</summary>
public sealed record DetermineTransferor(Guid DealId, Guid TransferorId);

public sealed class DetermineTransferorHandler(DealUnit unit, CheckTradabilityHandler registry, HolderDirectory holders)
{
    public Task<Result> HandleAsync(DetermineTransferor request, CancellationToken ct = default) =>
        unit.RunAsync(request.DealId, async (deal, _) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "determine_transferor", Roles.TradingCentre);
            if (allowed.IsFailure)
            {
                return allowed;
            }

            if (await holders.FindAsync(request.TransferorId, ct) is null)
            {
                return TradingErrors.TransferorNotFound(request.TransferorId.ToString());
            }

            var checks = await registry.HandleAsync(deal.PlotIds, ct);
            var reasons = checks.SelectMany(c => c.Reasons).ToList();
            if (reasons.Count > 0)
            {
                return TradingErrors.TransferorNotTradable(string.Join(";", reasons.Select(r => r.ToString() + ":" + string.Join(",", r.Args))));
            }

            return deal.DetermineTransferor(request.TransferorId);
        }, ct);
}

/// <summary>推介: how the product was promoted (channels, events).</summary>
public sealed record RecordPromotion(Guid DealId, string Promotion);

public sealed class RecordPromotionHandler(DealUnit unit)
{
    public Task<Result> HandleAsync(RecordPromotion request, CancellationToken ct = default) =>
        unit.RunAsync(request.DealId, (deal, _) =>
            ApproveWorkPlanHandler.Check(TradingPermissions.Require(unit.Db.Actor, "promote", Roles.TradingCentre), () => deal.RecordPromotion(request.Promotion)), ct);
}

/// <summary>收益分配方案: fees off the top, then shares of the net proceeds in basis points summing to 10000.</summary>
public sealed record ApproveDistributionPlan(Guid DealId, Money AccountingFee, Money AppraisalFee, int PlatformFeeBasisPoints, IReadOnlyList<DistributionShare> Shares);

public sealed class ApproveDistributionPlanHandler(DealUnit unit)
{
    public Task<Result> HandleAsync(ApproveDistributionPlan request, CancellationToken ct = default) =>
        unit.RunAsync(request.DealId, (deal, _) =>
            ApproveWorkPlanHandler.Check(TradingPermissions.Require(unit.Db.Actor, "approve_distribution", Roles.WaterBureau, Roles.Finance), () =>
                deal.ApproveDistributionPlan(request.AccountingFee, request.AppraisalFee, request.PlatformFeeBasisPoints, request.Shares)), ct);
}
