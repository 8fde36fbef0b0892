using Microsoft.Extensions.DependencyInjection;
using Qingshan.Distribution.Receivables;
using Qingshan.Distribution.Settlement;

namespace Qingshan.Distribution;

public static class DistributionModule
{
    /// <summary>Distribution's only wiring entry point. The worker runs in hosts that start hosted services.</summary>
    public static IServiceCollection AddDistribution(this IServiceCollection services, Action<DistributionOptions>? configure = null)
    {
        services.AddOptions<DistributionOptions>().Configure(o => configure?.Invoke(o));
        services.AddScoped<PostTradingMoneyHandler>();
        services.AddScoped<ReceivableQueries>();
        services.AddHostedService<DistributionWorker>();
        return services;
    }
}
