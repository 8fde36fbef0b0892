using Qingshan.Audit.Hashing;

namespace Qingshan.Audit.Merkle;

/// <summary>
/// The right frontier of a growing tree: the roots of the perfect subtrees that make up the first
/// <see cref="Size"/> leaves, one per set bit of the size. Appending is amortised O(1) (O(log n) worst)
/// and the root is O(log n), so a verifier can stream a log of any length in O(log n) memory.
/// </summary>
public sealed class CompactRange
{
    private readonly TreeHasher hasher;
    private readonly List<byte[]> frontier = [];

    public CompactRange(TreeHasher hasher) => this.hasher = hasher ?? throw new ArgumentNullException(nameof(hasher));

    public long Size { get; private set; }

    public void Append(byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        var hash = leafHash;
        // Each trailing 1-bit of the old size is a perfect subtree the new leaf completes.
        for (var size = Size; (size & 1) == 1; size >>= 1)
        {
            hash = hasher.HashChildren(frontier[^1], hash);
            frontier.RemoveAt(frontier.Count - 1);
        }

        frontier.Add(hash);
        Size++;
    }

    /// <summary>MTH of the leaves appended so far: the frontier folded right to left.</summary>
    public byte[] RootHash()
    {
        if (frontier.Count == 0)
        {
            return hasher.EmptyRoot();
        }

        var root = frontier[^1];
        for (var i = frontier.Count - 2; i >= 0; i--)
        {
            root = hasher.HashChildren(frontier[i], root);
        }

        return root;
    }
}
