using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;

namespace Qingshan.Web.Components.Shared;

/// <summary>zh-CN labels for accounts, roles and the sign-in log (codes stay in English in the database).</summary>
public static class AccessLabels
{
    public static string Role(string role) => role switch
    {
        Roles.PlatformAdmin => "系统管理员",
        Roles.SecurityAdmin => "安全管理员",
        Roles.AuditAdmin => "审计管理员",
        Roles.WaterBureau => "水利（水务）部门",
        Roles.DevelopmentReform => "发展改革部门",
        Roles.Finance => "财政部门",
        Roles.TradingCentre => "公共资源交易中心",
        Roles.AppraisalAgency => "评估机构",
        Roles.Transferor => "出让方",
        Roles.Operator => "经营主体",
        Roles.Bank => "银行",
        _ => role,
    };

    /// <summary>The result column of 登录日志.</summary>
    public static string SignInResult(string result) => result switch
    {
        "succeeded" => "登录成功",
        "failed" => "用户名或密码错误",
        "locked_out" => "账号已锁定",
        "disabled" => "账号已停用",
        "signed_out" => "退出登录",
        "expired" => "会话过期",
        _ => result,
    };

    public static MudBlazor.Color SignInColor(string result) => result switch
    {
        "succeeded" => MudBlazor.Color.Success,
        "signed_out" => MudBlazor.Color.Default,
        _ => MudBlazor.Color.Error,
    };

    public static string Level(AdminLevel level) => level switch
    {
        AdminLevel.Province => "省级",
        AdminLevel.City => "地级",
        AdminLevel.County => "县级",
        AdminLevel.Township => "乡级",
        AdminLevel.Village => "村级",
        _ => level.ToString(),
    };

    /// <summary>Browser and system from a User-Agent, the way 登录日志 shows them (e.g. "Chrome 131 / Windows").</summary>
    public static string Browser(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "未知";
        }

        var ua = userAgent;
        string browser =
            Version(ua, "Edg/") is { } edge ? $"Edge {edge}"
            : Version(ua, "Firefox/") is { } ff ? $"Firefox {ff}"
            : Version(ua, "HeadlessChrome/") is { } hc ? $"Chrome(无界面) {hc}"
            : Version(ua, "Chrome/") is { } chrome ? $"Chrome {chrome}"
            : Version(ua, "Version/") is { } safari && ua.Contains("Safari/", StringComparison.Ordinal) ? $"Safari {safari}"
            : "其他";
        string os =
            ua.Contains("Windows", StringComparison.Ordinal) ? "Windows"
            : ua.Contains("Android", StringComparison.Ordinal) ? "Android"
            : ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) ? "iOS"
            : ua.Contains("Mac OS X", StringComparison.Ordinal) ? "macOS"
            : ua.Contains("Linux", StringComparison.Ordinal) ? "Linux"
            : "其他";
        return $"{browser} / {os}";
    }

    private static string? Version(string ua, string token)
    {
        var i = ua.IndexOf(token, StringComparison.Ordinal);
        if (i < 0)
        {
            return null;
        }

        var start = i + token.Length;
        var end = start;
        while (end < ua.Length && char.IsDigit(ua[end]))
        {
            end++;
        }

        return end > start ? ua[start..end] : null;
    }
}
