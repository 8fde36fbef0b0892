using System.Globalization;
using Qingshan.Kernel;

namespace Qingshan.Audit;

/// <summary>
/// Every finding the audit log can report, each with a stable code and its zh-CN message. The web host
/// maps codes to its resources; the verifier CLI prints <see cref="Describe"/>. Where a finding is about
/// one entry, <see cref="Error.Target"/> is "seq N" and the first argument is N.
/// </summary>
public static class AuditErrors
{
    public const string EntryAlteredCode = "audit.log.entry_altered";
    public const string ChainBrokenCode = "audit.log.chain_broken";
    public const string EntryMissingCode = "audit.log.entry_missing";
    public const string EntryInsertedCode = "audit.log.entry_inserted";
    public const string ReorderedCode = "audit.log.reordered";
    public const string TruncatedCode = "audit.log.truncated";
    public const string RewrittenCode = "audit.log.rewritten";
    public const string MalformedEntryCode = "audit.log.malformed";
    public const string HashAlgorithmMismatchCode = "audit.log.hash_algorithm_mismatch";
    public const string NoCheckpointCode = "audit.checkpoint.none";
    public const string MalformedCheckpointCode = "audit.checkpoint.malformed";
    public const string UnknownKeyCode = "audit.checkpoint.unknown_key";
    public const string BadSignatureCode = "audit.checkpoint.bad_signature";
    public const string InconsistentCode = "audit.checkpoint.inconsistent";
    public const string WrongOriginCode = "audit.checkpoint.wrong_origin";
    public const string InclusionFailedCode = "audit.proof.inclusion_failed";

    private static readonly Dictionary<string, string> ZhCn = new(StringComparer.Ordinal)
    {
        [EntryAlteredCode] = "第 {0} 号审计条目已被篡改：条目内容与其记录的叶子哈希不一致。",
        [ChainBrokenCode] = "第 {0} 号审计条目已被篡改：第 {1} 号条目记录的前序哈希与之不符（第 {0} 号条目被改动后重算了哈希，或第 {1} 号条目的前序哈希被改动）。",
        [EntryMissingCode] = "第 {0} 号审计条目缺失：该条目已被删除。",
        [EntryInsertedCode] = "第 {0} 号位置出现伪造条目：其序号 {1} 重复且不在哈希链上。",
        [ReorderedCode] = "审计条目顺序被打乱：第 {0} 号位置出现了第 {1} 号条目。",
        [TruncatedCode] = "审计日志被截断：自第 {0} 号起的条目缺失，已签名检查点覆盖 {1} 条。",
        [RewrittenCode] = "第 {0} 至 {1} 号审计条目被整体重写：重算的树根与大小为 {2} 的已签名检查点不一致。",
        [MalformedEntryCode] = "导出文件第 {0} 行无法解析：{1}",
        [HashAlgorithmMismatchCode] = "检查点使用的哈希算法不一致：{0} 与 {1}。",
        [NoCheckpointCode] = "未提供已签名的检查点，无法核验。",
        [MalformedCheckpointCode] = "检查点格式错误：{0}",
        [UnknownKeyCode] = "检查点没有密钥 {0} 的签名。",
        [BadSignatureCode] = "大小为 {0} 的检查点签名无效：检查点被篡改或并非由该密钥签发。",
        [InconsistentCode] = "检查点不一致（日志分叉）：大小为 {0} 与 {1} 的两个已签名树根不能同属一条只追加的日志。",
        [WrongOriginCode] = "检查点来源 {0} 与预期的日志 {1} 不符。",
        [InclusionFailedCode] = "第 {0} 号审计条目的包含证明无效：该条目不在已签名的树中。",
    };

    public static IReadOnlyCollection<string> Codes => ZhCn.Keys;

    /// <summary>The zh-CN message formats ({0}… are the error's arguments), for hosts that render refusals.</summary>
    public static IReadOnlyDictionary<string, string> Messages => ZhCn;

    public static Error EntryAltered(long seq) => AtSeq(new Error(EntryAlteredCode, seq), seq);

    public static Error ChainBroken(long seq) => AtSeq(new Error(ChainBrokenCode, seq, seq + 1), seq);

    public static Error EntryMissing(long seq) => AtSeq(new Error(EntryMissingCode, seq), seq);

    public static Error EntryInserted(long position, long duplicateSeq) => AtSeq(new Error(EntryInsertedCode, position, duplicateSeq), position);

    public static Error Reordered(long seq, long found) => AtSeq(new Error(ReorderedCode, seq, found), seq);

    public static Error Truncated(long firstMissingSeq, long attestedSize) =>
        AtSeq(new Error(TruncatedCode, firstMissingSeq, attestedSize), firstMissingSeq);

    public static Error Rewritten(long fromSeq, long toSeq, long checkpointSize) =>
        AtSeq(new Error(RewrittenCode, fromSeq, toSeq, checkpointSize), fromSeq);

    public static Error MalformedEntry(long lineNumber, string detail) =>
        new Error(MalformedEntryCode, lineNumber, detail).At($"line {lineNumber}");

    public static Error HashAlgorithmMismatch(string a, string b) => new(HashAlgorithmMismatchCode, a, b);

    public static Error NoCheckpoint() => new(NoCheckpointCode);

    public static Error MalformedCheckpoint(string detail) => new(MalformedCheckpointCode, detail);

    public static Error UnknownKey(string keyName) => new(UnknownKeyCode, keyName);

    public static Error BadSignature(long treeSize) => new Error(BadSignatureCode, treeSize).At($"checkpoint {treeSize}");

    public static Error Inconsistent(long size1, long size2) => new Error(InconsistentCode, size1, size2).At($"checkpoint {size1}/{size2}");

    public static Error WrongOrigin(string found, string expected) => new(WrongOriginCode, found, expected);

    public static Error InclusionFailed(long seq) => AtSeq(new Error(InclusionFailedCode, seq), seq);

    /// <summary>The zh-CN sentence for an audit error, with its arguments filled in.</summary>
    public static string Describe(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return ZhCn.TryGetValue(error.Code, out var template)
            ? string.Format(CultureInfo.InvariantCulture, template, error.Args)
            : error.Code;
    }

    /// <summary>The seq an error points at, when it points at one.</summary>
    public static long? SeqOf(Error error) =>
        error?.Target is { } target && target.StartsWith("seq ", StringComparison.Ordinal)
            ? long.Parse(target.AsSpan(4), CultureInfo.InvariantCulture)
            : null;

    private static Error AtSeq(Error error, long seq) => error.At(string.Create(CultureInfo.InvariantCulture, $"seq {seq}"));
}
