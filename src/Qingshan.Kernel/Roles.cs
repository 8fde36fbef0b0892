namespace Qingshan.Kernel;

/// <summary>
/// The platform's roles. Which region an account acts for comes from its administrative division, not its role:
/// a county water bureau and a province water bureau are both <see cref="WaterBureau"/>.
/// </summary>
public static class Roles
{
    /// <summary>系统管理员: users, roles, regions, configuration. Does not see audit contents (三权分立).</summary>
    public const string PlatformAdmin = "platform_admin";

    /// <summary>安全管理员: login policy, role grants review.</summary>
    public const string SecurityAdmin = "security_admin";

    /// <summary>审计管理员: reads logs only.</summary>
    public const string AuditAdmin = "audit_admin";

    /// <summary>水利/水务局: registry and accounting.</summary>
    public const string WaterBureau = "water_bureau";

    /// <summary>发展改革部门: approvals and filings.</summary>
    public const string DevelopmentReform = "development_reform";

    /// <summary>财政部门: approvals, filings, funds.</summary>
    public const string Finance = "finance";

    /// <summary>公共资源交易中心.</summary>
    public const string TradingCentre = "trading_centre";

    /// <summary>评估机构.</summary>
    public const string AppraisalAgency = "appraisal_agency";

    /// <summary>出让方.</summary>
    public const string Transferor = "transferor";

    /// <summary>经营主体 (bidder).</summary>
    public const string Operator = "operator";

    /// <summary>银行.</summary>
    public const string Bank = "bank";

    public static readonly IReadOnlyList<string> All =
        [PlatformAdmin, SecurityAdmin, AuditAdmin, WaterBureau, DevelopmentReform, Finance, TradingCentre, AppraisalAgency, Transferor, Operator, Bank];

    /// <summary>The three separated administrator roles; no account may hold two of them.</summary>
    public static readonly IReadOnlySet<string> SeparatedAdmins = new HashSet<string>([PlatformAdmin, SecurityAdmin, AuditAdmin], StringComparer.Ordinal);

    /// <summary>Roles that may see unmasked personal data (ID numbers, phones) because their work needs it.</summary>
    public static readonly IReadOnlySet<string> MaySeePersonalData = new HashSet<string>([WaterBureau, TradingCentre], StringComparer.Ordinal);

    /// <summary>Roles that may change the registry.</summary>
    public static readonly IReadOnlySet<string> RegistryEditors = new HashSet<string>([WaterBureau], StringComparer.Ordinal);

    public static bool MaySeePersonal(this Actor actor) => actor.Roles.Any(MaySeePersonalData.Contains);
}
