using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Qingshan.Data;

public static class DatabaseSetup
{
    /// <summary>Points a context at the configured store. SQLite gets WAL and a busy timeout so module contexts can share one file.</summary>
    public static DbContextOptionsBuilder UseQingshanDatabase(this DbContextOptionsBuilder builder, DatabaseOptions options, string? migrationsAssembly = null)
    {
        if (options.IsPostgres)
        {
            builder.UseNpgsql(options.ConnectionString, npgsql =>
            {
                npgsql.UseNetTopologySuite();
                if (migrationsAssembly is not null)
                {
                    npgsql.MigrationsAssembly(migrationsAssembly);
                }
            });
        }
        else
        {
            builder.UseSqlite(options.ConnectionString, sqlite =>
            {
                if (migrationsAssembly is not null)
                {
                    sqlite.MigrationsAssembly(migrationsAssembly);
                }
            });
            builder.AddInterceptors(SqlitePragmas.Instance);
        }

        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return builder;
    }

    /// <summary>
    /// Conventions every context applies. On SQLite, instants are stored as 64-bit UTC ticks so that they order and
    /// compare in SQL (SQLite's text form of DateTimeOffset cannot) and keep full 100 ns precision (EF's binary
    /// converter keeps only 100 µs, which would break hashed audit timestamps).
    /// </summary>
    public static void ApplyConventions(ModelConfigurationBuilder builder, bool postgres)
    {
        if (!postgres)
        {
            builder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            builder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    /// <summary>Registers a module context on the shared store.</summary>
    public static IServiceCollection AddModuleDb<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        // Options once per service provider (they depend only on the singleton DatabaseOptions), not rebuilt for every
        // context: a group commit or a request creates a context per unit of work.
        services.AddDbContext<TContext>((sp, builder) => builder.UseQingshanDatabase(sp.GetRequiredService<DatabaseOptions>()), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        return services;
    }

    /// <summary>
    /// Applies lower-case snake_case names to every table, column, key and index, so SQL reads the same
    /// on PostgreSQL (no quoting) and SQLite.
    /// </summary>
    public static void UseSnakeCaseNames(this ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                var storeObject = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
                property.SetColumnName(ToSnakeCase(property.GetColumnName(storeObject) ?? property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(ToSnakeCase(key.GetName()!));
            }

            foreach (var fk in entity.GetForeignKeys())
            {
                fk.SetConstraintName(ToSnakeCase(fk.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Geometry column: PostGIS <c>geometry</c> with SRID on PostgreSQL; WKB bytes on SQLite, where spatial work
    /// is done in-process with NetTopologySuite.
    /// </summary>
    public static void HasGeometry<TGeometry>(this Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<TGeometry> property, bool postgres, string postgisType, int srid = 4490)
        where TGeometry : Geometry?
    {
        if (postgres)
        {
            property.HasColumnType($"geometry({postgisType},{srid})");
        }
        else
        {
            property.HasConversion(new ValueConverter<TGeometry, byte[]>(
                g => WkbWriter.Write(g!),
                b => (TGeometry)WkbReaderFor(srid).Read(b)));
            property.Metadata.SetValueComparer(new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<TGeometry>(
                (a, b) => a == null ? b == null : b != null && a.EqualsExact(b),
                g => g == null ? 0 : g.GetHashCode(),
                g => g == null ? g! : (TGeometry)g.Copy()));
        }
    }

    private static readonly WKBWriter WkbWriter = new(ByteOrder.LittleEndian, handleSRID: false, emitZ: false, emitM: false);

    private static WKBReader WkbReaderFor(int srid) => new(new NtsGeometryServices(new PrecisionModel(), srid));

    /// <summary>
    /// The connection settings every SQLite connection needs, applied once per physical connection: Microsoft.Data.Sqlite
    /// pools physical connections and keeps their settings, while EF opens and closes its connection per unit of work
    /// (four PRAGMA statements on every open sat on every write path, the group commits' included).
    /// WAL with FULL sync (a committed transaction survives a power cut); a 10 s busy wait; foreign keys on. The WAL is
    /// checkpointed into the database file by the committing writer once it has grown by <see cref="WalAutoCheckpointPages"/>.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        /// <summary>
        /// Pages (4 KiB) of WAL after which a commit also checkpoints (SQLite's default is 1,000). A group commit of
        /// postings or bids dirties ~50–60 pages (random index leaves), so the default made every ~16th commit copy the
        /// WAL back on the writer's serial path; with a longer WAL the pages rewritten again and again (account rows,
        /// index leaves, the outbox tail) are copied back once per checkpoint instead of once per ~16 commits.
        /// </summary>
        public const int WalAutoCheckpointPages = 20_000;

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = new();

        public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(System.Data.Common.DbConnection connection)
        {
            if (connection is not SqliteConnection sqlite || sqlite.Handle is not { } handle || Configured.TryGetValue(handle, out _))
            {
                return;
            }

            using var cmd = sqlite.CreateCommand();
            cmd.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint={WalAutoCheckpointPages};";
            cmd.ExecuteNonQuery();
            Configured.AddOrUpdate(handle, handle);
        }
    }
}
