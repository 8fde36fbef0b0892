using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Ledger;

public sealed class LedgerTests
{
    private const string County = "211322";

    private static PostEntry Deposit(Guid deal, string bidder, long fen) =>
        new($"deal:{deal:N}:deposit:{bidder}", $"{bidder} 交纳保证金", County, deal,
            [new(AccountKind.DepositsHeld, new Money(fen), deal), new(AccountKind.BankClearing, new Money(-fen))]);

    private static async Task<Result<PostedEntry>> PostAsync(TestPlatform platform, PostEntry entry) =>
        await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<PostEntryHandler>().HandleAsync(entry));

    [Fact]
    public async Task An_unbalanced_entry_is_refused_and_nothing_is_written()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var deal = Guid.CreateVersion7();
        var result = await PostAsync(platform, new PostEntry("k-1", "x", County, deal, [new(AccountKind.DepositsHeld, new Money(100), deal), new(AccountKind.BankClearing, new Money(-99))]));
        Assert.Equal("ledger.entry.unbalanced", result.Error?.Code);
        var balances = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().TrialBalanceAsync());
        Assert.Empty(balances);
    }

    [Fact]
    public async Task A_balance_written_behind_the_sessions_back_fails_the_commit_check_and_nothing_commits()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var deal = Guid.CreateVersion7();
        Assert.True((await PostAsync(platform, Deposit(deal, "operator1", 1_000))).IsSuccess);
        var held = AccountCodes.ForDeal(deal, AccountKind.DepositsHeld);

        // A bug that moves one fen outside the postings, inside the ledger transaction: the stored balances of the
        // accounts the transaction touched no longer add up to what they did before, so it throws and rolls back.
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => platform.RunAsync(Actor.System, async sp =>
        {
            var db = sp.GetRequiredService<Qingshan.Ledger.Data.LedgerDb>();
            return await sp.GetRequiredService<LedgerUnit>().RunAsync(async s =>
            {
                var posted = await s.PostAsync(Deposit(deal, "operator2", 2_000));
                await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlAsync(db.Database, $"UPDATE ledger_accounts SET balance_fen = balance_fen + 1 WHERE code = {held}");
                return posted;
            });
        }));
        Assert.Contains("conservation violated", failure.Message, StringComparison.Ordinal);

        var report = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().CheckConservationAsync());
        Assert.True(report.Holds, string.Join("; ", report.Violations));
        var balances = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().TrialBalanceAsync());
        Assert.Equal(1_000, balances.Single(b => b.Code == held).Balance.Fen);
    }

    [Fact]
    public async Task Posting_the_same_business_fact_twice_has_exactly_one_effect()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var deal = Guid.CreateVersion7();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => PostAsync(platform, Deposit(deal, "operator1", 5_000_000))));
        Assert.All(attempts, a => Assert.True(a.IsSuccess, a.Error?.ToString()));
        Assert.Single(attempts.Select(a => a.Value.EntryId).Distinct());
        Assert.Equal(1, attempts.Count(a => !a.Value.Replayed));

        var held = (await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().TrialBalanceAsync())).Single(b => b.Kind == AccountKind.DepositsHeld);
        Assert.Equal(5_000_000, held.Balance.Fen);

        var conflicting = await PostAsync(platform, Deposit(deal, "operator1", 4_000_000));
        Assert.Equal("ledger.entry.business_key_reused", conflicting.Error?.Code);
    }

    [Fact]
    public async Task Net_proceeds_are_split_80_20_to_the_fen_and_the_ledger_conserves()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var deal = Guid.CreateVersion7();
        // Price 1,234,567.89 yuan received; costs 12,345.67 deducted; the rest split 80 % erosion control / 20 % maintenance.
        Assert.True((await PostAsync(platform, new PostEntry("p", "收到成交价款", County, deal, [new(AccountKind.Proceeds, new Money(123_456_789), deal), new(AccountKind.BankClearing, new Money(-123_456_789))]))).IsSuccess);
        Assert.True((await PostAsync(platform, new PostEntry("c", "扣除交易成本", County, deal, [new(AccountKind.TransactionCosts, new Money(1_234_567), deal), new(AccountKind.Proceeds, new Money(-1_234_567), deal)]))).IsSuccess);
        var distributed = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<DistributeProceedsHandler>().HandleAsync(
            new DistributeProceeds(deal, County, [new(AccountKind.ErosionControlFund, 8000, HeldByCounty: true), new(AccountKind.MaintenanceFund, 2000, HeldByCounty: true)])));
        Assert.True(distributed.IsSuccess, distributed.Error?.ToString());

        var balances = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().TrialBalanceAsync());
        var net = 123_456_789L - 1_234_567L; // 122,222,222 fen
        var erosion = balances.Single(b => b.Kind == AccountKind.ErosionControlFund).Balance.Fen;
        var maintenance = balances.Single(b => b.Kind == AccountKind.MaintenanceFund).Balance.Fen;
        Assert.Equal(net, erosion + maintenance);
        Assert.Equal(97_777_778, erosion); // 0.8 × 122,222,222 = 97,777,777.6 → the remainder fen goes to the larger remainder
        Assert.Equal(24_444_444, maintenance);
        Assert.Equal(0, balances.Single(b => b.Kind == AccountKind.Proceeds).Balance.Fen);

        var report = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().CheckConservationAsync());
        Assert.True(report.Holds, string.Join("; ", report.Violations));
        Assert.Equal(123_456_789, report.CameIn.Fen);
    }

    [Fact]
    public async Task A_frozen_deal_accepts_no_further_postings()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var deal = Guid.CreateVersion7();
        Assert.True((await PostAsync(platform, Deposit(deal, "a", 100_000))).IsSuccess);
        Assert.True((await PostAsync(platform, new PostEntry("refund-a", "原路退回保证金", County, deal, [new(AccountKind.Refunds, new Money(100_000), deal), new(AccountKind.DepositsHeld, new Money(-100_000), deal)]))).IsSuccess);
        Assert.Equal(2, await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<FreezeDealAccountsHandler>().HandleAsync(deal)));
        var late = await PostAsync(platform, Deposit(deal, "b", 100_000));
        Assert.Equal("ledger.account.frozen", late.Error?.Code);
    }

    [Fact]
    public async Task Random_sequences_of_deposits_refunds_payments_and_distributions_conserve_every_fen()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var kinds = new[] { AccountKind.DepositsHeld, AccountKind.Proceeds, AccountKind.Refunds, AccountKind.PaidOut, AccountKind.TransferorShare, AccountKind.CollectiveShare };
        var gen = (from amount in Gen.Choose(1, 5_000_000)
                   from source in Gen.Choose(0, kinds.Length - 1)
                   from target in Gen.Choose(0, kinds.Length - 1)
                   select (Amount: amount, From: source, To: target)).ListOf();
        var sample = gen.Sample(25, 1);
        var deal = Guid.CreateVersion7();
        var n = 0;
        foreach (var run in sample)
        {
            foreach (var (amount, from, to) in run)
            {
                n++;
                // Money enters from the bank into one account, then moves between two accounts.
                Assert.True((await PostAsync(platform, new PostEntry($"in-{n}", "入账", County, deal, [new(kinds[from], new Money(amount), deal), new(AccountKind.BankClearing, new Money(-amount))]))).IsSuccess);
                if (from != to)
                {
                    Assert.True((await PostAsync(platform, new PostEntry($"move-{n}", "划转", County, deal, [new(kinds[to], new Money(amount / 3), deal), new(kinds[from], new Money(-(amount / 3)), deal)]))).IsSuccess);
                }
            }
        }

        var report = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().CheckConservationAsync());
        Assert.True(report.Holds, string.Join("; ", report.Violations));
        Assert.Equal(report.CameIn, report.Held + report.PaidOut + report.Refunded);
    }
}
