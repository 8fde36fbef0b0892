using Microsoft.EntityFrameworkCore;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;

namespace Qingshan.Ledger.Data;

/// <summary>The ledger's store, scoped by region like every module. Public only for DI.</summary>
public sealed class LedgerDb(DbContextOptions<LedgerDb> options, ActorContext actor, DatabaseOptions database) : ModuleDb(options, actor, database, "ledger")
{
    internal DbSet<LedgerAccount> Accounts => Set<LedgerAccount>();

    internal DbSet<JournalEntry> Entries => Set<JournalEntry>();

    internal DbSet<Posting> Postings => Set<Posting>();

    internal DbSet<ConsumedEvent> ConsumedEvents => Set<ConsumedEvent>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        LedgerModel.Configure(modelBuilder);
        FilterByRegion<LedgerAccount>(modelBuilder, a => a.RegionCode);
        FilterByRegion<JournalEntry>(modelBuilder, e => e.RegionCode);
    }
}

public static class LedgerModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LedgerAccount>(e =>
        {
            e.ToTable("ledger_accounts");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(96);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.Name).HasMaxLength(128);
            e.HasIndex(x => x.DealId);
            e.HasIndex(x => x.RegionCode);
        });
        modelBuilder.Entity<JournalEntry>(e =>
        {
            e.ToTable("ledger_journal_entries");
            e.HasKey(x => x.Id);
            e.Property(x => x.BusinessKey).HasMaxLength(160);
            e.HasIndex(x => x.BusinessKey).IsUnique();
            e.Property(x => x.Description).HasMaxLength(500);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.PostedBy).HasMaxLength(128);
            e.HasIndex(x => x.DealId);
            e.HasMany(x => x.Postings).WithOne().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ConsumedEvent>(e =>
        {
            e.ToTable("ledger_consumed_events");
            e.HasKey(x => x.OutboxId);
            e.Property(x => x.OutboxId).ValueGeneratedNever();
            e.Property(x => x.EventType).HasMaxLength(64);
            e.Property(x => x.ErrorCode).HasMaxLength(96);
        });
        modelBuilder.Entity<Posting>(e =>
        {
            e.ToTable("ledger_postings");
            e.HasKey(x => x.Id);
            e.Property(x => x.AccountCode).HasMaxLength(96);
            e.HasIndex(x => x.AccountCode);
            e.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.AccountCode).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
