using Qingshan.Trading.Deals;
using Qingshan.Trading.Deposits;

namespace Qingshan.Web.Components.Pages.Trading;

/// <summary>zh-CN labels of trading's enumerations.</summary>
public static class TradingLabels
{
    public static string Of(DealStatus s) => s switch
    {
        DealStatus.WorkPlanDrafted => "工作方案待批",
        DealStatus.WorkPlanApproved => "工作方案已批",
        DealStatus.AccountingApproved => "核算已审定",
        DealStatus.TransferorDetermined => "出让方已确定",
        DealStatus.Appraised => "已评估",
        DealStatus.Promoted => "已推介",
        DealStatus.DistributionPlanApproved => "分配方案已批",
        DealStatus.Listed => "挂牌公示中",
        DealStatus.Auction => "网络竞价中",
        DealStatus.Negotiation => "协议成交",
        DealStatus.PriorityWindow => "优先权行使期",
        DealStatus.ResultPublicity => "结果公示中",
        DealStatus.Contracted => "已签合同",
        DealStatus.Filed => "已报备",
        DealStatus.Certified => "已发凭证",
        DealStatus.Unsold => "流拍",
        DealStatus.Suspended => "已中止",
        DealStatus.Cancelled => "已终止",
        _ => s.ToString(),
    };

    public static string Of(Qualification q) => q switch
    {
        Qualification.Pending => "待审核",
        Qualification.Qualified => "通过",
        Qualification.Rejected => "未通过",
        _ => q.ToString(),
    };

    public static string Of(DepositStatus d) => d switch
    {
        DepositStatus.None => "未缴",
        DepositStatus.Held => "已缴",
        DepositStatus.Refunded => "已原路退还",
        DepositStatus.AppliedToPrice => "已转价款",
        _ => d.ToString(),
    };

    public static string Of(BankInstructionKind k) => k switch
    {
        BankInstructionKind.Collect => "入账",
        BankInstructionKind.Refund => "原路退还",
        BankInstructionKind.ApplyToPrice => "转为价款",
        _ => k.ToString(),
    };

    public static string Time(DateTimeOffset? t) => t?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
