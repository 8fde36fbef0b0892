using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Qingshan.Data;
using Qingshan.Platform;
using Qingshan.Tests.Support;

namespace Qingshan.Web.Tests.Support;

/// <summary>
/// A fresh database per web application, already holding the demo county. Seeding a few hundred plots takes seconds, so
/// it happens once per test run into a template (through <see cref="DemoCounty.SeedAsync"/> with
/// <see cref="QingshanFactory.DemoPassword"/>, the same call the host makes for <c>Demo:Password</c>), and each app gets
/// a copy: an online-backup copy on SQLite (one at a time, through one connection held open), <c>CREATE DATABASE … TEMPLATE</c> on the PostgreSQL lane (<c>QINGSHAN_TEST_DB=postgres</c>).
/// </summary>
public sealed class SeededDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static DatabaseOptions? template;

    /// <summary>
    /// On SQLite, the one connection every copy is read through, open for the whole run and used under <see cref="Gate"/>.
    /// Connections opened per copy raced each other: when the last one closed, SQLite folded the log back and removed it;
    /// the next openers found a log to recover, and all but the one recovering were refused with SQLITE_BUSY_RECOVERY
    /// (261), which the online backup reports without waiting (a CI run lost a test to it).
    /// </summary>
    private static SqliteConnection? templateReader;
    private readonly Func<ValueTask> cleanup;

    private SeededDatabase(DatabaseOptions options, string directory, Func<ValueTask> cleanup)
    {
        Options = options;
        Directory = directory;
        this.cleanup = cleanup;
    }

    public DatabaseOptions Options { get; }

    /// <summary>A private folder for this app (SQLite file, data-protection keys).</summary>
    public string Directory { get; }

    public static async Task<SeededDatabase> CreateAsync()
    {
        var seeded = await TemplateAsync();
        var dir = Path.Combine(Path.GetTempPath(), "qingshan-web-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        if (!seeded.IsPostgres)
        {
            var copy = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(dir, "qingshan.db")};Pooling=False" };
            // Through SQLite's online backup, not a file copy: the copy is what a reader of the template sees (log and
            // all), even if something still touched the template when it was copied.
            using (var target = new SqliteConnection(copy.ConnectionString))
            {
                target.Open();
                await Gate.WaitAsync();
                try
                {
                    templateReader!.BackupDatabase(target);
                }
                finally
                {
                    Gate.Release();
                }
            }

            return new SeededDatabase(
                copy,
                dir,
                () =>
                {
                    DeleteQuietly(dir);
                    return ValueTask.CompletedTask;
                });
        }

        var source = new NpgsqlConnectionStringBuilder(seeded.ConnectionString);
        var name = $"qs_web_{Guid.NewGuid():N}";
        await RetryWhileTemplateBusyAsync(async () =>
        {
            await ExecAsync(source, $"CREATE DATABASE {name} TEMPLATE {source.Database}");
            return true;
        }, source.Database!);
        var options = new NpgsqlConnectionStringBuilder(source.ConnectionString) { Database = name };
        return new SeededDatabase(
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = options.ConnectionString },
            dir,
            async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await ExecAsync(source, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                DeleteQuietly(dir);
            });
    }

    private static async Task<DatabaseOptions> TemplateAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (template is not null)
            {
                return template;
            }

            // Kept for the whole run: every app is cloned from it (the test database helper removes its files with the process folder).
            var fresh = await RetryWhileTemplateBusyAsync(TestDatabase.CreateAsync, $"qs_template_{Environment.ProcessId}");
            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
            services.AddQingshanPlatform(fresh.Options);
            await using (var sp = services.BuildServiceProvider())
            {
                await DemoCounty.SeedAsync(sp, QingshanFactory.DemoPassword);
            }

            // SQLite: copies are taken through the online backup, which reads the log too, from one connection held open.
            if (!fresh.Options.IsPostgres)
            {
                templateReader = new SqliteConnection(fresh.Options.ConnectionString);
                templateReader.Open();
            }
            else
            {
                NpgsqlConnection.ClearAllPools();
                await DisconnectAllAsync(new NpgsqlConnectionStringBuilder(fresh.Options.ConnectionString).Database!);
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                templateReader?.Dispose();
                fresh.DisposeAsync().AsTask().GetAwaiter().GetResult();
            };
            template = fresh.Options;
            return template;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// PostgreSQL refuses to copy a template while any session is connected to it (55006), and a just-closed connection's
    /// backend may linger for a moment after the pool lets it go: wait and try again.
    /// </summary>
    private static async Task<T> RetryWhileTemplateBusyAsync<T>(Func<Task<T>> action, string template)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                // EF's Npgsql data source keeps idle connections that ClearAllPools does not reach; end them server-side.
                await DisconnectAllAsync(template);
                await Task.Delay(100 * attempt);
            }
        }
    }

    /// <summary>Ends every session on a template database of this test run (only ever idle pooled connections).</summary>
    private static async Task DisconnectAllAsync(string database)
    {
        var server = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer);
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()", c);
        cmd.Parameters.AddWithValue("db", database);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task ExecAsync(NpgsqlConnectionStringBuilder server, string sql)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static void DeleteQuietly(string dir)
    {
        try
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public ValueTask DisposeAsync() => cleanup();
}
