using Microsoft.EntityFrameworkCore;
using Qingshan.Accounting.Data;
using Qingshan.Kernel;

namespace Qingshan.Accounting.Runs;

/// <summary>Compute again during 编制 (after a failure, or after a reviewer sent it back). Refused once approved.</summary>
public sealed record RecomputeAccountingRun(Guid Id);

public sealed class RecomputeAccountingRunHandler(AccountingDb db, AccountingRunQueue queue, TimeProvider clock)
{
    public async Task<Result> HandleAsync(RecomputeAccountingRun request, CancellationToken ct = default)
    {
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == request.Id, ct);
        if (run is not null)
        {
            // A circuit's context may still track this run from an earlier step (e.g. its preparation, while the
            // background job has since computed it in another scope): decide on the stored state, not the cached one.
            await db.Entry(run).ReloadAsync(ct);
        }

        if (run is null)
        {
            return AccountingErrors.RunNotFound(request.Id.ToString());
        }

        if (run.IsFrozen)
        {
            return AccountingErrors.RunFrozen();
        }

        if (!db.Actor.IsInRole(Roles.WaterBureau))
        {
            return AccountingErrors.RunRoleNotAllowed("prepare");
        }

        var result = run.Requeue();
        if (result.IsFailure)
        {
            return result;
        }

        db.Record(clock.GetUtcNow(), AccountingEvents.RunQueued, run.Id.ToString(), run.RegionCode, new { run.InputHash });
        await db.SaveChangesAsync(ct);
        queue.Enqueue(run.Id);
        return Result.Success();
    }
}

/// <summary>编制完成，提交审核.</summary>
public sealed record SubmitAccountingRun(Guid Id);

/// <summary>审核通过 (the reviewer differs from the preparer).</summary>
public sealed record ReviewAccountingRun(Guid Id);

/// <summary>批准: freezes the run; its values become usable by appraisal and trading.</summary>
public sealed record ApproveAccountingRun(Guid Id);

/// <summary>退回编制 with the reviewer's or approver's comment.</summary>
public sealed record RejectAccountingRun(Guid Id, string Comment);

public sealed class AccountingRunTransitionHandler(AccountingDb db, TimeProvider clock)
{
    public Task<Result> HandleAsync(SubmitAccountingRun request, CancellationToken ct = default) =>
        ApplyAsync(request.Id, AccountingEvents.RunSubmitted, (run, actor, at) => run.Submit(actor, at), null, ct);

    public Task<Result> HandleAsync(ReviewAccountingRun request, CancellationToken ct = default) =>
        ApplyAsync(request.Id, AccountingEvents.RunReviewed, (run, actor, at) => run.Review(actor, at), null, ct);

    public Task<Result> HandleAsync(ApproveAccountingRun request, CancellationToken ct = default) =>
        ApplyAsync(request.Id, AccountingEvents.RunApproved, (run, actor, at) => run.Approve(actor, at), null, ct);

    public Task<Result> HandleAsync(RejectAccountingRun request, CancellationToken ct = default) =>
        ApplyAsync(request.Id, AccountingEvents.RunRejected, (run, actor, _) => run.Reject(actor, request.Comment), request.Comment, ct);

    private async Task<Result> ApplyAsync(Guid id, string eventType, Func<AccountingRun, Actor, DateTimeOffset, Result> transition, string? comment, CancellationToken ct)
    {
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is not null)
        {
            // A circuit's context may still track this run from an earlier step (e.g. its preparation, while the
            // background job has since computed it in another scope): decide on the stored state, not the cached one.
            await db.Entry(run).ReloadAsync(ct);
        }

        if (run is null)
        {
            return AccountingErrors.RunNotFound(id.ToString());
        }

        var at = clock.GetUtcNow();
        var result = transition(run, db.Actor, at);
        if (result.IsFailure)
        {
            return result;
        }

        db.Record(at, eventType, run.Id.ToString(), run.RegionCode, new { Status = run.Status.ToString(), run.InputHash, run.ResultHash, run.TotalYuan, Comment = comment });
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }
}
