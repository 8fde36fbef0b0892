using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Audit.Checkpoints;
using Qingshan.Audit.Export;
using Qingshan.Audit.Hashing;
using Qingshan.Audit.Merkle;
using Qingshan.Audit.Store;
using Qingshan.Audit.Verification;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Audit;

/// <summary>
/// The writer's guarantees on a real database when it is not alone or a commit fails: every outbox row is logged exactly
/// once, in one gapless tree that verifies against the signed checkpoints, whichever writer (process) appended it.
/// </summary>
public sealed class AuditWriterConcurrencyTests
{
    private static readonly string KeyPem = Sm2PrivateKey.Generate().ToPem();

    /// <summary>A writer with its own in-memory tree, as in another process, over the same database and signing key.</summary>
    private static AuditWriter Writer(TestPlatform platform, TimeProvider? clock = null) =>
        new(platform.Services.GetRequiredService<IServiceScopeFactory>(), Microsoft.Extensions.Options.Options.Create(new AuditOptions { PrivateKeyPem = KeyPem }), clock ?? platform.Clock);

    /// <summary>
    /// The platform's clock, except that once armed, the next reading first runs <paramref name="meanwhile"/> to the end:
    /// the writer reads the clock as it stamps the first entry of a batch it prepares, so this is "between preparation and lock".
    /// </summary>
    private sealed class InterruptingClock(TimeProvider inner, Func<Task> meanwhile) : TimeProvider
    {
        private int armed;

        public void Arm() => Volatile.Write(ref armed, 1);

        public override DateTimeOffset GetUtcNow()
        {
            if (Interlocked.Exchange(ref armed, 0) == 1)
            {
                Task.Run(meanwhile).GetAwaiter().GetResult();
            }

            return inner.GetUtcNow();
        }
    }

    private static async Task AddMessagesAsync(TestPlatform platform, int count, string prefix, Func<int, string>? objectId = null)
    {
        await using var scope = platform.AsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AuditDb>();
        var actor = new Actor("user-t", "测试员", RegionScope.All, new HashSet<string>(["tester"]), "211322", "10.1.2.3");
        db.Outbox.AddRange(Enumerable.Range(0, count).Select(i => OutboxMessage.Create(platform.Clock.GetUtcNow(), "ledger", "JournalEntryPosted",
            objectId?.Invoke(i) ?? $"{prefix}:{i}", "211322", actor, new { BusinessKey = $"{prefix}:{i}", Description = "并发写入", AmountFen = 100L + i })));
        await db.SaveChangesAsync();
    }

    private static async Task ExecuteAsync(TestPlatform platform, string sql)
    {
        await using var scope = platform.AsSystem();
        await scope.ServiceProvider.GetRequiredService<AuditDb>().Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>Asserts exactly-once and one consistent tree; returns the number of entries.</summary>
    private static async Task<long> AssertLoggedExactlyOnceAsync(TestPlatform platform, params AuditWriter[] writers)
    {
        await using var scope = platform.AsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AuditDb>();
        var outbox = await db.Outbox.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Id, m.DispatchedAt }).ToListAsync();
        Assert.All(outbox, m => Assert.NotNull(m.DispatchedAt));
        var entries = await db.Entries.AsNoTracking().OrderBy(e => e.Seq).Select(e => new { e.Seq, e.OutboxId, e.LeafHash, e.PreviousHash }).ToListAsync();
        Assert.Equal(outbox.Select(m => m.Id).Order(), entries.Select(e => e.OutboxId).Order()); // each row once, none extra
        Assert.Equal(Enumerable.Range(0, entries.Count).Select(i => (long)i), entries.Select(e => e.Seq)); // gapless
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.Equal(entries[i - 1].LeafHash, entries[i].PreviousHash); // one chain
        }

        // Every writer's tree and a fresh rebuild agree with the tree of the stored leaves.
        var root = MerkleLog.FromLeafHashes(TreeHasher.Sm3, entries.Select(e => e.LeafHash)).RootHash();
        foreach (var writer in writers.Append(Writer(platform)))
        {
            Assert.Equal(root, await writer.ReadAsync(log => log.RootHash()));
        }

        // … and the export verifies against the signed checkpoints, with only the public key.
        await writers[0].CheckpointIfDueAsync(force: true); // null when the last dispatch already signed the current size
        var export = new StringWriter();
        await foreach (var record in scope.ServiceProvider.GetRequiredService<AuditQueries>().RecordsAsync())
        {
            await export.WriteLineAsync(AuditExport.ToLine(record));
        }

        var notes = await scope.ServiceProvider.GetRequiredService<AuditQueries>().PublishedNotesAsync();
        var key = new CheckpointKey(writers[0].Signer.Key.Name, writers[0].Signer.Key.PublicKey);
        var verified = new AuditLogVerifier(key, writers[0].Options.Origin).VerifyExport(new StringReader(export.ToString()), notes);
        Assert.True(verified.IsSuccess, verified.Error?.ToString());
        Assert.Equal(entries.Count, verified.Value.EntryCount);
        Assert.Equal(0, verified.Value.UnattestedEntries);
        return entries.Count;
    }

    [Fact]
    public async Task Two_writers_on_one_database_log_every_row_exactly_once_in_one_tree()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var a = Writer(platform);
        var b = Writer(platform);
        var total = 0;
        for (var round = 0; round < 3; round++)
        {
            await AddMessagesAsync(platform, 450, $"r{round}");
            total += 450;
            // Both at once (the database lock serialises them), then each alone so each must catch up with the other's appends.
            var counts = await Task.WhenAll(Task.Run(() => a.DispatchPendingAsync()), Task.Run(() => b.DispatchPendingAsync()));
            Assert.Equal(450, counts.Sum());
            await AddMessagesAsync(platform, 7, $"s{round}");
            total += 7;
            Assert.Equal(7, await (round % 2 == 0 ? a : b).DispatchPendingAsync());
        }

        Assert.Equal(0, await a.DispatchPendingAsync());
        Assert.Equal(0, await b.DispatchPendingAsync());
        Assert.Equal(total, await AssertLoggedExactlyOnceAsync(platform, a, b));
    }

    [Fact]
    public async Task A_batch_overtaken_between_preparation_and_lock_is_rolled_back_and_redone_from_the_store()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var other = Writer(platform);
        var otherLogged = 0;
        var clock = new InterruptingClock(platform.Clock, async () =>
        {
            // While the first writer prepares its batch (without the lock), another writer logs the same rows, and more
            // arrive. Were the first writer holding the write lock now, this would wait for it: SQLite's gate times out.
            otherLogged = await other.DispatchPendingAsync();
            await AddMessagesAsync(platform, 3, "after");
        });
        var writer = Writer(platform, clock);
        await AddMessagesAsync(platform, 300, "first");
        Assert.Equal(300, await writer.DispatchPendingAsync());

        await AddMessagesAsync(platform, 250, "raced");
        clock.Arm();
        var logged = await writer.DispatchPendingAsync();
        Assert.Equal(250, otherLogged);
        Assert.Equal(1, writer.Overtaken); // its prepared 250 were rolled back, not logged a second time …
        Assert.Equal(3, logged); // … and the batch redone under the lock from the store: only the three new rows
        Assert.Equal(0, other.Overtaken);
        Assert.Equal(553, await AssertLoggedExactlyOnceAsync(platform, writer, other));

        // The writer's in-memory tree followed the store, so it appends on top of the other writer's entries.
        await AddMessagesAsync(platform, 10, "next");
        Assert.Equal(10, await writer.DispatchPendingAsync());
        Assert.Equal(1, writer.Overtaken);
        Assert.Equal(563, await AssertLoggedExactlyOnceAsync(platform, writer, other));
    }

    [Fact]
    public async Task A_failed_commit_leaves_nothing_behind_and_the_next_dispatch_rebuilds_the_tree_from_the_database()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var writer = Writer(platform);
        await AddMessagesAsync(platform, 50, "ok");
        Assert.Equal(50, await writer.DispatchPendingAsync());

        // An entry the database refuses, deep in the next dispatch: its transaction rolls back.
        await ExecuteAsync(platform, platform.IsPostgres
            ? """
              CREATE FUNCTION test_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'poison'; END $$;
              CREATE TRIGGER audit_entries_poison BEFORE INSERT ON audit_entries FOR EACH ROW WHEN (NEW.object_id = 'poison') EXECUTE FUNCTION test_poison();
              """
            : "CREATE TRIGGER audit_entries_poison BEFORE INSERT ON audit_entries WHEN NEW.object_id = 'poison' BEGIN SELECT RAISE(ABORT, 'poison'); END;");
        await AddMessagesAsync(platform, 2_500, "later", i => i == 2_345 ? "poison" : $"later:{i}");
        await Assert.ThrowsAnyAsync<Exception>(() => writer.DispatchPendingAsync());

        await using (var scope = platform.AsSystem())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuditDb>();
            var entries = await db.Entries.CountAsync();
            Assert.Equal(entries, await db.Outbox.CountAsync(m => m.DispatchedAt != null)); // marks and entries committed together
            Assert.True(await db.Outbox.AnyAsync(m => m.ObjectId == "poison" && m.DispatchedAt == null));
            Assert.Equal((2 * entries) - System.Numerics.BitOperations.PopCount((ulong)entries), await db.Nodes.CountAsync()); // 2n − popcount(n) nodes
        }

        await ExecuteAsync(platform, platform.IsPostgres ? "DROP TRIGGER audit_entries_poison ON audit_entries" : "DROP TRIGGER audit_entries_poison");
        Assert.True(await writer.DispatchPendingAsync() > 0);
        Assert.Equal(2_550, await AssertLoggedExactlyOnceAsync(platform, writer));
    }

    [Fact]
    public async Task A_row_that_commits_after_a_higher_id_is_logged_once_when_it_becomes_visible()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var writer = Writer(platform);
        if (!platform.IsPostgres)
        {
            // SQLite admits one writer, so ids commit in order; these rows are committed before the late transaction.
            await AddMessagesAsync(platform, 5, "early");
        }

        await using var lateScope = platform.AsSystem();
        var late = lateScope.ServiceProvider.GetRequiredService<AuditDb>();
        await using var lateTx = await late.Database.BeginTransactionAsync();
        late.Outbox.Add(OutboxMessage.Create(platform.Clock.GetUtcNow(), "ledger", "Late", "late:1", "211322", Actor.System, new { Late = true }));
        await late.SaveChangesAsync(); // on PostgreSQL the lower id; not yet committed

        if (platform.IsPostgres)
        {
            // PostgreSQL: higher ids commit and are logged meanwhile; the late row is logged once it is visible.
            await AddMessagesAsync(platform, 5, "early");
            Assert.Equal(5, await writer.DispatchPendingAsync());
            await lateTx.CommitAsync();
            Assert.Equal(1, await writer.DispatchPendingAsync());
            Assert.Equal(6, await AssertLoggedExactlyOnceAsync(platform, writer));
            return;
        }

        // SQLite: the writer prepares the five committed rows without the lock (the uncommitted one is invisible), then
        // waits for the lock the open write transaction holds; after its commit the five are written and the late row
        // is left pending for the next dispatch, which logs it once. (A preparation still running when the late row
        // commits — a cold, busy machine — sees all six: logged once all the same.)
        var dispatch = Task.Run(() => writer.DispatchPendingAsync());
        await Task.Delay(300);
        Assert.False(dispatch.IsCompleted, "the audit writer wrote while another write transaction held the database");
        await lateTx.CommitAsync();
        var first = await dispatch.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(first, 5, 6);
        Assert.Equal(6 - first, await writer.DispatchPendingAsync());
        Assert.Equal(6, await AssertLoggedExactlyOnceAsync(platform, writer));
    }
}
