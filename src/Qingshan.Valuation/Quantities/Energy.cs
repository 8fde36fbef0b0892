using System.Globalization;

namespace Qingshan.Valuation.Quantities;

/// <summary>
/// An amount of energy, e.g. the electricity equivalent of evapotranspiration cooling (climate regulation). Kept as full-precision <see cref="decimal"/> KilowattHours; never negative. Arithmetic is defined only between like
/// quantities and with dimensionless factors.
/// </summary>
public readonly record struct Energy : IComparable<Energy>
{
    private Energy(decimal value) => KilowattHours = value;

    /// <summary>Zero.</summary>
    public static Energy Zero => default;

    /// <summary>The quantity in kWh, full precision.</summary>
    public decimal KilowattHours { get; }

    /// <summary>From kWh.</summary>
    /// <param name="value">Amount in kWh; must not be negative.</param>
    /// <returns>The quantity.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative.</exception>
    public static Energy FromKilowattHours(decimal value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return new Energy(value);
    }

    /// <summary>Sum of two quantities.</summary>
    /// <param name="a">First.</param>
    /// <param name="b">Second.</param>
    /// <returns>The sum.</returns>
    public static Energy operator +(Energy a, Energy b) => new(a.KilowattHours + b.KilowattHours);

    /// <summary>The quantity scaled by a non-negative dimensionless factor.</summary>
    /// <param name="a">The quantity.</param>
    /// <param name="factor">Non-negative factor.</param>
    /// <returns>The scaled quantity.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The factor is negative.</exception>
    public static Energy operator *(Energy a, decimal factor) => FromKilowattHours(a.KilowattHours * factor);

    /// <summary>Compares by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is smaller.</returns>
    public static bool operator <(Energy left, Energy right) => left.KilowattHours < right.KilowattHours;

    /// <summary>Compares by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is larger.</returns>
    public static bool operator >(Energy left, Energy right) => left.KilowattHours > right.KilowattHours;

    /// <summary>Compares by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is not larger.</returns>
    public static bool operator <=(Energy left, Energy right) => left.KilowattHours <= right.KilowattHours;

    /// <summary>Compares by size.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is not smaller.</returns>
    public static bool operator >=(Energy left, Energy right) => left.KilowattHours >= right.KilowattHours;

    /// <inheritdoc />
    public int CompareTo(Energy other) => KilowattHours.CompareTo(other.KilowattHours);

    /// <summary>Invariant display, full precision.</summary>
    /// <returns>The amount and unit symbol.</returns>
    public override string ToString() => KilowattHours.ToString(CultureInfo.InvariantCulture) + " kWh";

    /// <summary>Kilojoules in one kilowatt-hour (1 kWh = 3 600 kJ, exact).</summary>
    public const decimal KilojoulesPerKilowattHour = 3_600m;

    /// <summary>From kilojoules (1 kWh = 3 600 kJ).</summary>
    /// <param name="kilojoules">Energy in kJ; must not be negative.</param>
    /// <returns>The energy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The energy is negative.</exception>
    public static Energy FromKilojoules(decimal kilojoules) => FromKilowattHours(kilojoules / KilojoulesPerKilowattHour);
}
