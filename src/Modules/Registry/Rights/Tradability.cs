using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Registry.Data;

namespace Qingshan.Registry.Rights;

/// <summary>Rights status of a plot as the map and other modules see it.</summary>
public enum RightsStatus
{
    /// <summary>未确权: no ownership right confirmed yet.</summary>
    Unconfirmed = 0,

    /// <summary>已确权, tradable.</summary>
    Confirmed = 1,

    /// <summary>有争议: an open dispute; never tradable.</summary>
    Disputed = 2,

    /// <summary>已抵押: a blocking pledge.</summary>
    Pledged = 3,
}

public sealed record TradabilityResult(Guid PlotId, string PlotCode, RightsStatus Status, IReadOnlyList<Error> Reasons)
{
    public bool IsTradable => Reasons.Count == 0;
}

/// <summary>
/// The registry's answer to "may this plot's operating right be traded?" — used by trading before a transferor is
/// determined. A plot is tradable only when its ownership is confirmed, no dispute is open and no blocking pledge is active.
/// </summary>
public sealed class CheckTradabilityHandler(RegistryDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<TradabilityResult>> HandleAsync(IReadOnlyCollection<Guid> plotIds, CancellationToken ct = default)
    {
        var plots = await db.Plots.Where(p => plotIds.Contains(p.Id)).Select(p => new { p.Id, p.Code }).ToListAsync(ct);
        var statuses = await StatusesAsync(db, plotIds, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        var results = new List<TradabilityResult>();
        foreach (var id in plotIds)
        {
            var plot = plots.FirstOrDefault(p => p.Id == id);
            if (plot is null)
            {
                results.Add(new TradabilityResult(id, "", RightsStatus.Unconfirmed, [RegistryErrors.PlotNotFound(id.ToString())]));
                continue;
            }

            var s = statuses[id];
            var reasons = new List<Error>();
            if (s.HasOpenDispute)
            {
                reasons.Add(RegistryErrors.NotTradableDisputed(plot.Code));
            }

            if (s.HasBlockingPledge)
            {
                reasons.Add(RegistryErrors.NotTradablePledged(plot.Code));
            }

            if (!s.HasOwnership)
            {
                reasons.Add(RegistryErrors.NotTradableUnconfirmed(plot.Code));
            }

            results.Add(new TradabilityResult(id, plot.Code, s.Status, reasons));
        }

        return results;
    }

    internal sealed record Flags(bool HasOwnership, bool HasOpenDispute, bool HasBlockingPledge)
    {
        public RightsStatus Status => HasOpenDispute ? RightsStatus.Disputed : HasBlockingPledge ? RightsStatus.Pledged : HasOwnership ? RightsStatus.Confirmed : RightsStatus.Unconfirmed;
    }

    /// <summary>Rights flags for many plots in three queries (no per-plot round trips).</summary>
    internal static async Task<Dictionary<Guid, Flags>> StatusesAsync(RegistryDb db, IReadOnlyCollection<Guid> plotIds, DateOnly on, CancellationToken ct)
    {
        var owned = await db.Rights.Where(r => plotIds.Contains(r.PlotId) && r.Kind == RightKind.Ownership && r.TermStart <= on && (r.TermEnd == null || r.TermEnd >= on))
            .Select(r => r.PlotId).Distinct().ToListAsync(ct);
        var disputed = await db.Disputes.Where(d => plotIds.Contains(d.PlotId) && d.ResolvedAt == null).Select(d => d.PlotId).Distinct().ToListAsync(ct);
        var pledged = await db.Pledges.Where(p => plotIds.Contains(p.PlotId) && p.ReleasedAt == null && p.BlocksTrading).Select(p => p.PlotId).Distinct().ToListAsync(ct);
        var ownedSet = owned.ToHashSet();
        var disputedSet = disputed.ToHashSet();
        var pledgedSet = pledged.ToHashSet();
        return plotIds.Distinct().ToDictionary(id => id, id => new Flags(ownedSet.Contains(id), disputedSet.Contains(id), pledgedSet.Contains(id)));
    }
}
