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
    /// longer (SQLite has one writer: the ledger waits meanwhile).
    /// </summary>
    public int BatchSize { get; set; } = 1000;
}

/// <summary>
/// The single writer of the audit log. It moves outbox messages (written with each state change) into the log
/// exactly once — the entries, their Merkle nodes and the outbox rows' dispatch marks commit together — and signs
/// checkpoints. One instance per process; across processes the database lock serialises writers.
/// </summary>
/// <remarks>
/// Per batch (one transaction, under the lock): the pending outbox rows are read untracked, in id order; the committed
/// tree size is looked up by the highest seq (an index seek, not a count) and the in-memory tree is rebuilt from the
/// stored nodes when it differs (another process appended, or a commit failed); the payloads are wrapped and
/// canonicalised in one pass; entries and nodes are inserted as multi-row INSERTs; the rows are marked dispatched by
/// one UPDATE naming their ids (never an id range: on PostgreSQL a lower id can commit after a higher one was read).
/// The last batch of a dispatch also signs the checkpoint when one is due.
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

    /// <summary>An outbox row as the writer reads it (untracked).</summary>
    private sealed record Pending(long Id, DateTimeOffset OccurredAt, string Module, string EventType, string ObjectId, string? RegionCode, string ActorId, string ActorName, string? IpAddress, string Payload);

    /// <summary>Logs up to <paramref name="batch"/> pending rows in one transaction; <c>last</c> when fewer were pending (then a due checkpoint is signed in it too).</summary>
    private async Task<(int Count, bool Last)> DispatchBatchAsync(int batch, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuditDb>();
            await using var tx = await WriteTransaction.BeginAsync(db, ct);
            await using var held = new Held(this);
            await DbLocks.AcquireAsync(db, "audit.log", ct);
            var pending = await db.Outbox.AsNoTracking().Where(m => m.DispatchedAt == null).OrderBy(m => m.Id).Take(batch)
                .Select(m => new Pending(m.Id, m.OccurredAt, m.Module, m.EventType, m.ObjectId, m.RegionCode, m.ActorId, m.ActorName, m.IpAddress, m.Payload))
                .ToListAsync(ct);
            var last = pending.Count < batch;
            var current = await LoadAsync(db, ct);
            if (pending.Count == 0)
            {
                if (await CheckpointIfDueAsync(db, current, force: false, ct) is not null)
                {
                    await tx.CommitAsync(ct);
                }

                return (0, true);
            }

            var recording = new RecordingStore(store!);
            var writer = new AuditLog(Options.Origin, Options.HashAlgorithm, recording, clock);
            try
            {
                var now = clock.GetUtcNow();
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

                var nodes = recording.Added.ConvertAll(n => new AuditNodeRow { Level = n.Level, Index = n.Index, Hash = n.Hash });
                await db.InsertAsync(entries, ct);
                await db.InsertAsync(nodes, ct);
                var ids = pending.ConvertAll(m => m.Id);
                var marked = await db.Outbox.Where(m => ids.Contains(m.Id) && m.DispatchedAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.DispatchedAt, now), ct);
                if (marked != ids.Count)
                {
                    throw new InvalidOperationException($"marked {marked} of {ids.Count} outbox rows dispatched: another writer logged them without the lock");
                }

                if (last)
                {
                    await CheckpointIfDueAsync(db, writer, force: false, ct);
                }

                await tx.CommitAsync(ct);
                held.Committed(pending.Count);
                log = writer;
                return (pending.Count, last);
            }
            catch
            {
                // The in-memory tree saw nodes that never committed: rebuild it from the database next time.
                log = null;
                store = null;
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Signs and stores a checkpoint of the current tree when one is due (or always, with <paramref name="force"/>).</summary>
    public async Task<string?> CheckpointIfDueAsync(bool force, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuditDb>();
            await using var tx = await WriteTransaction.BeginAsync(db, ct);
            await using var held = new Held(this);
            await DbLocks.AcquireAsync(db, "audit.log", ct);
            var note = await CheckpointIfDueAsync(db, await LoadAsync(db, ct), force, ct);
            if (note is not null)
            {
                await tx.CommitAsync(ct);
            }

            return note;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Adds a signed checkpoint of <paramref name="current"/> to the caller's transaction when one is due.</summary>
    private async Task<string?> CheckpointIfDueAsync(AuditDb db, AuditLog current, bool force, CancellationToken ct)
    {
        if (current.Size == 0)
        {
            return null;
        }

        var last = await db.Checkpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).Select(c => new { c.TreeSize, c.SignedAt }).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var due = last is null || (current.Size > last.TreeSize && (force || current.Size - last.TreeSize >= Options.CheckpointEvery || now - last.SignedAt >= Options.CheckpointInterval));
        if (!due)
        {
            return null;
        }

        var signed = Signer.Sign(current.TakeCheckpoint());
        var note = signed.ToText();
        db.Checkpoints.Add(new AuditCheckpointRow { TreeSize = current.Size, RootHash = signed.Checkpoint.RootHash, SignedAt = now, Note = note });
        await db.SaveChangesAsync(ct);
        return note;
    }

    /// <summary>Runs a read against the committed tree (proofs, roots) under the writer's lock.</summary>
    public async Task<T> ReadAsync<T>(Func<AuditLog, T> read, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return read(await LoadAsync(scope.ServiceProvider.GetRequiredService<AuditDb>(), ct));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The tree as committed: the one in memory when its size is the stored one (seq is gapless, so the highest seq + 1,
    /// an index seek), else rebuilt from the stored nodes.
    /// </summary>
    private async Task<AuditLog> LoadAsync(AuditDb db, CancellationToken ct)
    {
        var committed = (await db.Entries.MaxAsync(e => (long?)e.Seq, ct) ?? -1) + 1;
        if (log is not null && store is not null && store.LeafCount == committed)
        {
            return log;
        }

        // Rebuild from the committed nodes (about 2n hashes held in memory).
        store = new MemoryMerkleNodeStore();
        await foreach (var node in db.Nodes.AsNoTracking().OrderBy(n => n.Level).ThenBy(n => n.Index).AsAsyncEnumerable().WithCancellation(ct))
        {
            store.AddNode(node.Level, node.Index, node.Hash);
        }

        log = new AuditLog(Options.Origin, Options.HashAlgorithm, store, clock);
        if (log.Size != committed)
        {
            throw new InvalidOperationException($"audit tree holds {log.Size} leaves but the highest stored seq is {committed - 1}");
        }

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

    /// <summary>Times one write transaction, from begin to its disposal (declared after it, so disposed first: commit or rollback is done by then).</summary>
    private sealed class Held(AuditWriter writer) : IAsyncDisposable
    {
        private readonly long start = System.Diagnostics.Stopwatch.GetTimestamp();
        private long entries;

        public void Committed(int count) => entries = count;

        public ValueTask DisposeAsync()
        {
            Interlocked.Add(ref writer.lockedTicks, System.Diagnostics.Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref writer.lockedTransactions);
            Interlocked.Add(ref writer.lockedEntries, entries);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Passes nodes to the in-memory tree and remembers them so they are inserted with the entries.</summary>
    private sealed class RecordingStore(MemoryMerkleNodeStore inner) : IMerkleNodeStore
    {
        public List<(int Level, long Index, byte[] Hash)> Added { get; } = [];

        public long LeafCount => inner.LeafCount;

        public byte[] GetNode(int level, long index) => inner.GetNode(level, index);

        public void AddNode(int level, long index, byte[] hash)
        {
            inner.AddNode(level, index, hash);
            Added.Add((level, index, hash));
        }
    }
}
