using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using Qingshan.Access.Users;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Catalog;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Regions;
using Qingshan.Registry.Rights;
using Qingshan.Registry.Watersheds;

namespace Qingshan.Platform;

public sealed record DemoAccount(string UserName, string DisplayName, string Role, string? RegionCode);

/// <summary>
/// A seeded demo county: 辽宁省朝阳市建平县 (GB/T 2260 code 211322, a real code; all data synthetic). Three clean
/// small watersheds with a few hundred plots tessellated without overlap, village collectives, a cultivating
/// investor, one disputed plot, one blocking pledge, a cultivation catalog and one account per role.
/// </summary>
public static class DemoCounty
{
    public const string CountyCode = "211322";
    public const string CityCode = "211300";
    public const string ProvinceCode = "210000";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin", "系统管理员", Roles.PlatformAdmin, null),
        new("security", "安全管理员", Roles.SecurityAdmin, null),
        new("auditor", "审计管理员", Roles.AuditAdmin, null),
        new("jp_water", "建平县水利局", Roles.WaterBureau, CountyCode),
        new("cy_water", "朝阳市水利局", Roles.WaterBureau, CityCode),
        new("ln_water", "辽宁省水利厅", Roles.WaterBureau, ProvinceCode),
        new("cyx_water", "朝阳县水利局", Roles.WaterBureau, "211321"),
        new("jp_drc", "建平县发展和改革局", Roles.DevelopmentReform, CountyCode),
        new("jp_finance", "建平县财政局", Roles.Finance, CountyCode),
        new("jp_trading", "建平县公共资源交易中心", Roles.TradingCentre, CountyCode),
        new("appraiser", "辽宁某资产评估有限公司", Roles.AppraisalAgency, CountyCode),
        new("transferor", "建平县某村股份经济合作社", Roles.Transferor, CountyCode),
        new("operator1", "朝阳绿源旅游开发有限公司", Roles.Operator, CountyCode),
        new("operator2", "建平县山水农业发展有限公司", Roles.Operator, CountyCode),
        new("investor", "辽宁青山生态农业有限公司", Roles.Operator, CountyCode),
        new("bank", "建平县农村信用合作联社", Roles.Bank, CountyCode),
    ];

    private static readonly (string Code, string Name)[] Regions =
    [
        ("210000", "辽宁省"), ("211300", "朝阳市"), ("211321", "朝阳县"), (CountyCode, "建平县"), ("211381", "北票市"), ("211382", "凌源市"),
    ];

    private sealed record WatershedSpec(string Code, string Name, double Lon, double Lat, int Columns, int Rows, WatershedStatus Status, int Start, int End, decimal AreaKm2);

    private static readonly WatershedSpec[] Watersheds =
    [
        new("211322-STQJ-001", "叶柏寿河生态清洁小流域", 119.58, 41.42, 12, 10, WatershedStatus.Accepted, 2021, 2023, 18.6m),
        new("211322-STQJ-002", "黑水沟生态清洁小流域", 119.75, 41.55, 11, 9, WatershedStatus.Operating, 2020, 2022, 14.2m),
        new("211322-STQJ-003", "青峰山生态清洁小流域", 119.45, 41.30, 10, 10, WatershedStatus.UnderTreatment, 2024, 2026, 21.3m),
    ];

    /// <summary>Seeds once (does nothing when the county exists). Returns the demo password, or null when already seeded.</summary>
    public static async Task<string?> SeedAsync(IServiceProvider services, string? password = null, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<ActorContext>().Current = Actor.System;
        var regions = sp.GetRequiredService<RegionQueries>();
        if (await regions.NameOfAsync(CountyCode, ct) is not null)
        {
            return null;
        }

        password ??= NewPassword();
        var saveRegion = sp.GetRequiredService<SaveRegionHandler>();
        foreach (var (code, name) in Regions)
        {
            Ensure(await saveRegion.HandleAsync(new SaveRegion(code, name), ct));
        }

        await SeedAccountsAsync(sp, password);
        var random = new Random(211322);
        var holders = await SeedHoldersAsync(sp, ct);
        await BindOperatorsAsync(sp, [("operator1", holders.GreenSource), ("operator2", holders.HillsAndWaters), ("investor", holders.Investor)], ct);
        var clock = sp.GetRequiredService<TimeProvider>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var plotIds = new List<(Guid Id, string LandUse, int Watershed)>();
        var watershedIds = new List<Guid>();
        for (var w = 0; w < Watersheds.Length; w++)
        {
            var spec = Watersheds[w];
            var id = Ensure(await sp.GetRequiredService<RegisterWatershedHandler>().HandleAsync(
                new RegisterWatershed(spec.Code, spec.Name, CountyCode, spec.AreaKm2, spec.Start, spec.End, spec.Status, $"{spec.Name}，坡耕地治理、水土保持林、谷坊与生态护岸等措施综合治理。"), ct));
            watershedIds.Add(id);
            foreach (var (code, landUse, polygon) in Tessellate(spec, w, random))
            {
                var plotId = Ensure(await sp.GetRequiredService<RegisterPlotHandler>().HandleAsync(new RegisterPlot(code, id, landUse, polygon), ct));
                plotIds.Add((plotId, landUse, w));
            }
        }

        var confirm = sp.GetRequiredService<ConfirmRightHandler>();
        for (var i = 0; i < plotIds.Count; i++)
        {
            var (plotId, landUse, w) = plotIds[i];
            var owner = landUse.StartsWith("03", StringComparison.Ordinal) && i % 5 == 0 ? holders.StateForestFarm : holders.Collectives[(w * 2 + i % 2) % holders.Collectives.Count];
            Ensure(await confirm.HandleAsync(new ConfirmRight(plotId, owner, RightKind.Ownership, new DateOnly(2018, 6, 30), null, $"辽(2018)建平县不动产权第{1000000 + i:D7}号"), ct));
            if (landUse.StartsWith("01", StringComparison.Ordinal) && i % 3 == 0)
            {
                Ensure(await confirm.HandleAsync(new ConfirmRight(plotId, holders.Individuals[i % holders.Individuals.Count], RightKind.Use, new DateOnly(2019, 1, 1), new DateOnly(2048, 12, 31), $"建平县农村土地承包经营权证第{2000000 + i:D7}号"), ct));
            }

            if (w == 1 && i % 4 == 1)
            {
                Ensure(await confirm.HandleAsync(new ConfirmRight(plotId, holders.Investor, RightKind.Operating, new DateOnly(2022, 1, 1), new DateOnly(2036, 12, 31), $"建平县经营权登记第{3000000 + i:D7}号"), ct));
            }
        }

        // One plot in 叶柏寿河 has an open boundary dispute; one in 黑水沟 carries a blocking pledge.
        Ensure(await sp.GetRequiredService<RecordDisputeHandler>().HandleAsync(new RecordDispute(plotIds[7].Id, "相邻两村对该地块东侧边界存在争议，已提交乡镇调解。"), ct));
        var pledged = plotIds.First(p => p.Watershed == 1).Id;
        Ensure(await sp.GetRequiredService<RecordPledgeHandler>().HandleAsync(new RecordPledge(pledged, "建平县农村信用合作联社", Money.FromYuan(500_000m), true, new DateOnly(2025, 3, 1), new DateOnly(2028, 2, 28)), ct));

        var catalogYear = Math.Max(2026, today.Year);
        Ensure(await sp.GetRequiredService<AdjustCatalogHandler>().HandleAsync(new AdjustCatalog(CountyCode, catalogYear, "首次编制建平县水土保持生态产品培育目录清单",
        [
            new CatalogItemInput("叶柏寿河小流域水土保持碳汇", "水土保持碳汇", watershedIds[0], catalogYear),
            new CatalogItemInput("黑水沟小流域生态旅游经营权", "生态旅游经营权", watershedIds[1], catalogYear),
            new CatalogItemInput("黑水沟小流域林下经济经营权", "林下经济经营权", watershedIds[1], catalogYear + 1),
            new CatalogItemInput("青峰山小流域水土保持生态产品经营权", "综合经营权", watershedIds[2], catalogYear + 2, "待治理验收后纳入交易"),
        ]), ct));
        await DemoAccounting.SeedAsync(sp, today.Year, ct);
        return password;
    }

    private sealed record HolderSet(List<Guid> Collectives, Guid StateForestFarm, Guid Investor, List<Guid> Individuals, Guid GreenSource, Guid HillsAndWaters);

    private static async Task<HolderSet> SeedHoldersAsync(IServiceProvider sp, CancellationToken ct)
    {
        var register = sp.GetRequiredService<RegisterRightsHolderHandler>();
        string Credit(string prefix, string org)
        {
            var first17 = prefix + CountyCode + org;
            return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
        }

        var villages = new[] { "叶柏寿街道东山村", "叶柏寿街道北山村", "万寿街道黑水村", "万寿街道榆树林子村", "青峰山镇青峰山村", "青峰山镇二道沟村" };
        var collectives = new List<Guid>();
        for (var i = 0; i < villages.Length; i++)
        {
            collectives.Add(Ensure(await register.HandleAsync(new RegisterRightsHolder(HolderKind.Collective, $"建平县{villages[i]}股份经济合作社", CountyCode, Credit("N2", $"MA0{i:D2}7Q0X"), null, "0421-78" + (10000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "村集体负责人"), ct)));
        }

        var farm = Ensure(await register.HandleAsync(new RegisterRightsHolder(HolderKind.State, "建平县国有青峰山林场", CountyCode, Credit("12", "4627310X1"), null, "0421-7822001", "林场场长"), ct));
        var investor = Ensure(await register.HandleAsync(new RegisterRightsHolder(HolderKind.Enterprise, "辽宁青山生态农业有限公司", CountyCode, Credit("91", "MA10QT8K3"), null, "0421-7833008", "项目负责人", IsCultivatingInvestor: true), ct));
        var greenSource = Ensure(await register.HandleAsync(new RegisterRightsHolder(HolderKind.Enterprise, "朝阳绿源旅游开发有限公司", CountyCode, Credit("91", "MA0Y7LRB2"), null, "0421-7811223", "总经理"), ct));
        var hillsAndWaters = Ensure(await register.HandleAsync(new RegisterRightsHolder(HolderKind.Enterprise, "建平县山水农业发展有限公司", CountyCode, Credit("91", "MA0Y8GG51"), null, "0421-7815566", "总经理"), ct));
        var people = new List<Guid>();
        string[] names = ["王建国", "李秀兰", "张德福", "刘桂芝"];
        for (var i = 0; i < names.Length; i++)
        {
            var first17 = CountyCode + "19" + (62 + i * 5).ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + "0" + (3 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) + "1" + i + "0" + (21 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var id = first17 + ResidentIdNumber.CheckCharacter(first17);
            people.Add(Ensure(await register.HandleAsync(new RegisterRightsHolder(HolderKind.Individual, names[i], CountyCode, null, id, "1390421" + (1000 + i * 37).ToString("D4", System.Globalization.CultureInfo.InvariantCulture)), ct)));
        }

        return new HolderSet(collectives, farm, investor, people, greenSource, hillsAndWaters);
    }

    private static async Task SeedAccountsAsync(IServiceProvider sp, string password)
    {
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var users = sp.GetRequiredService<UserManager<QingshanUser>>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var a in Accounts)
        {
            var user = new QingshanUser { UserName = a.UserName, DisplayName = a.DisplayName, Organisation = a.DisplayName, RegionCode = a.RegionCode, CreatedAt = now, PasswordChangedAt = now };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, a.Role);
        }
    }

    /// <summary>Each operator account acts for its enterprise in the registry (its bids are that enterprise's).</summary>
    private static async Task BindOperatorsAsync(IServiceProvider sp, (string UserName, Guid Holder)[] bindings, CancellationToken ct)
    {
        var users = sp.GetRequiredService<UserManager<QingshanUser>>();
        var bind = sp.GetRequiredService<ActForHolderHandler>();
        foreach (var (userName, holder) in bindings)
        {
            var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
            Ensure(await bind.HandleAsync(new ActForHolder(user.Id, holder), ct));
        }
    }

    /// <summary>A fresh random password per deployment: no default credentials exist anywhere (等保 访问控制 b, ASVS 6.3.2).</summary>
    public static string NewPassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var chars = Enumerable.Range(0, 10).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
        return "Qs#" + new string(chars.ToArray()) + RandomNumberGenerator.GetInt32(10);
    }

    /// <summary>
    /// A jittered grid over the watershed: grid nodes are shared by neighbouring cells, so plots tile without overlap,
    /// and land use follows the terrain the way it does in the loess-hill valleys of 建平 (valley floors farmed, slopes wooded).
    /// </summary>
    private static IEnumerable<(string Code, string LandUse, Polygon Polygon)> Tessellate(WatershedSpec spec, int w, Random random)
    {
        const double dx = 0.0036;
        const double dy = 0.0027;
        var nodes = new Coordinate[spec.Columns + 1, spec.Rows + 1];
        var x0 = spec.Lon - spec.Columns * dx / 2;
        var y0 = spec.Lat - spec.Rows * dy / 2;
        for (var i = 0; i <= spec.Columns; i++)
        {
            for (var j = 0; j <= spec.Rows; j++)
            {
                var jitter = i > 0 && j > 0 && i < spec.Columns && j < spec.Rows;
                nodes[i, j] = new Coordinate(
                    Math.Round(x0 + i * dx + (jitter ? (random.NextDouble() - 0.5) * dx * 0.35 : 0), 7),
                    Math.Round(y0 + j * dy + (jitter ? (random.NextDouble() - 0.5) * dy * 0.35 : 0), 7));
            }
        }

        var n = 0;
        for (var i = 0; i < spec.Columns; i++)
        {
            for (var j = 0; j < spec.Rows; j++)
            {
                if (random.NextDouble() < 0.18)
                {
                    continue; // villages, roads and gaps not registered as plots
                }

                var ring = new[] { nodes[i, j], nodes[i + 1, j], nodes[i + 1, j + 1], nodes[i, j + 1], nodes[i, j] }.Select(c => c.Copy()).ToArray();
                var polygon = PlotGeometry.Factory.CreatePolygon(ring);
                var distanceFromValley = Math.Abs(j - spec.Rows / 2.0) / (spec.Rows / 2.0);
                var r = random.NextDouble();
                var landUse = distanceFromValley switch
                {
                    < 0.25 => r < 0.6 ? "0103" : r < 0.8 ? "0102" : r < 0.93 ? "1104" : "1006",
                    < 0.6 => r < 0.45 ? "0201" : r < 0.75 ? "0103" : r < 0.9 ? "0305" : "0404",
                    _ => r < 0.55 ? "0301" : r < 0.85 ? "0305" : "0404",
                };
                n++;
                yield return ($"{spec.Code[..6]}{w + 1:D2}{n:D4}", landUse, polygon);
            }
        }
    }

    private static T Ensure<T>(Result<T> result) => result.IsSuccess ? result.Value : throw new InvalidOperationException($"demo seed refused: {result.Error}");

    private static void Ensure(Result result)
    {
        if (result.IsFailure)
        {
            throw new InvalidOperationException($"demo seed refused: {result.Error}");
        }
    }
}
