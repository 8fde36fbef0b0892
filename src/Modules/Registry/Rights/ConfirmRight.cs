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

        if (RightRules.CheckTerm(request.Kind, request.TermStart, request.TermEnd) is { } term)
        {
            return term;
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

/// <summary>Rules shared by single confirmation and bulk import.</summary>
internal static class RightRules
{
    public static Error? CheckTerm(RightKind kind, DateOnly start, DateOnly? end)
    {
        if (end is { } e && e < start)
        {
            return RegistryErrors.RightTermInvalid();
        }

        // Use and operating rights are always for a term (e.g. 土地承包经营权 30 years).
        return kind != RightKind.Ownership && end is null ? RegistryErrors.RightTermInvalid() : null;
    }

    /// <summary>Terms of the same kind over one plot may not overlap (end inclusive, open end = for ever).</summary>
    public static bool Overlaps(DateOnly start1, DateOnly? end1, DateOnly start2, DateOnly? end2) =>
        start1 <= (end2 ?? DateOnly.MaxValue) && start2 <= (end1 ?? DateOnly.MaxValue);
}
