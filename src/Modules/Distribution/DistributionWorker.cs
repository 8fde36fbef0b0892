using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshan.Distribution.Settlement;
using Qingshan.Kernel;

namespace Qingshan.Distribution;

/// <summary>
/// Posts trading's money to the ledger every few seconds (and the reinvestment deadline checks, and spendings a crash
/// left recorded but unposted), as the system actor.
/// The poll runs on wall-clock time: how often to look is operations, not business time. Deadlines are judged inside the
/// handlers by the injected <see cref="TimeProvider"/> (a test's fake clock jumping a week must not fire 200,000 polls).
/// </summary>
internal sealed class DistributionWorker(IServiceScopeFactory scopes, ILogger<DistributionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System;
                await scope.ServiceProvider.GetRequiredService<PostTradingMoneyHandler>().PostPendingAsync(ct: stoppingToken);
                await scope.ServiceProvider.GetRequiredService<Reinvestment.CheckReinvestmentDeadlinesHandler>().HandleAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<Reinvestment.PostSpendingHandler>().PostLeftBehindAsync(stoppingToken); // heals a crash between record and post
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "posting trading money to the ledger failed; retrying");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
