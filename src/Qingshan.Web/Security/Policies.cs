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

    /// <summary>Work plan, accounting link, reserve price, certificate: the county water bureau (finance also decides reserve prices).</summary>
    public const string TradingPrepare = "trading.prepare";

    /// <summary>Transferor, promotion, listing, qualification review, objections and contracts: the trading centre.</summary>
    public const string TradingCentre = "trading.centre";

    /// <summary>Issue appraisal reports: appraisal agencies.</summary>
    public const string TradingAppraise = "trading.appraise";

    /// <summary>Approve distribution plans and decide reserve prices: water bureau and finance.</summary>
    public const string TradingApprove = "trading.approve";

    /// <summary>Bidder registration, qualification and deposits: operators, the trading centre and the bank.</summary>
    public const string TradingBidders = "trading.bidders";

    /// <summary>Bid and exercise the priority right: operator accounts acting for a holder.</summary>
    public const string TradingBid = "trading.bid";

    /// <summary>File contracts: water, development-and-reform, finance.</summary>
    public const string TradingFiling = "trading.filing";

    /// <summary>Read the ledger, receivables and reinvestment plans: finance, DRC, water and the trading centre (actions check their own roles).</summary>
    public const string LedgerRead = "ledger.read";

    /// <summary>Read deals, auction state and certificates of one's region: every business role of trading.</summary>
    public const string TradingRead = "trading.read";


    public static void Configure(AuthorizationOptions o)
    {
        // Nothing is reachable without a decision: unauthenticated requests are refused unless marked anonymous.
        o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        o.AddPolicy(RegistryRead, p => p.RequireRole(Roles.WaterBureau, Roles.DevelopmentReform, Roles.Finance, Roles.TradingCentre, Roles.AppraisalAgency, Roles.Bank, Roles.PlatformAdmin));
        o.AddPolicy(RegistryEdit, p => p.RequireRole(Roles.WaterBureau));
        o.AddPolicy(AdminUsers, p => p.RequireRole(Roles.PlatformAdmin));
        o.AddPolicy(TradingPrepare, p => p.RequireRole(Roles.WaterBureau));
        o.AddPolicy(TradingCentre, p => p.RequireRole(Roles.TradingCentre));
        o.AddPolicy(TradingAppraise, p => p.RequireRole(Roles.AppraisalAgency, Roles.WaterBureau, Roles.Finance, Roles.TradingCentre));
        o.AddPolicy(TradingApprove, p => p.RequireRole(Roles.WaterBureau, Roles.Finance));
        o.AddPolicy(TradingBidders, p => p.RequireRole(Roles.Operator, Roles.TradingCentre, Roles.Bank));
        o.AddPolicy(TradingBid, p => p.RequireRole(Roles.Operator));
        o.AddPolicy(TradingFiling, p => p.RequireRole(Roles.WaterBureau, Roles.DevelopmentReform, Roles.Finance));
        o.AddPolicy(TradingRead, p => p.RequireRole(Roles.WaterBureau, Roles.DevelopmentReform, Roles.Finance, Roles.TradingCentre, Roles.AppraisalAgency, Roles.Bank, Roles.Transferor, Roles.Operator));
        o.AddPolicy(AuditRead, p => p.RequireRole(Roles.AuditAdmin, Roles.SecurityAdmin));
        o.AddPolicy(LedgerRead, p => p.RequireRole(Roles.Finance, Roles.DevelopmentReform, Roles.WaterBureau, Roles.TradingCentre));
    }
}
