using Qingshan.Registry;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Rights;
using Qingshan.Registry.Watersheds;

namespace Qingshan.Web.Components.Shared;

/// <summary>
/// zh-CN labels of the registry's enumerations for pages. The texts live once, in <see cref="RegistryLabels"/>, which
/// exports and imports use too; this adds only what is page-specific (chip colours).
/// </summary>
public static class Labels
{
    public static string Of(WatershedStatus s) => RegistryLabels.Of(s);

    public static string Of(HolderKind k) => RegistryLabels.Of(k);

    public static string Of(RightKind k) => RegistryLabels.Of(k);

    public static string Of(RightsStatus s) => RegistryLabels.Of(s);

    public static MudBlazor.Color ColorOf(RightsStatus s) => s switch
    {
        RightsStatus.Confirmed => MudBlazor.Color.Success,
        RightsStatus.Disputed => MudBlazor.Color.Error,
        RightsStatus.Pledged => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };
}
