using Microsoft.EntityFrameworkCore;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;

namespace Qingshan.Ledger.Data;

/// <summary>The ledger's store, scoped by region like every module. Public only for DI.</summary>
public sealed class LedgerDb(DbContextOptions<LedgerDb> options, ActorContext actor, DatabaseOptions database) : DbContext(options)
{
    private string ScopePrefix => actor.Current.Scope.Prefix;

    internal DbSet<LedgerAccount> Accounts => Set<LedgerAccount>();

    internal DbSet<JournalEntry> Entries => Set<JournalEntry>();

    internal DbSet<Posting> Postings => Set<Posting>();

    internal DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    internal DbSet<ConsumedEvent> ConsumedEvents => Set<ConsumedEvent>();

    internal Actor Actor => actor.Current;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        DatabaseSetup.ApplyConventions(configurationBuilder, database.IsPostgres);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        LedgerModel.Configure(modelBuilder);
        OutboxMessage.Configure(modelBuilder);
        modelBuilder.Entity<LedgerAccount>().HasQueryFilter(a => a.RegionCode.StartsWith(ScopePrefix));
        modelBuilder.Entity<JournalEntry>().HasQueryFilter(e => e.RegionCode.StartsWith(ScopePrefix));
        modelBuilder.UseSnakeCaseNames();
    }

    internal void Record(DateTimeOffset at, string eventType, string objectId, string? regionCode, object payload) =>
        Record(at, actor.Current, eventType, objectId, regionCode, payload);

    /// <summary>An outbox row on behalf of <paramref name="by"/> (a posting written by the group commit for its caller).</summary>
    internal void Record(DateTimeOffset at, Actor by, string eventType, string objectId, string? regionCode, object payload) =>
        Outbox.Add(OutboxMessage.Create(at, "ledger", eventType, objectId, regionCode, by, payload));
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
