namespace Qingshan.Valuation.Appraisal;

/// <summary>Appraisal methods of ACCOUNTING-METHOD.md 8.2.</summary>
public enum AppraisalMethod
{
    /// <summary>收益法: income approach (NPV).</summary>
    IncomeApproach,

    /// <summary>Share of accounted value (价值实现系数).</summary>
    ShareOfAccountedValue,

    /// <summary>成本法: cost approach (cultivating investor's floor).</summary>
    CostApproach,
}

/// <summary>One line of an appraisal's working, so a reader can recompute the price.</summary>
/// <param name="Year">Year of the term (1 = first), or 0 for a line that is not per year.</param>
/// <param name="Label">What the line is, e.g. <c>flow</c>, <c>unrecovered_investment</c>.</param>
/// <param name="Amount">The amount before discounting or weighting, 元.</param>
/// <param name="Factor">The factor applied (discount factor 1/(1+r)^k, share k, return rate…).</param>
/// <param name="Result">The amount contributed to the price, 元.</param>
public sealed record AppraisalWorkingLine(int Year, string Label, decimal Amount, decimal Factor, decimal Result);

/// <summary>
/// A reference price (参考价) from one appraisal method, in full-precision decimal 元 (round only for display), with
/// its working lines and formula. The appraisal report shows every method used and the reasons for the choice (8.2).
/// </summary>
/// <param name="Method">The method.</param>
/// <param name="ReferencePrice">Reference price, 元, unrounded.</param>
/// <param name="Formula">The formula as applied, for the report.</param>
/// <param name="Working">Working lines; their <see cref="AppraisalWorkingLine.Result"/> values add up to the price.</param>
public sealed record AppraisalResult(AppraisalMethod Method, decimal ReferencePrice, string Formula, IReadOnlyList<AppraisalWorkingLine> Working);
