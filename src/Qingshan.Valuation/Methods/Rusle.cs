namespace Qingshan.Valuation.Methods;

/// <summary>
/// RUSLE factor kernels for raster jobs (ACCOUNTING-METHOD.md 3.3). These run per pixel outside the engine, so they
/// use <see cref="double"/> (section 0.3: double only inside raster or model kernels).
/// </summary>
public static class Rusle
{
    /// <summary>
    /// Cover-management factor from fractional vegetation cover, Cai Chongfa (蔡崇法 2000) [S] (Huanghua):
    /// C = 1 at f = 0; C = 0.6508 − 0.3436·lg f for 0 &lt; f &lt; 78.3; C = 0 for f ≥ 78.3.
    /// </summary>
    /// <param name="coverPercent">Vegetation cover f in percent, 0–100.</param>
    /// <returns>C in [0, 1] (clamped to 1 for very small f, where the formula exceeds 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">f outside 0–100.</exception>
    public static double CoverManagementFromVegetationCover(double coverPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(coverPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(coverPercent, 100d);
        if (coverPercent == 0d)
        {
            return 1d;
        }

        if (coverPercent >= 78.3)
        {
            return 0d;
        }

        return Math.Clamp(0.6508 - (0.3436 * Math.Log10(coverPercent)), 0d, 1d);
    }

    /// <summary>
    /// Slope steepness factor. McCool (InVEST guide) [S]: S = 10.8 sinθ + 0.03 below 9 % slope, 16.8 sinθ − 0.50 from
    /// 9 %; with <paramref name="useLiuBaoyuanAbove10Degrees"/>, Chinese practice S = 21.91 sinθ − 0.96 for θ ≥ 10° [K].
    /// </summary>
    /// <param name="slopeDegrees">Slope θ in degrees, 0–90.</param>
    /// <param name="useLiuBaoyuanAbove10Degrees">Apply Liu Baoyuan's steep-slope form.</param>
    /// <returns>S.</returns>
    /// <exception cref="ArgumentOutOfRangeException">θ outside 0–90.</exception>
    public static double SlopeSteepness(double slopeDegrees, bool useLiuBaoyuanAbove10Degrees = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slopeDegrees);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slopeDegrees, 90d);
        var theta = slopeDegrees * Math.PI / 180d;
        var sin = Math.Sin(theta);
        if (useLiuBaoyuanAbove10Degrees && slopeDegrees >= 10d)
        {
            return (21.91 * sin) - 0.96;
        }

        return Math.Tan(theta) < 0.09 ? (10.8 * sin) + 0.03 : (16.8 * sin) - 0.50;
    }

    /// <summary>
    /// Slope length factor L = (λ/22.13)^m with λ capped at 122 m (InVEST default) [S]; m = 0.2 (≤ 1 %), 0.3 (1–3.5 %),
    /// 0.4 (3.5–5 %), 0.5 (5–9 %), and β/(1+β) above 9 % with β = (sinθ/0.0896)/(3 sinθ^0.8 + 0.56) (InVEST).
    /// </summary>
    /// <param name="slopeLengthMetres">λ in m, ≥ 0.</param>
    /// <param name="slopeDegrees">θ in degrees, 0–90.</param>
    /// <returns>L.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Negative λ or θ outside 0–90.</exception>
    public static double SlopeLength(double slopeLengthMetres, double slopeDegrees)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slopeLengthMetres);
        ArgumentOutOfRangeException.ThrowIfNegative(slopeDegrees);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slopeDegrees, 90d);
        var theta = slopeDegrees * Math.PI / 180d;
        var percent = Math.Tan(theta) * 100d;
        double m;
        if (percent <= 1d)
        {
            m = 0.2;
        }
        else if (percent <= 3.5)
        {
            m = 0.3;
        }
        else if (percent <= 5d)
        {
            m = 0.4;
        }
        else if (percent <= 9d)
        {
            m = 0.5;
        }
        else
        {
            var sin = Math.Sin(theta);
            var beta = sin / 0.0896 / ((3d * Math.Pow(sin, 0.8)) + 0.56);
            m = beta / (1d + beta);
        }

        return Math.Pow(Math.Min(slopeLengthMetres, 122d) / 22.13, m);
    }

    /// <summary>
    /// Soil erodibility by the EPIC formula of Williams (InVEST guide, Huanghua) [S]:
    /// K = {0.2 + 0.3·exp[−0.0256·SAN·(1 − SIL/100)]}·[SIL/(CLA + SIL)]^0.3·{1 − 0.25·C/[C + exp(3.72 − 2.95·C)]}
    /// ·{1 − 0.7·SN1/[SN1 + exp(−5.51 + 22.9·SN1)]}, SN1 = 1 − SAN/100. The result is in US customary units; use
    /// <see cref="ErodibilityToSi"/> and, if the county's practice wants it, <see cref="ErodibilityChineseCorrection"/>.
    /// </summary>
    /// <param name="sandPercent">SAN, sand content in percent, 0–100.</param>
    /// <param name="siltPercent">SIL, silt content in percent, 0–100.</param>
    /// <param name="clayPercent">CLA, clay content in percent, 0–100; SIL + CLA must be positive.</param>
    /// <param name="organicCarbonPercent">C, organic carbon in percent, ≥ 0.</param>
    /// <returns>K_EPIC in US customary units (t·acre·h/(hundreds of acre·ft·tonf·in)).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A content outside 0–100, or no silt and clay at all.</exception>
    public static double ErodibilityEpic(double sandPercent, double siltPercent, double clayPercent, double organicCarbonPercent)
    {
        foreach (var (value, name) in new[] { (sandPercent, nameof(sandPercent)), (siltPercent, nameof(siltPercent)), (clayPercent, nameof(clayPercent)) })
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, name);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 100d, name);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(organicCarbonPercent);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(siltPercent + clayPercent, nameof(clayPercent));
        var sn1 = 1d - (sandPercent / 100d);
        var texture = 0.2 + (0.3 * Math.Exp(-0.0256 * sandPercent * (1d - (siltPercent / 100d))));
        var siltRatio = Math.Pow(siltPercent / (clayPercent + siltPercent), 0.3);
        var carbon = 1d - (0.25 * organicCarbonPercent / (organicCarbonPercent + Math.Exp(3.72 - (2.95 * organicCarbonPercent))));
        var sand = 1d - (0.7 * sn1 / (sn1 + Math.Exp(-5.51 + (22.9 * sn1))));
        return texture * siltRatio * carbon * sand;
    }

    /// <summary>US customary K to SI t·hm²·h/(hm²·MJ·mm): × 0.1317 [K].</summary>
    /// <param name="kUsCustomary">K in US customary units.</param>
    /// <returns>K in SI units.</returns>
    public static double ErodibilityToSi(double kUsCustomary) => kUsCustomary * 0.1317;

    /// <summary>The Chinese correction often applied to EPIC K (SI): K = −0.01383 + 0.51575·K_EPIC [K].</summary>
    /// <param name="kEpicSi">EPIC K in SI units.</param>
    /// <returns>Corrected K.</returns>
    public static double ErodibilityChineseCorrection(double kEpicSi) => -0.01383 + (0.51575 * kEpicSi);
}
