using Microsoft.EntityFrameworkCore;
using Qingshan.Accounting.Data;
using Qingshan.Accounting.Inputs;
using Qingshan.Accounting.Parameters;
using Qingshan.Kernel;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Watersheds;

namespace Qingshan.Accounting.Runs;

/// <summary>
/// 编制: prepare a run of a watershed for a year with a method version, an approved parameter set and input layers
/// (per-plot quantities). The registry's plots are snapshotted, inputs and parameters are hashed, and the engine
/// checks everything before anything is written: a missing or out-of-range parameter, a negative quantity or a plot
/// outside the watershed is refused naming the parameter or plot. The run is then queued for the background job.
/// </summary>
public sealed record PrepareAccountingRun(Guid WatershedId, int AccountingYear, string MethodId, Guid ParameterSetId, IReadOnlyList<InputLayer> Layers);

public sealed class PrepareAccountingRunHandler(AccountingDb db, WatershedQueries watersheds, PlotQueries plots, AccountingRunQueue queue, TimeProvider clock)
{
    public const int FirstYear = 2000;

    public async Task<Result<Guid>> HandleAsync(PrepareAccountingRun request, CancellationToken ct = default)
    {
        var actor = db.Actor;
        if (!actor.IsInRole(Roles.WaterBureau))
        {
            return AccountingErrors.RunRoleNotAllowed("prepare");
        }

        var thisYear = clock.GetUtcNow().Year;
        if (request.AccountingYear < FirstYear || request.AccountingYear > thisYear)
        {
            return AccountingErrors.RunYearInvalid(request.AccountingYear);
        }

        var method = RunComputation.FindMethod(request.MethodId);
        if (method is null)
        {
            return AccountingErrors.RunMethodUnknown(request.MethodId);
        }

        var watershed = await watersheds.FindAsync(request.WatershedId, ct);
        if (watershed is null)
        {
            return AccountingErrors.RunWatershedNotFound(request.WatershedId.ToString());
        }

        var stored = await db.ParameterSets.FirstOrDefaultAsync(s => s.Id == request.ParameterSetId, ct);
        if (stored is null || !stored.IsVisibleTo(actor))
        {
            return AccountingErrors.ParameterSetNotFound(request.ParameterSetId.ToString());
        }

        if (stored.Status != ParameterSetStatus.Approved)
        {
            return AccountingErrors.ParameterSetNotApproved(stored.Version);
        }

        if (request.Layers.Count == 0 || request.Layers.All(l => l.Plots.Count == 0))
        {
            return AccountingErrors.InputEmpty();
        }

        var snapshot = await SnapshotAsync(request.WatershedId, ct);
        if (snapshot.Count == 0)
        {
            return AccountingErrors.RunWatershedHasNoPlots(watershed.Code);
        }

        var inputs = new RunInputs(snapshot, request.Layers);
        var parameters = stored.ToParameterSet();
        var outcome = RunComputation.Run(method, parameters, request.AccountingYear, inputs, watershed.Code);
        if (outcome.IsFailure)
        {
            return outcome.Error!;
        }

        if (outcome.Value.IsRefused)
        {
            return AccountingErrors.FromIssue(outcome.Value.Errors[0]);
        }

        var at = clock.GetUtcNow();
        var run = AccountingRun.Prepare(watershed.Id, watershed.Code, watershed.Name, watershed.RegionCode, request.AccountingYear, method.Id, stored.Id, stored.Version,
            RunComputation.SerializeInputs(inputs), RunComputation.PlotSetVersion(inputs), RunComputation.InputHash(method, request.AccountingYear, parameters, inputs), snapshot.Count, actor, at);
        stored.MarkUsed();
        db.Runs.Add(run);
        db.Record(at, AccountingEvents.RunPrepared, run.Id.ToString(), run.RegionCode, new
        {
            run.WatershedCode, run.AccountingYear, run.MethodId, run.ParameterSetVersion, run.InputHash, run.PlotSetVersion,
            Layers = request.Layers.Select(l => new { l.Name, Kind = l.Kind.ToString(), l.Version }),
        });
        await db.SaveChangesAsync(ct);
        queue.Enqueue(run.Id);
        return run.Id;
    }

    private async Task<List<PlotSnapshot>> SnapshotAsync(Guid watershedId, CancellationToken ct)
    {
        var rows = new List<PlotSnapshot>();
        for (var page = 1; ; page++)
        {
            var result = await plots.ListAsync(new PlotFilter(watershedId, Page: page, PageSize: 500), ct);
            // Areas to the square metre (4 decimal places of hm²): the registry computes them in double precision,
            // and the snapshot must hash identically on every platform.
            rows.AddRange(result.Rows.Select(r => new PlotSnapshot(r.Code, Math.Round((decimal)r.Area.SquareMetres / 10_000m, 4, MidpointRounding.ToEven), r.LandUseCode)));
            if (rows.Count >= result.Total || result.Rows.Count == 0)
            {
                return rows;
            }
        }
    }
}
