using Microsoft.AspNetCore.Authorization;
using Qingshan.Kernel;

namespace Qingshan.Web.Security;

/// <summary>Named authorisation policies: every page and endpoint names one (or is explicitly anonymous).</summary>
public static class Policies
{
    /// <summary>Read the registry of one's scope: government departments, the trading centre, appraisers, banks.</summary>
    public const string RegistryRead = "registry.read";

    /// <summary>Change the registry: water bureaus.</summary>
    public const string RegistryEdit = "registry.edit";

    /// <summary>Manage users and regions: the system administrator.</summary>
    public const string AdminUsers = "admin.users";

    /// <summary>Read sign-in and operation logs: the audit and security administrators.</summary>
    public const string AuditRead = "audit.read";

    /// <summary>Read deals, auction state and certificates of one's region: every business role of trading.</summary>
    public const string TradingRead = "trading.read";

    /// <summary>Bid in an online auction: operators (经营主体) and the trading centre.</summary>
    public const string TradingBid = "trading.bid";

    public static void Configure(AuthorizationOptions o)
    {
        // Nothing is reachable without a decision: unauthenticated requests are refused unless marked anonymous.
        o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        o.AddPolicy(RegistryRead, p => p.RequireRole(Roles.WaterBureau, Roles.DevelopmentReform, Roles.Finance, Roles.TradingCentre, Roles.AppraisalAgency, Roles.Bank, Roles.PlatformAdmin));
        o.AddPolicy(RegistryEdit, p => p.RequireRole(Roles.WaterBureau));
        o.AddPolicy(AdminUsers, p => p.RequireRole(Roles.PlatformAdmin));
        o.AddPolicy(TradingRead, p => p.RequireRole(Roles.WaterBureau, Roles.DevelopmentReform, Roles.Finance, Roles.TradingCentre, Roles.AppraisalAgency, Roles.Bank, Roles.Transferor, Roles.Operator));
        o.AddPolicy(TradingBid, p => p.RequireRole(Roles.Operator, Roles.TradingCentre));
        o.AddPolicy(AuditRead, p => p.RequireRole(Roles.AuditAdmin, Roles.SecurityAdmin));
    }
}
