using System.Globalization;
using Qingshan.Audit.Hashing;
using Qingshan.Kernel;

namespace Qingshan.Audit.Checkpoints;

/// <summary>
/// A tree head in the C2SP tlog-checkpoint text form. The signed body is, each line ending in LF:
/// <code>
/// &lt;origin&gt;                      e.g. qingshan.example.cn/audit
/// &lt;tree size, decimal&gt;
/// &lt;root hash, standard base64&gt;
/// time &lt;yyyy-MM-ddTHH:mm:ss.ffffffZ&gt;   extension line: when the head was taken (UTC)
/// hash &lt;sm3|sha256&gt;              extension line: binds the hash function to the signature
/// </code>
/// </summary>
public sealed record Checkpoint(string Origin, long TreeSize, byte[] RootHash, DateTimeOffset Timestamp, LogHashAlgorithm HashAlgorithm)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public string ToBody()
    {
        if (string.IsNullOrEmpty(Origin) || Origin.Any(char.IsWhiteSpace))
        {
            throw new InvalidOperationException("a checkpoint origin is one non-empty word");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(TreeSize);
        if (RootHash is not { Length: 32 })
        {
            throw new InvalidOperationException("a checkpoint root hash has 32 bytes");
        }

        var time = Timestamp.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Origin}\n{TreeSize}\n{Convert.ToBase64String(RootHash)}\ntime {time}\nhash {TreeHasher.NameOf(HashAlgorithm)}\n");
    }

    public static Result<Checkpoint> ParseBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.EndsWith('\n'))
        {
            return AuditErrors.MalformedCheckpoint("正文须以换行结束");
        }

        var lines = body[..^1].Split('\n');
        if (lines.Length != 5)
        {
            return AuditErrors.MalformedCheckpoint("正文须为 5 行");
        }

        var origin = lines[0];
        if (origin.Length == 0 || origin.Any(char.IsWhiteSpace))
        {
            return AuditErrors.MalformedCheckpoint("来源行无效");
        }

        if (!IsCanonicalDecimal(lines[1]) || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return AuditErrors.MalformedCheckpoint("树大小无效");
        }

        var root = new byte[64];
        if (!Convert.TryFromBase64String(lines[2], root, out var rootLength) || rootLength != 32)
        {
            return AuditErrors.MalformedCheckpoint("树根须为 32 字节的 base64");
        }

        if (!lines[3].StartsWith("time ", StringComparison.Ordinal)
            || !DateTimeOffset.TryParseExact(lines[3][5..], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return AuditErrors.MalformedCheckpoint("时间行无效");
        }

        if (!lines[4].StartsWith("hash ", StringComparison.Ordinal) || !TreeHasher.TryParseName(lines[4][5..], out var algorithm))
        {
            return AuditErrors.MalformedCheckpoint("哈希算法行无效");
        }

        var checkpoint = new Checkpoint(origin, size, root[..32], time.ToUniversalTime(), algorithm);
        // Only one spelling of a checkpoint is accepted, so two bodies never mean the same head.
        return string.Equals(checkpoint.ToBody(), body, StringComparison.Ordinal)
            ? checkpoint
            : AuditErrors.MalformedCheckpoint("正文不是规范形式");
    }

    private static bool IsCanonicalDecimal(string s) =>
        s.Length > 0 && s.Length <= 19 && s.All(char.IsAsciiDigit) && (s == "0" || s[0] != '0');
}
