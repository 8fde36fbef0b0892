using Qingshan.Audit.Hashing;

namespace Qingshan.Tests.Audit;

public sealed class Sm3Tests
{
    public static TheoryData<string> Digests => Vectors.Ids("sm3_digest");

    [Theory]
    [MemberData(nameof(Digests))]
    public void Sm3_digest_matches_GB_T_32905_and_reference_vectors(string id)
    {
        var v = Vectors.ById("sm3_digest", id);
        var digest = TreeHasher.Sm3.Digest(Vectors.Bytes(v.GetProperty("input_hex")));
        Assert.Equal(v.GetProperty("expected").GetString(), Convert.ToHexStringLower(digest));
    }
}
