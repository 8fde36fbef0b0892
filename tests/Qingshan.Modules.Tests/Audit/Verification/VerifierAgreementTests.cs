using Microsoft.Extensions.Time.Testing;
using Qingshan.Audit;
using Qingshan.Audit.Checkpoints;
using Qingshan.Audit.Entries;
using Qingshan.Audit.Export;
using Qingshan.Audit.Hashing;
using Qingshan.Audit.Merkle;
using Qingshan.Audit.Verification;

namespace Qingshan.Tests.Audit;

public sealed class VerifierAgreementTests
{
    private static readonly CheckpointSigner Signer = new("qingshan-audit", Sm2PrivateKey.Generate());

    public static TheoryData<LogHashAlgorithm> Algorithms => [LogHashAlgorithm.Sm3, LogHashAlgorithm.Sha256];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void The_verifier_recomputes_the_same_root_as_the_independent_recursive_definition(LogHashAlgorithm algorithm)
    {
        var random = new Random((int)algorithm + 99);
        foreach (var size in new[] { 1, 2, 3, 7, 8, 9, 31, 64, 65, 100, 257 })
        {
            var log = new AuditLog("o", algorithm, new MemoryMerkleNodeStore(), new FakeTimeProvider());
            var records = Enumerable.Range(0, size).Select(i => log.Append(AuditLogFixture.MakeEvent(random, i))).ToList();
            var checkpoints = new[] { Signer.Sign(log.TakeCheckpoint()) };

            var verified = new AuditLogVerifier(Signer.Key).Verify(records, checkpoints);

            var reference = ReferenceMerkle.Mth(algorithm == LogHashAlgorithm.Sm3, [.. records.Select(r => AuditEntryEncoding.Encode(r.Entry))]);
            Assert.True(verified.IsSuccess, verified.Error?.ToString());
            Assert.Equal(reference, verified.Value.RootHash);
        }
    }

    [Fact]
    public void Checkpoints_that_disagree_on_the_hash_function_are_refused()
    {
        var sm3 = new AuditLog("o", LogHashAlgorithm.Sm3, new MemoryMerkleNodeStore(), new FakeTimeProvider());
        var sha = new AuditLog("o", LogHashAlgorithm.Sha256, new MemoryMerkleNodeStore(), new FakeTimeProvider());
        var record = sm3.Append(new AuditEvent("u", "", "t", "x", "{}"));
        sha.Append(new AuditEvent("u", "", "t", "x", "{}"));

        var result = new AuditLogVerifier(Signer.Key).Verify([record], [Signer.Sign(sm3.TakeCheckpoint()), Signer.Sign(sha.TakeCheckpoint())]);

        Assert.Equal(AuditErrors.HashAlgorithmMismatchCode, result.Error?.Code);
    }

    [Fact]
    public void An_empty_log_verifies_against_a_signed_empty_checkpoint()
    {
        var log = new AuditLog("o", LogHashAlgorithm.Sm3, new MemoryMerkleNodeStore(), new FakeTimeProvider());
        var result = new AuditLogVerifier(Signer.Key).Verify(Array.Empty<AuditRecord>(), [Signer.Sign(log.TakeCheckpoint())]);
        Assert.True(result.IsSuccess);
        Assert.Equal(TreeHasher.Sm3.EmptyRoot(), result.Value.RootHash);
    }

    [Fact]
    public void A_published_checkpoint_file_and_an_export_verify_through_the_file_entry_point()
    {
        var log = new AuditLog("o", LogHashAlgorithm.Sm3, new MemoryMerkleNodeStore(), new FakeTimeProvider());
        var random = new Random(5);
        var records = new List<AuditRecord>();
        var published = new System.Text.StringBuilder();
        for (var i = 0; i < 30; i++)
        {
            records.Add(log.Append(AuditLogFixture.MakeEvent(random, i)));
            if (i % 10 == 9)
            {
                published.Append(Signer.Sign(log.TakeCheckpoint()).ToText()).Append('\n');
            }
        }

        var export = new StringWriter();
        AuditExport.Write(export, records);

        var result = new AuditLogVerifier(Signer.Key, "o").VerifyExport(new StringReader(export.ToString()), published.ToString());

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(3, result.Value.Checkpoints.Count);
    }
}
