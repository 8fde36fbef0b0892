namespace Qingshan.Kernel.NationalCodes;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet (no I, O, S, V, Z); the 18th is
/// a check character over the first 17 with weights 3^i mod 31.
/// </summary>
public readonly record struct UnifiedSocialCreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private UnifiedSocialCreditCode(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out UnifiedSocialCreditCode code)
    {
        code = default;
        if (text is null)
        {
            return false;
        }

        text = text.Trim().ToUpperInvariant();
        if (text.Length != 18 || text.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        if (text[17] != CheckCharacter(text.AsSpan(0, 17)))
        {
            return false;
        }

        code = new UnifiedSocialCreditCode(text);
        return true;
    }

    public static UnifiedSocialCreditCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a unified social credit code");

    /// <summary>The check character for 17 leading characters (used by test-data generators too).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("17 characters expected", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (v < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not in the GB 32100 alphabet", nameof(first17));
            }

            sum += v * Weights[i];
        }

        var check = 31 - sum % 31;
        return Alphabet[check == 31 ? 0 : check];
    }

    public override string ToString() => Value ?? "";
}
