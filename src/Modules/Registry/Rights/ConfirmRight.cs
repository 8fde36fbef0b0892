using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Registry.Data;

namespace Qingshan.Registry.Rights;

/// <summary>Confirm (确权) a holder's ownership, use or operating right over a plot.</summary>
public sealed record ConfirmRight(Guid PlotId, Guid HolderId, RightKind Kind, DateOnly TermStart, DateOnly? TermEnd, string CertificateNumber);

public sealed class ConfirmRightHandler(RegistryDb db, TimeProvider clock)
{
    public async Task<Result<Guid>> HandleAsync(ConfirmRight request, CancellationToken ct = default)
    {
        var plot = await db.Plots.FirstOrDefaultAsync(p => p.Id == request.PlotId, ct);
        if (plot is null)
        {
            return RegistryErrors.PlotNotFound(request.PlotId.ToString());
        }

        if (!await db.Holders.AnyAsync(h => h.Id == request.HolderId, ct))
        {
            return RegistryErrors.HolderNotFound(request.HolderId.ToString());
        }

        if (string.IsNullOrWhiteSpace(request.CertificateNumber))
        {
            return RegistryErrors.RightCertificateRequired();
        }

        if (request.TermEnd is { } end && end < request.TermStart)
        {
            return RegistryErrors.RightTermInvalid();
        }

        if (request.Kind != RightKind.Ownership && request.TermEnd is null)
        {
            // Use and operating rights are always for a term (e.g. 土地承包经营权 30 years).
            return RegistryErrors.RightTermInvalid();
        }

        // One right of a kind per plot at a time: terms of the same kind may not overlap.
        var start = request.TermStart;
        var endOrMax = request.TermEnd ?? DateOnly.MaxValue;
        var clash = await db.Rights.AnyAsync(r => r.PlotId == plot.Id && r.Kind == request.Kind && r.TermStart <= endOrMax && (r.TermEnd == null || r.TermEnd >= start), ct);
        if (clash)
        {
            return RegistryErrors.RightDuplicate(request.Kind.ToString());
        }

        var at = clock.GetUtcNow();
        var right = new Right(plot.Id, plot.RegionCode, request.HolderId, request.Kind, request.TermStart, request.TermEnd, request.CertificateNumber.Trim(), at, db.Actor.UserName);
        db.Rights.Add(right);
        db.Record(at, RegistryEvents.RightConfirmed, right.Id.ToString(), plot.RegionCode, new { Plot = plot.Code, request.HolderId, request.Kind, request.TermStart, request.TermEnd, request.CertificateNumber });
        await db.SaveChangesAsync(ct);
        return right.Id;
    }
}
