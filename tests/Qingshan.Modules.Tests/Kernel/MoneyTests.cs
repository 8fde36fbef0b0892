using Qingshan.Kernel;

namespace Qingshan.Tests.Kernel;

public sealed class MoneyTests
{
    [Fact]
    public void Allocation_by_largest_remainder_adds_up_to_the_fen()
    {
        var parts = new Money(100_001).Allocate([80, 20]);
        Assert.Equal(100_001, parts.Sum(p => p.Fen));
        Assert.Equal(80_001, parts[0].Fen);
        Assert.Equal(20_000, parts[1].Fen);

        var thirds = new Money(100).Allocate([1, 1, 1]);
        Assert.Equal([34L, 33L, 33L], thirds.Select(p => p.Fen));
    }

    [Fact]
    public void Yuan_with_more_than_two_decimals_is_refused_rather_than_rounded()
    {
        Assert.Throws<ArgumentException>(() => Money.FromYuan(1.005m));
        Assert.False(Money.TryParseYuan("1.005", out _));
        Assert.True(Money.TryParseYuan("12,345.67", out var m));
        Assert.Equal(1_234_567, m.Fen);
    }

    [Theory]
    [InlineData(1_000_000, "壹万元整")]
    [InlineData(100_530, "壹仟零伍元叁角")]
    [InlineData(12_345_67, "壹万贰仟叁佰肆拾伍元陆角柒分")]
    [InlineData(1_000_000_005, "壹仟万元零伍分")]
    [InlineData(10_000_100_000, "壹亿零壹仟元整")]
    public void Chinese_capital_amount_is_written_as_on_contracts(long fen, string expected)
    {
        Assert.Equal(expected, new Money(fen).ToChineseCapital());
    }
}
