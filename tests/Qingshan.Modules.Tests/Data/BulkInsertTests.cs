using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Data;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Data;

/// <summary>BulkInsert writes exactly the rows SaveChanges would have written, on both stores.</summary>
public sealed class BulkInsertTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 11, 26, 22, 41, 7, 123, TimeSpan.Zero).AddTicks(4560) /* whole microseconds: PostgreSQL keeps no finer */;

    [Fact]
    public async Task Rows_written_in_bulk_are_column_for_column_what_SaveChanges_writes()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var deal = Guid.CreateVersion7();
        var actor = Actor.System with { UserId = "u-1", UserName = "财务甲", IpAddress = "10.0.0.7" };
        await platform.RunAsync(Actor.System, async sp =>
        {
            var db = sp.GetRequiredService<LedgerDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Accounts.Add(Account("ef", deal));
            db.Outbox.Add(OutboxMessage.Create(At, "ledger", "Probe", "ef", null, actor, new { Amount = 12L, Text = "中文\"引号\"" }));
            await db.SaveChangesAsync();
            await db.InsertAsync([Account("bulk", deal)]);
            await db.InsertAsync([OutboxMessage.Create(At, "ledger", "Probe", "bulk", null, actor, new { Amount = 12L, Text = "中文\"引号\"" })]);
            await tx.CommitAsync();
            return 0;
        });

        var accounts = await RowsAsync(platform, "SELECT * FROM ledger_accounts WHERE code LIKE 'probe:%' ORDER BY code");
        Assert.Equal(2, accounts.Count);
        Assert.Equal(Without(accounts[0], "code"), Without(accounts[1], "code"));
        var outbox = await RowsAsync(platform, "SELECT * FROM outbox_messages WHERE event_type = 'Probe' ORDER BY object_id");
        Assert.Equal(2, outbox.Count);
        Assert.Equal(Without(outbox[0], "id", "object_id"), Without(outbox[1], "id", "object_id"));

        // And EF reads the bulk row back as it wrote it (converters applied both ways).
        var read = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerDb>().Outbox.AsNoTracking().SingleAsync(m => m.ObjectId == "bulk"));
        Assert.Equal(At, read.OccurredAt);
        Assert.Equal("10.0.0.7", read.IpAddress);
        Assert.Null(read.RegionCode);
        var account = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerDb>().Accounts.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Code == "probe:bulk"));
        Assert.Equal(deal, account.DealId);
        Assert.Equal(AccountKind.ErosionControlFund, account.Kind);
    }

    [Fact]
    public async Task Generated_keys_come_back_in_the_order_of_the_rows_also_across_statements()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var rows = Enumerable.Range(0, 1_234).Select(i => OutboxMessage.Create(At, "ledger", "Order", $"o-{i:D5}", "211322", Actor.System, new { i })).ToList();
        var ids = await platform.RunAsync(Actor.System, async sp =>
        {
            var db = sp.GetRequiredService<LedgerDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var ids = await db.InsertReturningIdsAsync(rows);
            await tx.CommitAsync();
            return ids;
        });

        var stored = await RowsAsync(platform, "SELECT id, object_id FROM outbox_messages WHERE event_type = 'Order'");
        Assert.Equal(rows.Count, stored.Count);
        var byObject = stored.ToDictionary(r => (string)r["object_id"]!, r => Convert.ToInt64(r["id"], System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(byObject[rows[i].ObjectId], ids[i]);
        }
    }

    [Fact]
    public async Task Later_rows_and_the_tracked_update_written_together_are_what_SaveChanges_writes()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var deal = Guid.CreateVersion7();
        var actor = Actor.System with { UserId = "u-1", UserName = "财务甲", IpAddress = "10.0.0.7" };
        var state = await platform.RunAsync(Actor.System, async sp =>
        {
            var db = sp.GetRequiredService<LedgerDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Accounts.Add(Account("ef", deal));
            db.Outbox.Add(OutboxMessage.Create(At, "ledger", "Probe", "ef", null, actor, new { Amount = 12L }));
            var (efUpdated, bulkUpdated) = (Account("ef-updated", deal), Account("bulk-updated", deal));
            db.Accounts.AddRange(efUpdated, bulkUpdated);
            await db.SaveChangesAsync();
            efUpdated.Apply(-77);
            await db.SaveChangesAsync();

            // Each list's first row differs from the compared second one where a later row's parameter must change
            // (null region, no IP address, no deal), so a value kept from the first row would show.
            bulkUpdated.Apply(-77);
            await db.InsertAllAndUpdateAsync(
                [Account("first", null), Account("bulk", deal)],
                [OutboxMessage.Create(At.AddDays(1), "ledger", "Probe", "first", "211322", Actor.System, new { Amount = 1L }), OutboxMessage.Create(At, "ledger", "Probe", "bulk", null, actor, new { Amount = 12L })],
                [Account("third", null)],
                bulkUpdated);
            var after = db.Entry(bulkUpdated).State;
            await tx.CommitAsync();
            return after;
        });

        Assert.Equal(Microsoft.EntityFrameworkCore.EntityState.Unchanged, state);
        var accounts = (await RowsAsync(platform, "SELECT * FROM ledger_accounts WHERE code LIKE 'probe:%'")).ToDictionary(r => (string)r["code"]!);
        Assert.Equal(6, accounts.Count);
        Assert.Equal(Without(accounts["probe:ef"], "code"), Without(accounts["probe:bulk"], "code"));
        Assert.Equal(Without(accounts["probe:ef-updated"], "code"), Without(accounts["probe:bulk-updated"], "code"));
        Assert.NotEqual(Without(accounts["probe:ef"], "code"), Without(accounts["probe:ef-updated"], "code"));
        var outbox = await RowsAsync(platform, "SELECT * FROM outbox_messages WHERE event_type = 'Probe' AND object_id IN ('ef', 'bulk') ORDER BY object_id");
        Assert.Equal(Without(outbox[0], "id", "object_id"), Without(outbox[1], "id", "object_id"));
    }

    [Fact]
    public async Task A_change_beside_the_updated_entity_is_saved_by_SaveChanges_and_a_missing_row_is_refused()
    {
        await using var platform = await TestPlatform.CreateAsync();
        await platform.RunAsync(Actor.System, async sp =>
        {
            var db = sp.GetRequiredService<LedgerDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var (a, b) = (Account("a", null), Account("b", null));
            db.Accounts.AddRange(a, b);
            await db.SaveChangesAsync();
            a.Apply(1);
            b.Apply(2); // another entity's change: the write falls back to SaveChanges, which writes both
            await db.InsertAllAndUpdateAsync(Array.Empty<LedgerAccount>(), Array.Empty<OutboxMessage>(), [Account("c", null)], a);
            await tx.CommitAsync();
            return 0;
        });

        var balances = (await RowsAsync(platform, "SELECT code, balance_fen FROM ledger_accounts WHERE code IN ('probe:a', 'probe:b')"))
            .ToDictionary(r => (string)r["code"]!, r => Convert.ToInt64(r["balance_fen"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(123_456_789_013, balances["probe:a"]);
        Assert.Equal(123_456_789_014, balances["probe:b"]);

        // The row to update is gone (deleted behind the context's back): refused, and the caller's transaction rolls back.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => platform.RunAsync(Actor.System, async sp =>
        {
            var db = sp.GetRequiredService<LedgerDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var a = await db.Accounts.IgnoreQueryFilters().SingleAsync(x => x.Code == "probe:a");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM ledger_accounts WHERE code = 'probe:a'");
            a.Apply(1);
            await db.InsertAllAndUpdateAsync([Account("d", null)], Array.Empty<OutboxMessage>(), Array.Empty<OutboxMessage>(), a);
            await tx.CommitAsync();
            return 0;
        }));
        Assert.Contains("rows were to be written", error.Message, StringComparison.Ordinal);
        Assert.Single(await RowsAsync(platform, "SELECT * FROM ledger_accounts WHERE code = 'probe:a'"));
        Assert.Empty(await RowsAsync(platform, "SELECT * FROM ledger_accounts WHERE code = 'probe:d'"));
    }

    [Fact]
    public async Task Outside_a_transaction_nothing_is_written()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => platform.RunAsync(Actor.System, async sp =>
        {
            await sp.GetRequiredService<LedgerDb>().InsertAsync([Account("loose", null)]);
            return 0;
        }));
        Assert.Contains("transaction", error.Message, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(platform, "SELECT * FROM ledger_accounts WHERE code = 'probe:loose'"));
    }

    [Fact]
    public async Task A_connection_kept_open_writes_correctly_across_transactions_a_refused_row_and_a_reopen()
    {
        // SQLite keeps each table's prepared single-row INSERT with the open connection: every later transaction must
        // use it in that transaction, with the values of its own rows, and a closed connection must not hand it on.
        await using var platform = await TestPlatform.CreateAsync();
        var (first, second) = (Actor.System with { UserId = "u-1", UserName = "甲", IpAddress = "10.0.0.7" }, Actor.System with { UserId = "u-2", UserName = "乙" });
        await platform.RunAsync(Actor.System, async sp =>
        {
            var db = sp.GetRequiredService<LedgerDb>();
            async Task InsertAsync(params object[] rows)
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                foreach (var row in rows)
                {
                    if (row is LedgerAccount a)
                    {
                        await db.InsertAsync([a]);
                    }
                    else
                    {
                        await db.InsertAsync([(OutboxMessage)row]);
                    }
                }

                await tx.CommitAsync();
            }

            await db.Database.OpenConnectionAsync();
            await InsertAsync(OutboxMessage.Create(At, "ledger", "Kept", "k1", null, first, new { n = 1 }), Account("k1", null));
            await InsertAsync(OutboxMessage.Create(At.AddDays(1), "ledger", "Kept", "k2", "211322", second, new { n = 2 }), Account("k2", Guid.Empty));

            // A row the database refuses (the account code is taken) rolls its transaction back; the next one still writes.
            await Assert.ThrowsAnyAsync<DbException>(() => InsertAsync(OutboxMessage.Create(At, "ledger", "Kept", "lost", null, first, new { n = 0 }), Account("k1", null)));
            await InsertAsync(OutboxMessage.Create(At, "ledger", "Kept", "k3", null, second, new { n = 3 }));

            await db.Database.CloseConnectionAsync();
            await db.Database.OpenConnectionAsync();
            await InsertAsync(OutboxMessage.Create(At.AddDays(2), "ledger", "Kept", "k4", "211300", first, new { n = 4 }), Account("k4", null));
            await db.Database.CloseConnectionAsync();
            return 0;
        });

        var outbox = await RowsAsync(platform, "SELECT object_id, region_code, actor_name, ip_address, payload FROM outbox_messages WHERE event_type = 'Kept' ORDER BY object_id");
        Assert.Equal(["k1", "k2", "k3", "k4"], outbox.Select(r => (string)r["object_id"]!));
        Assert.Equal([null, "211322", null, "211300"], outbox.Select(r => r["region_code"] as string));
        Assert.Equal(["甲", "乙", "乙", "甲"], outbox.Select(r => (string)r["actor_name"]!));
        Assert.Equal(["10.0.0.7", null, null, "10.0.0.7"], outbox.Select(r => r["ip_address"] as string));
        Assert.Contains("3", (string)outbox[2]["payload"]!, StringComparison.Ordinal);
        var accounts = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerDb>().Accounts.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.Code.StartsWith("probe:k")).OrderBy(a => a.Code).Select(a => new { a.Code, a.DealId }).ToListAsync());
        Assert.Equal(["probe:k1", "probe:k2", "probe:k4"], accounts.Select(a => a.Code));
        Assert.Equal([null, Guid.Empty, null], accounts.Select(a => a.DealId));
    }

    private static LedgerAccount Account(string code, Guid? deal)
    {
        var a = new LedgerAccount("probe:" + code, AccountKind.ErosionControlFund, "211322", deal, "水土流失治理资金");
        a.Apply(123_456_789_012);
        a.Freeze();
        return a;
    }

    private static Dictionary<string, object?> Without(Dictionary<string, object?> row, params string[] columns) =>
        row.Where(kv => !columns.Contains(kv.Key)).ToDictionary();

    private static Task<List<Dictionary<string, object?>>> RowsAsync(TestPlatform platform, string sql) =>
        platform.RunAsync(Actor.System, async sp =>
        {
            var db = sp.GetRequiredService<LedgerDb>();
            await db.Database.OpenConnectionAsync();
            await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            var rows = new List<Dictionary<string, object?>>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
            }

            return rows;
        });
}
