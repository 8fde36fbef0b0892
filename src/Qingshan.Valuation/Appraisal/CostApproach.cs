namespace Qingshan.Valuation.Appraisal;

/// <summary>
/// Cost approach 成本法 (ACCOUNTING-METHOD.md 8.2 item 4) [D]: P = cultivation investment not yet recovered + a
/// reasonable return on it, here return = unrecovered × rate. This is the cultivating investor's floor (the Pan'an
/// pattern: the price was close to the 920×10⁴ 元 spent on erosion control).
/// </summary>
public static class CostApproach
{
    /// <summary>Appraises by the cost approach.</summary>
    /// <param name="cultivationInvestment">Total cultivation investment, 元, ≥ 0.</param>
    /// <param name="alreadyRecovered">Part already recovered (earlier proceeds, subsidies), 元, ≥ 0; capped at the investment.</param>
    /// <param name="reasonableReturnRate">Return rate on the unrecovered investment, ≥ 0.</param>
    /// <returns>The floor price with its working.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative input.</exception>
    public static AppraisalResult Appraise(decimal cultivationInvestment, decimal alreadyRecovered, decimal reasonableReturnRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cultivationInvestment);
        ArgumentOutOfRangeException.ThrowIfNegative(alreadyRecovered);
        ArgumentOutOfRangeException.ThrowIfNegative(reasonableReturnRate);
        var unrecovered = Math.Max(0m, cultivationInvestment - alreadyRecovered);
        var reasonableReturn = unrecovered * reasonableReturnRate;
        return new AppraisalResult(AppraisalMethod.CostApproach, unrecovered + reasonableReturn, "P = (I − recovered) · (1 + rate)",
        [
            new AppraisalWorkingLine(0, "unrecovered_investment", unrecovered, 1m, unrecovered),
            new AppraisalWorkingLine(0, "reasonable_return", unrecovered, reasonableReturnRate, reasonableReturn),
        ]);
    }
}

/// <summary>Reserve-price rule (ACCOUNTING-METHOD.md 8.2 item 5).</summary>
public static class ReservePriceRule
{
    /// <summary>
    /// The reserve price (底价) must not fall below the cost-approach floor unless the approver records a reason.
    /// </summary>
    /// <param name="reservePrice">Proposed reserve price, 元.</param>
    /// <param name="costFloor">Cost-approach price, 元.</param>
    /// <param name="approverReason">The approver's recorded reason, if any.</param>
    /// <returns>Null when acceptable; otherwise an error <see cref="ValuationCodes.ReservePriceBelowCostFloor"/>.</returns>
    public static ValidationIssue? Check(decimal reservePrice, decimal costFloor, string? approverReason) =>
        reservePrice < costFloor && string.IsNullOrWhiteSpace(approverReason)
            ? ValidationIssue.Error(ValuationCodes.ReservePriceBelowCostFloor, "reserve_price", reservePrice, costFloor)
            : null;
}
