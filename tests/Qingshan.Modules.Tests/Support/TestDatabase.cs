using Microsoft.Data.Sqlite;
using Npgsql;
using Qingshan.Data;
using Qingshan.Migrations;

namespace Qingshan.Tests.Support;

/// <summary>
/// A fresh, migrated database per test on the lane chosen by <c>QINGSHAN_TEST_DB</c> (<c>sqlite</c> default,
/// <c>postgres</c> with <c>QINGSHAN_TEST_PG</c> = a server connection string). SQLite: a copy of a migrated
/// template file. PostgreSQL: <c>CREATE DATABASE … TEMPLATE</c> of a migrated template database.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? sqliteTemplate;
    private static string? postgresTemplate;
    private readonly Action? cleanup;

    private TestDatabase(DatabaseOptions options, Action? cleanup)
    {
        Options = options;
        this.cleanup = cleanup;
    }

    public DatabaseOptions Options { get; }

    public static bool IsPostgresLane => string.Equals(Environment.GetEnvironmentVariable("QINGSHAN_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string PostgresServer => Environment.GetEnvironmentVariable("QINGSHAN_TEST_PG")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    public static async Task<TestDatabase> CreateAsync()
    {
        return IsPostgresLane ? await CreatePostgresAsync() : await CreateSqliteAsync();
    }

    private static async Task<TestDatabase> CreateSqliteAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (sqliteTemplate is null)
            {
                var dir = Path.Combine(Path.GetTempPath(), "qingshan-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Directory.CreateDirectory(dir);
                var path = Path.Combine(dir, "template.db");
                // A folder left by an earlier process with the same id must not hand its file to this run.
                foreach (var stale in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(stale);
                }

                var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path};Pooling=False" };
                await SchemaDb.MigrateAsync(options);
                await CheckpointFullyAsync(options.ConnectionString);
                sqliteTemplate = path;
            }
        }
        finally
        {
            TemplateLock.Release();
        }

        var file = Path.Combine(Path.GetDirectoryName(sqliteTemplate)!, $"t-{Guid.NewGuid():N}.db");
        File.Copy(sqliteTemplate, file);
        return new TestDatabase(
            new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file};Pooling=False" },
            () =>
            {
                foreach (var f in new[] { file, file + "-wal", file + "-shm" })
                {
                    try
                    {
                        File.Delete(f);
                    }
                    catch (IOException)
                    {
                    }
                }
            });
    }

    /// <summary>
    /// Moves everything in a SQLite database's write-ahead log into its main file and empties the log, so that a copy of
    /// the main file alone holds every committed row. SQLite answers a checkpoint it could not finish (a reader or writer
    /// still at work) with busy = 1 instead of an error: wait and try again, and fail loudly rather than copy half a database.
    /// </summary>
    private static async Task CheckpointFullyAsync(string connectionString)
    {
        await using var c = new SqliteConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        for (var attempt = 1; ; attempt++)
        {
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (busy, log, moved) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            if (busy == 0 && log == moved)
            {
                return;
            }

            if (attempt == 100)
            {
                throw new InvalidOperationException($"SQLite checkpoint of {c.DataSource} did not finish after {attempt} attempts (busy {busy}, {moved} of {log} frames): a connection is still using the database.");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresServer);
        await TemplateLock.WaitAsync();
        try
        {
            if (postgresTemplate is null)
            {
                var name = $"qs_template_{Environment.ProcessId}";
                await ExecAsync(server, $"DROP DATABASE IF EXISTS {name}");
                await ExecAsync(server, $"CREATE DATABASE {name}");
                // No pooling: an idle pooled connection to the template would block every CREATE DATABASE … TEMPLATE.
                await SchemaDb.MigrateAsync(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = new NpgsqlConnectionStringBuilder(With(server, name)) { Pooling = false }.ConnectionString });
                NpgsqlConnection.ClearAllPools();
                // EF's Npgsql data source keeps idle connections that ClearAllPools does not close; a template with
                // sessions cannot be copied (55006), so end them server-side.
                await ExecAsync(server, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
                postgresTemplate = name;
            }
        }
        finally
        {
            TemplateLock.Release();
        }

        var db = $"qs_t_{Guid.NewGuid():N}";
        // PostgreSQL copies a template only while nobody else is connected to it, including another copy in
        // progress: copies are made one at a time, retried if a straggling connection is still closing.
        await TemplateLock.WaitAsync();
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await ExecAsync(server, $"CREATE DATABASE {db} TEMPLATE {postgresTemplate}");
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
                {
                    await Task.Delay(100);
                }
            }
        }
        finally
        {
            TemplateLock.Release();
        }
        return new TestDatabase(
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = With(server, db) },
            () =>
            {
                NpgsqlConnection.ClearAllPools();
                ExecAsync(server, $"DROP DATABASE IF EXISTS {db} WITH (FORCE)").GetAwaiter().GetResult();
            });
    }

    private static string With(NpgsqlConnectionStringBuilder server, string database) =>
        new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database, MaxPoolSize = 20 }.ConnectionString;

    private static async Task ExecAsync(NpgsqlConnectionStringBuilder server, string sql)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync()
    {
        cleanup?.Invoke();
        return ValueTask.CompletedTask;
    }
}
