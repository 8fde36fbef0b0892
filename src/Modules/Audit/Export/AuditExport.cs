using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Qingshan.Audit.Entries;
using Qingshan.Kernel;

namespace Qingshan.Audit.Export;

/// <summary>
/// The log export: UTF-8 JSON lines, one entry per line in seq order, exactly these members:
/// <code>{"seq":0,"time":"2026-11-26T08:00:00.000000Z","actor":"…","region":"…","type":"…","object":"…","payload":"{…}","prev":"hex","leaf":"hex"}</code>
/// <c>payload</c> is the canonical JSON text as a JSON string, so it survives byte for byte;
/// <c>prev</c> and <c>leaf</c> are lower-case hex. Reading is strict: anything else is a malformed line.
/// </summary>
public static class AuditExport
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private static readonly string[] Members = ["seq", "time", "actor", "region", "type", "object", "payload", "prev", "leaf"];

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToLine(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var e = record.Entry;
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", e.Seq);
            writer.WriteString("time", e.Timestamp.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture));
            writer.WriteString("actor", e.Actor);
            writer.WriteString("region", e.Region);
            writer.WriteString("type", e.EventType);
            writer.WriteString("object", e.ObjectId);
            writer.WriteString("payload", e.Payload);
            writer.WriteString("prev", Convert.ToHexStringLower(e.PreviousHash));
            writer.WriteString("leaf", Convert.ToHexStringLower(record.LeafHash));
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static void Write(TextWriter output, IEnumerable<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            output.Write(ToLine(record));
            output.Write('\n');
        }
    }

    /// <summary>Reads lines lazily, so a verifier streams logs of any length.</summary>
    public static IEnumerable<Result<AuditRecord>> Read(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        long lineNumber = 0;
        while (input.ReadLine() is { } line)
        {
            lineNumber++;
            yield return ParseLine(line, lineNumber);
        }
    }

    // One spelling per value: upper-case hex would decode to the same bytes and hide an edited line.
    private static byte[] LowerHex(string hex) =>
        hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            ? Convert.FromHexString(hex)
            : throw new FormatException("hashes are lower-case hex");

    public static Result<AuditRecord> ParseLine(string line, long lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return AuditErrors.MalformedEntry(lineNumber, "不是 JSON 对象");
            }

            var names = root.EnumerateObject().Select(p => p.Name).ToArray();
            if (!names.SequenceEqual(Members, StringComparer.Ordinal))
            {
                return AuditErrors.MalformedEntry(lineNumber, "字段不符合导出格式");
            }

            if (!DateTimeOffset.TryParseExact(
                    root.GetProperty("time").GetString(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                return AuditErrors.MalformedEntry(lineNumber, "时间格式无效");
            }

            var entry = new AuditEntry(
                root.GetProperty("seq").GetInt64(),
                time.ToUniversalTime(),
                root.GetProperty("actor").GetString()!,
                root.GetProperty("region").GetString()!,
                root.GetProperty("type").GetString()!,
                root.GetProperty("object").GetString()!,
                root.GetProperty("payload").GetString()!,
                LowerHex(root.GetProperty("prev").GetString()!));
            return new AuditRecord(entry, LowerHex(root.GetProperty("leaf").GetString()!));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return AuditErrors.MalformedEntry(lineNumber, e.Message);
        }
    }
}
