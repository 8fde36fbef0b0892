using System.Globalization;

namespace Qingshan.Valuation.Quantities;

/// <summary>
/// A land area, kept as full-precision <see cref="decimal"/> hectares (hm², 公顷). Never negative.
/// </summary>
/// <remarks>
/// Conversions (ACCOUNTING-METHOD.md 0.3) [D]: 1 hm² = 10 000 m²; 1 km² = 100 hm²; 1 亩 = 1/15 hm² (≈ 666.67 m²).
/// Conversions through m² and km² are exact in <see cref="decimal"/>; 亩 involves a division by 15 and is exact
/// to 28 significant digits, so a round trip through 亩 agrees to about 1e-26 relative, not bit-for-bit.
/// </remarks>
public readonly record struct Area : IComparable<Area>
{
    /// <summary>Square metres in one hectare.</summary>
    public const decimal SquareMetresPerHectare = 10_000m;

    /// <summary>Hectares in one square kilometre.</summary>
    public const decimal HectaresPerSquareKilometre = 100m;

    /// <summary>亩 in one hectare (1 亩 = 1/15 hm², the statutory municipal unit).</summary>
    public const decimal MuPerHectare = 15m;

    private Area(decimal hectares) => Hectares = hectares;

    /// <summary>Zero area.</summary>
    public static Area Zero => default;

    /// <summary>The area in hectares (hm²), full precision.</summary>
    public decimal Hectares { get; }

    /// <summary>The area in square metres.</summary>
    public decimal SquareMetres => Hectares * SquareMetresPerHectare;

    /// <summary>The area in square kilometres.</summary>
    public decimal SquareKilometres => Hectares / HectaresPerSquareKilometre;

    /// <summary>The area in 亩 (mu).</summary>
    public decimal Mu => Hectares * MuPerHectare;

    /// <summary>From hectares.</summary>
    /// <param name="hectares">Area in hm²; must not be negative.</param>
    /// <returns>The area.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The area is negative.</exception>
    public static Area FromHectares(decimal hectares)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hectares);
        return new Area(hectares);
    }

    /// <summary>From square metres.</summary>
    /// <param name="squareMetres">Area in m²; must not be negative.</param>
    /// <returns>The area.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The area is negative.</exception>
    public static Area FromSquareMetres(decimal squareMetres) => FromHectares(squareMetres / SquareMetresPerHectare);

    /// <summary>From square kilometres.</summary>
    /// <param name="squareKilometres">Area in km²; must not be negative.</param>
    /// <returns>The area.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The area is negative.</exception>
    public static Area FromSquareKilometres(decimal squareKilometres) => FromHectares(squareKilometres * HectaresPerSquareKilometre);

    /// <summary>From 亩 (mu), 1 亩 = 1/15 hm².</summary>
    /// <param name="mu">Area in 亩; must not be negative.</param>
    /// <returns>The area.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The area is negative.</exception>
    public static Area FromMu(decimal mu) => FromHectares(mu / MuPerHectare);

    /// <summary>Sum of two areas.</summary>
    /// <param name="a">First area.</param>
    /// <param name="b">Second area.</param>
    /// <returns>The sum.</returns>
    public static Area operator +(Area a, Area b) => new(a.Hectares + b.Hectares);

    /// <summary>Area scaled by a non-negative factor.</summary>
    /// <param name="a">The area.</param>
    /// <param name="factor">Non-negative factor.</param>
    /// <returns>The scaled area.</returns>
    public static Area operator *(Area a, decimal factor) => FromHectares(a.Hectares * factor);

    /// <summary>Compares areas by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is smaller.</returns>
    public static bool operator <(Area left, Area right) => left.Hectares < right.Hectares;

    /// <summary>Compares areas by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is larger.</returns>
    public static bool operator >(Area left, Area right) => left.Hectares > right.Hectares;

    /// <summary>Compares areas by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is not larger.</returns>
    public static bool operator <=(Area left, Area right) => left.Hectares <= right.Hectares;

    /// <summary>Compares areas by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is not smaller.</returns>
    public static bool operator >=(Area left, Area right) => left.Hectares >= right.Hectares;

    /// <inheritdoc />
    public int CompareTo(Area other) => Hectares.CompareTo(other.Hectares);

    /// <summary>Invariant display in hm², full precision.</summary>
    /// <returns>E.g. "12.5 hm²".</returns>
    public override string ToString() => Hectares.ToString(CultureInfo.InvariantCulture) + " hm²";
}
