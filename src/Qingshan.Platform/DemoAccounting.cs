using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Access.Users;
using Qingshan.Accounting.Inputs;
using Qingshan.Accounting.Parameters;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Plots;
using Qingshan.Valuation;
using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Platform;

/// <summary>
/// What the demo county needs to run a value accounting: an approved parameter set per recent year and synthetic
/// per-plot functional quantities. Both are openly illustrative. The method document (section 4) refuses prices not
/// in the accounting year's prices unless a recorded price index brought them there, and no sourced index is
/// available; so the demo set restates the method document's published prices in the accounting year unchanged,
/// labels them [D] and marks every source with <see cref="IllustrativeParameters.SourcePrefix"/>. Every report and
/// run page of a run that used it prints <see cref="IllustrativeParameters.Warning"/>.
/// </summary>
public static class DemoAccounting
{
    public const string InputLayerName = "演示功能量表（合成数据）";

    /// <summary>Version label of the demo set in one year's prices.</summary>
    public static string ParameterSetVersion(int year) => string.Create(CultureInfo.InvariantCulture, $"JP-DEMO-{year}");

    /// <summary>Whether a watershed code is one the demo county seeds.</summary>
    public static bool IsDemoWatershed(string watershedCode) =>
        watershedCode.StartsWith(DemoCounty.CountyCode + "-STQJ-", StringComparison.Ordinal);

    /// <summary>The demo parameter set in <paramref name="year"/> prices (see the class remarks).</summary>
    public static ParameterSet ParameterSet(int year)
    {
        const string assumed = IllustrativeParameters.SourcePrefix + "演示假设值，无出处";
        var restated = SeedParameters.Reference().Parameters.Select(p => IllustrativeParameters.Restate(p, year));
        return new ParameterSet(ParameterSetVersion(year), DemoCounty.CountyCode,
        [
            .. restated,
            Parameter.Price(ParameterIds.TravelCostPerVisit, 120m, QuantityUnit.Visit, year, assumed + "（旅行费用法，每人次）", EvidenceLabel.Derived),
            Parameter.Price(ParameterIds.MaterialPrice("corn"), 2_400m, QuantityUnit.Tonne, year, assumed + "（玉米产地价）", EvidenceLabel.Derived),
            Parameter.Price(ParameterIds.MaterialPrice("apricot"), 6_000m, QuantityUnit.Tonne, year, assumed + "（大扁杏鲜果产地价）", EvidenceLabel.Derived),
        ]);
    }

    /// <summary>
    /// Seeds the demo sets for the last complete year and the current year: imported by the county water bureau
    /// (<c>jp_water</c>) and approved by the county DRC (<c>jp_drc</c>), through the ordinary handlers, so both steps
    /// are audited and the four-eyes rule holds.
    /// </summary>
    internal static async Task SeedAsync(IServiceProvider sp, int currentYear, CancellationToken ct)
    {
        var author = await ActorOfAsync(sp, "jp_water", Roles.WaterBureau);
        var approver = await ActorOfAsync(sp, "jp_drc", Roles.DevelopmentReform);
        foreach (var year in new[] { currentYear - 1, currentYear })
        {
            var id = await DemoSteps.AsAsync(sp, author, s => s.GetRequiredService<ImportParameterSetHandler>().HandleAsync(new ImportParameterSet(ParameterSet(year), DemoCounty.CountyCode), ct));
            var approved = await DemoSteps.AsAsync(sp, approver, s => s.GetRequiredService<ApproveParameterSetHandler>().HandleAsync(new ApproveParameterSet(id.IsSuccess ? id.Value : Guid.Empty), ct));
            if (id.IsFailure || approved.IsFailure)
            {
                throw new InvalidOperationException($"demo seed refused: {id.Error ?? approved.Error}");
            }
        }
    }

    /// <summary>
    /// Synthetic functional quantities for every registered plot of a demo watershed: per-hectare rates by land use
    /// (soil retained, water conserved, NPP, transpiration cooling; corn on dry land, apricots in orchards; visits on
    /// ponds and on some woodland of 黑水沟), each varied by ±15 % from a hash of the plot code, so the table is the
    /// same on every machine. Null when the watershed is not one the demo seeds.
    /// </summary>
    public static async Task<InputLayer?> InputLayerAsync(PlotQueries plots, Guid watershedId, string watershedCode, CancellationToken ct = default)
    {
        if (!IsDemoWatershed(watershedCode))
        {
            return null;
        }

        var rows = new List<PlotQuantities>();
        for (var page = 1; ; page++)
        {
            var result = await plots.ListAsync(new PlotFilter(watershedId, Page: page, PageSize: 500), ct);
            rows.AddRange(result.Rows.Select(r => QuantitiesOf(r.Code, (decimal)r.Area.SquareMetres / 10_000m, r.LandUseCode, watershedCode)).OfType<PlotQuantities>());
            if (page * 500 >= result.Total || result.Rows.Count == 0)
            {
                break;
            }
        }

        if (rows.Count == 0)
        {
            return null;
        }

        rows.Sort((x, y) => string.CompareOrdinal(x.PlotCode, y.PlotCode));
        return new InputLayer(InputLayerName, InputLayerKind.PlotTable, CanonicalForm.Hash(CanonicalForm.OfLayerContent(rows))[..16], rows);
    }

    /// <summary>
    /// Computes and approves a run of the newest approved demo set over a demo watershed — 编制 by
    /// <paramref name="preparer"/>, 审核 by <paramref name="reviewer"/>, 批准 by <paramref name="approver"/> through the
    /// real handlers and the background worker — so a demo deal, a test or a benchmark can link an approved accounting.
    /// Returns the run and the codes of the plots it values. Throws when the watershed is not a demo one or the run fails:
    /// callers set up known demo data.
    /// </summary>
    public static async Task<(Guid Run, IReadOnlySet<string> PlotCodes)> ApprovedRunAsync(
        IServiceProvider services, Guid watershedId, Actor preparer, Actor reviewer, Actor approver, CancellationToken ct = default)
    {
        var layer = await DemoSteps.AsAsync(services, preparer, async sp =>
        {
            var watershed = await sp.GetRequiredService<Registry.Watersheds.WatershedQueries>().FindAsync(watershedId, ct)
                ?? throw new InvalidOperationException($"watershed {watershedId} not found");
            return await InputLayerAsync(sp.GetRequiredService<PlotQueries>(), watershedId, watershed.Code, ct)
                ?? throw new InvalidOperationException($"{watershed.Code} is not a demo watershed");
        });
        // The newest approved demo set of a year that has begun (a run's year may not lie ahead of the clock).
        var thisYear = services.GetRequiredService<TimeProvider>().GetUtcNow().Year;
        var (set, year) = await DemoSteps.AsAsync(services, preparer, async sp => (await sp.GetRequiredService<ParameterSetQueries>().ListAsync(ct))
            .Where(s => s.Status == ParameterSetStatus.Approved && s.Version.StartsWith("JP-DEMO-", StringComparison.Ordinal))
            .Select(s => (Set: s, Year: int.Parse(s.Version["JP-DEMO-".Length..], CultureInfo.InvariantCulture)))
            .Where(x => x.Year <= thisYear)
            .MaxBy(x => x.Year) is { Set: not null } newest ? newest : throw new InvalidOperationException("no approved demo parameter set"));
        var run = DemoSteps.Ok(await DemoSteps.AsAsync(services, preparer, sp => sp.GetRequiredService<Accounting.Runs.PrepareAccountingRunHandler>().HandleAsync(
            new Accounting.Runs.PrepareAccountingRun(watershedId, year, MethodVersions.SwcPractice2024.Id, set.Id, [layer]), ct)));
        _ = await DemoSteps.AsAsync(services, preparer, sp => sp.GetRequiredService<Accounting.Runs.AccountingRunQueries>().WaitUntilFinishedAsync(run, TimeSpan.FromMinutes(5), ct))
            ?? throw new InvalidOperationException($"accounting run {run} disappeared");
        DemoSteps.Ok(await DemoSteps.AsAsync(services, preparer, sp => sp.GetRequiredService<Accounting.Runs.AccountingRunTransitionHandler>().HandleAsync(new Accounting.Runs.SubmitAccountingRun(run), ct)));
        DemoSteps.Ok(await DemoSteps.AsAsync(services, reviewer, sp => sp.GetRequiredService<Accounting.Runs.AccountingRunTransitionHandler>().HandleAsync(new Accounting.Runs.ReviewAccountingRun(run), ct)));
        DemoSteps.Ok(await DemoSteps.AsAsync(services, approver, sp => sp.GetRequiredService<Accounting.Runs.AccountingRunTransitionHandler>().HandleAsync(new Accounting.Runs.ApproveAccountingRun(run), ct)));
        return (run, layer.Plots.Select(p => p.PlotCode).ToHashSet(StringComparer.Ordinal));
    }

    // Per hectare and year: soil retained t, water conserved m³, NPP dry matter t, transpiration cooling kWh.
    private static readonly Dictionary<string, (decimal Soil, decimal Water, decimal Npp, decimal Cooling)> Rates = new(StringComparer.Ordinal)
    {
        ["0301"] = (38m, 950m, 6.5m, 9_000m),
        ["0305"] = (30m, 650m, 4.5m, 6_500m),
        ["0404"] = (18m, 420m, 3.0m, 4_000m),
        ["0201"] = (22m, 380m, 5.0m, 5_500m),
        ["0103"] = (12m, 210m, 6.0m, 3_000m),
        ["0102"] = (6m, 150m, 7.5m, 3_500m),
    };

    internal static PlotQuantities? QuantitiesOf(string code, decimal hectares, string landUse, string watershedCode)
    {
        var factor = 0.85m + 0.30m * (SHA256.HashData(Encoding.UTF8.GetBytes(code))[0] / 255m);
        decimal Q(decimal perHectare) => Math.Round(perHectare * hectares * factor, 2, MidpointRounding.ToEven);
        var quantities = new Dictionary<InputKind, decimal>();
        var products = new List<ProductQuantity>();
        if (Rates.TryGetValue(landUse, out var r))
        {
            quantities[InputKind.SoilRetainedTonnes] = Q(r.Soil);
            quantities[InputKind.WaterConservedCubicMetres] = Q(r.Water);
            quantities[InputKind.NppDryMatterTonnes] = Q(r.Npp);
            quantities[InputKind.TranspirationCoolingKilowattHours] = Q(r.Cooling);
        }

        if (landUse == "0103")
        {
            products.Add(new ProductQuantity(IndicatorId.AgriculturalProducts.Code, "corn", Q(6.0m), QuantityUnit.Tonne));
        }
        else if (landUse == "0201")
        {
            products.Add(new ProductQuantity(IndicatorId.AgriculturalProducts.Code, "apricot", Q(4.5m), QuantityUnit.Tonne));
        }

        var tourismWoodland = watershedCode.EndsWith("-002", StringComparison.Ordinal) && landUse == "0301" && (code[^1] is '0' or '5');
        if (landUse == "1104" || tourismWoodland)
        {
            quantities[InputKind.Visits] = Math.Round(1_500m * factor, 0, MidpointRounding.ToEven);
        }

        return quantities.Count == 0 && products.Count == 0 ? null : new PlotQuantities(code) { Quantities = quantities, Products = products };
    }

    private static async Task<Actor> ActorOfAsync(IServiceProvider sp, string userName, string role)
    {
        var user = await sp.GetRequiredService<UserManager<QingshanUser>>().FindByNameAsync(userName)
            ?? throw new InvalidOperationException($"demo account {userName} is missing");
        return new Actor(user.Id, userName, RegionScope.Of(AdminDivisionCode.Parse(DemoCounty.CountyCode)), new HashSet<string>([role]), DemoCounty.CountyCode);
    }
}
