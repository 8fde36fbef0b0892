using System.Globalization;

namespace Qingshan.Valuation.Quantities;

/// <summary>
/// A mass, e.g. soil retained or pollutant purified per year. Kept as full-precision <see cref="decimal"/> Tonnes; never negative. Arithmetic is defined only between like
/// quantities and with dimensionless factors.
/// </summary>
public readonly record struct Mass : IComparable<Mass>
{
    private Mass(decimal value) => Tonnes = value;

    /// <summary>Zero.</summary>
    public static Mass Zero => default;

    /// <summary>The quantity in t, full precision.</summary>
    public decimal Tonnes { get; }

    /// <summary>From t.</summary>
    /// <param name="value">Amount in t; must not be negative.</param>
    /// <returns>The quantity.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative.</exception>
    public static Mass FromTonnes(decimal value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return new Mass(value);
    }

    /// <summary>Sum of two quantities.</summary>
    /// <param name="a">First.</param>
    /// <param name="b">Second.</param>
    /// <returns>The sum.</returns>
    public static Mass operator +(Mass a, Mass b) => new(a.Tonnes + b.Tonnes);

    /// <summary>The quantity scaled by a non-negative dimensionless factor.</summary>
    /// <param name="a">The quantity.</param>
    /// <param name="factor">Non-negative factor.</param>
    /// <returns>The scaled quantity.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The factor is negative.</exception>
    public static Mass operator *(Mass a, decimal factor) => FromTonnes(a.Tonnes * factor);

    /// <summary>Compares by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is smaller.</returns>
    public static bool operator <(Mass left, Mass right) => left.Tonnes < right.Tonnes;

    /// <summary>Compares by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is larger.</returns>
    public static bool operator >(Mass left, Mass right) => left.Tonnes > right.Tonnes;

    /// <summary>Compares by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is not larger.</returns>
    public static bool operator <=(Mass left, Mass right) => left.Tonnes <= right.Tonnes;

    /// <summary>Compares by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is not smaller.</returns>
    public static bool operator >=(Mass left, Mass right) => left.Tonnes >= right.Tonnes;

    /// <inheritdoc />
    public int CompareTo(Mass other) => Tonnes.CompareTo(other.Tonnes);

    /// <summary>Invariant display, full precision.</summary>
    /// <returns>The amount and unit symbol.</returns>
    public override string ToString() => Tonnes.ToString(CultureInfo.InvariantCulture) + " t";

    /// <summary>Kilograms in one tonne.</summary>
    public const decimal KilogramsPerTonne = 1_000m;

    /// <summary>The mass in kilograms.</summary>
    public decimal Kilograms => Tonnes * KilogramsPerTonne;

    /// <summary>From kilograms (1 t = 1 000 kg, exact).</summary>
    /// <param name="kilograms">Mass in kg; must not be negative.</param>
    /// <returns>The mass.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The mass is negative.</exception>
    public static Mass FromKilograms(decimal kilograms) => FromTonnes(kilograms / KilogramsPerTonne);

    /// <summary>From 万t (10⁴ t), the unit of published tables.</summary>
    /// <param name="tenThousandTonnes">Mass in 万t; must not be negative.</param>
    /// <returns>The mass.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The mass is negative.</exception>
    public static Mass FromTenThousandTonnes(decimal tenThousandTonnes) => FromTonnes(tenThousandTonnes * 10_000m);

    /// <summary>Volume of this mass at a bulk density: m³ = t ÷ (t/m³).</summary>
    /// <param name="bulkDensityTonnesPerCubicMetre">Bulk density in t/m³; must be positive.</param>
    /// <returns>The volume.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The density is not positive.</exception>
    public Volume AtBulkDensity(decimal bulkDensityTonnesPerCubicMetre)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bulkDensityTonnesPerCubicMetre);
        return Volume.FromCubicMetres(Tonnes / bulkDensityTonnesPerCubicMetre);
    }
}
