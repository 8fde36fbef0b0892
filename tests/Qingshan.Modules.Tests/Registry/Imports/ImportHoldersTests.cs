using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Data;
using Qingshan.Registry.Imports;
using Qingshan.Tests.Support;
using static Qingshan.Tests.Registry.Imports.ImportFixtures;

namespace Qingshan.Tests.Registry.Imports;

public sealed class ImportHoldersTests
{
    internal static readonly IReadOnlyList<string> Headers = ImportHoldersHandler.Headers;

    internal static string Credit(string org, string region = Make.County)
    {
        var first17 = "93" + region + org;
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    internal static string IdNumber(string birth = "19800101", string sequence = "001", string region = Make.County)
    {
        var first17 = region + birth + sequence;
        return first17 + ResidentIdNumber.CheckCharacter(first17);
    }

    /// <summary>The same identifier with a wrong check character.</summary>
    internal static string Broken(string identifier) => identifier[..^1] + (identifier[^1] == '0' ? '1' : '0');

    private static Task<ImportResult> ImportAsync(TestPlatform platform, byte[] xlsx, Qingshan.Kernel.Actor? actor = null) =>
        platform.RunAsync(actor ?? County, sp => sp.GetRequiredService<ImportHoldersHandler>().HandleAsync(new ImportHolders("权利人.xlsx", Stream(xlsx))));

    [Fact]
    public async Task A_bad_credit_code_and_a_bad_id_number_in_different_rows_are_both_reported_and_nothing_is_written()
    {
        await using var platform = await TestPlatform.CreateAsync();
        await Make.WorldAsync(platform);
        var xlsx = Xlsx(Headers,
            ["企业", "青山生态科技有限公司", Credit("MA0ABCDE1"), null, Make.County, "13800000000", "李经理", "是"],
            ["企业", "坏码公司", Broken(Credit("MA0ABCDE2")), null, Make.County],
            ["个人", "张三", null, IdNumber(sequence: "011"), Make.County],
            ["个人", "李四", null, Broken(IdNumber(sequence: "021")), Make.County]);
        var before = await CountsAsync(platform);

        var result = await ImportAsync(platform, xlsx);

        Assert.Equal([(3, "统一社会信用代码", "registry.holder.credit_code_invalid"), (5, "居民身份证号码", "registry.holder.id_number_invalid")],
            result.Problems.Select(p => (p.Row!.Value, p.Field!, p.Error.Code)));
        Assert.Equal("第 5 行「居民身份证号码」", result.Problems[1].Error.Target);
        var after = await CountsAsync(platform);
        Assert.Equal(before.Holders, after.Holders);
        Assert.Equal(before.Events, after.Events);
    }

    [Fact]
    public async Task A_valid_sheet_registers_every_holder_with_one_outbox_record()
    {
        await using var platform = await TestPlatform.CreateAsync();
        await Make.WorldAsync(platform);
        var xlsx = Xlsx(Headers,
            ["集体经济组织", "东山村股份经济合作社", Credit("MA0ABCDE1"), null, Make.County, null, null, "否"],
            ["个人", "张三", null, IdNumber().ToLowerInvariant(), Make.County, "13900000000", null, "是"]);

        var result = await ImportAsync(platform, xlsx);

        Assert.True(result.IsSuccess, Codes(result));
        Assert.Equal(2, result.Imported);
        await using var scope = platform.AsSystem();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDb>();
        var zhang = await db.Holders.SingleAsync(h => h.Name == "张三");
        Assert.Equal(IdNumber(), zhang.IdNumber);
        Assert.True(zhang.IsCultivatingInvestor);
        var record = await db.Outbox.SingleAsync(o => o.EventType == "RightsHoldersImported");
        Assert.DoesNotContain(IdNumber(), record.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identifiers_repeated_in_the_file_or_already_registered_are_refused()
    {
        await using var platform = await TestPlatform.CreateAsync();
        await Make.WorldAsync(platform);
        await Make.CollectiveAsync(platform);
        var registered = "N2" + Make.County + "MA0017Q0X";
        registered += UnifiedSocialCreditCode.CheckCharacter(registered);
        var xlsx = Xlsx(Headers,
            ["企业", "甲公司", Credit("MA0ABCDE1"), null, Make.County],
            ["企业", "甲公司（重复）", Credit("MA0ABCDE1"), null, Make.County],
            ["集体经济组织", "东山村", registered, null, Make.County]);

        var result = await ImportAsync(platform, xlsx);

        Assert.Equal([(3, "registry.import.duplicate_in_file"), (4, "registry.holder.duplicate")], result.Problems.Select(p => (p.Row!.Value, p.Error.Code)));
        Assert.Equal(1, (await CountsAsync(platform)).Holders);
    }

    [Fact]
    public async Task Holders_outside_the_actors_region_and_rows_with_unknown_labels_are_refused()
    {
        await using var platform = await TestPlatform.CreateAsync();
        await Make.WorldAsync(platform);
        var xlsx = Xlsx(Headers,
            ["企业", "邻县公司", Credit("MA0ABCDE1", Make.OtherCounty), null, Make.OtherCounty],
            ["合伙", "未知类型", Credit("MA0ABCDE2"), null, Make.County],
            ["企业", "丙公司", Credit("MA0ABCDE3"), null, Make.County, null, null, "也许"]);

        var result = await ImportAsync(platform, xlsx);

        Assert.Equal([(2, "registry.region.out_of_scope"), (3, "registry.import.value_invalid"), (4, "registry.import.value_invalid")],
            result.Problems.Select(p => (p.Row!.Value, p.Error.Code)));
        Assert.Equal(["行政区划代码", "类型", "培育投资主体"], result.Problems.Select(p => p.Field));
        Assert.Equal(0, (await CountsAsync(platform)).Holders);
    }

    [Fact]
    public async Task A_sheet_missing_a_template_column_is_refused_as_a_whole()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var xlsx = Xlsx(["类型", "名称"], ["企业", "甲公司"]);
        var result = await ImportAsync(platform, xlsx);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("registry.import.field_missing", problem.Error.Code);
        Assert.Null(problem.Row);
    }

    [Fact]
    public async Task An_xlsx_name_on_a_file_that_is_not_a_zip_is_refused()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var result = await ImportAsync(platform, "类型,名称\n企业,甲公司"u8.ToArray());
        Assert.Equal("registry.import.file_type_invalid", Assert.Single(result.Problems).Error.Code);
    }

    [Theory]
    [InlineData(ImportTemplate.Holders)]
    [InlineData(ImportTemplate.Rights)]
    public void The_downloaded_template_has_the_chinese_headers_the_import_reads_and_an_instruction_sheet(ImportTemplate template)
    {
        var file = new DownloadTemplateHandler().Handle(new DownloadTemplate(template));
        Assert.EndsWith(".xlsx", file.FileName, StringComparison.Ordinal);
        using var stream = new MemoryStream(file.Content);
        var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(stream);
        Assert.Equal(2, sheets.Count);
        stream.Position = 0;
        var columns = MiniExcelLibs.MiniExcel.GetColumns(stream, useHeaderRow: true);
        Assert.Equal(template == ImportTemplate.Holders ? ImportHoldersHandler.Headers : ImportRightsHandler.Headers, columns);
        Assert.NotEmpty(ReadXlsx(file.Content, sheets[1]));
    }

    [Fact]
    public async Task An_xlsx_declaring_an_external_entity_is_refused_without_reading_the_entity()
    {
        await using var platform = await TestPlatform.CreateAsync();
        await Make.WorldAsync(platform);
        var clean = Xlsx(Headers, ["企业", "XXE-NAME", Credit("MA0ABCDE1"), null, Make.County]);
        var files = new Dictionary<string, byte[]>();
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(clean)))
        {
            foreach (var e in zip.Entries)
            {
                using var s = e.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                files[e.FullName] = m.ToArray();
            }
        }

        var part = files.Keys.Single(k => System.Text.Encoding.UTF8.GetString(files[k]).Contains("XXE-NAME", StringComparison.Ordinal));
        var xml = System.Text.Encoding.UTF8.GetString(files[part]).TrimStart('\uFEFF');
        var declarationEnd = xml.IndexOf("?>", StringComparison.Ordinal) + 2;
        xml = xml[..declarationEnd] + "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + xml[declarationEnd..].Replace("XXE-NAME", "&xxe;", StringComparison.Ordinal);
        files[part] = System.Text.Encoding.UTF8.GetBytes(xml);

        var result = await ImportAsync(platform, Zip(files));

        Assert.Equal("registry.import.file_unreadable", Assert.Single(result.Problems).Error.Code);
        Assert.Equal(0, (await CountsAsync(platform)).Holders);
    }
}
