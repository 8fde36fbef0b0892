using Microsoft.EntityFrameworkCore;
using Qingshan.Audit.Entries;

namespace Qingshan.Audit.Store;

public sealed record CheckpointRow(long TreeSize, string RootHashHex, DateTimeOffset SignedAt, string Note);

public sealed record AuditEntryView(long Seq, DateTimeOffset Timestamp, string Actor, string Region, string EventType, string ObjectId, string Payload, string LeafHashHex);

/// <summary>Reads of the audit log: published checkpoints (public), the export an auditor verifies, an object's history.</summary>
public sealed class AuditQueries(AuditDb db, AuditWriter writer)
{
    public Task<List<CheckpointRow>> CheckpointsAsync(int take = 50, CancellationToken ct = default) =>
        db.Checkpoints.OrderByDescending(c => c.TreeSize).Take(take)
            .Select(c => new CheckpointRow(c.TreeSize, Convert.ToHexStringLower(c.RootHash), c.SignedAt, c.Note)).ToListAsync(ct);

    /// <summary>All published notes, oldest first, separated as <c>SignedCheckpoint.ParseMany</c> reads them.</summary>
    public async Task<string> PublishedNotesAsync(CancellationToken ct = default)
    {
        var notes = await db.Checkpoints.OrderBy(c => c.TreeSize).Select(c => c.Note).ToListAsync(ct);
        return string.Concat(notes.Select(n => n.EndsWith('\n') ? n + "\n" : n + "\n\n"));
    }

    public string PublicKeyPem => writer.Signer.Key.PublicKey.ToPem();

    public string KeyName => writer.Signer.Key.Name;

    public string Origin => writer.Options.Origin;

    /// <summary>Every entry in seq order, as stored.</summary>
    public async IAsyncEnumerable<AuditRecord> RecordsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var r in db.Entries.AsNoTracking().OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return new AuditRecord(new AuditEntry(r.Seq, r.Timestamp, r.Actor, r.Region, r.EventType, r.ObjectId, r.Payload, r.PreviousHash), r.LeafHash);
        }
    }

    public Task<List<AuditEntryView>> HistoryAsync(string objectId, CancellationToken ct = default) =>
        db.Entries.Where(e => e.ObjectId == objectId).OrderBy(e => e.Seq)
            .Select(e => new AuditEntryView(e.Seq, e.Timestamp, e.Actor, e.Region, e.EventType, e.ObjectId, e.Payload, Convert.ToHexStringLower(e.LeafHash))).ToListAsync(ct);

    public Task<List<AuditEntryView>> RecentAsync(int take = 100, CancellationToken ct = default) =>
        db.Entries.OrderByDescending(e => e.Seq).Take(take)
            .Select(e => new AuditEntryView(e.Seq, e.Timestamp, e.Actor, e.Region, e.EventType, e.ObjectId, e.Payload, Convert.ToHexStringLower(e.LeafHash))).ToListAsync(ct);

    public Task<InclusionProof> ProveInclusionAsync(long seq, long treeSize, CancellationToken ct = default) =>
        writer.ReadAsync(log => log.ProveInclusion(seq, treeSize), ct);

    public Task<ConsistencyProof> ProveConsistencyAsync(long size1, long size2, CancellationToken ct = default) =>
        writer.ReadAsync(log => log.ProveConsistency(size1, size2), ct);

    public Task<long> SizeAsync(CancellationToken ct = default) => writer.ReadAsync(log => log.Size, ct);
}
