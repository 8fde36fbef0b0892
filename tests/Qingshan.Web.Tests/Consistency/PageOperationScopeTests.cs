using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Qingshan.Kernel;
using Qingshan.Web.Components;

namespace Qingshan.Web.Tests.Consistency;

/// <summary>
/// Each user action on an interactive page starts on fresh module services (fresh DbContexts), unless the page still
/// has work in flight; the retired scope is disposed. See <see cref="QingshanPage"/>.
/// </summary>
public sealed class PageOperationScopeTests
{
    [Fact]
    public async Task An_event_starts_on_a_fresh_scope_and_the_old_one_is_disposed()
    {
        await using var host = await Host.RenderAsync();
        var page = host.Page;
        var opened = await host.Dispatch(() => page.Probe());

        Probe? during = null;
        await host.Event(page, () => during = page.Probe());

        Assert.NotNull(during);
        Assert.NotSame(opened, during);
        Assert.True(opened.Disposed, "the scope the page opened with was not disposed after the next action");
        Assert.False(during.Disposed);
        Assert.Equal("jp_water", during.Actor.Current.UserName);

        // Within one action the page keeps one scope.
        Probe? first = null, second = null;
        await host.Event(page, () => (first, second) = (page.Probe(), page.Probe()));
        Assert.Same(first, second);
        Assert.NotSame(during, first);
    }

    [Fact]
    public async Task While_earlier_work_is_in_flight_an_event_keeps_the_scope()
    {
        await using var host = await Host.RenderAsync();
        var page = host.Page;
        var loading = new TaskCompletionSource();
        Probe? loader = null;
        await host.Dispatch(() =>
        {
            loader = page.Probe();
            page.StartSlowLoad(loading.Task);
            return loader;
        });

        Probe? during = null;
        await host.Event(page, () => during = page.Probe());

        Assert.Same(loader, during);
        Assert.False(loader!.Disposed);
        loading.SetResult();
    }

    [Fact]
    public async Task An_async_action_is_tracked_so_leaving_the_page_does_not_dispose_its_scope_under_it()
    {
        await using var host = await Host.RenderAsync();
        var page = host.Page;
        var gate = new TaskCompletionSource();
        Probe? used = null;
        var action = host.Dispatcher.InvokeAsync(() => ((IHandleEvent)page).HandleEventAsync(
            new EventCallbackWorkItem(new Func<Task>(async () =>
            {
                used = page.Probe();
                await gate.Task;
            })), null));

        await host.Dispatcher.InvokeAsync(async () => await page.DisposeAsync());
        Assert.NotNull(used);
        Assert.False(used.Disposed, "the action's scope went away while the action was still running");

        gate.SetResult();
        await action;
        for (var i = 0; i < 50 && !used.Disposed; i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.True(used.Disposed);
    }

    /// <summary>A scoped service standing in for a module DbContext.</summary>
    public sealed class Probe(ActorContext actor) : IDisposable
    {
        public ActorContext Actor { get; } = actor;

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    public sealed class Registration
    {
        public ProbePage? Page { get; set; }
    }

    public sealed class ProbePage : QingshanPage
    {
        [Inject]
        private Registration Registration { get; set; } = default!;

        public Probe Probe() => Service<Probe>();

        public void StartSlowLoad(Task until)
        {
            var busy = TrackWork();
            _ = until.ContinueWith(_ => busy.Dispose(), TaskScheduler.Default);
        }

        protected override void OnInitialized() => Registration.Page = this;
    }

    /// <summary>Static rendering has no browser; the page's live marker is never set here.</summary>
    private sealed class NoBrowser : Microsoft.JSInterop.IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => throw new InvalidOperationException("no browser");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => throw new InvalidOperationException("no browser");
    }

    private sealed class ProbeNavigation : NavigationManager
    {
        public ProbeNavigation() => Initialize("http://localhost/", "http://localhost/probe");
    }

    private sealed class Host : IAsyncDisposable
    {
        private readonly ServiceProvider services;
        private readonly HtmlRenderer renderer;

        private Host(ServiceProvider services)
        {
            this.services = services;
            renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        }

        public ProbePage Page => services.GetRequiredService<Registration>().Page!;

        public Dispatcher Dispatcher => renderer.Dispatcher;

        public static async Task<Host> RenderAsync()
        {
            var collection = new ServiceCollection();
            collection.AddScoped<ActorContext>();
            collection.AddScoped<Probe>();
            collection.AddSingleton<Registration>();
            collection.AddSingleton<Microsoft.JSInterop.IJSRuntime, NoBrowser>();
            collection.AddSingleton<NavigationManager, ProbeNavigation>();
            var provider = collection.BuildServiceProvider();
            // The circuit's actor, which every page scope follows.
            provider.GetRequiredService<ActorContext>().Current = new Actor("u1", "jp_water", RegionScope.All, new HashSet<string>([Roles.WaterBureau]), null);
            var host = new Host(provider);
            await host.renderer.Dispatcher.InvokeAsync(() => host.renderer.RenderComponentAsync<ProbePage>());
            return host;
        }

        public Task<T> Dispatch<T>(Func<T> work) => renderer.Dispatcher.InvokeAsync(work);

        public Task Event(ProbePage page, Action action) =>
            renderer.Dispatcher.InvokeAsync(() => ((IHandleEvent)page).HandleEventAsync(new EventCallbackWorkItem(action), null));

        public async ValueTask DisposeAsync()
        {
            await renderer.DisposeAsync();
            await services.DisposeAsync();
        }
    }
}
