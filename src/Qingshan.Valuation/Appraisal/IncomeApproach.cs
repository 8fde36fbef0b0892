namespace Qingshan.Valuation.Appraisal;

/// <summary>When in each year the capturable flow is received (8.2 item 1).</summary>
public enum PaymentTiming
{
    /// <summary>End of year: year t is discounted by (1 + r)^t.</summary>
    EndOfYear,

    /// <summary>Start of year: year t is discounted by (1 + r)^(t−1), the first year undiscounted (博文静 et al. 2017) [S].</summary>
    StartOfYear,
}

/// <summary>
/// Income approach 收益法 (ACCOUNTING-METHOD.md 8.2 item 1) [D] with published formula support [S]:
/// P = Σ_{t=1}^{n} s × V_cap,t / (1 + r)^k, k = t (end of year) or t − 1 (start of year).
/// V_cap is the part of the accounted value the operator can capture (material supply net of operating cost, tourism
/// net income, saleable carbon if the right includes it); s is the share accruing to the right holder.
/// </summary>
public static class IncomeApproach
{
    /// <summary>Capturable values for a term with constant growth: V_t = V_1 × (1 + g)^(t−1) (g default 0, steady state).</summary>
    /// <param name="firstYearValue">V_1, 元/a.</param>
    /// <param name="termYears">n ≥ 1.</param>
    /// <param name="growthRate">g, e.g. 0.02; greater than −1.</param>
    /// <returns>V_1 … V_n.</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1 or g ≤ −1.</exception>
    public static decimal[] Flows(decimal firstYearValue, int termYears, decimal growthRate = 0m)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(termYears, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(growthRate, -1m);
        var flows = new decimal[termYears];
        var value = firstYearValue;
        for (var t = 0; t < termYears; t++)
        {
            flows[t] = value;
            value *= 1m + growthRate;
        }

        return flows;
    }

    /// <summary>Appraises by the income approach.</summary>
    /// <param name="capturableValues">V_cap,t for t = 1…n, 元/a (n = count ≥ 1).</param>
    /// <param name="share">s in [0, 1].</param>
    /// <param name="discountRate">r, e.g. 0.04 (LPR or deposit rate plus a risk premium, with its source recorded by the caller); greater than −1.</param>
    /// <param name="timing">End or start of year.</param>
    /// <returns>The reference price with one working line per year (flow, discount factor 1/(1+r)^k, present value).</returns>
    /// <exception cref="ArgumentException">No years, s outside [0, 1], or r ≤ −1.</exception>
    public static AppraisalResult Appraise(IReadOnlyList<decimal> capturableValues, decimal share, decimal discountRate, PaymentTiming timing)
    {
        ArgumentNullException.ThrowIfNull(capturableValues);
        if (capturableValues.Count == 0)
        {
            throw new ArgumentException("the term must have at least one year", nameof(capturableValues));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1m);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(discountRate, -1m);

        var lines = new AppraisalWorkingLine[capturableValues.Count];
        var price = 0m;
        var growth = timing == PaymentTiming.EndOfYear ? 1m + discountRate : 1m;
        for (var t = 1; t <= capturableValues.Count; t++)
        {
            // growth = (1 + r)^k, built by repeated decimal multiplication so the working is reproducible exactly.
            var flow = share * capturableValues[t - 1];
            var presentValue = flow / growth;
            lines[t - 1] = new AppraisalWorkingLine(t, "flow", flow, 1m / growth, presentValue);
            price += presentValue;
            growth *= 1m + discountRate;
        }

        var formula = timing == PaymentTiming.EndOfYear ? "P = Σ s·V_cap,t / (1+r)^t" : "P = Σ s·V_cap,t / (1+r)^(t−1)";
        return new AppraisalResult(AppraisalMethod.IncomeApproach, price, formula, lines);
    }
}
