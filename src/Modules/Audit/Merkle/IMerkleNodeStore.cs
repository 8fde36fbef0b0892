namespace Qingshan.Audit.Merkle;

/// <summary>
/// Where a log keeps the hashes of its complete (perfect) subtrees: node (level, index) covers leaves
/// [index·2^level, (index+1)·2^level). Level 0 holds the leaf hashes. This is the persistence seam:
/// the database implementation is one append-only table (level, index, hash) written in the same
/// transaction as the audit row. With it, roots and proofs for any size cost O(log n) reads.
/// </summary>
public interface IMerkleNodeStore
{
    /// <summary>Number of level-0 nodes (leaves) stored.</summary>
    long LeafCount { get; }

    /// <summary>The hash of a complete subtree that has been stored; asking for any other node is a bug and throws.</summary>
    byte[] GetNode(int level, long index);

    /// <summary>Stores a node. Nodes arrive in append order: a leaf, then the parents it completes.</summary>
    void AddNode(int level, long index, byte[] hash);
}

/// <summary>An <see cref="IMerkleNodeStore"/> in memory: about 2n hashes for n leaves.</summary>
public sealed class MemoryMerkleNodeStore : IMerkleNodeStore
{
    private readonly List<List<byte[]>> levels = [];

    public long LeafCount => levels.Count == 0 ? 0 : levels[0].Count;

    public byte[] GetNode(int level, long index)
    {
        if (level < 0 || level >= levels.Count || index < 0 || index >= levels[level].Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"node ({level}, {index}) is not stored");
        }

        return levels[level][(int)index];
    }

    public void AddNode(int level, long index, byte[] hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        while (levels.Count <= level)
        {
            levels.Add([]);
        }

        if (index != levels[level].Count)
        {
            throw new InvalidOperationException($"node ({level}, {index}) added out of order; expected index {levels[level].Count}");
        }

        levels[level].Add(hash);
    }
}
