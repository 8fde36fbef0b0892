using Microsoft.Extensions.DependencyInjection;
using Qingshan.Data;
using Qingshan.Ledger.Data;
using Qingshan.Ledger.Journal;

namespace Qingshan.Ledger;

public static class LedgerModule
{
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddModuleDb<LedgerDb>();
        services.AddScoped<LedgerUnit>();
        services.AddSingleton<LedgerGroupCommit>();
        services.AddScoped<PostEntryHandler>();
        services.AddScoped<DistributeProceedsHandler>();
        services.AddScoped<FreezeDealAccountsHandler>();
        services.AddScoped<LedgerQueries>();
        return services;
    }
}
