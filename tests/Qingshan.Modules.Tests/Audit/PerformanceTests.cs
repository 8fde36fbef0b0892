using System.Diagnostics;
using Qingshan.Audit.Checkpoints;
using Qingshan.Audit.Entries;
using Qingshan.Audit.Hashing;
using Qingshan.Audit.Merkle;

namespace Qingshan.Tests.Audit;

/// <summary>T11b speed targets, with the measured figures written to the test output.</summary>
public sealed class PerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void A_full_recompute_of_one_million_SM3_entries_takes_well_under_60_seconds()
    {
        var entry = new AuditEntry(0, DateTimeOffset.UnixEpoch, "u:1", "330106", "trading.bid.placed", "listing:1",
            "{\"amountFen\":120000,\"note\":\"一百万条审计记录的全量重算\"}", new byte[32]);
        var hasher = TreeHasher.Sm3;
        var clock = Stopwatch.StartNew();
        var range = new CompactRange(hasher);
        var prev = new byte[32];
        for (var i = 0; i < 1_000_000; i++)
        {
            prev = hasher.HashLeaf(AuditEntryEncoding.Encode(entry with { Seq = i, PreviousHash = prev }));
            range.Append(prev);
        }

        var root = range.RootHash();
        clock.Stop();
        output.WriteLine($"1M SM3 entries encoded, hashed and folded in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(32, root.Length);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Verifying_one_inclusion_proof_in_a_100000_entry_log_takes_under_5_ms()
    {
        var log = MerkleLog.FromLeafHashes(TreeHasher.Sm3, Enumerable.Range(0, 100_000).Select(i => TreeHasher.Sm3.HashLeaf(BitConverter.GetBytes(i))));
        var root = log.RootHash();
        var proof = log.InclusionProof(12_345, log.Size);
        Assert.True(MerkleProofs.VerifyInclusion(TreeHasher.Sm3, 12_345, log.Size, log.LeafHash(12_345), proof, root));

        const int rounds = 200;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            Assert.True(MerkleProofs.VerifyInclusion(TreeHasher.Sm3, 12_345, log.Size, log.LeafHash(12_345), proof, root));
        }

        var each = clock.Elapsed / rounds;
        output.WriteLine($"inclusion check: {each.TotalMilliseconds:F3} ms");
        Assert.True(each < TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public void Checking_a_checkpoint_signature_takes_a_few_milliseconds_and_is_done_once_per_checkpoint()
    {
        var signer = new CheckpointSigner("k", Sm2PrivateKey.Generate());
        var note = signer.Sign(new Checkpoint("o", 1, new byte[32], DateTimeOffset.UnixEpoch, LogHashAlgorithm.Sm3)).ToText();
        Assert.True(signer.Key.Verify(note).IsSuccess);

        const int rounds = 20;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            Assert.True(signer.Key.Verify(note).IsSuccess);
        }

        var each = clock.Elapsed / rounds;
        // BouncyCastle's SM2 verify measured about 9 ms on the 2-core CI machine; the bound leaves room for noise.
        output.WriteLine($"SM2 checkpoint signature check: {each.TotalMilliseconds:F2} ms");
        Assert.True(each < TimeSpan.FromMilliseconds(100));
    }
}
