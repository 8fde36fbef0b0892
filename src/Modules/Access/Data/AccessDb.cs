using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Qingshan.Access.Users;
using Qingshan.Data;
using Qingshan.Kernel;

namespace Qingshan.Access.Data;

/// <summary>Accounts, roles and the sign-in log (ASP.NET Core Identity tables, snake_case).</summary>
public sealed class AccessDb(DbContextOptions<AccessDb> options, ActorContext actor, DatabaseOptions database, AccountChanges changes) : IdentityDbContext<QingshanUser>(options)
{
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var touched = TouchedAccounts();
        var n = base.SaveChanges(acceptAllChangesOnSuccess);
        Announce(touched);
        return n;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var touched = TouchedAccounts();
        var n = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        Announce(touched);
        return n;
    }

    /// <summary>Accounts whose row, roles or claims this save changes (the session check caches them; see <see cref="AccountChanges"/>).</summary>
    private List<string> TouchedAccounts() => ChangeTracker.Entries()
        .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
        .Select(e => e.Entity switch
        {
            QingshanUser u => u.Id,
            Microsoft.AspNetCore.Identity.IdentityUserRole<string> r => r.UserId,
            Microsoft.AspNetCore.Identity.IdentityUserClaim<string> c => c.UserId,
            Microsoft.AspNetCore.Identity.IdentityUserLogin<string> l => l.UserId,
            _ => null,
        })
        .OfType<string>().Distinct().ToList();

    private void Announce(List<string> touched)
    {
        if (touched.Count > 0)
        {
            changes.Notify(touched);
        }
    }

    internal DbSet<SignInRecord> SignIns => Set<SignInRecord>();

    internal DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    internal Actor Actor => actor.Current;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        DatabaseSetup.ApplyConventions(configurationBuilder, database.IsPostgres);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        AccessModel.Configure(builder);
        OutboxMessage.Configure(builder);
        builder.UseSnakeCaseNames();
    }

    internal void Record(DateTimeOffset at, string eventType, string objectId, string? regionCode, object payload) =>
        Outbox.Add(OutboxMessage.Create(at, AccessEvents.Module, eventType, objectId, regionCode, actor.Current, payload));
}

public static class AccessModel
{
    /// <summary>Access tables beyond Identity's own (call after IdentityDbContext's model is built).</summary>
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<QingshanUser>(e =>
        {
            e.ToTable("access_users");
            e.Property(x => x.DisplayName).HasMaxLength(64);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.Organisation).HasMaxLength(128);
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityRole>().ToTable("access_roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserRole<string>>().ToTable("access_user_roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("access_user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("access_user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("access_user_tokens");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityRoleClaim<string>>().ToTable("access_role_claims");
        builder.Entity<SignInRecord>(e =>
        {
            e.ToTable("access_sign_ins");
            e.HasKey(x => x.Id);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.UserId).HasMaxLength(64);
            e.Property(x => x.IpAddress).HasMaxLength(64);
            e.Property(x => x.UserAgent).HasMaxLength(512);
            e.Property(x => x.Result).HasMaxLength(32);
            e.HasIndex(x => x.At);
        });
    }
}

public static class AccessEvents
{
    public const string Module = "access";
    public const string UserCreated = "UserCreated";
    public const string UserChanged = "UserChanged";
    public const string PasswordReset = "PasswordReset";
    public const string PasswordChanged = "PasswordChanged";
    public const string UserUnlocked = "UserUnlocked";
    public const string HolderBound = "HolderBound";
}
