using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshan.Accounting.Data;
using Qingshan.Accounting.Inputs;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Valuation.Engine;

namespace Qingshan.Accounting.Runs;

/// <summary>The in-process queue of runs to compute (singleton). The store is the truth: a restart re-reads queued runs.</summary>
public sealed class AccountingRunQueue
{
    private readonly Channel<Guid> channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Guid runId) => channel.Writer.TryWrite(runId);

    internal ChannelReader<Guid> Reader => channel.Reader;
}

/// <summary>
/// Computes one queued run: progress is stored in the run row at each stage (readable by
/// <see cref="AccountingRunQueries.ProgressAsync"/>); the lines, totals, hashes and status are written in one
/// transaction, replacing any earlier lines, so a crash leaves either the old state or the new one.
/// Two processors may pick up one run (two app instances, or a restart's resume racing the queue): the result is
/// written under the run's lock and only while the run is still computing, so the second one discards its result
/// instead of writing a second set of lines.
/// </summary>
public sealed class AccountingRunProcessor(AccountingDb db, TimeProvider clock)
{
    public async Task ProcessAsync(Guid runId, CancellationToken ct = default)
    {
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null || run.Status is not (RunStatus.Queued or RunStatus.Computing))
        {
            return;
        }

        run.StartComputing();
        await ProgressAsync(run, 10, ct);

        var stored = await db.ParameterSets.AsNoTracking().FirstAsync(s => s.Id == run.ParameterSetId, ct);
        var method = RunComputation.FindMethod(run.MethodId) ?? throw new InvalidOperationException($"run {run.Id} names unknown method {run.MethodId}");
        var inputs = RunComputation.DeserializeInputs(run.InputsJson);
        await ProgressAsync(run, 30, ct);

        var outcome = RunComputation.Run(method, stored.ToParameterSet(), run.AccountingYear, inputs, run.WatershedCode);
        var at = clock.GetUtcNow();
        if (outcome.IsFailure || outcome.Value.IsRefused)
        {
            var issues = outcome.IsFailure
                ? [new Valuation.ValidationIssue(outcome.Error!.Code, Valuation.IssueSeverity.Error, outcome.Error.Target ?? "", outcome.Error.Args)]
                : outcome.Value.Errors;
            await using var failTx = await db.Database.BeginTransactionAsync(ct);
            if (!await StillComputingAsync(run.Id, ct))
            {
                return;
            }

            run.Fail(RunComputation.SerializeIssues(issues), at);
            db.Record(at, AccountingEvents.RunFailed, run.Id.ToString(), run.RegionCode, new { Errors = issues.Select(i => i.ToString()) });
            await db.SaveChangesAsync(ct);
            await failTx.CommitAsync(ct);
            return;
        }

        var valuation = outcome.Value.Run!;
        await ProgressAsync(run, 70, ct);
        var lines = RunComputation.Lines(valuation);
        var resultHash = RunComputation.ResultHash(lines);
        var rows = ToRows(run.Id, valuation);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await StillComputingAsync(run.Id, ct))
        {
            return;
        }

        await db.Lines.Where(l => l.RunId == run.Id).ExecuteDeleteAsync(ct);
        db.Lines.AddRange(rows);
        var totals = valuation.Totals;
        run.Complete(resultHash, rows.Count, totals.MaterialSupply, totals.Regulating, totals.Cultural, totals.Total,
            RunComputation.SerializeIssues(valuation.Warnings), System.Text.Json.JsonSerializer.Serialize(valuation.ChecksPerformed), at);
        db.Record(at, AccountingEvents.RunComputed, run.Id.ToString(), run.RegionCode, new { run.InputHash, run.ResultHash, run.TotalYuan, run.LineCount });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Inside the result's transaction: takes the run's lock and reads its status from the store (not the tracked copy).
    /// False when another processor has already written a result meanwhile.
    /// </summary>
    private async Task<bool> StillComputingAsync(Guid runId, CancellationToken ct)
    {
        await DbLocks.AcquireAsync(db, "accounting.run:" + runId.ToString("N"), ct);
        var status = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => r.Status).FirstOrDefaultAsync(ct);
        return status == RunStatus.Computing;
    }

    private async Task ProgressAsync(AccountingRun run, int percent, CancellationToken ct)
    {
        run.ReportProgress(percent);
        await db.SaveChangesAsync(ct);
    }

    internal static List<RunLine> ToRows(Guid runId, ValuationRun valuation)
    {
        var rows = new List<RunLine>();
        foreach (var v in valuation.Values)
        {
            foreach (var l in Reports.ResultLine.From(v))
            {
                rows.Add(new RunLine
                {
                    RunId = runId,
                    Ordinal = rows.Count,
                    PlotCode = l.PlotCode,
                    LandUseCode = l.LandUseCode,
                    IndicatorCode = l.IndicatorCode,
                    Category = (int)l.Category,
                    IndicatorQuantity = v.Quantity,
                    IndicatorUnit = v.Unit is { } u ? Valuation.Quantities.QuantityUnits.Symbol(u) : null,
                    Component = l.Component,
                    Quantity = l.Quantity,
                    Unit = l.Unit,
                    UnitPrice = l.UnitPrice,
                    PriceUnit = l.PriceUnit,
                    PriceYear = l.PriceYear,
                    ParameterId = l.ParameterId,
                    Source = l.Source,
                    Evidence = l.Evidence,
                    Value = l.Value,
                });
            }
        }

        return rows;
    }
}

/// <summary>
/// The background job: on start it re-queues every run left queued or computing (a restart resumes them), then
/// computes runs one at a time as the platform system actor.
/// </summary>
public sealed class AccountingRunWorker(IServiceScopeFactory scopes, AccountingRunQueue queue, ILogger<AccountingRunWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ResumeAsync(stoppingToken);
        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System;
                await scope.ServiceProvider.GetRequiredService<AccountingRunProcessor>().ProcessAsync(id, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Accounting run {RunId} could not be computed", id);
            }
        }
    }

    private async Task ResumeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System;
        var db = scope.ServiceProvider.GetRequiredService<AccountingDb>();
        try
        {
            var pending = await db.Runs.Where(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Computing).Select(r => r.Id).ToListAsync(ct);
            foreach (var id in pending)
            {
                queue.Enqueue(id);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A store without the accounting tables yet (migrations pending) has nothing to resume.
            log.LogWarning(e, "Queued accounting runs could not be read");
        }
    }
}
