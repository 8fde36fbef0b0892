using Microsoft.EntityFrameworkCore;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Registry.Catalog;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Regions;
using Qingshan.Registry.Rights;
using Qingshan.Registry.Watersheds;

namespace Qingshan.Registry.Data;

/// <summary>
/// The registry's store. Every scoped set is filtered by the current actor's region prefix, so no page, API or
/// export can read outside the account's data scope unless it explicitly asks for public fields only.
/// The type is public only so DI can build the public handlers; everything it holds is internal.
/// </summary>
public sealed class RegistryDb(DbContextOptions<RegistryDb> options, ActorContext actor, DatabaseOptions database) : ModuleDb(options, actor, database, RegistryEvents.Module)
{
    internal DbSet<Region> Regions => Set<Region>();

    internal DbSet<Watershed> Watersheds => Set<Watershed>();

    internal DbSet<Plot> Plots => Set<Plot>();

    internal DbSet<RightsHolder> Holders => Set<RightsHolder>();

    internal DbSet<Right> Rights => Set<Right>();

    internal DbSet<Dispute> Disputes => Set<Dispute>();

    internal DbSet<Pledge> Pledges => Set<Pledge>();

    internal DbSet<CatalogVersion> CatalogVersions => Set<CatalogVersion>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        RegistryModel.Configure(modelBuilder, IsPostgres);
        FilterByRegion<Watershed>(modelBuilder, w => w.RegionCode);
        FilterByRegion<Plot>(modelBuilder, p => p.RegionCode);
        FilterByRegion<RightsHolder>(modelBuilder, h => h.RegionCode);
        FilterByRegion<Right>(modelBuilder, r => r.RegionCode);
        FilterByRegion<Dispute>(modelBuilder, d => d.RegionCode);
        FilterByRegion<Pledge>(modelBuilder, p => p.RegionCode);
        FilterByRegion<CatalogVersion>(modelBuilder, c => c.RegionCode);
    }
}

/// <summary>The registry's tables, shared by its runtime context and the migration contexts.</summary>
public static class RegistryModel
{
    public static void Configure(ModelBuilder modelBuilder, bool postgres)
    {
        modelBuilder.Entity<Region>(e =>
        {
            e.ToTable("registry_regions");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(12);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.ParentCode).HasMaxLength(12);
            e.HasIndex(x => x.ParentCode);
        });

        modelBuilder.Entity<Watershed>(e =>
        {
            e.ToTable("registry_watersheds");
            e.HasKey(x => x.Id);
            e.Property(x => x.Code).HasMaxLength(32);
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.HasIndex(x => x.RegionCode);
            e.Property(x => x.AreaSquareKilometres).HasPrecision(12, 4);
            e.Property(x => x.Description).HasMaxLength(1000);
            e.Property(x => x.Boundary).HasGeometry(postgres, "MultiPolygon");
        });

        modelBuilder.Entity<Plot>(e =>
        {
            e.ToTable("registry_plots");
            e.HasKey(x => x.Id);
            e.Property(x => x.Code).HasMaxLength(32);
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.LandUseCode).HasMaxLength(4);
            e.HasIndex(x => x.RegionCode);
            e.HasIndex(x => x.WatershedId);
            e.HasIndex(x => new { x.MinX, x.MinY, x.MaxX, x.MaxY });
            e.Property(x => x.Geometry).HasGeometry(postgres, "MultiPolygon");
            if (postgres)
            {
                e.HasIndex(x => x.Geometry).HasMethod("gist");
            }

            e.HasOne<Watershed>().WithMany().HasForeignKey(x => x.WatershedId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<RightsHolder>(e =>
        {
            e.ToTable("registry_rights_holders");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(128);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.IdNumber).HasMaxLength(18);
            e.Property(x => x.Phone).HasMaxLength(32);
            e.Property(x => x.ContactName).HasMaxLength(64);
            e.HasIndex(x => x.CreditCode).IsUnique();
            e.HasIndex(x => x.IdNumber).IsUnique();
            e.HasIndex(x => x.RegionCode);
            e.Ignore(x => x.IdentityKey);
        });

        modelBuilder.Entity<Right>(e =>
        {
            e.ToTable("registry_rights");
            e.HasKey(x => x.Id);
            e.Property(x => x.CertificateNumber).HasMaxLength(64);
            e.Property(x => x.ConfirmedBy).HasMaxLength(128);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.HasIndex(x => new { x.PlotId, x.Kind });
            e.HasOne<Plot>().WithMany().HasForeignKey(x => x.PlotId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<RightsHolder>().WithMany().HasForeignKey(x => x.HolderId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Dispute>(e =>
        {
            e.ToTable("registry_disputes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.Resolution).HasMaxLength(2000);
            e.Property(x => x.RaisedBy).HasMaxLength(128);
            e.Property(x => x.ResolvedBy).HasMaxLength(128);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.HasIndex(x => x.PlotId);
            e.Ignore(x => x.IsOpen);
            e.HasOne<Plot>().WithMany().HasForeignKey(x => x.PlotId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Pledge>(e =>
        {
            e.ToTable("registry_pledges");
            e.HasKey(x => x.Id);
            e.Property(x => x.Pledgee).HasMaxLength(128);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.HasIndex(x => x.PlotId);
            e.Ignore(x => x.IsActive);
            e.HasOne<Plot>().WithMany().HasForeignKey(x => x.PlotId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<CatalogVersion>(e =>
        {
            e.ToTable("registry_catalog_versions");
            e.HasKey(x => x.Id);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.Reason).HasMaxLength(1000);
            e.Property(x => x.AdjustedBy).HasMaxLength(128);
            e.HasIndex(x => new { x.RegionCode, x.Version }).IsUnique();
            e.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.CatalogVersionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CatalogItem>(e =>
        {
            e.ToTable("registry_catalog_items");
            e.HasKey(x => x.Id);
            e.Property(x => x.ProductName).HasMaxLength(128);
            e.Property(x => x.ProductType).HasMaxLength(64);
            e.Property(x => x.Notes).HasMaxLength(1000);
        });
    }
}
