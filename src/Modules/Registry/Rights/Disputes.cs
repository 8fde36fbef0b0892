using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Registry.Data;

namespace Qingshan.Registry.Rights;

/// <summary>Record a rights dispute over a plot; the plot stops being tradable until it is resolved.</summary>
public sealed record RecordDispute(Guid PlotId, string Description);

public sealed class RecordDisputeHandler(RegistryDb db, TimeProvider clock)
{
    public async Task<Result<Guid>> HandleAsync(RecordDispute request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Description))
        {
            return RegistryErrors.DisputeDescriptionRequired();
        }

        var plot = await db.Plots.FirstOrDefaultAsync(p => p.Id == request.PlotId, ct);
        if (plot is null)
        {
            return RegistryErrors.PlotNotFound(request.PlotId.ToString());
        }

        var at = clock.GetUtcNow();
        var dispute = new Dispute(plot.Id, plot.RegionCode, request.Description.Trim(), db.Actor.UserName, at);
        db.Disputes.Add(dispute);
        db.Record(at, RegistryEvents.DisputeRecorded, dispute.Id.ToString(), plot.RegionCode, new { Plot = plot.Code, request.Description });
        await db.SaveChangesAsync(ct);
        return dispute.Id;
    }
}

/// <summary>Resolve a dispute with the outcome; the record stays in the plot's history.</summary>
public sealed record ResolveDispute(Guid DisputeId, string Resolution);

public sealed class ResolveDisputeHandler(RegistryDb db, TimeProvider clock)
{
    public async Task<Result> HandleAsync(ResolveDispute request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Resolution))
        {
            return RegistryErrors.DisputeDescriptionRequired();
        }

        var dispute = await db.Disputes.FirstOrDefaultAsync(d => d.Id == request.DisputeId, ct);
        if (dispute is null)
        {
            return RegistryErrors.DisputeNotFound(request.DisputeId.ToString());
        }

        var at = clock.GetUtcNow();
        var result = dispute.Resolve(request.Resolution.Trim(), db.Actor.UserName, at);
        if (result.IsFailure)
        {
            return result;
        }

        db.Record(at, RegistryEvents.DisputeResolved, dispute.Id.ToString(), dispute.RegionCode, request);
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }
}

/// <summary>Record a pledge of a plot's right to a bank.</summary>
public sealed record RecordPledge(Guid PlotId, string Pledgee, Money Amount, bool BlocksTrading, DateOnly Start, DateOnly End);

public sealed class RecordPledgeHandler(RegistryDb db, TimeProvider clock)
{
    public async Task<Result<Guid>> HandleAsync(RecordPledge request, CancellationToken ct = default)
    {
        var plot = await db.Plots.FirstOrDefaultAsync(p => p.Id == request.PlotId, ct);
        if (plot is null)
        {
            return RegistryErrors.PlotNotFound(request.PlotId.ToString());
        }

        if (request.End < request.Start)
        {
            return RegistryErrors.RightTermInvalid();
        }

        var at = clock.GetUtcNow();
        var pledge = new Pledge(plot.Id, plot.RegionCode, request.Pledgee.Trim(), request.Amount.Fen, request.BlocksTrading, request.Start, request.End, at);
        db.Pledges.Add(pledge);
        db.Record(at, RegistryEvents.PledgeRecorded, pledge.Id.ToString(), plot.RegionCode, new { Plot = plot.Code, request.Pledgee, AmountFen = request.Amount.Fen, request.BlocksTrading, request.Start, request.End });
        await db.SaveChangesAsync(ct);
        return pledge.Id;
    }
}

public sealed record ReleasePledge(Guid PledgeId);

public sealed class ReleasePledgeHandler(RegistryDb db, TimeProvider clock)
{
    public async Task<Result> HandleAsync(ReleasePledge request, CancellationToken ct = default)
    {
        var pledge = await db.Pledges.FirstOrDefaultAsync(p => p.Id == request.PledgeId, ct);
        if (pledge is null)
        {
            return RegistryErrors.PledgeNotFound(request.PledgeId.ToString());
        }

        var at = clock.GetUtcNow();
        var result = pledge.Release(at);
        if (result.IsFailure)
        {
            return result;
        }

        db.Record(at, RegistryEvents.PledgeReleased, pledge.Id.ToString(), pledge.RegionCode, request);
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }
}
