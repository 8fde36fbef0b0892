using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Distribution.Data;
using Qingshan.Distribution.Reinvestment;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Data;
using Qingshan.Ledger.Journal;
using Qingshan.Tests.Trading;
using static Qingshan.Tests.Distribution.DistributionWorld;

namespace Qingshan.Tests.Distribution;

/// <summary>
/// A spending lives in two stores (the distribution record and the ledger entry). The process is "killed" between the
/// two steps by running only the first (record) or the first two (record, post) and never the mark; the worker's next
/// round — what a restart runs — must make it whole: posted exactly once, marked, audited once.
/// </summary>
public sealed class SpendingCrashTests
{
    private static RecordSpending Spending(Guid plan, long fen) =>
        new(plan, ReinvestmentFund.ErosionControl, "谷坊修复", "东山村 P-2 地块", new Money(fen), new DateOnly(2026, 5, 10), "验收单.pdf", Encoding.UTF8.GetBytes("%PDF-1.4 验收单"));

    /// <summary>A settled deal (erosion-control fund 2,311,734 fen, see SettlementTests) with an approved plan.</summary>
    private static async Task<(TradingWorld World, Guid Plan)> ApprovedPlanAsync()
    {
        var (world, _) = await ContractedAsync();
        await PayAsync(world, Price.Fen - 1_000_000);
        await PostPendingAsync(world);
        await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<CheckReinvestmentDeadlinesHandler>().HandleAsync());
        var plan = Assert.Single(await world.Platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<ReinvestmentQueries>().PlansAsync())).Id;
        await world.OkAsync(TradingWorld.Water, sp => sp.GetRequiredService<SubmitReinvestmentPlanHandler>().HandleAsync(new SubmitReinvestmentPlan(plan, "谷坊 12 座")));
        await world.OkAsync(TradingWorld.Drc, sp => sp.GetRequiredService<ApproveReinvestmentPlanHandler>().HandleAsync(new ApproveReinvestmentPlan(plan)));
        await world.OkAsync(TradingWorld.Water, sp => sp.GetRequiredService<ApproveReinvestmentPlanHandler>().HandleAsync(new ApproveReinvestmentPlan(plan)));
        return (world, plan);
    }

    private static Task<int> RestartAsync(TradingWorld world) =>
        world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<PostSpendingHandler>().PostLeftBehindAsync());

    private static async Task<Guid> RecordOnlyAsync(TradingWorld world, Guid plan, long fen)
    {
        var recorded = await world.Platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<RecordSpendingHandler>().RecordAsync(Spending(plan, fen)));
        Assert.True(recorded.IsSuccess, recorded.Error?.ToString());
        return recorded.Value;
    }

    private static Task<int> EntriesWithKeyAsync(TradingWorld world, Guid spending) =>
        world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerDb>().Entries.IgnoreQueryFilters().CountAsync(e => e.BusinessKey == PostSpendingHandler.BusinessKey(spending)));

    private static Task<int> EventsAsync(TradingWorld world, string type, Guid spending) =>
        world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<DistributionDb>().Outbox.CountAsync(m => m.EventType == type && m.ObjectId == spending.ToString()));

    private static Task<List<SpendingRow>> ListedAsync(TradingWorld world, Guid plan) =>
        world.Platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<ReinvestmentQueries>().SpendingsAsync(plan));

    [Fact]
    public async Task Killed_after_recording_before_posting_the_restart_posts_it_once()
    {
        var (world, plan) = await ApprovedPlanAsync();
        await using var _p = world.Platform;
        var id = await RecordOnlyAsync(world, plan, 300_000);

        // Left behind: recorded, not posted, not listed as spent; the fund is untouched.
        Assert.Equal(0, await EntriesWithKeyAsync(world, id));
        Assert.Empty(await ListedAsync(world, plan));
        Assert.Equal(2_311_734, (await DealBalancesAsync(world))[AccountKind.ErosionControlFund]);

        // Too young to be taken for left behind (its request may still be on its way) …
        Assert.Equal(0, await RestartAsync(world));
        // … after the grace period the restarted worker posts it.
        world.Platform.Clock.Advance(PostSpendingHandler.HealAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await RestartAsync(world));

        Assert.Equal(1, await EntriesWithKeyAsync(world, id));
        Assert.Equal(1, await EventsAsync(world, "ReinvestmentSpent", id));
        Assert.Equal(id, Assert.Single(await ListedAsync(world, plan)).Id);
        var b = await DealBalancesAsync(world);
        Assert.Equal(2_311_734 - 300_000, b[AccountKind.ErosionControlFund]);
        Assert.Equal(300_000, b[AccountKind.PaidOut]);

        // Nothing is left to heal; running again changes nothing.
        Assert.Equal(0, await RestartAsync(world));
        Assert.Equal(1, await EntriesWithKeyAsync(world, id));
        Assert.Equal(300_000, (await DealBalancesAsync(world))[AccountKind.PaidOut]);
        await AssertConservesAsync(world);
    }

    [Fact]
    public async Task Killed_after_posting_before_marking_the_restart_marks_it_without_paying_twice()
    {
        var (world, plan) = await ApprovedPlanAsync();
        await using var _p = world.Platform;
        var id = await RecordOnlyAsync(world, plan, 400_000);
        // The second step ran (the ledger committed the posting), then the process died before the mark.
        var entry = PostSpendingHandler.Entry(id, world.Deal, "211322", ReinvestmentFund.ErosionControl, "谷坊修复", "东山村 P-2 地块", new Money(400_000));
        var posted = await world.Platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<PostEntryHandler>().HandleAsync(entry));
        Assert.True(posted.IsSuccess, posted.Error?.ToString());
        Assert.Empty(await ListedAsync(world, plan));

        world.Platform.Clock.Advance(PostSpendingHandler.HealAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await RestartAsync(world));

        Assert.Equal(1, await EntriesWithKeyAsync(world, id));
        Assert.Equal(1, await EventsAsync(world, "ReinvestmentSpent", id));
        Assert.Single(await ListedAsync(world, plan));
        var b = await DealBalancesAsync(world);
        Assert.Equal(400_000, b[AccountKind.PaidOut]);
        Assert.Equal(2_311_734 - 400_000, b[AccountKind.ErosionControlFund]);
        var summary = await world.Platform.RunAsync(Actor.Anonymous, sp => sp.GetRequiredService<ReinvestmentQueries>().PublicSummaryAsync("JP-2026-001"));
        Assert.Equal(2_311_734, summary!.ErosionControlReceived.Fen);
        Assert.Equal(400_000, summary.Spent.Fen);
        await AssertConservesAsync(world);
    }

    [Fact]
    public async Task A_left_behind_spending_the_fund_can_no_longer_cover_is_kept_as_refused_with_its_evidence_and_nothing_is_posted()
    {
        var (world, plan) = await ApprovedPlanAsync();
        await using var _p = world.Platform;
        var id = await RecordOnlyAsync(world, plan, 2_000_000);
        // Meanwhile another spending took most of the fund.
        Assert.True((await world.Platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<RecordSpendingHandler>().HandleAsync(Spending(plan, 1_000_000)))).IsSuccess);

        world.Platform.Clock.Advance(PostSpendingHandler.HealAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await RestartAsync(world));

        Assert.Equal(0, await EntriesWithKeyAsync(world, id));
        Assert.Equal(1, await EventsAsync(world, "ReinvestmentSpendingRefused", id));
        Assert.Equal(0, await EventsAsync(world, "ReinvestmentSpent", id));
        Assert.DoesNotContain(await ListedAsync(world, plan), s => s.Id == id);
        Assert.Equal(1_000_000, (await DealBalancesAsync(world))[AccountKind.PaidOut]);

        // The clerk was not there when the worker refused it: the spending stays, marked refused, with its evidence file.
        var refused = Assert.Single(await world.Platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<ReinvestmentQueries>().RefusedSpendingsAsync(plan)));
        Assert.Equal((id, "ledger.account.insufficient_balance", 2_000_000L), (refused.Id, refused.RefusedCode, refused.Amount.Fen));
        var evidence = await world.Platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<ReinvestmentQueries>().AttachmentAsync(id));
        Assert.Equal(Spending(plan, 1).Attachment, evidence!.Value.Content);
        var summary = await world.Platform.RunAsync(Actor.Anonymous, sp => sp.GetRequiredService<ReinvestmentQueries>().PublicSummaryAsync("JP-2026-001"));
        Assert.Equal(1_000_000, summary!.Spent.Fen);

        // It is final: the next rounds leave it alone, and posting it again is refused with its own code.
        Assert.Equal(0, await RestartAsync(world));
        var again = await world.Platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<PostSpendingHandler>().PostAsync(id));
        Assert.Equal("distribution.spending.refused", again.Error?.Code);
        Assert.Equal(1, await EventsAsync(world, "ReinvestmentSpendingRefused", id));
        await AssertConservesAsync(world);
    }
}
