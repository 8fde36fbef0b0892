using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Data;
using Qingshan.Ledger.Journal;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Ledger;

/// <summary>The group commit: many postings in one ledger transaction, each judged and answered on its own.</summary>
public sealed class LedgerGroupCommitTests
{
    private const string County = "211322";

    private static PostEntry In(string key, Guid deal, AccountKind kind, long fen) =>
        new(key, "入账", County, deal, [new(kind, new Money(fen), deal), new(AccountKind.BankClearing, new Money(-fen))]);

    private static PostEntry Move(string key, Guid deal, AccountKind from, AccountKind to, long fen) =>
        new(key, "划转", County, deal, [new(to, new Money(fen), deal), new(from, new Money(-fen), deal)]);

    private static async Task<long> BalanceAsync(TestPlatform platform, string code) =>
        (await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().TrialBalanceAsync())).SingleOrDefault(b => b.Code == code)?.Balance.Fen ?? 0;

    private static async Task<int> EntryCountAsync(TestPlatform platform) =>
        await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerDb>().Entries.IgnoreQueryFilters().CountAsync());

    [Fact]
    public async Task Many_concurrent_postings_are_each_posted_exactly_once_in_fewer_transactions_and_conserve_to_the_fen()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var deals = Enumerable.Range(0, 7).Select(_ => Guid.CreateVersion7()).ToArray();
        var rnd = new Random(6);
        var requests = Enumerable.Range(0, 240).Select(i => In($"c-{i}", deals[i % deals.Length], AccountKind.DepositsHeld, rnd.Next(1, 9_999_999))).ToList();
        var group = platform.Services.GetRequiredService<LedgerGroupCommit>();
        var before = group.Batches;

        var results = await Task.WhenAll(requests.Select(r => Task.Run(() => PostAsync(platform, r))));

        Assert.All(results, r => Assert.True(r.IsSuccess && !r.Value.Replayed, r.Error?.ToString()));
        Assert.Equal(240, results.Select(r => r.Value.EntryId).Distinct().Count());
        Assert.Equal(240, await EntryCountAsync(platform));
        Assert.True(group.Batches - before < 240, $"{group.Batches - before} ledger transactions for 240 concurrent postings: nothing was grouped");
        foreach (var deal in deals)
        {
            var expected = requests.Where(r => r.DealId == deal).Sum(r => r.Lines[0].Amount.Fen);
            Assert.Equal(expected, await BalanceAsync(platform, AccountCodes.ForDeal(deal, AccountKind.DepositsHeld)));
        }

        Assert.Equal(-requests.Sum(r => r.Lines[0].Amount.Fen), await BalanceAsync(platform, AccountCodes.Bank(County)));
        var report = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().CheckConservationAsync());
        Assert.True(report.Holds, string.Join("; ", report.Violations));

        // Replaying all of them concurrently posts nothing and answers with the original entries.
        var again = await Task.WhenAll(requests.Select(r => Task.Run(() => PostAsync(platform, r))));
        Assert.All(again, r => Assert.True(r.IsSuccess && r.Value.Replayed, r.Error?.ToString()));
        Assert.Equal(results.Select(r => r.Value.EntryId), again.Select(r => r.Value.EntryId));
        Assert.Equal(240, await EntryCountAsync(platform));
    }

    [Fact]
    public async Task In_one_batch_an_overdraft_a_frozen_account_and_an_unbalanced_entry_refuse_only_themselves_with_their_codes()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var deal = Guid.CreateVersion7();
        var frozen = Guid.CreateVersion7();
        Assert.True((await PostAsync(platform, In("frozen-in", frozen, AccountKind.DepositsHeld, 500))).IsSuccess);
        Assert.Equal(1, await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<FreezeDealAccountsHandler>().HandleAsync(frozen)));
        var entriesBefore = await EntryCountAsync(platform);

        var batch = new List<PostEntry>
        {
            In("b-in", deal, AccountKind.DepositsHeld, 1_000),                                   // ok
            Move("b-refund", deal, AccountKind.DepositsHeld, AccountKind.Refunds, 1_000),        // ok: judged on the deposit just before it
            Move("b-overdraft", deal, AccountKind.DepositsHeld, AccountKind.Refunds, 1),         // nothing left
            In("b-frozen", frozen, AccountKind.DepositsHeld, 300),                               // deal frozen
            new("b-unbalanced", "x", County, deal, [new(AccountKind.Proceeds, new Money(10), deal), new(AccountKind.BankClearing, new Money(-9))]),
            In("b-proceeds", deal, AccountKind.Proceeds, 2_500),                                 // ok
        };
        var results = await platform.Services.GetRequiredService<LedgerGroupCommit>().PostManyAsync(batch, Actor.System);

        Assert.True(results[0].IsSuccess && results[1].IsSuccess && results[5].IsSuccess);
        Assert.Equal("ledger.account.insufficient_balance", results[2].Error?.Code);
        Assert.Equal("ledger.account.frozen", results[3].Error?.Code);
        Assert.Equal("ledger.entry.unbalanced", results[4].Error?.Code);
        Assert.Equal(entriesBefore + 3, await EntryCountAsync(platform));
        Assert.Equal(0, await BalanceAsync(platform, AccountCodes.ForDeal(deal, AccountKind.DepositsHeld)));
        Assert.Equal(1_000, await BalanceAsync(platform, AccountCodes.ForDeal(deal, AccountKind.Refunds)));
        Assert.Equal(2_500, await BalanceAsync(platform, AccountCodes.ForDeal(deal, AccountKind.Proceeds)));
        Assert.Equal(500, await BalanceAsync(platform, AccountCodes.ForDeal(frozen, AccountKind.DepositsHeld)));
        Assert.Equal(-4_000, await BalanceAsync(platform, AccountCodes.Bank(County)));

        // The refused business keys were not used up: once the money is there, the same key posts.
        Assert.True((await PostAsync(platform, In("b-in-2", deal, AccountKind.DepositsHeld, 1)))!.IsSuccess);
        var retried = await PostAsync(platform, Move("b-overdraft", deal, AccountKind.DepositsHeld, AccountKind.Refunds, 1));
        Assert.True(retried.IsSuccess && !retried.Value.Replayed, retried.Error?.ToString());
    }

    [Fact]
    public async Task Duplicate_business_keys_in_one_batch_make_one_entry_and_a_changed_duplicate_is_refused()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var deal = Guid.CreateVersion7();
        var batch = new List<PostEntry>
        {
            In("dup", deal, AccountKind.DepositsHeld, 7_000),
            In("dup", deal, AccountKind.DepositsHeld, 7_000),
            In("dup", deal, AccountKind.DepositsHeld, 7_001),
            In("dup", deal, AccountKind.DepositsHeld, 7_000),
        };
        var results = await platform.Services.GetRequiredService<LedgerGroupCommit>().PostManyAsync(batch, Actor.System);

        Assert.True(results[0].IsSuccess && !results[0].Value.Replayed);
        Assert.True(results[1].IsSuccess && results[1].Value.Replayed && results[1].Value.EntryId == results[0].Value.EntryId);
        Assert.Equal("ledger.entry.business_key_reused", results[2].Error?.Code);
        Assert.True(results[3].IsSuccess && results[3].Value.Replayed && results[3].Value.EntryId == results[0].Value.EntryId);
        Assert.Equal(1, await EntryCountAsync(platform));
        Assert.Equal(7_000, await BalanceAsync(platform, AccountCodes.ForDeal(deal, AccountKind.DepositsHeld)));
    }

    [Fact]
    public async Task A_batch_that_throws_is_retried_one_entry_at_a_time_so_only_the_culprit_fails()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var deal = Guid.CreateVersion7();
        // Its debits add up past long.MaxValue: an OverflowException inside the batch transaction, not a refusal.
        var poison = new PostEntry("poison", "溢出", County, deal,
        [
            new(AccountKind.DepositsHeld, new Money(long.MaxValue), deal), new(AccountKind.Proceeds, new Money(1), deal),
            new(AccountKind.BankClearing, new Money(long.MinValue + 1)), new(AccountKind.Refunds, new Money(-1), deal),
        ]);
        var group = platform.Services.GetRequiredService<LedgerGroupCommit>();
        var before = group.Batches;

        await Assert.ThrowsAsync<OverflowException>(() => group.PostManyAsync([In("ok-1", deal, AccountKind.DepositsHeld, 100), poison, In("ok-2", deal, AccountKind.DepositsHeld, 200)], Actor.System));

        Assert.Equal(1 + 3, group.Batches - before); // the batch, then each of its three entries alone
        Assert.Equal(2, await EntryCountAsync(platform));
        Assert.Equal(300, await BalanceAsync(platform, AccountCodes.ForDeal(deal, AccountKind.DepositsHeld)));
        var report = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().CheckConservationAsync());
        Assert.True(report.Holds, string.Join("; ", report.Violations));
    }

    [Fact]
    public async Task A_posting_is_recorded_for_the_caller_not_for_the_group_commits_writer()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var deal = Guid.CreateVersion7();
        var finance = new Actor("u-finance", "财务甲", RegionScope.Of(Qingshan.Kernel.NationalCodes.AdminDivisionCode.Parse(County)), new HashSet<string>([Roles.Finance]), County);
        var posted = await platform.RunAsync(finance, sp => sp.GetRequiredService<PostEntryHandler>().HandleAsync(In("by-finance", deal, AccountKind.DepositsHeld, 10)));
        Assert.True(posted.IsSuccess, posted.Error?.ToString());

        var journal = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerDb>().Entries.IgnoreQueryFilters().SingleAsync());
        Assert.Equal("财务甲", journal.PostedBy);
        var outbox = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerDb>().Outbox.SingleAsync(m => m.EventType == "JournalEntryPosted"));
        Assert.Equal("u-finance", outbox.ActorId);

        // Outside the caller's region the entry is refused before anything is written.
        var other = await platform.RunAsync(finance, sp => sp.GetRequiredService<PostEntryHandler>().HandleAsync(new PostEntry("elsewhere", "x", "211321", deal,
            [new(AccountKind.DepositsHeld, new Money(10), deal), new(AccountKind.BankClearing, new Money(-10))])));
        Assert.Equal("ledger.account.out_of_scope", other.Error?.Code);
    }

    private static async Task<Result<PostedEntry>> PostAsync(TestPlatform platform, PostEntry entry) =>
        await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<PostEntryHandler>().HandleAsync(entry));
}
