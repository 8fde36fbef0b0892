using FsCheck;
using FsCheck.Fluent;
using Qingshan.Valuation.Methods;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Tests.Methods;

public sealed class SoilRetentionTests
{
    [Fact]
    public void Soil_retention_is_potential_minus_actual_erosion()
    {
        // R = 100, K = 0.03, LS = 2: A_p = 100 × 0.03 × 2 = 6 t/hm²; C = 0.2, P = 0.5: A_a = 6 × 0.1 = 0.6; A_c = 5.4.
        Assert.Equal(6m, SoilRetention.PotentialErosion(100m, 0.03m, 2m));
        Assert.Equal(0.6m, SoilRetention.ActualErosion(100m, 0.03m, 2m, 0.2m, 0.5m));
        Assert.Equal(5.4m, SoilRetention.RetentionPerHectare(100m, 0.03m, 2m, 0.2m, 0.5m));
    }

    [Fact]
    public void Retention_caused_by_measures_is_erosion_before_minus_erosion_after()
    {
        // A_p = 6; before C·P = 0.5 × 1 = 0.5 → 3; after 0.2 × 0.5 = 0.1 → 0.6; increment 2.4 t/hm².
        Assert.Equal(2.4m, SoilRetention.RetentionByMeasuresPerHectare(100m, 0.03m, 2m, 0.5m, 1m, 0.2m, 0.5m));
    }

    [Theory]
    [InlineData(1.2, 0.5)]
    [InlineData(0.5, -0.1)]
    public void Cover_and_practice_factors_outside_zero_to_one_are_refused(double c, double p)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SoilRetention.RetentionPerHectare(100m, 0.03m, 2m, (decimal)c, (decimal)p));
    }

    [Fact]
    public void Garze_2010_soil_retention_is_sediment_plus_nitrogen_plus_phosphorus()
    {
        // Garzê 2010 [S]: Q_sr = 38.86×10⁸ t.
        var retained = Mass.FromTonnes(38.86e8m);

        // Sediment: 0.24 × 38.86e8 / 0.93 = 10.028e8 m³ (published 10.03e8); × 15.58 = 156.24e8 (published 156.26e8).
        var sediment = SoilRetention.SedimentValue(retained, 0.24m, 0.93m, 15.58m);
        Tolerance.Within(10.03e8m, SoilRetention.SedimentVolume(retained, 0.24m, 0.93m).CubicMetres);
        Tolerance.Within(156.26e8m, sediment.Yuan);

        // N: 38.86e8 × 0.0037 = 1 437.8e4 t × 875 = 125.81e8 (published 125.82e8).
        // P: 38.86e8 × 0.00108 = 419.7e4 t × 2 800 = 117.51e8 (published 117.52e8).
        var pollution = SoilRetention.NonPointPollutionValue(retained, 0.0037m, 0.00108m, 875m, 2_800m);
        Tolerance.Within(125.82e8m + 117.52e8m, pollution.Yuan);

        // Total published 399.60×10⁸ 元.
        Tolerance.Within(399.60e8m, (sediment + pollution).Yuan);
    }

    [Fact]
    public void Cai_cover_factor_is_one_on_bare_soil_and_zero_above_78_point_3_percent_cover()
    {
        Assert.Equal(1d, Rusle.CoverManagementFromVegetationCover(0d));
        Assert.Equal(0d, Rusle.CoverManagementFromVegetationCover(80d));
        // f = 10 %: 0.6508 − 0.3436 × lg 10 = 0.3072.
        Assert.Equal(0.3072, Rusle.CoverManagementFromVegetationCover(10d), 10);
    }

    [Fact]
    public void Slope_steepness_follows_McCool_below_nine_percent()
    {
        // 5° is 8.75 % slope: S = 10.8 × sin 5° + 0.03 = 10.8 × 0.0871557 + 0.03 = 0.97128.
        Assert.Equal(0.97128, Rusle.SlopeSteepness(5d), 4);
        // 20° with Liu Baoyuan: 21.91 × sin 20° − 0.96 = 21.91 × 0.342020 − 0.96 = 6.5336.
        Assert.Equal(6.5336, Rusle.SlopeSteepness(20d, useLiuBaoyuanAbove10Degrees: true), 3);
    }

    [Fact]
    public void Slope_length_factor_is_one_at_the_unit_plot_length_and_caps_at_122_metres()
    {
        Assert.Equal(1d, Rusle.SlopeLength(22.13, 3d), 12);
        Assert.Equal(Rusle.SlopeLength(122d, 15d), Rusle.SlopeLength(400d, 15d));
    }

    [Fact]
    public void EPIC_erodibility_multiplies_texture_silt_carbon_and_sand_terms()
    {
        // SAN 40, SIL 40, CLA 20, C 1 %:
        // 0.2 + 0.3·exp(−0.0256·40·0.6) = 0.2 + 0.3·0.540970 = 0.362291
        // (40/60)^0.3 = 0.885467
        // 1 − 0.25·1/(1 + exp(0.77)) = 1 − 0.25/3.159766 = 0.920880
        // SN1 = 0.6: 1 − 0.42/(0.6 + exp(8.23)) = 1 − 0.42/3 753.0 = 0.999888
        // K = 0.362291 × 0.885467 × 0.920880 × 0.999888 = 0.29538 (US units); × 0.1317 = 0.038902 (SI).
        var k = Rusle.ErodibilityEpic(40d, 40d, 20d, 1d);
        Assert.Equal(0.29538, k, 4);
        Assert.Equal(0.038902, Rusle.ErodibilityToSi(k), 5);
        // Chinese correction: −0.01383 + 0.51575 × 0.038902 = 0.006233.
        Assert.Equal(0.006233, Rusle.ErodibilityChineseCorrection(Rusle.ErodibilityToSi(k)), 5);
    }

    [Fact]
    public void Soil_retention_value_is_monotone_in_tonnes_retained() =>
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), (a, b) =>
        {
            var (low, high) = a <= b ? (a, b) : (b, a);
            decimal Value(int t) =>
                SoilRetention.SedimentValue(Mass.FromTonnes(t), 0.24m, 1.2m, 20m).Yuan
                + SoilRetention.NonPointPollutionValue(Mass.FromTonnes(t), 0.001m, 0.0005m, 1_750m, 5_600m).Yuan;
            return Value(low) <= Value(high);
        }).QuickCheckThrowOnFailure();
}
