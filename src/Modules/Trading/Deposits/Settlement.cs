using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Trading.Calendar;
using Qingshan.Trading.Deals;

namespace Qingshan.Trading.Deposits;

/// <summary>What happens to deposits at the points where the money moves.</summary>
internal static class Settlement
{
    /// <summary>A winner is known: result publicity starts (working days) and every other deposit goes back by its original route.</summary>
    public static async Task<Result> AfterAwardAsync(DealUnit unit, IBankGateway bank, WorkingDays days, Deal deal, DateTimeOffset now, CancellationToken ct)
    {
        var end = days.PublicityEnd(now, deal.ResultPublicityWorkingDays);
        if (end.IsFailure)
        {
            return end.Error!;
        }

        deal.SetResultPublicityEnd(end.Value);
        var losers = await unit.Db.Bidders.Where(b => b.DealId == deal.Id && b.Id != deal.WinnerId && b.DepositStatus == DepositStatus.Held).ToListAsync(ct);
        foreach (var bidder in losers)
        {
            Refund(unit, bank, deal, bidder, now, "未成交保证金原路退还");
        }

        return Result.Success();
    }

    /// <summary>Suspension or cancellation: every held deposit goes back by its original route.</summary>
    public static async Task RefundAllAsync(DealUnit unit, IBankGateway bank, Deal deal, DateTimeOffset now, string reason, CancellationToken ct)
    {
        var held = await unit.Db.Bidders.Where(b => b.DealId == deal.Id && b.DepositStatus == DepositStatus.Held).ToListAsync(ct);
        foreach (var bidder in held)
        {
            Refund(unit, bank, deal, bidder, now, reason);
        }

        // A winner's deposit already applied to the price is part of the price now: it goes back as a price refund.
        var applied = await unit.Db.Bidders.Where(b => b.DealId == deal.Id && b.DepositStatus == DepositStatus.AppliedToPrice).ToListAsync(ct);
        foreach (var bidder in applied)
        {
            var reference = bank.Submit(new BankInstruction(deal.Id, bidder.Id, BankInstructionKind.Refund, bidder.DepositAmount, bidder.DepositAccount!, reason));
            bidder.MarkRefunded();
            unit.Note(deal, now, TradingEvents.ContractPaymentRefunded, reference, new MoneyMoved(deal.Code, bidder.DepositAmount.Fen, reference, bidder.DepositAccount));
        }

        // Contract payments already received go back to the accounts they came from, per account.
        var payments = await PaymentsByAccountAsync(unit, deal.Id, ct);
        foreach (var (account, fen) in payments.Where(p => p.Value > 0))
        {
            var reference = bank.Submit(new BankInstruction(deal.Id, deal.WinnerId ?? Guid.Empty, BankInstructionKind.RefundPayment, new Money(fen), account, reason));
            unit.Note(deal, now, TradingEvents.ContractPaymentRefunded, reference, new MoneyMoved(deal.Code, fen, reference, account));
        }
    }

    /// <summary>Contract payments received and not refunded, per paying account (fen).</summary>
    public static async Task<Dictionary<string, long>> PaymentsByAccountAsync(DealUnit unit, Guid dealId, CancellationToken ct)
    {
        var rows = await unit.Db.BankInstructions.Where(b => b.DealId == dealId && (b.Kind == BankInstructionKind.CollectPayment || b.Kind == BankInstructionKind.RefundPayment))
            .Select(b => new { b.Kind, b.Account, b.Amount }).ToListAsync(ct);
        return rows.GroupBy(r => r.Account, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Kind == BankInstructionKind.CollectPayment ? r.Amount.Fen : -r.Amount.Fen), StringComparer.Ordinal);
    }

    /// <summary>Contract signed: the winner's deposit becomes part of the price.</summary>
    public static async Task ApplyWinnerDepositAsync(DealUnit unit, IBankGateway bank, Deal deal, DateTimeOffset now, CancellationToken ct)
    {
        var winner = await unit.Db.Bidders.FirstAsync(b => b.Id == deal.WinnerId, ct);
        if (winner.DepositStatus != DepositStatus.Held)
        {
            return;
        }

        var reference = bank.Submit(new BankInstruction(deal.Id, winner.Id, BankInstructionKind.ApplyToPrice, winner.DepositAmount, winner.DepositAccount!, "保证金转为成交价款"));
        winner.MarkAppliedToPrice();
        unit.Note(deal, now, TradingEvents.DepositAppliedToPrice, reference, new { deal.Code, Bidder = winner.Id, AmountFen = winner.DepositAmount.Fen, Reference = reference, Account = winner.DepositAccount });
    }

    private static void Refund(DealUnit unit, IBankGateway bank, Deal deal, Bidder bidder, DateTimeOffset now, string reason)
    {
        var reference = bank.Submit(new BankInstruction(deal.Id, bidder.Id, BankInstructionKind.Refund, bidder.DepositAmount, bidder.DepositAccount!, reason));
        bidder.MarkRefunded();
        unit.Note(deal, now, TradingEvents.DepositRefunded, reference, new { deal.Code, Bidder = bidder.Id, AmountFen = bidder.DepositAmount.Fen, To = bidder.DepositAccount, Reference = reference, Reason = reason });
    }
}
