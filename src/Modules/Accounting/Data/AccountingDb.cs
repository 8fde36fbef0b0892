using Microsoft.EntityFrameworkCore;
using Qingshan.Accounting.Parameters;
using Qingshan.Accounting.Runs;
using Qingshan.Data;
using Qingshan.Kernel;

namespace Qingshan.Accounting.Data;

/// <summary>
/// The accounting store. Runs and their lines are filtered by the current actor's region prefix; parameter sets are
/// read across regions (a county uses its province's set) and filtered in memory by <see cref="StoredParameterSet.IsVisibleTo"/>.
/// Accounted values are full-precision decimals (TEXT on SQLite, so they are summed and sorted in memory there).
/// </summary>
public sealed class AccountingDb(DbContextOptions<AccountingDb> options, ActorContext actor, DatabaseOptions database) : ModuleDb(options, actor, database, AccountingEvents.Module)
{
    internal DbSet<StoredParameterSet> ParameterSets => Set<StoredParameterSet>();

    internal DbSet<AccountingRun> Runs => Set<AccountingRun>();

    internal DbSet<RunLine> Lines => Set<RunLine>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        AccountingModel.Configure(modelBuilder, IsPostgres);
        FilterByRegion<AccountingRun>(modelBuilder, r => r.RegionCode);
    }
}

/// <summary>The accounting tables, shared by the runtime context and the migration contexts.</summary>
public static class AccountingModel
{
    public static void Configure(ModelBuilder modelBuilder, bool postgres)
    {
        _ = postgres;
        modelBuilder.Entity<StoredParameterSet>(e =>
        {
            e.ToTable("accounting_parameter_sets");
            e.HasKey(x => x.Id);
            e.Property(x => x.Version).HasMaxLength(64);
            e.HasIndex(x => x.Version).IsUnique();
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.HasIndex(x => x.RegionCode);
            e.Property(x => x.BasedOnVersion).HasMaxLength(64);
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.CreatedById).HasMaxLength(64);
            e.Property(x => x.CreatedBy).HasMaxLength(128);
            e.Property(x => x.ApprovedById).HasMaxLength(64);
            e.Property(x => x.ApprovedBy).HasMaxLength(128);
            e.Ignore(x => x.IsImmutable);
            e.HasOne<StoredParameterSet>().WithMany().HasForeignKey(x => x.BasedOnId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<AccountingRun>(e =>
        {
            e.ToTable("accounting_runs");
            e.HasKey(x => x.Id);
            e.Property(x => x.WatershedCode).HasMaxLength(32);
            e.Property(x => x.WatershedName).HasMaxLength(64);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.HasIndex(x => x.RegionCode);
            e.HasIndex(x => x.WatershedId);
            e.HasIndex(x => x.Status);
            e.Property(x => x.MethodId).HasMaxLength(64);
            e.Property(x => x.ParameterSetVersion).HasMaxLength(64);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.PlotSetVersion).HasMaxLength(64);
            e.Property(x => x.InputHash).HasMaxLength(64);
            e.Property(x => x.ResultHash).HasMaxLength(64);
            e.Property(x => x.PreparedById).HasMaxLength(64);
            e.Property(x => x.PreparedBy).HasMaxLength(128);
            e.Property(x => x.SubmittedBy).HasMaxLength(128);
            e.Property(x => x.ReviewedById).HasMaxLength(64);
            e.Property(x => x.ReviewedBy).HasMaxLength(128);
            e.Property(x => x.ApprovedById).HasMaxLength(64);
            e.Property(x => x.ApprovedBy).HasMaxLength(128);
            e.Property(x => x.RejectedBy).HasMaxLength(128);
            e.Property(x => x.RejectionComment).HasMaxLength(2000);
            e.Ignore(x => x.IsFrozen);
            e.HasOne<StoredParameterSet>().WithMany().HasForeignKey(x => x.ParameterSetId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<RunLine>(e =>
        {
            e.ToTable("accounting_run_lines");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.RunId, x.Ordinal }).IsUnique();
            e.Property(x => x.PlotCode).HasMaxLength(32);
            e.Property(x => x.LandUseCode).HasMaxLength(4);
            e.Property(x => x.IndicatorCode).HasMaxLength(8);
            e.Property(x => x.IndicatorUnit).HasMaxLength(16);
            e.Property(x => x.Component).HasMaxLength(128);
            e.Property(x => x.Unit).HasMaxLength(16);
            e.Property(x => x.PriceUnit).HasMaxLength(24);
            e.Property(x => x.ParameterId).HasMaxLength(128);
            e.Property(x => x.Source).HasMaxLength(1000);
            e.Property(x => x.Evidence).HasMaxLength(8);
            e.HasOne<AccountingRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
