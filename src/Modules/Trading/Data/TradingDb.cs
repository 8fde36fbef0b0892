using Microsoft.EntityFrameworkCore;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Trading.Calendar;
using Qingshan.Trading.Certificates;
using Qingshan.Trading.Deals;
using Qingshan.Trading.Deposits;

namespace Qingshan.Trading.Data;

/// <summary>Trading's store. Deals and certificates are filtered by the actor's region prefix.</summary>
public sealed class TradingDb(DbContextOptions<TradingDb> options, ActorContext actor, DatabaseOptions database) : ModuleDb(options, actor, database, TradingEvents.Module)
{
    internal DbSet<Deal> Deals => Set<Deal>();

    internal DbSet<Bidder> Bidders => Set<Bidder>();

    internal DbSet<Bid> Bids => Set<Bid>();

    internal DbSet<Objection> Objections => Set<Objection>();

    internal DbSet<DealHistoryEntry> History => Set<DealHistoryEntry>();

    internal DbSet<BankInstructionRecord> BankInstructions => Set<BankInstructionRecord>();

    internal DbSet<TradingCertificate> Certificates => Set<TradingCertificate>();

    internal DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    internal DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RaiseDealVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RaiseDealVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Every deal whose row, owned rows (shares, instalments) or bidders this save changes gets its <see cref="Deal.Version"/>
    /// raised once: a kept copy of the deal and its bidders is current exactly while its version is the stored one.
    /// </summary>
    private void RaiseDealVersions()
    {
        ChangeTracker.DetectChanges();
        HashSet<Deal>? changed = null;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var deal = entry.Entity as Deal;
            if (deal is null && entry.Entity is Bidder bidder)
            {
                // Bid lanes keep a deal's bidders as long as the deal's version stands: a bidder changes in its deal's step.
                deal = Tracked(bidder.DealId)
                    ?? throw new InvalidOperationException($"bidder {bidder.Id} changed in a save without its deal {bidder.DealId}: the deal's version must move with it");
            }
            else if (deal is null && entry.Metadata.FindOwnership() is { PrincipalEntityType.ClrType: var principal } ownership && principal == typeof(Deal))
            {
                var owner = entry.Property(ownership.Properties[0].Name);
                deal = Tracked((Guid?)(entry.State == EntityState.Deleted ? owner.OriginalValue : owner.CurrentValue));
            }

            if (deal is not null && (changed ??= []).Add(deal))
            {
                deal.NextVersion();
            }
        }

        Deal? Tracked(Guid? id) => ChangeTracker.Entries<Deal>().FirstOrDefault(d => d.Entity.Id == id)?.Entity;
    }

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        TradingModel.Configure(modelBuilder, IsPostgres);
        FilterByRegion<Deal>(modelBuilder, d => d.RegionCode);
        FilterByRegion<TradingCertificate>(modelBuilder, c => c.RegionCode);
    }
}

/// <summary>Trading's tables, shared by its runtime context and the migration contexts.</summary>
public static class TradingModel
{
    /// <summary>Money is whole fen in a bigint column on both providers.</summary>
    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<Money, long> MoneyFen = new(m => m.Fen, f => new Money(f));

    public static void Configure(ModelBuilder modelBuilder, bool postgres)
    {
        _ = postgres;
        modelBuilder.Entity<Deal>(e =>
        {
            e.ToTable("trading_deals");
            e.HasKey(x => x.Id);
            e.Property(x => x.Code).HasMaxLength(64);
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.HasIndex(x => x.RegionCode);
            e.Property(x => x.ProductName).HasMaxLength(256);
            e.Property(x => x.WorkPlan).HasMaxLength(4000);
            e.Property(x => x.WorkPlanApproval).HasMaxLength(256);
            e.Property(x => x.AccountedValueYuan).HasPrecision(18, 4);
            e.Property(x => x.AccountingReport).HasMaxLength(256);
            e.Property(x => x.AppraisalMethod).HasMaxLength(64);
            e.Property(x => x.AppraisalReport).HasMaxLength(256);
            e.Property(x => x.AppraisedBy).HasMaxLength(128);
            e.Property(x => x.ReservePriceReason).HasMaxLength(1000);
            e.Property(x => x.Promotion).HasMaxLength(4000);
            e.Property(x => x.ContractNumber).HasMaxLength(64);
            e.Property(x => x.ProtectionDuties).HasMaxLength(4000);
            e.Property(x => x.DefaultClauses).HasMaxLength(4000);
            e.Property(x => x.CertificateNumber).HasMaxLength(64);
            e.Property(x => x.SuspensionReason).HasMaxLength(1000);
            e.Property(x => x.CancellationReason).HasMaxLength(1000);
            e.HasIndex(x => x.DueAt);
            foreach (var money in new[] { nameof(Deal.AppraisedValue), nameof(Deal.CostFloor), nameof(Deal.ReservePrice), nameof(Deal.AccountingFee), nameof(Deal.AppraisalFee), nameof(Deal.ListingPrice), nameof(Deal.DepositRequired), nameof(Deal.Increment), nameof(Deal.HighestAmount), nameof(Deal.FinalPrice) })
            {
                e.Property<Money>(money).HasConversion(MoneyFen);
            }

            e.Ignore(x => x.Changes);
            e.Ignore(x => x.IsFinal);
            e.OwnsMany(x => x.Shares, s =>
            {
                s.ToTable("trading_distribution_shares");
                s.WithOwner().HasForeignKey("DealId");
                s.Property<int>("Id");
                s.HasKey("Id");
                s.Property(x => x.Party).HasMaxLength(128);
            });
            e.OwnsMany(x => x.PaymentSchedule, s =>
            {
                s.ToTable("trading_instalments");
                s.WithOwner().HasForeignKey("DealId");
                s.Property<int>("Id");
                s.HasKey("Id");
                s.Property(x => x.Amount).HasConversion(MoneyFen);
            });
        });

        modelBuilder.Entity<Bidder>(e =>
        {
            e.ToTable("trading_bidders");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(128);
            e.Property(x => x.ReviewNote).HasMaxLength(1000);
            e.Property(x => x.DepositAccount).HasMaxLength(64);
            e.HasIndex(x => new { x.DealId, x.HolderId }).IsUnique();
            e.Property(x => x.DepositAmount).HasConversion(MoneyFen);
            e.Ignore(x => x.MayBid);
            e.HasOne<Deal>().WithMany().HasForeignKey(x => x.DealId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Bid>(e =>
        {
            e.ToTable("trading_bids");
            e.HasKey(x => x.Id);
            e.Property(x => x.ClientRequestId).HasMaxLength(64);
            e.Property(x => x.RefusalCode).HasMaxLength(64);
            // A bidder is one registration for one deal, so (bidder, client request id) is unique per deal too. The bidder
            // leads: the bid batch looks replays up by exact (bidder, request id) pairs, and with the deal first
            // PostgreSQL's planner, working from statistics older than the auction's bids, took the (deal, sequence) index
            // instead and walked every bid of the deal.
            e.HasIndex(x => new { x.BidderId, x.ClientRequestId }).IsUnique();
            e.HasIndex(x => new { x.DealId, x.Sequence }).IsUnique();
            e.Property(x => x.RefusalArgs).HasMaxLength(256);
            e.Property(x => x.Amount).HasConversion(MoneyFen);
            e.Ignore(x => x.Accepted);
            e.Ignore(x => x.Refusal);
            e.HasOne<Deal>().WithMany().HasForeignKey(x => x.DealId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Bidder>().WithMany().HasForeignKey(x => x.BidderId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Objection>(e =>
        {
            e.ToTable("trading_objections");
            e.HasKey(x => x.Id);
            e.Property(x => x.RaisedBy).HasMaxLength(128);
            e.Property(x => x.Text).HasMaxLength(4000);
            e.Property(x => x.Resolution).HasMaxLength(4000);
            e.HasIndex(x => x.DealId);
            e.Ignore(x => x.IsOpen);
            e.HasOne<Deal>().WithMany().HasForeignKey(x => x.DealId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<DealHistoryEntry>(e =>
        {
            e.ToTable("trading_deal_history");
            e.HasKey(x => x.Id);
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.ActorId).HasMaxLength(64);
            e.Property(x => x.ActorName).HasMaxLength(128);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.HasIndex(x => x.DealId);
            e.HasOne<Deal>().WithMany().HasForeignKey(x => x.DealId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<BankInstructionRecord>(e =>
        {
            e.ToTable("trading_bank_instructions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Account).HasMaxLength(64);
            e.Property(x => x.Reason).HasMaxLength(256);
            e.Property(x => x.Reference).HasMaxLength(64);
            e.Property(x => x.Amount).HasConversion(MoneyFen);
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => new { x.DealId, x.BidderId });
        });

        modelBuilder.Entity<TradingCertificate>(e =>
        {
            e.ToTable("trading_certificates");
            e.HasKey(x => x.Number);
            e.Property(x => x.Number).HasMaxLength(64);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.Sm3Hex).HasMaxLength(64);
            e.Property(x => x.SignatureHex).HasMaxLength(256);
            e.Property(x => x.PublicKeyHex).HasMaxLength(130);
            e.HasIndex(x => x.DealId).IsUnique();
        });

        modelBuilder.Entity<CalendarYear>(e =>
        {
            e.ToTable("trading_calendar_years");
            e.HasKey(x => x.Year);
            e.Property(x => x.Year).ValueGeneratedNever();
            e.Property(x => x.Notice).HasMaxLength(256);
            e.Property(x => x.ImportedBy).HasMaxLength(128);
        });

        modelBuilder.Entity<CalendarDay>(e =>
        {
            e.ToTable("trading_calendar_days");
            e.HasKey(x => x.Date);
            e.Property(x => x.Name).HasMaxLength(32);
            e.HasIndex(x => x.Year);
        });
    }
}
