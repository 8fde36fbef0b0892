using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;

namespace Qingshan.Platform;

/// <summary>
/// What the demo seeding shares: each step runs as a given demo account in a scope of its own, through the real
/// handlers; the seeded data is known good, so a refusal is a defect and stops the seeding with its code.
/// </summary>
internal static class DemoSteps
{
    public static async Task<T> AsAsync<T>(IServiceProvider services, Actor actor, Func<IServiceProvider, Task<T>> step)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Current = actor;
        return await step(scope.ServiceProvider);
    }

    public static T Ok<T>(Result<T> result) => result.IsSuccess ? result.Value : throw new InvalidOperationException($"demo step refused: {result.Error}");

    public static void Ok(Result result)
    {
        if (result.IsFailure)
        {
            throw new InvalidOperationException($"demo step refused: {result.Error}");
        }
    }
}
