using Microsoft.Extensions.DependencyInjection;
using Qingshan.Data;
using Qingshan.Distribution.Data;
using Qingshan.Distribution.Receivables;
using Qingshan.Distribution.Reports;
using Qingshan.Distribution.Reinvestment;
using Qingshan.Distribution.Settlement;

namespace Qingshan.Distribution;

public static class DistributionModule
{
    /// <summary>Distribution's only wiring entry point. The worker runs in hosts that start hosted services.</summary>
    public static IServiceCollection AddDistribution(this IServiceCollection services, Action<DistributionOptions>? configure = null)
    {
        services.AddOptions<DistributionOptions>().Configure(o => configure?.Invoke(o));
        services.AddModuleDb<DistributionDb>();
        services.AddScoped<PostTradingMoneyHandler>();
        services.AddScoped<SubmitReinvestmentPlanHandler>();
        services.AddScoped<ApproveReinvestmentPlanHandler>();
        services.AddScoped<RecordSpendingHandler>();
        services.AddScoped<PostSpendingHandler>();
        services.AddScoped<CheckReinvestmentDeadlinesHandler>();
        services.AddScoped<ReinvestmentQueries>();
        services.AddScoped<ReceivableQueries>();
        services.AddScoped<LedgerReports>();
        services.AddHostedService<DistributionWorker>();
        return services;
    }
}
