using System.Text.Json.Nodes;
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
}

/// <summary>
/// The single writer of the audit log. It moves outbox messages (written with each state change) into the log
/// exactly once — the entry, its Merkle nodes and the outbox row's dispatch mark commit together — and signs
/// checkpoints. One instance per process; across processes the database lock serialises writers.
/// </summary>
public sealed class AuditWriter(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private AuditLog? log;
    private MemoryMerkleNodeStore? store;
    private CheckpointSigner? signer;

    public AuditOptions Options => options.Value;

    public CheckpointSigner Signer => signer ??= new CheckpointSigner(Options.KeyName, LoadOrCreateKey());

    /// <summary>Appends every undispatched outbox message; returns how many were logged.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            var n = await DispatchBatchAsync(200, ct);
            total += n;
            if (n < 200)
            {
                break;
            }
        }

        await CheckpointIfDueAsync(force: false, ct);
        return total;
    }

    private async Task<int> DispatchBatchAsync(int batch, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuditDb>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await DbLocks.AcquireAsync(db, "audit.log", ct);
            var pending = await db.Outbox.Where(m => m.DispatchedAt == null).OrderBy(m => m.Id).Take(batch).ToListAsync(ct);
            if (pending.Count == 0)
            {
                return 0;
            }

            await LoadAsync(db, ct);
            var recording = new RecordingStore(store!);
            var writer = new AuditLog(Options.Origin, Options.HashAlgorithm, recording, clock);
            try
            {
                var now = clock.GetUtcNow();
                foreach (var message in pending)
                {
                    var record = writer.Append(new AuditEvent(
                        message.ActorName.Length > 0 ? message.ActorName : message.ActorId,
                        message.RegionCode ?? "",
                        message.Module + "." + message.EventType,
                        message.ObjectId,
                        Payload(message)));
                    db.Entries.Add(new AuditEntryRow
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
                    message.DispatchedAt = now;
                }

                foreach (var (level, index, hash) in recording.Added)
                {
                    db.Nodes.Add(new AuditNodeRow { Level = level, Index = index, Hash = hash });
                }

                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                log = writer;
                return pending.Count;
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
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await DbLocks.AcquireAsync(db, "audit.log", ct);
            var current = await LoadAsync(db, ct);
            if (current.Size == 0)
            {
                return null;
            }

            var last = await db.Checkpoints.OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(ct);
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
            await tx.CommitAsync(ct);
            return note;
        }
        finally
        {
            gate.Release();
        }
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

    private async Task<AuditLog> LoadAsync(AuditDb db, CancellationToken ct)
    {
        var committed = await db.Entries.LongCountAsync(ct);
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
            throw new InvalidOperationException($"audit tree holds {log.Size} leaves but {committed} entries are stored");
        }

        return log;
    }

    /// <summary>The module's payload, wrapped with where and when the change happened (as JSON, canonicalised by the log).</summary>
    private static string Payload(OutboxMessage message)
    {
        JsonNode? data;
        try
        {
            data = JsonNode.Parse(message.Payload);
        }
        catch (System.Text.Json.JsonException)
        {
            data = JsonValue.Create(message.Payload);
        }

        var wrapper = new JsonObject
        {
            ["module"] = message.Module,
            ["occurredAt"] = message.OccurredAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["actorId"] = message.ActorId,
            ["ip"] = message.IpAddress,
            ["data"] = data,
        };
        return wrapper.ToJsonString();
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
