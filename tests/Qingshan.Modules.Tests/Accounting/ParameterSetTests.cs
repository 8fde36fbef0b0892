using Microsoft.Extensions.DependencyInjection;
using Qingshan.Accounting.Parameters;
using Qingshan.Kernel;
using Qingshan.Tests.Support;
using Qingshan.Valuation.Parameters;

namespace Qingshan.Tests.Accounting;

public sealed class ParameterSetTests
{
    private static readonly Actor CountyBureau = AccountingWorld.Preparer;
    private static readonly Actor CountyDrc = AccountingWorld.Approver;

    [Fact]
    public async Task A_county_derives_its_own_set_sees_the_diff_and_may_run_on_it_once_approved()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var overrides = new[] { AccountingWorld.Coefficient(ParameterIds.SoilBulkDensity, 1.35m, "t/m³"), AccountingWorld.Price("custom.local_fee", 12m) };

        var derived = await Derive(platform, CountyBureau, world.ParameterSet, "211322-2025.1", overrides, [ParameterIds.ReservoirCost]);
        Assert.True(derived.IsSuccess, derived.Error?.ToString());

        var diff = await platform.RunAsync(CountyBureau, sp => sp.GetRequiredService<ParameterSetQueries>().DiffAsync(world.ParameterSet, derived.Value));
        Assert.Equal(
            [("custom.local_fee", ParameterChangeKind.Added), (ParameterIds.SoilBulkDensity, ParameterChangeKind.Changed), (ParameterIds.ReservoirCost, ParameterChangeKind.Removed)],
            diff.Value.Select(c => (c.Id, c.Kind)).OrderBy(c => c.Id, StringComparer.Ordinal).ToArray());

        var rows = await platform.RunAsync(CountyBureau, sp => sp.GetRequiredService<ParameterSetQueries>().ListAsync());
        var row = rows.Single(r => r.Id == derived.Value);
        Assert.Equal("test-2025", row.BasedOnVersion);
        Assert.Equal(ParameterSetStatus.Draft, row.Status);
        Assert.Equal("accounting.parameter_set.not_approved", (await world.PrepareAsync(parameterSet: derived.Value)).Error?.Code);

        Assert.Equal("accounting.parameter_set.approver_is_author", (await Approve(platform, CountyBureau, derived.Value)).Error?.Code);
        Assert.True((await Approve(platform, CountyDrc, derived.Value)).IsSuccess);
        Assert.Equal("accounting.parameter_set.already_approved", (await Approve(platform, AccountingWorld.Reviewer, derived.Value)).Error?.Code);
        Assert.True((await world.PrepareAsync(parameterSet: derived.Value)).IsSuccess);

        // The other county does not see this county's set; the national one stays visible to all.
        var other = await platform.RunAsync(AccountingWorld.OtherCounty, sp => sp.GetRequiredService<ParameterSetQueries>().ListAsync());
        Assert.DoesNotContain(other, r => r.Id == derived.Value);
        Assert.Contains(other, r => r.Id == world.ParameterSet);
    }

    [Fact]
    public async Task A_set_a_run_has_used_can_no_longer_change()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var draft = (await Derive(platform, CountyBureau, world.ParameterSet, "county-draft", [], [])).Value;

        var edit = new UpdateParameterSet(draft, [.. AccountingWorld.Defaults(), AccountingWorld.Price("custom.fee", 3m)]);
        Assert.True((await Update(platform, CountyBureau, edit)).IsSuccess);
        Assert.True((await Approve(platform, CountyDrc, draft)).IsSuccess);
        Assert.Equal("accounting.parameter_set.already_approved", (await Update(platform, CountyBureau, edit)).Error?.Code);

        Assert.True((await world.PrepareAsync(parameterSet: draft)).IsSuccess);
        var rows = await platform.RunAsync(CountyBureau, sp => sp.GetRequiredService<ParameterSetQueries>().ListAsync());
        Assert.True(rows.Single(r => r.Id == draft).IsUsed);
        Assert.Equal("accounting.parameter_set.in_use", (await Update(platform, CountyBureau, edit)).Error?.Code);
    }

    [Fact]
    public async Task An_out_of_range_parameter_is_refused_naming_the_parameter()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);

        var result = await Derive(platform, CountyBureau, world.ParameterSet, "bad-density", [AccountingWorld.Coefficient(ParameterIds.SoilBulkDensity, 2.5m, "t/m³")], []);

        Assert.Equal("accounting.parameter.out_of_range", result.Error?.Code);
        Assert.Equal(ParameterIds.SoilBulkDensity, result.Error?.Target);
    }

    [Fact]
    public async Task Versions_are_unique_and_writes_stay_inside_the_accounts_scope()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);

        Assert.Equal("accounting.parameter_set.version_taken", (await Derive(platform, CountyBureau, world.ParameterSet, "test-2025", [], [])).Error?.Code);
        Assert.Equal("accounting.run.role_not_allowed", (await Derive(platform, CountyBureau, world.ParameterSet, "for-other", [], [], Registry.Make.OtherCounty)).Error?.Code);
        var national = await platform.RunAsync(CountyBureau, sp => sp.GetRequiredService<ImportParameterSetHandler>().HandleAsync(new ImportParameterSet(new ParameterSet("national-by-county", "", AccountingWorld.Defaults()))));
        Assert.Equal("accounting.run.role_not_allowed", national.Error?.Code);
        Assert.Equal("accounting.parameter_set.not_found", (await Derive(platform, CountyBureau, Guid.NewGuid(), "x", [], [])).Error?.Code);
    }

    [Fact]
    public async Task The_json_form_of_a_set_reads_back_to_the_same_parameters()
    {
        var set = SeedParameters.Reference();
        var read = ParameterSetJson.Read(ParameterSetJson.Write(set));
        Assert.True(read.IsSuccess, read.Error?.ToString());
        Assert.Empty(ParameterSet.Diff(set, read.Value));
        Assert.Equal(set.Version, read.Value.Version);
        Assert.Equal("accounting.parameter_set.invalid", ParameterSetJson.Read("{ not json").Error?.Code);
        await Task.CompletedTask;
    }

    private static Task<Result<Guid>> Derive(TestPlatform platform, Actor actor, Guid baseId, string version, Parameter[] overrides, string[] removals, string region = AccountingWorld.County) =>
        platform.RunAsync(actor, sp => sp.GetRequiredService<DeriveParameterSetHandler>().HandleAsync(new DeriveParameterSet(baseId, version, region, overrides, removals)));

    private static Task<Result> Approve(TestPlatform platform, Actor actor, Guid id) =>
        platform.RunAsync(actor, sp => sp.GetRequiredService<ApproveParameterSetHandler>().HandleAsync(new ApproveParameterSet(id)));

    private static Task<Result> Update(TestPlatform platform, Actor actor, UpdateParameterSet request) =>
        platform.RunAsync(actor, sp => sp.GetRequiredService<UpdateParameterSetHandler>().HandleAsync(request));
}
