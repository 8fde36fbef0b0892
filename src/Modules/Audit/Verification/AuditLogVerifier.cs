using System.Security.Cryptography;
using System.Text;
using Qingshan.Audit.Checkpoints;
using Qingshan.Audit.Entries;
using Qingshan.Audit.Export;
using Qingshan.Audit.Hashing;
using Qingshan.Audit.Merkle;
using Qingshan.Kernel;

namespace Qingshan.Audit.Verification;

/// <summary>What a successful verification established.</summary>
/// <param name="EntryCount">Entries in the export.</param>
/// <param name="AttestedSize">The largest signed checkpoint size; every entry below it is covered by a signature.</param>
/// <param name="RootHash">Root recomputed over all <paramref name="EntryCount"/> entries.</param>
public sealed record VerifiedLog(long EntryCount, long AttestedSize, byte[] RootHash, IReadOnlyList<Checkpoint> Checkpoints)
{
    /// <summary>
    /// Entries after the newest checkpoint: internally consistent, but no signature covers them yet,
    /// so a forged tail would look the same. Verify again once the next checkpoint is published.
    /// </summary>
    public long UnattestedEntries => EntryCount - AttestedSize;
}

/// <summary>
/// The outside auditor's check (B4): given an export, published signed checkpoints and only the log's
/// public key, it verifies every signature, that the checkpoints describe one append-only log, and that
/// the export reproduces each signed root. It stops at the FIRST finding by seq and names it:
/// <list type="bullet">
/// <item>an entry whose bytes no longer hash to its stored leaf hash → <c>audit.log.entry_altered</c>;</item>
/// <item>an entry re-hashed after editing: the next entry's chained previous hash no longer matches → <c>audit.log.chain_broken</c> at the edited seq;</item>
/// <item>a gap in seq → <c>audit.log.entry_missing</c>; a row that belongs later → <c>audit.log.reordered</c>;
/// a row that is not on the chain while its successor is → <c>audit.log.entry_inserted</c>;</item>
/// <item>fewer entries than a signed checkpoint covers → <c>audit.log.truncated</c>;</item>
/// <item>a consistent rewrite of every entry from some seq on (chain and leaves recomputed) can only be seen
/// through the signed roots → <c>audit.log.rewritten</c>, located to the window between two checkpoints, which
/// is why checkpoints are taken often (every 1000 entries or 60 s).</item>
/// </list>
/// Memory is O(log n) plus one look-ahead line; time is one pass.
/// </summary>
public sealed class AuditLogVerifier
{
    private readonly CheckpointKey key;
    private readonly string? expectedOrigin;

    public AuditLogVerifier(CheckpointKey key, string? expectedOrigin = null)
    {
        this.key = key ?? throw new ArgumentNullException(nameof(key));
        this.expectedOrigin = expectedOrigin;
    }

    /// <summary>The CLI <c>verify</c> entry point: a JSON-lines export and signed checkpoint notes.</summary>
    public Result<VerifiedLog> Verify(TextReader export, IEnumerable<string> signedCheckpoints)
    {
        ArgumentNullException.ThrowIfNull(signedCheckpoints);
        var parsed = new List<SignedCheckpoint>();
        foreach (var text in signedCheckpoints)
        {
            var checkpoint = SignedCheckpoint.Parse(text);
            if (checkpoint.IsFailure)
            {
                return checkpoint.Error!;
            }

            parsed.Add(checkpoint.Value);
        }

        return Verify(AuditExport.Read(export), parsed);
    }

    /// <summary>The same, with the checkpoints as one published file of notes (see <see cref="SignedCheckpoint.ParseMany"/>).</summary>
    public Result<VerifiedLog> VerifyExport(TextReader export, string publishedCheckpoints)
    {
        var notes = SignedCheckpoint.ParseMany(publishedCheckpoints);
        return notes.IsFailure ? notes.Error! : Verify(AuditExport.Read(export), notes.Value);
    }

    public Result<VerifiedLog> Verify(IEnumerable<AuditRecord> records, IEnumerable<SignedCheckpoint> signedCheckpoints)
    {
        ArgumentNullException.ThrowIfNull(records);
        return Verify(records.Select(r => Result<AuditRecord>.Success(r)), signedCheckpoints);
    }

    public Result<VerifiedLog> Verify(IEnumerable<Result<AuditRecord>> records, IEnumerable<SignedCheckpoint> signedCheckpoints)
    {
        ArgumentNullException.ThrowIfNull(records);
        var trusted = TrustedCheckpoints(signedCheckpoints);
        if (trusted.IsFailure)
        {
            return trusted.Error!;
        }

        var checkpoints = trusted.Value;
        var hasher = TreeHasher.For(checkpoints[0].HashAlgorithm);
        using var rows = new Lookahead(records.GetEnumerator());
        var range = new CompactRange(hasher);
        var prevLeaf = new byte[hasher.Size];
        byte[]? prevPrevLeaf = null;
        var next = 0;
        long lastMatched = 0;
        while (checkpoints.Count > next && checkpoints[next].TreeSize == 0)
        {
            if (!checkpoints[next].RootHash.AsSpan().SequenceEqual(hasher.EmptyRoot()))
            {
                return AuditErrors.Inconsistent(0, 0);
            }

            next++;
        }

        for (long p = 0; rows.MoveNext(); p++)
        {
            var inspected = Inspect(p, rows.Current, prevLeaf, prevPrevLeaf, lastMatched, rows, hasher);
            if (inspected.IsFailure)
            {
                return inspected.Error!;
            }

            var leaf = inspected.Value;
            range.Append(leaf);
            prevPrevLeaf = prevLeaf;
            prevLeaf = leaf;
            while (next < checkpoints.Count && checkpoints[next].TreeSize == p + 1)
            {
                if (!FixedEquals(range.RootHash(), checkpoints[next].RootHash))
                {
                    // The window's last row may have been edited and re-hashed, or be a forged insertion: the next
                    // row's chain can still name it exactly. Anything it points to beyond the window is not the cause.
                    if (rows.MoveNext())
                    {
                        var after = Inspect(p + 1, rows.Current, prevLeaf, prevPrevLeaf, lastMatched, rows, hasher);
                        if (after.IsFailure && AuditErrors.SeqOf(after.Error!) is { } seq && seq <= p)
                        {
                            return after.Error!;
                        }
                    }

                    return AuditErrors.Rewritten(lastMatched, p, p + 1);
                }

                lastMatched = p + 1;
                next++;
            }
        }

        if (next < checkpoints.Count)
        {
            return AuditErrors.Truncated(range.Size, checkpoints[^1].TreeSize);
        }

        return new VerifiedLog(range.Size, checkpoints[^1].TreeSize, range.RootHash(), checkpoints);
    }

    /// <summary>The zh-CN summary the CLI prints; exit non-zero whenever <paramref name="outcome"/> is a failure.</summary>
    public static string Report(Result<VerifiedLog> outcome)
    {
        if (outcome.IsFailure)
        {
            return $"审计日志核验失败 [{outcome.Error!.Code}]：{AuditErrors.Describe(outcome.Error)}";
        }

        var log = outcome.Value;
        var text = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"审计日志核验通过：共 {log.EntryCount} 条，{log.Checkpoints.Count} 个已签名检查点覆盖前 {log.AttestedSize} 条，树根 {Convert.ToHexStringLower(log.RootHash)}。");
        return log.UnattestedEntries == 0
            ? text
            : text + string.Create(System.Globalization.CultureInfo.InvariantCulture, $"另有 {log.UnattestedEntries} 条尚无检查点覆盖，请在下一个检查点发布后复核。");
    }

    /// <summary>
    /// Witness check (T11d): both notes are signed by the log key and <paramref name="proof"/> shows
    /// the older tree is a prefix of the newer one. Two different roots for one size are a fork.
    /// </summary>
    public Result<Checkpoint> VerifyConsistency(SignedCheckpoint older, SignedCheckpoint newer, ConsistencyProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var trusted = TrustedCheckpoints([older, newer]);
        if (trusted.IsFailure)
        {
            return trusted.Error!;
        }

        var (a, b) = (older.Checkpoint, newer.Checkpoint);
        var hasher = TreeHasher.For(a.HashAlgorithm);
        var consistent = a.TreeSize == 0
            ? b.TreeSize >= 0 && a.RootHash.AsSpan().SequenceEqual(hasher.EmptyRoot())
            : proof.Size1 == a.TreeSize && proof.Size2 == b.TreeSize
              && MerkleProofs.VerifyConsistency(hasher, a.TreeSize, b.TreeSize, proof.Hashes, a.RootHash, b.RootHash);
        return consistent ? b : AuditErrors.Inconsistent(a.TreeSize, b.TreeSize);
    }

    /// <summary>B4 step 2: one entry, its audit path and a signed checkpoint; nothing else of the log needed.</summary>
    public Result VerifyInclusion(AuditRecord record, InclusionProof proof, SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(proof);
        var trusted = TrustedCheckpoints([checkpoint]);
        if (trusted.IsFailure)
        {
            return trusted.Error!;
        }

        var head = checkpoint.Checkpoint;
        var hasher = TreeHasher.For(head.HashAlgorithm);
        var leaf = LeafOf(record.Entry, hasher);
        var ok = leaf is not null
            && proof.LeafIndex == record.Entry.Seq
            && proof.TreeSize == head.TreeSize
            && MerkleProofs.VerifyInclusion(hasher, proof.LeafIndex, proof.TreeSize, leaf, proof.Hashes, head.RootHash);
        return ok ? Result.Success() : AuditErrors.InclusionFailed(record.Entry.Seq);
    }

    /// <summary>Signatures, one origin, one hash function, no two roots for one size; sorted by size.</summary>
    private Result<List<Checkpoint>> TrustedCheckpoints(IEnumerable<SignedCheckpoint> signedCheckpoints)
    {
        ArgumentNullException.ThrowIfNull(signedCheckpoints);
        var checkpoints = new List<Checkpoint>();
        foreach (var signed in signedCheckpoints)
        {
            var verified = key.Verify(signed);
            if (verified.IsFailure)
            {
                return verified.Error!;
            }

            checkpoints.Add(verified.Value);
        }

        if (checkpoints.Count == 0)
        {
            return AuditErrors.NoCheckpoint();
        }

        var origin = expectedOrigin ?? checkpoints[0].Origin;
        foreach (var c in checkpoints)
        {
            if (!string.Equals(c.Origin, origin, StringComparison.Ordinal))
            {
                return AuditErrors.WrongOrigin(c.Origin, origin);
            }

            if (c.HashAlgorithm != checkpoints[0].HashAlgorithm)
            {
                return AuditErrors.HashAlgorithmMismatch(TreeHasher.NameOf(checkpoints[0].HashAlgorithm), TreeHasher.NameOf(c.HashAlgorithm));
            }
        }

        checkpoints.Sort((x, y) => x.TreeSize.CompareTo(y.TreeSize));
        for (var i = 1; i < checkpoints.Count; i++)
        {
            if (checkpoints[i].TreeSize == checkpoints[i - 1].TreeSize && !FixedEquals(checkpoints[i].RootHash, checkpoints[i - 1].RootHash))
            {
                return AuditErrors.Inconsistent(checkpoints[i - 1].TreeSize, checkpoints[i].TreeSize);
            }
        }

        return checkpoints;
    }

    /// <summary>Checks the row at position <paramref name="p"/>; its leaf hash when sound, else the located finding.</summary>
    private static Result<byte[]> Inspect(
        long p, Result<AuditRecord> row, byte[] prevLeaf, byte[]? prevPrevLeaf, long attested, Lookahead rows, TreeHasher hasher)
    {
        if (row.IsFailure)
        {
            return row.Error!;
        }

        var record = row.Value;
        var leaf = LeafOf(record.Entry, hasher);
        if (leaf is null)
        {
            return AuditErrors.MalformedEntry(p + 1, "条目无法编码");
        }

        var seqOk = record.Entry.Seq == p;
        var leafOk = FixedEquals(leaf, record.LeafHash);
        var chainOk = FixedEquals(record.Entry.PreviousHash, prevLeaf);
        return seqOk && leafOk && chainOk
            ? leaf
            : Locate(p, record, leafOk, seqOk, chainOk, prevLeaf, prevPrevLeaf, attested, rows, hasher);
    }

    /// <summary>Names the first anomaly at position <paramref name="p"/>, using the chain and one row of look-ahead.</summary>
    private static Error Locate(
        long p, AuditRecord record, bool leafOk, bool seqOk, bool chainOk,
        byte[] prevLeaf, byte[]? prevPrevLeaf, long attested, Lookahead rows, TreeHasher hasher)
    {
        var seq = record.Entry.Seq;

        // The previous row passed every check, yet this row is the previous seq again and hangs on the
        // entry before it: the previous row was a forged insertion, unless a signed root already vouches for it.
        if (!seqOk && p >= 1 && seq == p - 1 && leafOk && prevPrevLeaf is not null && p - 1 >= attested
            && FixedEquals(record.Entry.PreviousHash, prevPrevLeaf))
        {
            return AuditErrors.EntryInserted(p - 1, p - 1);
        }

        // The next row is the genuine entry p (right seq, sound leaf, chained to p−1): this row does not belong here.
        if (rows.Peek() is { IsSuccess: true } peeked)
        {
            var n = peeked.Value;
            var nLeaf = LeafOf(n.Entry, hasher);
            if (n.Entry.Seq == p && nLeaf is not null && FixedEquals(nLeaf, n.LeafHash) && FixedEquals(n.Entry.PreviousHash, prevLeaf))
            {
                // Two adjacent entries swapped: this row is p+1 and chains onto the real p.
                return seq == p + 1 && leafOk && FixedEquals(record.Entry.PreviousHash, nLeaf)
                    ? AuditErrors.Reordered(p, seq)
                    : AuditErrors.EntryInserted(p, seq);
            }
        }

        if (!seqOk)
        {
            if (chainOk)
            {
                return AuditErrors.EntryAltered(p);
            }

            if (seq < p)
            {
                return AuditErrors.EntryInserted(p, seq);
            }

            while (rows.MoveNext())
            {
                if (rows.Current is { IsSuccess: true } later && later.Value.Entry.Seq == p)
                {
                    return AuditErrors.Reordered(p, seq);
                }
            }

            return AuditErrors.EntryMissing(p);
        }

        if (!leafOk || p == 0)
        {
            return AuditErrors.EntryAltered(p);
        }

        return AuditErrors.ChainBroken(p - 1);
    }

    private static byte[]? LeafOf(AuditEntry entry, TreeHasher hasher)
    {
        try
        {
            return hasher.HashLeaf(AuditEntryEncoding.Encode(entry));
        }
        catch (Exception e) when (e is ArgumentException or EncoderFallbackException)
        {
            return null;
        }
    }

    private static bool FixedEquals(byte[] a, byte[] b) => a.Length == b.Length && CryptographicOperations.FixedTimeEquals(a, b);

    private sealed class Lookahead(IEnumerator<Result<AuditRecord>> inner) : IDisposable
    {
        private bool hasPeeked;
        private bool peekedExists;

        public Result<AuditRecord> Current { get; private set; }

        public bool MoveNext()
        {
            if (hasPeeked)
            {
                hasPeeked = false;
                if (!peekedExists)
                {
                    return false;
                }

                Current = inner.Current;
                return true;
            }

            if (!inner.MoveNext())
            {
                return false;
            }

            Current = inner.Current;
            return true;
        }

        public Result<AuditRecord>? Peek()
        {
            if (!hasPeeked)
            {
                hasPeeked = true;
                peekedExists = inner.MoveNext();
            }

            return peekedExists ? inner.Current : (Result<AuditRecord>?)null;
        }

        public void Dispose() => inner.Dispose();
    }
}
