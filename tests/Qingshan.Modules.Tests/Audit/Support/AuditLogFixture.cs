using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Qingshan.Audit;
using Qingshan.Audit.Checkpoints;
using Qingshan.Audit.Entries;
using Qingshan.Audit.Hashing;
using Qingshan.Audit.Merkle;

namespace Qingshan.Tests.Audit;

/// <summary>A signed SM3 log built once per test class: entries, its writer, and checkpoints every <c>interval</c> entries.</summary>
public sealed class AuditLogFixture
{
    public const string Origin = "qingshan.example.cn/audit";
    public const int Size = 2000;
    public const int Interval = 200;

    public AuditLogFixture()
    {
        Signer = new CheckpointSigner("qingshan-audit", Sm2PrivateKey.Generate());
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
        Log = new AuditLog(Origin, LogHashAlgorithm.Sm3, new MemoryMerkleNodeStore(), Clock);
        var random = new Random(2026);
        var records = new List<AuditRecord>();
        var checkpoints = new List<SignedCheckpoint>();
        for (var i = 0; i < Size; i++)
        {
            Clock.Advance(TimeSpan.FromTicks(random.Next(1, 50_000_000)));
            records.Add(Log.Append(MakeEvent(random, i)));
            if (Log.Size % Interval == 0)
            {
                checkpoints.Add(Signer.Sign(Log.TakeCheckpoint()));
            }
        }

        Records = records;
        Checkpoints = checkpoints;
    }

    public CheckpointSigner Signer { get; }

    public FakeTimeProvider Clock { get; }

    public AuditLog Log { get; }

    public IReadOnlyList<AuditRecord> Records { get; }

    public IReadOnlyList<SignedCheckpoint> Checkpoints { get; }

    public static AuditEvent MakeEvent(Random random, int i) => new(
        $"u:{random.Next(1, 40)}",
        random.Next(2) == 0 ? "330106" : "620102",
        random.Next(3) switch { 0 => "trading.bid.placed", 1 => "registry.plot.registered", _ => "distribution.plan.approved" },
        $"obj:{random.Next(10_000)}",
        string.Create(CultureInfo.InvariantCulture, $"{{\"i\":{i},\"amountFen\":{random.Next(1_000_000)},\"note\":\"水土保持 第{i}条\"}}"));
}
