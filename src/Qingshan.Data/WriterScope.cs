using Microsoft.Extensions.DependencyInjection;

namespace Qingshan.Data;

/// <summary>
/// The scope a group commit's drain loop writes with: made on the first batch and kept for batch after batch while the
/// loop keeps draining, so the serial section does not set up a scope, a context and a connection per batch. The writer
/// clears its context's change tracker after each batch (nothing read in one batch may be taken for current in the next),
/// drops the scope after a failure (the connection may be broken) and when the loop goes idle (the group commit's idle
/// callback). Only the drain loop touches it, so it needs no lock.
/// </summary>
public sealed class WriterScope(IServiceScopeFactory scopes, Action<IServiceProvider> initialise)
{
    private AsyncServiceScope? scope;

    /// <summary>The kept scope's services (made now if there is none).</summary>
    public IServiceProvider Services
    {
        get
        {
            if (scope is not { } kept)
            {
                kept = scopes.CreateAsyncScope();
                initialise(kept.ServiceProvider);
                scope = kept;
            }

            return kept.ServiceProvider;
        }
    }

    /// <summary>Lets go of the scope (its context and connection); the next batch makes a new one.</summary>
    public async Task DropAsync()
    {
        if (scope is { } kept)
        {
            scope = null;
            await kept.DisposeAsync();
        }
    }
}
