using Microsoft.Extensions.Time.Testing;
using Qingshan.Audit;
using Qingshan.Audit.Checkpoints;
using Qingshan.Audit.Entries;
using Qingshan.Audit.Export;
using Qingshan.Audit.Hashing;
using Qingshan.Audit.Merkle;
using Qingshan.Audit.Verification;

namespace Qingshan.Tests.Audit;

public sealed class AuditLogTests(AuditLogFixture fixture) : IClassFixture<AuditLogFixture>
{
    private AuditLogVerifier Verifier => new(fixture.Signer.Key, AuditLogFixture.Origin);

    [Fact]
    public void Appending_assigns_gapless_seq_utc_microsecond_time_and_chains_to_the_previous_leaf()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 16, 0, 0, TimeSpan.FromHours(8)).AddTicks(7));
        var log = new AuditLog("o", LogHashAlgorithm.Sm3, new MemoryMerkleNodeStore(), clock);

        var first = log.Append(new AuditEvent("u:1", "330106", "registry.plot.registered", "plot:1", "{ \"b\": 2, \"a\": 1 }"));
        var second = log.Append(new AuditEvent("u:1", "330106", "registry.plot.registered", "plot:2", "{}"));

        Assert.Equal([0L, 1L], [first.Entry.Seq, second.Entry.Seq]);
        Assert.Equal(new byte[32], first.Entry.PreviousHash);
        Assert.Equal(first.LeafHash, second.Entry.PreviousHash);
        Assert.Equal(TimeSpan.Zero, first.Entry.Timestamp.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), first.Entry.Timestamp);
        Assert.Equal("{\"a\":1,\"b\":2}", first.Entry.Payload);
        Assert.Equal(TreeHasher.Sm3.HashLeaf(AuditEntryEncoding.Encode(first.Entry)), first.LeafHash);
        Assert.Equal(2, log.Size);
    }

    [Fact]
    public void A_payload_that_is_not_json_is_a_bug_in_the_calling_module()
    {
        var log = new AuditLog("o", LogHashAlgorithm.Sm3, new MemoryMerkleNodeStore(), TimeProvider.System);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => log.Append(new AuditEvent("u", "", "t", "x", "{oops")));
        Assert.Equal(0, log.Size);
    }

    [Fact]
    public void The_writer_root_equals_the_root_recomputed_from_the_stored_leaf_hashes()
    {
        var rebuilt = MerkleLog.FromLeafHashes(TreeHasher.Sm3, fixture.Records.Select(r => r.LeafHash));
        Assert.Equal(fixture.Log.RootHash(), rebuilt.RootHash());
        Assert.Equal(fixture.Log.RootHash(1000), rebuilt.RootHash(1000));
    }

    [Fact]
    public void An_inclusion_proof_served_by_the_log_verifies_against_a_signed_checkpoint_with_only_the_public_key()
    {
        var checkpoint = fixture.Checkpoints[^1];
        var record = fixture.Records[1234];
        var proof = fixture.Log.ProveInclusion(1234, checkpoint.Checkpoint.TreeSize);

        Assert.True(Verifier.VerifyInclusion(record, proof, checkpoint).IsSuccess);
        Assert.True(proof.Hashes.Count <= 11);

        var altered = record with { Entry = record.Entry with { Payload = "{}" } };
        Assert.Equal(AuditErrors.InclusionFailedCode, Verifier.VerifyInclusion(altered, proof, checkpoint).Error?.Code);
    }

    [Fact]
    public void A_witness_accepts_a_newer_checkpoint_only_with_a_valid_consistency_proof()
    {
        var older = fixture.Checkpoints[2];
        var newer = fixture.Checkpoints[7];
        var proof = fixture.Log.ProveConsistency(older.Checkpoint.TreeSize, newer.Checkpoint.TreeSize);

        Assert.True(Verifier.VerifyConsistency(older, newer, proof).IsSuccess);

        var bent = proof with { Hashes = [.. proof.Hashes.Select((h, i) => i == 0 ? TreeHasher.Sm3.Digest(h) : h)] };
        Assert.Equal(AuditErrors.InconsistentCode, Verifier.VerifyConsistency(older, newer, bent).Error?.Code);
    }

    [Fact]
    public void Two_signed_roots_for_one_size_are_a_fork_the_verifier_reports()
    {
        var honest = fixture.Checkpoints[4];
        var fork = fixture.Signer.Sign(honest.Checkpoint with { RootHash = TreeHasher.Sm3.Digest(honest.Checkpoint.RootHash) });

        var result = Verifier.Verify(fixture.Records, [honest, fork]);

        Assert.Equal(AuditErrors.InconsistentCode, result.Error?.Code);
    }

    [Fact]
    public void A_signed_root_that_does_not_extend_the_earlier_checkpoint_fails_the_witness_check()
    {
        // The log signs a head for a different history of the same length as the real one at 1600.
        var clock = new FakeTimeProvider(fixture.Clock.GetUtcNow());
        var other = new AuditLog(AuditLogFixture.Origin, LogHashAlgorithm.Sm3, new MemoryMerkleNodeStore(), clock);
        var random = new Random(1);
        for (var i = 0; i < 1600; i++)
        {
            other.Append(AuditLogFixture.MakeEvent(random, i));
        }

        var forked = fixture.Signer.Sign(other.TakeCheckpoint());
        var proof = other.ProveConsistency(800, 1600);

        Assert.Equal(AuditErrors.InconsistentCode, Verifier.VerifyConsistency(fixture.Checkpoints[3], forked, proof).Error?.Code);
    }

    [Fact]
    public void Checkpoints_from_another_log_are_refused()
    {
        var stranger = fixture.Signer.Sign(fixture.Checkpoints[0].Checkpoint with { Origin = "elsewhere.example/audit" });
        Assert.Equal(AuditErrors.WrongOriginCode, Verifier.Verify(fixture.Records, [stranger]).Error?.Code);
    }

    [Fact]
    public void An_export_line_round_trips_byte_for_byte()
    {
        foreach (var record in fixture.Records.Take(50))
        {
            var line = AuditExport.ToLine(record);
            var back = AuditExport.ParseLine(line, 1).Value;
            Assert.Equal(record.Entry with { PreviousHash = [] }, back.Entry with { PreviousHash = [] });
            Assert.Equal(record.Entry.PreviousHash, back.Entry.PreviousHash);
            Assert.Equal(record.LeafHash, back.LeafHash);
            Assert.Equal(line, AuditExport.ToLine(back));
        }

        Assert.StartsWith("{\"seq\":0,\"time\":\"2026-11-26T", AuditExport.ToLine(fixture.Records[0]));
    }

    [Fact]
    public void A_published_file_of_several_checkpoints_parses_into_each_note()
    {
        var file = string.Join("\n", fixture.Checkpoints.Select(c => c.ToText()));

        var notes = SignedCheckpoint.ParseMany(file);

        Assert.True(notes.IsSuccess, notes.Error?.ToString());
        Assert.Equal(fixture.Checkpoints.Select(c => c.Checkpoint.TreeSize), notes.Value.Select(n => n.Checkpoint.TreeSize));
        Assert.True(Verifier.Verify(fixture.Records, notes.Value).IsSuccess);
    }

    [Fact]
    public void The_cli_report_says_in_chinese_what_was_verified_and_what_is_not_yet_covered()
    {
        var report = AuditLogVerifier.Report(Verifier.Verify(fixture.Records, fixture.Checkpoints.Take(9)));
        Assert.Contains("核验通过", report);
        Assert.Contains("另有 200 条尚无检查点覆盖", report);

        var failure = AuditLogVerifier.Report(Verifier.Verify(fixture.Records.Take(10), fixture.Checkpoints));
        Assert.Contains("[audit.log.truncated]", failure);
        Assert.Contains("第 10 号", failure);
    }
}
