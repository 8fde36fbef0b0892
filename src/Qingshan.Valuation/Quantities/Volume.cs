using System.Globalization;

namespace Qingshan.Valuation.Quantities;

/// <summary>
/// A volume, e.g. water conserved or sediment kept out of reservoirs per year. Kept as full-precision <see cref="decimal"/> CubicMetres; never negative. Arithmetic is defined only between like
/// quantities and with dimensionless factors.
/// </summary>
public readonly record struct Volume : IComparable<Volume>
{
    private Volume(decimal value) => CubicMetres = value;

    /// <summary>Zero.</summary>
    public static Volume Zero => default;

    /// <summary>The quantity in m³, full precision.</summary>
    public decimal CubicMetres { get; }

    /// <summary>From m³.</summary>
    /// <param name="value">Amount in m³; must not be negative.</param>
    /// <returns>The quantity.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative.</exception>
    public static Volume FromCubicMetres(decimal value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return new Volume(value);
    }

    /// <summary>Sum of two quantities.</summary>
    /// <param name="a">First.</param>
    /// <param name="b">Second.</param>
    /// <returns>The sum.</returns>
    public static Volume operator +(Volume a, Volume b) => new(a.CubicMetres + b.CubicMetres);

    /// <summary>The quantity scaled by a non-negative dimensionless factor.</summary>
    /// <param name="a">The quantity.</param>
    /// <param name="factor">Non-negative factor.</param>
    /// <returns>The scaled quantity.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The factor is negative.</exception>
    public static Volume operator *(Volume a, decimal factor) => FromCubicMetres(a.CubicMetres * factor);

    /// <summary>Compares by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is smaller.</returns>
    public static bool operator <(Volume left, Volume right) => left.CubicMetres < right.CubicMetres;

    /// <summary>Compares by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is larger.</returns>
    public static bool operator >(Volume left, Volume right) => left.CubicMetres > right.CubicMetres;

    /// <summary>Compares by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is not larger.</returns>
    public static bool operator <=(Volume left, Volume right) => left.CubicMetres <= right.CubicMetres;

    /// <summary>Compares by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is not smaller.</returns>
    public static bool operator >=(Volume left, Volume right) => left.CubicMetres >= right.CubicMetres;

    /// <inheritdoc />
    public int CompareTo(Volume other) => CubicMetres.CompareTo(other.CubicMetres);

    /// <summary>Invariant display, full precision.</summary>
    /// <returns>The amount and unit symbol.</returns>
    public override string ToString() => CubicMetres.ToString(CultureInfo.InvariantCulture) + " m³";

    /// <summary>From 万m³ (10⁴ m³).</summary>
    /// <param name="tenThousandCubicMetres">Volume in 万m³; must not be negative.</param>
    /// <returns>The volume.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The volume is negative.</exception>
    public static Volume FromTenThousandCubicMetres(decimal tenThousandCubicMetres) => FromCubicMetres(tenThousandCubicMetres * 10_000m);

    /// <summary>
    /// Volume of a water depth over an area: 1 mm over 1 hm² = 10 m³ (ACCOUNTING-METHOD.md 0.3) [D], exact.
    /// </summary>
    /// <param name="depthMillimetres">Water depth in mm; must not be negative.</param>
    /// <param name="area">The area.</param>
    /// <returns>The volume.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The depth is negative.</exception>
    public static Volume FromWaterDepth(decimal depthMillimetres, Area area)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depthMillimetres);
        return FromCubicMetres(depthMillimetres * area.Hectares * 10m);
    }

    /// <summary>Water depth in mm that this volume makes over an area (inverse of <see cref="FromWaterDepth"/>).</summary>
    /// <param name="area">A positive area.</param>
    /// <returns>Depth in mm.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The area is zero.</exception>
    public decimal DepthMillimetresOver(Area area)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(area.Hectares, nameof(area));
        return CubicMetres / (area.Hectares * 10m);
    }
}
