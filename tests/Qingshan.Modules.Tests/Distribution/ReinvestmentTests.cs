using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Distribution.Reinvestment;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Tests.Trading;
using static Qingshan.Tests.Distribution.DistributionWorld;

namespace Qingshan.Tests.Distribution;

public sealed class ReinvestmentTests
{
    private static Task<DeadlineCheck> CheckAsync(TradingWorld world) =>
        world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<CheckReinvestmentDeadlinesHandler>().HandleAsync());

    private static async Task<PlanRow> PlanAsync(TradingWorld world) =>
        Assert.Single(await world.Platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<ReinvestmentQueries>().PlansAsync()));

    private static Task<Result<Guid>> SpendAsync(TradingWorld world, Guid plan, long fen, string location = "东山村 P-1 地块") =>
        world.Platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<RecordSpendingHandler>().HandleAsync(
            new RecordSpending(plan, ReinvestmentFund.ErosionControl, "坡改梯及谷坊修复", location, new Money(fen), new DateOnly(2026, 5, 10), "验收单.pdf", Encoding.UTF8.GetBytes("%PDF-1.4 验收单"))));

    [Fact]
    public async Task A_signed_contract_opens_a_plan_due_six_months_later_with_one_reminder_before_and_one_escalation_after()
    {
        var (world, _) = await ContractedAsync();
        await using var _p = world.Platform;
        var signedOn = DateOnly.FromDateTime(world.Platform.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        await PostPendingAsync(world);

        Assert.Equal(new DeadlineCheck(1, 0, 0), await CheckAsync(world));
        var plan = await PlanAsync(world);
        Assert.Equal(signedOn, plan.ContractDate);
        Assert.Equal(signedOn.AddMonths(6), plan.DueOn);
        Assert.Equal(new DeadlineCheck(0, 0, 0), await CheckAsync(world)); // one plan per deal

        world.Platform.Clock.SetUtcNow(new DateTimeOffset(plan.DueOn.AddDays(-10).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)).ToUniversalTime());
        Assert.Equal(new DeadlineCheck(0, 1, 0), await CheckAsync(world));
        Assert.Equal(new DeadlineCheck(0, 0, 0), await CheckAsync(world)); // reminded once

        world.Platform.Clock.SetUtcNow(new DateTimeOffset(plan.DueOn.AddDays(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)).ToUniversalTime());
        Assert.Equal(new DeadlineCheck(0, 0, 1), await CheckAsync(world));
        Assert.NotNull((await PlanAsync(world)).EscalatedAt);
    }

    [Fact]
    public async Task Spending_needs_both_approvals_cannot_exceed_the_fund_and_is_posted_and_published_with_identifiers_masked()
    {
        var (world, _) = await ContractedAsync();
        await using var _p = world.Platform;
        await PayAsync(world, Price.Fen - 1_000_000);
        await PostPendingAsync(world);
        await CheckAsync(world);
        var plan = (await PlanAsync(world)).Id;

        Assert.Equal("distribution.spending.plan_not_approved", (await SpendAsync(world, plan, 100)).Error?.Code);
        Assert.Equal("distribution.plan.forbidden", (await world.Platform.RunAsync(TradingWorld.Finance, sp => sp.GetRequiredService<ApproveReinvestmentPlanHandler>().HandleAsync(new ApproveReinvestmentPlan(plan)))).Error?.Code);
        await world.OkAsync(TradingWorld.Water, sp => sp.GetRequiredService<SubmitReinvestmentPlanHandler>().HandleAsync(new SubmitReinvestmentPlan(plan, "东山小流域坡改梯 20 公顷；谷坊 12 座；林草管护 3 年")));
        await world.OkAsync(TradingWorld.Drc, sp => sp.GetRequiredService<ApproveReinvestmentPlanHandler>().HandleAsync(new ApproveReinvestmentPlan(plan)));
        Assert.Equal(PlanStatus.Submitted, (await PlanAsync(world)).Status);
        Assert.Equal("distribution.spending.plan_not_approved", (await SpendAsync(world, plan, 100)).Error?.Code);
        Assert.Equal("distribution.plan.already_approved", (await world.Platform.RunAsync(TradingWorld.Drc, sp => sp.GetRequiredService<ApproveReinvestmentPlanHandler>().HandleAsync(new ApproveReinvestmentPlan(plan)))).Error?.Code);
        await world.OkAsync(TradingWorld.Water, sp => sp.GetRequiredService<ApproveReinvestmentPlanHandler>().HandleAsync(new ApproveReinvestmentPlan(plan)));
        Assert.Equal(PlanStatus.Approved, (await PlanAsync(world)).Status);

        // The erosion-control fund holds 2,311,734 fen (see SettlementTests).
        Assert.True((await SpendAsync(world, plan, 1_000_000, "东山村 P-1 地块，联系人身份证 211322199001011234")).IsSuccess);
        var tooMuch = await SpendAsync(world, plan, 1_311_735);
        Assert.Equal("ledger.account.insufficient_balance", tooMuch.Error?.Code);
        Assert.True((await SpendAsync(world, plan, 1_311_734)).IsSuccess); // exactly what is left

        var b = await DealBalancesAsync(world);
        Assert.Equal(0, b[AccountKind.ErosionControlFund]);
        Assert.Equal(2_311_734, b[AccountKind.PaidOut]);
        await AssertConservesAsync(world);

        var summary = await world.Platform.RunAsync(Actor.Anonymous, sp => sp.GetRequiredService<ReinvestmentQueries>().PublicSummaryAsync("JP-2026-001"));
        Assert.NotNull(summary);
        Assert.Equal(2_311_734, summary.ErosionControlReceived.Fen);
        Assert.Equal(577_933, summary.MaintenanceReceived.Fen);
        Assert.Equal(0, summary.ErosionControlLeft.Fen);
        Assert.Equal(2, summary.Spendings.Count);
        Assert.Equal(2_311_734, summary.Spent.Fen);
        Assert.DoesNotContain("199001011234", summary.Spendings[0].Location, StringComparison.Ordinal);
        Assert.Contains("211***********1234", summary.Spendings[0].Location, StringComparison.Ordinal);

        var attachment = await world.Platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<ReinvestmentQueries>().AttachmentAsync(summary.Spendings[0].Id));
        Assert.Equal("验收单.pdf", attachment!.Value.Name);
        Assert.Equal("%PDF-1.4 验收单", Encoding.UTF8.GetString(attachment.Value.Content));
    }
}
