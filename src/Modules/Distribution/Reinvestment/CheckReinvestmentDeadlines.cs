using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qingshan.Data;
using Qingshan.Distribution.Data;
using Qingshan.Distribution.Settlement;
using Qingshan.Ledger.Journal;
using Qingshan.Trading;

namespace Qingshan.Distribution.Reinvestment;

public sealed record DeadlineCheck(int PlansCreated, int Reminders, int Escalations);

/// <summary>
/// The background check (run by <see cref="DistributionWorker"/>, clock from <see cref="TimeProvider"/>): every signed
/// contract gets its reinvestment plan with the due date (contract date + 6 months); a plan not approved gets one
/// reminder within <see cref="DistributionOptions.ReminderDaysBefore"/> days of its due date and one escalation the
/// day after it. Both are outbox events, so they reach the audit log and any notifier.
/// </summary>
public sealed class CheckReinvestmentDeadlinesHandler(DistributionDb db, LedgerQueries ledger, IOptions<DistributionOptions> options, TimeProvider clock)
{
    public async Task<DeadlineCheck> HandleAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var created = 0;
        var existing = (await db.Plans.IgnoreQueryFilters().Select(p => p.DealId).ToListAsync(ct)).ToHashSet();
        var terms = await ledger.EventsAsync(TradingEvents.Module, TradingEvents.SettlementTermsFixed, ct);
        foreach (var e in terms.GroupBy(e => e.ObjectId).Select(g => g.Last()))
        {
            var deal = Guid.Parse(e.ObjectId);
            if (existing.Contains(deal))
            {
                continue;
            }

            var t = JsonSerializer.Deserialize<SettlementTerms>(e.Payload, OutboxJson.Options)!;
            var plan = new ReinvestmentPlan(deal, t.Code, e.RegionCode!, t.ContractDate, t.ContractDate.AddMonths(options.Value.ReinvestmentPlanDueMonths));
            db.Plans.Add(plan);
            db.Record(now, "ReinvestmentPlanOpened", plan.Id.ToString(), plan.RegionCode, new { plan.DealCode, plan.ContractDate, plan.DueOn });
            created++;
        }

        var reminders = 0;
        var escalations = 0;
        foreach (var plan in await db.Plans.IgnoreQueryFilters().Where(p => p.Status != PlanStatus.Approved).ToListAsync(ct))
        {
            if (plan.IsDueForReminder(today, options.Value.ReminderDaysBefore))
            {
                plan.MarkReminded(now);
                db.Record(now, "ReinvestmentPlanReminder", plan.Id.ToString(), plan.RegionCode, new { plan.DealCode, plan.DueOn, DaysLeft = plan.DueOn.DayNumber - today.DayNumber });
                reminders++;
            }

            if (plan.IsOverdue(today) && plan.EscalatedAt is null)
            {
                plan.MarkEscalated(now);
                db.Record(now, "ReinvestmentPlanOverdue", plan.Id.ToString(), plan.RegionCode, new { plan.DealCode, plan.DueOn, Status = plan.Status.ToString() });
                escalations++;
            }
        }

        await db.SaveChangesAsync(ct);
        return new DeadlineCheck(created, reminders, escalations);
    }
}
