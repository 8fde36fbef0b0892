using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Accounting.Inputs;
using Qingshan.Accounting.Parameters;
using Qingshan.Accounting.Runs;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Tests.Support;
using Qingshan.Valuation;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;
using RegistryMake = Qingshan.Tests.Registry.Make;

namespace Qingshan.Tests.Accounting;

/// <summary>
/// A county watershed with three plots, an approved national parameter set in <see cref="Year"/> prices, and the
/// accounts of the workflow: preparer and reviewer (county water bureau), approver (county DRC).
/// </summary>
internal sealed class AccountingWorld
{
    public const int Year = 2025;
    public const string County = RegistryMake.County;

    public static readonly Actor Preparer = TestPlatform.WaterBureau(County, "preparer");
    public static readonly Actor Reviewer = TestPlatform.WaterBureau(County, "reviewer");
    public static readonly Actor Approver = new("user-drc", "drc", RegionScope.Of(AdminDivisionCode.Parse(County)), new HashSet<string>([Roles.DevelopmentReform]), County);
    public static readonly Actor OtherCounty = TestPlatform.WaterBureau(RegistryMake.OtherCounty, "other");

    /// <summary>Approves national sets: a platform-wide DRC account.</summary>
    public static readonly Actor NationalApprover = new("user-ndrc", "ndrc", RegionScope.All, new HashSet<string>([Roles.DevelopmentReform]));

    public const string Table = """
        plot_code,soil_retained_tonnes,npp_dry_matter_tonnes,visits,product:M1:pomelo:Tonne
        P-1,120.5,30.25,,10
        P-2,80,12.5,400,
        P-3,0.333,7,1000,2.5
        """;

    private AccountingWorld(TestPlatform platform, Guid watershed, Guid otherWatershed, Guid parameterSet)
    {
        Platform = platform;
        Watershed = watershed;
        OtherWatershed = otherWatershed;
        ParameterSet = parameterSet;
    }

    public TestPlatform Platform { get; }

    public Guid Watershed { get; }

    public Guid OtherWatershed { get; }

    public Guid ParameterSet { get; }

    public static async Task<AccountingWorld> CreateAsync(TestPlatform platform)
    {
        var (w1, w2) = await RegistryMake.WorldAsync(platform);
        await RegistryMake.PlotAsync(platform, w1, "P-1", RegistryMake.Square(119.50, 41.40), "0301");
        await RegistryMake.PlotAsync(platform, w1, "P-2", RegistryMake.Square(119.51, 41.40), "0101");
        await RegistryMake.PlotAsync(platform, w1, "P-3", RegistryMake.Square(119.52, 41.40, 0.001), "0201");
        await RegistryMake.PlotAsync(platform, w2, "Q-1", RegistryMake.Square(120.10, 41.60), "0301");
        var set = await ImportApprovedAsync(platform, new ParameterSet("test-2025", "", Defaults()));
        return new AccountingWorld(platform, w1, w2, set);
    }

    public static async Task<Guid> ImportApprovedAsync(TestPlatform platform, ParameterSet set)
    {
        var id = RegistryMake.Ok(await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<ImportParameterSetHandler>().HandleAsync(new ImportParameterSet(set))));
        var approved = await platform.RunAsync(NationalApprover, sp => sp.GetRequiredService<ApproveParameterSetHandler>().HandleAsync(new ApproveParameterSet(id)));
        Assert.True(approved.IsSuccess, approved.Error?.ToString());
        return id;
    }

    public static async Task<InputLayer> LayerAsync(string csv = Table, string name = "plots.csv")
    {
        var layer = await PlotTable.FromBytes(name, Encoding.UTF8.GetBytes(csv)).ReadAsync();
        Assert.True(layer.IsSuccess, layer.Error?.ToString());
        return layer.Value;
    }

    public async Task<Result<Guid>> PrepareAsync(Actor? actor = null, string csv = Table, Guid? parameterSet = null, string method = "SWC-practice-2024", int year = Year, Guid? watershed = null)
    {
        var layer = await LayerAsync(csv);
        return await Platform.RunAsync(actor ?? Preparer, sp => sp.GetRequiredService<PrepareAccountingRunHandler>().HandleAsync(
            new PrepareAccountingRun(watershed ?? Watershed, year, method, parameterSet ?? ParameterSet, [layer])));
    }

    /// <summary>Prepares a run and computes it as the background job would (without starting the hosted worker).</summary>
    public async Task<Guid> ComputedRunAsync()
    {
        var id = RegistryMake.Ok(await PrepareAsync());
        await ProcessAsync(id);
        return id;
    }

    public async Task ProcessAsync(Guid id)
    {
        await using var scope = Platform.AsSystem();
        await scope.ServiceProvider.GetRequiredService<AccountingRunProcessor>().ProcessAsync(id);
    }

    public Task<Result> TransitionAsync(Actor actor, Func<AccountingRunTransitionHandler, Task<Result>> step) =>
        Platform.RunAsync(actor, sp => step(sp.GetRequiredService<AccountingRunTransitionHandler>()));

    public Task<RunDetail?> DetailAsync(Guid id, Actor? actor = null) =>
        Platform.RunAsync(actor ?? Preparer, sp => sp.GetRequiredService<AccountingRunQueries>().DetailAsync(id));

    public static Parameter Price(string id, decimal value, QuantityUnit unit = QuantityUnit.Tonne, int year = Year) =>
        Parameter.Price(id, value, unit, year, "test fixture", EvidenceLabel.Derived);

    public static Parameter Coefficient(string id, decimal value, string unit = "fraction") =>
        new(id, value, unit, "test fixture", EvidenceLabel.Derived);

    public static Parameter[] Defaults() =>
    [
        Price(ParameterIds.ReservoirCost, 8m, QuantityUnit.CubicMetre),
        Price(ParameterIds.WaterStorageCost, 4m, QuantityUnit.CubicMetre),
        Coefficient(ParameterIds.SedimentDepositionRatio, 0.24m),
        Price(ParameterIds.DredgingCost, 20m, QuantityUnit.CubicMetre),
        Coefficient(ParameterIds.SoilBulkDensity, 1.2m, "t/m³"),
        Coefficient(ParameterIds.SoilNitrogenContent, 0.001m),
        Coefficient(ParameterIds.SoilPhosphorusContent, 0.0005m),
        Price(ParameterIds.NitrogenTreatmentCost, 1_750m),
        Price(ParameterIds.PhosphorusTreatmentCost, 5_600m),
        Price(ParameterIds.CarbonPrice, 100m, QuantityUnit.TonneCarbonDioxide),
        Coefficient(ParameterIds.CarbonDioxidePerDryMatter, 1.63m, "t/t"),
        Price(ParameterIds.OxygenPrice, 1_000m),
        Coefficient(ParameterIds.OxygenPerDryMatter, 1.19m, "t/t"),
        Price(ParameterIds.ElectricityPrice, 0.6m, QuantityUnit.KilowattHour),
        Price(ParameterIds.TravelCostPerVisit, 150m, QuantityUnit.Visit),
        Price(ParameterIds.RevenuePerVisit, 100m, QuantityUnit.Visit),
        Price(ParameterIds.MaterialPrice("pomelo"), 4_000m),
    ];
}
