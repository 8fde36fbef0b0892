using Microsoft.Extensions.DependencyInjection;
using Qingshan.Data;
using Qingshan.Registry.Catalog;
using Qingshan.Registry.Data;
using Qingshan.Registry.Exports;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Imports;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Regions;
using Qingshan.Registry.Rights;
using Qingshan.Registry.Watersheds;

namespace Qingshan.Registry;

public static class RegistryModule
{
    /// <summary>The registry's only wiring entry point.</summary>
    public static IServiceCollection AddRegistry(this IServiceCollection services)
    {
        services.AddModuleDb<RegistryDb>();
        services.AddScoped<SaveRegionHandler>();
        services.AddScoped<RegionQueries>();
        services.AddScoped<RegisterWatershedHandler>();
        services.AddScoped<UpdateWatershedHandler>();
        services.AddScoped<WatershedQueries>();
        services.AddScoped<RegisterPlotHandler>();
        services.AddScoped<PlotQueries>();
        services.AddScoped<RegisterRightsHolderHandler>();
        services.AddScoped<HolderQueries>();
        services.AddScoped<HolderDirectory>();
        services.AddScoped<ConfirmRightHandler>();
        services.AddScoped<RecordDisputeHandler>();
        services.AddScoped<ResolveDisputeHandler>();
        services.AddScoped<RecordPledgeHandler>();
        services.AddScoped<ReleasePledgeHandler>();
        services.AddScoped<CheckTradabilityHandler>();
        services.AddScoped<AdjustCatalogHandler>();
        services.AddScoped<CatalogQueries>();
        services.AddScoped<ImportPlotsHandler>();
        services.AddScoped<ImportHoldersHandler>();
        services.AddScoped<ImportRightsHandler>();
        services.AddSingleton<DownloadTemplateHandler>();
        services.AddScoped<RegistryExports>();
        return services;
    }
}
