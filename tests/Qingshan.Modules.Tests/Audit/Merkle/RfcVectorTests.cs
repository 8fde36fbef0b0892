using System.Text.Json;
using Qingshan.Audit.Hashing;
using Qingshan.Audit.Merkle;

namespace Qingshan.Tests.Audit;

/// <summary>T11c: our tree code against the published RFC 6962/9162 vectors (and the derived SM3 ones).</summary>
public sealed class RfcVectorTests
{
    public static TheoryData<string> HashPrimitives => Vectors.Ids("hash_primitives");

    public static TheoryData<string> TreeHeads => Vectors.Ids("tree_heads");

    public static TheoryData<string> Inclusions => Vectors.Ids("inclusion");

    public static TheoryData<string> Consistencies => Vectors.Ids("consistency");

    public static TheoryData<string> Generations => Vectors.Ids("proof_generation");

    public static TheoryData<string> PolicyCases => Vectors.Ids("policy_cases");

    [Theory]
    [MemberData(nameof(HashPrimitives))]
    public void Leaf_node_and_empty_hashes_match_the_published_vectors(string id)
    {
        var v = Vectors.ById("hash_primitives", id);
        var hasher = Vectors.HasherOf(v);
        var actual = v.GetProperty("op").GetString() switch
        {
            "empty" => hasher.EmptyRoot(),
            "leaf" => hasher.HashLeaf(Vectors.Bytes(v.GetProperty("data"))),
            "node" => hasher.HashChildren(Vectors.Bytes(v.GetProperty("left")), Vectors.Bytes(v.GetProperty("right"))),
            var op => throw new InvalidOperationException(op),
        };

        Assert.Equal(v.GetProperty("expected").GetString(), Convert.ToHexStringLower(actual));
    }

    [Theory]
    [MemberData(nameof(TreeHeads))]
    public void Tree_head_at_every_size_matches_the_published_root(string id)
    {
        var v = Vectors.ById("tree_heads", id);
        var hasher = Vectors.HasherOf(v);
        var leaves = v.GetProperty("leaves_hex").EnumerateArray().Select(Vectors.Bytes).ToArray();
        var store = new MemoryMerkleNodeStore();
        var log = new MerkleLog(hasher, store);
        foreach (var leaf in leaves)
        {
            log.AppendEntry(leaf);
        }

        foreach (var root in v.GetProperty("roots").EnumerateObject())
        {
            Assert.Equal(root.Value.GetString(), Convert.ToHexStringLower(log.RootHash(long.Parse(root.Name))));
        }

        if (v.TryGetProperty("subtrees", out var subtrees))
        {
            foreach (var node in subtrees.EnumerateArray())
            {
                var stored = store.GetNode(node.GetProperty("level").GetInt32(), node.GetProperty("index").GetInt64());
                Assert.Equal(node.GetProperty("hash").GetString(), Convert.ToHexStringLower(stored));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Inclusions))]
    public void Inclusion_proof_verdict_matches_the_reference_verifier(string id)
    {
        var v = Vectors.ById("inclusion", id);
        var hasher = Vectors.HasherOf(v);
        var leafHash = v.TryGetProperty("leaf_hash", out var lh)
            ? Vectors.Bytes(lh)
            : hasher.HashLeaf(Vectors.Bytes(v.GetProperty("leaf_data")));

        var ok = MerkleProofs.VerifyInclusion(
            hasher,
            Vectors.Int(v.GetProperty("leaf_index")),
            Vectors.Int(v.GetProperty("tree_size")),
            leafHash,
            Vectors.HashList(v.GetProperty("proof")),
            Vectors.Bytes(v.GetProperty("root")));

        Assert.Equal(v.GetProperty("expect_valid").GetBoolean(), ok);
    }

    [Theory]
    [MemberData(nameof(Consistencies))]
    public void Consistency_proof_verdict_matches_the_reference_verifier(string id) =>
        Assert.Equal(Vectors.ById("consistency", id).GetProperty("expect_valid").GetBoolean(), VerifyConsistency(Vectors.ById("consistency", id)));

    [Theory]
    [MemberData(nameof(PolicyCases))]
    public void Consistency_from_an_empty_tree_or_with_a_bogus_proof_is_rejected_as_RFC_9162_requires(string id)
    {
        var v = Vectors.ById("policy_cases", id);
        Assert.False(v.GetProperty("expect_valid").GetBoolean());
        Assert.False(VerifyConsistency(v));
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public void Generated_proofs_equal_the_published_proofs_hash_for_hash(string id)
    {
        var v = Vectors.ById("proof_generation", id);
        var hasher = Vectors.HasherOf(v);
        var log = new MerkleLog(hasher, new MemoryMerkleNodeStore());
        foreach (var leaf in v.GetProperty("leaves_hex").EnumerateArray())
        {
            log.AppendEntry(Vectors.Bytes(leaf));
        }

        var proof = v.GetProperty("kind").GetString() == "inclusion"
            ? log.InclusionProof(Vectors.Int(v.GetProperty("leaf_index")), Vectors.Int(v.GetProperty("tree_size")))
            : log.ConsistencyProof(Vectors.Int(v.GetProperty("size1")), Vectors.Int(v.GetProperty("size2")));

        Assert.Equal(
            v.GetProperty("proof").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            proof.Select(Convert.ToHexStringLower).ToArray());
    }

    [Fact]
    public void The_vector_file_holds_the_expected_number_of_cases()
    {
        var counts = Vectors.Root.GetProperty("counts");
        foreach (var section in counts.EnumerateObject())
        {
            Assert.Equal(section.Value.GetInt32(), Vectors.Section(section.Name).Count());
        }
    }

    private static bool VerifyConsistency(JsonElement v) =>
        MerkleProofs.VerifyConsistency(
            Vectors.HasherOf(v),
            Vectors.Int(v.GetProperty("size1")),
            Vectors.Int(v.GetProperty("size2")),
            Vectors.HashList(v.GetProperty("proof")),
            Vectors.Bytes(v.GetProperty("root1")),
            Vectors.Bytes(v.GetProperty("root2")));
}
