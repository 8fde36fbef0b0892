using Qingshan.Registry.Holders;
using Qingshan.Registry.Rights;
using Qingshan.Registry.Watersheds;

namespace Qingshan.Registry;

/// <summary>
/// The zh-CN dictionary labels (字典标签) of the registry's enumerations, as exports write them and imports read
/// them back. Users see labels, never enum names (RuoYi/Admin.NET convention, ECOSYSTEM-RELIABILITY A1).
/// </summary>
public static class RegistryLabels
{
    private static readonly (HolderKind Kind, string Label)[] HolderKinds =
        [(HolderKind.Collective, "集体经济组织"), (HolderKind.State, "国有"), (HolderKind.Enterprise, "企业"), (HolderKind.Individual, "个人")];

    private static readonly (RightKind Kind, string Label)[] RightKinds =
        [(RightKind.Ownership, "所有权"), (RightKind.Use, "使用权"), (RightKind.Operating, "经营权")];

    public static IEnumerable<string> HolderKindLabels => HolderKinds.Select(k => k.Label);

    public static IEnumerable<string> RightKindLabels => RightKinds.Select(k => k.Label);

    public static string Of(HolderKind kind) => HolderKinds.FirstOrDefault(k => k.Kind == kind).Label ?? kind.ToString();

    public static string Of(RightKind kind) => RightKinds.FirstOrDefault(k => k.Kind == kind).Label ?? kind.ToString();

    public static string Of(WatershedStatus status) => status switch
    {
        WatershedStatus.Planned => "规划中",
        WatershedStatus.UnderTreatment => "治理中",
        WatershedStatus.Accepted => "已验收",
        WatershedStatus.Operating => "运营中",
        _ => status.ToString(),
    };

    public static string Of(RightsStatus status) => status switch
    {
        RightsStatus.Unconfirmed => "未确权",
        RightsStatus.Confirmed => "已确权",
        RightsStatus.Disputed => "有争议",
        RightsStatus.Pledged => "已抵押",
        _ => status.ToString(),
    };

    /// <summary>Reads a holder kind from its label (or, for files made by other tools, its English name).</summary>
    public static bool TryParse(string? text, out HolderKind kind)
    {
        text = text?.Trim();
        foreach (var (k, label) in HolderKinds)
        {
            if (string.Equals(text, label, StringComparison.Ordinal) || string.Equals(text, k.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Reads a right kind from its label (or its English name).</summary>
    public static bool TryParse(string? text, out RightKind kind)
    {
        text = text?.Trim();
        foreach (var (k, label) in RightKinds)
        {
            if (string.Equals(text, label, StringComparison.Ordinal) || string.Equals(text, k.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static string YesNo(bool value) => value ? "是" : "否";
}
