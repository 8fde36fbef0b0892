namespace Qingshan.Valuation.Appraisal;

/// <summary>One year of a revenue-share schedule.</summary>
/// <param name="Year">Year of the term (1 = first).</param>
/// <param name="ExpectedRevenue">Operator's expected revenue, 元.</param>
/// <param name="Payment">k_rev × revenue, 元.</param>
public sealed record RevenueSharePayment(int Year, decimal ExpectedRevenue, decimal Payment);

/// <summary>
/// A revenue-share contract (ACCOUNTING-METHOD.md 8.2 item 3, the Yixing model): no lump sum, payment_t = k_rev ×
/// revenue_t. The platform records the formula and the schedule instead of a price.
/// </summary>
/// <param name="Share">k_rev in [0, 1].</param>
/// <param name="Payments">Expected payments per year.</param>
public sealed record RevenueShareSchedule(decimal Share, IReadOnlyList<RevenueSharePayment> Payments)
{
    /// <summary>The contract formula for the record.</summary>
    public string Formula => "payment_t = k_rev · revenue_t";

    /// <summary>Σ expected payments over the term, 元 (informative, not a price).</summary>
    public decimal ExpectedTotal => Payments.Sum(p => p.Payment);
}

/// <summary>Builds revenue-share schedules.</summary>
public static class RevenueShare
{
    /// <summary>The schedule payment_t = k_rev × revenue_t.</summary>
    /// <param name="share">k_rev in [0, 1] (Yixing: 0.20).</param>
    /// <param name="expectedRevenues">Expected revenue per year of the term.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">k_rev outside [0, 1].</exception>
    public static RevenueShareSchedule Schedule(decimal share, IReadOnlyList<decimal> expectedRevenues)
    {
        ArgumentNullException.ThrowIfNull(expectedRevenues);
        ArgumentOutOfRangeException.ThrowIfNegative(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1m);
        return new RevenueShareSchedule(share, [.. expectedRevenues.Select((r, i) => new RevenueSharePayment(i + 1, r, share * r))]);
    }
}
