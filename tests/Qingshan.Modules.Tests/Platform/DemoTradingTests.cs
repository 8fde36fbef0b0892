using Microsoft.Extensions.DependencyInjection;
using Qingshan.Audit.Checkpoints;
using Qingshan.Audit.Export;
using Qingshan.Audit.Store;
using Qingshan.Audit.Verification;
using Qingshan.Distribution.Reinvestment;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;
using Qingshan.Platform;
using Qingshan.Tests.Support;
using Qingshan.Trading.Certificates;
using Qingshan.Trading.Deals;

namespace Qingshan.Tests.Platform;

/// <summary>Issue 6's done-means on the demo county: the seeded demo trade as finance and an outside auditor see it.</summary>
public sealed class DemoTradingTests
{
    private static readonly Actor Finance = new("user-finance", "finance", RegionScope.Of(AdminDivisionCode.Parse(DemoCounty.CountyCode)), new HashSet<string>([Roles.Finance]), DemoCounty.CountyCode);

    [Fact]
    public async Task The_demo_trade_is_certified_split_to_the_fen_by_plan_and_80_20_conserved_given_a_reinvestment_deadline_and_its_audit_log_verifies()
    {
        await using var platform = await TestPlatform.CreateAsync();
        Assert.NotNull(await DemoCounty.SeedAsync(platform.Services));
        var trade = await DemoTrading.SeedAsync(platform.Services);
        Assert.NotNull(trade);
        Assert.Null(await DemoTrading.SeedAsync(platform.Services)); // once

        // Work plan → certificate, won by the investor's priority right at the operators' best bid, labelled as demo data.
        var card = (await platform.RunAsync(Finance, sp => sp.GetRequiredService<DealQueries>().CardAsync(trade.CompletedDeal)))!;
        Assert.Equal(DealStatus.Certified, card.Status);
        Assert.StartsWith(DemoTrading.Label, card.ProductName, StringComparison.Ordinal);
        Assert.True(card.WonByPriorityRight);
        Assert.Equal(DemoTrading.Bids[^1], card.FinalPrice);
        var bidders = await platform.RunAsync(Finance, sp => sp.GetRequiredService<DealQueries>().BiddersAsync(trade.CompletedDeal));
        Assert.Equal(card.WinnerId, Assert.Single(bidders, b => b.IsPriorityHolder).Id);
        var bids = await platform.RunAsync(Finance, sp => sp.GetRequiredService<DealQueries>().BidsAsync(trade.CompletedDeal));
        Assert.Equal(2, bids.Where(b => b.RefusalCode is null).Select(b => b.BidderId).Distinct().Count());
        Assert.Equal(card.CertificateNumber, trade.CertificateNumber);
        Assert.Equal(CertificateVerdict.Genuine, (await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<VerifyCertificateHandler>().HandleAsync(new VerifyCertificate(trade.CertificateNumber)))).Value);
        var content = (await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<CertificateQueries>().PublicAsync(trade.CertificateNumber)))!.Value.Content;
        var altered = content.Replace(card.FinalPrice.Fen.ToString(System.Globalization.CultureInfo.InvariantCulture), (card.FinalPrice.Fen - 100).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.NotEqual(content, altered);
        Assert.Equal(CertificateVerdict.Altered, (await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<VerifyCertificateHandler>().HandleAsync(new VerifyCertificate(trade.CertificateNumber, altered)))).Value);

        // The second deal waits in registration.
        var open = (await platform.RunAsync(Finance, sp => sp.GetRequiredService<DealQueries>().CardAsync(trade.OpenDeal)))!;
        Assert.Equal(DealStatus.Listed, open.Status);
        Assert.True(open.PublicityEndsAt > platform.Clock.GetUtcNow());

        // Expected split, recomputed here: price − (accounting + appraisal fee + platform fee, rounded down) by the plan, the reinvestment part 80/20.
        var price = card.FinalPrice;
        var costs = DemoTrading.AccountingFee + DemoTrading.AppraisalFee + new Money(price.Fen * DemoTrading.PlatformFeeBasisPoints / 10_000);
        var net = price - costs;
        var parts = net.Allocate(card.Shares.Select(s => (long)s.BasisPoints).ToArray());
        Assert.Contains(card.Shares, s => net.Fen * s.BasisPoints % 10_000 != 0); // the split has remainders to place
        var reinvestment = card.Shares.Select((s, i) => (s, i)).Single(x => x.s.Kind == ShareKind.Reinvestment).i;
        var funds = parts[reinvestment].Allocate([8_000, 2_000]);
        var expected = new Dictionary<AccountKind, Money>
        {
            [AccountKind.TransactionCosts] = costs,
            [AccountKind.CollectiveShare] = parts[card.Shares.ToList().FindIndex(s => s.Kind == ShareKind.Collective)],
            [AccountKind.HouseholdShare] = parts[card.Shares.ToList().FindIndex(s => s.Kind == ShareKind.Household)],
            [AccountKind.ErosionControlFund] = funds[0],
            [AccountKind.MaintenanceFund] = funds[1],
            [AccountKind.Proceeds] = Money.Zero,
            [AccountKind.Receivable] = Money.Zero,
            [AccountKind.DepositsHeld] = Money.Zero,
        };

        // The ledger's per-deal statement (what the deal-statement report prints) adds up to exactly that.
        var statement = await platform.RunAsync(Finance, sp => sp.GetRequiredService<LedgerQueries>().DealStatementAsync(trade.CompletedDeal));
        foreach (var (kind, amount) in expected)
        {
            var code = AccountCodes.ForDeal(trade.CompletedDeal, kind);
            Assert.True(amount.Fen == statement.Where(l => l.AccountCode == code).Sum(l => l.Amount.Fen), $"{kind}: expected {amount}, statement {new Money(statement.Where(l => l.AccountCode == code).Sum(l => l.Amount.Fen))}");
        }

        var settlement = Assert.Single(statement.GroupBy(l => l.EntryId), g => g.Any(l => l.AccountCode == AccountCodes.ForDeal(trade.CompletedDeal, AccountKind.ErosionControlFund)));
        Assert.Equal(0, settlement.Sum(l => l.Amount.Fen));
        Assert.Equal(-price.Fen, settlement.Single(l => l.AccountCode == AccountCodes.ForDeal(trade.CompletedDeal, AccountKind.Proceeds)).Amount.Fen);
        // Two losing deposits went back by their original route.
        Assert.Equal(2 * DemoTrading.Deposit.Fen, statement.Where(l => l.AccountCode == AccountCodes.ForDeal(trade.CompletedDeal, AccountKind.Refunds)).Sum(l => l.Amount.Fen));

        var conservation = await platform.RunAsync(Finance, sp => sp.GetRequiredService<LedgerQueries>().CheckConservationAsync());
        Assert.True(conservation.Holds, string.Join("; ", conservation.Violations));
        Assert.Equal(price.Fen + (2 * DemoTrading.Deposit.Fen), conservation.CameIn.Fen);
        Assert.Empty(await platform.RunAsync(Finance, sp => sp.GetRequiredService<LedgerQueries>().RefusedEventsAsync()));

        // The reinvestment plan is due six months after the contract date (China's calendar day of signing); its measures
        // were submitted by the water bureau and approved by both departments, so spending can be recorded against it.
        var contract = (await platform.RunAsync(Finance, sp => sp.GetRequiredService<DealQueries>().ContractAsync(trade.CompletedDeal)))!;
        var plan = Assert.Single(await platform.RunAsync(Finance, sp => sp.GetRequiredService<ReinvestmentQueries>().PlansAsync()));
        Assert.Equal(DemoTrading.CompletedDealCode, plan.DealCode);
        Assert.Equal(DateOnly.FromDateTime(contract.SignedAt!.Value.ToOffset(TimeSpan.FromHours(8)).DateTime), plan.ContractDate);
        Assert.Equal(plan.ContractDate.AddMonths(6), plan.DueOn);
        Assert.Equal(PlanStatus.Approved, plan.Status);
        Assert.Equal(DemoTrading.ReinvestmentMeasures, plan.Measures);
        Assert.True(plan.DevelopmentReformApprovedAt > contract.SignedAt && plan.WaterApprovedAt > plan.DevelopmentReformApprovedAt, $"{plan.DevelopmentReformApprovedAt} / {plan.WaterApprovedAt}");

        // The audit log: everything is logged, the last published checkpoint covers it, and an export verifies against it.
        var writer = platform.Services.GetRequiredService<AuditWriter>();
        Assert.Equal(0, await writer.DispatchPendingAsync());
        await using var scope = platform.AsSystem();
        var audit = scope.ServiceProvider.GetRequiredService<AuditQueries>();
        var export = new StringWriter();
        var n = 0;
        await foreach (var record in audit.RecordsAsync())
        {
            await export.WriteLineAsync(AuditExport.ToLine(record));
            n++;
        }

        Assert.Equal(n, (await audit.CheckpointsAsync(1))[0].TreeSize);
        Assert.Contains((await audit.HistoryAsync(trade.CompletedDeal.ToString())), e => e.EventType == "trading.CertificateIssued");
        var key = new CheckpointKey(audit.KeyName, Sm2PublicKey.FromPem(audit.PublicKeyPem));
        var notes = await audit.PublishedNotesAsync();
        var verified = new AuditLogVerifier(key, audit.Origin).VerifyExport(new StringReader(export.ToString()), notes);
        Assert.True(verified.IsSuccess, AuditLogVerifier.Report(verified));
        Assert.Equal(0, verified.Value.UnattestedEntries);

        // … and the same check catches one changed fen in the logged history.
        var lines = export.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var target = Array.FindIndex(lines, l => l.Contains("DepositPaid", StringComparison.Ordinal));
        var deposit = DemoTrading.Deposit.Fen.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(deposit, lines[target], StringComparison.Ordinal);
        lines[target] = lines[target].Replace(deposit, (DemoTrading.Deposit.Fen - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.False(new AuditLogVerifier(key, audit.Origin).VerifyExport(new StringReader(string.Join('\n', lines) + "\n"), notes).IsSuccess);
    }
}
