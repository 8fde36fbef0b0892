using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Data;
using Qingshan.Registry.Imports;
using Qingshan.Registry.Rights;
using Qingshan.Tests.Support;
using static Qingshan.Tests.Registry.Imports.ImportFixtures;

namespace Qingshan.Tests.Registry.Imports;

public sealed class ImportRightsTests
{
    private static async Task<(TestPlatform Platform, string Collective)> WorldWithPlotsAsync()
    {
        var platform = await TestPlatform.CreateAsync();
        var (w, other) = await Make.WorldAsync(platform);
        await Make.PlotAsync(platform, w, "P-1", Make.Square(119.58, 41.42));
        await Make.PlotAsync(platform, w, "P-2", Make.Square(119.59, 41.42));
        await Make.PlotAsync(platform, other, "OTHER-1", Make.Square(120.10, 41.60));
        await Make.CollectiveAsync(platform);
        var credit = "N2" + Make.County + "MA0017Q0X";
        return (platform, credit + UnifiedSocialCreditCode.CheckCharacter(credit));
    }

    private static Task<ImportResult> ImportAsync(TestPlatform platform, byte[] xlsx) =>
        platform.RunAsync(County, sp => sp.GetRequiredService<ImportRightsHandler>().HandleAsync(new ImportRights("权利.xlsx", Stream(xlsx))));

    [Fact]
    public async Task Valid_rows_confirm_rights_with_dates_as_excel_dates_or_text()
    {
        var (platform, collective) = await WorldWithPlotsAsync();
        await using var _ = platform;
        var xlsx = Xlsx(ImportRightsHandler.Headers,
            ["P-1", "所有权", collective, new DateTime(2018, 1, 1), null, "辽(2018)建平县不动产权第0000001号"],
            ["P-1", "经营权", collective.ToLowerInvariant(), "2024-01-01", "2053/12/31", "JP-JY-2024-001"],
            ["P-2", "所有权", collective, "2018年1月1日", null, "辽(2018)建平县不动产权第0000002号"]);

        var result = await ImportAsync(platform, xlsx);

        Assert.True(result.IsSuccess, Codes(result));
        Assert.Equal(3, result.Imported);
        await using var scope = platform.AsSystem();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDb>();
        var operating = await db.Rights.SingleAsync(r => r.Kind == RightKind.Operating);
        Assert.Equal(new DateOnly(2053, 12, 31), operating.TermEnd);
        Assert.Equal(1, await db.Outbox.CountAsync(o => o.EventType == "RightsImported"));
    }

    [Fact]
    public async Task Unknown_plots_and_holders_broken_terms_and_overlapping_terms_are_all_reported_and_nothing_is_written()
    {
        var (platform, collective) = await WorldWithPlotsAsync();
        await using var _ = platform;
        var xlsx = Xlsx(ImportRightsHandler.Headers,
            ["P-1", "所有权", collective, "2018-01-01", null, "C-1"],                                    // 2: fine
            ["NOPE", "所有权", collective, "2018-01-01", null, "C-2"],                                   // 3: no such plot
            ["OTHER-1", "所有权", collective, "2018-01-01", null, "C-3"],                                // 4: plot outside the scope
            ["P-2", "所有权", ImportHoldersTests.IdNumber(), "2018-01-01", null, "C-4"],                  // 5: holder not registered
            ["P-2", "经营权", collective, "2024-01-01", null, "C-5"],                                    // 6: operating right without an end
            ["P-2", "使用权", collective, "2024-01-01", "2023-12-31", "C-6"],                            // 7: ends before it starts
            ["P-1", "所有权", collective, "2020-01-01", null, "C-7"],                                    // 8: overlaps row 2
            ["P-2", "租赁权", collective, "2024-01-01", "2030-01-01", "C-8"],                            // 9: not a right kind
            ["P-2", "使用权", collective, "明年", "2030-01-01", null]);                                  // 10: no date, no certificate

        var result = await ImportAsync(platform, xlsx);

        Assert.Equal(
        [
            (3, "registry.plot.not_found"),
            (4, "registry.plot.not_found"),
            (5, "registry.holder.not_found"),
            (6, "registry.right.term_invalid"),
            (7, "registry.right.term_invalid"),
            (8, "registry.right.duplicate"),
            (9, "registry.import.value_invalid"),
            (10, "registry.import.value_invalid"),
            (10, "registry.right.certificate_required"),
        ],
            result.Problems.Select(p => (p.Row!.Value, p.Error.Code)));
        Assert.DoesNotContain(ImportHoldersTests.IdNumber(), result.Problems[2].Error.Args[0]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await CountsAsync(platform)).Rights);
    }
}
