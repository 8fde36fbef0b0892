using System.Buffers.Binary;
using System.Text;

namespace Qingshan.Audit.Entries;

/// <summary>
/// The canonical bytes of an <see cref="AuditEntry"/>: the Merkle leaf data. Version 1 layout, all
/// integers big-endian, every variable field length-prefixed so the encoding is injective:
/// <code>
/// u8   version = 0x01
/// u64  seq
/// i64  timestamp, microseconds since 1970-01-01T00:00:00Z
/// u32+ actor        (length, then UTF-8 bytes)
/// u32+ region
/// u32+ event type
/// u32+ object id
/// u32+ payload      (canonical JSON text)
/// u8+  previous hash (length, then bytes)
/// </code>
/// Strings must be valid Unicode (no lone surrogates); a timestamp with a non-zero offset or a
/// sub-microsecond part is a caller bug and throws, because it would not survive a database round trip.
/// </summary>
public static class AuditEntryEncoding
{
    public const byte Version = 0x01;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Encode(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentOutOfRangeException.ThrowIfNegative(entry.Seq);
        ArgumentNullException.ThrowIfNull(entry.PreviousHash);
        if (entry.PreviousHash.Length > byte.MaxValue)
        {
            throw new ArgumentException("previous hash is too long", nameof(entry));
        }

        var micros = ToUnixMicroseconds(entry.Timestamp);
        string[] fields = [entry.Actor, entry.Region, entry.EventType, entry.ObjectId, entry.Payload];
        var encoded = new byte[fields.Length][];
        var length = 1 + 8 + 8 + 1 + entry.PreviousHash.Length;
        for (var i = 0; i < fields.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(fields[i], nameof(entry));
            encoded[i] = StrictUtf8.GetBytes(fields[i]);
            length += 4 + encoded[i].Length;
        }

        var buffer = new byte[length];
        var span = buffer.AsSpan();
        span[0] = Version;
        BinaryPrimitives.WriteUInt64BigEndian(span[1..], (ulong)entry.Seq);
        BinaryPrimitives.WriteInt64BigEndian(span[9..], micros);
        var offset = 17;
        foreach (var field in encoded)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[offset..], (uint)field.Length);
            field.CopyTo(span[(offset + 4)..]);
            offset += 4 + field.Length;
        }

        span[offset] = (byte)entry.PreviousHash.Length;
        entry.PreviousHash.CopyTo(span[(offset + 1)..]);
        return buffer;
    }

    /// <summary>Microseconds since the Unix epoch; throws unless the value is UTC and whole microseconds.</summary>
    public static long ToUnixMicroseconds(DateTimeOffset timestamp)
    {
        if (timestamp.Offset != TimeSpan.Zero)
        {
            throw new ArgumentException("audit timestamps are UTC (offset zero)", nameof(timestamp));
        }

        var ticks = timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        if (ticks % TimeSpan.TicksPerMicrosecond != 0)
        {
            throw new ArgumentException("audit timestamps have whole microseconds", nameof(timestamp));
        }

        return ticks / TimeSpan.TicksPerMicrosecond;
    }

    /// <summary>Drops sub-microsecond ticks and converts to UTC: what the log stores.</summary>
    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset timestamp)
    {
        var utc = timestamp.ToUniversalTime();
        return new DateTimeOffset(utc.UtcTicks - (utc.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
