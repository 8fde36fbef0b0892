using Microsoft.Extensions.DependencyInjection;
using Qingshan.Accounting.Data;
using Qingshan.Accounting.Parameters;
using Qingshan.Accounting.Runs;
using Qingshan.Data;

namespace Qingshan.Accounting;

public static class AccountingModule
{
    /// <summary>The accounting module's only wiring entry point. Needs the registry (<c>AddRegistry</c>).</summary>
    public static IServiceCollection AddAccounting(this IServiceCollection services)
    {
        services.AddModuleDb<AccountingDb>();
        services.AddScoped<ImportParameterSetHandler>();
        services.AddScoped<DeriveParameterSetHandler>();
        services.AddScoped<UpdateParameterSetHandler>();
        services.AddScoped<ApproveParameterSetHandler>();
        services.AddScoped<ParameterSetQueries>();
        services.AddScoped<PrepareAccountingRunHandler>();
        services.AddScoped<RecomputeAccountingRunHandler>();
        services.AddScoped<AccountingRunTransitionHandler>();
        services.AddScoped<AccountingRunQueries>();
        services.AddScoped<RerunAccountingRunHandler>();
        services.AddScoped<AccountingRunProcessor>();
        services.AddSingleton<AccountingRunQueue>();
        services.AddHostedService<AccountingRunWorker>();
        return services;
    }
}
