using Microsoft.EntityFrameworkCore;
using Qingshan.Data;

namespace Qingshan.Audit.Store;

/// <summary>A stored log entry (one row per leaf). Append-only: database triggers refuse UPDATE and DELETE.</summary>
internal sealed class AuditEntryRow
{
    public long Seq { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public string Actor { get; set; } = "";

    public string Region { get; set; } = "";

    public string EventType { get; set; } = "";

    public string ObjectId { get; set; } = "";

    /// <summary>Canonical JSON text, hashed byte for byte (text, never jsonb, which rewrites it).</summary>
    public string Payload { get; set; } = "";

    public byte[] PreviousHash { get; set; } = [];

    public byte[] LeafHash { get; set; } = [];

    /// <summary>The outbox message this entry records (unique: an event is logged exactly once).</summary>
    public long OutboxId { get; set; }
}

internal sealed class AuditNodeRow
{
    public int Level { get; set; }

    public long Index { get; set; }

    public byte[] Hash { get; set; } = [];
}

internal sealed class AuditCheckpointRow
{
    public long Id { get; set; }

    public long TreeSize { get; set; }

    public byte[] RootHash { get; set; } = [];

    public DateTimeOffset SignedAt { get; set; }

    /// <summary>The signed note exactly as published.</summary>
    public string Note { get; set; } = "";
}

/// <summary>The audit log's tables. The type is public only for DI; its members are internal.</summary>
public sealed class AuditDb(DbContextOptions<AuditDb> options, DatabaseOptions database) : DbContext(options)
{
    internal DbSet<AuditEntryRow> Entries => Set<AuditEntryRow>();

    internal DbSet<AuditNodeRow> Nodes => Set<AuditNodeRow>();

    internal DbSet<AuditCheckpointRow> Checkpoints => Set<AuditCheckpointRow>();

    internal DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        DatabaseSetup.ApplyConventions(configurationBuilder, database.IsPostgres);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        AuditModel.Configure(modelBuilder);
        OutboxMessage.Configure(modelBuilder);
        modelBuilder.UseSnakeCaseNames();
    }
}

public static class AuditModel
{
    public const string EntriesTable = "audit_entries";
    public const string NodesTable = "audit_nodes";
    public const string CheckpointsTable = "audit_checkpoints";

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntryRow>(e =>
        {
            e.ToTable(EntriesTable);
            e.HasKey(x => x.Seq);
            e.Property(x => x.Seq).ValueGeneratedNever();
            e.Property(x => x.Actor).HasMaxLength(128);
            e.Property(x => x.Region).HasMaxLength(12);
            e.Property(x => x.EventType).HasMaxLength(96);
            e.Property(x => x.ObjectId).HasMaxLength(64);
            e.HasIndex(x => x.OutboxId).IsUnique();
            e.HasIndex(x => new { x.EventType, x.ObjectId });
        });
        modelBuilder.Entity<AuditNodeRow>(e =>
        {
            e.ToTable(NodesTable);
            e.HasKey(x => new { x.Level, x.Index });
        });
        modelBuilder.Entity<AuditCheckpointRow>(e =>
        {
            e.ToTable(CheckpointsTable);
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.TreeSize);
        });
    }

    /// <summary>
    /// Triggers that make the log tables append-only for every role, the owner included (T11e). Applied after each
    /// migration, idempotently. A maintenance window that must repair the log drops them knowingly.
    /// </summary>
    public static IEnumerable<string> AppendOnlySql(bool postgres)
    {
        foreach (var table in new[] { EntriesTable, NodesTable, CheckpointsTable })
        {
            if (postgres)
            {
                yield return $"""
                    CREATE OR REPLACE FUNCTION qingshan_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'audit tables are append-only (%)', TG_TABLE_NAME USING ERRCODE = '42501'; END $$;
                    DROP TRIGGER IF EXISTS {table}_append_only ON {table};
                    CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION qingshan_append_only();
                    DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};
                    CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION qingshan_append_only();
                    """;
            }
            else
            {
                yield return $"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, 'audit tables are append-only'); END;";
                yield return $"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, 'audit tables are append-only'); END;";
            }
        }
    }
}
