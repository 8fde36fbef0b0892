using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Ledger.Data;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Data;

/// <summary>Write transactions of one process on one store: queued, not failed or slept on.</summary>
public sealed class WriteTransactionTests
{
    [Fact]
    public async Task A_second_writer_waits_without_blocking_a_thread_and_begins_as_soon_as_the_first_is_done()
    {
        await using var platform = await TestPlatform.CreateAsync();
        await using var one = platform.AsSystem();
        await using var two = platform.AsSystem();
        var a = one.ServiceProvider.GetRequiredService<LedgerDb>();
        var b = two.ServiceProvider.GetRequiredService<LedgerDb>();

        var first = await WriteTransaction.BeginAsync(a);
        await a.Database.ExecuteSqlRawAsync("UPDATE outbox_messages SET dispatched_at = NULL WHERE 1 = 0");
        // On SQLite the second BEGIN IMMEDIATE used to block its thread in Microsoft.Data.Sqlite's busy retry (sleeping
        // 150 ms at a time, up to 30 s) — here it would have blocked this very test. Now it is a queued, awaitable wait.
        var second = WriteTransaction.BeginAsync(b);
        await Task.Delay(300);
        if (TestDatabase.IsPostgresLane)
        {
            Assert.True(second.IsCompletedSuccessfully, "PostgreSQL admits concurrent transactions (advisory locks serialise what must be)");
        }
        else
        {
            Assert.False(second.IsCompleted, "the second SQLite writer began while the first still held the database");
        }

        a.Outbox.Add(OutboxMessage.Create(DateTimeOffset.UnixEpoch, "ledger", "GateProbe", "first", null, Actor.System, new { }));
        await a.SaveChangesAsync();
        await first.CommitAsync(CancellationToken.None);
        await first.DisposeAsync();

        await using var next = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(await b.Outbox.AnyAsync(m => m.EventType == "GateProbe"), "the second writer does not see the first one's commit");
        await next.CommitAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_writer_that_fails_to_begin_does_not_keep_the_database_from_the_next()
    {
        await using var platform = await TestPlatform.CreateAsync();
        await using var one = platform.AsSystem();
        var db = one.ServiceProvider.GetRequiredService<LedgerDb>();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => WriteTransaction.BeginAsync(db, cancelled.Token));

        await using var tx = await WriteTransaction.BeginAsync(db).WaitAsync(TimeSpan.FromSeconds(10));
        await tx.CommitAsync(CancellationToken.None);
    }
}
