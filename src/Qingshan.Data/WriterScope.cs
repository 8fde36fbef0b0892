using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;

namespace Qingshan.Data;

/// <summary>
/// The scope a group commit's drain loop writes with: made on the first batch and kept for batch after batch while the
/// loop keeps draining, so the serial section does not set up a scope, a context and a connection per batch. It acts as
/// the system (each queued item carries its own actor). <see cref="RunAsync{T}"/> clears the context's change tracker
/// after each batch (nothing read in one batch may be taken for current in the next) and drops the scope after a failure
/// (the connection may be broken); <see cref="DropAsync"/> is the group commit's idle callback. Only the drain loop touches
/// it, so it needs no lock.
/// </summary>
public sealed class WriterScope<TDb>(IServiceScopeFactory scopes)
    where TDb : DbContext
{
    private AsyncServiceScope? scope;

    /// <summary>Runs one batch on the kept scope's context (the scope is made now if there is none).</summary>
    public async Task<T> RunAsync<T>(Func<IServiceProvider, TDb, Task<T>> batch)
    {
        if (scope is not { } kept)
        {
            kept = scopes.CreateAsyncScope();
            kept.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System;
            scope = kept;
        }

        var db = kept.ServiceProvider.GetRequiredService<TDb>();
        try
        {
            var result = await batch(kept.ServiceProvider, db);
            db.ChangeTracker.Clear();
            return result;
        }
        catch
        {
            await DropAsync();
            throw;
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
