using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Ledger.Data;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Data;

/// <summary>
/// The SQLite connection settings are applied once per physical connection, not on every open: they must hold on every
/// connection a context gets, also on a pooled one handed out again.
/// </summary>
public sealed class SqliteSettingsTests
{
    [Fact]
    public async Task Every_context_connection_has_the_settings_also_when_the_pool_hands_it_out_again()
    {
        Assert.SkipWhen(TestDatabase.IsPostgresLane, "PostgreSQL's settings are the server's; nothing is set per connection");
        await using var platform = await TestPlatform.CreateAsync();
        for (var round = 0; round < 3; round++)
        {
            // Two contexts open at once take two physical connections; closed, they go back to the pool and come out again.
            await using var one = platform.AsSystem();
            await using var two = platform.AsSystem();
            foreach (var db in new[] { one.ServiceProvider.GetRequiredService<LedgerDb>(), two.ServiceProvider.GetRequiredService<LedgerDb>() })
            {
                await db.Database.OpenConnectionAsync();
                Assert.Equal("wal", await ScalarAsync(db, "PRAGMA journal_mode"));
                Assert.Equal("2", await ScalarAsync(db, "PRAGMA synchronous")); // FULL
                Assert.Equal("1", await ScalarAsync(db, "PRAGMA foreign_keys"));
                Assert.Equal("10000", await ScalarAsync(db, "PRAGMA busy_timeout"));
                Assert.Equal("20000", await ScalarAsync(db, "PRAGMA wal_autocheckpoint"));
            }
        }
    }

    private static async Task<string> ScalarAsync(DbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
