using Microsoft.EntityFrameworkCore;
using Qingshan.Distribution.Data;
using Qingshan.Kernel;

namespace Qingshan.Distribution.Reinvestment;

/// <summary>报审反哺方案: the county water bureau (or finance) writes the measures and submits the plan.</summary>
public sealed record SubmitReinvestmentPlan(Guid PlanId, string Measures);

public sealed class SubmitReinvestmentPlanHandler(DistributionDb db, TimeProvider clock)
{
    public async Task<Result> HandleAsync(SubmitReinvestmentPlan request, CancellationToken ct = default)
    {
        if (!Allowed(db.Actor, Roles.WaterBureau, Roles.Finance))
        {
            return DistributionErrors.Forbidden("submit");
        }

        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == request.PlanId, ct);
        if (plan is null)
        {
            return DistributionErrors.PlanNotFound(request.PlanId.ToString());
        }

        var now = clock.GetUtcNow();
        var done = plan.Submit(request.Measures, db.Actor.UserName, now);
        if (done.IsSuccess)
        {
            db.Record(now, "ReinvestmentPlanSubmitted", plan.Id.ToString(), plan.RegionCode, new { plan.DealCode, plan.Measures });
            await db.SaveChangesAsync(ct);
        }

        return done;
    }

    internal static bool Allowed(Actor actor, params string[] roles) => actor.IsInRole("system") || (actor.IsAuthenticated && roles.Any(actor.IsInRole));
}

/// <summary>批准反哺方案: the development-and-reform department and the water department each approve; both are needed.</summary>
public sealed record ApproveReinvestmentPlan(Guid PlanId);

public sealed class ApproveReinvestmentPlanHandler(DistributionDb db, TimeProvider clock)
{
    public async Task<Result> HandleAsync(ApproveReinvestmentPlan request, CancellationToken ct = default)
    {
        var drc = db.Actor.IsInRole(Roles.DevelopmentReform);
        if (!db.Actor.IsAuthenticated || (!drc && !db.Actor.IsInRole(Roles.WaterBureau)))
        {
            return DistributionErrors.Forbidden("approve");
        }

        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == request.PlanId, ct);
        if (plan is null)
        {
            return DistributionErrors.PlanNotFound(request.PlanId.ToString());
        }

        var now = clock.GetUtcNow();
        var done = plan.Approve(drc, db.Actor.UserName, now);
        if (done.IsSuccess)
        {
            db.Record(now, "ReinvestmentPlanApproved", plan.Id.ToString(), plan.RegionCode, new { plan.DealCode, Department = drc ? "development_reform" : "water_bureau", Status = plan.Status.ToString() });
            await db.SaveChangesAsync(ct);
        }

        return done;
    }
}
