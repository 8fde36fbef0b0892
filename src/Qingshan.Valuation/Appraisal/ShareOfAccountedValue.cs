namespace Qingshan.Valuation.Appraisal;

/// <summary>
/// Share of accounted value (ACCOUNTING-METHOD.md 8.2 item 2) [D]: P = k × Σ_{t=1}^{n} V_t, with k the realization
/// coefficient (价值实现系数) set by the work plan. The published cases imply roughly 0.1–0.2 (8.1).
/// </summary>
public static class ShareOfAccountedValue
{
    /// <summary>Appraises as a share of the accounted values over the term.</summary>
    /// <param name="accountedValues">V_t for t = 1…n, 元/a (n ≥ 1).</param>
    /// <param name="realizationCoefficient">k in [0, 1].</param>
    /// <returns>The reference price with one working line per year.</returns>
    /// <exception cref="ArgumentException">No years or k outside [0, 1].</exception>
    public static AppraisalResult Appraise(IReadOnlyList<decimal> accountedValues, decimal realizationCoefficient)
    {
        ArgumentNullException.ThrowIfNull(accountedValues);
        if (accountedValues.Count == 0)
        {
            throw new ArgumentException("the term must have at least one year", nameof(accountedValues));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(realizationCoefficient);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(realizationCoefficient, 1m);
        var lines = accountedValues.Select((v, i) => new AppraisalWorkingLine(i + 1, "accounted_value", v, realizationCoefficient, v * realizationCoefficient)).ToArray();
        return new AppraisalResult(AppraisalMethod.ShareOfAccountedValue, realizationCoefficient * accountedValues.Sum(), "P = k · Σ V_t", lines);
    }
}
