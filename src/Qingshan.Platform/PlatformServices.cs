using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Qingshan.Access;
using Qingshan.Audit;
using Qingshan.Audit.Store;
using Qingshan.Accounting;
using Qingshan.Data;
using Qingshan.Distribution;
using Qingshan.Documents;
using Qingshan.Kernel;
using Qingshan.Ledger;
using Qingshan.Registry;
using Qingshan.Trading;

namespace Qingshan.Platform;

/// <summary>The composition root shared by the web host, the CLI and the tests: every module on one store.</summary>
public static class PlatformServices
{
    public static DatabaseOptions ReadDatabaseOptions(IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection(DatabaseOptions.Section).Bind(options);
        return options;
    }

    public static IServiceCollection AddQingshanPlatform(this IServiceCollection services, DatabaseOptions database, LoginPolicy? policy = null, AuditOptions? audit = null)
    {
        policy ??= new LoginPolicy();
        services.AddSingleton(database);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(policy));
        services.AddScoped<ActorContext>();
        services.AddDataProtection();
        services.AddAccess(policy);
        services.AddRegistry();
        services.AddAudit(audit);
        services.AddLedger();
        services.AddAccounting();
        services.AddTrading();
        services.AddDistribution();
        services.AddDocuments();
        return services;
    }
}
