using System.Numerics;

namespace Qingshan.Valuation.Allocation;

/// <summary>
/// Splits a decimal total into parts proportional to weights so that the parts add up to the total exactly, in
/// <see cref="decimal"/> arithmetic, bit for bit (ACCOUNTING-METHOD.md 6.5: Σ plots must equal the watershed total).
/// </summary>
/// <remarks>
/// <para>The rule (largest remainder on a decimal grid):</para>
/// <list type="number">
/// <item>Choose the grid 10^−s: s is the larger of the total's own scale and <c>minimumScale</c> (default 10, i.e. 10⁻¹⁰ 元),
/// lowered towards the total's scale only if the total would not fit in decimal's 96-bit mantissa at that grid.</item>
/// <item>Write the total as U grid units and each weight as an integer w_i at a common scale (exact, with BigInteger).</item>
/// <item>Each part gets floor(U × w_i / Σw) units; the U − Σ floor units left over (fewer than the number of parts) go one
/// each to the parts with the largest remainders (U × w_i mod Σw); ties go to the earlier part.</item>
/// <item>A negative total is split as its absolute value and every part negated.</item>
/// </list>
/// <para>Every part is a multiple of 10^−s below 2⁹⁶ units, so adding the parts in any order in <see cref="decimal"/> is
/// exact and reproduces the total. Zero weights get exactly 0. The result depends only on the inputs (deterministic).</para>
/// </remarks>
public static class ExactAllocation
{
    /// <summary>Default grid: 10⁻¹⁰ of the unit (元 or t), far below any displayed digit.</summary>
    public const int DefaultMinimumScale = 10;

    private static readonly BigInteger MantissaLimit = BigInteger.One << 96;

    /// <summary>Splits <paramref name="total"/> in proportion to <paramref name="weights"/>.</summary>
    /// <param name="total">The amount to split (元, t, m³ …).</param>
    /// <param name="weights">Non-negative weights, not all zero (areas, footfall counts, raster sums …).</param>
    /// <param name="minimumScale">Decimal places of the grid, 0–28.</param>
    /// <returns>One part per weight; Σ parts == total exactly.</returns>
    /// <exception cref="ArgumentException">No weights, a negative weight, or all weights zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumScale"/> outside 0–28.</exception>
    public static decimal[] Split(decimal total, IReadOnlyList<decimal> weights, int minimumScale = DefaultMinimumScale)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumScale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumScale, 28);
        if (weights.Count == 0 || weights.Any(w => w < 0m) || weights.All(w => w == 0m))
        {
            throw new ArgumentException("weights must be non-negative and not all zero", nameof(weights));
        }

        var negative = total < 0m;
        var (mantissa, totalScale) = Decompose(Math.Abs(total));
        var scale = Math.Max(totalScale, minimumScale);
        while (scale > totalScale && mantissa * BigInteger.Pow(10, scale - totalScale) >= MantissaLimit)
        {
            scale--;
        }

        var units = mantissa * BigInteger.Pow(10, scale - totalScale);

        var weightScale = 0;
        var decomposed = new (BigInteger Mantissa, int Scale)[weights.Count];
        for (var i = 0; i < weights.Count; i++)
        {
            decomposed[i] = Decompose(weights[i]);
            weightScale = Math.Max(weightScale, decomposed[i].Scale);
        }

        var w = new BigInteger[weights.Count];
        var weightSum = BigInteger.Zero;
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = decomposed[i].Mantissa * BigInteger.Pow(10, weightScale - decomposed[i].Scale);
            weightSum += w[i];
        }

        var parts = new BigInteger[w.Length];
        var remainders = new BigInteger[w.Length];
        var assigned = BigInteger.Zero;
        for (var i = 0; i < w.Length; i++)
        {
            parts[i] = BigInteger.DivRem(units * w[i], weightSum, out remainders[i]);
            assigned += parts[i];
        }

        var left = (int)(units - assigned);
        if (left > 0)
        {
            var order = Enumerable.Range(0, w.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i);
            foreach (var i in order.Take(left))
            {
                parts[i] += 1;
            }
        }

        var result = new decimal[w.Length];
        for (var i = 0; i < w.Length; i++)
        {
            result[i] = Compose(parts[i], scale, negative);
        }

        return result;
    }

    private static (BigInteger Mantissa, int Scale) Decompose(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        // The three low ints are the unsigned 96-bit mantissa words; reinterpret, do not convert.
        var mantissa = new BigInteger(unchecked((uint)bits[0])) | (new BigInteger(unchecked((uint)bits[1])) << 32) | (new BigInteger(unchecked((uint)bits[2])) << 64);
        var scale = (bits[3] >> 16) & 0xFF;
        return (bits[3] < 0 ? -mantissa : mantissa, scale);
    }

    private static decimal Compose(BigInteger units, int scale, bool negative)
    {
        // Reinterpret each 32-bit word as the int decimal's constructor expects; the words are below 2³² by construction.
        var lo = unchecked((int)(uint)(units & uint.MaxValue));
        var mid = unchecked((int)(uint)((units >> 32) & uint.MaxValue));
        var hi = unchecked((int)(uint)((units >> 64) & uint.MaxValue));
        return new decimal(lo, mid, hi, negative && !units.IsZero, (byte)scale);
    }
}
