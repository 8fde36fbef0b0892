using FsCheck;
using FsCheck.Fluent;
using Qingshan.Valuation.Appraisal;

namespace Qingshan.Valuation.Tests.Appraisal;

public sealed class AppraisalTests
{
    [Fact]
    public void Income_approach_discounts_each_years_capturable_value_at_the_end_of_the_year()
    {
        // Method doc 8.2: V_cap = 230×10⁴, s = 1, r = 4 %, n = 3, end of year:
        // 1/1.04 = 0.961538, 1/1.0816 = 0.924556, 1/1.124864 = 0.888996; Σ = 2.775091; × 230 = 638.27×10⁴ 元.
        var result = IncomeApproach.Appraise(IncomeApproach.Flows(2_300_000m, 3), 1m, 0.04m, PaymentTiming.EndOfYear);
        Assert.Equal(638.27m, Math.Round(result.ReferencePrice / 10_000m, 2));
        Assert.Equal(3, result.Working.Count);
        Assert.Equal(0.961538m, Math.Round(result.Working[0].Factor, 6));
        Assert.Equal(result.ReferencePrice, result.Working.Sum(w => w.Result));
    }

    [Fact]
    public void Start_of_year_timing_leaves_the_first_year_undiscounted()
    {
        // 博文静 2017 timing: 230 × (1 + 0.961538 + 0.924556) = 230 × 2.886095 = 663.80×10⁴ 元.
        var result = IncomeApproach.Appraise(IncomeApproach.Flows(2_300_000m, 3), 1m, 0.04m, PaymentTiming.StartOfYear);
        Assert.Equal(663.80m, Math.Round(result.ReferencePrice / 10_000m, 2));
        Assert.Equal(2_300_000m, result.Working[0].Result);
    }

    [Fact]
    public void Only_the_right_holders_share_of_the_capturable_value_is_capitalised()
    {
        // s = 0.5 halves every flow: 638.27 / 2 = 319.14×10⁴ 元 (to the nearest 100 元).
        var result = IncomeApproach.Appraise(IncomeApproach.Flows(2_300_000m, 3), 0.5m, 0.04m, PaymentTiming.EndOfYear);
        Assert.Equal(319.14m, Math.Round(result.ReferencePrice / 10_000m, 2));
    }

    [Fact]
    public void Growth_compounds_the_capturable_value_from_the_second_year()
    {
        // 100, 100 × 1.02 = 102, 102 × 1.02 = 104.04.
        Assert.Equal([100m, 102m, 104.04m], IncomeApproach.Flows(100m, 3, 0.02m));
    }

    [Fact]
    public void A_higher_discount_rate_never_raises_the_income_approach_price() =>
        Prop.ForAll(Gen.Choose(0, 200).ToArbitrary(), Gen.Choose(0, 200).ToArbitrary(), Gen.Choose(1, 30).ToArbitrary(), (a, b, years) =>
        {
            var (low, high) = a <= b ? (a / 1_000m, b / 1_000m) : (b / 1_000m, a / 1_000m);
            var flows = IncomeApproach.Flows(1_000_000m, years);
            return IncomeApproach.Appraise(flows, 1m, high, PaymentTiming.EndOfYear).ReferencePrice
                <= IncomeApproach.Appraise(flows, 1m, low, PaymentTiming.EndOfYear).ReferencePrice;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Share_of_accounted_value_is_the_realization_coefficient_times_the_term_total()
    {
        // Badong-like check: 71×10⁴ 元/a over 20 a × k = 0.13 = 184.6×10⁴ 元 (the trade price was 184×10⁴).
        var result = ShareOfAccountedValue.Appraise(Enumerable.Repeat(710_000m, 20).ToArray(), 0.13m);
        Assert.Equal(1_846_000m, result.ReferencePrice);
        Assert.Equal(20, result.Working.Count);
    }

    [Fact]
    public void Revenue_share_records_a_schedule_instead_of_a_price()
    {
        // Yixing: 20 % of 3 000×10⁴ 元/a expected = 600×10⁴ 元/a, for 5 a = 3 000×10⁴ 元 expected in total.
        var schedule = RevenueShare.Schedule(0.20m, Enumerable.Repeat(30_000_000m, 5).ToArray());
        Assert.All(schedule.Payments, p => Assert.Equal(6_000_000m, p.Payment));
        Assert.Equal(30_000_000m, schedule.ExpectedTotal);
        Assert.Equal("payment_t = k_rev · revenue_t", schedule.Formula);
    }

    [Fact]
    public void Cost_approach_is_unrecovered_investment_plus_a_reasonable_return()
    {
        // Pan'an: 920×10⁴ 元 spent, nothing recovered, 8.7 % return → 920 × 1.087 = 1 000.04×10⁴ 元 (trade 1 000×10⁴).
        var result = CostApproach.Appraise(9_200_000m, 0m, 0.087m);
        Assert.Equal(10_000_400m, result.ReferencePrice);
        // Already recovered 200×10⁴ → (920 − 200) × 1.05 = 756×10⁴.
        Assert.Equal(7_560_000m, CostApproach.Appraise(9_200_000m, 2_000_000m, 0.05m).ReferencePrice);
    }

    [Fact]
    public void Reserve_price_below_the_cost_floor_is_refused_unless_the_approver_records_a_reason()
    {
        var refusal = ReservePriceRule.Check(9_000_000m, 10_000_400m, null);
        Assert.Equal("appraisal.reserve_price.below_cost_floor", refusal?.Code);
        Assert.Null(ReservePriceRule.Check(9_000_000m, 10_000_400m, "县政府常务会议纪要〔2024〕12号"));
        Assert.Null(ReservePriceRule.Check(10_000_400m, 10_000_400m, null));
    }

    [Fact]
    public void Appraisal_inputs_outside_their_domain_are_a_callers_mistake()
    {
        Assert.Throws<ArgumentException>(() => IncomeApproach.Appraise([], 1m, 0.04m, PaymentTiming.EndOfYear));
        Assert.Throws<ArgumentOutOfRangeException>(() => IncomeApproach.Appraise([1m], 1.1m, 0.04m, PaymentTiming.EndOfYear));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShareOfAccountedValue.Appraise([1m], -0.1m));
    }
}
