namespace Qingshan.Trading.Deals;

/// <summary>The steps of a deal, in order. Each is one state with its own actor and audit record.</summary>
public enum DealStatus
{
    /// <summary>工作方案已编制, awaiting the county government's approval.</summary>
    WorkPlanDrafted = 0,

    /// <summary>工作方案经县政府批准.</summary>
    WorkPlanApproved = 1,

    /// <summary>核算结果已审定.</summary>
    AccountingApproved = 2,

    /// <summary>出让方已确定 (registry check passed).</summary>
    TransferorDetermined = 3,

    /// <summary>已评估.</summary>
    Appraised = 4,

    /// <summary>已推介.</summary>
    Promoted = 5,

    /// <summary>收益分配方案已批准 (required before listing).</summary>
    DistributionPlanApproved = 6,

    /// <summary>挂牌公告, publicity period running; bidders register, are reviewed and pay deposits.</summary>
    Listed = 7,

    /// <summary>网络竞价 (several qualified bidders).</summary>
    Auction = 8,

    /// <summary>协议成交 (one qualified bidder), at no less than the listing price.</summary>
    Negotiation = 9,

    /// <summary>培育投资主体优先权行使期.</summary>
    PriorityWindow = 10,

    /// <summary>成交结果公示, objections may be raised.</summary>
    ResultPublicity = 11,

    /// <summary>合同已签订.</summary>
    Contracted = 12,

    /// <summary>已向水利、发展改革、财政部门报备.</summary>
    Filed = 13,

    /// <summary>交易凭证已发放 (final).</summary>
    Certified = 14,

    /// <summary>流拍: no qualified bidder with a deposit, or no bid (final).</summary>
    Unsold = 15,

    /// <summary>中止 by the competent authority; may resume.</summary>
    Suspended = 16,

    /// <summary>终止 by the competent authority (final).</summary>
    Cancelled = 17,
}

public enum Qualification
{
    /// <summary>待审核</summary>
    Pending = 0,

    /// <summary>资格审核通过</summary>
    Qualified = 1,

    /// <summary>资格审核未通过</summary>
    Rejected = 2,
}

public enum DepositStatus
{
    None = 0,

    /// <summary>已缴纳, held in the deal's settlement account.</summary>
    Held = 1,

    /// <summary>已原路退还.</summary>
    Refunded = 2,

    /// <summary>转为成交价款.</summary>
    AppliedToPrice = 3,
}

/// <summary>The departments a contract is filed with (报备).</summary>
public enum FilingDepartment
{
    /// <summary>区县水行政主管部门</summary>
    Water = 0,

    /// <summary>发展改革部门</summary>
    DevelopmentReform = 1,

    /// <summary>财政部门</summary>
    Finance = 2,
}
