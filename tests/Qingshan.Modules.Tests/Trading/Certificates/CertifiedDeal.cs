using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Tests.Registry;
using Qingshan.Trading.Certificates;
using Qingshan.Trading.Deals;

namespace Qingshan.Tests.Trading.Certificates;

/// <summary>A deal taken to its certificate (shared with the CLI tests, which link this file).</summary>
internal static class CertifiedDeal
{
    /// <summary>101,000 yuan: the second bidder's bid, one increment above the listing price.</summary>
    public static readonly Money Price = TradingWorld.Listing + TradingWorld.Step;

    /// <summary>A deal taken through auction, publicity, contract and filings to an issued certificate.</summary>
    public static async Task<(TradingWorld World, IssuedCertificate Certificate)> CreateAsync()
    {
        var (world, bidders) = await TradingWorld.TradingAsync(2);
        var card = await world.CardAsync();
        world.Platform.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await world.BidAsync(bidders[0], TradingWorld.Listing)).Value.Accepted);
        Assert.True((await world.BidAsync(bidders[1], Price)).Value.Accepted);
        world.Platform.Clock.SetUtcNow(card.AuctionEndsAt!.Value);
        Assert.Equal(DealStatus.ResultPublicity, (await world.AdvanceAsync()).Value);
        world.Platform.Clock.SetUtcNow((await world.CardAsync()).ResultPublicityEndsAt!.Value);
        var terms = new ContractTerms("建水保交易合同〔2026〕1号", 20, [new Instalment(new DateOnly(2026, 6, 1), Price)], "落实水土保持措施管护责任", "逾期付款按日万分之五支付违约金");
        await world.OkAsync(TradingWorld.Centre, sp => sp.GetRequiredService<SignContractHandler>().HandleAsync(new SignContract(world.Deal, terms)));
        await world.OkAsync(TradingWorld.Water, sp => sp.GetRequiredService<FileContractHandler>().HandleAsync(new FileContract(world.Deal, FilingDepartment.Water)));
        await world.OkAsync(TradingWorld.Drc, sp => sp.GetRequiredService<FileContractHandler>().HandleAsync(new FileContract(world.Deal, FilingDepartment.DevelopmentReform)));
        await world.OkAsync(TradingWorld.Finance, sp => sp.GetRequiredService<FileContractHandler>().HandleAsync(new FileContract(world.Deal, FilingDepartment.Finance)));
        var certificate = Make.Ok(await world.Platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<IssueCertificateHandler>().HandleAsync(new IssueCertificate(world.Deal))));
        return (world, certificate);
    }
}
