using System.Text.Json;
using Microsoft.Extensions.Options;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;
using Qingshan.Trading;
using Qingshan.Trading.Deals;

namespace Qingshan.Distribution.Settlement;

/// <summary>
/// Posts trading's money to the ledger. Trading writes each money movement to the outbox in the same transaction as
/// its state change; this handler takes every trading money event the ledger has not consumed, oldest first, and posts
/// it in ONE ledger transaction together with the consumed mark (business key <c>trading:{outbox id}</c>). A process
/// killed at any point leaves each event either fully posted and marked, or untouched; running again completes it,
/// and replaying posts nothing twice. See docs/decisions/0004-trading-money-to-the-ledger.md.
/// </summary>
public sealed class PostTradingMoneyHandler(LedgerUnit unit, LedgerQueries queries, IOptions<DistributionOptions> options)
{
    public static readonly string[] MoneyEvents =
    [
        TradingEvents.DepositPaid, TradingEvents.DepositRefunded, TradingEvents.DepositAppliedToPrice, TradingEvents.SettlementTermsFixed,
        TradingEvents.ContractPaymentReceived, TradingEvents.ContractPaymentRefunded, TradingEvents.Suspended, TradingEvents.Cancelled, TradingEvents.Resumed,
    ];

    /// <summary>Posts pending events until none is left (or <paramref name="max"/> were handled); returns how many were consumed.</summary>
    public async Task<int> PostPendingAsync(int max = int.MaxValue, CancellationToken ct = default)
    {
        var done = 0;
        while (done < max)
        {
            var batch = await queries.PendingEventsAsync(TradingEvents.Module, MoneyEvents, Math.Min(100, max - done), ct);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var e in batch)
            {
                await PostOneAsync(e, ct);
                done++;
            }
        }

        return done;
    }

    /// <summary>One event, one ledger transaction (with the settlement when the event completes the receivable).</summary>
    public async Task PostOneAsync(PendingEvent e, CancellationToken ct = default)
    {
        var posted = await unit.RunAsync<int>(async s =>
        {
            if (await s.IsConsumedAsync(e.Id, ct))
            {
                return 0; // another worker got there first
            }

            var r = await PostAsync(s, e, ct);
            if (r.IsSuccess)
            {
                s.MarkConsumed(e.Id, e.EventType, r.Value);
            }

            return r;
        }, ct);

        if (posted.IsFailure)
        {
            // Everything the event posted was rolled back; the refusal itself is the outcome, noted for finance
            // (LedgerQueries.RefusedEventsAsync) rather than retried forever.
            await unit.RunAsync<int>(async s =>
            {
                if (!await s.IsConsumedAsync(e.Id, ct))
                {
                    s.MarkConsumed(e.Id, e.EventType, 0, posted.Error!.Code);
                }

                return 0;
            }, ct);
        }
    }

    private async Task<Result<int>> PostAsync(LedgerSession s, PendingEvent e, CancellationToken ct)
    {
        var deal = Guid.Parse(e.ObjectId);
        var region = e.RegionCode ?? throw new InvalidOperationException($"trading event {e.Id} has no region");
        var key = $"trading:{e.Id}";
        PostingLine D(AccountKind kind, long fen) => new(kind, new Money(fen), deal);
        PostingLine County(AccountKind kind, long fen) => new(kind, new Money(fen));

        switch (e.EventType)
        {
            case TradingEvents.DepositPaid:
            {
                var m = Read<MoneyMoved>(e);
                return await One(s.PostAsync(new PostEntry(key, $"保证金到账 {m.Reference}", region, deal, [D(AccountKind.DepositsHeld, m.AmountFen), County(AccountKind.BankClearing, -m.AmountFen)]), ct));
            }

            case TradingEvents.DepositRefunded:
            {
                var m = Read<MoneyMoved>(e);
                return await One(s.PostAsync(new PostEntry(key, $"保证金原路退还 {m.Reference}", region, deal, [D(AccountKind.Refunds, m.AmountFen), D(AccountKind.DepositsHeld, -m.AmountFen)]), ct));
            }

            case TradingEvents.SettlementTermsFixed:
            {
                var t = Read<SettlementTerms>(e);
                return await One(s.PostAsync(new PostEntry(key, $"合同{t.ContractNumber}签订，确认应收成交价款", region, deal, [D(AccountKind.Receivable, t.PriceFen), D(AccountKind.UncollectedPrice, -t.PriceFen)]), ct));
            }

            case TradingEvents.DepositAppliedToPrice:
            case TradingEvents.ContractPaymentReceived:
            {
                var m = Read<MoneyMoved>(e);
                var applied = e.EventType == TradingEvents.DepositAppliedToPrice;
                PostingLine from = applied ? D(AccountKind.DepositsHeld, -m.AmountFen) : County(AccountKind.BankClearing, -m.AmountFen);
                var collected = await s.PostAsync(new PostEntry(key, applied ? $"保证金转为成交价款 {m.Reference}" : $"合同价款到账 {m.Reference}", region, deal,
                    [D(AccountKind.Proceeds, m.AmountFen), from, D(AccountKind.UncollectedPrice, m.AmountFen), D(AccountKind.Receivable, -m.AmountFen)]), ct);
                if (collected.IsFailure)
                {
                    return collected.Error!;
                }

                var receivable = await s.BalanceAsync(AccountCodes.ForDeal(deal, AccountKind.Receivable), ct);
                return receivable == 0 ? await SettleAsync(s, e, deal, region, ct) : 1;
            }

            case TradingEvents.ContractPaymentRefunded:
            {
                var m = Read<MoneyMoved>(e);
                var reversed = await ReverseSettlementAsync(s, e.Id, deal, region, ct);
                if (reversed.IsFailure)
                {
                    return reversed.Error!;
                }

                var refunded = await s.PostAsync(new PostEntry(key, $"合同价款原路退还 {m.Reference}", region, deal, [D(AccountKind.Refunds, m.AmountFen), D(AccountKind.Proceeds, -m.AmountFen)]), ct);
                return refunded.IsFailure ? refunded.Error! : reversed.Value + 1;
            }

            case TradingEvents.Suspended:
            case TradingEvents.Cancelled:
            {
                // 资金清算: deposits and payments went back by their original route (events before this one); what is
                // left of the receivable is written off, and the deal's accounts are frozen.
                var entries = 0;
                var accounts = await s.DealAccountsAsync(deal, ct);
                var open = accounts.FirstOrDefault(a => a.Kind == AccountKind.Receivable);
                if (open is { Balance.Fen: > 0 } r)
                {
                    var cleared = await s.PostAsync(new PostEntry(key, "交易中止/终止，未收价款清算", region, deal, [D(AccountKind.UncollectedPrice, r.Balance.Fen), D(AccountKind.Receivable, -r.Balance.Fen)]), ct);
                    if (cleared.IsFailure)
                    {
                        return cleared.Error!;
                    }

                    entries++;
                }

                await s.SetDealFrozenAsync(deal, frozen: true, e.EventType == TradingEvents.Suspended ? "交易中止，账务封存" : "交易终止，账务封存", ct);
                return entries;
            }

            case TradingEvents.Resumed:
                await s.SetDealFrozenAsync(deal, frozen: false, "交易恢复，账务解封", ct);
                return 0;

            default:
                throw new InvalidOperationException($"not a money event: {e.EventType}");
        }
    }

    /// <summary>
    /// The receivable is collected: deduct the transaction costs (accounting, appraisal and platform fees) and split
    /// the net proceeds by the deal's approved distribution plan, largest remainder to the fen; the reinvestment share
    /// is split again by the county's rule into the erosion-control and maintenance funds. One entry.
    /// </summary>
    private async Task<Result<int>> SettleAsync(LedgerSession s, PendingEvent e, Guid deal, string region, CancellationToken ct)
    {
        var termsEvent = await queries.LatestEventAsync(TradingEvents.Module, TradingEvents.SettlementTermsFixed, e.ObjectId, e.Id, ct);
        if (termsEvent is null)
        {
            return DistributionErrors.TermsMissing(e.ObjectId);
        }

        var t = Read<SettlementTerms>(termsEvent);
        var proceeds = await s.BalanceAsync(AccountCodes.ForDeal(deal, AccountKind.Proceeds), ct);
        if (proceeds != t.PriceFen)
        {
            return DistributionErrors.ProceedsMismatch(proceeds, t.PriceFen);
        }

        var policy = options.Value.PolicyFor(region);
        if (policy is null && t.Shares.Any(x => x.Kind == ShareKind.Reinvestment))
        {
            return DistributionErrors.PolicyMissing(region);
        }

        var costs = Costs(t);
        var net = new Money(t.PriceFen) - costs;
        var parts = net.Allocate(t.Shares.Select(x => (long)x.BasisPoints).ToArray());
        var lines = new List<PostingLine> { new(AccountKind.TransactionCosts, costs, deal), new(AccountKind.Proceeds, new Money(-proceeds), deal) };
        for (var i = 0; i < t.Shares.Count; i++)
        {
            var share = t.Shares[i];
            if (share.Kind == ShareKind.Reinvestment)
            {
                var split = parts[i].Allocate([policy!.ErosionControlBasisPoints, policy.MaintenanceBasisPoints]);
                lines.Add(new(AccountKind.ErosionControlFund, split[0], deal));
                lines.Add(new(AccountKind.MaintenanceFund, split[1], deal));
            }
            else
            {
                lines.Add(new(share.Kind switch
                {
                    ShareKind.Collective => AccountKind.CollectiveShare,
                    ShareKind.Household => AccountKind.HouseholdShare,
                    _ => AccountKind.TransferorShare,
                }, parts[i], deal));
            }
        }

        var parties = string.Join("；", t.Shares.Select(x => $"{x.Party} {x.BasisPoints / 100m:0.##}%"));
        var settled = await s.PostAsync(new PostEntry(SettlementKey(e.Id), $"价款结清：扣除交易成本 {costs}，净收益按分配方案（{parties}）分配", region, deal, lines), ct);
        return settled.IsFailure ? settled.Error! : 2;
    }

    /// <summary>Before a contract payment is refunded after settlement, the settlement is reversed (once) so the proceeds are held again.</summary>
    private static async Task<Result<int>> ReverseSettlementAsync(LedgerSession s, long eventId, Guid deal, string region, CancellationToken ct)
    {
        var accounts = await s.DealAccountsAsync(deal, ct);
        if (accounts.Where(a => a.Kind == AccountKind.TransactionCosts).Sum(a => a.Balance.Fen) == 0)
        {
            return 0;
        }

        // Reverse what is held in the cost and share accounts back into proceeds.
        var lines = accounts.Where(a => (a.Kind is AccountKind.TransactionCosts or AccountKind.TransferorShare or AccountKind.CollectiveShare or AccountKind.HouseholdShare
                or AccountKind.ErosionControlFund or AccountKind.MaintenanceFund) && a.Balance.Fen != 0)
            .Select(a => new PostingLine(a.Kind, new Money(-a.Balance.Fen), deal)).ToList();
        lines.Add(new PostingLine(AccountKind.Proceeds, new Money(-lines.Sum(l => l.Amount.Fen)), deal));
        var reversal = await s.PostAsync(new PostEntry($"trading:{eventId}:settlement-reversal", "价款退还前冲回分配", region, deal, lines), ct);
        return reversal.IsFailure ? reversal.Error! : 1;
    }

    /// <summary>交易成本: accounting and appraisal fees plus the platform's fee on the price (rounded down, as Trading's net proceeds).</summary>
    public static Money Costs(SettlementTerms t) =>
        new(t.AccountingFeeFen + t.AppraisalFeeFen + checked(t.PriceFen * t.PlatformFeeBasisPoints / 10_000));

    public static string SettlementKey(long outboxId) => $"trading:{outboxId}:settlement";

    private static async Task<Result<int>> One(Task<Result<PostedEntry>> posting)
    {
        var r = await posting;
        return r.IsFailure ? r.Error! : 1;
    }

    private static T Read<T>(PendingEvent e) =>
        JsonSerializer.Deserialize<T>(e.Payload, OutboxJson.Options) ?? throw new InvalidOperationException($"outbox {e.Id}: empty payload");
}
