using System.Text;

namespace Qingshan.Kernel;

/// <summary>大写金额 as written on contracts and receipts (e.g. 壹万元整, 壹仟零伍元叁角).</summary>
internal static class ChineseAmount
{
    private static readonly string[] Digits = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
    private static readonly string[] SmallUnits = ["", "拾", "佰", "仟"];
    private static readonly string[] BigUnits = ["", "万", "亿", "万亿"];

    public static string Format(Money money)
    {
        if (money.Fen == 0)
        {
            return "零元整";
        }

        var prefix = money.Fen < 0 ? "负" : "";
        var fen = Math.Abs(money.Fen);
        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var cents = (int)(fen % 10);

        var sb = new StringBuilder(prefix);
        if (yuan > 0)
        {
            sb.Append(IntegerPart(yuan)).Append('元');
        }

        if (jiao == 0 && cents == 0)
        {
            sb.Append('整');
        }
        else
        {
            if (jiao > 0)
            {
                sb.Append(Digits[jiao]).Append('角');
            }
            else if (yuan > 0)
            {
                sb.Append('零');
            }

            if (cents > 0)
            {
                sb.Append(Digits[cents]).Append('分');
            }
        }

        return sb.ToString();
    }

    private static string IntegerPart(long value)
    {
        var groups = new List<int>();
        while (value > 0)
        {
            groups.Add((int)(value % 10000));
            value /= 10000;
        }

        var sb = new StringBuilder();
        var pendingZero = false;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var group = groups[g];
            if (group == 0)
            {
                pendingZero = sb.Length > 0;
                continue;
            }

            if (pendingZero || (sb.Length > 0 && group < 1000))
            {
                sb.Append('零');
            }

            sb.Append(GroupText(group)).Append(BigUnits[g]);
            pendingZero = false;
        }

        return sb.ToString();
    }

    private static string GroupText(int group)
    {
        var sb = new StringBuilder();
        var zero = false;
        for (var i = 3; i >= 0; i--)
        {
            var d = group / (int)Math.Pow(10, i) % 10;
            if (d == 0)
            {
                zero = sb.Length > 0;
                continue;
            }

            if (zero)
            {
                sb.Append('零');
                zero = false;
            }

            sb.Append(Digits[d]).Append(SmallUnits[i]);
        }

        return sb.ToString();
    }
}
