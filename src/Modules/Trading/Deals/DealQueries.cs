using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Trading.Data;
using Qingshan.Trading.Deposits;

namespace Qingshan.Trading.Deals;

public sealed record DealRow(Guid Id, string Code, string ProductName, string RegionCode, DealStatus Status, Money ListingPrice, Money HighestAmount, DateTimeOffset? DueAt);

public sealed record DealCard(
    Guid Id, string Code, string ProductName, string RegionCode, DealStatus Status, int Round, DealStatus? SuspendedFrom, string? SuspensionReason, string? CancellationReason,
    Money ListingPrice, Money Deposit, Money Increment, DateTimeOffset? PublicityEndsAt, DateTimeOffset? FreePeriodEndsAt, DateTimeOffset? AuctionEndsAt,
    DateTimeOffset? PriorityWindowEndsAt, Guid? HighestBidderId, Money HighestAmount, Guid? WinnerId, Money FinalPrice, bool WonByPriorityRight,
    DateTimeOffset? ResultPublicityEndsAt, string? CertificateNumber, IReadOnlyList<DistributionShare> Shares);

public sealed record BidderRow(Guid Id, Guid HolderId, string Name, bool IsPriorityHolder, Qualification Qualification, DepositStatus DepositStatus, string? DepositAccount);

public sealed record BidRow(Guid Id, long Sequence, Guid BidderId, Money Amount, DateTimeOffset At, int Round, string? RefusalCode);

public sealed record ObjectionRow(Guid Id, string RaisedBy, string Text, DateTimeOffset RaisedAt, bool? Upheld, string? Resolution);

public sealed record ContractRow(string? Number, int TermYears, DateTimeOffset? SignedAt, DateTimeOffset? FiledWithWaterAt, DateTimeOffset? FiledWithDevelopmentReformAt, DateTimeOffset? FiledWithFinanceAt);

public sealed record HistoryRow(DateTimeOffset At, string Action, DealStatus From, DealStatus To, string ActorName, string? Note);

public sealed record BankRow(Guid BidderId, BankInstructionKind Kind, Money Amount, string Account, string Reason, string Reference, DateTimeOffset At);

public sealed class DealQueries(TradingDb db)
{
    public Task<List<DealRow>> ListAsync(CancellationToken ct = default) =>
        db.Deals.AsNoTracking().OrderByDescending(d => d.CreatedAt)
            .Select(d => new DealRow(d.Id, d.Code, d.ProductName, d.RegionCode, d.Status, d.ListingPrice, d.HighestAmount, d.DueAt)).ToListAsync(ct);

    public async Task<DealCard?> CardAsync(Guid id, CancellationToken ct = default)
    {
        var d = await db.Deals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return d is null ? null : new DealCard(
            d.Id, d.Code, d.ProductName, d.RegionCode, d.Status, d.Round, d.SuspendedFrom, d.SuspensionReason, d.CancellationReason,
            d.ListingPrice, d.DepositRequired, d.Increment, d.PublicityEndsAt, d.FreePeriodEndsAt, d.AuctionEndsAt,
            d.PriorityWindowEndsAt, d.HighestBidderId, d.HighestAmount, d.WinnerId, d.FinalPrice, d.WonByPriorityRight,
            d.ResultPublicityEndsAt, d.CertificateNumber, d.Shares);
    }

    public async Task<List<BidderRow>> BiddersAsync(Guid dealId, CancellationToken ct = default) =>
        await InScope(dealId, ct) ? await db.Bidders.AsNoTracking().Where(b => b.DealId == dealId).OrderBy(b => b.RegisteredAt)
            .Select(b => new BidderRow(b.Id, b.HolderId, b.Name, b.IsPriorityHolder, b.Qualification, b.DepositStatus, b.DepositAccount)).ToListAsync(ct) : [];

    public async Task<List<BidRow>> BidsAsync(Guid dealId, CancellationToken ct = default) =>
        await InScope(dealId, ct) ? await db.Bids.AsNoTracking().Where(b => b.DealId == dealId).OrderBy(b => b.Sequence)
            .Select(b => new BidRow(b.Id, b.Sequence, b.BidderId, b.Amount, b.At, b.Round, b.RefusalCode)).ToListAsync(ct) : [];

    public async Task<List<HistoryRow>> HistoryAsync(Guid dealId, CancellationToken ct = default) =>
        await InScope(dealId, ct) ? await db.History.AsNoTracking().Where(h => h.DealId == dealId).OrderBy(h => h.Id)
            .Select(h => new HistoryRow(h.At, h.Action, h.From, h.To, h.ActorName, h.Note)).ToListAsync(ct) : [];

    public async Task<List<BankRow>> BankInstructionsAsync(Guid dealId, CancellationToken ct = default) =>
        await InScope(dealId, ct) ? await db.BankInstructions.AsNoTracking().Where(b => b.DealId == dealId).OrderBy(b => b.Id)
            .Select(b => new BankRow(b.BidderId, b.Kind, b.Amount, b.Account, b.Reason, b.Reference, b.At)).ToListAsync(ct) : [];

    /// <summary>The plots of a deal (empty when out of scope).</summary>
    public async Task<List<Guid>> PlotIdsAsync(Guid dealId, CancellationToken ct = default) =>
        (await db.Deals.AsNoTracking().Where(d => d.Id == dealId).Select(d => d.PlotIds).FirstOrDefaultAsync(ct)) ?? [];

    /// <summary>Deals an operator may register for or bid in: listed, in auction or in the priority window.</summary>
    public Task<List<DealRow>> OpenAsync(CancellationToken ct = default) =>
        db.Deals.AsNoTracking().Where(d => d.Status == DealStatus.Listed || d.Status == DealStatus.Auction || d.Status == DealStatus.PriorityWindow || d.Status == DealStatus.Negotiation)
            .OrderByDescending(d => d.CreatedAt)
            .Select(d => new DealRow(d.Id, d.Code, d.ProductName, d.RegionCode, d.Status, d.ListingPrice, d.HighestAmount, d.DueAt)).ToListAsync(ct);

    /// <summary>The registration of one holder in a deal, if any (an operator's own view).</summary>
    public Task<BidderRow?> BidderOfHolderAsync(Guid dealId, Guid holderId, CancellationToken ct = default) =>
        db.Bidders.AsNoTracking().Where(b => b.DealId == dealId && b.HolderId == holderId)
            .Select(b => new BidderRow(b.Id, b.HolderId, b.Name, b.IsPriorityHolder, b.Qualification, b.DepositStatus, b.DepositAccount)).FirstOrDefaultAsync(ct);

    /// <summary>Objections raised during the result publicity.</summary>
    public async Task<List<ObjectionRow>> ObjectionsAsync(Guid dealId, CancellationToken ct = default) =>
        await InScope(dealId, ct) ? await db.Objections.AsNoTracking().Where(o => o.DealId == dealId).OrderBy(o => o.RaisedAt)
            .Select(o => new ObjectionRow(o.Id, o.RaisedBy, o.Text, o.RaisedAt, o.Upheld, o.Resolution)).ToListAsync(ct) : [];

    /// <summary>Contract and filing state for the contract, filing and certificate pages.</summary>
    public Task<ContractRow?> ContractAsync(Guid dealId, CancellationToken ct = default) =>
        db.Deals.AsNoTracking().Where(d => d.Id == dealId)
            .Select(d => new ContractRow(d.ContractNumber, d.ContractTermYears, d.ContractSignedAt, d.FiledWithWaterAt, d.FiledWithDevelopmentReformAt, d.FiledWithFinanceAt)).FirstOrDefaultAsync(ct);

    private Task<bool> InScope(Guid dealId, CancellationToken ct) => db.Deals.AnyAsync(d => d.Id == dealId, ct);
}
