using System.Security.Cryptography;
using Qingshan.Audit.Hashing;

namespace Qingshan.Audit.Merkle;

/// <summary>
/// Proof verification exactly as RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency).
/// Everything an attacker controls is an argument, so each check returns false rather than throwing.
/// Policy, matching current transparency-dev/merkle: a consistency proof needs 0 &lt; size1 ≤ size2,
/// and for size1 = size2 the proof must be empty and the roots equal.
/// </summary>
public static class MerkleProofs
{
    public static bool VerifyInclusion(
        TreeHasher hasher, long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> rootHash)
    {
        var computed = RootFromInclusionProof(hasher, leafIndex, treeSize, leafHash, proof);
        return computed is not null && CryptographicOperations.FixedTimeEquals(computed, rootHash);
    }

    /// <summary>The root an inclusion proof implies, or null when the proof has the wrong shape.</summary>
    public static byte[]? RootFromInclusionProof(
        TreeHasher hasher, long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(proof);
        if (leafIndex < 0 || leafIndex >= treeSize || leafHash.Length != hasher.Size || !AllHashSized(hasher, proof))
        {
            return null;
        }

        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = hasher.HashChildren(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = hasher.HashChildren(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? r : null;
    }

    public static bool VerifyConsistency(
        TreeHasher hasher, long size1, long size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(proof);
        if (size1 <= 0 || size1 > size2)
        {
            return false;
        }

        if (size1 == size2)
        {
            return proof.Count == 0 && root1.SequenceEqual(root2);
        }

        if (proof.Count == 0 || !AllHashSized(hasher, proof))
        {
            return false;
        }

        // Step 2: when size1 is a power of two the old root is itself a node of the new tree.
        var path = new List<byte[]>(proof.Count + 1);
        if (MerkleMath.IsPowerOfTwo(size1))
        {
            path.Add(root1.ToArray());
        }

        path.AddRange(proof);

        var fn = size1 - 1;
        var sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = hasher.HashChildren(c, fr);
                sr = hasher.HashChildren(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = hasher.HashChildren(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0
            && CryptographicOperations.FixedTimeEquals(fr, root1)
            && CryptographicOperations.FixedTimeEquals(sr, root2);
    }

    private static bool AllHashSized(TreeHasher hasher, IReadOnlyList<byte[]> proof)
    {
        foreach (var p in proof)
        {
            if (p is null || p.Length != hasher.Size)
            {
                return false;
            }
        }

        return true;
    }
}
