namespace Qingshan.Audit.Entries;

/// <summary>What a module asks the audit log to record. The log assigns seq, time and chain hash.</summary>
/// <param name="Actor">Who acted: a user id, or <c>system:&lt;job&gt;</c>.</param>
/// <param name="Region">Administrative division code (行政区划代码) whose data was touched; empty when none.</param>
/// <param name="EventType">Stable event name, e.g. <c>trading.bid.placed</c>.</param>
/// <param name="ObjectId">The aggregate or record the event is about.</param>
/// <param name="PayloadJson">Event body as JSON; it is canonicalised (see <see cref="CanonicalJson"/>) before hashing.</param>
public sealed record AuditEvent(string Actor, string Region, string EventType, string ObjectId, string PayloadJson);

/// <summary>
/// One entry of the log exactly as hashed. <see cref="Seq"/> is the 0-based Merkle leaf index, gapless,
/// assigned by the log (never by a database sequence, which leaves gaps on rollback).
/// <see cref="PreviousHash"/> is the leaf hash of entry Seq−1 (all zeros for seq 0): the hash chain that
/// lets a verifier point at the single row an administrator edited, even if they re-hashed it.
/// </summary>
/// <param name="Timestamp">UTC instant, whole microseconds (PostgreSQL timestamptz precision), offset zero.</param>
/// <param name="Payload">Canonical JSON text, hashed byte for byte. Store it as text, not jsonb, which rewrites it.</param>
public sealed record AuditEntry(
    long Seq,
    DateTimeOffset Timestamp,
    string Actor,
    string Region,
    string EventType,
    string ObjectId,
    string Payload,
    byte[] PreviousHash);

/// <summary>A stored row: the entry and its leaf hash H(0x00 ‖ <see cref="AuditEntryEncoding.Encode"/>(entry)).</summary>
public sealed record AuditRecord(AuditEntry Entry, byte[] LeafHash);
