using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Qingshan.Distribution.Reports;
using Qingshan.Kernel;
using Qingshan.Ledger.Journal;
using Qingshan.Modules.Tests.Documents;
using Qingshan.Tests.Trading;
using static Qingshan.Tests.Distribution.DistributionWorld;

namespace Qingshan.Tests.Distribution;

/// <summary>The ledger's reports after a demo trade: the exported and printed numbers are the ledger's, and they balance.</summary>
public sealed class LedgerReportTests
{
    private static async Task<TradingWorld> SettledAsync()
    {
        var (world, _) = await ContractedAsync();
        await PayAsync(world, Price.Fen - 1_000_000);
        Assert.True(await PostPendingAsync(world) > 0);
        await AssertConservesAsync(world);
        return world;
    }

    [Fact]
    public async Task The_excel_trial_balance_balances_and_holds_every_account_of_the_ledger_to_the_fen()
    {
        var world = await SettledAsync();
        await using var _p = world.Platform;
        var (report, xlsx, ledger) = await world.Platform.RunAsync(TradingWorld.Finance, async sp =>
        {
            var built = await sp.GetRequiredService<LedgerReports>().BuildAsync(new LedgerReportRequest(LedgerReportKind.TrialBalance));
            Assert.True(built.IsSuccess, built.Error?.ToString());
            return (built.Value, LedgerReports.ToXlsx(built.Value), await sp.GetRequiredService<LedgerQueries>().TrialBalanceAsync());
        });

        using var stream = new MemoryStream(xlsx);
        var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var accounts = rows.Where(r => r["账户"] is string code && code.Contains(':', StringComparison.Ordinal)).ToList();
        static long Fen(object? cell) => cell is null ? 0 : (long)Math.Round(Convert.ToDecimal(cell, CultureInfo.InvariantCulture) * 100m);
        var debits = accounts.Sum(r => Fen(r["借方余额（元）"]));
        var credits = accounts.Sum(r => Fen(r["贷方余额（元）"]));

        Assert.True(debits > 10_000_000, $"debits {debits}"); // the price and more went through the ledger
        Assert.Equal(debits, credits);
        Assert.Equal(ledger.Count, accounts.Count);
        var byCode = accounts.ToDictionary(r => (string)r["账户"]!, r => Fen(r["借方余额（元）"]) - Fen(r["贷方余额（元）"]));
        Assert.All(ledger, a => Assert.Equal(a.Balance.Fen, byCode[a.Code]));
        Assert.Equal(ledger.Where(a => a.Balance.Fen > 0).Sum(a => a.Balance.Fen), report.Debits!.Value.Fen);
        var total = rows.Single(r => r["账户"] is string s && s.StartsWith("合计", StringComparison.Ordinal));
        Assert.Equal(debits, Fen(total["借方余额（元）"]));
        Assert.Equal(credits, Fen(total["贷方余额（元）"]));
        Assert.Contains(rows, r => r["账户"] is string s && s.Contains("借贷平衡", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_pdf_trial_balance_and_journal_print_chinese_headings_and_balanced_totals()
    {
        var world = await SettledAsync();
        await using var _p = world.Platform;
        var (trial, trialPdf, journal, journalPdf) = await world.Platform.RunAsync(TradingWorld.Finance, async sp =>
        {
            var reports = sp.GetRequiredService<LedgerReports>();
            var t = (await reports.BuildAsync(new LedgerReportRequest(LedgerReportKind.TrialBalance, Qingshan.Tests.Registry.Make.County))).Value;
            var j = (await reports.BuildAsync(new LedgerReportRequest(LedgerReportKind.DealStatement, DealId: world.Deal))).Value;
            var tp = await reports.ToPdfAsync(t);
            var jp = await reports.ToPdfAsync(j);
            Assert.True(tp.IsSuccess && jp.IsSuccess);
            return (t, tp.Value, j, jp.Value);
        });

        var text = await PdfRendererTests.PdfToTextAsync(trialPdf);
        Assert.Contains("试算平衡表", text);
        Assert.Contains("借方余额（元）", text);
        Assert.Contains("生成时间", text);
        var figures = LedgerReports.Figures(trial.Debits!.Value);
        Assert.Equal(trial.Debits, trial.Credits);
        Assert.Contains($"借方合计 {figures} 元 = 贷方合计 {figures} 元，借贷平衡", text.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);

        text = await PdfRendererTests.PdfToTextAsync(journalPdf);
        Assert.Contains("交易资金明细账", text);
        Assert.Contains("凭证号", text);
        // The deal's statement shows the winning price collected: 102,345.67 元 in the payments and the applied deposit.
        Assert.Equal(journal.Debits, journal.Credits);
        Assert.True(journal.Debits!.Value.Fen >= Price.Fen);
        Assert.Contains(LedgerReports.Figures(journal.Debits.Value), text);
        Assert.Contains(LedgerReports.Figures(new Money(2_311_734)), text); // the erosion-control share of this deal
    }

    [Fact]
    public async Task A_county_outside_the_readers_scope_is_refused_and_a_deal_outside_it_does_not_exist()
    {
        var world = await SettledAsync();
        await using var _p = world.Platform;
        var other = TradingWorld.Finance with { Scope = RegionScope.Of(Qingshan.Kernel.NationalCodes.AdminDivisionCode.Parse(Qingshan.Tests.Registry.Make.OtherCounty)), RegionCode = Qingshan.Tests.Registry.Make.OtherCounty };
        var (outOfScope, funds) = await world.Platform.RunAsync(TradingWorld.Finance, async sp =>
        {
            var reports = sp.GetRequiredService<LedgerReports>();
            return (await reports.BuildAsync(new LedgerReportRequest(LedgerReportKind.Journal, Qingshan.Tests.Registry.Make.OtherCounty)),
                await reports.BuildAsync(new LedgerReportRequest(LedgerReportKind.CountyFunds)));
        });
        Assert.Equal("distribution.report.out_of_scope", outOfScope.Error?.Code);
        var fundRow = Assert.Single(funds.Value.Rows);
        Assert.Equal(new Money(2_311_734), fundRow[1]);
        Assert.Equal(new Money(577_933), fundRow[2]);

        var elsewhere = await world.Platform.RunAsync(other, sp => sp.GetRequiredService<LedgerReports>().BuildAsync(new LedgerReportRequest(LedgerReportKind.DealStatement, DealId: world.Deal)));
        Assert.Equal("distribution.report.deal_not_found", elsewhere.Error?.Code);
        var empty = await world.Platform.RunAsync(other, sp => sp.GetRequiredService<LedgerReports>().BuildAsync(new LedgerReportRequest(LedgerReportKind.Journal)));
        Assert.Empty(empty.Value.Rows);
    }
}
