using Qingshan.Accounting.Parameters;
using Qingshan.Accounting.Runs;
using Qingshan.Valuation.Engine;

namespace Qingshan.Web.Components.Pages.Accounting;

/// <summary>zh-CN labels of the accounting enums.</summary>
public static class AccountingLabels
{
    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Queued => "编制：排队中",
        RunStatus.Computing => "编制：计算中",
        RunStatus.Computed => "编制：已计算",
        RunStatus.Failed => "编制：计算未通过",
        RunStatus.Submitted => "审核中",
        RunStatus.Reviewed => "待批准",
        RunStatus.Approved => "已批准（冻结）",
        _ => status.ToString(),
    };

    public static string Of(ParameterSetStatus status) => status == ParameterSetStatus.Approved ? "已批准" : "草稿";

    public static string Of(ValueCategory category) => Qingshan.Accounting.Reports.RunReport.CategoryName(category);

    public static string Yuan(decimal value) => "¥" + value.ToString("#,##0.00", System.Globalization.CultureInfo.GetCultureInfo("zh-CN"));
}
