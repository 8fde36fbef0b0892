using Microsoft.EntityFrameworkCore;
using Qingshan.Data;
using Qingshan.Distribution.Reinvestment;
using Qingshan.Kernel;

namespace Qingshan.Distribution.Data;

/// <summary>Reinvestment plans and spending records, scoped by region. Public only for DI.</summary>
public sealed class DistributionDb(DbContextOptions<DistributionDb> options, ActorContext actor, DatabaseOptions database) : ModuleDb(options, actor, database, "distribution")
{
    internal DbSet<ReinvestmentPlan> Plans => Set<ReinvestmentPlan>();

    internal DbSet<Spending> Spendings => Set<Spending>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        DistributionModel.Configure(modelBuilder);
        FilterByRegion<ReinvestmentPlan>(modelBuilder, p => p.RegionCode);
        FilterByRegion<Spending>(modelBuilder, s => s.RegionCode);
    }
}

public static class DistributionModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReinvestmentPlan>(e =>
        {
            e.ToTable("distribution_reinvestment_plans");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.DealId).IsUnique();
            e.Property(x => x.DealCode).HasMaxLength(64);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.Measures).HasMaxLength(4000);
            e.Property(x => x.SubmittedBy).HasMaxLength(128);
            e.Property(x => x.DevelopmentReformApprovedBy).HasMaxLength(128);
            e.Property(x => x.WaterApprovedBy).HasMaxLength(128);
        });
        modelBuilder.Entity<Spending>(e =>
        {
            e.ToTable("distribution_spendings");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.PlanId);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.Measure).HasMaxLength(200);
            e.Property(x => x.Location).HasMaxLength(300);
            e.Property(x => x.AttachmentName).HasMaxLength(200);
            e.Property(x => x.AttachmentSha256).HasMaxLength(64);
            e.Property(x => x.RecordedBy).HasMaxLength(128);
            e.Property(x => x.Amount).HasConversion(m => m.Fen, f => new Money(f)).HasColumnName("amount_fen");
        });
    }
}
