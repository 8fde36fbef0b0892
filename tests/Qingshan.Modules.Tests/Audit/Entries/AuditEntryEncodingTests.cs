using Qingshan.Audit.Entries;

namespace Qingshan.Tests.Audit;

public sealed class AuditEntryEncodingTests
{
    private static AuditEntry Sample() => new(
        5,
        new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero).AddTicks(10),
        "u:42",
        "330106",
        "trading.bid.placed",
        "listing:7",
        "{\"amountFen\":12000,\"note\":\"加价\"}",
        Enumerable.Repeat((byte)0xAB, 32).ToArray());

    [Fact]
    public void The_canonical_encoding_is_the_documented_byte_layout()
    {
        var expected =
            // 2026-11-26T08:00:00Z is 1795680000 s after the epoch; + 1 µs.
            "01" + "0000000000000005" + "000661295487c001"
            + "00000004" + "753a3432"
            + "00000006" + "333330313036"
            + "00000012" + Convert.ToHexStringLower("trading.bid.placed"u8)
            + "00000009" + Convert.ToHexStringLower("listing:7"u8)
            + "00000023" + Convert.ToHexStringLower("{\"amountFen\":12000,\"note\":\"加价\"}"u8)
            + "20" + string.Concat(Enumerable.Repeat("ab", 32));

        Assert.Equal(expected, Convert.ToHexStringLower(AuditEntryEncoding.Encode(Sample())));
    }

    [Fact]
    public void Moving_a_byte_between_adjacent_fields_changes_the_encoding()
    {
        var a = Sample() with { Actor = "u:4", Region = "2330106" };
        Assert.NotEqual(AuditEntryEncoding.Encode(Sample()), AuditEntryEncoding.Encode(a));
    }

    [Fact]
    public void A_timestamp_that_would_not_survive_a_database_round_trip_is_a_bug()
    {
        Assert.Throws<ArgumentException>(() => AuditEntryEncoding.Encode(Sample() with { Timestamp = Sample().Timestamp.AddTicks(1) }));
        Assert.Throws<ArgumentException>(() => AuditEntryEncoding.Encode(Sample() with { Timestamp = Sample().Timestamp.ToOffset(TimeSpan.FromHours(8)) }));
    }

    [Fact]
    public void A_string_with_a_lone_surrogate_cannot_be_encoded()
    {
        Assert.Throws<System.Text.EncoderFallbackException>(() => AuditEntryEncoding.Encode(Sample() with { Actor = "\ud800" }));
    }

    [Fact]
    public void Canonical_json_sorts_members_drops_whitespace_and_keeps_number_tokens()
    {
        var a = CanonicalJson.Canonicalize("{ \"b\": 1.50, \"a\": [true, null, {\"z\":\"\\u52a0\", \"y\": 2}] }");
        var b = CanonicalJson.Canonicalize("{\"a\":[true,null,{\"y\":2,\"z\":\"加\"}],\"b\":1.50}");

        Assert.Equal("{\"a\":[true,null,{\"y\":2,\"z\":\"加\"}],\"b\":1.50}", a);
        Assert.Equal(a, b);
        Assert.Equal(a, CanonicalJson.Canonicalize(a));
    }

    [Fact]
    public void Canonical_json_refuses_duplicate_member_names()
    {
        Assert.Throws<ArgumentException>(() => CanonicalJson.Canonicalize("{\"a\":1,\"a\":2}"));
    }
}
