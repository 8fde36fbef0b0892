namespace Qingshan.Kernel.NationalCodes;

/// <summary>Level of an administrative division in the GB/T 2260 (+ statistical 12-digit) hierarchy.</summary>
public enum AdminLevel
{
    Province = 1,
    City = 2,
    County = 3,
    Township = 4,
    Village = 5,
}

/// <summary>
/// 行政区划代码: GB/T 2260 six digits (province 2, city 2, county 2), extended by the statistical codes to
/// nine (township) and twelve (village) digits. Stored as the significant digits only.
/// </summary>
public readonly record struct AdminDivisionCode
{
    private AdminDivisionCode(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out AdminDivisionCode code)
    {
        code = default;
        if (text is null)
        {
            return false;
        }

        text = text.Trim();
        if (text.Length is not (6 or 9 or 12) || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        // Province codes run 11..82 (11 北京 … 65 新疆, 71 台湾, 81/82 港澳).
        var province = (text[0] - '0') * 10 + (text[1] - '0');
        if (province < 11 || province > 82)
        {
            return false;
        }

        var city = text.Substring(2, 2);
        var county = text.Substring(4, 2);
        if (city == "00" && county != "00")
        {
            return false;
        }

        if (text.Length > 6 && (county == "00" || text.Substring(6, 3) == "000"))
        {
            return false;
        }

        code = new AdminDivisionCode(text);
        return true;
    }

    public static AdminDivisionCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not an administrative division code");

    public AdminLevel Level => Value.Length switch
    {
        12 => AdminLevel.Village,
        9 => AdminLevel.Township,
        _ when Value.EndsWith("0000", StringComparison.Ordinal) => AdminLevel.Province,
        _ when Value.EndsWith("00", StringComparison.Ordinal) => AdminLevel.City,
        _ => AdminLevel.County,
    };

    /// <summary>The code of the enclosing division, or null for a province.</summary>
    public AdminDivisionCode? Parent => Level switch
    {
        AdminLevel.Province => null,
        AdminLevel.City => new AdminDivisionCode(Value[..2] + "0000"),
        AdminLevel.County => Value.Substring(2, 2) == "90" ? new AdminDivisionCode(Value[..2] + "0000") : new AdminDivisionCode(Value[..4] + "00"),
        AdminLevel.Township => new AdminDivisionCode(Value[..6]),
        _ => new AdminDivisionCode(Value[..9]),
    };

    /// <summary>True when <paramref name="other"/> is this division or lies inside it.</summary>
    public bool Contains(AdminDivisionCode other) => other.Value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The leading digits shared by this division and everything inside it (for prefix queries).</summary>
    public string Prefix => Level switch
    {
        AdminLevel.Province => Value[..2],
        AdminLevel.City => Value[..4],
        _ => Value,
    };

    public override string ToString() => Value ?? "";
}
