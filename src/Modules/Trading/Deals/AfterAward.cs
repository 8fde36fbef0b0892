using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Trading.Calendar;
using Qingshan.Trading.Deposits;

namespace Qingshan.Trading.Deals;

/// <summary>异议: anyone may object to the result while its publicity runs.</summary>
public sealed record RaiseObjection(Guid DealId, string Text);

public sealed class RaiseObjectionHandler(DealUnit unit)
{
    public async Task<Result<Guid>> HandleAsync(RaiseObjection request, CancellationToken ct = default)
    {
        if (!unit.Db.Actor.IsAuthenticated)
        {
            return TradingErrors.Forbidden("object");
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return TradingErrors.ObjectionTextRequired();
        }

        return await unit.RunAsync<Guid>(request.DealId, (deal, now) =>
        {
            var open = deal.RequireResultPublicity(now);
            if (open.IsFailure)
            {
                return Task.FromResult<Result<Guid>>(open.Error!);
            }

            var objection = new Objection(deal.Id, unit.Db.Actor.UserName, request.Text.Trim(), now);
            unit.Db.Objections.Add(objection);
            unit.Note(deal, now, TradingEvents.ObjectionRaised, request.Text, new { deal.Code, Objection = objection.Id, request.Text });
            return Task.FromResult<Result<Guid>>(objection.Id);
        }, ct);
    }
}

/// <summary>异议处理: the centre upholds or dismisses an objection. An upheld one blocks the contract (the authority then suspends or cancels).</summary>
public sealed record ResolveObjection(Guid DealId, Guid ObjectionId, bool Upheld, string Resolution);

public sealed class ResolveObjectionHandler(DealUnit unit)
{
    public Task<Result> HandleAsync(ResolveObjection request, CancellationToken ct = default) =>
        unit.RunAsync(request.DealId, async (deal, now) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "resolve_objection", Roles.TradingCentre);
            if (allowed.IsFailure)
            {
                return allowed;
            }

            if (string.IsNullOrWhiteSpace(request.Resolution))
            {
                return TradingErrors.ReasonRequired();
            }

            var objection = await unit.Db.Objections.FirstOrDefaultAsync(o => o.Id == request.ObjectionId && o.DealId == deal.Id, ct);
            if (objection is null)
            {
                return TradingErrors.ObjectionNotFound(request.ObjectionId.ToString());
            }

            var resolved = objection.Resolve(request.Upheld, request.Resolution.Trim(), now);
            if (resolved.IsSuccess)
            {
                unit.Note(deal, now, TradingEvents.ObjectionResolved, request.Resolution, new { deal.Code, Objection = objection.Id, request.Upheld, request.Resolution });
            }

            return resolved;
        }, ct);
}

/// <summary>签订合同 after the result publicity: the winner's deposit becomes part of the price.</summary>
public sealed record SignContract(Guid DealId, ContractTerms Terms);

public sealed class SignContractHandler(DealUnit unit, IBankGateway bank)
{
    public Task<Result> HandleAsync(SignContract request, CancellationToken ct = default) =>
        unit.RunAsync(request.DealId, async (deal, now) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "sign_contract", Roles.TradingCentre);
            if (allowed.IsFailure)
            {
                return allowed;
            }

            var objections = await unit.Db.Objections.Where(o => o.DealId == deal.Id).ToListAsync(ct);
            var signed = deal.SignContract(request.Terms, objections, now);
            if (signed.IsSuccess)
            {
                // Written before the deposit is applied, so the ledger books the receivable first.
                unit.Db.Record(now, TradingEvents.SettlementTermsFixed, deal.Id.ToString(), deal.RegionCode, deal.TermsForSettlement(now));
                await Settlement.ApplyWinnerDepositAsync(unit, bank, deal, now, ct);
            }

            return signed;
        }, ct);
}

/// <summary>报备: the contract is filed with one department (water, DRC or finance); each records its own filing.</summary>
public sealed record FileContract(Guid DealId, FilingDepartment Department);

public sealed class FileContractHandler(DealUnit unit)
{
    public Task<Result> HandleAsync(FileContract request, CancellationToken ct = default) =>
        unit.RunAsync(request.DealId, (deal, now) =>
        {
            var role = request.Department switch
            {
                FilingDepartment.Water => Roles.WaterBureau,
                FilingDepartment.DevelopmentReform => Roles.DevelopmentReform,
                _ => Roles.Finance,
            };
            var allowed = TradingPermissions.Require(unit.Db.Actor, "file", role);
            return allowed.IsFailure ? allowed : deal.File(request.Department, now);
        }, ct);
}

/// <summary>中止: by the competent authority with a reason. Held deposits go back by their original route; the deal is frozen.</summary>
public sealed record SuspendDeal(Guid DealId, string Reason);

public sealed class SuspendDealHandler(DealUnit unit, IBankGateway bank)
{
    public Task<Result> HandleAsync(SuspendDeal request, CancellationToken ct = default) =>
        unit.RunAsync(request.DealId, async (deal, now) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "suspend", TradingPermissions.Authorities);
            if (allowed.IsFailure)
            {
                return allowed;
            }

            var suspended = deal.Suspend(request.Reason);
            if (suspended.IsSuccess)
            {
                await Settlement.RefundAllAsync(unit, bank, deal, now, "交易中止，保证金原路退还", ct);
            }

            return suspended;
        }, ct);
}

/// <summary>恢复: a suspended deal resumes; from listing onwards it is listed again with a new publicity period and a new round.</summary>
public sealed record ResumeDeal(Guid DealId, string Reason, int PublicityWorkingDays);

public sealed class ResumeDealHandler(DealUnit unit, WorkingDayCalendarStore calendar)
{
    public async Task<Result> HandleAsync(ResumeDeal request, CancellationToken ct = default)
    {
        var days = await calendar.LoadAsync(ct);
        return await unit.RunAsync(request.DealId, async (deal, now) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "resume", TradingPermissions.Authorities);
            if (allowed.IsFailure)
            {
                return allowed;
            }

            if (request.PublicityWorkingDays <= 0)
            {
                return TradingErrors.ListingTermsInvalid();
            }

            var resumed = deal.Resume(request.Reason, now, () => days.PublicityEnd(now, request.PublicityWorkingDays));
            if (resumed.IsSuccess && deal.Status == DealStatus.Listed)
            {
                // Deposits were refunded on suspension: everyone pays again, qualification stands.
                var bidders = await unit.Db.Bidders.Where(b => b.DealId == deal.Id).ToListAsync(ct);
                foreach (var b in bidders)
                {
                    b.ResetDeposit();
                }
            }

            return resumed;
        }, ct);
    }
}

/// <summary>终止: by the competent authority with a reason; final. Held deposits go back by their original route.</summary>
public sealed record CancelDeal(Guid DealId, string Reason);

public sealed class CancelDealHandler(DealUnit unit, IBankGateway bank)
{
    public Task<Result> HandleAsync(CancelDeal request, CancellationToken ct = default) =>
        unit.RunAsync(request.DealId, async (deal, now) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "cancel", TradingPermissions.Authorities);
            if (allowed.IsFailure)
            {
                return allowed;
            }

            var cancelled = deal.Cancel(request.Reason);
            if (cancelled.IsSuccess)
            {
                await Settlement.RefundAllAsync(unit, bank, deal, now, "交易终止，保证金原路退还", ct);
            }

            return cancelled;
        }, ct);
}

/// <summary>合同价款到账: the bank confirms a payment of the contract price and the account it came from.</summary>
public sealed record RecordContractPayment(Guid DealId, Money Amount, string FromAccount);

public sealed class RecordContractPaymentHandler(DealUnit unit, IBankGateway bank)
{
    public Task<Result> HandleAsync(RecordContractPayment request, CancellationToken ct = default) =>
        unit.RunAsync(request.DealId, async (deal, now) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "record_payment", Roles.Bank, Roles.TradingCentre);
            if (allowed.IsFailure)
            {
                return allowed;
            }

            if (!deal.IsCollectingPayments)
            {
                return TradingErrors.WrongState(deal.Status.ToString());
            }

            if (request.Amount.Fen <= 0)
            {
                return TradingErrors.PaymentAmountInvalid();
            }

            if (string.IsNullOrWhiteSpace(request.FromAccount))
            {
                return TradingErrors.PaymentAccountRequired();
            }

            var winner = await unit.Db.Bidders.FirstAsync(b => b.Id == deal.WinnerId, ct);
            var applied = winner.DepositStatus == DepositStatus.AppliedToPrice ? winner.DepositAmount.Fen : 0;
            var paid = (await Settlement.PaymentsByAccountAsync(unit, deal.Id, ct)).Values.Sum();
            var outstanding = deal.FinalPrice.Fen - applied - paid;
            if (request.Amount.Fen > outstanding)
            {
                return TradingErrors.PaymentExceedsOutstanding(new Money(outstanding).ToString());
            }

            var account = request.FromAccount.Trim();
            var reference = bank.Submit(new BankInstruction(deal.Id, winner.Id, BankInstructionKind.CollectPayment, request.Amount, account, "合同价款到账"));
            unit.Note(deal, now, TradingEvents.ContractPaymentReceived, reference, new MoneyMoved(deal.Code, request.Amount.Fen, reference, account));
            return Result.Success();
        }, ct);
}
