using Qingshan.Registry.Holders;
using Qingshan.Registry.Rights;
using Qingshan.Registry.Watersheds;

namespace Qingshan.Web.Components.Shared;

/// <summary>zh-CN labels of the registry's enumerations (the dictionary labels users see; codes stay in English).</summary>
public static class Labels
{
    public static string Of(WatershedStatus s) => s switch
    {
        WatershedStatus.Planned => "规划中",
        WatershedStatus.UnderTreatment => "治理中",
        WatershedStatus.Accepted => "已验收",
        WatershedStatus.Operating => "运营中",
        _ => s.ToString(),
    };

    public static string Of(HolderKind k) => k switch
    {
        HolderKind.Collective => "集体经济组织",
        HolderKind.State => "国有",
        HolderKind.Enterprise => "企业",
        HolderKind.Individual => "个人",
        _ => k.ToString(),
    };

    public static string Of(RightKind k) => k switch
    {
        RightKind.Ownership => "所有权",
        RightKind.Use => "使用权",
        RightKind.Operating => "经营权",
        _ => k.ToString(),
    };

    public static string Of(RightsStatus s) => s switch
    {
        RightsStatus.Unconfirmed => "未确权",
        RightsStatus.Confirmed => "已确权",
        RightsStatus.Disputed => "有争议",
        RightsStatus.Pledged => "已抵押",
        _ => s.ToString(),
    };

    public static MudBlazor.Color ColorOf(RightsStatus s) => s switch
    {
        RightsStatus.Confirmed => MudBlazor.Color.Success,
        RightsStatus.Disputed => MudBlazor.Color.Error,
        RightsStatus.Pledged => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };
}
