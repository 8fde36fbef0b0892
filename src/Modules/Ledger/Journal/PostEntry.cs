using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Data;

namespace Qingshan.Ledger.Journal;

/// <summary>One line of an entry: an account (of the deal when <see cref="DealId"/> is set, else of the county) and a signed amount (debit +, credit −).</summary>
public sealed record PostingLine(AccountKind Account, Money Amount, Guid? DealId = null);

/// <summary>
/// Post a balanced entry. Idempotent by <see cref="BusinessKey"/>: the same key with the same lines returns the original
/// entry (Replayed); the same key with different lines is refused. All postings and balance updates commit together or not at all.
/// </summary>
public sealed record PostEntry(string BusinessKey, string Description, string RegionCode, Guid? DealId, IReadOnlyList<PostingLine> Lines);

public sealed record PostedEntry(long EntryId, bool Replayed);

public sealed class PostEntryHandler(LedgerUnit unit)
{
    public Task<Result<PostedEntry>> HandleAsync(PostEntry request, CancellationToken ct = default) =>
        unit.RunAsync(session => session.PostAsync(request, ct), ct);

    internal static string Code(PostingLine line, string regionCode) =>
        line.DealId is { } deal ? AccountCodes.ForDeal(deal, line.Account) : AccountCodes.ForCounty(regionCode, line.Account);
}
