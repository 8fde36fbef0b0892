using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qingshan.Accounting.Data;
using Qingshan.Accounting.Reports;
using Qingshan.Kernel;
using Qingshan.Valuation.Engine;

namespace Qingshan.Accounting.Runs;

public sealed record RunRow(Guid Id, string WatershedCode, string WatershedName, string RegionCode, int AccountingYear, string MethodId, string ParameterSetVersion,
    RunStatus Status, int ProgressPercent, decimal TotalYuan, string PreparedBy, DateTimeOffset PreparedAt, string? ReviewedBy, string? ApprovedBy);

public sealed record RunProgress(Guid Id, RunStatus Status, int Percent)
{
    public bool IsFinished => Status is not (RunStatus.Queued or RunStatus.Computing);
}

public sealed record RunDetail(
    RunRow Run,
    Guid ParameterSetId,
    string InputHash,
    string? ResultHash,
    string PlotSetVersion,
    IReadOnlyList<string> InputLayers,
    int PlotCount,
    int LineCount,
    decimal MaterialSupplyYuan,
    decimal RegulatingYuan,
    decimal CulturalYuan,
    IReadOnlyList<StoredIssue> Issues,
    IReadOnlyList<string> ChecksPerformed,
    string? SubmittedBy,
    string? RejectionComment,
    string? RejectedBy,
    DateTimeOffset? ComputedAt,
    DateTimeOffset? ApprovedAt)
{
    public bool IsFrozen => Run.Status == RunStatus.Approved;

    /// <summary>The run's parameter set holds illustrative (demo) parameters: every view prints <see cref="Valuation.Parameters.IllustrativeParameters.Warning"/>.</summary>
    public bool UsesIllustrativeParameters { get; init; }

    /// <summary>Content hash of the run's (immutable) parameter set.</summary>
    public string ParameterSetHash { get; init; } = "";
}

public sealed record IndicatorValue(string IndicatorCode, string IndicatorName, ValueCategory Category, decimal? Quantity, string? Unit, decimal Value);

public sealed record LandUseValue(string LandUseCode, ValueCategory Category, decimal Value);

/// <summary>Totals of a run by indicator and by land use × category (method doc 6.5), summed in memory (decimals are TEXT on SQLite).</summary>
public sealed record RunBreakdown(IReadOnlyList<IndicatorValue> ByIndicator, IReadOnlyList<LandUseValue> ByLandUse, IReadOnlyDictionary<string, decimal> ByPlot);

/// <summary>What a rerun found: identical inputs hash and identical lines, or where they differ.</summary>
public sealed record RerunComparison(string StoredInputHash, string RecomputedInputHash, string? StoredResultHash, string RecomputedResultHash, int DifferingLines)
{
    public bool IsIdentical => StoredInputHash == RecomputedInputHash && StoredResultHash == RecomputedResultHash && DifferingLines == 0;
}

public sealed class AccountingRunQueries(AccountingDb db)
{
    public async Task<List<RunRow>> ListAsync(Guid? watershedId = null, CancellationToken ct = default)
    {
        var q = db.Runs.AsNoTracking();
        if (watershedId is { } w)
        {
            q = q.Where(r => r.WatershedId == w);
        }

        var runs = await q.OrderByDescending(r => r.PreparedAt).ToListAsync(ct);
        return [.. runs.Select(ToRow)];
    }

    public async Task<RunProgress?> ProgressAsync(Guid id, CancellationToken ct = default) =>
        await db.Runs.AsNoTracking().Where(r => r.Id == id).Select(r => new RunProgress(r.Id, r.Status, r.ProgressPercent)).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Waits for the background worker: polls the run's progress until it has finished (computed or failed). Null when
    /// the run does not exist or is outside the caller's scope; <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task<RunProgress?> WaitUntilFinishedAsync(Guid id, TimeSpan timeout, CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var progress = await ProgressAsync(id, ct);
            if (progress is null || progress.IsFinished)
            {
                return progress;
            }

            if (started.Elapsed > timeout)
            {
                throw new TimeoutException($"accounting run {id} did not finish within {timeout}");
            }

            await Task.Delay(200, ct);
        }
    }

    public async Task<RunDetail?> DetailAsync(Guid id, CancellationToken ct = default)
    {
        var r = await db.Runs.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return null;
        }

        var inputs = RunComputation.DeserializeInputs(r.InputsJson);
        var set = await db.ParameterSets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == r.ParameterSetId, ct);
        return new RunDetail(ToRow(r), r.ParameterSetId, r.InputHash, r.ResultHash, r.PlotSetVersion,
            [.. inputs.Layers.Select(l => $"{l.Name}（{l.Kind}，{l.Version}，{l.Plots.Count} 个地块）")], r.PlotCount, r.LineCount,
            r.MaterialSupplyYuan, r.RegulatingYuan, r.CulturalYuan, RunComputation.DeserializeIssues(r.IssuesJson),
            JsonSerializer.Deserialize<List<string>>(r.ChecksJson) ?? [], r.SubmittedBy, r.RejectionComment, r.RejectedBy, r.ComputedAt, r.ApprovedAt)
        {
            UsesIllustrativeParameters = set is not null && Valuation.Parameters.IllustrativeParameters.AnyIn(set.ToParameterSet()),
            ParameterSetHash = set?.ContentHash ?? "",
        };
    }

    /// <summary>Every stored line, as the report and the CSV/JSON/Excel exports show it.</summary>
    public async Task<RunReport?> ReportAsync(Guid id, CancellationToken ct = default)
    {
        var r = await db.Runs.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return null;
        }

        var lines = await LinesAsync(id, ct);
        var set = await db.ParameterSets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == r.ParameterSetId, ct);
        var header = new RunReportHeader($"{r.WatershedName}（{r.WatershedCode}）", r.AccountingYear, r.MethodId, r.ParameterSetVersion, r.InputHash, r.ResultHash, r.Status.ToString())
        {
            ParameterSetHash = set?.ContentHash,
            PlotSetVersion = r.PlotSetVersion,
            PreparedBy = r.PreparedBy,
            ReviewedBy = r.ReviewedBy,
            ApprovedBy = r.ApprovedBy,
            ApprovedAt = r.ApprovedAt,
        };
        return new RunReport(header, lines)
        {
            Plots = RunComputation.DeserializeInputs(r.InputsJson).Plots,
            Warnings = RunComputation.DeserializeIssues(r.IssuesJson),
        };
    }

    public async Task<RunBreakdown?> BreakdownAsync(Guid id, CancellationToken ct = default)
    {
        if (!await db.Runs.AnyAsync(r => r.Id == id, ct))
        {
            return null;
        }

        var rows = await db.Lines.AsNoTracking().Where(l => l.RunId == id).ToListAsync(ct);
        var byIndicator = rows.GroupBy(l => l.IndicatorCode, StringComparer.Ordinal).Select(g =>
        {
            var def = IndicatorCatalog.Get(new IndicatorId(g.Key));
            // One indicator quantity per plot (repeated on each of its lines); summed only when all share one unit.
            var perPlot = g.GroupBy(l => l.PlotCode, StringComparer.Ordinal).Select(p => p.First()).ToList();
            var units = perPlot.Select(p => p.IndicatorUnit).Distinct(StringComparer.Ordinal).ToList();
            var quantity = units.Count == 1 && units[0] is not null && perPlot.All(p => p.IndicatorQuantity is not null) ? perPlot.Sum(p => p.IndicatorQuantity!.Value) : (decimal?)null;
            return new IndicatorValue(g.Key, def.NameZh, def.Category, quantity, quantity is null ? null : units[0], g.Sum(l => l.Value));
        }).OrderBy(i => i.Category).ThenBy(i => i.IndicatorCode, StringComparer.Ordinal).ToList();
        var byLandUse = rows.GroupBy(l => (l.LandUseCode, l.Category))
            .Select(g => new LandUseValue(g.Key.LandUseCode, (ValueCategory)g.Key.Category, g.Sum(l => l.Value)))
            .OrderBy(x => x.LandUseCode, StringComparer.Ordinal).ThenBy(x => x.Category).ToList();
        var byPlot = rows.GroupBy(l => l.PlotCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(l => l.Value), StringComparer.Ordinal);
        return new RunBreakdown(byIndicator, byLandUse, byPlot);
    }

    /// <summary>Value per hectare of every plot of a run (areas from the run's own snapshot), classed for the map.</summary>
    public async Task<(IReadOnlyList<PlotValueDensity> Plots, IReadOnlyList<DensityClass> Classes)?> ValueDensityAsync(Guid id, CancellationToken ct = default)
    {
        var r = await db.Runs.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return null;
        }

        var byPlot = (await db.Lines.AsNoTracking().Where(l => l.RunId == id).Select(l => new { l.PlotCode, l.Value }).ToListAsync(ct))
            .GroupBy(l => l.PlotCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(l => l.Value), StringComparer.Ordinal);
        var plots = RunComputation.DeserializeInputs(r.InputsJson).Plots;
        return ValueDensity.Classify(plots.Select(p => (p.Code, p.LandUseCode, p.AreaHectares, byPlot.GetValueOrDefault(p.Code))));
    }

    /// <summary>
    /// Value per plot of an approved (frozen) run: what appraisal and trading may use. A run that is not approved is
    /// refused, so no unapproved figure reaches a price.
    /// </summary>
    public async Task<Result<IReadOnlyDictionary<string, decimal>>> ApprovedPlotValuesAsync(Guid id, CancellationToken ct = default)
    {
        var r = await db.Runs.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return AccountingErrors.RunNotFound(id.ToString());
        }

        if (r.Status != RunStatus.Approved)
        {
            return AccountingErrors.RunWrongState(r.Status.ToString());
        }

        var breakdown = await BreakdownAsync(id, ct);
        return Result<IReadOnlyDictionary<string, decimal>>.Success(breakdown!.ByPlot);
    }

    internal async Task<List<ResultLine>> LinesAsync(Guid id, CancellationToken ct)
    {
        var rows = await db.Lines.AsNoTracking().Where(l => l.RunId == id).OrderBy(l => l.Ordinal).ToListAsync(ct);
        return [.. rows.Select(l => new ResultLine(l.PlotCode, l.LandUseCode, l.IndicatorCode, IndicatorCatalog.Get(new IndicatorId(l.IndicatorCode)).NameZh, (ValueCategory)l.Category,
            l.Component, l.Quantity, l.Unit, l.UnitPrice, l.PriceUnit, l.PriceYear, l.ParameterId, l.Source, l.Evidence, l.Value))];
    }

    private static RunRow ToRow(AccountingRun r) =>
        new(r.Id, r.WatershedCode, r.WatershedName, r.RegionCode, r.AccountingYear, r.MethodId, r.ParameterSetVersion, r.Status, r.ProgressPercent, r.TotalYuan, r.PreparedBy, r.PreparedAt, r.ReviewedBy, r.ApprovedBy);
}

/// <summary>
/// Reproducibility check: recompute a stored run from its stored inputs and (immutable) parameter set, and compare
/// the input hash, the result hash and every line with what is stored. Writes nothing, so it works on frozen runs.
/// </summary>
public sealed record RerunAccountingRun(Guid Id);

public sealed class RerunAccountingRunHandler(AccountingDb db, AccountingRunQueries queries)
{
    public async Task<Result<RerunComparison>> HandleAsync(RerunAccountingRun request, CancellationToken ct = default)
    {
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == request.Id, ct);
        if (run is null)
        {
            return AccountingErrors.RunNotFound(request.Id.ToString());
        }

        if (run.ResultHash is null)
        {
            return AccountingErrors.RunNotComputed();
        }

        var stored = await db.ParameterSets.AsNoTracking().FirstAsync(s => s.Id == run.ParameterSetId, ct);
        var method = RunComputation.FindMethod(run.MethodId)!;
        var inputs = RunComputation.DeserializeInputs(run.InputsJson);
        var parameters = stored.ToParameterSet();
        var outcome = RunComputation.Run(method, parameters, run.AccountingYear, inputs, run.WatershedCode);
        if (outcome.IsFailure)
        {
            return outcome.Error!;
        }

        if (outcome.Value.IsRefused)
        {
            return AccountingErrors.FromIssue(outcome.Value.Errors[0]);
        }

        var recomputed = RunComputation.Lines(outcome.Value.Run!);
        var storedLines = await queries.LinesAsync(run.Id, ct);
        var differing = Math.Abs(recomputed.Count - storedLines.Count);
        for (var i = 0; i < Math.Min(recomputed.Count, storedLines.Count); i++)
        {
            if (recomputed[i] != storedLines[i])
            {
                differing++;
            }
        }

        return new RerunComparison(run.InputHash, RunComputation.InputHash(method, run.AccountingYear, parameters, inputs), run.ResultHash,
            RunComputation.ResultHash(recomputed), differing);
    }
}
