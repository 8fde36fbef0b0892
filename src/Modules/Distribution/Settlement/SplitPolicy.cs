namespace Qingshan.Distribution.Settlement;

/// <summary>
/// A county's rule for the reinvestment share of net proceeds (收益反哺): how it splits between the erosion-control
/// fund and the maintenance fund, with the policy text it comes from. Configured per county (section
/// <c>Distribution:SplitPolicies</c>); Jianping's rule is the default.
/// </summary>
public sealed class SplitPolicy
{
    public string RegionCode { get; set; } = "";

    /// <summary>水土流失重点治理 share of the reinvestment part, in basis points; the rest goes to maintenance.</summary>
    public int ErosionControlBasisPoints { get; set; }

    public int MaintenanceBasisPoints => 10_000 - ErosionControlBasisPoints;

    /// <summary>Document and article the rule comes from.</summary>
    public string Source { get; set; } = "";

    /// <summary>The rule's own words.</summary>
    public string SourceText { get; set; } = "";
}

public sealed class DistributionOptions
{
    public const string Section = "Distribution";

    public List<SplitPolicy> SplitPolicies { get; set; } = [Jianping];

    /// <summary>反哺方案 due within this many months of the contract date.</summary>
    public int ReinvestmentPlanDueMonths { get; set; } = 6;

    /// <summary>Reminders this many days before the plan is due.</summary>
    public int ReminderDaysBefore { get; set; } = 30;

    /// <summary>建平县生态产品价值转化交易实施意见（征求意见稿）第11条.</summary>
    public static SplitPolicy Jianping => new()
    {
        RegionCode = "211322",
        ErosionControlBasisPoints = 8_000,
        Source = "《建平县生态产品价值转化交易实施意见（征求意见稿）》第11条“收益反哺”",
        SourceText = "参与水土保持生态产品价值交易的社会资本，需确保区域内水土保持生态环境水平不下降，并按收益中80%专项用于县域水土流失重点治理等工作，20%专项用于工程长效管护工作，同步反哺水土保持功能巩固提升，形成交易增值、收益反哺、持续治理、长效管护的良性循环。",
    };

    /// <summary>The policy of the county a region lies in (longest matching code prefix), or null.</summary>
    public SplitPolicy? PolicyFor(string regionCode) =>
        SplitPolicies.Where(p => regionCode.StartsWith(p.RegionCode, StringComparison.Ordinal)).OrderByDescending(p => p.RegionCode.Length).FirstOrDefault();
}
