using System.Text;
using Qingshan.Audit;
using Qingshan.Audit.Checkpoints;
using Qingshan.Audit.Hashing;

namespace Qingshan.Tests.Audit;

public sealed class CheckpointTests
{
    private static readonly Sm2PrivateKey LogKey = Sm2PrivateKey.Generate();

    private static Checkpoint Head(long size = 1234) =>
        new("qingshan.example.cn/audit", size, TreeHasher.Sm3.Digest(Encoding.UTF8.GetBytes("root")),
            new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), LogHashAlgorithm.Sm3);

    [Fact]
    public void An_SM2_signature_verifies_with_only_the_public_key()
    {
        var message = "审计日志检查点"u8.ToArray();
        var signature = LogKey.Sign(message);
        var publicOnly = Sm2PublicKey.FromHex(LogKey.PublicKey.ToHex());
        Assert.True(publicOnly.Verify(message, signature));
    }

    [Fact]
    public void Flipping_any_single_bit_of_the_message_or_the_signature_is_rejected()
    {
        var message = Encoding.UTF8.GetBytes(Head().ToBody());
        var signature = LogKey.Sign(message);
        for (var bit = 0; bit < message.Length * 8; bit += 7)
        {
            var tampered = (byte[])message.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(LogKey.PublicKey.Verify(tampered, signature));
        }

        for (var bit = 0; bit < signature.Length * 8; bit++)
        {
            var tampered = (byte[])signature.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(LogKey.PublicKey.Verify(message, tampered));
        }
    }

    [Fact]
    public void A_signature_by_another_key_is_rejected()
    {
        var message = "x"u8.ToArray();
        Assert.False(Sm2PrivateKey.Generate().PublicKey.Verify(message, LogKey.Sign(message)));
    }

    [Fact]
    public void Keys_round_trip_through_PEM_and_hex()
    {
        var fromPem = Sm2PrivateKey.FromPem(LogKey.ToPem());
        var fromHex = Sm2PrivateKey.FromHex(LogKey.ToHex());
        Assert.Equal(LogKey.ToHex(), fromPem.ToHex());
        Assert.Equal(LogKey.PublicKey.ToHex(), fromHex.PublicKey.ToHex());
        Assert.Equal(LogKey.PublicKey.ToHex(), Sm2PublicKey.FromPem(LogKey.PublicKey.ToPem()).ToHex());
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", LogKey.ToPem());
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", LogKey.PublicKey.ToPem());
        Assert.Equal(130, LogKey.PublicKey.ToHex().Length);
        Assert.Equal(64, LogKey.ToHex().Length);

        var message = "互通"u8.ToArray();
        Assert.True(Sm2PublicKey.FromPem(LogKey.PublicKey.ToPem()).Verify(message, fromPem.Sign(message)));
    }

    // A throwaway key made with `openssl genpkey -algorithm SM2` (OpenSSL 3.0.19) for this test only, and
    // its signature of Message from `openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678`.
    private const string OpenSslPrivatePem = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQgkcWlAXOfkEdN56Er
        cjEPm9OT5K0lP6aVQ14Jr5k0el6hRANCAASP1KAwtqW+8q71blEiAqkJSqwJZJ5g
        FIrqauhOuLLrO4wPqBQ3WtbrjXWkVxyLe1PVHhYPKy7GhgPiqg+SK0Sc
        -----END PRIVATE KEY-----
        """;

    private const string OpenSslPublicPem = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAEj9SgMLalvvKu9W5RIgKpCUqsCWSe
        YBSK6mroTriy6zuMD6gUN1rW6411pFcci3tT1R4WDysuxoYD4qoPkitEnA==
        -----END PUBLIC KEY-----
        """;

    private const string OpenSslSignatureHex =
        "304502202572e1418b84d485091b7ddd6be7f4a37086a0b1b2c1258d3ec90baaeb2ff0a50221008188cf5e6feb641c44dcd9c80e27a562639776e99ac686b30b82e24a8a99cbc4";

    private const string OpenSslMessage = "qingshan.example.cn/audit\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

    [Fact]
    public void Keys_and_signatures_made_by_OpenSSL_are_accepted()
    {
        var publicKey = Sm2PublicKey.FromPem(OpenSslPublicPem);
        var privateKey = Sm2PrivateKey.FromPem(OpenSslPrivatePem);
        var message = Encoding.UTF8.GetBytes(OpenSslMessage);

        Assert.True(publicKey.Verify(message, Convert.FromHexString(OpenSslSignatureHex)));
        Assert.Equal(publicKey.ToHex(), privateKey.PublicKey.ToHex());
        Assert.True(publicKey.Verify(message, privateKey.Sign(message)));
        Assert.False(publicKey.Verify(Encoding.UTF8.GetBytes(OpenSslMessage.Replace("\n1\n", "\n2\n", StringComparison.Ordinal)), Convert.FromHexString(OpenSslSignatureHex)));
    }

    [Fact]
    public void A_public_key_that_is_not_a_point_on_sm2p256v1_is_refused()
    {
        var bytes = LogKey.PublicKey.ToBytes();
        bytes[^1] ^= 1;
        Assert.Throws<FormatException>(() => Sm2PublicKey.FromBytes(bytes));
        Assert.Throws<FormatException>(() => Sm2PrivateKey.FromHex(new string('0', 64)));
    }

    [Fact]
    public void A_signed_checkpoint_round_trips_through_its_note_text_and_verifies()
    {
        var signer = new CheckpointSigner("qingshan-audit", LogKey);
        var text = signer.Sign(Head()).ToText();
        var verifier = new CheckpointKey("qingshan-audit", Sm2PublicKey.FromPem(LogKey.PublicKey.ToPem()));

        var verified = verifier.Verify(text);

        Assert.True(verified.IsSuccess, verified.Error?.ToString());
        Assert.Equal(Head().ToBody(), verified.Value.ToBody());
        Assert.Equal(1234, verified.Value.TreeSize);
        Assert.StartsWith("qingshan.example.cn/audit\n1234\n", text);
        Assert.Contains("\ntime 2026-11-26T08:00:00.123456Z\nhash sm3\n\n\u2014 qingshan-audit ", text);
    }

    [Fact]
    public void A_checkpoint_with_any_body_character_changed_fails_its_signature()
    {
        var signer = new CheckpointSigner("qingshan-audit", LogKey);
        var signed = signer.Sign(Head());
        var forged = signed.ToText().Replace("\n1234\n", "\n1235\n", StringComparison.Ordinal);

        var result = signer.Key.Verify(forged);

        Assert.Equal(AuditErrors.BadSignatureCode, result.Error?.Code);
    }

    [Fact]
    public void A_checkpoint_signed_by_an_unknown_key_is_refused()
    {
        var stranger = new CheckpointSigner("qingshan-audit", Sm2PrivateKey.Generate());
        var result = new CheckpointKey("qingshan-audit", LogKey.PublicKey).Verify(stranger.Sign(Head()).ToText());
        Assert.Equal(AuditErrors.UnknownKeyCode, result.Error?.Code);
    }

    [Fact]
    public void A_witness_cosignature_leaves_the_log_signature_valid()
    {
        var log = new CheckpointSigner("qingshan-audit", LogKey);
        var witness = new CheckpointSigner("finance-witness", Sm2PrivateKey.Generate());
        var cosigned = witness.CoSign(log.Sign(Head()));
        var text = cosigned.ToText();

        Assert.True(log.Key.Verify(text).IsSuccess);
        Assert.True(witness.Key.Verify(text).IsSuccess);
    }

    [Theory]
    [InlineData("origin\n01\nAAAA\ntime x\nhash sm3\n")]
    [InlineData("origin\n12\n")]
    [InlineData("")]
    [InlineData("a b\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\ntime 2026-11-26T08:00:00.000000Z\nhash sm3\n")]
    [InlineData("o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\ntime 2026-11-26T08:00:00.000000Z\nhash md5\n")]
    public void A_checkpoint_body_that_is_not_in_canonical_form_is_malformed(string body) =>
        Assert.Equal(AuditErrors.MalformedCheckpointCode, Checkpoint.ParseBody(body).Error?.Code);
}
