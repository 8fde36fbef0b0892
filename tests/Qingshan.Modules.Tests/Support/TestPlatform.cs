using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Platform;

namespace Qingshan.Tests.Support;

/// <summary>
/// The real platform (every module, real DI) on a fresh database, with a fake clock. Handlers run as the actor
/// given to <see cref="As"/>.
/// </summary>
public sealed class TestPlatform : IAsyncDisposable
{
    private readonly TestDatabase database;

    private TestPlatform(TestDatabase database, ServiceProvider services, FakeTimeProvider clock)
    {
        this.database = database;
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public bool IsPostgres => database.Options.IsPostgres;

    /// <summary>The store, for a second process-like client (the CLI tests pass it as <c>--db</c>).</summary>
    public Qingshan.Data.DatabaseOptions DatabaseOptions => database.Options;

    /// <summary>2026-03-02 09:00 China time: inside a first quarter, so catalog adjustments are allowed unless a test moves the clock.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    public static async Task<TestPlatform> CreateAsync(DateTimeOffset? now = null)
    {
        var db = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(now ?? DefaultNow);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock);
        services.AddQingshanPlatform(db.Options);
        return new TestPlatform(db, services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }), clock);
    }

    /// <summary>A DI scope acting as the given actor.</summary>
    public AsyncServiceScope As(Actor actor)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Current = actor;
        return scope;
    }

    public AsyncServiceScope AsSystem() => As(Actor.System);

    /// <summary>A water-bureau actor of a region (county, city or province code).</summary>
    public static Actor WaterBureau(string region, string name = "tester") =>
        new($"user-{name}", name, RegionScope.Of(AdminDivisionCode.Parse(region)), new HashSet<string>([Roles.WaterBureau]), region);

    public async Task<T> RunAsync<T>(Actor actor, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = As(actor);
        return await action(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await database.DisposeAsync();
    }
}
