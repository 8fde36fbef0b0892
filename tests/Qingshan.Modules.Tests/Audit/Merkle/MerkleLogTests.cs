using Qingshan.Audit.Hashing;
using Qingshan.Audit.Merkle;

namespace Qingshan.Tests.Audit;

public sealed class MerkleLogTests
{
    public static TheoryData<bool> BothHashes => [false, true];

    [Theory]
    [MemberData(nameof(BothHashes))]
    public void Roots_and_proofs_agree_with_an_independent_recursive_implementation_on_random_trees(bool sm3)
    {
        var random = new Random(sm3 ? 3232 : 6962);
        var hasher = sm3 ? TreeHasher.Sm3 : TreeHasher.Sha256;
        for (var round = 0; round < 40; round++)
        {
            var n = round < 10 ? round : random.Next(10, 140);
            var leaves = Enumerable.Range(0, n).Select(_ => RandomBytes(random)).ToList();
            var log = new MerkleLog(hasher, new MemoryMerkleNodeStore());
            leaves.ForEach(l => log.AppendEntry(l));

            for (var size = 0; size <= n; size++)
            {
                var prefix = leaves.Take(size).ToList();
                var root = ReferenceMerkle.Mth(sm3, prefix);
                Assert.Equal(root, log.RootHash(size));
                if (size == 0)
                {
                    continue;
                }

                var index = random.Next(size);
                var path = ReferenceMerkle.Path(sm3, index, prefix);
                Assert.Equal(path, log.InclusionProof(index, size));
                Assert.True(MerkleProofs.VerifyInclusion(hasher, index, size, hasher.HashLeaf(leaves[index]), path, root));

                var m = random.Next(1, size + 1);
                var consistency = ReferenceMerkle.Proof(sm3, m, prefix);
                Assert.Equal(consistency, log.ConsistencyProof(m, size));
                Assert.True(MerkleProofs.VerifyConsistency(hasher, m, size, consistency, ReferenceMerkle.Mth(sm3, leaves.Take(m).ToList()), root));
            }
        }
    }

    [Fact]
    public void Compact_range_root_equals_the_stored_tree_root_at_every_size()
    {
        var random = new Random(7);
        var range = new CompactRange(TreeHasher.Sm3);
        var log = new MerkleLog(TreeHasher.Sm3, new MemoryMerkleNodeStore());
        Assert.Equal(TreeHasher.Sm3.EmptyRoot(), range.RootHash());
        for (var i = 0; i < 600; i++)
        {
            var leaf = TreeHasher.Sm3.HashLeaf(RandomBytes(random));
            range.Append(leaf);
            log.AppendLeafHash(leaf);
            Assert.Equal(log.RootHash(), range.RootHash());
        }
    }

    [Fact]
    public void Inclusion_proofs_have_at_most_ceil_log2_n_hashes_and_consistency_proofs_at_most_twice_that()
    {
        var log = MerkleLog.FromLeafHashes(TreeHasher.Sha256, Enumerable.Range(0, 1100).Select(i => TreeHasher.Sha256.HashLeaf(BitConverter.GetBytes(i))));
        var longestConsistency = 0;
        for (long n = 1; n <= 1100; n++)
        {
            var bound = CeilLog2(n);
            for (long i = 0; i < n; i += Math.Max(1, n / 40))
            {
                Assert.True(log.InclusionProof(i, n).Count <= bound, $"inclusion {i} in {n}");
            }

            for (long m = 1; m <= n; m += Math.Max(1, n / 40))
            {
                var count = log.ConsistencyProof(m, n).Count;
                longestConsistency = Math.Max(longestConsistency, count - bound);
                Assert.True(count <= 2 * bound, $"consistency {m}..{n}");
            }
        }

        // RFC 9162 consistency proofs are in fact never longer than ⌈log2 n⌉ + 1.
        Assert.True(longestConsistency <= 1);
    }

    [Fact]
    public void An_inclusion_proof_in_a_tree_of_100000_entries_has_at_most_17_hashes()
    {
        var log = MerkleLog.FromLeafHashes(TreeHasher.Sm3, Enumerable.Range(0, 100_000).Select(i => TreeHasher.Sm3.HashLeaf(BitConverter.GetBytes(i))));
        var random = new Random(17);
        for (var k = 0; k < 200; k++)
        {
            var index = random.NextInt64(100_000);
            var proof = log.InclusionProof(index, 100_000);
            Assert.True(proof.Count <= 17);
            Assert.True(MerkleProofs.VerifyInclusion(TreeHasher.Sm3, index, 100_000, log.LeafHash(index), proof, log.RootHash()));
        }
    }

    [Fact]
    public void A_flipped_bit_anywhere_in_an_inclusion_proof_is_rejected()
    {
        var log = MerkleLog.FromLeafHashes(TreeHasher.Sm3, Enumerable.Range(0, 77).Select(i => TreeHasher.Sm3.HashLeaf(BitConverter.GetBytes(i))));
        var proof = log.InclusionProof(41, 77);
        for (var h = 0; h < proof.Count; h++)
        {
            for (var bit = 0; bit < 256; bit += 37)
            {
                var tampered = proof.Select(p => (byte[])p.Clone()).ToList();
                tampered[h][bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.False(MerkleProofs.VerifyInclusion(TreeHasher.Sm3, 41, 77, log.LeafHash(41), tampered, log.RootHash()));
            }
        }
    }

    [Fact]
    public void Nodes_are_only_added_in_append_order()
    {
        var store = new MemoryMerkleNodeStore();
        Assert.Throws<InvalidOperationException>(() => store.AddNode(0, 1, new byte[32]));
    }

    private static int CeilLog2(long n)
    {
        var bits = 0;
        while ((1L << bits) < n)
        {
            bits++;
        }

        return bits;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 48)];
        random.NextBytes(bytes);
        return bytes;
    }
}
