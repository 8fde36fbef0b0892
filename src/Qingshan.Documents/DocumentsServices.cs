using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Qingshan.Documents;

public static class DocumentsServices
{
    public static IServiceCollection AddDocuments(this IServiceCollection services, Action<DocumentOptions>? configure = null)
    {
        services.AddOptions<DocumentOptions>().Configure(o => configure?.Invoke(o));
        services.TryAddSingleton<PdfRenderer>();
        return services;
    }
}
