using Qingshan.Audit.Hashing;

namespace Qingshan.Audit.Merkle;

/// <summary>
/// An append-only RFC 6962 Merkle tree over an <see cref="IMerkleNodeStore"/>. Appending writes the
/// leaf and the O(log n) parents it completes; roots and proofs for any earlier size are computed from
/// stored complete subtrees (RFC 9162 §2.1.3.1 PATH and §2.1.4.1 SUBPROOF). Not thread-safe: a log has
/// one writer, serialised by the caller.
/// </summary>
public sealed class MerkleLog
{
    private readonly IMerkleNodeStore store;

    public MerkleLog(TreeHasher hasher, IMerkleNodeStore store)
    {
        Hasher = hasher ?? throw new ArgumentNullException(nameof(hasher));
        this.store = store ?? throw new ArgumentNullException(nameof(store));
    }

    public TreeHasher Hasher { get; }

    public long Size => store.LeafCount;

    /// <summary>Builds an in-memory log over precomputed leaf hashes in O(n).</summary>
    public static MerkleLog FromLeafHashes(TreeHasher hasher, IEnumerable<byte[]> leafHashes)
    {
        var log = new MerkleLog(hasher, new MemoryMerkleNodeStore());
        foreach (var leaf in leafHashes)
        {
            log.AppendLeafHash(leaf);
        }

        return log;
    }

    /// <summary>Appends a leaf whose hash is already H(0x00 ‖ entry); returns its 0-based index.</summary>
    public long AppendLeafHash(byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        if (leafHash.Length != Hasher.Size)
        {
            throw new ArgumentException($"a leaf hash has {Hasher.Size} bytes", nameof(leafHash));
        }

        var index = store.LeafCount;
        store.AddNode(0, index, leafHash);
        var hash = leafHash;
        var level = 0;
        for (var i = index; (i & 1) == 1; i >>= 1)
        {
            hash = Hasher.HashChildren(store.GetNode(level, i - 1), hash);
            level++;
            store.AddNode(level, i >> 1, hash);
        }

        return index;
    }

    /// <summary>Appends raw entry bytes, hashing them as a leaf; returns the index.</summary>
    public long AppendEntry(ReadOnlySpan<byte> entry) => AppendLeafHash(Hasher.HashLeaf(entry));

    public byte[] LeafHash(long index)
    {
        CheckSize(index + 1, nameof(index));
        return store.GetNode(0, index);
    }

    /// <summary>MTH(D[0:size]); the current root when <paramref name="size"/> is omitted.</summary>
    public byte[] RootHash(long? size = null)
    {
        var n = size ?? Size;
        CheckSize(n, nameof(size));
        return n == 0 ? Hasher.EmptyRoot() : RangeHash(0, n);
    }

    /// <summary>The audit path for leaf <paramref name="index"/> in the tree of <paramref name="treeSize"/> leaves, leaf-side first.</summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long treeSize)
    {
        CheckSize(treeSize, nameof(treeSize));
        if (index < 0 || index >= treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "the leaf must lie inside the tree");
        }

        // PATH(m, D[n]) recursion unrolled top-down; the RFC lists siblings bottom-up, hence the reverse.
        var proof = new List<byte[]>(MerkleMath.CeilLog2(treeSize));
        long begin = 0, end = treeSize;
        while (end - begin > 1)
        {
            var k = MerkleMath.SplitPoint(end - begin);
            if (index < begin + k)
            {
                proof.Add(RangeHash(begin + k, end));
                end = begin + k;
            }
            else
            {
                proof.Add(RangeHash(begin, begin + k));
                begin += k;
            }
        }

        proof.Reverse();
        return proof;
    }

    /// <summary>PROOF(m, D[n]) of RFC 9162 §2.1.4.1 for 0 &lt; m ≤ n; empty when m = n.</summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long size1, long size2)
    {
        CheckSize(size2, nameof(size2));
        if (size1 <= 0 || size1 > size2)
        {
            throw new ArgumentOutOfRangeException(nameof(size1), size1, "consistency needs 0 < size1 ≤ size2");
        }

        var proof = new List<byte[]>();
        long begin = 0, end = size2, m = size1;
        var isOriginalTree = true;
        while (true)
        {
            var n = end - begin;
            if (m == n)
            {
                if (!isOriginalTree)
                {
                    proof.Add(RangeHash(begin, end));
                }

                break;
            }

            var k = MerkleMath.SplitPoint(n);
            if (m <= k)
            {
                proof.Add(RangeHash(begin + k, end));
                end = begin + k;
            }
            else
            {
                proof.Add(RangeHash(begin, begin + k));
                begin += k;
                m -= k;
                isOriginalTree = false;
            }
        }

        proof.Reverse();
        return proof;
    }

    /// <summary>MTH(D[begin:end]) from stored complete subtrees, splitting as RFC 6962 does.</summary>
    private byte[] RangeHash(long begin, long end)
    {
        var n = end - begin;
        if (MerkleMath.IsPowerOfTwo(n) && begin % n == 0)
        {
            return store.GetNode(MerkleMath.CeilLog2(n), begin / n);
        }

        var k = MerkleMath.SplitPoint(n);
        return Hasher.HashChildren(RangeHash(begin, begin + k), RangeHash(begin + k, end));
    }

    private void CheckSize(long size, string name)
    {
        if (size < 0 || size > Size)
        {
            throw new ArgumentOutOfRangeException(name, size, $"the log has {Size} leaves");
        }
    }
}
