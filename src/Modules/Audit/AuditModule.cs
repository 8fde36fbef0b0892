using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qingshan.Audit.Store;
using Qingshan.Data;

namespace Qingshan.Audit;

public static class AuditModule
{
    /// <summary>The audit log's store, single writer and queries. Hosts that serve requests also add <see cref="AddAuditDispatcher"/>.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, AuditOptions? options = null)
    {
        services.AddModuleDb<AuditDb>();
        services.AddSingleton(Options.Create(options ?? new AuditOptions()));
        services.AddSingleton<AuditWriter>();
        services.AddScoped<AuditQueries>();
        return services;
    }

    /// <summary>Moves outbox messages into the log every second and signs checkpoints when due.</summary>
    public static IServiceCollection AddAuditDispatcher(this IServiceCollection services) =>
        services.AddHostedService<AuditDispatcher>();
}

internal sealed class AuditDispatcher(AuditWriter writer, ILogger<AuditDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            try
            {
                await writer.DispatchPendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The outbox keeps the events; the next tick retries from the committed state.
                logger.LogError(e, "audit dispatch failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
