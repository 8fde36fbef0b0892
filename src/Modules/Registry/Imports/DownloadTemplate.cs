namespace Qingshan.Registry.Imports;

/// <summary>The Excel import templates users download, fill in and upload (下载模板).</summary>
public enum ImportTemplate
{
    Holders,
    Rights,
}

/// <summary>Produce an empty import template: the header row on the first sheet and a sheet of filling instructions.</summary>
public sealed record DownloadTemplate(ImportTemplate Template);

public sealed record TemplateFile(string FileName, byte[] Content);

public sealed class DownloadTemplateHandler
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public TemplateFile Handle(DownloadTemplate request) => request.Template switch
    {
        ImportTemplate.Holders => new TemplateFile("权利人导入模板.xlsx", ExcelSheet.Write(
            ("权利人", ImportHoldersHandler.Headers, []),
            Instructions(
                (ImportHoldersHandler.Kind, "必填，取值：" + string.Join("、", RegistryLabels.HolderKindLabels)),
                (ImportHoldersHandler.Name, "必填，组织全称或个人姓名"),
                (ImportHoldersHandler.CreditCode, "组织类必填，18 位，按 GB 32100 校验"),
                (ImportHoldersHandler.IdNumber, "个人必填，18 位，按 GB 11643 校验；请将该列设置为文本格式，以免长数字被截断"),
                (ImportHoldersHandler.Region, "必填，6/9/12 位行政区划代码（GB/T 2260），须在本账号数据权限范围内"),
                (ImportHoldersHandler.Phone, "选填"),
                (ImportHoldersHandler.Contact, "选填"),
                (ImportHoldersHandler.Investor, "选填，是/否，默认否"),
                ("说明", "整表校验通过后一次性导入；任一行有误则全部不导入，并逐行列出问题")))),
        ImportTemplate.Rights => new TemplateFile("权利导入模板.xlsx", ExcelSheet.Write(
            ("权利", ImportRightsHandler.Headers, []),
            Instructions(
                (ImportRightsHandler.PlotCode, "必填，已登记且在本账号数据权限范围内的地块编码"),
                (ImportRightsHandler.Kind, "必填，取值：" + string.Join("、", RegistryLabels.RightKindLabels)),
                (ImportRightsHandler.Holder, "必填，已登记权利人的统一社会信用代码或居民身份证号码"),
                (ImportRightsHandler.TermStart, "必填，日期，如 2024-01-31"),
                (ImportRightsHandler.TermEnd, "使用权、经营权必填，不早于起始日期；所有权可留空"),
                (ImportRightsHandler.Certificate, "必填，权属证书编号"),
                ("说明", "同一地块同类权利期限不得重叠；任一行有误则全部不导入，并逐行列出问题")))),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request.Template, "unknown template"),
    };

    private static (string, IReadOnlyList<string>, IEnumerable<object?[]>) Instructions(params (string Field, string Rule)[] rules) =>
        ("填写说明", ["字段", "填写要求"], rules.Select(r => new object?[] { r.Field, r.Rule }));
}
