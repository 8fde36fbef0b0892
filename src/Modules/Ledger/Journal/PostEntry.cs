using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;

namespace Qingshan.Ledger.Journal;

/// <summary>One line of an entry: an account (of the deal when <see cref="DealId"/> is set, else of the county) and a signed amount (debit +, credit −).</summary>
public sealed record PostingLine(AccountKind Account, Money Amount, Guid? DealId = null);

/// <summary>
/// Post a balanced entry. Idempotent by <see cref="BusinessKey"/>: the same key with the same lines returns the original
/// entry (Replayed); the same key with different lines is refused. All postings and balance updates commit together or not at all.
/// </summary>
public sealed record PostEntry(string BusinessKey, string Description, string RegionCode, Guid? DealId, IReadOnlyList<PostingLine> Lines);

public sealed record PostedEntry(long EntryId, bool Replayed);

/// <summary>
/// Posts one entry through the ledger's group commit (<see cref="LedgerGroupCommit"/>): the entry is queued with the
/// caller's actor and the task completes once the ledger transaction holding it has committed — or refused it alone.
/// </summary>
public sealed class PostEntryHandler(LedgerGroupCommit groupCommit, ActorContext actor)
{
    public Task<Result<PostedEntry>> HandleAsync(PostEntry request, CancellationToken ct = default) =>
        groupCommit.PostAsync(request, actor.Current, ct);

    internal static string Code(PostingLine line, string regionCode) =>
        line.DealId is { } deal ? AccountCodes.ForDeal(deal, line.Account) : AccountCodes.ForCounty(regionCode, line.Account);
}

/// <summary>An entry waiting in the group commit, with whoever asked for it (scope check, 记账人, audit actor).</summary>
internal sealed record QueuedPosting(PostEntry Request, Actor Actor);
