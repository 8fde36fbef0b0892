using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Qingshan.Kernel;

namespace Qingshan.Web.Components;

/// <summary>
/// Base of every interactive back-office page that reads or changes data.
/// <para>
/// A Blazor circuit is one DI scope, so services injected with <c>@inject</c> share one DbContext per module for the
/// whole session, and a page still loading when the user moves on runs two queries on one context at once, which EF
/// refuses (seen on PostgreSQL: the dashboard's statistics were still running when the plot list started, and the
/// circuit died). Module services therefore come from <see cref="Service{T}"/>: each page has its own scope (its own
/// DbContexts) whose <see cref="ActorContext"/> follows the circuit's signed-in actor.
/// </para>
/// <para>
/// The scope outlives the page until the page's work in flight has finished: initialisation is tracked here, other
/// loads (e.g. a table's server data) wrap themselves in <see cref="TrackWork"/>. Work that fails because the user has
/// already left the page is dropped instead of ending the whole session. Within one page, await data calls one after
/// another. A test checks that no interactive page injects a module service directly.
/// </para>
/// <para>
/// Each user action (an event: a click, a submitted form, a changed field) starts on a fresh scope when nothing else
/// of the page is in flight. EF never refreshes an entity it already tracks, so a context kept since the page opened
/// would judge the action by the database as it was then (a second bid from one bidding room reused a sequence another
/// bidder had taken meanwhile); with a scope per action every handler reads the database as it is now.
/// </para>
/// <para>
/// Once the page has rendered in the live circuit with its first load done, it sets <c>data-qs-interactive</c> on the
/// document element to its path (<see cref="InteractiveMarker"/>). Until then the browser may show the prerendered
/// page, whose form fields and buttons are replaced when the circuit attaches (typing is lost, clicks go nowhere); the
/// browser tests wait for the marker before they type or click.
/// </para>
/// </summary>
public abstract class QingshanPage : ComponentBase, IHandleEvent, IHandleAfterRender, IAsyncDisposable
{
    /// <summary>The document element's attribute that names the path of the page that is live in the circuit.</summary>
    public const string InteractiveMarker = "data-qs-interactive";

    private readonly Lock gate = new();
    private readonly CancellationTokenSource leaving = new();
    private AsyncServiceScope? scope;
    private int inFlight;
    private bool disposed;
    private bool afterRenderCalled;
    private bool loadedInteractive;
    private bool marked;

    [Inject]
    private IServiceScopeFactory ScopeFactory { get; set; } = default!;

    [Inject]
    private IJSRuntime MarkerJs { get; set; } = default!;

    [Inject]
    private NavigationManager MarkerNavigation { get; set; } = default!;

    [Inject]
    private ActorContext CircuitActor { get; set; } = default!;

    /// <summary>Cancelled when the user leaves the page: pass it to long queries.</summary>
    protected CancellationToken PageToken => leaving.Token;

    /// <summary>A service from this page's own scope (created on first use).</summary>
    protected T Service<T>()
        where T : notnull
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed && inFlight == 0, this);
            if (scope is null)
            {
                var created = ScopeFactory.CreateAsyncScope();
                created.ServiceProvider.GetRequiredService<ActorContext>().Follow(CircuitActor);
                scope = created;
            }

            return scope.Value.ServiceProvider.GetRequiredService<T>();
        }
    }

    /// <summary>Marks data work in flight (dispose the result when it ends): the page's scope stays until it does.</summary>
    protected IDisposable TrackWork()
    {
        lock (gate)
        {
            inFlight++;
        }

        return new Work(this);
    }

    /// <summary>
    /// Runs an event on a fresh scope (see the class remarks), tracked as work in flight, and re-renders when it
    /// completes, as <see cref="ComponentBase"/> does. An event that fails because the user has left is dropped.
    /// </summary>
    async Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem callback, object? arg)
    {
        StartOperation();
        using var busy = TrackWork();
        var task = callback.InvokeAsync(arg);
        var pending = task.Status is not (TaskStatus.RanToCompletion or TaskStatus.Canceled);
        StateHasChanged();
        if (!pending)
        {
            return;
        }

        try
        {
            await task;
        }
        catch (Exception) when (task.IsCanceled || IsLeft)
        {
            return;
        }

        StateHasChanged();
    }

    /// <summary>Retires the page's scope when no work is in flight, so the next <see cref="Service{T}"/> starts a new one.</summary>
    private void StartOperation()
    {
        AsyncServiceScope? retired = null;
        lock (gate)
        {
            if (!disposed && inFlight == 0 && scope is not null)
            {
                retired = scope;
                scope = null;
            }
        }

        if (retired is { } s)
        {
            _ = s.DisposeAsync().AsTask();
        }
    }

    public override async Task SetParametersAsync(ParameterView parameters)
    {
        using var busy = TrackWork();
        try
        {
            await base.SetParametersAsync(parameters);
        }
        catch (Exception) when (IsLeft)
        {
            // The user left while the page was loading; its half-loaded state is never shown.
            return;
        }

        if (!loadedInteractive && RendererInfo.IsInteractive)
        {
            // The first load in the circuit is done; one more render brings the after-render call that sets the marker.
            loadedInteractive = true;
            StateHasChanged();
        }
    }

    /// <summary>
    /// ComponentBase's after-render call (same first-render bookkeeping), plus the <see cref="InteractiveMarker"/>:
    /// re-implemented here so that pages overriding <see cref="ComponentBase.OnAfterRenderAsync"/> need not call base.
    /// </summary>
    async Task IHandleAfterRender.OnAfterRenderAsync()
    {
        var firstRender = !afterRenderCalled;
        afterRenderCalled = true;
        OnAfterRender(firstRender);
        await OnAfterRenderAsync(firstRender);
        if (loadedInteractive && !marked && !IsLeft)
        {
            marked = true;
            try
            {
                await MarkerJs.InvokeVoidAsync("document.documentElement.setAttribute", InteractiveMarker, new Uri(MarkerNavigation.Uri).AbsolutePath);
            }
            catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
            {
                // Only a test hook: a page whose browser has gone needs no marker.
            }
        }
    }

    /// <summary>True once the page has been left (disposed).</summary>
    protected bool IsLeft
    {
        get
        {
            lock (gate)
            {
                return disposed;
            }
        }
    }

    /// <summary>Release what the page holds (timers, JS modules) before its scope goes.</summary>
    protected virtual ValueTask OnDisposeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        await leaving.CancelAsync();
        await OnDisposeAsync();
        ReleaseScopeIfIdle();
        GC.SuppressFinalize(this);
    }

    private void ReleaseScopeIfIdle()
    {
        AsyncServiceScope? release = null;
        lock (gate)
        {
            if (disposed && inFlight == 0 && scope is not null)
            {
                release = scope;
                scope = null;
            }
        }

        if (release is { } s)
        {
            // DbContext disposal is synchronous work in practice; nothing awaits the page any more.
            _ = s.DisposeAsync().AsTask();
        }
    }

    private sealed class Work(QingshanPage page) : IDisposable
    {
        private bool done;

        public void Dispose()
        {
            if (done)
            {
                return;
            }

            done = true;
            lock (page.gate)
            {
                page.inFlight--;
            }

            page.ReleaseScopeIfIdle();
        }
    }
}
