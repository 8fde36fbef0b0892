using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Registry.Holders;
using Qingshan.Trading.Data;

namespace Qingshan.Trading.Deals;

/// <summary>One deal as the public portal shows it: announced terms and, once awarded, the result. No personal data.</summary>
public sealed record PublicDeal(
    Guid Id, string Code, string ProductName, string RegionCode, DealStatus Status, int PlotCount, Money ListingPrice, Money Deposit, Money Increment,
    int FreePeriodMinutes, int LimitedPeriodMinutes, DateTimeOffset? ListedAt, DateTimeOffset? PublicityEndsAt, DateTimeOffset? AuctionEndsAt,
    string? Winner, Money FinalPrice, bool WonByPriorityRight, DateTimeOffset? ResultPublicityEndsAt, string? CertificateNumber)
{
    public bool HasResult => Winner is not null;
}

/// <summary>
/// 项目公告 and 成交公示 for the portal: public once listed, whatever the reader's region (the portal has no account).
/// A winner who is a natural person is shown masked (张**): the portal publishes results, not personal data.
/// </summary>
public sealed class PublicDealQueries(TradingDb db, HolderDirectory holders)
{
    private static readonly DealStatus[] Announced =
        [DealStatus.Listed, DealStatus.Auction, DealStatus.Negotiation, DealStatus.PriorityWindow, DealStatus.ResultPublicity, DealStatus.Contracted, DealStatus.Filed, DealStatus.Certified, DealStatus.Unsold];

    private static readonly DealStatus[] Awarded = [DealStatus.ResultPublicity, DealStatus.Contracted, DealStatus.Filed, DealStatus.Certified];

    /// <summary>项目公告: listed deals, newest first.</summary>
    public Task<List<PublicDeal>> ListingsAsync(CancellationToken ct = default) => ManyAsync(Announced, ct);

    /// <summary>成交公示: awarded deals, newest first.</summary>
    public Task<List<PublicDeal>> ResultsAsync(CancellationToken ct = default) => ManyAsync(Awarded, ct);

    public async Task<PublicDeal?> FindAsync(string code, CancellationToken ct = default)
    {
        var d = await db.Deals.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Code == code && Announced.Contains(x.Status), ct);
        return d is null ? null : await ToPublicAsync(d, ct);
    }

    /// <summary>Masks a natural person's name: the family name stays, the rest becomes asterisks.</summary>
    public static string MaskPersonName(string name) => name.Length <= 1 ? "*" : name[..1] + new string('*', name.Length - 1);

    private async Task<List<PublicDeal>> ManyAsync(DealStatus[] statuses, CancellationToken ct)
    {
        var deals = await db.Deals.IgnoreQueryFilters().AsNoTracking().Where(d => statuses.Contains(d.Status)).OrderByDescending(d => d.ListedAt).Take(100).ToListAsync(ct);
        var rows = new List<PublicDeal>();
        foreach (var d in deals)
        {
            rows.Add(await ToPublicAsync(d, ct));
        }

        return rows;
    }

    private async Task<PublicDeal> ToPublicAsync(Deal d, CancellationToken ct)
    {
        string? winner = null;
        if (d.WinnerId is { } id && await db.Bidders.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) is { } bidder)
        {
            var holder = await holders.FindAsync(bidder.HolderId, ct);
            winner = holder?.Kind == HolderKind.Individual ? MaskPersonName(bidder.Name) : bidder.Name;
        }

        return new PublicDeal(
            d.Id, d.Code, d.ProductName, d.RegionCode, d.Status, d.PlotIds.Count, d.ListingPrice, d.DepositRequired, d.Increment, d.FreePeriodMinutes, d.LimitedPeriodMinutes,
            d.ListedAt, d.PublicityEndsAt, d.AuctionEndsAt, winner, d.FinalPrice, d.WonByPriorityRight, d.ResultPublicityEndsAt, d.CertificateNumber);
    }
}
