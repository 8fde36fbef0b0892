using System.Globalization;

namespace Qingshan.Kernel.NationalCodes;

/// <summary>
/// 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence, and an ISO 7064
/// MOD 11-2 check character (0-9 or X). Personal data: show <see cref="Masked"/> to anyone without the right.
/// </summary>
public readonly record struct ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string Checks = "10X98765432";

    private ResidentIdNumber(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out ResidentIdNumber id)
    {
        id = default;
        if (text is null)
        {
            return false;
        }

        text = text.Trim().ToUpperInvariant();
        if (text.Length != 18 || !text.AsSpan(0, 17).ContainsOnlyDigits() || !(char.IsAsciiDigit(text[17]) || text[17] == 'X'))
        {
            return false;
        }

        if (!DateOnly.TryParseExact(text.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth) || birth.Year < 1900)
        {
            return false;
        }

        if (text[17] != CheckCharacter(text.AsSpan(0, 17)))
        {
            return false;
        }

        id = new ResidentIdNumber(text);
        return true;
    }

    public static ResidentIdNumber Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException("not a resident ID number");

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return Checks[sum % 11];
    }

    /// <summary>110***********1234: the first 3 and last 4 characters, the rest starred.</summary>
    public string Masked => Mask(Value);

    /// <summary>Masks any identifier the same way (first 3, last 4 kept).</summary>
    public static string Mask(string? value) =>
        string.IsNullOrEmpty(value) || value.Length <= 7 ? "****" : value[..3] + new string('*', value.Length - 7) + value[^4..];

    public override string ToString() => Masked;
}

internal static class SpanDigits
{
    public static bool ContainsOnlyDigits(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
