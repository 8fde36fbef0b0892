using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Qingshan.Accounting.Data;
using Qingshan.Accounting.Runs;
using Qingshan.Kernel;
using Qingshan.Tests.Support;
using Qingshan.Valuation.Engine;

namespace Qingshan.Tests.Accounting;

public sealed class AccountingRunTests
{
    [Fact]
    public async Task A_computed_run_stores_every_line_recomputable_and_its_category_and_plot_sums_equal_the_total()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var id = await world.ComputedRunAsync();

        var detail = (await world.DetailAsync(id))!;
        Assert.Equal(RunStatus.Computed, detail.Run.Status);
        Assert.Equal(100, detail.Run.ProgressPercent);
        Assert.Equal(3, detail.PlotCount);
        var report = (await platform.RunAsync(AccountingWorld.Preparer, sp => sp.GetRequiredService<AccountingRunQueries>().ReportAsync(id)))!;
        Assert.Equal(detail.LineCount, report.Lines.Count);
        Assert.NotEmpty(report.Lines);
        Assert.All(report.Lines, l => Assert.Equal(l.Quantity * l.UnitPrice, l.Value));
        Assert.All(report.Lines, l => Assert.False(string.IsNullOrEmpty(l.Source)));
        Assert.All(report.Lines, l => Assert.Equal(AccountingWorld.Year, l.PriceYear));
        Assert.Equal(detail.Run.TotalYuan, detail.MaterialSupplyYuan + detail.RegulatingYuan + detail.CulturalYuan);
        Assert.Equal(detail.Run.TotalYuan, report.Total);

        var breakdown = (await platform.RunAsync(AccountingWorld.Preparer, sp => sp.GetRequiredService<AccountingRunQueries>().BreakdownAsync(id)))!;
        Assert.Equal(detail.Run.TotalYuan, breakdown.ByPlot.Values.Sum());
        Assert.Equal(detail.Run.TotalYuan, breakdown.ByLandUse.Sum(x => x.Value));
        Assert.Equal(detail.Run.TotalYuan, breakdown.ByIndicator.Sum(x => x.Value));
        Assert.Equal(3, breakdown.ByPlot.Count);
        Assert.Equal(detail.CulturalYuan, breakdown.ByLandUse.Where(x => x.Category == ValueCategory.Cultural).Sum(x => x.Value));
        Assert.Contains(breakdown.ByIndicator, i => i.IndicatorCode == "M1" && i.Quantity == 12.5m);
    }

    [Fact]
    public async Task A_preparer_whose_context_still_holds_the_queued_run_can_submit_it_once_the_job_computed_it()
    {
        // A Blazor circuit keeps one DbContext: it prepares the run (tracking it as queued) and later submits it.
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var layer = await AccountingWorld.LayerAsync();
        await using var circuit = platform.As(AccountingWorld.Preparer);
        var id = Registry.Make.Ok(await circuit.ServiceProvider.GetRequiredService<PrepareAccountingRunHandler>().HandleAsync(
            new PrepareAccountingRun(world.Watershed, AccountingWorld.Year, "SWC-practice-2024", world.ParameterSet, [layer])));
        await world.ProcessAsync(id);

        var submitted = await circuit.ServiceProvider.GetRequiredService<AccountingRunTransitionHandler>().HandleAsync(new SubmitAccountingRun(id));

        Assert.True(submitted.IsSuccess, submitted.Error?.ToString());
        Assert.Equal(RunStatus.Submitted, (await world.DetailAsync(id))!.Run.Status);
    }

    [Fact]
    public async Task The_background_worker_computes_a_queued_run_and_reports_100_percent()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var worker = platform.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<AccountingRunWorker>().Single();
        await worker.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var id = Registry.Make.Ok(await world.PrepareAsync());
            var progress = await WaitAsync(platform, id);
            Assert.Equal(RunStatus.Computed, progress.Status);
            Assert.Equal(100, progress.Percent);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_restarted_worker_resumes_runs_left_in_the_queue()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var id = Registry.Make.Ok(await world.PrepareAsync());
        Assert.Equal(RunStatus.Queued, (await world.DetailAsync(id))!.Run.Status);

        // A new process: an empty in-memory queue; only the stored status tells the worker what to do.
        var worker = new AccountingRunWorker(platform.Services.GetRequiredService<IServiceScopeFactory>(), new AccountingRunQueue(), NullLogger<AccountingRunWorker>.Instance);
        await worker.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var progress = await WaitAsync(platform, id);
            Assert.Equal(RunStatus.Computed, progress.Status);
            Assert.Equal(100, progress.Percent);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_run_goes_from_preparation_through_review_to_approval_and_is_then_frozen()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var id = await world.ComputedRunAsync();

        Assert.True((await world.TransitionAsync(AccountingWorld.Preparer, h => h.HandleAsync(new SubmitAccountingRun(id)))).IsSuccess);
        Assert.True((await world.TransitionAsync(AccountingWorld.Reviewer, h => h.HandleAsync(new ReviewAccountingRun(id)))).IsSuccess);
        Assert.True((await world.TransitionAsync(AccountingWorld.Approver, h => h.HandleAsync(new ApproveAccountingRun(id)))).IsSuccess);

        var detail = (await world.DetailAsync(id))!;
        Assert.Equal(RunStatus.Approved, detail.Run.Status);
        Assert.True(detail.IsFrozen);
        Assert.Equal("reviewer", detail.Run.ReviewedBy);
        Assert.Equal("drc", detail.Run.ApprovedBy);

        Assert.Equal("accounting.run.frozen", (await world.TransitionAsync(AccountingWorld.Reviewer, h => h.HandleAsync(new RejectAccountingRun(id, "重算")))).Error?.Code);
        Assert.Equal("accounting.run.frozen", (await world.TransitionAsync(AccountingWorld.Preparer, h => h.HandleAsync(new SubmitAccountingRun(id)))).Error?.Code);
        Assert.Equal("accounting.run.frozen", (await world.TransitionAsync(AccountingWorld.Approver, h => h.HandleAsync(new ApproveAccountingRun(id)))).Error?.Code);
        var recompute = await platform.RunAsync(AccountingWorld.Preparer, sp => sp.GetRequiredService<RecomputeAccountingRunHandler>().HandleAsync(new RecomputeAccountingRun(id)));
        Assert.Equal("accounting.run.frozen", recompute.Error?.Code);

        var values = await platform.RunAsync(AccountingWorld.Approver, sp => sp.GetRequiredService<AccountingRunQueries>().ApprovedPlotValuesAsync(id));
        Assert.True(values.IsSuccess);
        Assert.Equal(detail.Run.TotalYuan, values.Value.Values.Sum());

        await using var scope = platform.AsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AccountingDb>();
        var events = await db.Outbox.Where(o => o.ObjectId == id.ToString()).OrderBy(o => o.Id).Select(o => o.EventType).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["AccountingRunPrepared", "AccountingRunComputed", "AccountingRunSubmitted", "AccountingRunReviewed", "AccountingRunApproved"], events);
    }

    [Fact]
    public async Task The_reviewer_must_be_another_account_than_the_preparer()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var id = await world.ComputedRunAsync();
        Assert.True((await world.TransitionAsync(AccountingWorld.Preparer, h => h.HandleAsync(new SubmitAccountingRun(id)))).IsSuccess);

        var result = await world.TransitionAsync(AccountingWorld.Preparer, h => h.HandleAsync(new ReviewAccountingRun(id)));

        Assert.Equal("accounting.run.reviewer_is_preparer", result.Error?.Code);
        Assert.Equal(RunStatus.Submitted, (await world.DetailAsync(id))!.Run.Status);
    }

    [Fact]
    public async Task Approval_needs_a_leader_role_and_an_account_that_neither_prepared_nor_reviewed()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var id = await world.ComputedRunAsync();
        var op = new Actor("user-op", "op", AccountingWorld.Preparer.Scope, new HashSet<string>([Roles.Operator]), AccountingWorld.County);

        Assert.Equal("accounting.run.wrong_state", (await world.TransitionAsync(AccountingWorld.Approver, h => h.HandleAsync(new ApproveAccountingRun(id)))).Error?.Code);
        Assert.Equal("accounting.run.wrong_state", (await world.TransitionAsync(AccountingWorld.Reviewer, h => h.HandleAsync(new ReviewAccountingRun(id)))).Error?.Code);
        Assert.Equal("accounting.run.role_not_allowed", (await world.TransitionAsync(op, h => h.HandleAsync(new SubmitAccountingRun(id)))).Error?.Code);
        Assert.True((await world.TransitionAsync(AccountingWorld.Preparer, h => h.HandleAsync(new SubmitAccountingRun(id)))).IsSuccess);
        Assert.Equal("accounting.run.role_not_allowed", (await world.TransitionAsync(AccountingWorld.Approver, h => h.HandleAsync(new ReviewAccountingRun(id)))).Error?.Code);
        Assert.True((await world.TransitionAsync(AccountingWorld.Reviewer, h => h.HandleAsync(new ReviewAccountingRun(id)))).IsSuccess);

        Assert.Equal("accounting.run.role_not_allowed", (await world.TransitionAsync(op, h => h.HandleAsync(new ApproveAccountingRun(id)))).Error?.Code);
        Assert.Equal("accounting.run.approver_is_preparer_or_reviewer", (await world.TransitionAsync(AccountingWorld.Reviewer, h => h.HandleAsync(new ApproveAccountingRun(id)))).Error?.Code);
        Assert.Equal("accounting.run.approver_is_preparer_or_reviewer", (await world.TransitionAsync(AccountingWorld.Preparer, h => h.HandleAsync(new ApproveAccountingRun(id)))).Error?.Code);

        var values = await platform.RunAsync(AccountingWorld.Approver, sp => sp.GetRequiredService<AccountingRunQueries>().ApprovedPlotValuesAsync(id));
        Assert.Equal("accounting.run.wrong_state", values.Error?.Code);
    }

    [Fact]
    public async Task A_rejected_run_returns_to_preparation_with_the_comment_and_can_be_resubmitted()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var id = await world.ComputedRunAsync();
        Assert.True((await world.TransitionAsync(AccountingWorld.Preparer, h => h.HandleAsync(new SubmitAccountingRun(id)))).IsSuccess);

        Assert.Equal("accounting.run.comment_required", (await world.TransitionAsync(AccountingWorld.Reviewer, h => h.HandleAsync(new RejectAccountingRun(id, " ")))).Error?.Code);
        Assert.True((await world.TransitionAsync(AccountingWorld.Reviewer, h => h.HandleAsync(new RejectAccountingRun(id, "P-3 土壤保持量偏低，请核实")))).IsSuccess);

        var detail = (await world.DetailAsync(id))!;
        Assert.Equal(RunStatus.Computed, detail.Run.Status);
        Assert.Equal("P-3 土壤保持量偏低，请核实", detail.RejectionComment);
        Assert.Equal("accounting.run.wrong_state", (await world.TransitionAsync(AccountingWorld.Reviewer, h => h.HandleAsync(new RejectAccountingRun(id, "再退")))).Error?.Code);

        var recompute = await platform.RunAsync(AccountingWorld.Preparer, sp => sp.GetRequiredService<RecomputeAccountingRunHandler>().HandleAsync(new RecomputeAccountingRun(id)));
        Assert.True(recompute.IsSuccess);
        Assert.Equal("accounting.run.wrong_state", (await world.TransitionAsync(AccountingWorld.Preparer, h => h.HandleAsync(new SubmitAccountingRun(id)))).Error?.Code);
        await world.ProcessAsync(id);
        Assert.True((await world.TransitionAsync(AccountingWorld.Preparer, h => h.HandleAsync(new SubmitAccountingRun(id)))).IsSuccess);
    }

    [Fact]
    public async Task A_rerun_gives_the_same_input_hash_result_hash_and_values()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var first = await world.ComputedRunAsync();
        var second = await world.ComputedRunAsync();

        var comparison = await platform.RunAsync(AccountingWorld.Reviewer, sp => sp.GetRequiredService<RerunAccountingRunHandler>().HandleAsync(new RerunAccountingRun(first)));
        Assert.True(comparison.IsSuccess, comparison.Error?.ToString());
        Assert.True(comparison.Value.IsIdentical);
        Assert.Equal(0, comparison.Value.DifferingLines);

        var a = (await world.DetailAsync(first))!;
        var b = (await world.DetailAsync(second))!;
        Assert.Equal(64, a.InputHash.Length);
        Assert.Equal(a.InputHash, b.InputHash);
        Assert.Equal(a.ResultHash, b.ResultHash);
        Assert.Equal(a.Run.TotalYuan, b.Run.TotalYuan);

        // Reordering the table's rows or writing 120.50 for 120.5 changes nothing: the canonical form sorts and normalises.
        var reordered = "plot_code,visits,soil_retained_tonnes,npp_dry_matter_tonnes,product:M1:pomelo:Tonne\nP-3,1000,0.3330,7,2.50\nP-2,400,80,12.5,\nP-1,,120.50,30.25,10\n";
        var third = Registry.Make.Ok(await world.PrepareAsync(csv: reordered));
        Assert.Equal(a.InputHash, (await world.DetailAsync(third))!.InputHash);
    }

    [Fact]
    public async Task A_run_refused_for_a_missing_parameter_names_it_and_writes_nothing()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var withoutCarbon = await AccountingWorld.ImportApprovedAsync(platform, new Qingshan.Valuation.Parameters.ParameterSet("no-carbon", "",
            AccountingWorld.Defaults().Where(p => p.Id != Qingshan.Valuation.Parameters.ParameterIds.CarbonPrice)));

        var result = await world.PrepareAsync(parameterSet: withoutCarbon);

        Assert.Equal("accounting.parameter.missing", result.Error?.Code);
        Assert.Equal(Qingshan.Valuation.Parameters.ParameterIds.CarbonPrice, result.Error?.Target);
        await AssertNothingWrittenAsync(platform);
    }

    [Fact]
    public async Task A_price_of_another_year_is_refused_naming_the_parameter()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);

        var result = await world.PrepareAsync(year: 2024);

        Assert.Equal("accounting.parameter.price_year_mismatch", result.Error?.Code);
        Assert.False(string.IsNullOrEmpty(result.Error?.Target));
        await AssertNothingWrittenAsync(platform);
    }

    [Fact]
    public async Task A_plot_outside_the_watershed_is_refused_naming_the_plot_and_nothing_is_written()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);

        var result = await world.PrepareAsync(csv: "plot_code,soil_retained_tonnes\nP-1,10\nQ-1,5\n");

        Assert.Equal("accounting.input.plot_not_in_watershed", result.Error?.Code);
        Assert.Equal("Q-1", result.Error?.Target);
        await AssertNothingWrittenAsync(platform);
    }

    [Fact]
    public async Task Preparation_checks_role_year_method_watershed_scope_and_parameter_approval()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var drcPrepares = await world.PrepareAsync(actor: AccountingWorld.Approver);
        Assert.Equal("accounting.run.role_not_allowed", drcPrepares.Error?.Code);
        Assert.Equal("accounting.run.year_invalid", (await world.PrepareAsync(year: 2030)).Error?.Code);
        Assert.Equal("accounting.run.method_unknown", (await world.PrepareAsync(method: "GEP-1999")).Error?.Code);
        Assert.Equal("accounting.run.watershed_not_found", (await world.PrepareAsync(watershed: world.OtherWatershed)).Error?.Code);

        var draft = Registry.Make.Ok(await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<Qingshan.Accounting.Parameters.ImportParameterSetHandler>()
            .HandleAsync(new Qingshan.Accounting.Parameters.ImportParameterSet(new Qingshan.Valuation.Parameters.ParameterSet("draft", "", AccountingWorld.Defaults())))));
        Assert.Equal("accounting.parameter_set.not_approved", (await world.PrepareAsync(parameterSet: draft)).Error?.Code);
        Assert.Equal("accounting.parameter_set.not_found", (await world.PrepareAsync(parameterSet: Guid.NewGuid())).Error?.Code);
        await AssertNothingWrittenAsync(platform);
    }

    [Fact]
    public async Task A_run_is_invisible_and_untouchable_outside_the_accounts_region()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var id = await world.ComputedRunAsync();

        Assert.Null(await world.DetailAsync(id, AccountingWorld.OtherCounty));
        Assert.Empty(await platform.RunAsync(AccountingWorld.OtherCounty, sp => sp.GetRequiredService<AccountingRunQueries>().ListAsync()));
        Assert.Equal("accounting.run.not_found", (await world.TransitionAsync(AccountingWorld.OtherCounty, h => h.HandleAsync(new SubmitAccountingRun(id)))).Error?.Code);
        var city = TestPlatform.WaterBureau(Registry.Make.City, "city");
        Assert.Single(await platform.RunAsync(city, sp => sp.GetRequiredService<AccountingRunQueries>().ListAsync()));
    }

    private static async Task<RunProgress> WaitAsync(TestPlatform platform, Guid id)
    {
        for (var i = 0; i < 300; i++)
        {
            var progress = (await platform.RunAsync(AccountingWorld.Preparer, sp => sp.GetRequiredService<AccountingRunQueries>().ProgressAsync(id)))!;
            if (progress.IsFinished)
            {
                return progress;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("the run was not computed in 15 s");
    }

    private static async Task AssertNothingWrittenAsync(TestPlatform platform)
    {
        await using var scope = platform.AsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AccountingDb>();
        Assert.Equal(0, await db.Runs.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Lines.CountAsync(TestContext.Current.CancellationToken));
        Assert.False(await db.ParameterSets.AnyAsync(s => s.IsUsed, TestContext.Current.CancellationToken));
        Assert.False(await db.Outbox.AnyAsync(o => o.Module == "accounting" && o.EventType.StartsWith("AccountingRun"), TestContext.Current.CancellationToken));
    }
}
