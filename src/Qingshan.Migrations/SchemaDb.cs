using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Access.Data;
using Qingshan.Accounting.Data;
using Qingshan.Access.Users;
using Qingshan.Audit.Store;
using Qingshan.Data;
using Qingshan.Registry.Data;
using Qingshan.Trading.Data;

namespace Qingshan.Migrations;

/// <summary>
/// Applies every module's model so that each provider has one migration set (HOUSE-STYLE 3.3). Used for
/// migrating only; modules read and write through their own contexts.
/// </summary>
public abstract class SchemaDb(DbContextOptions options, bool postgres) : IdentityDbContext<QingshanUser>(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        DatabaseSetup.ApplyConventions(configurationBuilder, postgres);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        if (postgres)
        {
            builder.HasPostgresExtension("postgis");
        }

        AccessModel.Configure(builder);
        RegistryModel.Configure(builder, postgres);
        AuditModel.Configure(builder);
        Qingshan.Ledger.Data.LedgerModel.Configure(builder);
        AccountingModel.Configure(builder, postgres);
        TradingModel.Configure(builder, postgres);
        Qingshan.Distribution.Data.DistributionModel.Configure(builder);
        OutboxMessage.Configure(builder);
        builder.UseSnakeCaseNames();
    }

    /// <summary>Creates or upgrades the schema of the configured database.</summary>
    public static async Task MigrateAsync(DatabaseOptions options, CancellationToken ct = default)
    {
        await using SchemaDb db = options.IsPostgres ? new PostgresSchemaDb(For<PostgresSchemaDb>(options)) : new SqliteSchemaDb(For<SqliteSchemaDb>(options));
        await db.Database.MigrateAsync(ct);
        foreach (var sql in AuditModel.AppendOnlySql(options.IsPostgres))
        {
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        }
    }

    internal static DbContextOptions<T> For<T>(DatabaseOptions options)
        where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        builder.UseQingshanDatabase(options, typeof(SchemaDb).Assembly.GetName().Name);
        return builder.Options;
    }
}

public sealed class SqliteSchemaDb(DbContextOptions<SqliteSchemaDb> options) : SchemaDb(options, postgres: false);

public sealed class PostgresSchemaDb(DbContextOptions<PostgresSchemaDb> options) : SchemaDb(options, postgres: true);

/// <summary>Design-time factories for <c>dotnet ef migrations add</c>; no database is contacted.</summary>
public sealed class SqliteSchemaDbFactory : IDesignTimeDbContextFactory<SqliteSchemaDb>
{
    public SqliteSchemaDb CreateDbContext(string[] args) =>
        new(SchemaDb.For<SqliteSchemaDb>(new DatabaseOptions()));
}

public sealed class PostgresSchemaDbFactory : IDesignTimeDbContextFactory<PostgresSchemaDb>
{
    public PostgresSchemaDb CreateDbContext(string[] args) =>
        new(SchemaDb.For<PostgresSchemaDb>(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost;Database=qingshan_design" }));
}
