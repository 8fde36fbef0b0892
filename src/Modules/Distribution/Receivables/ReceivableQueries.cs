using System.Text.Json;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;
using Qingshan.Trading;

namespace Qingshan.Distribution.Receivables;

/// <summary>One deal's contract receivable: its payment schedule against what the ledger has collected.</summary>
public sealed record ReceivableRow(Guid DealId, string DealCode, string RegionCode, DateOnly ContractDate, Money Price, Money Collected, Money Outstanding, Money Overdue, DateOnly? OverdueSince)
{
    public bool IsOverdue => Overdue.Fen > 0;
}

/// <summary>
/// 应收成交价款: a contract's payment schedule becomes a receivable when the contract is signed (the ledger's
/// Receivable account). An instalment is overdue when its due date has passed and what was collected does not cover
/// every instalment due so far (payments settle the oldest instalment first).
/// </summary>
public sealed class ReceivableQueries(LedgerQueries ledger, TimeProvider clock)
{
    public async Task<List<ReceivableRow>> ReceivablesAsync(CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var terms = (await ledger.EventsAsync(TradingEvents.Module, TradingEvents.SettlementTermsFixed, ct))
            .GroupBy(e => e.ObjectId).Select(g => g.Last()).ToList();
        var balances = (await ledger.TrialBalanceAsync(ct)).Where(b => b.Kind == AccountKind.Receivable && b.DealId is not null).ToDictionary(b => b.DealId!.Value, b => b.Balance.Fen);
        var rows = new List<ReceivableRow>();
        foreach (var e in terms)
        {
            var t = JsonSerializer.Deserialize<SettlementTerms>(e.Payload, OutboxJson.Options)!;
            var deal = Guid.Parse(e.ObjectId);
            if (!balances.TryGetValue(deal, out var outstanding))
            {
                continue; // not posted yet
            }

            var collected = t.PriceFen - outstanding;
            long dueSoFar = 0;
            DateOnly? since = null;
            foreach (var i in t.Schedule.OrderBy(i => i.DueOn))
            {
                if (i.DueOn >= today)
                {
                    break;
                }

                dueSoFar += i.AmountFen;
                if (since is null && dueSoFar > collected)
                {
                    since = i.DueOn;
                }
            }

            var overdue = outstanding == 0 ? 0 : Math.Max(0, dueSoFar - collected);
            rows.Add(new ReceivableRow(deal, t.Code, e.RegionCode!, t.ContractDate, new Money(t.PriceFen), new Money(collected), new Money(outstanding), new Money(overdue), overdue > 0 ? since : null));
        }

        return rows;
    }
}
