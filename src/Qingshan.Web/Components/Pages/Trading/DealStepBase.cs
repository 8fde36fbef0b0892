using Microsoft.AspNetCore.Components;
using MudBlazor;
using Qingshan.Kernel;
using Qingshan.Trading.Deals;
using Qingshan.Web.Errors;

namespace Qingshan.Web.Components.Pages.Trading;

/// <summary>
/// A step page of one deal: loads the deal card, runs one feature handler and shows its refusal's zh-CN message. Loads
/// run one after another (one DbContext per page, see <see cref="QingshanPage"/>).
/// </summary>
public abstract class DealStepBase : QingshanPage
{
    [Parameter]
    public Guid Id { get; set; }

    protected DealQueries Queries => Service<DealQueries>();

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    protected DealCard? Card { get; private set; }

    /// <summary>The last refusal, shown on the page (and in a snackbar).</summary>
    protected string? Refusal { get; private set; }

    protected bool Busy { get; private set; }

    protected override async Task OnParametersSetAsync() => await ReloadAsync();

    /// <summary>Every read and step of the page takes turns: a timer refresh never overlaps a click on the page's DbContext.</summary>
    private readonly SemaphoreSlim gate = new(1, 1);

    protected async Task ReloadAsync()
    {
        using var work = TrackWork();
        await gate.WaitAsync();
        try
        {
            await LoadCoreAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task LoadCoreAsync()
    {
        Card = await Queries.CardAsync(Id);
        if (Card is not null)
        {
            await LoadAsync();
        }
    }

    /// <summary>The page's own reads, after the card.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected async Task RunAsync(Func<Task<Result>> action, string done)
    {
        if (Busy)
        {
            return;
        }

        Busy = true;
        using var work = TrackWork();
        await gate.WaitAsync();
        try
        {
            var result = await action();
            if (result.IsFailure)
            {
                Refusal = ErrorMessages.For(result.Error!);
                Snackbar.Add(Refusal, Severity.Error);
                return;
            }

            Refusal = null;
            if (done.Length > 0)
            {
                Snackbar.Add(done, Severity.Success);
            }

            await LoadCoreAsync();
        }
        finally
        {
            gate.Release();
            Busy = false;
        }
    }

    protected Task RunAsync<T>(Func<Task<Result<T>>> action, string done) =>
        RunAsync(async () =>
        {
            var r = await action();
            return r.IsSuccess ? Result.Success() : Result.Failure(r.Error!);
        }, done);
}
