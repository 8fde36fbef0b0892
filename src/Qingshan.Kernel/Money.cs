using System.Globalization;

namespace Qingshan.Kernel;

/// <summary>
/// An amount of money that changes hands, kept as a whole number of fen (0.01 yuan) so that it is exact,
/// sortable and comparable on every database. Accounted values (estimates) are not Money: they stay
/// full-precision <see cref="decimal"/> yuan.
/// </summary>
public readonly record struct Money(long Fen) : IComparable<Money>
{
    public static readonly Money Zero = new(0);

    /// <summary>From yuan; more than two decimals is a caller's mistake and throws (no silent rounding).</summary>
    public static Money FromYuan(decimal yuan)
    {
        var fen = yuan * 100m;
        if (fen != decimal.Truncate(fen))
        {
            throw new ArgumentException($"{yuan} yuan is not a whole number of fen", nameof(yuan));
        }

        return new Money(checked((long)fen));
    }

    /// <summary>Parses a yuan amount such as "12345.67" (invariant culture, at most two decimals).</summary>
    public static bool TryParseYuan(string? text, out Money money)
    {
        money = Zero;
        if (!decimal.TryParse(text?.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var yuan))
        {
            return false;
        }

        var fen = yuan * 100m;
        if (fen != decimal.Truncate(fen) || fen > long.MaxValue || fen < long.MinValue)
        {
            return false;
        }

        money = new Money((long)fen);
        return true;
    }

    public decimal Yuan => Fen / 100m;

    public bool IsNegative => Fen < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));

    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));

    public static Money operator -(Money a) => new(checked(-a.Fen));

    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;

    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;

    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;

    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary>
    /// Splits this amount into parts proportional to <paramref name="weights"/> by the largest-remainder
    /// rule: every part is a whole fen and the parts add up to this amount exactly. Ties go to the earlier weight.
    /// </summary>
    public Money[] Allocate(IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0 || weights.Any(w => w < 0) || weights.All(w => w == 0))
        {
            throw new ArgumentException("weights must be non-negative and not all zero", nameof(weights));
        }

        var total = (Int128)0;
        foreach (var w in weights)
        {
            total += w;
        }

        var parts = new long[weights.Count];
        var remainders = new Int128[weights.Count];
        long assigned = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var product = (Int128)Fen * weights[i];
            parts[i] = (long)(product / total);
            remainders[i] = product % total;
            if (remainders[i] < 0)
            {
                // Keep floor semantics for negative amounts so remainders are comparable.
                parts[i] -= 1;
                remainders[i] += total;
            }

            assigned += parts[i];
        }

        var left = Fen - assigned;
        var order = Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToArray();
        for (var k = 0; k < left; k++)
        {
            parts[order[k]] += 1;
        }

        return parts.Select(p => new Money(p)).ToArray();
    }

    /// <summary>"¥12,345.67" style display (two decimals, invariant digits).</summary>
    public override string ToString() => Yuan.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Chinese capital-number form used on contracts and certificates, e.g. 壹万贰仟叁佰肆拾伍元陆角柒分.</summary>
    public string ToChineseCapital() => ChineseAmount.Format(this);
}
