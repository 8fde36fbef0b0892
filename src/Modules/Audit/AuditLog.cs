using Qingshan.Audit.Checkpoints;
using Qingshan.Audit.Entries;
using Qingshan.Audit.Hashing;
using Qingshan.Audit.Merkle;

namespace Qingshan.Audit;

/// <summary>An RFC 9162 audit path for the entry at <see cref="LeafIndex"/> (= seq) in the tree of <see cref="TreeSize"/> entries.</summary>
public sealed record InclusionProof(long LeafIndex, long TreeSize, IReadOnlyList<byte[]> Hashes);

/// <summary>An RFC 9162 consistency proof that the tree of <see cref="Size1"/> entries is a prefix of the tree of <see cref="Size2"/>.</summary>
public sealed record ConsistencyProof(long Size1, long Size2, IReadOnlyList<byte[]> Hashes);

/// <summary>
/// The writer side of the audit log: assigns seq and time, chains each entry to the previous leaf hash,
/// hashes it and grows the Merkle tree. Storage-agnostic: the caller persists the returned
/// <see cref="AuditRecord"/> together with the nodes this call wrote to the <see cref="IMerkleNodeStore"/>,
/// in one transaction. One writer per log: serialise <see cref="Append"/> (e.g. an advisory lock) and
/// build the instance over a store that reflects every committed row; if the transaction rolls back,
/// discard the instance (its store saw nodes that were never committed) and build a new one.
/// </summary>
public sealed class AuditLog
{
    private readonly MerkleLog tree;
    private readonly TimeProvider time;

    public AuditLog(string origin, LogHashAlgorithm algorithm, IMerkleNodeStore nodes, TimeProvider time)
    {
        if (string.IsNullOrEmpty(origin) || origin.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("the origin is one non-empty word, e.g. qingshan.example.cn/audit", nameof(origin));
        }

        Origin = origin;
        tree = new MerkleLog(TreeHasher.For(algorithm), nodes);
        this.time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public string Origin { get; }

    public TreeHasher Hasher => tree.Hasher;

    /// <summary>Number of entries; also the seq the next entry gets.</summary>
    public long Size => tree.Size;

    /// <summary>
    /// Appends one event. The payload is canonicalised (invalid JSON throws: the calling module
    /// serialised it, so that is a bug), the timestamp is the injected clock truncated to microseconds.
    /// </summary>
    public AuditRecord Append(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return AppendCanonical(auditEvent with { PayloadJson = CanonicalJson.Canonicalize(auditEvent.PayloadJson) });
    }

    /// <summary>
    /// <see cref="Append"/> for a payload that is canonical JSON already (written with <see cref="CanonicalJson.Write"/>),
    /// so it is not parsed and written a second time. Stored and hashed as given.
    /// </summary>
    internal AuditRecord AppendCanonical(AuditEvent auditEvent)
    {
        var seq = tree.Size;
        var entry = new AuditEntry(
            seq,
            AuditEntryEncoding.TruncateToMicroseconds(time.GetUtcNow()),
            auditEvent.Actor,
            auditEvent.Region,
            auditEvent.EventType,
            auditEvent.ObjectId,
            auditEvent.PayloadJson,
            seq == 0 ? new byte[Hasher.Size] : tree.LeafHash(seq - 1));
        var record = Seal(entry, Hasher);
        tree.AppendLeafHash(record.LeafHash);
        return record;
    }

    /// <summary>Leaf hash of an entry: H(0x00 ‖ canonical bytes).</summary>
    public static AuditRecord Seal(AuditEntry entry, TreeHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        return new AuditRecord(entry, hasher.HashLeaf(AuditEntryEncoding.Encode(entry)));
    }

    public byte[] RootHash(long? treeSize = null) => tree.RootHash(treeSize);

    /// <summary>The current tree head, unsigned; sign it with <see cref="CheckpointSigner"/> and publish it outside the platform.</summary>
    public Checkpoint TakeCheckpoint() =>
        new(Origin, Size, tree.RootHash(), AuditEntryEncoding.TruncateToMicroseconds(time.GetUtcNow()), Hasher.Algorithm);

    public InclusionProof ProveInclusion(long seq, long treeSize) => new(seq, treeSize, tree.InclusionProof(seq, treeSize));

    public ConsistencyProof ProveConsistency(long size1, long size2) => new(size1, size2, tree.ConsistencyProof(size1, size2));
}
