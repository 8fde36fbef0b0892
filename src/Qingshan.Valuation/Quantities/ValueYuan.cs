using System.Globalization;

namespace Qingshan.Valuation.Quantities;

/// <summary>
/// An accounted value (价值量) in 元, kept as full-precision <see cref="decimal"/>. Accounted values are estimates,
/// not money that changes hands: they are never rounded except for display (ACCOUNTING-METHOD.md 0.3), and they
/// may be negative only as a difference of two values.
/// </summary>
/// <param name="Yuan">The value in 元, full precision.</param>
public readonly record struct ValueYuan(decimal Yuan) : IComparable<ValueYuan>
{
    /// <summary>Zero 元.</summary>
    public static ValueYuan Zero => default;

    /// <summary>From 万元 (10⁴ 元), as published tables print values.</summary>
    /// <param name="tenThousandYuan">Value in 万元.</param>
    /// <returns>The value.</returns>
    public static ValueYuan FromTenThousandYuan(decimal tenThousandYuan) => new(tenThousandYuan * 10_000m);

    /// <summary>From 亿元 (10⁸ 元).</summary>
    /// <param name="hundredMillionYuan">Value in 亿元.</param>
    /// <returns>The value.</returns>
    public static ValueYuan FromHundredMillionYuan(decimal hundredMillionYuan) => new(hundredMillionYuan * 100_000_000m);

    /// <summary>The value in 万元, full precision.</summary>
    public decimal TenThousandYuan => Yuan / 10_000m;

    /// <summary>The value in 亿元, full precision.</summary>
    public decimal HundredMillionYuan => Yuan / 100_000_000m;

    /// <summary>Sum.</summary>
    /// <param name="a">First.</param>
    /// <param name="b">Second.</param>
    /// <returns>The exact decimal sum.</returns>
    public static ValueYuan operator +(ValueYuan a, ValueYuan b) => new(a.Yuan + b.Yuan);

    /// <summary>Difference.</summary>
    /// <param name="a">First.</param>
    /// <param name="b">Second.</param>
    /// <returns>The exact decimal difference.</returns>
    public static ValueYuan operator -(ValueYuan a, ValueYuan b) => new(a.Yuan - b.Yuan);

    /// <summary>Value scaled by a dimensionless factor (share, coefficient).</summary>
    /// <param name="a">The value.</param>
    /// <param name="factor">The factor.</param>
    /// <returns>The product at decimal precision.</returns>
    public static ValueYuan operator *(ValueYuan a, decimal factor) => new(a.Yuan * factor);

    /// <summary>Compares values.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is smaller.</returns>
    public static bool operator <(ValueYuan left, ValueYuan right) => left.Yuan < right.Yuan;

    /// <summary>Compares values.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is larger.</returns>
    public static bool operator >(ValueYuan left, ValueYuan right) => left.Yuan > right.Yuan;

    /// <summary>Compares values.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is not larger.</returns>
    public static bool operator <=(ValueYuan left, ValueYuan right) => left.Yuan <= right.Yuan;

    /// <summary>Compares values.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is not smaller.</returns>
    public static bool operator >=(ValueYuan left, ValueYuan right) => left.Yuan >= right.Yuan;

    /// <inheritdoc />
    public int CompareTo(ValueYuan other) => Yuan.CompareTo(other.Yuan);

    /// <summary>Display in 万元 with 2 decimals (round half away from zero), the report convention of 0.3. Display only.</summary>
    /// <returns>E.g. "638.27".</returns>
    public string ToTenThousandYuanDisplay() =>
        Math.Round(TenThousandYuan, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Display in 元 with 2 decimals (round half away from zero). Display only.</summary>
    /// <returns>E.g. "6,382,709.84 元".</returns>
    public override string ToString() =>
        Math.Round(Yuan, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", CultureInfo.InvariantCulture) + " 元";
}
