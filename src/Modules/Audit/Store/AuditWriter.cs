using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qingshan.Audit.Checkpoints;
using Qingshan.Audit.Entries;
using Qingshan.Audit.Hashing;
using Qingshan.Audit.Merkle;
using Qingshan.Data;

namespace Qingshan.Audit.Store;

/// <summary>Configuration section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The log's name in every checkpoint (C2SP origin line).</summary>
    public string Origin { get; set; } = "qingshan/audit";

    public string KeyName { get; set; } = "qingshan-audit";

    public LogHashAlgorithm HashAlgorithm { get; set; } = LogHashAlgorithm.Sm3;

    /// <summary>SM2 private key (PEM) that signs checkpoints. Keep it off the database host.</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>Where a generated key is kept when no PEM is configured (demo and single-machine installs).</summary>
    public string? KeyFile { get; set; }

    /// <summary>Sign a checkpoint after this many new entries …</summary>
    public int CheckpointEvery { get; set; } = 100;

    /// <summary>… or this long after the last one when anything is new.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Outbox rows logged per transaction. Larger batches cost fewer commits per entry but hold the database's write lock
    /// longer at a time (SQLite has one writer: the ledger waits meanwhile; a batch is prepared without the lock, so only
    /// its inserts, UPDATE and commit count). 250 and 500 measured no better for the ledger than 1,000 (docs/benchmarks.md).
    /// </summary>
    public int BatchSize { get; set; } = 1000;
}

/// <summary>
/// The single writer of the audit log. It moves outbox messages (written with each state change) into the log
/// exactly once — the entries, their Merkle nodes and the outbox rows' dispatch marks commit together — and signs
/// checkpoints. One instance per process; across processes the database lock serialises writers.
/// </summary>
/// <remarks>
/// Per batch, first without the write lock (on SQLite the database's one write lock, which the ledger's group commit and
/// every other writer wait for): the committed tree size is looked up by the highest seq (an index seek, not a count) and
/// the in-memory tree is rebuilt from the stored nodes when it differs (another process appended); the pending outbox rows
/// are read untracked, in id order; the payloads are wrapped and canonicalised in one pass, the entries chained and
/// hashed and the new Merkle nodes computed on top of the committed tree without changing it; in the last batch of a
/// dispatch a due checkpoint is signed. Then, in one transaction under the lock: the committed size (and, with a
/// checkpoint, the last checkpoint's size) must still be the one the batch was prepared on; entries and nodes are inserted
/// in bulk (<see cref="BulkInsert"/>); the rows are marked dispatched by one UPDATE naming their ids (never an id range: on PostgreSQL a
/// lower id can commit after a higher one was read), which must mark every one; the checkpoint is stored; commit. Only
/// then do the new nodes join the in-memory tree. When anything disagrees the transaction rolls back and the batch is
/// redone with the lock held throughout, from the store as it is (so a writer that keeps being overtaken still progresses).
/// A row missing from the prepared read (not yet committed, or committed later with a lower id) stays pending for the next
/// batch: every write that dispatches rows also moves the tail, so a batch never logs a row another writer logged.
/// </remarks>
public sealed class AuditWriter(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private AuditLog? log;
    private MemoryMerkleNodeStore? store;
    private CheckpointSigner? signer;
    private long lockedTicks;
    private long lockedTransactions;
    private long lockedEntries;
    private long overtaken;

    public AuditOptions Options => options.Value;

    /// <summary>
    /// How long this writer has held the database's write transaction, summed (from the moment it was begun — on SQLite
    /// the one write lock of the file — to commit or rollback). Meanwhile every other writer of the database waits.
    /// </summary>
    public TimeSpan Locked => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref lockedTicks));

    /// <summary>Write transactions this writer has begun, and the entries they committed.</summary>
    public (long Transactions, long Entries) LockedCounts => (Interlocked.Read(ref lockedTransactions), Interlocked.Read(ref lockedEntries));

    public CheckpointSigner Signer => signer ??= new CheckpointSigner(Options.KeyName, LoadOrCreateKey());

    /// <summary>Appends every undispatched outbox message and signs a checkpoint when one is due; returns how many were logged.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken ct = default)
    {
        var batch = Math.Max(1, Options.BatchSize);
        var total = 0;
        while (true)
        {
            var (n, last) = await DispatchBatchAsync(batch, ct);
            total += n;
            if (last)
            {
                return total;
            }
        }
    }

    /// <summary>Batches whose log moved between preparation and lock (another process appended or signed), redone under the lock.</summary>
    public long Overtaken => Interlocked.Read(ref overtaken);

    /// <summary>An outbox row as the writer reads it (untracked).</summary>
    private sealed record Pending(long Id, DateTimeOffset OccurredAt, string Module, string EventType, string ObjectId, string? RegionCode, string ActorId, string ActorName, string? IpAddress, string Payload);

    /// <summary>
    /// A batch made ready for the write transaction: its rows, the tree they grow (not yet the committed tree) and the
    /// checkpoint to store, and what the log looked like when it was prepared (confirmed under the lock).
    /// </summary>
    private sealed class Prepared
    {
        public required PendingNodes Tree { get; init; }

        public required List<AuditEntryRow> Entries { get; init; }

        public required List<long> OutboxIds { get; init; }

        /// <summary>The tree size the entries follow (their first seq).</summary>
        public long BaseSize => Tree.BaseLeaves;

        /// <summary>Tree size of the last stored checkpoint when the due checkpoint was judged (-1: none).</summary>
        public long BaseCheckpoint { get; init; } = -1;

        public AuditCheckpointRow? Checkpoint { get; init; }

        /// <summary>Fewer rows were pending than asked for: the dispatch ends with this batch.</summary>
        public bool Last { get; init; }
    }

    /// <summary>
    /// Logs up to <paramref name="batch"/> pending rows in one transaction; <c>last</c> when fewer were pending (then a
    /// due checkpoint is signed and stored in it too). Prepared outside the write lock, then confirmed and written under it;
    /// when the log moved in between, redone under the lock from the store as it is.
    /// </summary>
    private async Task<(int Count, bool Last)> DispatchBatchAsync(int batch, CancellationToken ct)
    {
        var written = await WriteBatchAsync(batch, force: false, ct);
        return written is null ? (0, true) : (written.Entries.Count, written.Last);
    }

    /// <summary>Signs and stores a checkpoint of the current tree when one is due (or always, with <paramref name="force"/>).</summary>
    public async Task<string?> CheckpointIfDueAsync(bool force, CancellationToken ct = default) =>
        (await WriteBatchAsync(0, force, ct))?.Checkpoint?.Note;

    /// <summary>
    /// Up to <paramref name="take"/> pending rows (none: a checkpoint alone) and the due checkpoint, prepared outside the
    /// write lock and written under it; when the log moved in between, redone under the lock. Null when nothing was written.
    /// </summary>
    private async Task<Prepared?> WriteBatchAsync(int take, bool force, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuditDb>();
            var prepared = await PrepareAsync(db, take, force, locked: false, ct);
            if (prepared is null || await TryCommitAsync(db, prepared, ct))
            {
                return prepared;
            }

            Interlocked.Increment(ref overtaken);
            return await CommitUnderLockAsync(db, take, force, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Everything a batch needs that does not need the write lock: the committed tree (rebuilt from the stored nodes when
    /// another process appended), up to <paramref name="take"/> pending rows read untracked in id order, their payloads
    /// wrapped and canonicalised, the entries chained and hashed and the new Merkle nodes computed on a
    /// <see cref="PendingNodes"/> over the committed tree (which stays as it is), and — when this is the dispatch's last
    /// batch — the due checkpoint signed. Null when there is nothing to write.
    /// </summary>
    private async Task<Prepared?> PrepareAsync(AuditDb db, int take, bool force, bool locked, CancellationToken ct)
    {
        await LoadAsync(db, locked, ct);
        var pending = take == 0
            ? []
            : await db.Outbox.AsNoTracking().Where(m => m.DispatchedAt == null).OrderBy(m => m.Id).Take(take)
                .Select(m => new Pending(m.Id, m.OccurredAt, m.Module, m.EventType, m.ObjectId, m.RegionCode, m.ActorId, m.ActorName, m.IpAddress, m.Payload))
                .ToListAsync(ct);
        var last = pending.Count < take || take == 0;
        var tree = new PendingNodes(store!);
        var writer = new AuditLog(Options.Origin, Options.HashAlgorithm, tree, clock);
        var entries = new List<AuditEntryRow>(pending.Count);
        var payloads = new PayloadWriter();
        foreach (var message in pending)
        {
            var record = writer.AppendCanonical(new AuditEvent(
                message.ActorName.Length > 0 ? message.ActorName : message.ActorId,
                message.RegionCode ?? "",
                message.Module + "." + message.EventType,
                message.ObjectId,
                payloads.Write(message)));
            entries.Add(new AuditEntryRow
            {
                Seq = record.Entry.Seq,
                Timestamp = record.Entry.Timestamp,
                Actor = record.Entry.Actor,
                Region = record.Entry.Region,
                EventType = record.Entry.EventType,
                ObjectId = record.Entry.ObjectId,
                Payload = record.Entry.Payload,
                PreviousHash = record.Entry.PreviousHash,
                LeafHash = record.LeafHash,
                OutboxId = message.Id,
            });
        }

        var (baseCheckpoint, signed) = last ? await DueCheckpointAsync(db, writer, force, ct) : (-1, null);
        if (entries.Count == 0 && signed is null)
        {
            return null;
        }

        return new Prepared
        {
            Tree = tree,
            Entries = entries,
            OutboxIds = pending.ConvertAll(m => m.Id),
            BaseCheckpoint = baseCheckpoint,
            Checkpoint = signed,
            Last = last,
        };
    }

    /// <summary>The signed checkpoint of <paramref name="tree"/> when one is due (or always, with <paramref name="force"/>), and the size of the last one stored.</summary>
    private async Task<(long Last, AuditCheckpointRow? Signed)> DueCheckpointAsync(AuditDb db, AuditLog tree, bool force, CancellationToken ct)
    {
        var last = await db.Checkpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).Select(c => new { c.TreeSize, c.SignedAt }).FirstOrDefaultAsync(ct);
        var lastSize = last?.TreeSize ?? -1;
        if (tree.Size == 0)
        {
            return (lastSize, null);
        }

        var now = clock.GetUtcNow();
        var due = last is null || (tree.Size > last.TreeSize && (force || tree.Size - last.TreeSize >= Options.CheckpointEvery || now - last.SignedAt >= Options.CheckpointInterval));
        if (!due)
        {
            return (lastSize, null);
        }

        var signed = Signer.Sign(tree.TakeCheckpoint());
        return (lastSize, new AuditCheckpointRow { TreeSize = tree.Size, RootHash = signed.Checkpoint.RootHash, SignedAt = now, Note = signed.ToText() });
    }

    /// <summary>
    /// Under the write lock: confirms the log is still the one <paramref name="prepared"/> was built on — the committed
    /// size (<c>MAX(seq)+1</c>, an index seek), the last checkpoint when one is to be stored, and afterwards that every
    /// outbox row was still undispatched — then writes it and commits, and only then adds its nodes to the in-memory tree.
    /// False, with everything rolled back, when anything disagrees (another process appended or signed in between).
    /// </summary>
    private async Task<bool> TryCommitAsync(AuditDb db, Prepared prepared, CancellationToken ct)
    {
        await using var tx = await LockedTransaction.BeginAsync(this, db, ct);
        if (await CommittedSizeAsync(db, ct) != prepared.BaseSize
            || (prepared.Checkpoint is not null && (await db.Checkpoints.MaxAsync(c => (long?)c.TreeSize, ct) ?? -1) != prepared.BaseCheckpoint)
            || !await WriteAsync(db, prepared, ct))
        {
            return false;
        }

        await tx.CommitAsync(prepared, ct);
        return true;
    }

    /// <summary>
    /// The batch redone with the write lock held throughout (its log moved while it was prepared outside): the tree, the
    /// pending rows and the due checkpoint as they are now; nothing can move meanwhile. Null when nothing was to be written.
    /// </summary>
    private async Task<Prepared?> CommitUnderLockAsync(AuditDb db, int take, bool force, CancellationToken ct)
    {
        await using var tx = await LockedTransaction.BeginAsync(this, db, ct);
        var prepared = await PrepareAsync(db, take, force, locked: true, ct);
        if (prepared is null)
        {
            return null;
        }

        if (!await WriteAsync(db, prepared, ct))
        {
            throw new InvalidOperationException($"outbox rows read under the audit log's lock were dispatched meanwhile: another writer logged them without the lock");
        }

        await tx.CommitAsync(prepared, ct);
        return prepared;
    }

    /// <summary>Inserts the entries, nodes and checkpoint and marks the rows dispatched; false when not every row was still undispatched.</summary>
    private async Task<bool> WriteAsync(AuditDb db, Prepared prepared, CancellationToken ct)
    {
        if (prepared.Entries.Count > 0)
        {
            await db.InsertAllAsync(prepared.Entries, prepared.Tree.Added, ct);
            var ids = prepared.OutboxIds;
            var now = clock.GetUtcNow();
            var marked = await db.Outbox.Where(m => ids.Contains(m.Id) && m.DispatchedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.DispatchedAt, now), ct);
            if (marked != ids.Count)
            {
                return false;
            }
        }

        if (prepared.Checkpoint is not null)
        {
            await db.InsertAsync([prepared.Checkpoint], ct);
        }

        return true;
    }

    /// <summary>Runs a read against the committed tree (proofs, roots) under the writer's lock.</summary>
    public async Task<T> ReadAsync<T>(Func<AuditLog, T> read, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return read(await LoadAsync(scope.ServiceProvider.GetRequiredService<AuditDb>(), locked: false, ct));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The committed tree size: the highest seq + 1 (seq is gapless; an index seek, not a count).</summary>
    private static async Task<long> CommittedSizeAsync(AuditDb db, CancellationToken ct) =>
        (await db.Entries.MaxAsync(e => (long?)e.Seq, ct) ?? -1) + 1;

    /// <summary>
    /// The tree as committed: the one in memory when its size is the stored one, else rebuilt from the stored nodes.
    /// Under the write lock (<paramref name="locked"/>) the rebuilt tree must have exactly that size; outside it another
    /// process may commit between the two reads, so the rebuilt tree may be larger (the nodes are read by one statement,
    /// one snapshot, so it is a tree as committed at some moment; the write confirms the size under the lock).
    /// </summary>
    private async Task<AuditLog> LoadAsync(AuditDb db, bool locked, CancellationToken ct)
    {
        var committed = await CommittedSizeAsync(db, ct);
        if (log is not null && store is not null && store.LeafCount == committed)
        {
            return log;
        }

        // Rebuild from the committed nodes (about 2n hashes held in memory).
        log = null;
        var rebuilt = new MemoryMerkleNodeStore();
        await foreach (var node in db.Nodes.AsNoTracking().OrderBy(n => n.Level).ThenBy(n => n.Index).AsAsyncEnumerable().WithCancellation(ct))
        {
            rebuilt.AddNode(node.Level, node.Index, node.Hash);
        }

        if (locked ? rebuilt.LeafCount != committed : rebuilt.LeafCount < committed)
        {
            store = null;
            throw new InvalidOperationException($"audit tree holds {rebuilt.LeafCount} leaves but the highest stored seq is {committed - 1}");
        }

        store = rebuilt;
        log = new AuditLog(Options.Origin, Options.HashAlgorithm, store, clock);
        return log;
    }

    /// <summary>
    /// The module's payload wrapped with where and when the change happened, as canonical JSON in one pass. Byte for byte
    /// what the writer stored before (a JsonObject wrapper serialised, then canonicalised by <see cref="AuditLog.Append"/>):
    /// the wrapper's members are written in canonical (ordinal) order, the module's payload through
    /// <see cref="CanonicalJson.Write"/>, and a payload that is not JSON as a JSON string. Pinned by AuditWriterGoldenTests.
    /// </summary>
    private sealed class PayloadWriter
    {
        private readonly ArrayBufferWriter<byte> buffer = new(512);
        private readonly Utf8JsonWriter json;

        public PayloadWriter() => json = new Utf8JsonWriter(buffer, CanonicalJson.WriterOptions);

        public string Write(Pending message)
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            json.WriteStartObject();
            json.WriteString("actorId", message.ActorId);
            json.WritePropertyName("data");
            JsonDocument? data = null;
            try
            {
                data = JsonDocument.Parse(message.Payload);
            }
            catch (JsonException)
            {
            }

            if (data is null)
            {
                json.WriteStringValue(message.Payload);
            }
            else
            {
                using (data)
                {
                    CanonicalJson.Write(json, data.RootElement);
                }
            }

            if (message.IpAddress is null)
            {
                json.WriteNull("ip");
            }
            else
            {
                json.WriteString("ip", message.IpAddress);
            }

            json.WriteString("module", message.Module);
            json.WriteString("occurredAt", message.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.Flush();
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }

    private Sm2PrivateKey LoadOrCreateKey()
    {
        if (!string.IsNullOrWhiteSpace(Options.PrivateKeyPem))
        {
            return Sm2PrivateKey.FromPem(Options.PrivateKeyPem);
        }

        if (Options.KeyFile is { } file)
        {
            if (File.Exists(file))
            {
                return Sm2PrivateKey.FromPem(File.ReadAllText(file));
            }

            var key = Sm2PrivateKey.Generate();
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            File.WriteAllText(file, key.ToPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            return key;
        }

        // No configured or stored key: an ephemeral one (tests). Checkpoints signed with it verify only with its public key.
        return Sm2PrivateKey.Generate();
    }

    /// <summary>
    /// The audit log's write transaction (the store's write lock, plus the advisory lock <c>audit.log</c> on PostgreSQL),
    /// timed from begin to commit or rollback into <see cref="Locked"/>. The prepared nodes join the in-memory tree only
    /// after the commit succeeded; any failure before leaves that tree as committed.
    /// </summary>
    private sealed class LockedTransaction : IAsyncDisposable
    {
        private readonly AuditWriter writer;
        private readonly WriteTransaction tx;
        private readonly long start = System.Diagnostics.Stopwatch.GetTimestamp();
        private long entries;

        private LockedTransaction(AuditWriter writer, WriteTransaction tx)
        {
            this.writer = writer;
            this.tx = tx;
        }

        public static async Task<LockedTransaction> BeginAsync(AuditWriter writer, AuditDb db, CancellationToken ct)
        {
            var locked = new LockedTransaction(writer, await WriteTransaction.BeginAsync(db, ct));
            try
            {
                await DbLocks.AcquireAsync(db, "audit.log", ct);
                return locked;
            }
            catch
            {
                await locked.DisposeAsync();
                throw;
            }
        }

        public async Task CommitAsync(Prepared prepared, CancellationToken ct)
        {
            await tx.CommitAsync(ct);
            entries = prepared.Entries.Count;
            try
            {
                prepared.Tree.Commit();
            }
            catch
            {
                // Should not happen (the gate keeps the tree to this writer); rebuild from the database next time.
                writer.log = null;
                writer.store = null;
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await tx.DisposeAsync();
            }
            finally
            {
                Interlocked.Add(ref writer.lockedTicks, System.Diagnostics.Stopwatch.GetTimestamp() - start);
                Interlocked.Increment(ref writer.lockedTransactions);
                Interlocked.Add(ref writer.lockedEntries, entries);
            }
        }
    }

    /// <summary>
    /// The nodes a prepared batch adds, on top of the committed in-memory tree, which they join by <see cref="Commit"/>
    /// only once the batch committed; a batch rolled back or overtaken is simply dropped. For n leaves the committed tree
    /// holds n >> level nodes on each level, so this keeps each level's new nodes from index n >> level on.
    /// </summary>
    private sealed class PendingNodes(MemoryMerkleNodeStore committed) : IMerkleNodeStore
    {
        private readonly List<List<byte[]>> levels = [];

        public long BaseLeaves { get; } = committed.LeafCount;

        /// <summary>The new nodes in the order they were computed, as rows to insert.</summary>
        public List<AuditNodeRow> Added { get; } = [];

        public long LeafCount => BaseLeaves + (levels.Count == 0 ? 0 : levels[0].Count);

        public byte[] GetNode(int level, long index)
        {
            var first = BaseLeaves >> level;
            if (index < first)
            {
                return committed.GetNode(level, index);
            }

            if (level >= levels.Count || index - first >= levels[level].Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), $"node ({level}, {index}) is not stored");
            }

            return levels[level][(int)(index - first)];
        }

        public void AddNode(int level, long index, byte[] hash)
        {
            ArgumentNullException.ThrowIfNull(hash);
            while (levels.Count <= level)
            {
                levels.Add([]);
            }

            if (index != (BaseLeaves >> level) + levels[level].Count)
            {
                throw new InvalidOperationException($"node ({level}, {index}) added out of order");
            }

            levels[level].Add(hash);
            Added.Add(new AuditNodeRow { Level = level, Index = index, Hash = hash });
        }

        /// <summary>Adds the new nodes to the committed tree (after the batch committed), in the order they were computed.</summary>
        public void Commit()
        {
            if (committed.LeafCount != BaseLeaves)
            {
                throw new InvalidOperationException($"the in-memory audit tree grew from {BaseLeaves} to {committed.LeafCount} leaves while a batch was prepared on it");
            }

            foreach (var node in Added)
            {
                committed.AddNode(node.Level, node.Index, node.Hash);
            }
        }
    }
}
