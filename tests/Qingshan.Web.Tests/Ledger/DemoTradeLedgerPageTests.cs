using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Platform;
using Qingshan.Trading.Deals;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Ledger;

/// <summary>After the demo trade, finance sees the split to the fen and the reinvestment deadline in the back office.</summary>
public sealed class DemoTradeLedgerPageTests
{
    [Fact]
    public async Task Finance_sees_the_demo_deal_split_by_plan_and_80_20_on_the_ledger_page_and_its_plan_deadline()
    {
        await using var app = TradingSetup.Configure(new QingshanFactory());
        await app.InitializeAsync();

        // The demo trade on the app's store before the host starts, with the app's clock (what the first start does after seeding the county).
        DemoTrade trade;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(app.Clock);
        services.AddQingshanPlatform(app.Database.Options);
        await using (var sp = services.BuildServiceProvider())
        {
            trade = (await DemoTrading.SeedAsync(sp))!;
        }

        Assert.NotNull(trade);
        var card = (await app.RunAsync(Actor.System, sp => sp.GetRequiredService<DealQueries>().CardAsync(trade.CompletedDeal)))!;
        var price = card.FinalPrice;
        var costs = DemoTrading.AccountingFee + DemoTrading.AppraisalFee + new Money(price.Fen * DemoTrading.PlatformFeeBasisPoints / 10_000);
        var parts = (price - costs).Allocate(card.Shares.Select(s => (long)s.BasisPoints).ToArray());
        var shares = card.Shares.ToList();
        var funds = parts[shares.FindIndex(s => s.Kind == ShareKind.Reinvestment)].Allocate([8_000, 2_000]);
        var expected = new Dictionary<AccountKind, Money>
        {
            [AccountKind.TransactionCosts] = costs,
            [AccountKind.CollectiveShare] = parts[shares.FindIndex(s => s.Kind == ShareKind.Collective)],
            [AccountKind.HouseholdShare] = parts[shares.FindIndex(s => s.Kind == ShareKind.Household)],
            [AccountKind.ErosionControlFund] = funds[0],
            [AccountKind.MaintenanceFund] = funds[1],
        };

        var finance = await app.SignedInAsync("jp_finance");
        var ledger = await finance.PageAsync("/distribution/ledger");
        Assert.Contains("核对一致", ledger, StringComparison.Ordinal); // conservation holds
        foreach (var (kind, amount) in expected)
        {
            var row = RowOf(ledger, AccountCodes.ForDeal(trade.CompletedDeal, kind));
            Assert.True(row.Contains($">{amount}<", StringComparison.Ordinal), $"{kind}: {amount} not in the trial balance row {row}");
        }

        var receivable = RowOf(ledger, DemoTrading.CompletedDealCode);
        Assert.Contains($">{price}<", receivable, StringComparison.Ordinal);
        var county = RowOf(ledger, ">" + DemoCounty.CountyCode + "<");
        Assert.Contains($">{funds[0]}<", county, StringComparison.Ordinal);
        Assert.Contains($">{funds[1]}<", county, StringComparison.Ordinal);

        var contract = (await app.RunAsync(Actor.System, sp => sp.GetRequiredService<DealQueries>().ContractAsync(trade.CompletedDeal)))!;
        var contractDate = DateOnly.FromDateTime(contract.SignedAt!.Value.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var plans = RowOf(await finance.PageAsync("/distribution/reinvestment"), DemoTrading.CompletedDealCode);
        Assert.Contains(contractDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), plans, StringComparison.Ordinal);
        Assert.Contains(contractDate.AddMonths(6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), plans, StringComparison.Ordinal);
    }

    /// <summary>The first table row (&lt;tr&gt;…&lt;/tr&gt;) holding <paramref name="text"/>.</summary>
    private static string RowOf(string html, string text)
    {
        var row = System.Text.RegularExpressions.Regex.Matches(html, "<tr[\\s>].*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => m.Value).FirstOrDefault(r => r.Contains(text, StringComparison.Ordinal));
        Assert.True(row is not null, $"{text} is in no table row of the page");
        return row;
    }
}
